import { Duration, Token } from 'aws-cdk-lib';
import { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { ApiScope } from '../scope';

/*
 * The rules that input must follow, one small function a rule. Each throws an `Error` whose
 * message names the prop, shows the value, says the rule and what to do. A value that is a
 * token (only known at deploy time) is never checked.
 *
 * Sources, in the Amazon Cognito API reference and developer guide:
 * - CreateUserPoolDomain: Domain is 1-63 of `^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`; a prefix
 *   domain may not contain `aws`, `amazon` or `cognito`.
 * - CreateUserPoolClient: CallbackURLs/LogoutURLs hold at most 100 URLs of 1-1024 characters of
 *   `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`; a redirect URI is absolute, has no fragment, and uses HTTPS
 *   except `http://localhost`; app schemes such as `myapp://` are allowed. AllowedOAuthScopes
 *   holds at most 50 scopes. Access and ID tokens live 5 minutes to 1 day, refresh tokens
 *   60 minutes to 10 years (3650 days).
 * - CreateResourceServer: Identifier is 1-256 of `[\x21\x23-\x5B\x5D-\x7E]+`; at most 100 scopes;
 *   ScopeName is 1-256 of `[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+`; ScopeDescription is 1-256.
 * And in the API Gateway developer guide and API reference:
 * - Method: HttpMethod is one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.
 * - Resource: a path part is letters, digits and `._-:$`, or a `{param}` (greedy `{param+}`
 *   only as the last part); siblings may have only one variable part.
 * - Stage: StageName is letters, digits, hyphens and underscores, at most 128.
 */

/** The HTTP methods API Gateway knows. */
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** Cognito's per-app-client limit on OAuth scopes. */
const MAX_CLIENT_SCOPES = 50;

/** Cognito's per-resource-server limit on scopes. */
const MAX_SERVER_SCOPES = 100;

/** Cognito's per-app-client limit on callback and sign-out URLs. */
const MAX_URLS = 100;

/** Shows a value in a message: strings quoted, long ones cut short. */
export function show(value: unknown): string {
  if (typeof value === 'string' && value.length > 80) {
    return `${JSON.stringify(value.slice(0, 60) + '...')} (${value.length} characters)`;
  }
  return JSON.stringify(value);
}

function fail(message: string): never {
  throw new Error(message);
}

/** A list whose whole value is a token, or an element that is one, is left to deploy time. */
function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

// ---------------------------------------------------------------------------------------------
// Props

/** Which domain props were given; `userPoolDomain` and `userPool` only say whether they were. */
export interface DomainChoice {
  readonly domainPrefix?: string;
  readonly customDomainName?: string;
  readonly customDomainCertificate?: ICertificate;
  readonly userPoolDomain: boolean;
  readonly userPool: boolean;
}

/**
 * Exactly one login domain: the pool's existing one (`userPoolDomain`, only with `userPool`), a
 * Cognito prefix, or a custom domain with its certificate.
 */
export function validateDomainChoice(choice: DomainChoice): void {
  const { domainPrefix: prefix, customDomainName, customDomainCertificate: certificate } = choice;
  const given = [
    choice.userPoolDomain ? 'userPoolDomain' : undefined,
    prefix !== undefined ? `domainPrefix ${show(prefix)}` : undefined,
    customDomainName !== undefined ? `customDomainName ${show(customDomainName)}` : undefined,
  ].filter((name): name is string => name !== undefined);
  if (given.length > 1) {
    const [both, which] = given.length === 2 ? ['both', 'the two'] : ['all', 'them'];
    fail(`${given.join(' and ')} are ${both} set: the login pages and OAuth endpoints live on one domain; `
      + `keep one of ${which}`);
  }
  if (given.length === 0) {
    fail(choice.userPool
      ? 'userPool is set but no login domain is: pass the pool\'s existing domain as userPoolDomain '
        + '(cognito.UserPoolDomain.fromDomainName(...) for a pool made outside this app), or let the construct add '
        + 'one with domainPrefix or customDomainName'
      : 'neither domainPrefix nor customDomainName is set: give a Cognito domain prefix (domainPrefix), '
        + 'or your own domain (customDomainName with customDomainCertificate)');
  }
  if (choice.userPoolDomain && !choice.userPool) {
    fail('userPoolDomain is set without userPool: a pool the construct creates has no domain yet; pass the pool '
      + 'the domain belongs to as userPool, or let the construct add a domain with domainPrefix or customDomainName');
  }
  if (customDomainName !== undefined) {
    validateCustomDomainName(customDomainName);
    if (!certificate) {
      fail(`customDomainName ${show(customDomainName)} needs customDomainCertificate: an ACM certificate for it, `
        + 'in us-east-1');
    }
    validateCertificateRegion(certificate);
  } else if (certificate) {
    fail('customDomainCertificate is set without customDomainName: give the domain it is for, or drop it');
  }
}

/**
 * With `userPool`, the props that shape a new pool would be silently ignored: refuse each one.
 */
export function validateNoPoolShapingProps(props: Record<string, unknown>): void {
  const given = Object.entries(props).filter(([, value]) => value !== undefined).map(([name]) => name);
  if (given.length > 0) {
    fail(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set together with userPool: `
      + `${given.length === 1 ? 'it shapes' : 'they shape'} a user pool the construct creates, and the pool you pass `
      + 'keeps its own settings; change them on that pool, or drop userPool to let the construct create one');
  }
}

function validateCustomDomainName(name: string): void {
  if (isToken(name)) {
    return;
  }
  if (!/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(name)) {
    fail(`customDomainName ${show(name)} is invalid: use a lowercase domain name such as auth.example.com, `
      + 'without scheme, port or path');
  }
}

/** Cognito serves custom domains through CloudFront, which takes certificates from us-east-1. */
function validateCertificateRegion(certificate: ICertificate): void {
  const arn = certificate.certificateArn;
  if (isToken(arn)) {
    return;
  }
  const region = arn.split(':')[3];
  if (region !== 'us-east-1') {
    fail(`customDomainCertificate ${show(arn)} is in ${show(region)}: Cognito serves custom domains through `
      + 'CloudFront, which needs the certificate in us-east-1; request or import it there');
  }
}

export function validateDomainPrefix(prefix: string): void {
  if (isToken(prefix)) {
    return;
  }
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    fail(`domainPrefix ${show(prefix)} is invalid: use 1-63 lowercase letters, digits and hyphens, `
      + 'not starting or ending with a hyphen');
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (reserved) {
    fail(`domainPrefix ${show(prefix)} is invalid: it contains "${reserved}", and Cognito reserves the words `
      + '"aws", "amazon" and "cognito" in prefix domains; choose a prefix without them');
  }
}

/**
 * Checks the redirect URLs of a client (`callbackUrls`, later `logoutUrls`).
 *
 * @param propName the prop's name, for messages
 * @param required whether at least one URL is needed
 */
export function validateRedirectUrls(propName: string, urls: string[], required: boolean): void {
  if (isToken(urls)) {
    return;
  }
  if (required && urls.length === 0) {
    fail(`${propName} is empty: the authorization-code grant needs at least one URL to send users back to`);
  }
  if (urls.length > MAX_URLS) {
    fail(`${propName} has ${urls.length} URLs: Cognito allows at most ${MAX_URLS} per app client`);
  }
  urls.forEach((url, i) => validateRedirectUrl(`${propName}[${i}]`, url));
}

function validateRedirectUrl(where: string, url: string): void {
  if (isToken(url)) {
    return;
  }
  if (url.length > 1024) {
    fail(`${where} ${show(url)} is invalid: Cognito allows at most 1024 characters`);
  }
  if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(url)) {
    fail(`${where} ${show(url)} is invalid: it holds white space or control characters; `
      + 'percent-encode them (a space is %20)');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`${where} ${show(url)} is invalid: use an absolute URL such as https://app.example.com/callback`);
  }
  if (url.includes('#')) {
    fail(`${where} ${show(url)} is invalid: a redirect URL must not have a fragment (#...); remove it`);
  }
  if (parsed.protocol === 'http:' && parsed.hostname !== 'localhost') {
    fail(`${where} ${show(url)} is invalid: Cognito requires HTTPS, except http://localhost for testing; `
      + `use ${show('https:' + url.slice('http:'.length))}`);
  }
}

export function validateResourceServerIdentifier(identifier: string): void {
  if (isToken(identifier)) {
    return;
  }
  if (!/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier)) {
    fail(`resourceServerIdentifier ${show(identifier)} is invalid: use 1-256 printable ASCII characters `
      + 'without spaces, \'"\' or \'\\\'');
  }
}

/** Checks the API's scopes. */
export function validateScopes(scopes: ApiScope[]): void {
  if (isToken(scopes)) {
    return;
  }
  if (scopes.length === 0) {
    fail('scopes is empty: define at least one scope for the API\'s methods to demand');
  }
  if (scopes.length > MAX_SERVER_SCOPES) {
    fail(`scopes has ${scopes.length} entries: a Cognito resource server holds at most ${MAX_SERVER_SCOPES}`);
  }
  const seen = new Map<string, number>();
  scopes.forEach((scope, i) => {
    validateScopeName(`scopes[${i}].name`, scope.name);
    validateScopeDescription(`scopes[${i}].description`, scope.description);
    const first = seen.get(scope.name);
    if (first !== undefined && !isToken(scope.name)) {
      fail(`scopes[${i}].name ${show(scope.name)} is repeated (also scopes[${first}]): scope names must be unique`);
    }
    seen.set(scope.name, i);
  });
}

function validateScopeName(where: string, name: string): void {
  if (isToken(name)) {
    return;
  }
  if (!/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(name)) {
    fail(`${where} ${show(name)} is invalid: use 1-256 printable ASCII characters without spaces, '/', '"' or '\\'`);
  }
}

function validateScopeDescription(where: string, description: string): void {
  if (isToken(description)) {
    return;
  }
  if (description.length < 1 || description.length > 256) {
    fail(`${where} ${show(description)} is invalid: use 1-256 characters`);
  }
}

/**
 * A client may be granted at most 50 scopes, `openid` included.
 *
 * @param propName the prop that lists the client's scopes
 * @param count how many scopes the client gets, built-in ones included
 */
export function validateClientScopeCount(propName: string, count: number, withOpenId = true): void {
  if (count > MAX_CLIENT_SCOPES) {
    fail(`${propName} gives the client ${count} scopes${withOpenId ? ' (openid included)' : ''}: Cognito allows at most `
      + `${MAX_CLIENT_SCOPES} per app client; give it at most ${MAX_CLIENT_SCOPES} or split the API's scopes`);
  }
}

/**
 * The scopes a client is given must be among the API's scopes, once each.
 */
export function validateScopeSubset(propName: string, names: string[], known: string[]): void {
  if (isToken(names)) {
    return;
  }
  names.forEach((name, i) => {
    if (isToken(name)) {
      return;
    }
    if (!known.includes(name)) {
      fail(`${propName}[${i}] ${show(name)} is not one of the API's scopes (${known.join(', ')}); `
        + 'add it to the scopes prop or fix the name');
    }
    if (names.indexOf(name) !== i) {
      fail(`${propName}[${i}] ${show(name)} is repeated (also ${propName}[${names.indexOf(name)}]); name each scope once`);
    }
  });
}

/** The token lifetimes Cognito accepts. */
interface TokenValidities {
  readonly accessTokenValidity: Duration;
  readonly idTokenValidity: Duration;
  readonly refreshTokenValidity: Duration;
}

export function validateTokenValidities(v: TokenValidities): void {
  validateDurationRange('accessTokenValidity', v.accessTokenValidity, Duration.minutes(5), Duration.days(1));
  validateDurationRange('idTokenValidity', v.idTokenValidity, Duration.minutes(5), Duration.days(1));
  validateDurationRange('refreshTokenValidity', v.refreshTokenValidity, Duration.minutes(60), Duration.days(3650));
  for (const name of ['accessTokenValidity', 'idTokenValidity'] as const) {
    validateNotLonger(name, v[name], v.refreshTokenValidity);
  }
}

// Durations are not skipped when they are tokens: CDK's app client cannot take token durations.
/** One access-token lifetime, for a client added later. */
export function validateTokenValidity(where: string, value: Duration): void {
  validateDurationRange(where, value, Duration.minutes(5), Duration.days(1));
}

function validateDurationRange(propName: string, value: Duration, min: Duration, max: Duration): void {
  const ms = value.toMilliseconds();
  if (ms < min.toMilliseconds() || ms > max.toMilliseconds()) {
    fail(`${propName} ${show(value.toHumanString())} is invalid: Cognito allows ${min.toHumanString()} `
      + `to ${max.toHumanString()}`);
  }
}

function validateNotLonger(propName: string, value: Duration, refresh: Duration): void {
  if (value.toMilliseconds() > refresh.toMilliseconds()) {
    fail(`${propName} ${show(value.toHumanString())} is longer than refreshTokenValidity `
      + `${show(refresh.toHumanString())}: a token must not outlive the refresh token; shorten ${propName} `
      + 'or lengthen refreshTokenValidity');
  }
}

export function validateCorsAllowOrigins(origins: string[]): void {
  if (isToken(origins)) {
    return;
  }
  origins.forEach((origin, i) => {
    if (isToken(origin)) {
      return;
    }
    if (origin === '*') {
      if (origins.length > 1) {
        fail(`corsAllowOrigins[${i}] "*" is invalid alongside other origins: give ['*'] alone to allow any origin`);
      }
      return;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin) {
      fail(`corsAllowOrigins[${i}] ${show(origin)} is invalid: use an origin, scheme://host[:port] with no path `
        + 'or trailing slash, such as https://app.example.com, or [\'*\'] to allow any origin');
    }
  });
}

export function validateStageName(stageName: string): void {
  if (isToken(stageName)) {
    return;
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    fail(`stageName ${show(stageName)} is invalid: use 1-128 letters, digits, hyphens and underscores`);
  }
}

// ---------------------------------------------------------------------------------------------
// addMethod

/**
 * The HTTP method in upper case, if API Gateway knows it.
 */
export function normalizeHttpMethod(httpMethod: string, path: string): string {
  const upper = httpMethod.toUpperCase();
  if (!HTTP_METHODS.includes(upper)) {
    fail(`addMethod ${show(httpMethod)} ${path}: httpMethod ${show(httpMethod)} is invalid: use one of `
      + HTTP_METHODS.join(', '));
  }
  return upper;
}

/**
 * Checks a resource path and gives its parts: `/` is the root; parts are separated by one `/`.
 */
export function parsePath(where: string, path: string): string[] {
  if (path === '/') {
    return [];
  }
  const parts = path.split('/').slice(1);
  if (!path.startsWith('/') || parts.some((part) => part === '')) {
    fail(`${where}: path ${show(path)} is invalid: start it with / and separate non-empty parts with one /, `
      + 'e.g. /orders/{orderId}');
  }
  parts.forEach((part, i) => {
    const variable = /^\{([a-zA-Z0-9._:$-]+)(\+?)\}$/.exec(part);
    if (variable) {
      if (variable[2] === '+' && i !== parts.length - 1) {
        fail(`${where}: path ${show(path)} is invalid: a greedy part ${show(part)} must be the last part`);
      }
      return;
    }
    if (!/^[a-zA-Z0-9._:$-]+$/.test(part)) {
      fail(`${where}: path ${show(path)} is invalid: part ${show(part)} may hold only letters, digits and ._-:$, `
        + 'or be a {parameter}');
    }
    // aws-cdk-lib keeps child resources in a plain object, so these names find Object.prototype's
    // members instead (a TypeError in resourceForPath), and constructs refuses them as ids.
    if (Object.getOwnPropertyNames(Object.prototype).includes(part)) {
      fail(`${where}: path ${show(path)} is invalid: part ${show(part)} is a name every JavaScript object has, `
        + 'which aws-cdk-lib cannot give a resource; rename the part or make it a {parameter}');
    }
  });
  return parts;
}

/** A machine client needs at least one of the API's scopes, each once, at most 50. */
export function validateMachineClientScopes(where: string, scopes: string[], known: string[]): void {
  if (!isToken(scopes) && scopes.length === 0) {
    fail(`${where}: scopes is empty: a client-credentials client needs at least one of the API's scopes `
      + `(${known.join(', ')})`);
  }
  validateScopeSubset(`${where}: scopes`, scopes, known);
  validateClientScopeCount(`${where}: scopes`, scopes.length, false);
}

export function validateMethodScopes(where: string, scopes: string[], known: string[]): void {
  scopes.forEach((name) => {
    if (!isToken(name) && !known.includes(name)) {
      fail(`${where}: scope ${show(name)} is not one of the API's scopes (${known.join(', ')}); `
        + 'add it to the scopes prop or fix the name');
    }
  });
}

/** A method must demand a scope unless it is made public on purpose, and not both. */
export function validateMethodAccess(where: string, scopes: string[], allowUnauthenticated: boolean): void {
  if (allowUnauthenticated && scopes.length > 0) {
    fail(`${where}: options.scopes ${show(scopes)} cannot be combined with options.allowUnauthenticated: `
      + 'a public method checks no token; drop one of the two');
  }
  if (!allowUnauthenticated && scopes.length === 0) {
    fail(`${where}: no scopes given: name at least one of the API's scopes in options.scopes, `
      + 'or set options.allowUnauthenticated to true to make the method public');
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

export function validateThrottling(rateLimit: number, burstLimit: number): void {
  if (!isToken(rateLimit) && !(rateLimit > 0)) {
    fail(`throttlingRateLimit ${show(rateLimit)} is invalid: use a number of requests per second above 0`);
  }
  if (!isToken(burstLimit) && !(Number.isInteger(burstLimit) && burstLimit > 0)) {
    fail(`throttlingBurstLimit ${show(burstLimit)} is invalid: use a whole number of requests above 0`);
  }
}

/** A web ACL for a REST API stage is a regional WAFv2 one. */
export function validateWebAclArn(arn: string): void {
  if (isToken(arn)) {
    return;
  }
  if (!/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[^/]+\/[^/]+$/.test(arn)) {
    fail(`webAclArn ${show(arn)} is invalid: use the ARN of a regional AWS WAFv2 web ACL, `
      + 'arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CloudFront web ACL cannot protect a REST API stage)');
  }
}
