import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { addAwesomeApi } from '../../example/awesome-api';
import { ProtectedApiWithCognito } from '../../src';
import { executeApiUrl } from '../../src/private/openapi';
import { maximalApi } from '../fixtures/maximal';
import { TUTORIAL_PROPS, newStack, tutorialApi } from '../helpers';
import { documentFindings, resolvedDocument } from '../openapi-checks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const READ = 'awesomeapi-resource-server/awesomeapi.read';
const ADMIN = 'awesomeapi-resource-server/awesomeapi.admin';
/** The prefix domain, whose name the document takes from the domain resource (a `Ref`, made up here). */
const DOMAIN = 'https://made-up-erpooldomain153fea2d.auth.us-east-1.amazoncognito.com';

/** The tutorial's API with a read and an admin scope, a machine client for admin. */
function twoScopes(stack: Stack, overrides = {}): ProtectedApiWithCognito {
  return tutorialApi(stack, {
    scopes: [
      { name: 'awesomeapi.read', description: 'read things' },
      { name: 'awesomeapi.admin', description: 'administer things' },
    ],
    clientScopes: ['awesomeapi.read'],
    ...overrides,
  });
}

function doc(stack: Stack, api: ProtectedApiWithCognito): Doc {
  return resolvedDocument(stack, api.openApiDocument());
}

describe('servers and the OAuth 2.0 scheme', () => {
  test('the server is the stage\'s URL, without a trailing slash', () => {
    const stack = newStack();
    const api = twoScopes(stack, { stageName: 'v1' });
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });

    const { servers } = doc(stack, api);

    expect(servers).toEqual([{
      url: expect.stringMatching(/^https:\/\/made-up-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com\/v1$/),
      description: 'The API\'s stage v1',
    }]);
    // The same API id as the construct's own URL.
    const apiUrl = stack.resolve(api.apiUrl) as { 'Fn::Join': [string, unknown[]] };
    expect(JSON.stringify(stack.resolve(api.openApiDocument()))).toContain(JSON.stringify(apiUrl['Fn::Join'][1][1]));
  });

  test('the authorization-code flow has the domain\'s endpoints, openid and every scope with its description', () => {
    const stack = newStack();
    const api = twoScopes(stack);
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });

    const scheme = doc(stack, api).components.securitySchemes.cognito;

    expect(scheme.type).toBe('oauth2');
    expect(scheme.flows).toEqual({
      authorizationCode: {
        authorizationUrl: `${DOMAIN}/oauth2/authorize`,
        tokenUrl: `${DOMAIN}/oauth2/token`,
        scopes: {
          openid: 'OpenID Connect sign-in: an ID token besides the access token',
          [READ]: 'read things',
          [ADMIN]: 'administer things',
        },
      },
    });
    expect(scheme.description).toMatch(/^Access tokens of the Cognito user pool\. People sign in through the public browser client made-up-\w+ \(no secret: use PKCE\), which may request openid, awesomeapi-resource-server\/awesomeapi\.read;/);
  });

  test('machine clients add the client-credentials flow with the scopes they may hold, also when added after the call', () => {
    const stack = newStack();
    const api = twoScopes(stack);
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    const document = api.openApiDocument();
    api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });
    api.addMachineClient('Reader', { scopes: ['awesomeapi.read', 'awesomeapi.admin'] });

    const flows = resolvedDocument(stack, document).components.securitySchemes.cognito.flows;

    expect(flows.clientCredentials).toEqual({
      tokenUrl: `${DOMAIN}/oauth2/token`,
      scopes: { [READ]: 'read things', [ADMIN]: 'administer things' },
    });
  });

  test('the login domain is the domain resource\'s, known at deploy time: a token in the string', () => {
    const stack = newStack();
    const api = twoScopes(stack);
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });

    const resolved = JSON.stringify(stack.resolve(api.openApiDocument()));

    expect(resolved).toContain('\\"authorizationUrl\\":\\"https://",{"Ref":"AwesomeApiUserPoolDomain153FEA2D"},".auth.us-east-1.amazoncognito.com/oauth2/authorize');
  });
});

