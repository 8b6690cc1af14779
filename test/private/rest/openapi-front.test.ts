import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { restOpenApiFront } from '../../../src/private/rest/openapi-front';
import { resolveRestSettings } from '../../../src/private/rest/resolve-settings';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

function front(overrides = {}) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { restApiName: 'orders' });
  api.root.addMethod('GET');
  const props = { ...TUTORIAL_PROPS, ...overrides };
  return { stack, front: restOpenApiFront(api, resolveRestSettings(props, resolveCognitoSettings(props))) };
}

test('a REST API: its name, its stage\'s URL without a trailing slash, the authorizer\'s refusals', () => {
  const { stack, front: f } = front({ stageName: 'v2' });

  expect(f.title).toBe('orders');
  expect(stack.resolve(f.serverUrl)).toEqual({
    'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/v2']],
  });
  expect(f.serverDescription).toBe('The API\'s stage v2');
  expect(f.unauthorized).toBe('Refused by the authorizer: no access token, or one that is expired, not from this user pool, '
    + 'or without any of the operation\'s scopes.');
  expect(f.forbidden).toBe('Refused by API Gateway before the authorizer (for example by a web ACL).');
});

test('the API answers preflights itself when CORS allows some origin', () => {
  expect([front().front.answersPreflight, front({ corsAllowOrigins: [] }).front.answersPreflight]).toEqual([true, false]);
});
