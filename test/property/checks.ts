/**
 * What the property tests and the fuzz task check, written without jest so that both can use it:
 * a valid spec must synthesize a template that says what the spec asked, with no finding of CDK's
 * template validation; a spec with one rule broken must fail with an `Error` naming the prop.
 * Each check throws an `Error` saying what differed.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ApiSpec, HTTP_BACKEND_URL, InvalidCase, buildApi, buildHttpApi, restrictedScopesByGroup } from './arbitraries';
import { documentWithPlaceholders, fillPlaceholders } from '../../scripts/openapi-document';
import { ProtectedApiWithCognito, ProtectedHttpApiWithCognito } from '../../src';
import { violations } from '../helpers';

/** The same fixed account and region as the other tests, so that URLs are literal. */
const ENV = { account: '123456789012', region: 'us-east-1' };

/** The stack id of case `i` in a batch. */
export const caseStackId = (i: number) => `Case${i}`;

/** A fresh app; CDK's template validation only when asked (seconds a synth). */
export function newApp(validate: boolean): App {
  return new App({ builtinCloudFormationValidation: validate });
}

/** Builds one spec in its own stack of `app`. */
export function addCase(app: App, spec: ApiSpec, i: number): Stack {
  const stack = new Stack(app, caseStackId(i), { env: ENV });
  if (spec.front === 'HTTP') {
    buildHttpApi(stack, spec);
  } else {
    buildApi(stack, spec);
  }
  return stack;
}

/** Every finding of CDK's template validation (and any other plugin), whatever its severity, by stack id. */
export function findingsByStack(assembly: CloudAssembly): Map<string, string[]> {
  const byStack = new Map<string, string[]>();
  for (const v of violations(assembly)) {
    const paths = v.paths.length > 0 ? v.paths : ['(no path)'];
    for (const path of paths) {
      const stackId = path.split('/')[0];
      byStack.set(stackId, [...(byStack.get(stackId) ?? []), `${v.plugin} ${v.ruleName} (${v.severity}) at ${path}: ${v.description}`]);
    }
  }
  return byStack;
}

/** Synthesizes one spec alone and checks everything; throws on the first problem. */
export function checkValidSpec(spec: ApiSpec, validate: boolean): void {
  const app = newApp(validate);
  addCase(app, spec, 0);
  const assembly = app.synth();
  if (validate) {
    const findings = findingsByStack(assembly);
    if (findings.size > 0) {
      throw new Error(`template validation found: ${[...findings.values()].flat().join('; ')}`);
    }
  }
  const template = assembly.getStackByName(caseStackId(0)).template;
  checkTemplate(spec, template);
  checkDocument(spec, app.node.findChild(caseStackId(0)) as Stack, template);
}

/** The OpenAPI document of the case in `stack`, as JSON, with made-up deploy-time values. */
export function documentOf(stack: Stack): any {
  const api = stack.node.findChild('Api') as ProtectedApiWithCognito | ProtectedHttpApiWithCognito;
  return JSON.parse(fillPlaceholders(documentWithPlaceholders(stack, api.openApiDocument()), (name) => `made-up-${name.length}`));
}

/** What an ANY method serves in OpenAPI terms, before what the path defines on its own. */
const ANY_SERVES = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * The OpenAPI document lists exactly the template's methods (an ANY one as each method it serves:
 * not those the path defines itself, nor OPTIONS where the API answers preflights) and, as each
 * operation's security, exactly the scopes the method demands (any one of them), none when public.
 */
