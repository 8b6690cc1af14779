import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpSettings } from './settings';
import { OpenApiFront, executeApiUrl } from '../openapi';

/*
 * What the OpenAPI document says of an HTTP API: its default stage's URL, its CORS preflights and
 * what its JWT authorizer's refusals mean.
 *
 * Sources, in the API Gateway developer guide (HTTP APIs, JWT authorizers): a request without a
 * valid token (signature, issuer, expiry, `client_id` among the audience) is refused with 401; a
 * valid token with none of the route's scopes with 403. With CORS on the API, API Gateway answers
 * every preflight itself.
 */
export function httpOpenApiFront(httpApi: apigwv2.HttpApi, settings: HttpSettings): OpenApiFront {
  return {
    title: httpApi.httpApiName ?? 'HTTP API',
    description: 'An HTTP API whose operations demand OAuth 2.0 scopes of a Cognito user pool.',
    // The default stage ($default) has no path of its own.
    serverUrl: executeApiUrl(httpApi, httpApi.apiId, ''),
    serverDescription: 'The API\'s default stage',
    answersPreflight: settings.corsOrigins.length > 0,
    unauthorized: 'Refused by the JWT authorizer: no access token, or one that is invalid, expired, not from this '
      + 'user pool, or of an app client the API does not accept.',
    forbidden: 'Refused by the JWT authorizer: the access token has none of the operation\'s scopes.',
  };
}
