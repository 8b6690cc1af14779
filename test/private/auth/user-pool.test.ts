import * as fs from 'fs';
import * as path from 'path';
import { App, Fn, RemovalPolicy, SecretValue, Stack, Token, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../../../src';
import { newStack, tutorialApi, violations } from '../../helpers';

const ENV = { account: '123456789012', region: 'us-east-1' };
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** A second API's own props, for a pool it is given. */
const ORDERS_PROPS: ProtectedApiWithCognitoProps = {
  resourceServerIdentifier: 'orders-api',
  scopes: [{ name: 'orders.read', description: 'read orders' }],
  callbackUrls: ['https://orders.example.com/callback'],
};

function ordersApi(stack: Stack, overrides: Partial<ProtectedApiWithCognitoProps>, id = 'OrdersApi'): ProtectedApiWithCognito {
  const api = new ProtectedApiWithCognito(stack, id, { ...ORDERS_PROPS, ...overrides });
  api.addMethod('GET', '/orders', { scopes: ['orders.read'] });
  return api;
}

/** The outputs of one API (by construct id) in a template, by their short names. */
function outputsOf(template: Template, apiId: string): Record<string, any> {
  const outputs = template.toJSON().Outputs ?? {};
  const found: Record<string, any> = {};
  for (const [key, value] of Object.entries<any>(outputs)) {
    const match = key.match(new RegExp(`^${apiId}(UserPoolId|UserPoolClientId|ApiUrl|TokenUrl|AuthorizeUrl|LogoutUrl|WebClientConfig|DomainAliasTarget)`));
    if (match) {
      found[match[1]] = value.Value;
    }
  }
  return found;
}

/** Joins an `Fn::Join` into one string, showing references as `<Ref>` and imports as `<import:Name>`. */
function flatten(value: any): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value['Fn::Join']) {
    return value['Fn::Join'][1].map(flatten).join(value['Fn::Join'][0]);
  }
  if (value.Ref) {
    return `<${value.Ref}>`;
  }
  if (value['Fn::ImportValue']) {
    return `<import:${value['Fn::ImportValue']}>`;
  }
  if (value['Fn::GetAtt']) {
    return `<${value['Fn::GetAtt'].join('.')}>`;
  }
  return JSON.stringify(value);
}

function logicalId(stack: Stack, construct: { node: { defaultChild?: any } }): string {
  return stack.getLogicalId(construct.node.defaultChild);
}

