/**
 * The reference for the consumer test: the tutorial's app as a TypeScript user writes it.
 *
 * `test/consumers/run.sh` runs it in a scratch npm project that installs the npm package this
 * project builds (dist/js) and the aws-cdk-lib version under test; the Python and Go apps next to
 * this one must synthesize exactly the same template. The output directory comes from `CDK_OUTDIR`.
 */
import { App, Stack } from 'aws-cdk-lib';
// Resolved in the scratch project, where the package is installed, as in a user's app.
// eslint-disable-next-line import/no-unresolved, import/no-extraneous-dependencies
import { ProtectedApiWithCognito } from 'cdk-cognito-protected-api';

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

app.synth();