export function checkDocument(spec: ApiSpec, stack: Stack, template: { Resources: Resources }): void {
  const document = documentOf(stack);
  const resources = template.Resources;
  const p = spec.props;
  const corsOrigins = p.corsAllowOrigins ?? httpOrigins(p.callbackUrls);
  const inTemplate = (spec.front === 'HTTP' ? templateRoutes(resources) : templateMethods(resources)).filter((m) => corsOrigins.length === 0 || m.httpMethod !== 'OPTIONS');
  const expected = new Map<string, unknown>();
  for (const m of inTemplate) {
    // Variables are compared by place: the document renames some (see openapi.ts), its validity tests check their names.
    const path = m.path.replace(/\{[^}]*\}/g, '{}');
    const security = m.scopes === undefined ? [] : m.scopes.map((scope) => ({ cognito: [scope] }));
    const served = m.httpMethod !== 'ANY' ? [m.httpMethod.toLowerCase()]
      : ANY_SERVES.filter((verb) => !inTemplate.some((o) => o.path === m.path && o.httpMethod === verb.toUpperCase())
        && !(verb === 'options' && corsOrigins.length > 0));
    served.forEach((verb) => expected.set(`${verb} ${path}`, security));
  }
  const listed = new Map<string, unknown>();
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [verb, op] of Object.entries<any>(item)) {
      if (verb !== 'parameters') {
        listed.set(`${verb} ${path.replace(/\{[^}]*\}/g, '{}')}`, op.security);
      }
    }
  }
  same('document operations', [...listed.keys()].sort(), [...expected.keys()].sort());
  for (const [key, security] of expected) {
    same(`document ${key} security`, listed.get(key), security);
  }
}

/** Each route of an HTTP API's template: its method, its path, its scopes (undefined when public). */
function templateRoutes(resources: Resources): Array<{ httpMethod: string; path: string; scopes?: string[] }> {
  return ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => {
    const [httpMethod, path] = String(r.RouteKey).split(' ');
    return { httpMethod, path, scopes: r.AuthorizationType === 'NONE' ? undefined : r.AuthorizationScopes };
  });
}

/** Each method of a REST API's template: its method, its resource's path, its scopes (undefined when public). */
function templateMethods(resources: Resources): Array<{ httpMethod: string; path: string; scopes?: string[] }> {
  const pathOf = (resourceId: any): string => {
    if (resourceId?.['Fn::GetAtt']?.[1] === 'RootResourceId') {
      return '/';
    }
    const r = resources[resourceId?.Ref]?.Properties;
    if (!r) {
      throw new Error(`method on an unknown resource ${JSON.stringify(resourceId)}`);
    }
    const parent = pathOf(r.ParentId);
    return `${parent === '/' ? '' : parent}/${r.PathPart}`;
  };
  return ofType(resources, 'AWS::ApiGateway::Method').map(([, m]) => ({
    httpMethod: m.HttpMethod,
    path: pathOf(m.ResourceId),
    scopes: m.AuthorizationType === 'NONE' ? undefined : m.AuthorizationScopes,
  }));
}

/**
 * A spec with one rule broken must fail, before or at synth, with an `Error` (not a `TypeError`
 * or other built-in error) whose message starts with the prop or call it names; one found at synth
 * is prefixed by CDK with the construct path.
 */
export function checkInvalidCase(invalid: InvalidCase): void {
  let error: unknown;
  try {
    const app = newApp(false);
    addCase(app, invalid.spec, 0);
    app.synth();
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    throw new Error(`${invalid.rule}: no error was thrown`);
  }
  const builtIn = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError].find((c) => error instanceof c);
  if (!(error instanceof Error) || builtIn) {
    throw new Error(`${invalid.rule}: threw ${(error as any)?.constructor?.name ?? typeof error}, not an Error: ${String(error)}`);
  }
  const message = error.message;
  if (!message.startsWith(invalid.messageStart) && !message.includes(`] ${invalid.messageStart}`)) {
    throw new Error(`${invalid.rule}: the message should start with ${JSON.stringify(invalid.messageStart)}, but is ${JSON.stringify(message)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The template says what the spec asked

type Resources = Record<string, { Type: string; Properties?: any }>;

function same(what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e}, got ${a}`);
  }
}

function ofType(resources: Resources, type: string): Array<[string, any]> {
  return Object.entries(resources).filter(([, r]) => r.Type === type).map(([id, r]) => [id, r.Properties ?? {}]);
}

/** The resource server's identifier in place of its `Ref`, and joins joined: how CloudFormation will see the value. */
function resolver(serverLogicalId: string, identifier: string): (value: any) => any {
  const resolve = (value: any): any => {
    if (Array.isArray(value)) {
      return value.map(resolve);
    }
    if (value && typeof value === 'object') {
      if (value.Ref === serverLogicalId) {
        return identifier;
      }
      if (value['Fn::Join']) {
        const [separator, parts] = value['Fn::Join'];
        const resolved = parts.map(resolve);
        return resolved.every((p: unknown) => typeof p === 'string') ? resolved.join(separator) : value;
      }
    }
    return value;
  };
  return resolve;
}