describe('two APIs sharing one pool', () => {
  function shared(extra: Partial<ProtectedApiWithCognitoProps> = {}) {
    const stack = newStack();
    const first = tutorialApi(stack, { logoutUrls: ['http://localhost:3000/'] });
    first.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const second = ordersApi(stack, { userPool: first.userPool, userPoolDomain: first.userPoolDomain, ...extra });
    return { stack, first, second, template: Template.fromStack(stack) };
  }

  test('makes one pool and one domain; each API gets its own resource server and browser client on it', () => {
    const { stack, first, second, template } = shared();
    const pool = logicalId(stack, first.userPool);
    expect(second.userPool).toBe(first.userPool);
    expect(second.userPoolDomain).toBe(first.userPoolDomain);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const servers = Object.values<any>(template.findResources('AWS::Cognito::UserPoolResourceServer'));
    expect(servers.map((s) => [s.Properties.Identifier, s.Properties.UserPoolId])).toEqual([
      ['awesomeapi-resource-server', { Ref: pool }],
      ['orders-api', { Ref: pool }],
    ]);
    const clients = Object.values<any>(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => [c.Properties.AllowedOAuthScopes.map(flatten), c.Properties.UserPoolId])).toEqual([
      [['openid', '<AwesomeApiUserPoolResourceServer2D7192B3>/awesomeapi.read'], { Ref: pool }],
      [['openid', `<${logicalId(stack, second.resourceServer)}>/orders.read`], { Ref: pool }],
    ]);
  });

  test('the second API\'s pieces live under it, and the first keeps its ids', () => {
    const { stack, second } = shared();
    expect(logicalId(stack, second.resourceServer)).toMatch(/^OrdersApiResourceServer/);
    expect(logicalId(stack, second.userPoolClient)).toMatch(/^OrdersApiWebClient/);
    expect(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolResourceServer'))
      .toHaveProperty(['AwesomeApiUserPoolResourceServer2D7192B3']);
  });

  test('both sign in on the same domain and pool, and each authorizer trusts exactly that pool', () => {
    const { stack, first, template } = shared();
    const pool = logicalId(stack, first.userPool);
    const domain = logicalId(stack, first.userPoolDomain);
    const base = `https://<${domain}>.auth.us-east-1.amazoncognito.com`;
    const orders = outputsOf(template, 'OrdersApi');
    const awesome = outputsOf(template, 'AwesomeApi');
    expect(flatten(orders.TokenUrl)).toBe(`${base}/oauth2/token`);
    expect(flatten(awesome.TokenUrl)).toBe(`${base}/oauth2/token`);
    expect(flatten(orders.AuthorizeUrl)).toMatch(new RegExp(`^${escape(base)}/oauth2/authorize\\?client_id=<OrdersApiWebClient[0-9A-F]{8}>&response_type=code&scope=openid%20orders-api%2Forders\\.read&redirect_uri=https%3A%2F%2Forders\\.example\\.com%2Fcallback$`));
    expect(orders.UserPoolId).toEqual({ Ref: pool });
    const config = JSON.parse(flatten(orders.WebClientConfig));
    expect(config.issuer).toBe(`https://cognito-idp.us-east-1.<AWS::URLSuffix>/<${pool}>`);
    expect(config.authorization_endpoint).toBe(`${base}/oauth2/authorize`);
    expect(config.token_endpoint).toBe(`${base}/oauth2/token`);
    const authorizers = Object.values<any>(template.findResources('AWS::ApiGateway::Authorizer'));
    expect(authorizers).toHaveLength(2);
    for (const authorizer of authorizers) {
      expect(authorizer.Properties.ProviderARNs).toEqual([{ 'Fn::GetAtt': [pool, 'Arn'] }]);
    }
  });

  test('the second browser client gets a managed login branding, since the shared domain serves managed login', () => {
    const { stack, second, template } = shared();
    const brandings = Object.values<any>(template.findResources('AWS::Cognito::ManagedLoginBranding'));
    expect(brandings.map((b) => b.Properties.ClientId)).toContainEqual({ Ref: logicalId(stack, second.userPoolClient) });
  });

  test('a logout URL on the shared domain', () => {
    const { stack, first, template } = shared({ logoutUrls: ['https://orders.example.com/'] });
    expect(flatten(outputsOf(template, 'OrdersApi').LogoutUrl)).toMatch(new RegExp(
      `^https://<${logicalId(stack, first.userPoolDomain)}>\\.auth\\.us-east-1\\.amazoncognito\\.com/logout\\?client_id=<OrdersApiWebClient[0-9A-F]{8}>&logout_uri=https%3A%2F%2Forders\\.example\\.com%2F$`));
  });

  test('fails when both APIs use the same resource server identifier', () => {
    const stack = newStack();
    const first = tutorialApi(stack);
    expect(() => ordersApi(stack, {
      userPool: first.userPool,
      userPoolDomain: first.userPoolDomain,
      resourceServerIdentifier: 'awesomeapi-resource-server',
    })).toThrow('resourceServerIdentifier "awesomeapi-resource-server" is already used on userPool "TestStack/AwesomeApi/UserPool" '
      + 'by "TestStack/AwesomeApi/UserPool/ResourceServer/Resource": every API on a shared pool needs its own identifier, '
      + 'since tokens name scopes as <identifier>/<scope>; choose another one');
  });

  test('fails when the second API adds another prefix domain to the pool', () => {
    const stack = newStack();
    const first = tutorialApi(stack);
    expect(() => ordersApi(stack, { userPool: first.userPool, domainPrefix: 'orders-login' })).toThrow(
      'domainPrefix would add a second Cognito prefix domain to userPool "TestStack/AwesomeApi/UserPool", which already has '
      + '"TestStack/AwesomeApi/UserPool/Domain/Resource": Cognito allows one Cognito prefix domain a pool; pass that domain '
      + 'as userPoolDomain instead');
  });
});

