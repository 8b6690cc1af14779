/**
 * Integration test: the tutorial's setup plus machine clients, deployed by integ-runner and
 * checked over real HTTP. Anyone with an AWS account can run it:
 *
 *   npx integ-runner --language typescript --directory test --force   (deploys, asserts, destroys)
 *
 * CI cannot reach AWS: it checks that the code still synthesizes the committed snapshot
 * (`npx projen integ`), so a change to the template is never silent.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ProtectedApiWithCognito } from '../src';

const app = new App();
const stack = new Stack(app, 'ProtectedApiIntegStack');

const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', {
  // Prefixes are unique per region across all accounts: make this one the tester's own.
  domainPrefix: `protected-api-integ-${Aws.ACCOUNT_ID}`,
  resourceServerIdentifier: 'awesomeapi-resource-server',
  scopes: [
    { name: 'awesomeapi.read', description: 'awesomeapi read scope' },
    { name: 'awesomeapi.write', description: 'awesomeapi write scope' },
  ],
  callbackUrls: ['http://localhost:3000/dashboard'],
  stageName: 'integ',
  // Only in this test stack: leave nothing behind that holds data.
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
});
api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
const reader = api.addMachineClient('Reader', { scopes: ['awesomeapi.read'] });
const writer = api.addMachineClient('Writer', { scopes: ['awesomeapi.write'] });

const integ = new IntegTest(app, 'ProtectedApiInteg', {
  testCases: [stack],
  stackUpdateWorkflow: false,
});

const methodUrl = `${api.apiUrl}awesomeapi`;

/** A client-credentials access token of a machine client, for one scope. */
function accessToken(clientId: string, scope: string): string {
  const described = integ.assertions.awsApiCall('CognitoIdentityProvider', 'describeUserPoolClient', {
    UserPoolId: api.userPool.userPoolId,
    ClientId: clientId,
  });
  const secret = described.getAttString('UserPoolClient.ClientSecret');
  const token = integ.assertions.httpApiCall(api.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}`
      + `&scope=${encodeURIComponent(`awesomeapi-resource-server/${scope}`)}`,
  });
  token.expect(ExpectedResult.objectLike({ status: 200 }));
  token.node.addDependency(described);
  return token.getAttString('body.access_token');
}

// 1. No token: the authorizer answers 401, with the CORS headers the gateway responses add.
integ.assertions.httpApiCall(methodUrl).expect(ExpectedResult.objectLike({ status: 401 }));

// 2. A token with a scope the method accepts: 200 and the mock's body.
const readToken = accessToken(reader.userPoolClientId, 'awesomeapi.read');
integ.assertions.httpApiCall(methodUrl, { headers: { Authorization: readToken } })
  .expect(ExpectedResult.objectLike({
    status: 200,
    body: { message: 'Hello From Protected Resource' },
  }))
  .waitForAssertions({ totalTimeout: Duration.minutes(2), interval: Duration.seconds(10) });

// 3. A valid token with only another scope: refused.
const writeToken = accessToken(writer.userPoolClientId, 'awesomeapi.write');
integ.assertions.httpApiCall(methodUrl, { headers: { Authorization: writeToken } })
  .expect(ExpectedResult.objectLike({ ok: false }));
