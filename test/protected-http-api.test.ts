import { RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { backend, newStack, tutorialApi, tutorialHttpApi } from './helpers';
import { ProtectedHttpApiWithCognito, ProtectedHttpApiWithCognitoProps } from '../src';

/** The tutorial's stack as an HTTP API with its one GET route, and its template. */
function synthTutorial(overrides: Partial<ProtectedHttpApiWithCognitoProps> = {}) {
  const stack = newStack();
  const api = tutorialHttpApi(stack, overrides);
  api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
  return { stack, api, template: Template.fromStack(stack) };
}

const POOL = 'AwesomeApiUserPool691AE333';
const CLIENT = 'AwesomeApiUserPoolWebClientA952D31A';
const API = 'AwesomeApiE9FCAB5B';
const AUTHORIZER = 'AwesomeApiAuthorizer31128C80';

/** The one route of the template with `routeKey`. */
function routeWithKey(template: Template, routeKey: string): any {
  const found = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(found).toHaveLength(1);
  return (found[0] as any).Properties;
}

describe('the HTTP API', () => {
  test('is one HTTP API named like the REST API, and no REST API', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', Name: 'Api' });
  });

  test('apiName names it', () => {
    const { template } = synthTutorial({ apiName: 'orders' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'orders' });
  });

  test('is httpApi, with the stage, the authorizer and the log group as properties', () => {
    const { api, stack } = synthTutorial();
    const resolve = (value: unknown) => stack.resolve(value);
    expect(resolve(api.httpApi.apiId)).toEqual({ Ref: API });
    expect(resolve(api.authorizer.authorizerId)).toEqual({ Ref: AUTHORIZER });
    expect(api.stage.stageName).toBe('$default');
    expect(api.accessLogGroup.node.path).toBe('TestStack/AwesomeApi/AccessLogs');
  });

  test('makes the same Cognito half as the REST construct, with the same logical ids', () => {
    const { template } = synthTutorial();
    const restStack = newStack();
    tutorialApi(restStack).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const rest = Template.fromStack(restStack).toJSON().Resources;
    const cognitoOf = (resources: Record<string, any>) => Object.fromEntries(
      Object.entries(resources).filter(([, r]) => r.Type.startsWith('AWS::Cognito::')));
    expect(cognitoOf(template.toJSON().Resources)).toEqual(cognitoOf(rest));
  });
});

describe('CORS', () => {
  test('allows the callback URLs\' origins, the Authorization and Content-Type headers and the routes\' methods', () => {
    const { template } = synthTutorial({ callbackUrls: ['http://localhost:3000/dashboard', 'https://app.example.com/cb'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['http://localhost:3000', 'https://app.example.com'],
        AllowHeaders: ['Authorization', 'Content-Type'],
        AllowMethods: ['GET'],
      },
    });
  });

  test('counts routes added after the API, each method once', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    api.addRoute('POST', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    api.addRoute('GET', '/b', { integration: backend(), allowUnauthenticated: true });
    api.addRoute('delete', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowMethods: ['GET', 'POST', 'DELETE'] }),
    });
  });

  test('allows every method when a route answers ANY', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    api.addRoute('ANY', '/files/{proxy+}', { integration: backend(), scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowMethods: ['*'] }),
    });
  });

  test('corsAllowOrigins replaces the callback URLs\' origins', () => {
    const { template } = synthTutorial({ corsAllowOrigins: ['https://app.example.com'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://app.example.com'] }),
    });
  });

  test('is off with corsAllowOrigins: [] or without web callback URLs', () => {
    for (const overrides of [{ corsAllowOrigins: [] }, { callbackUrls: ['myapp://callback'] }]) {
      const { template } = synthTutorial(overrides);
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    }
  });

  test('adds no OPTIONS route: API Gateway answers preflight itself', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
  });

  test('fails when corsAllowOrigins holds an invalid origin', () => {
    expect(() => synthTutorial({ corsAllowOrigins: ['https://app.example.com/'] })).toThrow(
      'corsAllowOrigins[0] "https://app.example.com/" is invalid: use an origin, scheme://host[:port] with no path '
      + 'or trailing slash, such as https://app.example.com, or [\'*\'] to allow any origin');
  });
});