describe('a pool made with aws-cdk-lib\'s own constructs', () => {
  test('in the same stack: the API adds its resource server and client to it, and uses its domain', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    const api = ordersApi(stack, { userPool: pool, userPoolDomain: domain });
    const template = Template.fromStack(stack);

    expect(api.userPool).toBe(pool);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'orders-api',
      UserPoolId: { Ref: logicalId(stack, pool) },
    });
    const outputs = outputsOf(template, 'OrdersApi');
    expect(flatten(outputs.TokenUrl)).toBe(`https://<${logicalId(stack, domain)}>.auth.us-east-1.amazoncognito.com/oauth2/token`);
    // The domain serves the classic hosted UI (aws-cdk-lib's default): no branding is made.
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });

  test('a managed login domain of the app gets a branding for the client; managedLoginVersion may not contradict it', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    const domain = pool.addDomain('Login', {
      cognitoDomain: { domainPrefix: 'company-login' },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const api = ordersApi(stack, { userPool: pool, userPoolDomain: domain });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: logicalId(stack, api.userPoolClient) },
      UseCognitoProvidedValues: true,
    });
    expect(() => ordersApi(stack, {
      userPool: pool,
      userPoolDomain: domain,
      resourceServerIdentifier: 'other-api',
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    }, 'OtherApi')).toThrow('managedLoginVersion 1 disagrees with userPoolDomain "TestStack/CompanyPool/Login", which serves '
      + 'version 2: drop managedLoginVersion, the domain\'s own setting is used');
  });

  test('in another stack: cross-stack references synthesize, and the URLs import the pool and domain', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const poolStack = new Stack(app, 'PoolStack', { env: ENV });
    const pool = new cognito.UserPool(poolStack, 'CompanyPool');
    const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    const apiStack = new Stack(app, 'ApiStack', { env: ENV });
    const api = ordersApi(apiStack, { userPool: pool, userPoolDomain: domain });

    const assembly = app.synth();
    const template = Template.fromJSON(assembly.getStackByName('ApiStack').template);

    expect(apiStack.dependencies).toContain(poolStack);
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolResourceServer', 1);
    expect(Template.fromJSON(assembly.getStackByName('PoolStack').template).toJSON().Resources)
      .not.toHaveProperty([logicalId(apiStack, api.userPoolClient)]);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      UserPoolId: { 'Fn::ImportValue': Match.stringLikeRegexp('^PoolStack:ExportsOutputRefCompanyPool') },
    });
    const outputs = outputsOf(template, 'OrdersApi');
    expect(flatten(outputs.TokenUrl)).toMatch(
      /^https:\/\/<import:PoolStack:ExportsOutputRefCompanyPoolLogin[0-9A-F]+>\.auth\.us-east-1\.amazoncognito\.com\/oauth2\/token$/);
    expect(JSON.parse(flatten(outputs.WebClientConfig)).issuer).toMatch(
      /^https:\/\/cognito-idp\.us-east-1\.<AWS::URLSuffix>\/<import:PoolStack:ExportsOutputRefCompanyPool[0-9A-F]+>$/);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      ProviderARNs: [{ 'Fn::ImportValue': Match.stringLikeRegexp('^PoolStack:ExportsOutputFnGetAttCompanyPool[0-9A-F]+Arn') }],
    });
  });

  test('fails when the domain belongs to another pool of the app', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    const other = new cognito.UserPool(stack, 'OtherPool');
    const domain = other.addDomain('Login', { cognitoDomain: { domainPrefix: 'other-login' } });
    expect(() => ordersApi(stack, { userPool: pool, userPoolDomain: domain })).toThrow(
      'userPoolDomain "TestStack/OtherPool/Login" belongs to another user pool than userPool "TestStack/CompanyPool": pass the '
      + 'domain of the pool the API trusts');
  });

  test('fails when a prefix domain is added to a pool that has one', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    expect(() => ordersApi(stack, { userPool: pool, domainPrefix: 'orders-login' })).toThrow(
      'domainPrefix would add a second Cognito prefix domain to userPool "TestStack/CompanyPool", which already has '
      + '"TestStack/CompanyPool/Login/Resource": Cognito allows one Cognito prefix domain a pool; pass that domain as '
      + 'userPoolDomain instead');
  });

  test('a custom domain may be added beside a prefix domain, but not a second custom domain', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    const api = ordersApi(stack, { userPool: pool, customDomainName: 'auth.example.com', customDomainCertificate: certificate });
    expect(flatten(outputsOf(Template.fromStack(stack), 'OrdersApi').TokenUrl)).toBe('https://<' + logicalId(stack, api.userPoolDomain) + '>/oauth2/token');
    expect(() => ordersApi(stack, {
      userPool: pool,
      resourceServerIdentifier: 'other-api',
      customDomainName: 'login.example.com',
      customDomainCertificate: certificate,
    }, 'OtherApi')).toThrow('customDomainName would add a second custom domain to userPool "TestStack/CompanyPool", which '
      + 'already has "TestStack/OrdersApi/Domain/Resource": Cognito allows one custom domain a pool; pass that domain as '
      + 'userPoolDomain instead');
  });
});

