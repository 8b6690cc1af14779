import { Duration, Lazy, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { ProtectedApiWithCognitoProps } from '../../src';
import { show } from '../../src/private/errors';
import { newStack, tutorialApi } from '../helpers';

/** Builds the tutorial's API with `overrides`; throws what the constructor throws. */
function build(overrides: Partial<ProtectedApiWithCognitoProps>) {
  return tutorialApi(newStack(), overrides);
}

const TOKEN = () => Token.asString({ Ref: 'Something' });
const scopes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `s${i}`, description: `scope ${i}` }));

describe('domainPrefix', () => {
  test('fails when it holds characters Cognito refuses', () => {
    expect(() => build({ domainPrefix: 'My_Login' })).toThrow(
      'domainPrefix "My_Login" is invalid: use 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen',
    );
  });

  test('fails when it starts or ends with a hyphen', () => {
    expect(() => build({ domainPrefix: '-login' })).toThrow('domainPrefix "-login" is invalid: use 1-63');
    expect(() => build({ domainPrefix: 'login-' })).toThrow('domainPrefix "login-" is invalid: use 1-63');
  });

  test('fails when empty or longer than 63 characters; 1 and 63 pass', () => {
    expect(() => build({ domainPrefix: '' })).toThrow('domainPrefix "" is invalid: use 1-63');
    expect(() => build({ domainPrefix: 'a'.repeat(64) })).toThrow(`domainPrefix "${'a'.repeat(64)}" is invalid: use 1-63`);
    expect(() => build({ domainPrefix: 'a'.repeat(63) })).not.toThrow();
    expect(() => build({ domainPrefix: 'a' })).not.toThrow();
    expect(() => build({ domainPrefix: 'my-login-2' })).not.toThrow();
  });

  test('fails when it holds a word Cognito reserves', () => {
    expect(() => build({ domainPrefix: 'my-aws-login' })).toThrow(
      'domainPrefix "my-aws-login" is invalid: it contains "aws", and Cognito reserves the words "aws", "amazon" and "cognito" in prefix domains; choose a prefix without them',
    );
    expect(() => build({ domainPrefix: 'amazon-shop' })).toThrow('it contains "amazon"');
    expect(() => build({ domainPrefix: 'mycognitoapp' })).toThrow('it contains "cognito"');
    expect(() => build({ domainPrefix: 'aw-s-login' })).not.toThrow();
  });
});

describe('callbackUrls', () => {
  test('fails when empty', () => {
    expect(() => build({ callbackUrls: [] })).toThrow(
      'callbackUrls is empty: the authorization-code grant needs at least one URL to send users back to',
    );
  });

  test('fails when given more than 100; 100 pass', () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://app.example.com/cb${i}`);
    expect(() => build({ callbackUrls: urls(101) })).toThrow('callbackUrls has 101 URLs: Cognito allows at most 100 per app client');
    expect(() => build({ callbackUrls: urls(100) })).not.toThrow();
  });

  test('fails when not an absolute URL', () => {
    expect(() => build({ callbackUrls: ['/dashboard'] })).toThrow(
      'callbackUrls[0] "/dashboard" is invalid: use an absolute URL such as https://app.example.com/callback',
    );
  });

  test('fails when given a fragment', () => {
    expect(() => build({ callbackUrls: ['https://app.example.com/cb#done'] })).toThrow(
      'callbackUrls[0] "https://app.example.com/cb#done" is invalid: a redirect URL must not have a fragment (#...); remove it',
    );
  });

  test('fails when given plain http except on localhost', () => {
    expect(() => build({ callbackUrls: ['https://app.example.com/cb', 'http://app.example.com/cb'] })).toThrow(
      'callbackUrls[1] "http://app.example.com/cb" is invalid: Cognito requires HTTPS, except http://localhost for testing; use "https://app.example.com/cb"',
    );
    expect(() => build({ callbackUrls: ['http://localhost:3000'] })).not.toThrow();
    expect(() => build({ callbackUrls: ['http://localhost/cb'] })).not.toThrow();
    expect(() => build({ callbackUrls: ['https://app.example.com/cb'] })).not.toThrow();
  });

  test('allows app schemes', () => {
    expect(() => build({ callbackUrls: ['myapp://callback'] })).not.toThrow();
  });

  test('fails when over 1024 characters; 1024 pass', () => {
    const url = (n: number) => 'https://app.example.com/' + 'a'.repeat(n - 'https://app.example.com/'.length);
    expect(() => build({ callbackUrls: [url(1025)] })).toThrow(
      `callbackUrls[0] ${show(url(1025))} is invalid: Cognito allows at most 1024 characters`,
    );
    expect(show(url(1025))).toBe(`"${url(1025).slice(0, 60)}..." (1025 characters)`);
    expect(() => build({ callbackUrls: [url(1024)] })).not.toThrow();
  });

  test('fails when given white space', () => {
    expect(() => build({ callbackUrls: ['https://app.example.com/my cb'] })).toThrow(
      'callbackUrls[0] "https://app.example.com/my cb" is invalid: it holds white space or control characters; percent-encode them (a space is %20)',
    );
    expect(() => build({ callbackUrls: ['https://app.example.com/my%20cb'] })).not.toThrow();
  });
});