test('executeApiUrl: the default endpoint of an API in the stack\'s region, then the stage path', () => {
  const stack = newStack();
  expect([executeApiUrl(stack, 'abc', '/prod'), executeApiUrl(stack, 'abc', '')].map((url) => stack.resolve(url))).toEqual([
    { 'Fn::Join': ['', ['https://abc.execute-api.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/prod']] },
    { 'Fn::Join': ['', ['https://abc.execute-api.us-east-1.', { Ref: 'AWS::URLSuffix' }]] },
  ]);
});

describe('operations', () => {
  test('each method is an operation whose security lists exactly its scopes, any one of them; a public one has none', () => {
    const stack = newStack();
    const api = twoScopes(stack);
    api.addMethod('GET', '/items', { scopes: ['awesomeapi.read', 'awesomeapi.admin'] });
    api.addMethod('delete', '/items/{itemId}', { scopes: ['awesomeapi.admin'] });
    api.addMethod('GET', '/health', { allowUnauthenticated: true });
    api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });

    const { paths } = doc(stack, api);

    expect(Object.keys(paths)).toEqual(['/items', '/items/{itemId}', '/health']);
    expect(paths['/items'].get.security).toEqual([{ cognito: [READ] }, { cognito: [ADMIN] }]);
    expect(paths['/items/{itemId}'].delete.security).toEqual([{ cognito: [ADMIN] }]);
    expect(paths['/health'].get.security).toEqual([]);
    expect(paths['/health'].get.description).toBe('Public: no token is checked.');
  });

  test('path parameters are declared once per path, in: path and required; a greedy one by its name', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/orders/{orderId}/lines/{lineId}', { scopes: ['awesomeapi.read'] });
    api.addMethod('PUT', '/orders/{orderId}/lines/{lineId}', { scopes: ['awesomeapi.read'] });
    api.addMethod('GET', '/files/{proxy+}', { scopes: ['awesomeapi.read'] });

    const { paths } = doc(stack, api);

    expect(paths['/orders/{orderId}/lines/{lineId}'].parameters).toEqual([
      { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'lineId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(paths['/files/{proxy}'].parameters).toEqual([
      { name: 'proxy', in: 'path', required: true, schema: { type: 'string' }, description: 'The rest of the path, slashes included.' },
    ]);
    expect(paths['/files/{proxy+}']).toBeUndefined();
  });

  test('a path parameter named twice in a path, or with . : $ in its name, gets a name the usual tools read', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/a/{id}/b/{id}/c/{v1.x:$}', { scopes: ['awesomeapi.read'] });

    const { paths } = doc(stack, api);

    expect(Object.keys(paths)).toEqual(['/a/{id}/b/{id_2}/c/{v1_x__}']);
    expect(paths['/a/{id}/b/{id_2}/c/{v1_x__}'].parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'id_2', in: 'path', required: true, schema: { type: 'string' }, description: 'API Gateway\'s path parameter id.' },
      { name: 'v1_x__', in: 'path', required: true, schema: { type: 'string' }, description: 'API Gateway\'s path parameter v1.x:$.' },
    ]);
  });

  test('operation ids are unique and stable: from the method and path, a clash numbered in order', () => {
    const build = () => {
      const stack = newStack();
      const api = tutorialApi(stack);
      api.addMethod('GET', '/', { scopes: ['awesomeapi.read'] });
      api.addMethod('GET', '/orders/{orderId}', { scopes: ['awesomeapi.read'] });
      api.addMethod('GET', '/a-b', { scopes: ['awesomeapi.read'] });
      api.addMethod('GET', '/a_b', { scopes: ['awesomeapi.read'] });
      return doc(stack, api).paths;
    };

    const paths = build();

    expect([paths['/'].get, paths['/orders/{orderId}'].get, paths['/a-b'].get, paths['/a_b'].get].map((op) => op.operationId))
      .toEqual(['getRoot', 'getOrdersByOrderId', 'getAB', 'getAB2']);
    expect(build()).toEqual(paths);
  });

  test('an ANY method is an operation for each method it serves: not one defined on its own, nor OPTIONS with CORS', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('ANY', '/things', { scopes: ['awesomeapi.read'] });
    api.addMethod('GET', '/things', { allowUnauthenticated: true });

    const item = doc(stack, api).paths['/things'];

    expect(Object.keys(item).sort()).toEqual(['delete', 'get', 'head', 'patch', 'post', 'put']);
    expect(item.get.security).toEqual([]);
    expect(item.post.security).toEqual([{ cognito: [READ] }]);
  });

  test('without CORS, an ANY method serves OPTIONS too', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { corsAllowOrigins: [] });
    api.addMethod('ANY', '/things', { scopes: ['awesomeapi.read'] });

    expect(Object.keys(doc(stack, api).paths['/things'])).toContain('options');
  });

  test('methods added after the call are in the document', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/first', { scopes: ['awesomeapi.read'] });
    const document = api.openApiDocument();
    api.addMethod('GET', '/second', { scopes: ['awesomeapi.read'] });

    expect(Object.keys(resolvedDocument(stack, document).paths)).toEqual(['/first', '/second']);
  });

  test('request parameters and models where given; a model\'s schema among the components', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const model = api.api.addModel('Order', {
      modelName: 'Order',
      contentType: 'application/json',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['quantity'],
        properties: {
          quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 },
          note: { type: [apigateway.JsonSchemaType.STRING, apigateway.JsonSchemaType.NULL] },
        },
      },
    });
    api.addMethod('POST', '/orders', {
      scopes: ['awesomeapi.read'],
      requestParameters: {
        'method.request.querystring.dryRun': false,
        'method.request.header.Idempotency-Key': true,
        'method.request.multivaluequerystring.tag': false,
      },
      requestModels: { 'application/json': model },
    });

    const document = doc(stack, api);
    const op = document.paths['/orders'].post;

    expect(op.parameters).toEqual([
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'tag', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true },
    ]);
    expect(op.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } });
    expect(document.components.schemas.Order).toEqual({
      type: 'object',
      required: ['quantity'],
      properties: { quantity: { type: 'integer', minimum: 1 }, note: { type: 'string', nullable: true } },
    });
  });

  test('responses: the default mock\'s 200 with its headers and body, and 401 and 403 for a protected method only', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    api.addMethod('GET', '/open', { allowUnauthenticated: true });

    const { paths } = doc(stack, api);

    expect(Object.keys(paths['/a'].get.responses)).toEqual(['200', '401', '403']);
    expect(paths['/a'].get.responses['200']).toEqual({
      description: 'The default mock integration\'s answer.',
      headers: {
        'Content-Type': { schema: { type: 'string' } },
        'Access-Control-Allow-Origin': { schema: { type: 'string' } },
        'Vary': { schema: { type: 'string' } },
      },
      content: {
        'application/json': {
          schema: { type: 'object', properties: { message: { type: 'string' } }, example: { message: 'Hello From Protected Resource' } },
        },
      },
    });
    expect(paths['/a'].get.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GatewayError' });
    expect(Object.keys(paths['/open'].get.responses)).toEqual(['200']);
  });

  test('a model named like the refusals\' schema gets another name; with public methods only, that schema is left out', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const model = api.api.addModel('Clash', { modelName: 'GatewayError', contentType: 'application/json', schema: { type: apigateway.JsonSchemaType.STRING } });
    api.addMethod('POST', '/a', { allowUnauthenticated: true, requestModels: { 'application/json': model } });
    const publicOnly = doc(stack, api);
    api.addMethod('GET', '/b', { scopes: ['awesomeapi.read'] });

    const document = doc(stack, api);

    expect(publicOnly.components.schemas).toEqual({ GatewayError2: { type: 'string' } });
    expect(document.components.schemas).toEqual({
      GatewayError: { type: 'object', properties: { message: { type: 'string' } } },
      GatewayError2: { type: 'string' },
    });
    expect(document.paths['/a'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GatewayError2' });
  });

  test('responses: the method responses given, with their headers and models; an integration without them, a default', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const integration = new apigateway.MockIntegration({ requestTemplates: { 'application/json': '{"statusCode": 200}' } });
    api.addMethod('GET', '/declared', {
      scopes: ['awesomeapi.read'],
      integration,
      methodResponses: [
        { statusCode: '200', responseParameters: { 'method.response.header.ETag': true }, responseModels: { 'application/json': apigateway.Model.EMPTY_MODEL } },
        { statusCode: '404', responseModels: { 'application/json': apigateway.Model.ERROR_MODEL } },
      ],
    });
    api.addMethod('GET', '/undeclared', { scopes: ['awesomeapi.read'], integration });

    const document = doc(stack, api);

    expect(document.paths['/declared'].get.responses).toMatchObject({
      200: { description: 'The method\'s 200 answer.', headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Empty' } } } },
      404: { description: 'The method\'s 404 answer.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    });
    expect(document.components.schemas.Error).toEqual({ type: 'object', properties: { message: { type: 'string' } } });
    expect(Object.keys(document.paths['/undeclared'].get.responses)).toEqual(['401', '403', '2XX']);
  });
});

describe('in the template', () => {
  test('the document resolves wherever the string goes: an output holds it as a join of the deploy-time values', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    new CfnOutput(stack, 'Doc', { value: api.openApiDocument() });

    const output = Template.fromStack(stack).toJSON().Outputs.Doc.Value;

    expect(Object.keys(output)).toEqual(['Fn::Join']);
    expect(JSON.stringify(output)).toContain('"url\\":\\"https://",{"Ref":"AwesomeApiE9FCAB5B"},".execute-api.us-east-1.",{"Ref":"AWS::URLSuffix"},"/prod');
  });
});

describe('valid: the validator accepts it and Spectral\'s spectral:oas rules report no error', () => {
  const cases: Array<[string, (stack: Stack) => ProtectedApiWithCognito]> = [
    ['the example API', (stack) => addAwesomeApi(stack, { callbackUrls: ['http://localhost:3000/dashboard'], logoutUrls: ['http://localhost:3000/'] })],
    ['the every-feature API', (stack) => maximalApi(stack)],
    ['an API with a root method, ANY, a greedy path, models and parameters', (stack) => {
      const api = new ProtectedApiWithCognito(stack, 'Api', { ...TUTORIAL_PROPS, corsAllowOrigins: [] });
      const model = api.api.addModel('Item', {
        contentType: 'application/json',
        schema: { type: apigateway.JsonSchemaType.OBJECT, properties: { name: { type: apigateway.JsonSchemaType.STRING } } },
      });
      api.addMethod('GET', '/', { allowUnauthenticated: true });
      api.addMethod('ANY', '/files/{proxy+}', { scopes: ['awesomeapi.read'] });
      api.addMethod('POST', '/items', {
        scopes: ['awesomeapi.read'],
        requestModels: { 'application/json': model },
        requestParameters: { 'method.request.querystring.page': false },
        methodResponses: [{ statusCode: '201', responseModels: { 'application/json': model } }],
        integration: new apigateway.MockIntegration(),
      });
      return api;
    }],
  ];

  test.each(cases)('%s', async (_, build) => {
    const stack = newStack();
    const api = build(stack);

    const findings = await documentFindings(resolvedDocument(stack, api.openApiDocument()));

    expect(findings.validatorErrors).toEqual([]);
    expect(findings.spectralErrors).toEqual([]);
    // The one warning: the construct knows no contact for the API.
    expect(findings.spectralWarnings).toEqual(['info-contact at info: Info object must have "contact" object.']);
  });

  test('the checks can fail: a document with a path parameter left undeclared is refused', async () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/orders/{orderId}', { scopes: ['awesomeapi.read'] });
    const document = resolvedDocument(stack, api.openApiDocument());
    delete (document as Doc).paths['/orders/{orderId}'].parameters;
    (document as Doc).paths['/orders/{orderId}'].get.security = [{ unknown: [] }];

    const findings = await documentFindings(document);

    expect(findings.validatorErrors.join('\n')).toMatch(/orderId/);
    expect(findings.spectralErrors.join('\n')).toMatch(/path-params/);
    expect([...findings.spectralErrors, ...findings.spectralWarnings].join('\n')).toMatch(/oas3-operation-security-defined/);
  });
});