describe('a pool that exists outside this app', () => {
  test('fromUserPoolId with its prefix domain: literal URLs in the stack\'s region', () => {
    const stack = newStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123');
    const domain = cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login');
    ordersApi(stack, { userPool: pool, userPoolDomain: domain, logoutUrls: ['https://orders.example.com/'] });
    const template = Template.fromStack(stack);
    const outputs = outputsOf(template, 'OrdersApi');

    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { UserPoolId: 'us-east-1_AbCdEf123' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: 'us-east-1_AbCdEf123' });
    const base = 'https://company-login.auth.us-east-1.amazoncognito.com';
    expect(outputs.TokenUrl).toBe(`${base}/oauth2/token`);
    expect(flatten(outputs.AuthorizeUrl)).toMatch(new RegExp(`^${escape(base)}/oauth2/authorize\\?client_id=<OrdersApiWebClient`));
    expect(flatten(outputs.LogoutUrl)).toMatch(new RegExp(`^${escape(base)}/logout\\?client_id=<OrdersApiWebClient`));
    expect(outputs.UserPoolId).toBe('us-east-1_AbCdEf123');
    const config = JSON.parse(flatten(outputs.WebClientConfig));
    expect(config).toMatchObject({
      issuer: 'https://cognito-idp.us-east-1.<AWS::URLSuffix>/us-east-1_AbCdEf123',
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
    });
    expect(config.logout_url).toMatch(new RegExp(`^${escape(base)}/logout\\?`));
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      ProviderARNs: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123']] }],
    });
  });

  test('fromUserPoolArn in the stack\'s region with its custom domain: the issuer names the pool\'s region', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'TestStack', {
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    const pool = cognito.UserPool.fromUserPoolArn(stack, 'Pool',
      'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_XyZ987654');
    const domain = cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'auth.example.com');
    ordersApi(stack, { userPool: pool, userPoolDomain: domain });
    const template = Template.fromStack(stack);
    const outputs = outputsOf(template, 'OrdersApi');

    expect(outputs.TokenUrl).toBe('https://auth.example.com/oauth2/token');
    expect(outputs.DomainAliasTarget).toBeUndefined();
    const config = JSON.parse(flatten(outputs.WebClientConfig));
    expect(config.issuer).toBe('https://cognito-idp.eu-west-1.<AWS::URLSuffix>/eu-west-1_XyZ987654');
    expect(config.authorization_endpoint).toBe('https://auth.example.com/oauth2/authorize');
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      ProviderARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_XyZ987654'],
    });
  });

  test('fails when fromUserPoolArn names another region than the stack\'s', () => {
    const stack = newStack();
    const pool = cognito.UserPool.fromUserPoolArn(stack, 'Pool',
      'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_XyZ987654');
    expect(() => ordersApi(stack, { userPool: pool, userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login') }))
      .toThrow('userPool "TestStack/Pool" ("eu-west-1_XyZ987654") is in "eu-west-1", but the stack "TestStack" is in '
        + '"us-east-1": the construct adds a resource server and app clients to the pool, which CloudFormation can only '
        + 'create in the pool\'s region, where its login domain and token issuer are too; put the API in a stack in "eu-west-1"');
  });

  test('fails when a literal fromUserPoolId names another region than the stack\'s', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'EuStack', {
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    const pool = cognito.UserPool.fromUserPoolId(stack, 'P', 'us-east-1_AbCdEf123');
    expect(() => ordersApi(stack, { userPool: pool, userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login') }))
      .toThrow('userPool "EuStack/P" ("us-east-1_AbCdEf123") is in "us-east-1", but the stack "EuStack" is in '
        + '"eu-west-1": the construct adds a resource server and app clients to the pool, which CloudFormation can only '
        + 'create in the pool\'s region, where its login domain and token issuer are too; put the API in a stack in "us-east-1"');
  });

  test('fails when a pool made in a stack of another region is passed', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const poolStack = new Stack(app, 'PoolStack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pool = new cognito.UserPool(poolStack, 'Pool');
    const stack = new Stack(app, 'ApiStack', { env: { account: '123456789012', region: 'us-east-1' } });
    expect(() => ordersApi(stack, { userPool: pool, domainPrefix: 'company-login' }))
      .toThrow('userPool "PoolStack/Pool" is in "eu-west-1", but the stack "ApiStack" is in "us-east-1": the construct adds '
        + 'a resource server and app clients to the pool, which CloudFormation can only create in the pool\'s region, '
        + 'where its login domain and token issuer are too; put the API in a stack in "eu-west-1"');
  });

  test('a literal pool id in a stack without a region is not checked, and its URLs stay as before', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'AgnosticStack');
    const pool = cognito.UserPool.fromUserPoolId(stack, 'P', 'eu-west-1_AbCdEf123');
    ordersApi(stack, { userPool: pool, userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login') });
    expect(flatten(outputsOf(Template.fromStack(stack), 'OrdersApi').TokenUrl))
      .toBe('https://company-login.auth.<AWS::Region>.amazoncognito.com/oauth2/token');
  });

  test('a pool id that is a token is not checked', () => {
    const stack = newStack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'P', Fn.importValue('CompanyPoolId'));
    expect(() => ordersApi(stack, { userPool: pool, userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login') }))
      .not.toThrow();
  });

  test('an imported domain says which login pages it serves with managedLoginVersion', () => {
    const classic = newStack();
    ordersApi(classic, {
      userPool: cognito.UserPool.fromUserPoolId(classic, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(classic, 'Login', 'company-login'),
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    Template.fromStack(classic).resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
    const managed = newStack();
    ordersApi(managed, {
      userPool: cognito.UserPool.fromUserPoolId(managed, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(managed, 'Login', 'company-login'),
    });
    Template.fromStack(managed).hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UserPoolId: 'us-east-1_AbCdEf123' });
  });

  test('fails when the imported domain\'s name is only known at deploy time', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', Token.asString({ 'Fn::ImportValue': 'LoginDomain' })),
    })).toThrow('userPoolDomain "TestStack/Login" has a name only known at deploy time, so the construct cannot tell a Cognito '
      + 'prefix from a custom domain: import it with its literal name (cognito.UserPoolDomain.fromDomainName(this, id, '
      + '"my-prefix" or "auth.example.com")), or pass the UserPoolDomain construct itself');
  });

  test('fails when the imported domain\'s name is a URL', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'https://auth.example.com'),
    })).toThrow('userPoolDomain name "https://auth.example.com" is invalid: give the domain alone, a Cognito prefix such as '
      + '"my-prefix" or a custom domain such as "auth.example.com", without scheme or path');
  });

  test('fails when no login domain is given', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, { userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123') })).toThrow(
      'userPool is set but no login domain is: pass the pool\'s existing domain as userPoolDomain '
      + '(cognito.UserPoolDomain.fromDomainName(...) for a pool made outside this app), or let the construct add one with '
      + 'domainPrefix or customDomainName');
  });
});

