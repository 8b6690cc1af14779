import { CfnElement, Duration, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
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
    expect(domain).toEqual({ Domain: 'buraktas-awesome-domain', UserPoolId: { Ref: POOL }, ManagedLoginVersion: 2 });
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

  test('fails when, at synth, no method was added', () => {
    const stack = newStack();
    tutorialApi(stack);
    expect(() => Template.fromStack(stack)).toThrow(
      /TestStack\/AwesomeApi has no methods: call addMethod\(httpMethod, path, \{ scopes \}\) at least once/,
    );
  });
});

describe('a callback URL built of tokens', () => {
  test('goes into AuthorizeUrl with its literal parts encoded, and a warning for the deploy-time part', () => {
    const stack = newStack();
    const domain = Token.asString({ 'Fn::ImportValue': 'AppDomain' });
    const api = tutorialApi(stack, { callbackUrls: [`https://${domain}/callback`], logoutUrls: [`https://${domain}/`] });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const authorize = JSON.stringify(Object.entries<any>(outputs).find(([k]) => k.startsWith('AwesomeApiAuthorizeUrl'))![1].Value);
    expect(authorize).toContain('&redirect_uri=https%3A%2F%2F\",{\"Fn::ImportValue\":\"AppDomain\"},\"%2Fcallback');
    const logout = JSON.stringify(Object.entries<any>(outputs).find(([k]) => k.startsWith('AwesomeApiLogoutUrl'))![1].Value);
    expect(logout).toContain('&logout_uri=https%3A%2F%2F\",{\"Fn::ImportValue\":\"AppDomain\"},\"%2F');
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp('only known at deploy time'));
    expect(warnings.map((w) => String(w.entry.data).split(' holds')[0])).toEqual(['callbackUrls[0]', 'logoutUrls[0]']);
  });

  test('a literal callback URL gets no such warning', () => {
    const { stack } = synthTutorial();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('only known at deploy time'))).toEqual([]);
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

  test('with several origins, the DEFAULT_4XX and DEFAULT_5XX responses echo the request\'s origin, with a warning', () => {
    const { template, stack } = synthTutorial({ corsAllowOrigins: ['https://app.example.com', 'https://admin.example.com'] });
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
          'gatewayresponse.header.Vary': "'Origin'",
        }),
      });
    }
    Annotations.fromStack(stack).hasWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp(
      'corsAllowOrigins allows 2 origins \\("https://app.example.com", "https://admin.example.com"\\), but API Gateway\'s own '
      + '4XX and 5XX answers .* cannot check the request\'s origin against a list: they echo it'));
  });

  test('with one origin, the refusals name it and nothing is echoed or warned of', () => {
    const { template, stack } = synthTutorial();
    expect(JSON.stringify(template.toJSON())).not.toContain('method.request.header.Origin');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('corsGatewayResponses|cannot check the request'))).toEqual([]);
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

  test('are exactly those and the web client config (no duplicate endpoint output)', () => {
    const { template } = synthTutorial();
    expect(Object.keys(template.toJSON().Outputs).map((k) => k.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'AwesomeApiApiUrl',
      'AwesomeApiAuthorizeUrl',
      'AwesomeApiTokenUrl',
      'AwesomeApiUserPoolClientId',
      'AwesomeApiUserPoolId',
      'AwesomeApiWebClientConfig',
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
  test('expose every resource the construct made: each member is the one resource of its type in the template', () => {
    const { api, stack, template } = synthTutorial();
    // The pool and the domain are typed by their interfaces (they may be given); made here, they are the L2s.
    expect(api.userPool).toBeInstanceOf(cognito.UserPool);
    expect(api.userPoolDomain).toBeInstanceOf(cognito.UserPoolDomain);
    const members: Array<[IConstruct, string]> = [
      [api.userPool, 'AWS::Cognito::UserPool'],
      [api.resourceServer, 'AWS::Cognito::UserPoolResourceServer'],
      [api.userPoolClient, 'AWS::Cognito::UserPoolClient'],
      [api.userPoolDomain, 'AWS::Cognito::UserPoolDomain'],
      [api.api, 'AWS::ApiGateway::RestApi'],
      [api.authorizer, 'AWS::ApiGateway::Authorizer'],
      [api.requestValidator, 'AWS::ApiGateway::RequestValidator'],
      [api.accessLogGroup, 'AWS::Logs::LogGroup'],
    ];
    for (const [member, type] of members) {
      expect([type, stack.getLogicalId(member.node.defaultChild as CfnElement)]).toEqual([type, only(template, type).id]);
    }
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
  // one account-level role serves both, and both stages wait for it
  template.resourceCountIs('AWS::ApiGateway::Account', 1);
  expect(second.cloudWatchRole).toBe(first.cloudWatchRole);
  const account = Object.keys(template.findResources('AWS::ApiGateway::Account'))[0];
  const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
  expect(stages.map((s) => s.DependsOn)).toEqual([[account], [account]]);
});

describe('security and operations defaults', () => {
  test('the password policy asks for 12 characters of every kind', () => {
    synthTutorial().template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  test('passwordPolicy overrides it', () => {
    synthTutorial({ passwordPolicy: { minLength: 16, requireSymbols: false } }).template
      .hasResourceProperties('AWS::Cognito::UserPool', {
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 16, RequireSymbols: false }) },
      });
  });

  test('MFA is optional with an authenticator app, and never SMS', () => {
    synthTutorial().template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  test('mfa overrides it', () => {
    synthTutorial({ mfa: cognito.Mfa.REQUIRED }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    const off = only(synthTutorial({ mfa: cognito.Mfa.OFF }).template, 'AWS::Cognito::UserPool').body.Properties;
    expect(off.MfaConfiguration).toBe('OFF');
    expect(off.EnabledMfas).toBeUndefined();
  });

  test('the feature plan is ESSENTIALS; PLUS turns threat protection on', () => {
    const essentials = only(synthTutorial().template, 'AWS::Cognito::UserPool').body.Properties;
    expect(essentials.UserPoolTier).toBe('ESSENTIALS');
    expect(essentials.UserPoolAddOns).toBeUndefined();
    synthTutorial({ featurePlan: cognito.FeaturePlan.PLUS }).template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  test('deletion protection is on unless the pool is to be destroyed; the prop overrides', () => {
    const protection = (overrides: Partial<ProtectedApiWithCognitoProps>) =>
      only(synthTutorial(overrides).template, 'AWS::Cognito::UserPool').body.Properties.DeletionProtection;
    expect(protection({})).toBe('ACTIVE');
    expect(protection({ removalPolicy: RemovalPolicy.DESTROY })).toBe('INACTIVE');
    expect(protection({ deletionProtection: false })).toBe('INACTIVE');
    expect(protection({ removalPolicy: RemovalPolicy.DESTROY, deletionProtection: true })).toBe('ACTIVE');
  });

  test('the stage writes JSON access logs to a log group kept for a year, and kept on deletion', () => {
    const { template, api } = synthTutorial();
    const group = only(template, 'AWS::Logs::LogGroup');
    expect(group.body).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Access-Logs_', { Ref: only(template, 'AWS::ApiGateway::RestApi').id }, '/prod']] },
        RetentionInDays: 365,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      // Encrypted by CloudWatch Logs' own key unless accessLogEncryptionKey is given (test/rule-packs.test.ts).
      Metadata: {
        checkov: { skip: [expect.objectContaining({ id: 'CKV_AWS_158' })] },
        guard: { SuppressedRules: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] },
      },
    });
    const stage = only(template, 'AWS::ApiGateway::Stage').body.Properties;
    expect(stage.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [group.id, 'Arn'] });
    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toEqual(expect.objectContaining({
      requestId: '$context.requestId',
      status: '$context.status',
      subject: '$context.authorizer.claims.sub',
      clientId: '$context.authorizer.claims.client_id',
    }));
    expect(api.accessLogGroup.node.path).toBe('TestStack/AwesomeApi/AccessLogs');
  });

  test('accessLogRetention and removalPolicy change the log group', () => {
    const { template } = synthTutorial({ accessLogRetention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Logs::LogGroup', { Properties: Match.objectLike({ RetentionInDays: 30 }), DeletionPolicy: 'Delete' });
  });

  test('execution logs at ERROR for every method, never with bodies; throttling 100/200; no tracing', () => {
    const stage = only(synthTutorial().template, 'AWS::ApiGateway::Stage').body.Properties;
    expect(stage.MethodSettings).toEqual([{
      ResourcePath: '/*',
      HttpMethod: '*',
      LoggingLevel: 'ERROR',
      DataTraceEnabled: false,
      ThrottlingRateLimit: 100,
      ThrottlingBurstLimit: 200,
    }]);
    expect(stage.TracingEnabled).toBe(false);
  });

  test('executionLoggingLevel, tracingEnabled and throttling override them', () => {
    const stage = only(synthTutorial({
      executionLoggingLevel: apigateway.MethodLoggingLevel.INFO,
      tracingEnabled: true,
      throttlingRateLimit: 5.5,
      throttlingBurstLimit: 10,
    }).template, 'AWS::ApiGateway::Stage').body.Properties;
    expect(stage.MethodSettings[0]).toEqual(expect.objectContaining({
      LoggingLevel: 'INFO', ThrottlingRateLimit: 5.5, ThrottlingBurstLimit: 10,
    }));
    expect(stage.TracingEnabled).toBe(true);
  });

  test('fails when given throttling limits API Gateway would refuse', () => {
    expect(() => synthTutorial({ throttlingRateLimit: 0 })).toThrow(
      'throttlingRateLimit 0 is invalid: use a number of requests per second above 0',
    );
    expect(() => synthTutorial({ throttlingBurstLimit: 2.5 })).toThrow(
      'throttlingBurstLimit 2.5 is invalid: use a whole number of requests above 0',
    );
  });

  test('sets the account-level CloudWatch role with a narrow customer managed policy, kept on deletion', () => {
    const { template, api } = synthTutorial();
    const role = only(template, 'AWS::IAM::Role');
    const policy = only(template, 'AWS::IAM::ManagedPolicy');
    expect(role.body.DeletionPolicy).toBe('Retain');
    expect(role.body.Properties.Policies).toBeUndefined();
    expect(role.body.Properties.ManagedPolicyArns).toEqual([{ Ref: policy.id }]);
    expect(role.body.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' },
    }]);
    const statements = policy.body.Properties.PolicyDocument.Statement;
    const resources = JSON.stringify(statements.map((s: any) => s.Resource));
    expect(resources).toContain(':log-group:API-Gateway-Execution-Logs_*');
    expect(resources).toContain(':log-group:API-Gateway-Access-Logs_*');
    expect(statements[1].Action).toEqual([
      'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams',
      'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents',
    ]);
    expect(policy.body.DeletionPolicy).toBe('Retain');
    const account = only(template, 'AWS::ApiGateway::Account');
    expect(account.body.Properties).toEqual({ CloudWatchRoleArn: { 'Fn::GetAtt': [role.id, 'Arn'] } });
    expect(account.body.DeletionPolicy).toBe('Retain');
    template.hasResource('AWS::ApiGateway::Stage', { DependsOn: [account.id] });
    expect(api.cloudWatchRole).toBeInstanceOf(iam.Role);
  });

  test('cloudWatchRole: false leaves the account setting alone', () => {
    const { template } = synthTutorial({ cloudWatchRole: false });
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('every method goes through one request validator that checks parameters and bodies', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/items', {
      scopes: ['awesomeapi.read'],
      requestParameters: { 'method.request.querystring.page': true },
    });
    api.addMethod('GET', '/health', { allowUnauthenticated: true });
    const template = Template.fromStack(stack);
    const validator = only(template, 'AWS::ApiGateway::RequestValidator');
    expect(validator.body.Properties).toEqual(expect.objectContaining({ ValidateRequestBody: true, ValidateRequestParameters: true }));
    const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } });
    expect(Object.values(methods)).toHaveLength(2);
    for (const method of Object.values(methods)) {
      expect(method.Properties.RequestValidatorId).toEqual({ Ref: validator.id });
    }
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      RequestParameters: { 'method.request.querystring.page': true },
    });
    expect(api.requestValidator).toBeInstanceOf(apigateway.RequestValidator);
  });

  test('requestModels are passed through', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    const model = api.api.addModel('Item', { schema: { type: apigateway.JsonSchemaType.OBJECT } });
    api.addMethod('POST', '/items', { scopes: ['awesomeapi.read'], requestModels: { 'application/json': model } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: { 'application/json': { Ref: Match.stringLikeRegexp('Item') } },
    });
  });

  test('no web ACL by default; webAclArn associates one with the stage', () => {
    synthTutorial().template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/0f1e2d3c';
    const { template } = synthTutorial({ webAclArn: arn });
    const stage = only(template, 'AWS::ApiGateway::Stage').id;
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: arn,
      ResourceArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:us-east-1::/restapis/',
          { Ref: only(template, 'AWS::ApiGateway::RestApi').id }, '/stages/', { Ref: stage }]],
      },
    });
  });

  test('fails when webAclArn is not a regional WAFv2 web ACL; a token passes', () => {
    const global = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge-acl/0f1e2d3c';
    expect(() => synthTutorial({ webAclArn: global })).toThrow(
      `webAclArn "${global}" is invalid: use the ARN of a regional AWS WAFv2 web ACL, `
      + 'arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CloudFront web ACL cannot protect a REST API stage)',
    );
    expect(() => synthTutorial({ webAclArn: Token.asString({ Ref: 'AclArn' }) })).not.toThrow();
  });
});