describe('resourceServerIdentifier', () => {
  test('fails when given a space, a quote or a backslash', () => {
    for (const identifier of ['my api', 'my"api', 'my\\api']) {
      expect(() => build({ resourceServerIdentifier: identifier })).toThrow(
        `resourceServerIdentifier ${show(identifier)} is invalid: use 1-256 printable ASCII characters without spaces, '"' or '\\'`,
      );
    }
  });

  test('fails when empty or over 256 characters; 256 and URLs pass', () => {
    expect(() => build({ resourceServerIdentifier: '' })).toThrow('resourceServerIdentifier "" is invalid');
    expect(() => build({ resourceServerIdentifier: 'a'.repeat(257) })).toThrow('is invalid: use 1-256 printable ASCII');
    expect(() => build({ resourceServerIdentifier: 'a'.repeat(256) })).not.toThrow();
    expect(() => build({ resourceServerIdentifier: 'https://api.example.com' })).not.toThrow();
  });
});

describe('scopes', () => {
  test('fails when empty', () => {
    expect(() => build({ scopes: [] })).toThrow('scopes is empty: define at least one scope for the API\'s methods to demand');
  });

  test('fails when given a space, slash, quote or backslash in a name', () => {
    for (const name of ['read all', 'read/all', 'read"all', 'read\\all']) {
      expect(() => build({ scopes: [{ name, description: 'd' }] })).toThrow(
        `scopes[0].name ${show(name)} is invalid: use 1-256 printable ASCII characters without spaces, '/', '"' or '\\'`,
      );
    }
  });

  test('fails when given an empty or too long name; 256 pass', () => {
    expect(() => build({ scopes: [{ name: '', description: 'd' }] })).toThrow('scopes[0].name "" is invalid');
    expect(() => build({ scopes: [{ name: 'a'.repeat(257), description: 'd' }] })).toThrow('is invalid: use 1-256');
    const long = 'a'.repeat(256);
    const api = build({ scopes: [{ name: long, description: 'd' }] });
    expect(() => api.addMethod('GET', '/x', { scopes: [long] })).not.toThrow();
  });

  test('fails when given a repeated name', () => {
    expect(() => build({
      scopes: [{ name: 'awesomeapi.read', description: 'a' }, { name: 'awesomeapi.read', description: 'b' }],
    })).toThrow('scopes[1].name "awesomeapi.read" is repeated (also scopes[0]): scope names must be unique');
  });

  test('fails when given an empty or too long description; 256 pass', () => {
    expect(() => build({ scopes: [{ name: 'x', description: '' }] })).toThrow(
      'scopes[0].description "" is invalid: use 1-256 characters',
    );
    expect(() => build({ scopes: [{ name: 'x', description: 'd'.repeat(257) }] })).toThrow(
      `scopes[0].description ${show('d'.repeat(257))} is invalid: use 1-256 characters`,
    );
    expect(() => build({ scopes: [{ name: 'x', description: 'd'.repeat(256) }] })).not.toThrow();
  });

  test('fails when given more than 100 (a resource server\'s limit)', () => {
    expect(() => build({ scopes: scopes(101), clientScopes: ['s0'] })).toThrow(
      'scopes has 101 entries: a Cognito resource server holds at most 100',
    );
    expect(() => build({ scopes: scopes(100), clientScopes: ['s0'] })).not.toThrow();
  });

  test('fails when the browser client would get more than 50 scopes with openid; 49 pass', () => {
    expect(() => build({ scopes: scopes(50) })).toThrow(
      'scopes gives the client 51 scopes (openid included): Cognito allows at most 50 per app client; give it at most 50 or split the API\'s scopes',
    );
    expect(() => build({ scopes: scopes(49) })).not.toThrow();
  });
});