describe('identity providers on a pool you pass', () => {
  test('a provider made on an imported pool is offered by the API\'s client, which depends on it', () => {
    const stack = newStack();
    const api = ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login'),
    });
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
      userPool: api.userPool,
      clientId: 'google-client-id',
      clientSecretValue: SecretValue.secretsManager('google-oauth'),
      attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
    });
    api.addIdentityProvider(google);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Cognito::UserPoolClient', {
      Properties: Match.objectLike({ SupportedIdentityProviders: ['COGNITO', 'Google'], UserPoolId: 'us-east-1_AbCdEf123' }),
      DependsOn: [logicalId(stack, google)],
    });
    expect(api.authorizeUrlFor(google)).toContain('&identity_provider=Google');
  });
});

describe('user groups on a pool you pass', () => {
  const groups = { scopes: [{ name: 'orders.read', description: 'read' }, { name: 'orders.admin', description: 'admin' }] };

  test('a cognito.UserPool of the app takes the groups and the trigger', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'CompanyPool');
    const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    const api = ordersApi(stack, { ...groups, userPool: pool, userPoolDomain: domain, userGroups: [{ name: 'admins', scopes: ['orders.admin'] }] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins', UserPoolId: { Ref: logicalId(stack, pool) } });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [logicalId(stack, api.preTokenGenerationFunction!), 'Arn'] }, LambdaVersion: 'V2_0' } },
    });
  });

  test('fails when the pool is imported', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      ...groups,
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
      userGroups: [{ name: 'admins', scopes: ['orders.admin'] }],
    })).toThrow('userGroups need a pre token generation trigger on the user pool, but the user pool "TestStack/Pool" is '
      + 'imported (fromUserPoolId or fromUserPoolArn), and its triggers cannot be set from here');
  });
});

