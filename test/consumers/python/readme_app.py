"""The README's Python example, run as an app: it must synthesize the tutorial's template too.

Takes the first ```python block of README.md (the Python form of "The smallest example"), runs
it where `stack` is the tutorial's stack, and synthesizes. test/consumers/run.sh compares the
template with the TypeScript reference, so the README cannot drift from what the wheel does.
The output directory comes from CDK_OUTDIR.
"""
import os
import re
import sys
from pathlib import Path

import aws_cdk as cdk

readme = Path(__file__).resolve().parents[3] / "README.md"
blocks = re.findall(r"^```python\n(.*?)^```", readme.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
if not blocks:
    sys.exit(f"no ```python block in {readme}")

app = cdk.App()
stack = cdk.Stack(
    app,
    "AwesomeApiStack",
    env=cdk.Environment(region=os.environ.get("CDK_DEFAULT_REGION", "us-east-1")),
)
exec(compile(blocks[0], f"{readme}: first python block", "exec"), {"stack": stack})

app.synth()