describe('the JWT authorizer', () => {
  test('reads the bearer token, trusts the pool\'s issuer and has the browser client in its audience', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: API },
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: POOL }]] },
        Audience: [{ Ref: CLIENT }],
      },
    });
  });

  test('has every machine client in its audience, including those added after the routes', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    const early = api.addMachineClient('Early', { scopes: ['awesomeapi.read'] });
    api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
    const late = api.addMachineClient('Late', { scopes: ['awesomeapi.read'] });
    const ref = (client: cognito.UserPoolClient) => stack.resolve(client.userPoolClientId);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({ Audience: [{ Ref: CLIENT }, ref(early), ref(late)] }),
    });
  });

  test('machine clients have their id outputs on the HTTP front too, named after them', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
    const client = api.addMachineClient('Reporting', { scopes: ['awesomeapi.read'] });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const keys = Object.keys(outputs).filter((k) => k.includes('MachineClients'));
    expect(keys).toEqual([expect.stringMatching(/MachineClientsReportingClientId[0-9A-F]{8}$/)]);
    expect(outputs[keys[0]].Value).toEqual(stack.resolve(client.userPoolClientId));
  });

  test('names the region of an imported pool\'s ARN in the issuer', () => {
    // In a stack of the pool's region: a pool of another region is refused (see user-pool.test.ts).
    const stack = new Stack(newStack().node.root as Construct, 'EuStack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const userPool = cognito.UserPool.fromUserPoolArn(stack, 'Pool',
      'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123');
    const api = tutorialHttpApi(stack, { userPool, domainPrefix: 'imported-pool-domain' });
    api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/eu-west-1_AbCdEf123']] },
      }),
    });
  });
});