describe('the construct adding a domain to an existing pool', () => {
  test('domainPrefix adds a prefix domain, under the construct', () => {
    const stack = newStack();
    const api = ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'orders-login',
      UserPoolId: 'us-east-1_AbCdEf123',
      ManagedLoginVersion: 2,
    });
    const domainId = logicalId(stack, api.userPoolDomain as cognito.UserPoolDomain);
    expect(domainId).toMatch(/^OrdersApiDomain/);
    expect(flatten(outputsOf(template, 'OrdersApi').TokenUrl))
      .toBe(`https://<${domainId}>.auth.us-east-1.amazoncognito.com/oauth2/token`);
  });

  test('customDomainName adds a custom domain, with its alias target output', () => {
    const stack = newStack();
    const api = ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    });
    const outputs = outputsOf(Template.fromStack(stack), 'OrdersApi');
    const domainId = logicalId(stack, api.userPoolDomain as cognito.UserPoolDomain);
    expect(flatten(outputs.TokenUrl)).toBe(`https://<${domainId}>/oauth2/token`);
    expect(outputs.DomainAliasTarget).toEqual({ 'Fn::GetAtt': [domainId, 'CloudFrontDistribution'] });
  });
});

describe('props that only fit a pool the construct creates', () => {
  test.each([
    ['userPoolName', { userPoolName: 'orders' }],
    ['selfSignUpEnabled', { selfSignUpEnabled: false }],
    ['passwordPolicy', { passwordPolicy: { minLength: 16 } }],
    ['mfa', { mfa: cognito.Mfa.REQUIRED }],
    ['featurePlan', { featurePlan: cognito.FeaturePlan.PLUS }],
    ['deletionProtection', { deletionProtection: true }],
  ])('fails when %s is given with userPool', (name, overrides) => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
      ...overrides,
    })).toThrow(`${name} is set together with userPool: it shapes a user pool the construct creates, and the pool you pass `
      + 'keeps its own settings; change them on that pool, or drop userPool to let the construct create one');
  });

  test('fails naming each one when several are given', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
      mfa: cognito.Mfa.REQUIRED,
      featurePlan: cognito.FeaturePlan.PLUS,
    })).toThrow('mfa, featurePlan are set together with userPool: they shape a user pool the construct creates, and the pool '
      + 'you pass keeps its own settings; change them on that pool, or drop userPool to let the construct create one');
  });

  test('removalPolicy still applies to the construct\'s own access log group', () => {
    const stack = newStack();
    ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  });

  test('fails when userPoolDomain is given without userPool', () => {
    const stack = newStack();
    expect(() => tutorialApi(stack, {
      domainPrefix: undefined,
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login'),
    })).toThrow('userPoolDomain is set without userPool: a pool the construct creates has no domain yet; pass the pool the '
      + 'domain belongs to as userPool, or let the construct add a domain with domainPrefix or customDomainName');
  });

  test('fails when userPoolDomain and domainPrefix are both given', () => {
    const stack = newStack();
    expect(() => ordersApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login'),
      domainPrefix: 'orders-login',
    })).toThrow('userPoolDomain and domainPrefix "orders-login" are both set: the login pages and OAuth endpoints live on one '
      + 'domain; keep one of the two');
  });
});

