/**
 * Integration test: an API split across nested stacks (`methodsInNestedStacks`), deployed by
 * integ-runner and checked over real HTTP: a method in a nested stack refuses a call without a
 * token, answers one with a token of its scope, and its resource answers the CORS preflight like
 * the root in the parent stack. Anyone with an AWS account can run it:
 *
 *   npx integ-runner --language typescript --directory test --force   (deploys, asserts, destroys)
 *
 * CI cannot reach AWS: it checks that the code still synthesizes the committed snapshot
 * (`npx projen integ`), the parent's template and every nested stack's.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { splitApi } from './fixtures/split';

const app = new App();
const stack = new Stack(app, 'SplitApiIntegStack');

const api = splitApi(stack, 'AwesomeApi', {
  // Prefixes are unique per region across all accounts: make this one the tester's own.
  domainPrefix: `split-api-integ-${Aws.ACCOUNT_ID}`,
  stageName: 'integ',
  // Only in this test stack: leave nothing behind that holds data.
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
});
const reader = api.addMachineClient('Reader', { scopes: ['awesomeapi.read'] });

const integ = new IntegTest(app, 'SplitApiInteg', {
  testCases: [stack],
  stackUpdateWorkflow: false,
});

// A method of a nested stack, two levels down.
const methodUrl = `${api.apiUrl}orders/search`;

// 1. No token: the authorizer (in the parent stack) answers 401.
integ.assertions.httpApiCall(methodUrl).expect(ExpectedResult.objectLike({ status: 401 }));

// 2. A token with the method's scope: 200 and the mock's body.
const described = integ.assertions.awsApiCall('CognitoIdentityProvider', 'describeUserPoolClient', {
  UserPoolId: api.userPool.userPoolId,
  ClientId: reader.userPoolClientId,
});
const token = integ.assertions.httpApiCall(api.tokenUrl, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: `grant_type=client_credentials&client_id=${reader.userPoolClientId}`
    + `&client_secret=${described.getAttString('UserPoolClient.ClientSecret')}`
    + `&scope=${encodeURIComponent('awesomeapi-resource-server/awesomeapi.read')}`,
});
token.expect(ExpectedResult.objectLike({ status: 200 }));
token.node.addDependency(described);
integ.assertions.httpApiCall(methodUrl, { headers: { Authorization: token.getAttString('body.access_token') } })
  .expect(ExpectedResult.objectLike({ status: 200, body: { message: 'Hello From Protected Resource' } }))
  .waitForAssertions({ totalTimeout: Duration.minutes(2), interval: Duration.seconds(10) });

// 3. The CORS preflight of a nested stack's resource: 204 with the allowed origin.
integ.assertions.httpApiCall(methodUrl, {
  method: 'OPTIONS',
  headers: { 'Origin': 'http://localhost:3000', 'Access-Control-Request-Method': 'GET' },
}).expect(ExpectedResult.objectLike({
  status: 204,
  headers: { 'access-control-allow-origin': 'http://localhost:3000' },
}));
