import { Stack } from 'aws-cdk-lib';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ProtectedHttpApiWithCognito } from '../../../src';
import { BACKEND_URL, defaultHttpApi, maximalHttpApi } from '../../fixtures/maximal-http';
import { TUTORIAL_PROPS, newStack } from '../../helpers';
import { documentFindings, resolvedDocument } from '../../openapi-checks';

const READ = 'awesomeapi-resource-server/awesomeapi.read';

function doc(stack: Stack, api: ProtectedHttpApiWithCognito) {
  return resolvedDocument(stack, api.openApiDocument());
}

describe('the OpenAPI document of an HTTP API', () => {
  test('the server is the default stage\'s URL, with no path; the title is the API\'s name', () => {
    const stack = newStack();
    const api = defaultHttpApi(stack);

    const document = doc(stack, api);

    expect(document.servers).toEqual([{
      url: expect.stringMatching(/^https:\/\/made-up-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com$/),
      description: 'The API\'s default stage',
    }]);
    expect(document.info.title).toBe('Api');
    expect(JSON.stringify(stack.resolve(api.openApiDocument())))
      .toContain('"url\\":\\"https://",{"Ref":"AwesomeApiE9FCAB5B"},".execute-api.us-east-1.",{"Ref":"AWS::URLSuffix"},"\\"');
  });

  test('each route is an operation with its scopes; its answers are the integration\'s, and the authorizer\'s 401 and 403', () => {
    const stack = newStack();
    const api = defaultHttpApi(stack);

    const { paths } = doc(stack, api);

    expect(paths['/awesomeapi'].get.security).toEqual([{ cognito: [READ] }]);
    expect(paths['/health'].get.security).toEqual([]);
    expect(paths['/awesomeapi'].get.responses).toEqual({
      '401': {
        description: 'Refused by the JWT authorizer: no access token, or one that is invalid, expired, not from this user pool, '
          + 'or of an app client the API does not accept.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } } },
      },
      '403': {
        description: 'Refused by the JWT authorizer: the access token has none of the operation\'s scopes.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } } },
      },
      '2XX': { description: 'What the integration answers (the construct knows no more of it).' },
    });
    expect(paths['/health'].get.responses).toEqual({ '2XX': { description: 'What the integration answers (the construct knows no more of it).' } });
  });

  test('an ANY route serves OPTIONS only without CORS; routes and machine clients added after the call are in it', () => {
    const build = (corsAllowOrigins?: string[]) => {
      const stack = newStack();
      const api = new ProtectedHttpApiWithCognito(stack, 'Api', {
        ...TUTORIAL_PROPS,
        scopes: [...TUTORIAL_PROPS.scopes, { name: 'admin', description: 'administer' }],
        clientScopes: ['awesomeapi.read'],
        corsAllowOrigins,
      });
      const document = api.openApiDocument();
      api.addRoute('ANY', '/files/{proxy+}', { integration: new integrations.HttpUrlIntegration('B', BACKEND_URL), scopes: ['awesomeapi.read'] });
      api.addMachineClient('Admin', { scopes: ['admin'] });
      return resolvedDocument(stack, document);
    };

    const withCors = build();
    const withoutCors = build([]);

    expect(Object.keys(withCors.paths['/files/{proxy}']).sort()).toEqual(['delete', 'get', 'head', 'parameters', 'patch', 'post', 'put']);
    expect(Object.keys(withoutCors.paths['/files/{proxy}'])).toContain('options');
    expect(withCors.components.securitySchemes.cognito.flows.clientCredentials.scopes).toEqual({ 'awesomeapi-resource-server/admin': 'administer' });
  });

  test.each([
    ['the default HTTP API', defaultHttpApi],
    ['the every-feature HTTP API', maximalHttpApi],
  ])('%s: the validator accepts it and spectral:oas reports no error', async (_, build) => {
    const stack = newStack();
    const api = build(stack);

    const findings = await documentFindings(doc(stack, api));

    expect(findings.validatorErrors).toEqual([]);
    expect(findings.spectralErrors).toEqual([]);
    expect(findings.spectralWarnings).toEqual(['info-contact at info: Info object must have "contact" object.']);
  });
});
