import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newStack, tutorialApi, TUTORIAL_PROPS } from './helpers';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../src';

/** The tutorial's stack with its one GET method, and its template. */
function synthTutorial(overrides: Partial<ProtectedApiWithCognitoProps> = {}) {
  const stack = newStack();
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return { stack, api, template: Template.fromStack(stack) };
}

/** The one resource of `type` in the template, by logical id and body. */
function only(template: Template, type: string): { id: string; body: any } {
  const found = template.findResources(type);
  const ids = Object.keys(found);
  expect(ids).toHaveLength(1);
  return { id: ids[0], body: found[ids[0]] };
}

const POOL = 'AwesomeApiUserPool691AE333';
const CLIENT = 'AwesomeApiUserPoolWebClientA952D31A';
const DOMAIN = 'AwesomeApiUserPoolDomain153FEA2D';
const SERVER = 'AwesomeApiUserPoolResourceServer2D7192B3';

describe('user pool', () => {
  test('signs in with email, lets users sign up, verifies email with a code, recovers by email only', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      VerificationMessageTemplate: Match.objectLike({
        DefaultEmailOption: 'CONFIRM_WITH_CODE',
        EmailMessage: Match.stringLikeRegexp('\\{####\\}'),
      }),
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  test('is kept when it leaves the stack, by default', () => {
    const { template } = synthTutorial();
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('removalPolicy overrides the default', () => {
    const { template } = synthTutorial({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('selfSignUpEnabled: false leaves sign-up to administrators', () => {
    const { template } = synthTutorial({ selfSignUpEnabled: false });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  test('userPoolName names the pool; by default CloudFormation does', () => {
    expect(only(synthTutorial().template, 'AWS::Cognito::UserPool').body.Properties.UserPoolName).toBeUndefined();
    synthTutorial({ userPoolName: 'awesome-users' }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'awesome-users',
    });
  });
});

describe('resource server', () => {
  test('has the given identifier and scopes, on the pool', () => {
    const { template } = synthTutorial({
      scopes: [
        { name: 'awesomeapi.read', description: 'awesomeapi read scope' },
        { name: 'awesomeapi.write', description: 'awesomeapi write scope' },
      ],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolResourceServer', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'awesomeapi-resource-server',
      Name: 'awesomeapi-resource-server',
      UserPoolId: { Ref: POOL },
      Scopes: [
        { ScopeName: 'awesomeapi.read', ScopeDescription: 'awesomeapi read scope' },
        { ScopeName: 'awesomeapi.write', ScopeDescription: 'awesomeapi write scope' },
      ],
    });
  });
});

describe('browser app client', () => {
  test('uses the authorization-code grant only, with no secret, openid and every API scope', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const client = only(template, 'AWS::Cognito::UserPoolClient').body.Properties;
    expect(client).toEqual({
      UserPoolId: { Ref: POOL },
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', { 'Fn::Join': ['', [{ Ref: SERVER }, '/awesomeapi.read']] }],
      CallbackURLs: ['http://localhost:3000/dashboard'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 1440,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  test('asks for every scope of the resource server, in order', () => {
    const { template } = synthTutorial({
      scopes: [
        { name: 'awesomeapi.read', description: 'read' },
        { name: 'awesomeapi.write', description: 'write' },
      ],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: [
        'openid',
        { 'Fn::Join': ['', [{ Ref: SERVER }, '/awesomeapi.read']] },
        { 'Fn::Join': ['', [{ Ref: SERVER }, '/awesomeapi.write']] },
      ],
    });
  });

  test('allowUserPasswordAuth adds the direct password flow', () => {
    const { template } = synthTutorial({ allowUserPasswordAuth: true });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('token validities override the defaults', () => {
    const { template } = synthTutorial({
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.days(30),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 15,
      IdTokenValidity: 30,
      RefreshTokenValidity: 43200,
    });
  });

  test('has every callback URL', () => {
    const { template } = synthTutorial({
      callbackUrls: ['http://localhost:3000/dashboard', 'https://app.example.com/callback'],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['http://localhost:3000/dashboard', 'https://app.example.com/callback'],
    });
  });
});

describe('domain', () => {
  test('is a Cognito prefix domain on the pool', () => {
    const { template } = synthTutorial();
    const domain = only(template, 'AWS::Cognito::UserPoolDomain').body.Properties;
    expect(domain).toEqual({ Domain: 'buraktas-awesome-domain', UserPoolId: { Ref: POOL } });
  });
});

describe('REST API', () => {
  test('is regional with a prod stage', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    template.resourceCountIs('AWS::ApiGateway::Stage', 1);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });

  test('stageName and restApiName override the defaults', () => {
    const { template } = synthTutorial({ stageName: 'v1', restApiName: 'awesome-api' });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'v1' });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'awesome-api' });
  });

  test('has a Cognito user-pools authorizer on the pool that reads the Authorization header', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': [POOL, 'Arn'] }],
      IdentitySource: 'method.request.header.Authorization',
    });
  });

  test('a method demands its scopes in the identifier/name form, through the authorizer', () => {
    const { template } = synthTutorial();
    const authorizer = only(template, 'AWS::ApiGateway::Authorizer').id;
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: authorizer },
      AuthorizationScopes: ['awesomeapi-resource-server/awesomeapi.read'],
    });
  });

  test('a method may accept any one of several scopes', () => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      scopes: [
        { name: 'awesomeapi.read', description: 'read' },
        { name: 'awesomeapi.admin', description: 'admin' },
      ],
    });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read', 'awesomeapi.admin'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationScopes: [
        'awesomeapi-resource-server/awesomeapi.read',
        'awesomeapi-resource-server/awesomeapi.admin',
      ],
    });
  });

  test('the default integration is a mock answering 200 with the JSON message and headers', () => {
    const { template } = synthTutorial();
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'MOCK',
        PassthroughBehavior: 'NEVER',
        RequestTemplates: { 'application/json': '{"statusCode": 200}' },
        IntegrationResponses: [{
          StatusCode: '200',
          ResponseTemplates: { 'application/json': '{"message":"Hello From Protected Resource"}' },
          ResponseParameters: {
            'method.response.header.Content-Type': "'application/json'",
            'method.response.header.Access-Control-Allow-Origin': "'http://localhost:3000'",
            'method.response.header.Vary': "'Origin'",
          },
        }],
      },
      MethodResponses: [{
        StatusCode: '200',
        ResponseParameters: {
          'method.response.header.Content-Type': true,
          'method.response.header.Access-Control-Allow-Origin': true,
          'method.response.header.Vary': true,
        },
      }],
    });
  });

  test('a given integration replaces the mock and declares no method responses by default', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const integration = new apigateway.HttpIntegration('https://backend.example.com/items', { proxy: true });
    api.addMethod('POST', '/items', { scopes: ['awesomeapi.read'], integration });
    const method = Template.fromStack(stack).findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: 'POST' },
    });
    const props = Object.values(method)[0].Properties;
    expect(props.Integration).toEqual(expect.objectContaining({
      Type: 'HTTP_PROXY',
      Uri: 'https://backend.example.com/items',
    }));
    expect(props.MethodResponses).toBeUndefined();
  });

  test('methodResponses are passed through', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/items', {
      scopes: ['awesomeapi.read'],
      methodResponses: [{ statusCode: '204' }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      MethodResponses: [{ StatusCode: '204' }],
    });
  });

  test('paths may be nested and hold {param} parts; shared parts are one resource', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const get = api.addMethod('GET', '/orders/{orderId}', { scopes: ['awesomeapi.read'] });
    api.addMethod('DELETE', '/orders/{orderId}', { scopes: ['awesomeapi.read'] });
    api.addMethod('GET', '/orders', { scopes: ['awesomeapi.read'] });

    expect(get).toBeInstanceOf(apigateway.Method);
    expect(get.resource.path).toBe('/orders/{orderId}');
    expect(get.httpMethod).toBe('GET');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Resource', 2);
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'orders' });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{orderId}' });
  });

  test('a method on the root path is allowed', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const method = api.addMethod('GET', '/', { scopes: ['awesomeapi.read'] });
    expect(method.resource).toBe(api.api.root);
  });

  test('allowUnauthenticated makes a public method, explicitly', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/health', { allowUnauthenticated: true });
    const template = Template.fromStack(stack);
    const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } });
    const props = Object.values(methods)[0].Properties;
    expect(props.AuthorizationType).toBe('NONE');
    expect(props.AuthorizerId).toBeUndefined();
    expect(props.AuthorizationScopes).toBeUndefined();
  });

  test('fails when a method has no scopes and is not marked public', () => {
    const api = tutorialApi(newStack());
    expect(() => api.addMethod('GET', '/awesomeapi', {})).toThrow(
      'addMethod GET /awesomeapi: no scopes given: name at least one of the API\'s scopes in options.scopes, or set options.allowUnauthenticated to true to make the method public',
    );
    expect(() => api.addMethod('GET', '/awesomeapi', { scopes: [] })).toThrow(/no scopes given/);
  });

  test('fails when a public method also names scopes', () => {
    const api = tutorialApi(newStack());
    expect(() => api.addMethod('GET', '/x', { allowUnauthenticated: true, scopes: ['awesomeapi.read'] })).toThrow(
      'addMethod GET /x: options.scopes ["awesomeapi.read"] cannot be combined with options.allowUnauthenticated: a public method checks no token; drop one of the two',
    );
  });

  test('fails at synth when no method was added', () => {
    const stack = newStack();
    tutorialApi(stack);
    expect(() => Template.fromStack(stack)).toThrow(
      /TestStack\/AwesomeApi has no methods: call addMethod\(httpMethod, path, \{ scopes \}\) at least once/,
    );
  });
});