describe('clientScopes', () => {
  test('fails when given a scope the API does not define', () => {
    expect(() => build({ clientScopes: ['awesomeapi.write'] })).toThrow(
      'clientScopes[0] "awesomeapi.write" is not one of the API\'s scopes (awesomeapi.read); add it to the scopes prop or fix the name',
    );
  });

  test('fails when given a repeated scope', () => {
    expect(() => build({ clientScopes: ['awesomeapi.read', 'awesomeapi.read'] })).toThrow(
      'clientScopes[1] "awesomeapi.read" is repeated (also clientScopes[0]); name each scope once',
    );
  });

  test('limits the browser client to 50 scopes with openid', () => {
    const names = scopes(60).map((s) => s.name);
    expect(() => build({ scopes: scopes(60), clientScopes: names.slice(0, 50) })).toThrow(
      'clientScopes gives the client 51 scopes (openid included)',
    );
    expect(() => build({ scopes: scopes(60), clientScopes: names.slice(0, 49) })).not.toThrow();
  });
});

describe('token validities', () => {
  test.each([
    ['accessTokenValidity', Duration.minutes(4), '"4 minutes" is invalid: Cognito allows 5 minutes to 1 day'],
    ['accessTokenValidity', Duration.hours(25), '"1 day 1 hour" is invalid: Cognito allows 5 minutes to 1 day'],
    ['idTokenValidity', Duration.minutes(4), '"4 minutes" is invalid: Cognito allows 5 minutes to 1 day'],
    ['refreshTokenValidity', Duration.minutes(59), '"59 minutes" is invalid: Cognito allows 1 hour to 3650 days'],
    ['refreshTokenValidity', Duration.days(3651), '"3651 days" is invalid: Cognito allows 1 hour to 3650 days'],
  ])('fails when %s is %p', (prop, value, message) => {
    expect(() => build({ [prop]: value, refreshTokenValidity: prop === 'refreshTokenValidity' ? value : Duration.days(30) }))
      .toThrow(`${prop} ${message}`);
  });

  test('the bounds themselves pass', () => {
    expect(() => build({
      accessTokenValidity: Duration.minutes(5), idTokenValidity: Duration.minutes(5), refreshTokenValidity: Duration.minutes(60),
    })).not.toThrow();
    expect(() => build({
      accessTokenValidity: Duration.days(1), idTokenValidity: Duration.days(1), refreshTokenValidity: Duration.days(3650),
    })).not.toThrow();
  });

  test('fails when an access or ID token outlives the refresh token', () => {
    expect(() => build({ accessTokenValidity: Duration.hours(2), refreshTokenValidity: Duration.hours(1) })).toThrow(
      'accessTokenValidity "2 hours" is longer than refreshTokenValidity "1 hour": a token must not outlive the refresh token; shorten accessTokenValidity or lengthen refreshTokenValidity',
    );
    expect(() => build({
      refreshTokenValidity: Duration.minutes(60), idTokenValidity: Duration.minutes(61), accessTokenValidity: Duration.minutes(5),
    })).toThrow('idTokenValidity "1 hour 1 minute" is longer than refreshTokenValidity "1 hour"');
    expect(() => build({ refreshTokenValidity: Duration.minutes(60) })).not.toThrow();
  });
});

describe('corsAllowOrigins', () => {
  test('fails when given a path, a trailing slash or no scheme', () => {
    for (const origin of ['https://app.example.com/', 'https://app.example.com/app', 'app.example.com', 'ftp://files.example.com']) {
      expect(() => build({ corsAllowOrigins: [origin] })).toThrow(
        `corsAllowOrigins[0] ${show(origin)} is invalid: use an origin, scheme://host[:port] with no path or trailing slash, such as https://app.example.com, or ['*'] to allow any origin`,
      );
    }
  });

  test('fails when given * beside other origins', () => {
    expect(() => build({ corsAllowOrigins: ['https://app.example.com', '*'] })).toThrow(
      'corsAllowOrigins[1] "*" is invalid alongside other origins: give [\'*\'] alone to allow any origin',
    );
  });

  test('origins with ports, * alone and an empty list pass', () => {
    expect(() => build({ corsAllowOrigins: ['https://app.example.com', 'http://localhost:3000'] })).not.toThrow();
    expect(() => build({ corsAllowOrigins: ['*'] })).not.toThrow();
    expect(() => build({ corsAllowOrigins: [] })).not.toThrow();
  });
});

describe('stageName', () => {
  test('fails when given characters API Gateway refuses; letters, digits, - and _ pass', () => {
    expect(() => build({ stageName: 'prod/v1' })).toThrow(
      'stageName "prod/v1" is invalid: use 1-128 letters, digits, hyphens and underscores',
    );
    expect(() => build({ stageName: 'a'.repeat(129) })).toThrow('is invalid: use 1-128 letters');
    expect(() => build({ stageName: 'Prod_v1-2' })).not.toThrow();
  });
});

