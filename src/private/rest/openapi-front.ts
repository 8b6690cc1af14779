import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { RestSettings } from './settings';
import { OpenApiFront, executeApiUrl } from '../openapi';

/*
 * What the OpenAPI document says of a REST API: its stage's URL, its CORS preflights and what its
 * Cognito authorizer's refusals mean.
 *
 * Sources, in the API Gateway developer guide (Cognito user pool authorizers): a request without a
 * valid token, or with one that has none of the method's authorization scopes, is refused with 401.
 */
export function restOpenApiFront(api: apigateway.RestApi, settings: RestSettings): OpenApiFront {
  return {
    title: api.restApiName,
    description: 'A REST API whose operations demand OAuth 2.0 scopes of a Cognito user pool.',
    serverUrl: executeApiUrl(api, api.restApiId, `/${settings.stageName}`),
    serverDescription: `The API's stage ${settings.stageName}`,
    answersPreflight: settings.corsOrigins.length > 0,
    unauthorized: 'Refused by the authorizer: no access token, or one that is expired, not from this user pool, '
      + 'or without any of the operation\'s scopes.',
    forbidden: 'Refused by API Gateway before the authorizer (for example by a web ACL).',
  };
}