describe('CORS', () => {
  test('preflight answers for the origins of the callback URLs, never authorized', () => {
    const { template } = synthTutorial();
    const options = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } });
    // the root and /awesomeapi
    expect(Object.keys(options)).toHaveLength(2);
    for (const method of Object.values(options)) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
      expect(method.Properties.AuthorizerId).toBeUndefined();
      expect(method.Properties.Integration.IntegrationResponses[0].ResponseParameters).toEqual(expect.objectContaining({
        'method.response.header.Access-Control-Allow-Origin': "'http://localhost:3000'",
      }));
    }
  });

  test('the DEFAULT_4XX and DEFAULT_5XX responses carry the CORS headers', () => {
    const { template } = synthTutorial();
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'http://localhost:3000'",
          'gatewayresponse.header.Access-Control-Allow-Headers': `'${apigateway.Cors.DEFAULT_HEADERS.join(',')}'`,
          'gatewayresponse.header.Vary': "'Origin'",
        },
      });
    }
  });

  test('is never a wildcard by default', () => {
    const { template } = synthTutorial({ callbackUrls: ['https://app.example.com/cb', 'http://localhost:3000/cb'] });
    expect(JSON.stringify(template.toJSON())).not.toContain("'*'");
  });

  test('corsAllowOrigins overrides the origins', () => {
    const { template } = synthTutorial({ corsAllowOrigins: ['https://www.example.com'] });
    expect(JSON.stringify(template.toJSON())).not.toContain('http://localhost:3000\'');
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://www.example.com'",
      }),
    });
  });

  test("corsAllowOrigins ['*'] allows any origin when asked for", () => {
    const { template } = synthTutorial({ corsAllowOrigins: ['*'] });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: Match.objectLike({
        IntegrationResponses: [Match.objectLike({
          ResponseParameters: Match.objectLike({ 'method.response.header.Access-Control-Allow-Origin': "'*'" }),
        })],
      }),
    });
  });

  test('with several origins, the mock echoes back whichever one the request came from', () => {
    const { template } = synthTutorial({
      callbackUrls: ['http://localhost:3000/dashboard', 'https://app.example.com/callback'],
    });
    const get = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } });
    const response = Object.values(get)[0].Properties.Integration.IntegrationResponses[0];
    const vtl: string = response.ResponseTemplates['application/json'];
    expect(vtl).toContain('#if($origin == "http://localhost:3000" || $origin == "https://app.example.com")');
    expect(vtl).toContain('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
    expect(vtl.endsWith('{"message":"Hello From Protected Resource"}')).toBe(true);
  });

  test('a callback with no web origin (an app scheme) gives no CORS at all', () => {
    const { template } = synthTutorial({ callbackUrls: ['myapp://callback'] });
    expect(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } })).toEqual({});
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    const get = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } });
    expect(Object.values(get)[0].Properties.Integration.IntegrationResponses[0].ResponseParameters).toEqual({
      'method.response.header.Content-Type': "'application/json'",
    });
  });
});