describe('addMethod', () => {
  const api = () => build({
    scopes: [{ name: 'awesomeapi.read', description: 'r' }, { name: 'awesomeapi.write', description: 'w' }],
  });

  test('fails when given an HTTP method API Gateway does not know', () => {
    expect(() => api().addMethod('FETCH', '/x', { scopes: ['awesomeapi.read'] })).toThrow(
      'addMethod "FETCH" /x: httpMethod "FETCH" is invalid: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
    );
  });

  test('accepts every known method, in any case', () => {
    const a = build({ corsAllowOrigins: [] });
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']) {
      expect(a.addMethod(method.toLowerCase(), '/x', { scopes: ['awesomeapi.read'] }).httpMethod).toBe(method);
    }
  });

  test('fails when given a scope the API does not define', () => {
    expect(() => api().addMethod('GET', '/x', { scopes: ['awesomeapi.read', 'awesomeapi.admin'] })).toThrow(
      'addMethod GET /x: scope "awesomeapi.admin" is not one of the API\'s scopes (awesomeapi.read, awesomeapi.write); add it to the scopes prop or fix the name',
    );
  });

  test('fails when given the same method on the same path twice, naming both', () => {
    const a = api();
    a.addMethod('get', '/orders/{id}', { scopes: ['awesomeapi.read'] });
    expect(() => a.addMethod('GET', '/orders/{id}', { scopes: ['awesomeapi.write'] })).toThrow(
      'addMethod GET /orders/{id}: GET /orders/{id} is already defined (by addMethod GET /orders/{id}); add each method and path once',
    );
    expect(() => a.addMethod('PUT', '/orders/{id}', { scopes: ['awesomeapi.write'] })).not.toThrow();
  });

  test('fails when given two differently named variable parts under one parent', () => {
    const a = api();
    a.addMethod('GET', '/orders/{orderId}', { scopes: ['awesomeapi.read'] });
    expect(() => a.addMethod('GET', '/orders/{id}/items', { scopes: ['awesomeapi.read'] })).toThrow(
      'addMethod GET /orders/{id}/items: path part "{id}" clashes with "{orderId}" under /orders: API Gateway allows one variable part per parent; use the same name in both paths',
    );
    expect(() => a.addMethod('GET', '/orders/{orderId}/items', { scopes: ['awesomeapi.read'] })).not.toThrow();
  });

  test.each([
    ['orders', 'start it with / and separate non-empty parts with one /, e.g. /orders/{orderId}'],
    ['/orders/', 'start it with / and separate non-empty parts with one /, e.g. /orders/{orderId}'],
    ['/orders//items', 'start it with / and separate non-empty parts with one /, e.g. /orders/{orderId}'],
    ['', 'start it with / and separate non-empty parts with one /, e.g. /orders/{orderId}'],
    ['/orders/{proxy+}/items', 'a greedy part "{proxy+}" must be the last part'],
    ['/my orders', 'part "my orders" may hold only letters, digits and ._-:$, or be a {parameter}'],
    ['/orders/{order id}', 'part "{order id}" may hold only letters, digits and ._-:$, or be a {parameter}'],
    // Found by the property tests: aws-cdk-lib threw a TypeError for these.
    ['/constructor', 'part "constructor" is a name every JavaScript object has, which aws-cdk-lib cannot give a resource; rename the part or make it a {parameter}'],
    ['/a/valueOf/b', 'part "valueOf" is a name every JavaScript object has, which aws-cdk-lib cannot give a resource; rename the part or make it a {parameter}'],
    ['/__proto__', 'part "__proto__" is a name every JavaScript object has, which aws-cdk-lib cannot give a resource; rename the part or make it a {parameter}'],
  ])('fails when given the path %p', (path, rule) => {
    expect(() => api().addMethod('GET', path, { scopes: ['awesomeapi.read'] })).toThrow(
      `addMethod GET ${path}: path ${show(path)} is invalid: ${rule}`,
    );
  });

  test('valid paths pass', () => {
    const a = api();
    for (const path of ['/', '/orders', '/orders/{orderId}', '/v1.2/items_x-y:z$', '/files/{proxy+}', '/{constructor}', '/Constructor']) {
      expect(() => a.addMethod('GET', path, { scopes: ['awesomeapi.read'] })).not.toThrow();
    }
  });

  test('fails when given OPTIONS while the API answers preflight itself', () => {
    expect(() => api().addMethod('OPTIONS', '/x', { scopes: ['awesomeapi.read'] })).toThrow(
      'addMethod OPTIONS /x: the API answers OPTIONS itself for CORS preflight; set corsAllowOrigins to [] to define OPTIONS methods yourself',
    );
  });
});

