"""The tutorial's app as a Python user writes it, against the wheel this project builds: the REST
construct (AwesomeApiStack) and the README's smallest HTTP API (AwesomeHttpApiStack).

test/consumers/run.sh installs that wheel and the same aws-cdk-lib version as the TypeScript
reference (typescript/app.ts) into a fresh virtual environment, runs this app and fails unless
both templates are identical. The output directory comes from CDK_OUTDIR.
"""
import os

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk.aws_apigatewayv2_integrations import HttpLambdaIntegration
from cdk_cognito_protected_api import ApiScope, ProtectedApiWithCognito, ProtectedHttpApiWithCognito

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

http_stack = cdk.Stack(
    app,
    "AwesomeHttpApiStack",
    env=cdk.Environment(region=os.environ.get("CDK_DEFAULT_REGION", "us-east-1")),
)
handler = lambda_.Function(
    http_stack,
    "Hello",
    runtime=lambda_.Runtime.NODEJS_22_X,
    handler="index.handler",
    code=lambda_.Code.from_inline('exports.handler = async () => ({ message: "Hello From Protected Resource" });'),
)
http_api = ProtectedHttpApiWithCognito(
    http_stack,
    "AwesomeApi",
    domain_prefix="buraktas-awesome-domain",
    resource_server_identifier="awesomeapi-resource-server",
    scopes=[ApiScope(name="awesomeapi.read", description="awesomeapi read scope")],
    callback_urls=["http://localhost:3000/dashboard"],
)
http_api.add_route(
    "GET",
    "/awesomeapi",
    integration=HttpLambdaIntegration("HelloIntegration", handler),
    scopes=["awesomeapi.read"],
)

app.synth()
