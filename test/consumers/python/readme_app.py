"""The README's Python examples, run as an app: they must synthesize the tutorial's templates too.

Takes the first ```python block of README.md (the Python form of "The smallest example") and runs
it where `stack` is the tutorial's stack, then the first ```python block of "The smallest HTTP API"
where `stack` is the HTTP stack of the TypeScript reference, and synthesizes. test/consumers/run.sh compares the
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

http_section = readme.read_text(encoding="utf-8").split("\n## The smallest HTTP API\n", 1)
http_blocks = re.findall(r"^```python\n(.*?)^```", http_section[-1], re.MULTILINE | re.DOTALL) if len(http_section) == 2 else []
if not http_blocks:
    sys.exit(f"no ```python block under '## The smallest HTTP API' in {readme}")
http_stack = cdk.Stack(
    app,
    "AwesomeHttpApiStack",
    env=cdk.Environment(region=os.environ.get("CDK_DEFAULT_REGION", "us-east-1")),
)
exec(compile(http_blocks[0], f"{readme}: the smallest HTTP API's python block", "exec"), {"stack": http_stack})

app.synth()