describe('routes', () => {
  test('a protected route demands the full names of its scopes through the JWT authorizer', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'read' }, { name: 'awesomeapi.write', description: 'write' }],
    });
    const route = api.addRoute('PUT', '/items/{itemId}', { integration: backend(), scopes: ['awesomeapi.read', 'awesomeapi.write'] });
    expect(route).toBeInstanceOf(apigwv2.HttpRoute);
    expect(routeWithKey(Template.fromStack(stack), 'PUT /items/{itemId}')).toEqual(expect.objectContaining({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: AUTHORIZER },
      AuthorizationScopes: ['awesomeapi-resource-server/awesomeapi.read', 'awesomeapi-resource-server/awesomeapi.write'],
    }));
  });

  test('a public route checks no token', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/health', { integration: backend(), allowUnauthenticated: true });
    const route = routeWithKey(Template.fromStack(stack), 'GET /health');
    expect(route.AuthorizationType).toBe('NONE');
    expect(route.AuthorizerId).toBeUndefined();
    expect(route.AuthorizationScopes).toBeUndefined();
  });

  test('takes ANY, the root and a greedy last part', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('any', '/files/{proxy+}', { integration: backend(), scopes: ['awesomeapi.read'] });
    api.addRoute('GET', '/', { integration: backend(), allowUnauthenticated: true });
    const template = Template.fromStack(stack);
    routeWithKey(template, 'ANY /files/{proxy+}');
    routeWithKey(template, 'GET /');
  });

  test('fails when a route neither demands a scope nor is public', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('GET', '/a', { integration: backend() })).toThrow(
      'addRoute GET /a: no scopes given: name at least one of the API\'s scopes in options.scopes, '
      + 'or set options.allowUnauthenticated to true to make the method public');
  });

  test('fails when a route is public and demands scopes', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.read'], allowUnauthenticated: true }))
      .toThrow('addRoute GET /a: options.scopes ["awesomeapi.read"] cannot be combined with options.allowUnauthenticated: '
        + 'a public method checks no token; drop one of the two');
  });

  test('fails when a route names an unknown scope', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.write'] })).toThrow(
      'addRoute GET /a: scope "awesomeapi.write" is not one of the API\'s scopes (awesomeapi.read); '
      + 'add it to the scopes prop or fix the name');
  });

  test('fails when a route is added twice', () => {
    const api = tutorialHttpApi(newStack());
    api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    expect(() => api.addRoute('get', '/a', { integration: backend(), allowUnauthenticated: true })).toThrow(
      'addRoute GET /a: GET /a is already defined (by addRoute GET /a); add each method and path once');
  });

  test('fails when the method is unknown', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('FETCH', '/a', { integration: backend(), scopes: ['awesomeapi.read'] })).toThrow(
      'addRoute "FETCH" /a: httpMethod "FETCH" is invalid: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY');
  });

  test('fails when the path ends with a slash', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('GET', '/a/', { integration: backend(), scopes: ['awesomeapi.read'] })).toThrow(
      'addRoute GET /a/: path "/a/" is invalid: start it with / and separate non-empty parts with one /, e.g. /orders/{orderId}');
  });

  test('fails when a greedy part is not the last', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('GET', '/{proxy+}/a', { integration: backend(), scopes: ['awesomeapi.read'] })).toThrow(
      'addRoute GET /{proxy+}/a: path "/{proxy+}/a" is invalid: a greedy part "{proxy+}" must be the last part');
  });

  test('fails when two paths would give a route the same construct id', () => {
    const api = tutorialHttpApi(newStack());
    api.addRoute('GET', '/a/b', { integration: backend(), scopes: ['awesomeapi.read'] });
    expect(() => api.addRoute('GET', '/a--b', { integration: backend(), scopes: ['awesomeapi.read'] })).toThrow(
      'addRoute GET /a--b: its construct id "GET/a--b" is taken by TestStack/AwesomeApi/Api/GET--a--b: '
      + 'rename a path part that holds "--"');
  });

  test('fails when a path is only known at deploy time', () => {
    const api = tutorialHttpApi(newStack());
    const path = Token.asString({ Ref: 'Path' });
    expect(() => api.addRoute('GET', path, { integration: backend(), scopes: ['awesomeapi.read'] })).toThrow(
      `addRoute GET ${path}: path ${JSON.stringify(path)} is only known at deploy time: an HTTP API route's path `
      + 'must be known at synth; give it as a literal');
  });

  test('fails when an OPTIONS route is added while CORS is on', () => {
    const api = tutorialHttpApi(newStack());
    expect(() => api.addRoute('OPTIONS', '/a', { integration: backend(), allowUnauthenticated: true })).toThrow(
      'addRoute OPTIONS /a: the API answers OPTIONS itself for CORS preflight; '
      + 'set corsAllowOrigins to [] to define OPTIONS routes yourself');
  });

  test('an OPTIONS route is taken without CORS', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack, { corsAllowOrigins: [] });
    api.addRoute('OPTIONS', '/a', { integration: backend(), allowUnauthenticated: true });
    routeWithKey(Template.fromStack(stack), 'OPTIONS /a');
  });

  test('fails when the API has no routes', () => {
    const stack = newStack();
    tutorialHttpApi(stack);
    expect(() => Template.fromStack(stack)).toThrow(
      'TestStack/AwesomeApi has no routes: call addRoute(httpMethod, path, { integration, scopes }) at least once');
  });

  test('fails when no app client can obtain a route\'s scope', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'read' }, { name: 'awesomeapi.admin', description: 'admin' }],
      clientScopes: ['awesomeapi.read'],
    });
    api.addRoute('DELETE', '/a', { integration: backend(), scopes: ['awesomeapi.admin'] });
    expect(() => Template.fromStack(stack)).toThrow(
      'DELETE /a demands "awesomeapi.admin", which no app client can obtain: add one of them to clientScopes, '
      + 'or give it to another app client');
  });

  test('a machine client added after the route can obtain its scope', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'read' }, { name: 'awesomeapi.admin', description: 'admin' }],
      clientScopes: ['awesomeapi.read'],
    });
    api.addRoute('DELETE', '/a', { integration: backend(), scopes: ['awesomeapi.admin'] });
    api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test(`warns past ${300} routes, API Gateway's default quota`, () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    const integration = backend();
    for (let i = 0; i < 301; i++) {
      api.addRoute('GET', `/r${i}`, { integration, scopes: ['awesomeapi.read'] });
    }
    Annotations.fromStack(stack).hasWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp(
      'TestStack/AwesomeApi has more than 300 routes, API Gateway\'s default quota of routes per HTTP API'));
  });

  test('does not warn at 300 routes', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    const integration = backend();
    for (let i = 0; i < 300; i++) {
      api.addRoute('GET', `/r${i}`, { integration, scopes: ['awesomeapi.read'] });
    }
    Annotations.fromStack(stack).hasNoWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp('default quota of routes'));
  });
});