/** The value of the output whose logical id starts with `AwesomeApi<name>`. */
function output(template: Template, name: string): any {
  const outputs = template.toJSON().Outputs;
  const key = Object.keys(outputs).find((k) => k.replace(/[0-9A-F]{8}$/, '') === `AwesomeApi${name}`);
  return key === undefined ? undefined : outputs[key].Value;
}

describe('machine clients', () => {
  function withMachineClient() {
    const stack = newStack();
    const api = tutorialApi(stack, {
      scopes: [
        { name: 'awesomeapi.read', description: 'read' },
        { name: 'awesomeapi.write', description: 'write' },
      ],
    });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const client = api.addMachineClient('Reporting', { scopes: ['awesomeapi.read'] });
    return { stack, api, client, template: Template.fromStack(stack) };
  }

  test('have client_credentials only, a secret, only their scopes and no callback', () => {
    const { template, client } = withMachineClient();
    const clients = template.findResources('AWS::Cognito::UserPoolClient', { Properties: { GenerateSecret: true } });
    expect(Object.keys(clients)).toEqual([expect.stringMatching(/^AwesomeApiMachineClientsReporting/)]);
    const props = Object.values(clients)[0].Properties;
    expect(props).toEqual({
      UserPoolId: { Ref: POOL },
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: SERVER }, '/awesomeapi.read']] }],
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(props.CallbackURLs).toBeUndefined();
    expect(client).toBeInstanceOf(cognito.UserPoolClient);
    expect(client.node.path).toBe('TestStack/AwesomeApi/MachineClients/Reporting');
  });

  test('never put their secret in an output: the one output of a machine client is its id, named after it', () => {
    const { stack, template, client } = withMachineClient();
    const outputs = template.toJSON().Outputs;
    expect(JSON.stringify(outputs)).not.toMatch(/ClientSecret|DescribeCognitoUserPoolClient/);
    const machine = Object.keys(outputs).filter((k) => k.includes('MachineClients'));
    expect(machine).toEqual([expect.stringMatching(/^AwesomeApiMachineClientsReportingClientId[0-9A-F]{8}$/)]);
    expect(outputs[machine[0]]).toEqual({
      Description: 'The client id of the machine client Reporting (client-credentials grant)',
      Value: { Ref: stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient) },
    });
  });

  test('the README\'s pattern keeps a machine client\'s id and secret in Secrets Manager, read at deploy time', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const client = api.addMachineClient('Reporting', { scopes: ['awesomeapi.read'] });
    new secretsmanager.Secret(stack, 'ReportingCredentials', {
      secretObjectValue: {
        clientId: SecretValue.unsafePlainText(client.userPoolClientId),
        clientSecret: client.userPoolClientSecret,
      },
    });
    const template = Template.fromStack(stack);
    const clientId = stack.getLogicalId(client.node.defaultChild as cognito.CfnUserPoolClient);
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const [separator, parts] = secrets[0].Properties.SecretString['Fn::Join'];
    expect(separator).toBe('');
    expect(parts[0]).toBe('{"clientId":"');
    expect(parts[1]).toEqual({ Ref: clientId });
    expect(parts[2]).toBe('","clientSecret":"');
    expect(parts[3]).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AwesomeApiMachineClientsReportingDescribeCognitoUserPoolClient/), 'UserPoolClient.ClientSecret'] });
    expect(parts[4]).toBe('"}');
    // The secret is read from Cognito at deploy time, and no output shows it.
    const describe = Object.values(template.findResources('Custom::DescribeCognitoUserPoolClient'));
    expect(describe).toHaveLength(1);
    const create = JSON.stringify(describe[0].Properties.Create);
    expect(create).toMatch(new RegExp(`describeUserPoolClient.*"Ref":"${clientId}"`));
    // aws-cdk-lib's custom resource does not log the answer, which holds the secret.
    expect(create).toContain('\\"logApiResponseData\\":false');
    expect(JSON.stringify(template.toJSON().Outputs)).not.toMatch(/ClientSecret/);
  });

  test('each machine client has its own id output, whatever its id', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    // Ids that would collide with the construct's own outputs if the outputs were its children.
    api.addMachineClient('UserPool', { scopes: ['awesomeapi.read'] });
    api.addMachineClient('Api', { scopes: ['awesomeapi.read'] });
    const keys = Object.keys(Template.fromStack(stack).toJSON().Outputs).map((k) => k.replace(/[0-9A-F]{8}$/, '')).sort();
    expect(keys).toEqual([
      'AwesomeApiApiUrl', 'AwesomeApiAuthorizeUrl', 'AwesomeApiMachineClientsApiClientId',
      'AwesomeApiMachineClientsUserPoolClientId', 'AwesomeApiTokenUrl', 'AwesomeApiUserPoolClientId',
      'AwesomeApiUserPoolId', 'AwesomeApiWebClientConfig',
    ]);
  });

  test('accessTokenValidity overrides the hour', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMachineClient('Batch', { scopes: ['awesomeapi.read'], accessTokenValidity: Duration.minutes(5) });
    expect(() => api.addMachineClient('Slow', { scopes: ['awesomeapi.read'], accessTokenValidity: Duration.days(2) }))
      .toThrow('addMachineClient "Slow": accessTokenValidity "2 days" is invalid: Cognito allows 5 minutes to 1 day');
  });

  test('fails when given a scope the API does not define, naming it', () => {
    const api = tutorialApi(newStack());
    expect(() => api.addMachineClient('Bad', { scopes: ['awesomeapi.delete'] })).toThrow(
      'addMachineClient "Bad": scopes[0] "awesomeapi.delete" is not one of the API\'s scopes (awesomeapi.read); add it to the scopes prop or fix the name',
    );
  });

  test('fails when given no scopes', () => {
    const api = tutorialApi(newStack());
    expect(() => api.addMachineClient('None', { scopes: [] })).toThrow(
      'addMachineClient "None": scopes is empty: a client-credentials client needs at least one of the API\'s scopes (awesomeapi.read)',
    );
  });

  test('make a scope obtainable that the browser client lacks', () => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'r' }, { name: 'awesomeapi.admin', description: 'a' }],
      clientScopes: ['awesomeapi.read'],
    });
    api.addMethod('DELETE', '/items', { scopes: ['awesomeapi.admin'] });
    api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('sign-out', () => {
  test('logoutUrls go on the browser client, and the LogoutUrl output sends users to the first', () => {
    const { template, api, stack } = synthTutorial({ logoutUrls: ['http://localhost:3000/', 'https://app.example.com/bye'] });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      LogoutURLs: ['http://localhost:3000/', 'https://app.example.com/bye'],
    });
    const expected = {
      'Fn::Join': ['', [
        'https://', { Ref: DOMAIN }, '.auth.us-east-1.amazoncognito.com/logout?client_id=', { Ref: CLIENT },
        '&logout_uri=http%3A%2F%2Flocalhost%3A3000%2F',
      ]],
    };
    expect(output(template, 'LogoutUrl')).toEqual(expected);
    expect(stack.resolve(api.logoutUrl)).toEqual(expected);
  });

  test('without logoutUrls there is no logout URL', () => {
    const { template, api } = synthTutorial();
    expect(only(template, 'AWS::Cognito::UserPoolClient').body.Properties.LogoutURLs).toBeUndefined();
    expect(output(template, 'LogoutUrl')).toBeUndefined();
    expect(api.logoutUrl).toBeUndefined();
  });

  test('logoutUrls are validated like callback URLs', () => {
    expect(() => synthTutorial({ logoutUrls: ['http://app.example.com/bye'] })).toThrow(
      'logoutUrls[0] "http://app.example.com/bye" is invalid: Cognito requires HTTPS, except http://localhost for testing; use "https://app.example.com/bye"',
    );
    expect(() => synthTutorial({ logoutUrls: ['https://app.example.com/#bye'] })).toThrow(
      'logoutUrls[0] "https://app.example.com/#bye" is invalid: a redirect URL must not have a fragment',
    );
  });
});