describe('outputs', () => {
  test('give the pool id, client id, API URL, token URL and the full authorize URL', () => {
    const { template } = synthTutorial();
    const outputs = template.toJSON().Outputs;
    const byName = (prefix: string) => {
      const key = Object.keys(outputs).find((k) => k.startsWith(prefix));
      expect(key).toBeDefined();
      return outputs[key!].Value;
    };
    expect(byName('AwesomeApiUserPoolId')).toEqual({ Ref: POOL });
    expect(byName('AwesomeApiUserPoolClientId')).toEqual({ Ref: CLIENT });
    expect(byName('AwesomeApiTokenUrl')).toEqual({
      'Fn::Join': ['', ['https://', { Ref: DOMAIN }, '.auth.us-east-1.amazoncognito.com/oauth2/token']],
    });
    expect(byName('AwesomeApiAuthorizeUrl')).toEqual({
      'Fn::Join': ['', [
        'https://', { Ref: DOMAIN },
        '.auth.us-east-1.amazoncognito.com/oauth2/authorize?client_id=', { Ref: CLIENT },
        '&response_type=code&scope=openid%20awesomeapi-resource-server%2Fawesomeapi.read'
        + '&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fdashboard',
      ]],
    });
    const stage = only(template, 'AWS::ApiGateway::Stage').id;
    const restApi = only(template, 'AWS::ApiGateway::RestApi').id;
    expect(byName('AwesomeApiApiUrl')).toEqual({
      'Fn::Join': ['', [
        'https://', { Ref: restApi }, '.execute-api.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: stage }, '/',
      ]],
    });
  });

  test('are exactly those five (no duplicate endpoint output)', () => {
    const { template } = synthTutorial();
    expect(Object.keys(template.toJSON().Outputs).map((k) => k.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'AwesomeApiApiUrl',
      'AwesomeApiAuthorizeUrl',
      'AwesomeApiTokenUrl',
      'AwesomeApiUserPoolClientId',
      'AwesomeApiUserPoolId',
    ]);
  });

  test('the authorize URL uses the first callback URL', () => {
    const { api, stack } = synthTutorial({
      callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/dashboard'],
    });
    expect(stack.resolve(api.authorizeUrl)['Fn::Join'][1].slice(-1)[0]).toMatch(
      /&redirect_uri=https%3A%2F%2Fapp\.example\.com%2Fcallback$/,
    );
  });
});

