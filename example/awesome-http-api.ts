import { Stack } from 'aws-cdk-lib';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ProtectedHttpApiWithCognito } from '../src';
import type { WebAppUrls } from './awesome-api';

/**
 * The function behind every route: it answers the route it was called on and the app client whose
 * token the JWT authorizer let in (API Gateway hands the token's claims to the integration). Inline
 * code, so that the end-to-end test's API stand-in can run it as it is in the template.
 */
export const HELLO_HANDLER = [
  'exports.handler = async (event) => ({',
  '  statusCode: 200,',
  "  headers: { 'content-type': 'application/json' },",
  '  body: JSON.stringify({',
  "    message: 'Hello From Protected Resource',",
  '    route: event.routeKey,',
  '    client_id: event.requestContext.authorizer?.jwt?.claims?.client_id ?? null,',
  '  }),',
  '});',
].join('\n');

/**
 * The example's API as an HTTP API: the same Cognito side as the REST example (example/awesome-api.ts),
 * for a web app at `web`. The app's users may call GET /awesomeapi; GET /awesomeapi/admin demands a
 * scope only the machine client can get; GET /awesomeapi/public needs no token.
 */
export function addAwesomeHttpApi(stack: Stack, web: WebAppUrls): ProtectedHttpApiWithCognito {
  const api = new ProtectedHttpApiWithCognito(stack, 'AwesomeHttpApi', {
    domainPrefix: 'buraktas-awesome-http',
    resourceServerIdentifier: 'awesomeapi-resource-server',
    scopes: [
      { name: 'awesomeapi.read', description: 'awesomeapi read scope' },
      { name: 'awesomeapi.admin', description: 'awesomeapi administration scope' },
    ],
    clientScopes: ['awesomeapi.read'],
    callbackUrls: web.callbackUrls,
    logoutUrls: web.logoutUrls,
  });
  const hello = new lambda.Function(stack, 'Hello', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(HELLO_HANDLER),
  });
  api.addRoute('GET', '/awesomeapi', { integration: new HttpLambdaIntegration('Read', hello), scopes: ['awesomeapi.read'] });
  // A route the web app's users cannot call: the JWT authorizer answers 403 to a token without the scope.
  api.addRoute('GET', '/awesomeapi/admin', { integration: new HttpLambdaIntegration('Admin', hello), scopes: ['awesomeapi.admin'] });
  api.addRoute('GET', '/awesomeapi/public', { integration: new HttpLambdaIntegration('Public', hello), allowUnauthenticated: true });
  // Added after the routes: the authorizer's audience must list it all the same.
  api.addMachineClient('AdminTool', { scopes: ['awesomeapi.admin'] });
  return api;
}