describe('the stage', () => {
  test('is the default stage, which deploys itself, with the throttling defaults', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Deployment', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: API },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  test('throttlingRateLimit and throttlingBurstLimit override the defaults', () => {
    const { template } = synthTutorial({ throttlingRateLimit: 10, throttlingBurstLimit: 20 });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
  });

  test('fails when throttlingRateLimit is not above 0', () => {
    expect(() => synthTutorial({ throttlingRateLimit: 0 })).toThrow(
      'throttlingRateLimit 0 is invalid: use a number of requests per second above 0');
  });

  test('fails when throttlingBurstLimit is not a whole number above 0', () => {
    expect(() => synthTutorial({ throttlingBurstLimit: 2.5 })).toThrow(
      'throttlingBurstLimit 2.5 is invalid: use a whole number of requests above 0');
  });

  test('writes JSON access logs, with the REST format\'s field names, to the construct\'s log group', () => {
    const { template } = synthTutorial();
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as any;
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toEqual(expect.objectContaining({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      httpMethod: '$context.httpMethod',
      path: '$context.path',
      routeKey: '$context.routeKey',
      status: '$context.status',
      clientId: '$context.authorizer.claims.client_id',
      subject: '$context.authorizer.claims.sub',
      authorizerError: '$context.authorizer.error',
      errorMessage: '$context.error.message',
    }));
  });

  test('the log group is named after the API, kept for a year and kept when it leaves the stack', () => {
    const { template } = synthTutorial();
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectLike({
        LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Access-Logs_', { Ref: API }, '/default']] },
        RetentionInDays: 365,
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('accessLogRetention and removalPolicy apply to the log group', () => {
    const { template } = synthTutorial({ accessLogRetention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectLike({ RetentionInDays: 30 }),
      DeletionPolicy: 'Delete',
    });
  });

  test('accessLogEncryptionKey encrypts the log group, and the key lets CloudWatch Logs use it for it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const api = tutorialHttpApi(stack, { accessLogEncryptionKey: key });
    api.addRoute('GET', '/a', { integration: backend(), scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: stack.resolve(key.keyArn) });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':',
                  { Ref: 'AWS::AccountId' }, ':log-group:API-Gateway-Access-Logs_*']],
              },
            },
          },
        })]),
      }),
    });
  });

  test('sets no account-level CloudWatch role: HTTP APIs log through their service-linked role', () => {
    const { template } = synthTutorial();
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
  });
});

describe('outputs', () => {
  test('are those of the REST construct, ApiUrl the default stage\'s URL', () => {
    const { template, api, stack } = synthTutorial({ logoutUrls: ['http://localhost:3000/'] });
    const restStack = newStack();
    tutorialApi(restStack, { logoutUrls: ['http://localhost:3000/'] }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(Object.keys(Template.fromStack(restStack).toJSON().Outputs));
    expect(outputs).toHaveLength(7);
    template.hasOutput('AwesomeApiApiUrl191127D5', {
      Value: { 'Fn::Join': ['', ['https://', { Ref: API }, '.execute-api.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/']] },
    });
    expect(stack.resolve(api.apiUrl)).toEqual(stack.resolve(api.stage.url));
  });

  test('WebClientConfig names the HTTP API\'s URL', () => {
    const { api, stack } = synthTutorial();
    const config = stack.resolve(api.webClientConfig);
    expect(JSON.stringify(config)).toContain('.execute-api.us-east-1.');
  });
});

describe('the Cognito half', () => {
  test('exposes the same properties as on the REST construct', () => {
    const { api } = synthTutorial({ userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
    expect(api.userPool).toBeDefined();
    expect(api.resourceServer).toBeInstanceOf(cognito.UserPoolResourceServer);
    expect(api.userPoolClient).toBeInstanceOf(cognito.UserPoolClient);
    expect(api.userPoolDomain).toBeDefined();
    expect(api.userPoolGroups).toHaveLength(1);
    expect(api.preTokenGenerationFunction).toBeDefined();
    expect(api.managedLoginBranding).toBeDefined();
    expect(api.authorizeUrl).toContain('/oauth2/authorize?client_id=');
    expect(api.tokenUrl).toContain('/oauth2/token');
  });

  test('checks the Cognito props as the REST construct does', () => {
    expect(() => new ProtectedHttpApiWithCognito(newStack(), 'AwesomeApi', {
      resourceServerIdentifier: 'awesomeapi-resource-server',
      scopes: [{ name: 'awesomeapi.read', description: 'read' }],
      callbackUrls: ['http://localhost:3000/dashboard'],
      domainPrefix: 'My_Domain',
    })).toThrow(/^domainPrefix "My_Domain" is invalid/);
  });

  test('addIdentityProvider and authorizeUrlFor work as on the REST construct', () => {
    const stack: Stack = newStack();
    const api = tutorialHttpApi(stack);
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool: api.userPool,
      clientId: 'id.apps.googleusercontent.com',
      clientSecretValue: SecretValue.secretsManager('google-secret'),
    });
    api.addIdentityProvider(google);
    expect(JSON.stringify(stack.resolve(api.authorizeUrlFor(google)))).toContain('identity_provider=');
  });
});