describe('public properties', () => {
  test('expose every resource with its L2 type', () => {
    const { api, stack } = synthTutorial();
    expect(api.userPool).toBeInstanceOf(cognito.UserPool);
    expect(api.resourceServer).toBeInstanceOf(cognito.UserPoolResourceServer);
    expect(api.userPoolClient).toBeInstanceOf(cognito.UserPoolClient);
    expect(api.userPoolDomain).toBeInstanceOf(cognito.UserPoolDomain);
    expect(api.api).toBeInstanceOf(apigateway.RestApi);
    expect(api.authorizer).toBeInstanceOf(apigateway.CognitoUserPoolsAuthorizer);
    expect(stack.resolve(api.tokenUrl)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: DOMAIN }, '.auth.us-east-1.amazoncognito.com/oauth2/token']],
    });
    expect(stack.resolve(api.apiUrl)).toEqual(stack.resolve(api.api.url));
  });

  test('construct ids are stable', () => {
    const { api } = synthTutorial();
    expect([api.userPool, api.resourceServer, api.userPoolClient, api.userPoolDomain, api.api, api.authorizer]
      .map((c) => c.node.path)).toEqual([
      'TestStack/AwesomeApi/UserPool',
      'TestStack/AwesomeApi/UserPool/ResourceServer',
      'TestStack/AwesomeApi/UserPool/WebClient',
      'TestStack/AwesomeApi/UserPool/Domain',
      'TestStack/AwesomeApi/Api',
      'TestStack/AwesomeApi/Authorizer',
    ]);
  });
});

test('two APIs live side by side in one stack', () => {
  const stack = new Stack(newStack().node.root as any, 'Two', { env: { region: 'eu-west-1' } });
  const first = new ProtectedApiWithCognito(stack, 'First', { ...TUTORIAL_PROPS, domainPrefix: 'first-prefix' });
  const second = new ProtectedApiWithCognito(stack, 'Second', { ...TUTORIAL_PROPS, domainPrefix: 'second-prefix' });
  first.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
  second.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::Cognito::UserPool', 2);
  template.resourceCountIs('AWS::ApiGateway::RestApi', 2);
});