describe('checks over the whole tree', () => {
  test('fail at synth when a method demands only scopes no app client can obtain', () => {
    const stack = newStack();
    const a = tutorialApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'r' }, { name: 'awesomeapi.admin', description: 'a' }],
      clientScopes: ['awesomeapi.read'],
    });
    a.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    a.addMethod('DELETE', '/a', { scopes: ['awesomeapi.admin'] });
    expect(() => Template.fromStack(stack)).toThrow(
      'DELETE /a demands "awesomeapi.admin", which no app client can obtain: add one of them to clientScopes, or give it to another app client',
    );
  });

  test('pass when one of a method\'s scopes can be obtained', () => {
    const stack = newStack();
    const a = tutorialApi(stack, {
      scopes: [{ name: 'awesomeapi.read', description: 'r' }, { name: 'awesomeapi.admin', description: 'a' }],
      clientScopes: ['awesomeapi.read'],
    });
    a.addMethod('GET', '/a', { scopes: ['awesomeapi.admin', 'awesomeapi.read'] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('fails when the stack passes 500 resources, saying how many methods fit and naming methodsInNestedStacks', () => {
    const stack = newStack();
    const a = tutorialApi(stack);
    for (let i = 0; i < 170; i++) {
      a.addMethod('GET', `/r${i}`, { scopes: ['awesomeapi.read'] });
    }
    expect(() => Template.fromStack(stack)).toThrow(
      'TestStack has 527 resources, more than the 500 CloudFormation allows in one stack. This API\'s 170 methods take '
      + 'about 3.0 resources each, so about 161 fit here: set methodsInNestedStacks: true to put its methods into nested '
      + 'stacks. An API already deployed cannot move its methods to other stacks in one deploy: first deploy it without '
      + 'the methods that would move (every method not on /), then with methodsInNestedStacks: true and the methods '
      + 'back (see the README, "More than 160 methods")',
    );
  });

  test('a local callback URL in a prod stage is a warning, not an error', () => {
    const stack = newStack();
    tutorialApi(stack).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    Annotations.fromStack(stack).hasWarning('/TestStack/AwesomeApi', Match.stringLikeRegexp(
      'callbackUrls holds "http://localhost:3000/dashboard" in stage "prod": remove local callback URLs before real users sign in',
    ));

    const dev = newStack();
    tutorialApi(dev, { stageName: 'dev' }).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    Annotations.fromStack(dev).hasNoWarning('*', Match.stringLikeRegexp('callbackUrls holds'));
  });
});

describe('tokens are not validated', () => {
  test('for every prop that can be a token', () => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      domainPrefix: TOKEN(),
      resourceServerIdentifier: TOKEN(),
      scopes: [{ name: TOKEN(), description: TOKEN() }],
      clientScopes: [TOKEN()],
      callbackUrls: [TOKEN()],
      corsAllowOrigins: [TOKEN()],
      stageName: TOKEN(),
    });
    expect(() => api.addMethod('GET', '/a', { allowUnauthenticated: true })).not.toThrow();
  });

  test('(token durations are refused by CDK\'s app client itself, so they are not expected)', () => {
    expect(() => build({ accessTokenValidity: Duration.minutes(Lazy.number({ produce: () => 60 })) })).toThrow(/token/);
  });

  test('for logout URLs, a custom domain name and its certificate', () => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      domainPrefix: undefined,
      customDomainName: TOKEN(),
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', TOKEN()),
      logoutUrls: [TOKEN()],
      throttlingRateLimit: Lazy.number({ produce: () => 0 }),
      throttlingBurstLimit: Lazy.number({ produce: () => 0 }),
    });
    expect(() => api.addMachineClient('Machine', { scopes: [TOKEN()] })).not.toThrow();
    expect(() => build({ logoutUrls: Token.asList({ Ref: 'LogoutUrls' }) })).not.toThrow();
  });

  test('for whole lists that are tokens', () => {
    expect(() => build({ callbackUrls: Token.asList({ Ref: 'Urls' }), corsAllowOrigins: Token.asList({ Ref: 'Origins' }) }))
      .not.toThrow();
  });

  test('for a method path or scope that is a token', () => {
    const a = build({});
    expect(() => a.addMethod('GET', '/a', { scopes: [TOKEN()] })).not.toThrow();
  });
});