describe('security defaults with a pool you pass', () => {
  /** cdk-nag AwsSolutions over an app, the way a user registers it; findings on `prefix` paths only. */
  function nag(build: (app: App) => void, prefix: string) {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    build(app);
    const all = violations(app.synth()).filter((v) => v.plugin === 'AwsSolutions');
    return {
      ours: all.filter((v) => v.paths.some((p) => p.startsWith(prefix))),
      all,
    };
  }

  test('cdk-nag finds nothing on the construct; the pool\'s own findings stay with its owner', () => {
    const { ours, all } = nag((app) => {
      const poolStack = new Stack(app, 'PoolStack', { env: ENV });
      const pool = new cognito.UserPool(poolStack, 'CompanyPool');
      const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
      ordersApi(new Stack(app, 'ApiStack', { env: ENV }), { userPool: pool, userPoolDomain: domain });
    }, 'ApiStack/');
    expect(ours).toEqual([]);
    // Not acknowledged on a pool the construct did not make.
    expect(all.map((v) => v.ruleName).sort()).toEqual(['AwsSolutions-COG1', 'AwsSolutions-COG2', 'AwsSolutions-COG8']);
    expect(all.every((v) => v.paths.every((p) => p.startsWith('PoolStack/CompanyPool')))).toBe(true);
  });

  test('cdk-nag finds nothing with an imported pool, or with two APIs on one pool', () => {
    expect(nag((app) => {
      const stack = new Stack(app, 'ApiStack', { env: ENV });
      ordersApi(stack, {
        userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
        userPoolDomain: cognito.UserPoolDomain.fromDomainName(stack, 'Login', 'company-login'),
      });
    }, '').all).toEqual([]);
    expect(nag((app) => {
      const stack = new Stack(app, 'ApiStack', { env: ENV });
      const first = tutorialApi(stack);
      first.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
      ordersApi(stack, { userPool: first.userPool, userPoolDomain: first.userPoolDomain });
    }, '').all).toEqual([]);
  });

  test('CDK\'s template validation finds nothing in the shared, cross-stack and imported cases', () => {
    const app = new App({ builtinCloudFormationValidation: true });
    const poolStack = new Stack(app, 'PoolStack', { env: ENV });
    const pool = new cognito.UserPool(poolStack, 'CompanyPool');
    const domain = pool.addDomain('Login', { cognitoDomain: { domainPrefix: 'company-login' } });
    const apiStack = new Stack(app, 'ApiStack', { env: ENV });
    const first = ordersApi(apiStack, { userPool: pool, userPoolDomain: domain });
    ordersApi(apiStack, { userPool: first.userPool, userPoolDomain: first.userPoolDomain, resourceServerIdentifier: 'second-api' }, 'SecondApi');
    const importedStack = new Stack(app, 'ImportedStack', { env: ENV });
    ordersApi(importedStack, {
      userPool: cognito.UserPool.fromUserPoolId(importedStack, 'Pool', 'us-east-1_AbCdEf123'),
      domainPrefix: 'orders-login',
    });
    const assembly = app.synth();
    // The validation ran (it writes its report), and found nothing.
    expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
    expect(violations(assembly)).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