/** The origins of the http(s) URLs, once each: what the construct allows for CORS by default. */
function httpOrigins(urls: string[]): string[] {
  return [...new Set(urls.map((u) => new URL(u)).filter((u) => u.protocol === 'https:' || u.protocol === 'http:').map((u) => u.origin))];
}

/** Checks that the template holds what `spec` asked for, of either construct; throws on the first difference. */
export function checkTemplate(spec: ApiSpec, template: { Resources: Resources }): void {
  const resolve = checkCognitoHalf(spec, template.Resources);
  if (spec.front === 'HTTP') {
    checkHttpFront(spec, template.Resources, resolve);
  } else {
    checkRestFront(spec, template.Resources);
  }
}

/** The Cognito half, alike in both constructs; gives how to read values that name the resource server. */
function checkCognitoHalf(spec: ApiSpec, resources: Resources): (value: any) => any {
  const p = spec.props;
  const names = p.scopes.map((s) => s.name);
  const full = (name: string) => `${p.resourceServerIdentifier}/${name}`;
  /** Scopes in the resource server's order, as CDK lists a client's. */
  const inServerOrder = (scopes: string[]) => names.filter((n) => scopes.includes(n)).map(full);

  // The resource server: its identifier, a name Cognito accepts, the scopes.
  const servers = ofType(resources, 'AWS::Cognito::UserPoolResourceServer');
  same('resource servers', servers.length, 1);
  const [serverId, server] = servers[0];
  same('resource server identifier', server.Identifier, p.resourceServerIdentifier);
  if (typeof server.Name !== 'string' || !/^[\w\s+=,.@-]{1,256}$/.test(server.Name)) {
    throw new Error(`resource server name ${JSON.stringify(server.Name)} does not match [\\w\\s+=,.@-]{1,256}`);
  }
  same('resource server scopes', server.Scopes, p.scopes.map((s) => ({ ScopeDescription: s.description, ScopeName: s.name })));
  const resolve = resolver(serverId, p.resourceServerIdentifier);

  // The browser client: the code flow, openid and its scopes, the URLs and token lifetimes.
  const clients = ofType(resources, 'AWS::Cognito::UserPoolClient');
  const web = clients.filter(([, c]) => JSON.stringify(c.AllowedOAuthFlows) === '["code"]');
  same('browser clients', web.length, 1);
  const webClient = web[0][1];
  same('browser client scopes', resolve(webClient.AllowedOAuthScopes), ['openid', ...inServerOrder(p.clientScopes ?? names)]);
  same('browser client secret', webClient.GenerateSecret, false);
  same('callback URLs', webClient.CallbackURLs, p.callbackUrls);
  same('logout URLs', webClient.LogoutURLs, p.logoutUrls && p.logoutUrls.length > 0 ? p.logoutUrls : undefined);
  same('token validities', [webClient.AccessTokenValidity, webClient.IdTokenValidity, webClient.RefreshTokenValidity, webClient.TokenValidityUnits],
    [p.accessTokenMinutes ?? 60, p.idTokenMinutes ?? 60, p.refreshTokenMinutes ?? 24 * 60, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' }]);

  // Sign in without a password: the pool's first factors and relying party, the client's flows; rotation.
  const factors = p.firstFactors;
  const passwordless = factors !== undefined && (factors.passkey === true || factors.emailOtp === true);
  const pools = ofType(resources, 'AWS::Cognito::UserPool');
  if (!p.importedPool) {
    const pool = pools[0][1];
    same('first factors', pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors, factors && [
      'PASSWORD', ...(factors.emailOtp ? ['EMAIL_OTP'] : []), ...(factors.passkey ? ['WEB_AUTHN'] : []),
    ]);
    same('passkey relying party', [pool.WebAuthnRelyingPartyID, pool.WebAuthnUserVerification], factors?.passkey
      ? [p.customDomainName ?? `${p.domainPrefix}.auth.us-east-1.amazoncognito.com`, p.passkeyUserVerification?.toLowerCase()]
      : [undefined, undefined]);
    same('email sending account', pool.EmailConfiguration?.EmailSendingAccount, p.sesEmail ? 'DEVELOPER' : undefined);
  }
  same('browser client auth flows', webClient.ExplicitAuthFlows, [
    ...(p.allowUserPasswordAuth ? ['ALLOW_USER_PASSWORD_AUTH'] : []),
    ...(passwordless ? ['ALLOW_USER_AUTH'] : []),
    ...(p.rotationSeconds === undefined ? ['ALLOW_REFRESH_TOKEN_AUTH'] : []),
  ]);
  same('refresh token rotation', webClient.RefreshTokenRotation,
    p.rotationSeconds === undefined ? undefined : { Feature: 'ENABLED', RetryGracePeriodSeconds: p.rotationSeconds });

  // The machine clients: client credentials, a secret, their scopes and token lifetime.
  const machines = clients.filter(([, c]) => JSON.stringify(c.AllowedOAuthFlows) === '["client_credentials"]')
    .map(([, c]) => JSON.stringify([resolve(c.AllowedOAuthScopes), c.AccessTokenValidity, c.GenerateSecret])).sort();
  same('machine clients', machines, spec.machineClients
    .map((c) => JSON.stringify([inServerOrder(c.scopes), c.accessTokenMinutes ?? 60, true])).sort());
  same('app clients', clients.length, 1 + spec.machineClients.length);

  // The pool: a new one, or the imported one that every client belongs to.
  same('user pools', ofType(resources, 'AWS::Cognito::UserPool').length, p.importedPool ? 0 : 1);
  if (p.importedPool) {
    same('clients\' user pool', [...new Set(clients.map(([, c]) => c.UserPoolId))], [p.importedPool.userPoolId]);
  }

  // The login domain: the pool's existing one adds none.
  const domains = ofType(resources, 'AWS::Cognito::UserPoolDomain');
  same('domains', domains.map(([, d]) => d.Domain), p.importedPool?.userPoolDomain ? [] : [p.domainPrefix ?? p.customDomainName]);

  // The identity providers the browser client offers: the pool's own sign-in unless turned off, then Google.
  const providers = ofType(resources, 'AWS::Cognito::UserPoolIdentityProvider');
  same('identity providers', providers.map(([, r]) => [r.ProviderType, r.ProviderDetails?.client_id]),
    spec.google ? [['Google', spec.google.clientId]] : []);
  if (spec.google) {
    const secret = JSON.stringify(providers[0][1].ProviderDetails.client_secret);
    if (!secret.includes(`{{resolve:secretsmanager:${spec.google.secretName}:SecretString:::}}`)) {
      throw new Error(`Google client secret: expected a Secrets Manager reference to ${spec.google.secretName}, got ${secret}`);
    }
  }
  const providerNames = new Map(ofType(resources, 'AWS::Cognito::UserPoolIdentityProvider').map(([id, r]) => [id, r.ProviderName]));
  same('supported identity providers', (webClient.SupportedIdentityProviders ?? []).map((n: any) => (n?.Ref ? providerNames.get(n.Ref) : n)),
    [...(p.userPoolSignIn === false ? [] : ['COGNITO']), ...(spec.google ? ['Google'] : [])]);

  // One group per userGroups entry, and the trigger's map of the scopes each grants.
  const groups = ofType(resources, 'AWS::Cognito::UserPoolGroup').map(([, g]) => JSON.stringify([g.GroupName, g.Description, g.Precedence])).sort();
  same('user groups', groups, (p.userGroups ?? []).map((g) => JSON.stringify([g.name, g.description, g.precedence])).sort());
  const triggers = ofType(resources, 'AWS::Lambda::Function').map(([, f]) => f.Environment?.Variables?.RESTRICTED_SCOPES_BY_GROUP)
    .filter((v) => v !== undefined).map((v) => (typeof v === 'string' ? JSON.parse(v) : resolve(v)));
  same('pre token generation trigger\'s map', triggers,
    p.userGroups ? [restrictedScopesByGroup(p.userGroups, p.resourceServerIdentifier)] : []);

  // Every log group the construct makes, encrypted with accessLogEncryptionKey when given.
  const logKeys = ofType(resources, 'AWS::KMS::Key').map(([id]) => id);
  same('log group keys', [...new Set(ofType(resources, 'AWS::Logs::LogGroup').map(([, g]) => JSON.stringify(g.KmsKeyId ?? null)))],
    [JSON.stringify(p.logKey ? { 'Fn::GetAtt': [logKeys[0], 'Arn'] } : null)]);

  return resolve;
}

/** The REST front: each method, CORS, the stage. */
function checkRestFront(spec: ApiSpec, resources: Resources): void {
  const p = spec.props;
  const full = (name: string) => `${p.resourceServerIdentifier}/${name}`;
  // Each method at its path, guarded by exactly its scopes (or public on purpose).
  const apis = ofType(resources, 'AWS::ApiGateway::RestApi');
  same('REST APIs', apis.map(([, a]) => a.Name), [p.restApiName ?? 'Api']);
  const paths = new Map<string, string>();
  const pathOf = (resourceId: any): string => {
    if (resourceId?.['Fn::GetAtt']?.[1] === 'RootResourceId') {
      return '/';
    }
    const id = resourceId?.Ref;
    if (!paths.has(id)) {
      const r = resources[id]?.Properties;
      if (!r) {
        throw new Error(`method on an unknown resource ${JSON.stringify(resourceId)}`);
      }
      const parent = pathOf(r.ParentId);
      paths.set(id, `${parent === '/' ? '' : parent}/${r.PathPart}`);
    }
    return paths.get(id)!;
  };
  const corsOrigins = p.corsAllowOrigins ?? httpOrigins(p.callbackUrls);
  const methods = new Map(ofType(resources, 'AWS::ApiGateway::Method')
    .filter(([, m]) => corsOrigins.length === 0 || m.HttpMethod !== 'OPTIONS')
    .map(([, m]) => [`${m.HttpMethod} ${pathOf(m.ResourceId)}`, m]));
  same('methods', [...methods.keys()].sort(), spec.methods.map((m) => `${m.httpMethod.toUpperCase()} ${m.path}`).sort());
  for (const m of spec.methods) {
    const key = `${m.httpMethod.toUpperCase()} ${m.path}`;
    const method = methods.get(key);
    if (m.allowUnauthenticated) {
      same(`${key} authorization`, [method.AuthorizationType, method.AuthorizationScopes], ['NONE', undefined]);
    } else {
      same(`${key} authorization`, [method.AuthorizationType, method.AuthorizationScopes], ['COGNITO_USER_POOLS', m.scopes.map(full)]);
    }
  }

  // CORS: a preflight on every resource and CORS headers on API Gateway's own errors, or neither.
  const preflights = ofType(resources, 'AWS::ApiGateway::Method').filter(([, m]) => m.HttpMethod === 'OPTIONS').length;
  const resourceCount = ofType(resources, 'AWS::ApiGateway::Resource').length;
  const gatewayResponses = ofType(resources, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.ResponseType).sort();
  if (corsOrigins.length > 0) {
    same('preflight methods', preflights, resourceCount + 1);
    same('gateway responses', gatewayResponses, ['DEFAULT_4XX', 'DEFAULT_5XX']);
  } else {
    same('gateway responses', gatewayResponses, []);
  }

  // The stage: its name, throttling and tracing; the web ACL when given.
  const stages = ofType(resources, 'AWS::ApiGateway::Stage');
  same('stages', stages.map(([, s]) => s.StageName), [p.stageName ?? 'prod']);
  const settings = stages[0][1].MethodSettings?.[0] ?? {};
  same('throttling', [settings.ThrottlingRateLimit, settings.ThrottlingBurstLimit], [p.throttlingRateLimit ?? 100, p.throttlingBurstLimit ?? 200]);
  same('tracing', stages[0][1].TracingEnabled ?? false, p.tracingEnabled ?? false);
  same('client certificate', stages[0][1].ClientCertificateId, p.clientCertificateId);
  same('web ACL associations', ofType(resources, 'AWS::WAFv2::WebACLAssociation').map(([, a]) => a.WebACLArn), p.webAclArn ? [p.webAclArn] : []);
}

/** The parts of an `Fn::Join` with '', adjacent strings joined: one form for equal values however they were built. */
function joinedParts(value: any): unknown[] {
  const parts: unknown[] = [];
  for (const part of value['Fn::Join'][1]) {
    if (typeof part === 'string' && typeof parts[parts.length - 1] === 'string') {
      parts[parts.length - 1] += part;
    } else {
      parts.push(part);
    }
  }
  return parts;
}

/** The HTTP front: each route, the JWT authorizer, CORS on the API, the stage; and no REST API. */
function checkHttpFront(spec: ApiSpec, resources: Resources, resolve: (value: any) => any): void {
  const p = spec.props;
  const full = (name: string) => `${p.resourceServerIdentifier}/${name}`;
  same('REST APIs', ofType(resources, 'AWS::ApiGateway::RestApi').length, 0);
  const apis = ofType(resources, 'AWS::ApiGatewayV2::Api');
  same('HTTP APIs', apis.map(([, a]) => [a.Name, a.ProtocolType]), [[p.apiName ?? 'Api', 'HTTP']]);

  // The authorizer: the pool's issuer, every app client in the audience.
  const authorizers = ofType(resources, 'AWS::ApiGatewayV2::Authorizer');
  same('JWT authorizers', authorizers.map(([, a]) => [a.AuthorizerType, a.IdentitySource]), [['JWT', ['$request.header.Authorization']]]);
  const [authorizerId, authorizer] = authorizers[0];
  const clientIds = ofType(resources, 'AWS::Cognito::UserPoolClient').map(([id]) => ({ Ref: id }));
  same('JWT audience', [...authorizer.JwtConfiguration.Audience].map((a: any) => JSON.stringify(a)).sort(),
    clientIds.map((c) => JSON.stringify(c)).sort());
  const poolId = p.importedPool ? p.importedPool.userPoolId : { Ref: ofType(resources, 'AWS::Cognito::UserPool')[0][0] };
  same('JWT issuer', joinedParts(authorizer.JwtConfiguration.Issuer),
    joinedParts({ 'Fn::Join': ['', ['https://cognito-idp.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/', poolId]] }));

  // Each route, guarded by exactly its scopes through the authorizer (or public on purpose), to the backend.
  const routes = new Map(ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.RouteKey, r]));
  same('routes', [...routes.keys()].sort(), spec.methods.map((m) => `${m.httpMethod.toUpperCase()} ${m.path}`).sort());
  for (const m of spec.methods) {
    const key = `${m.httpMethod.toUpperCase()} ${m.path}`;
    const route = routes.get(key);
    same(`${key} authorization`, [route.AuthorizationType, route.AuthorizerId, resolve(route.AuthorizationScopes)], m.allowUnauthenticated
      ? ['NONE', undefined, undefined]
      : ['JWT', { Ref: authorizerId }, m.scopes.map(full)]);
  }
  same('integrations', [...new Set(ofType(resources, 'AWS::ApiGatewayV2::Integration').map(([, i]) => i.IntegrationUri))], [HTTP_BACKEND_URL]);

  // CORS on the API: the origins, the headers, the routes' methods; no OPTIONS route of the construct's own.
  const corsOrigins = p.corsAllowOrigins ?? httpOrigins(p.callbackUrls);
  const upper = spec.methods.map((m) => m.httpMethod.toUpperCase());
  same('CORS', apis[0][1].CorsConfiguration, corsOrigins.length === 0 ? undefined : {
    AllowHeaders: ['Authorization', 'Content-Type'],
    AllowMethods: upper.includes('ANY') ? ['*'] : [...new Set(upper)],
    AllowOrigins: corsOrigins,
  });

  // The default stage: deploys itself, throttles, logs as JSON.
  const stages = ofType(resources, 'AWS::ApiGatewayV2::Stage');
  same('stages', stages.map(([, s]) => [s.StageName, s.AutoDeploy]), [['$default', true]]);
  const settings = stages[0][1].DefaultRouteSettings ?? {};
  same('throttling', [settings.ThrottlingRateLimit, settings.ThrottlingBurstLimit], [p.throttlingRateLimit ?? 100, p.throttlingBurstLimit ?? 200]);
  same('access log status field', JSON.parse(stages[0][1].AccessLogSettings.Format).status, '$context.status');
}