describe('managed login', () => {
  test('is version 2 by default, with a branding in Cognito\'s style for the browser client', () => {
    const { template, api } = synthTutorial();
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    const branding = only(template, 'AWS::Cognito::ManagedLoginBranding').body.Properties;
    expect(branding).toEqual({ UserPoolId: { Ref: POOL }, ClientId: { Ref: CLIENT }, UseCognitoProvidedValues: true });
    expect(api.managedLoginBranding).toBeInstanceOf(cognito.CfnManagedLoginBranding);
  });

  test('managedLoginVersion chooses the classic hosted UI, without a branding', () => {
    const { template, api } = synthTutorial({ managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 1 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
    expect(api.managedLoginBranding).toBeUndefined();
  });
});

describe('custom domain', () => {
  const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
  const withCustomDomain = (overrides: Partial<ProtectedApiWithCognitoProps> = {}) => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', {
      ...TUTORIAL_PROPS,
      domainPrefix: undefined,
      customDomainName: 'auth.example.com',
      customDomainCertificate: certificate,
      ...overrides,
    });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    return { stack, api, certificate, template: Template.fromStack(stack) };
  };

  test('replaces the prefix domain, and the URLs follow it', () => {
    const { template } = withCustomDomain();
    const domain = only(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.body.Properties).toEqual({
      Domain: 'auth.example.com',
      CustomDomainConfig: { CertificateArn: CERT_ARN },
      UserPoolId: { Ref: POOL },
      ManagedLoginVersion: 2,
    });
    expect(output(template, 'TokenUrl')).toEqual({ 'Fn::Join': ['', ['https://', { Ref: domain.id }, '/oauth2/token']] });
    expect(JSON.stringify(output(template, 'AuthorizeUrl'))).toContain('/oauth2/authorize?client_id=');
    expect(JSON.stringify(output(template, 'AuthorizeUrl'))).not.toContain('amazoncognito.com');
    expect(output(template, 'DomainAliasTarget')).toEqual({ 'Fn::GetAtt': [domain.id, 'CloudFrontDistribution'] });
  });

  test('a prefix domain has no alias target output', () => {
    expect(output(synthTutorial().template, 'DomainAliasTarget')).toBeUndefined();
  });

  test('fails when both a prefix and a custom domain are given', () => {
    expect(() => withCustomDomain({ domainPrefix: 'buraktas-awesome-domain' })).toThrow(
      'domainPrefix "buraktas-awesome-domain" and customDomainName "auth.example.com" are both set: the login pages and OAuth endpoints live on one domain; keep one of the two',
    );
  });

  test('fails when neither is given', () => {
    expect(() => tutorialApi(newStack(), { domainPrefix: undefined })).toThrow(
      'neither domainPrefix nor customDomainName is set: give a Cognito domain prefix (domainPrefix), or your own domain (customDomainName with customDomainCertificate)',
    );
  });

  test('fails when the certificate is missing, or given alone', () => {
    expect(() => withCustomDomain({ customDomainCertificate: undefined })).toThrow(
      'customDomainName "auth.example.com" needs customDomainCertificate: an ACM certificate for it, in us-east-1',
    );
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    expect(() => tutorialApi(stack, { customDomainCertificate: certificate })).toThrow(
      'customDomainCertificate is set without customDomainName: give the domain it is for, or drop it',
    );
  });

  test('fails when given a certificate outside us-east-1; a token ARN passes', () => {
    const stack = newStack();
    const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    expect(() => tutorialApi(stack, {
      domainPrefix: undefined,
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', arn),
    })).toThrow(`customDomainCertificate "${arn}" is in "eu-west-1": Cognito serves custom domains through CloudFront, which needs the certificate in us-east-1; request or import it there`);
    const other = newStack();
    expect(() => tutorialApi(other, {
      domainPrefix: undefined,
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(other, 'TokenCert', Token.asString({ Ref: 'CertArn' })),
    })).not.toThrow();
  });

  test('fails when given a name that is not a domain name', () => {
    for (const name of ['https://auth.example.com', 'Auth.Example.com', 'auth', 'auth.example.com/login']) {
      expect(() => withCustomDomain({ customDomainName: name })).toThrow(
        `customDomainName ${JSON.stringify(name)} is invalid: use a lowercase domain name such as auth.example.com, without scheme, port or path`,
      );
    }
  });
});

