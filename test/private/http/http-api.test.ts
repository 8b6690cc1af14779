import { CfnResource, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HTTP_API_ROUTE_QUOTA, IDENTITY_SOURCE, ScopedHttpApi } from '../../../src/private/http/http-api';
import { HttpSettings } from '../../../src/private/http/settings';
import { RouteRegistry } from '../../../src/private/routes';
import { backend, newStack } from '../../helpers';

const SETTINGS: HttpSettings = {
  corsOrigins: ['https://app.example.com'],
  accessLogRetention: logs.RetentionDays.ONE_WEEK,
  throttlingRateLimit: 10,
  throttlingBurstLimit: 20,
  removalPolicy: RemovalPolicy.DESTROY,
};

/** The front alone, in an owner construct, trusting a made-up issuer and the clients in `clients`. */
function front(settings: Partial<HttpSettings> = {}, clients: string[] = ['client-a']) {
  const stack = newStack();
  const owner = new Construct(stack, 'Owner');
  const routes = new RouteRegistry(['read', 'write'], 'addRoute');
  const api = new ScopedHttpApi(owner, { ...SETTINGS, ...settings }, {
    issuerUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
    clientIds: Lazy.list({ produce: () => clients }),
    fullScopeName: (name) => `server/${name}`,
    routes,
  });
  return { stack, owner, api, routes, clients };
}

test('the authorizer trusts the issuer and the audience it is given, read at synth', () => {
  const { stack, api, clients } = front();
  api.addRoute('GET', '/a', { integration: backend(), scopes: ['read'] });
  clients.push('client-b');
  expect(IDENTITY_SOURCE).toBe('$request.header.Authorization');
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
    AuthorizerType: 'JWT',
    Name: 'CognitoUserPool',
    IdentitySource: ['$request.header.Authorization'],
    JwtConfiguration: { Issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', Audience: ['client-a', 'client-b'] },
  });
});

test('a route turns short scope names into full ones, and registers itself', () => {
  const { stack, api, routes } = front();
  api.addRoute('POST', '/a/{id}', { integration: backend(), scopes: ['read', 'write'] });
  expect(routes.routes.map((r) => r.key)).toEqual(['POST /a/{id}']);
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
    RouteKey: 'POST /a/{id}',
    AuthorizationType: 'JWT',
    AuthorizationScopes: ['server/read', 'server/write'],
  });
});

test('the stage and the log group take the settings', () => {
  const { stack, api } = front();
  api.addRoute('GET', '/a', { integration: backend(), scopes: ['read'] });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
    StageName: '$default',
    AutoDeploy: true,
    DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
  });
  template.hasResource('AWS::Logs::LogGroup', { Properties: Match.objectLike({ RetentionInDays: 7 }), DeletionPolicy: 'Delete' });
});

test('apiName names the API', () => {
  const { stack, api } = front({ apiName: 'orders' });
  api.addRoute('GET', '/a', { integration: backend(), scopes: ['read'] });
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'orders' });
});

test('validateHasRoutes names the owner until a route is added', () => {
  const { api } = front();
  expect(api.validateHasRoutes()).toEqual([
    'TestStack/Owner has no routes: call addRoute(httpMethod, path, { integration, scopes }) at least once',
  ]);
  api.addRoute('GET', '/a', { integration: backend(), allowUnauthenticated: true });
  expect(api.validateHasRoutes()).toEqual([]);
});

test(`warns once, on the owner, past ${HTTP_API_ROUTE_QUOTA} routes`, () => {
  const { stack, api } = front();
  const integration = backend();
  for (let i = 0; i < HTTP_API_ROUTE_QUOTA + 5; i++) {
    api.addRoute('GET', `/r${i}`, { integration, scopes: ['read'] });
  }
  const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Owner', Match.stringLikeRegexp('default quota of routes'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0].entry.data).toMatch(/^TestStack\/Owner has more than 300 routes, API Gateway's default quota of routes per HTTP API: the deploy fails unless the quota "Routes per API" was raised in Service Quotas for this account and region/);
});

test('an OPTIONS route is refused with CORS and taken without', () => {
  expect(() => front().api.addRoute('OPTIONS', '/a', { integration: backend(), allowUnauthenticated: true })).toThrow(
    'addRoute OPTIONS /a: the API answers OPTIONS itself for CORS preflight; set corsAllowOrigins to [] to define OPTIONS routes yourself');
  const { api, stack } = front({ corsOrigins: [] });
  api.addRoute('OPTIONS', '/a', { integration: backend(), allowUnauthenticated: true });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'OPTIONS /a', AuthorizationType: 'NONE' });
  template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
});

test('a route\'s construct id follows aws-cdk-lib\'s own scheme', () => {
  const { api } = front();
  const route = api.addRoute('GET', '/a/{id}', { integration: backend(), scopes: ['read'] });
  expect(route.node.path).toBe('TestStack/Owner/Api/GET--a--{id}');
  expect(Stack.of(route).resolve(route.routeId)).toEqual({ Ref: expect.stringMatching(/^OwnerApiGETaid/) });
});

test('validateResourceLimit says nothing within 500 resources, and how many routes fit past them', () => {
  const { stack, api } = front();
  const integration = backend();
  for (let i = 0; i < 10; i++) {
    api.addRoute('GET', `/r${i}`, { integration, scopes: ['read'] });
  }
  expect(api.validateResourceLimit()).toEqual([]);
  for (let i = 0; i < 490; i++) {
    new CfnResource(stack, `Filler${i}`, { type: 'AWS::SNS::Topic' });
  }
  // 490 fillers, the API, its stage, authorizer and log group, 10 routes and the one integration they share: 505.
  expect(api.validateResourceLimit()).toEqual([
    'TestStack has 505 resources, more than the 500 CloudFormation allows in one stack. This API\'s 10 routes take about '
    + '1.1 resources each, so about 5 fit here: move the rest to an HttpApi in another stack (it can check tokens from '
    + 'this userPool with a JWT authorizer of its own)',
  ]);
});
