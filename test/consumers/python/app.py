"""The tutorial's app as a Python user writes it, against the wheel this project builds.

test/consumers/run.sh installs that wheel and the same aws-cdk-lib version as the TypeScript
reference (typescript/app.ts) into a fresh virtual environment, runs this app and fails unless
both templates are identical. The output directory comes from CDK_OUTDIR.
"""
import os

import aws_cdk as cdk
from cdk_cognito_protected_api import ApiScope, ProtectedApiWithCognito

app = cdk.App()
stack = cdk.Stack(
    app,
    "AwesomeApiStack",
    env=cdk.Environment(region=os.environ.get("CDK_DEFAULT_REGION", "us-east-1")),
)

api = ProtectedApiWithCognito(
    stack,
    "AwesomeApi",
    domain_prefix="buraktas-awesome-domain",
    resource_server_identifier="awesomeapi-resource-server",
    scopes=[ApiScope(name="awesomeapi.read", description="awesomeapi read scope")],
    callback_urls=["http://localhost:3000/dashboard"],
)
api.add_method("GET", "/awesomeapi", scopes=["awesomeapi.read"])

app.synth()