describe('web client config', () => {
  test('holds what an OIDC client needs, as JSON', () => {
    const { template, api, stack } = synthTutorial({ logoutUrls: ['http://localhost:3000/'] });
    const value = output(template, 'WebClientConfig');
    expect(stack.resolve(api.webClientConfig)).toEqual(value);
    // Resolve the tokens to placeholders, then read the JSON.
    const config = JSON.parse(value['Fn::Join'][1]
      .map((part: any) => (typeof part === 'string' ? part : `<${part.Ref}>`))
      .join(''));
    expect(config).toEqual({
      issuer: `https://cognito-idp.us-east-1.<AWS::URLSuffix>/<${POOL}>`,
      authorization_endpoint: `https://<${DOMAIN}>.auth.us-east-1.amazoncognito.com/oauth2/authorize`,
      token_endpoint: `https://<${DOMAIN}>.auth.us-east-1.amazoncognito.com/oauth2/token`,
      client_id: `<${CLIENT}>`,
      redirect_uri: 'http://localhost:3000/dashboard',
      scope: 'openid awesomeapi-resource-server/awesomeapi.read',
      response_type: 'code',
      logout_url: `https://<${DOMAIN}>.auth.us-east-1.amazoncognito.com/logout?client_id=<${CLIENT}>&logout_uri=http%3A%2F%2Flocalhost%3A3000%2F`,
      post_logout_redirect_uri: 'http://localhost:3000/',
      api_url: expect.stringMatching(/^https:\/\/<AwesomeApi[0-9A-F]+>\.execute-api\.us-east-1\.<AWS::URLSuffix>\/<AwesomeApiDeploymentStage.*>\/$/),
      identity_providers: ['COGNITO'],
    });
  });
});
