/**
 * The reference for the consumer test: the tutorial's app as a TypeScript user writes it, with the
 * REST construct (AwesomeApiStack) and the README's smallest HTTP API (AwesomeHttpApiStack).
 *
 * `test/consumers/run.sh` runs it in a scratch npm project that installs the npm package this
 * project builds (dist/js) and the aws-cdk-lib version under test; the Python and Go apps next to
 * this one must synthesize exactly the same template. The output directory comes from `CDK_OUTDIR`.
 */
import { App, Stack } from 'aws-cdk-lib';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
// Resolved in the scratch project, where the package is installed, as in a user's app.
// eslint-disable-next-line import/no-unresolved, import/no-extraneous-dependencies
import { ProtectedApiWithCognito, ProtectedHttpApiWithCognito } from 'cdk-cognito-protected-api';

const app = new App();
const stack = new Stack(app, 'AwesomeApiStack', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});

const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', {
  domainPrefix: 'buraktas-awesome-domain',
  resourceServerIdentifier: 'awesomeapi-resource-server',
  scopes: [{ name: 'awesomeapi.read', description: 'awesomeapi read scope' }],
  callbackUrls: ['http://localhost:3000/dashboard'],
});
api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });

const httpStack = new Stack(app, 'AwesomeHttpApiStack', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
const handler = new lambda.Function(httpStack, 'Hello', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ message: "Hello From Protected Resource" });'),
});
const httpApi = new ProtectedHttpApiWithCognito(httpStack, 'AwesomeApi', {
  domainPrefix: 'buraktas-awesome-domain',
  resourceServerIdentifier: 'awesomeapi-resource-server',
  scopes: [{ name: 'awesomeapi.read', description: 'awesomeapi read scope' }],
  callbackUrls: ['http://localhost:3000/dashboard'],
});
httpApi.addRoute('GET', '/awesomeapi', {
  integration: new HttpLambdaIntegration('HelloIntegration', handler),
  scopes: ['awesomeapi.read'],
});

app.synth();
