/**
 * fast-check generators of the construct's input, following the README's "Checked before you
 * deploy" table: every generated `ApiSpec` is valid by those rules, and `invalidCase` breaks
 * exactly one of them.
 *
 * A spec is plain JSON (durations in minutes, enums by name), so that fast-check can print a
 * failing case and a reader can paste it into a test; `buildApi` turns it into the construct.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { CognitoAuthProps, ProtectedApiWithCognito, ProtectedHttpApiWithCognito } from '../../src';

// ---------------------------------------------------------------------------------------------
// The spec

export interface ScopeSpec {
  readonly name: string;
  readonly description: string;
}

export interface MethodSpec {
  /** As passed to addMethod, in any case. */
  readonly httpMethod: string;
  readonly path: string;
  /** Empty for a public method. */
  readonly scopes: string[];
  readonly allowUnauthenticated?: boolean;
}

export interface MachineClientSpec {
  readonly id: string;
  readonly scopes: string[];
  readonly accessTokenMinutes?: number;
}

export interface UserGroupSpec {
  readonly name: string;
  readonly scopes: string[];
  readonly description?: string;
  readonly precedence?: number;
}

/** A pool made outside the app (`UserPool.fromUserPoolId`). */
export interface ImportedPoolSpec {
  readonly userPoolId: string;
  /** Its existing domain, by name (`UserPoolDomain.fromDomainName`): a prefix or a custom domain. */
  readonly userPoolDomain?: string;
}

/** A Google provider added with `addIdentityProvider`. */
export interface GoogleSpec {
  readonly clientId: string;
  /** The name of the Secrets Manager secret holding the client secret; plain text when `plainSecret`. */
  readonly secretName: string;
  readonly plainSecret?: boolean;
}

/** The props as JSON; see `buildApi` for how each becomes a prop. */
export interface PropsSpec {
  readonly domainPrefix?: string;
  readonly customDomainName?: string;
  /** The region of the custom domain's certificate (us-east-1 unless a case breaks it). */
  readonly certificateRegion?: string;
  readonly resourceServerIdentifier: string;
  readonly scopes: ScopeSpec[];
  readonly clientScopes?: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls?: string[];
  readonly accessTokenMinutes?: number;
  readonly idTokenMinutes?: number;
  readonly refreshTokenMinutes?: number;
  readonly corsAllowOrigins?: string[];
  readonly stageName?: string;
  /** Only in invalid cases: the valid ones check a single-stack API. */
  readonly methodsInNestedStacks?: boolean;
  readonly nestedStacksPerFirstSegment?: { [firstSegment: string]: number };
  readonly throttlingRateLimit?: number;
  readonly throttlingBurstLimit?: number;
  readonly webAclArn?: string;
  readonly managedLoginVersion?: 'CLASSIC_HOSTED_UI' | 'NEWER_MANAGED_LOGIN';
  readonly featurePlan?: 'LITE' | 'ESSENTIALS' | 'PLUS';
  readonly mfa?: 'OFF' | 'OPTIONAL' | 'REQUIRED';
  readonly removalPolicy?: 'RETAIN' | 'DESTROY';
  readonly executionLoggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  readonly selfSignUpEnabled?: boolean;
  readonly allowUserPasswordAuth?: boolean;
  readonly tracingEnabled?: boolean;
  readonly cloudWatchRole?: boolean;
  readonly userPoolName?: string;
  readonly restApiName?: string;
  /** The HTTP construct's apiName. */
  readonly apiName?: string;
  readonly userGroups?: UserGroupSpec[];
  readonly importedPool?: ImportedPoolSpec;
  /** A userPoolDomain given without userPool (only to break a rule). */
  readonly strayUserPoolDomain?: string;
  /** A kms.Key of the stack as accessLogEncryptionKey. */
  readonly logKey?: boolean;
  readonly clientCertificateId?: string;
  readonly userPoolSignIn?: boolean;
  /** allowedFirstAuthFactors (password true unless a case breaks it). */
  readonly firstFactors?: FirstFactorsSpec;
  readonly passkeyUserVerification?: 'PREFERRED' | 'REQUIRED';
  /** email: cognito.UserPoolEmail.withSES(...) when true. */
  readonly sesEmail?: boolean;
  /** refreshTokenRotationGracePeriod, in seconds. */
  readonly rotationSeconds?: number;
}

export interface FirstFactorsSpec {
  readonly password: boolean;
  readonly passkey?: boolean;
  readonly emailOtp?: boolean;
  readonly smsOtp?: boolean;
}

export interface ApiSpec {
  /** Which construct: the REST one unless `HTTP`; the HTTP one takes no REST-only props. */
  readonly front?: 'HTTP';
  readonly props: PropsSpec;
  readonly methods: MethodSpec[];
  readonly machineClients: MachineClientSpec[];
  /** Identity providers added, in order. */
  readonly google?: GoogleSpec;
}

/** The HTTP methods addMethod takes. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The Cognito half's props of a spec, with the resources they need made in `stack`. */
function cognitoProps(stack: Stack, spec: ApiSpec, id: string): CognitoAuthProps {
  const p = spec.props;
  const minutes = (m?: number) => (m === undefined ? undefined : Duration.minutes(m));
  const certificate = p.customDomainName === undefined && p.certificateRegion === undefined ? undefined
    : acm.Certificate.fromCertificateArn(stack, `${id}Certificate`,
      `arn:aws:acm:${p.certificateRegion ?? 'us-east-1'}:123456789012:certificate/11111111-2222-3333-4444-555555555555`);
  const userPool = p.importedPool && cognito.UserPool.fromUserPoolId(stack, `${id}ImportedPool`, p.importedPool.userPoolId);
  const domainName = p.importedPool?.userPoolDomain ?? p.strayUserPoolDomain;
  const userPoolDomain = domainName === undefined ? undefined
    : cognito.UserPoolDomain.fromDomainName(stack, `${id}ImportedDomain`, domainName);
  return {
    userPool,
    userPoolDomain,
    userGroups: p.userGroups,
    accessLogEncryptionKey: p.logKey ? new kms.Key(stack, `${id}LogKey`, { enableKeyRotation: true }) : undefined,
    userPoolSignIn: p.userPoolSignIn,
    domainPrefix: p.domainPrefix,
    customDomainName: p.customDomainName,
    customDomainCertificate: certificate,
    resourceServerIdentifier: p.resourceServerIdentifier,
    scopes: p.scopes,
    clientScopes: p.clientScopes,
    callbackUrls: p.callbackUrls,
    logoutUrls: p.logoutUrls,
    accessTokenValidity: minutes(p.accessTokenMinutes),
    idTokenValidity: minutes(p.idTokenMinutes),
    refreshTokenValidity: minutes(p.refreshTokenMinutes),
    managedLoginVersion: p.managedLoginVersion && cognito.ManagedLoginVersion[p.managedLoginVersion],
    featurePlan: p.featurePlan && cognito.FeaturePlan[p.featurePlan],
    mfa: p.mfa && cognito.Mfa[p.mfa],
    removalPolicy: p.removalPolicy && RemovalPolicy[p.removalPolicy],
    selfSignUpEnabled: p.selfSignUpEnabled,
    allowUserPasswordAuth: p.allowUserPasswordAuth,
    tracingEnabled: p.tracingEnabled,
    userPoolName: p.userPoolName,
    allowedFirstAuthFactors: p.firstFactors,
    passkeyUserVerification: p.passkeyUserVerification && cognito.PasskeyUserVerification[p.passkeyUserVerification],
    email: p.sesEmail ? cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com' }) : undefined,
    refreshTokenRotationGracePeriod: p.rotationSeconds === undefined ? undefined : Duration.seconds(p.rotationSeconds),
  };
}

/** Adds the spec's machine clients and identity provider, alike on either construct. */
function addClientsAndProviders(stack: Stack, api: ProtectedApiWithCognito | ProtectedHttpApiWithCognito, spec: ApiSpec, id: string): void {
  for (const c of spec.machineClients) {
    api.addMachineClient(c.id, {
      scopes: c.scopes,
      accessTokenValidity: c.accessTokenMinutes === undefined ? undefined : Duration.minutes(c.accessTokenMinutes),
    });
  }
  if (spec.google) {
    const g = spec.google;
    api.addIdentityProvider(new cognito.UserPoolIdentityProviderGoogle(stack, `${id}Google`, {
      userPool: api.userPool,
      clientId: g.clientId,
      clientSecretValue: g.plainSecret ? SecretValue.unsafePlainText(g.secretName) : SecretValue.secretsManager(g.secretName),
      scopes: ['openid', 'email'],
      attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
    }));
  }
}

/** The REST construct, with its methods and machine clients, in `stack`. */
export function buildApi(stack: Stack, spec: ApiSpec, id = 'Api'): ProtectedApiWithCognito {
  const p = spec.props;
  const api = new ProtectedApiWithCognito(stack, id, {
    ...cognitoProps(stack, spec, id),
    clientCertificateId: p.clientCertificateId,
    corsAllowOrigins: p.corsAllowOrigins,
    stageName: p.stageName,
    methodsInNestedStacks: p.methodsInNestedStacks,
    nestedStacksPerFirstSegment: p.nestedStacksPerFirstSegment,
    throttlingRateLimit: p.throttlingRateLimit,
    throttlingBurstLimit: p.throttlingBurstLimit,
    webAclArn: p.webAclArn,
    executionLoggingLevel: p.executionLoggingLevel && apigateway.MethodLoggingLevel[p.executionLoggingLevel],
    cloudWatchRole: p.cloudWatchRole,
    restApiName: p.restApiName,
  });
  for (const m of spec.methods) {
    api.addMethod(m.httpMethod, m.path, { scopes: m.scopes, allowUnauthenticated: m.allowUnauthenticated });
  }
  addClientsAndProviders(stack, api, spec, id);
  return api;
}

/** The URL every generated HTTP route forwards to. */
export const HTTP_BACKEND_URL = 'https://backend.example.com/';

/** The HTTP construct, with its routes (all to one HTTP backend) and machine clients, in `stack`. */
export function buildHttpApi(stack: Stack, spec: ApiSpec, id = 'Api'): ProtectedHttpApiWithCognito {
  const p = spec.props;
  const api = new ProtectedHttpApiWithCognito(stack, id, {
    ...cognitoProps(stack, spec, id),
    corsAllowOrigins: p.corsAllowOrigins,
    throttlingRateLimit: p.throttlingRateLimit,
    throttlingBurstLimit: p.throttlingBurstLimit,
    apiName: p.apiName,
  });
  const integration = new integrations.HttpUrlIntegration('Backend', HTTP_BACKEND_URL);
  for (const m of spec.methods) {
    api.addRoute(m.httpMethod, m.path, { integration, scopes: m.scopes, allowUnauthenticated: m.allowUnauthenticated });
  }
  addClientsAndProviders(stack, api, spec, id);
  return api;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const chars = (from: string) => fc.constantFrom(...from.split(''));
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = LOWER + LOWER.toUpperCase() + DIGITS;
/** Printable ASCII, 0x21-0x7e. */
const PRINTABLE = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

/** A string of `unit`s, with its shortest and longest lengths as likely as the rest. */
function text(unit: fc.Arbitrary<string>, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit, minLength, maxLength: Math.min(maxLength, minLength + 20) }) },
    { weight: 1, arbitrary: fc.string({ unit, minLength: maxLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit, minLength, maxLength }) },
  );
}

/** A domain prefix: 1-63 of [a-z0-9-], no hyphen first or last, none of Cognito's reserved words. */
export const domainPrefix: fc.Arbitrary<string> = fc.oneof(
  chars(LOWER + DIGITS),
  fc.tuple(chars(LOWER + DIGITS), text(chars(LOWER + DIGITS + '-'), 0, 61), chars(LOWER + DIGITS))
    .map(([a, middle, b]) => a + middle + b),
).filter((p) => !/aws|amazon|cognito/.test(p));

const label = fc.tuple(chars(LOWER + DIGITS), fc.string({ unit: chars(LOWER + DIGITS + '-'), maxLength: 10 }), chars(LOWER + DIGITS))
  .map(([a, middle, b]) => a + middle + b);
const tld = fc.string({ unit: chars(LOWER), minLength: 2, maxLength: 6 });
/** A lowercase host name such as `app.example.com`. */
export const hostName = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([labels, top]) => [...labels, top].join('.'));

/** A resource server identifier: printable ASCII but space, `"` and `\`, 1-256; often a URL or URN. */
export const resourceServerIdentifier: fc.Arbitrary<string> = fc.oneof(
  text(chars(PRINTABLE.replace(/["\\]/g, '')), 1, 256),
  fc.tuple(fc.constantFrom('https://', 'http://', ''), hostName, fc.constantFrom('', '/', '/v1', '/api/orders'))
    .map(([scheme, host, path]) => scheme + host + path),
  fc.tuple(label, label).map(([a, b]) => `urn:${a}:${b}`),
);

/** A scope name: printable ASCII but space, `/`, `"` and `\`, 1-256; often with every punctuation allowed. */
const SCOPE_NAME_CHARS = PRINTABLE.replace(/["\\/]/g, '');
const PUNCTUATION = SCOPE_NAME_CHARS.replace(/[A-Za-z0-9]/g, '');
export const scopeName: fc.Arbitrary<string> = fc.oneof(
  text(chars(SCOPE_NAME_CHARS), 1, 256),
  fc.tuple(label, fc.constantFrom('.read', '.write', ':admin', '*')).map(([a, b]) => a + b),
  fc.constant(`all${PUNCTUATION}`),
);

/** A scope description: 1-256 characters (UTF-16 code units) of any script. */
export const scopeDescription: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 256 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 128 }),
  fc.constantFrom('读取订单', 'قراءة الطلبات', 'Bestellungen lesen', 'ऑर्डर पढ़ें', '注文を読む 🔐', 'x'.repeat(256)),
).filter((d) => d.length >= 1 && d.length <= 256);

const port = fc.integer({ min: 1, max: 65535 });
const pathSegment = fc.string({ unit: chars(ALNUM + '-._~'), minLength: 1, maxLength: 12 });
const urlPath = fc.array(pathSegment, { maxLength: 4 }).map((segments) => `/${segments.join('/')}`);
const query = fc.array(fc.tuple(pathSegment, fc.string({ unit: chars(ALNUM + '-._~%'), maxLength: 10 })), { minLength: 1, maxLength: 3 })
  .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A redirect URL of each allowed kind: https, http://localhost (with ports), app schemes; some with queries. */
export const redirectUrl: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(hostName, optional(port), urlPath, optional(query))
    .map(([host, p, path, q]) => `https://${host}${p === undefined ? '' : `:${p}`}${path}${q ?? ''}`),
  fc.tuple(optional(port), urlPath, optional(query))
    .map(([p, path, q]) => `http://localhost${p === undefined ? '' : `:${p}`}${path}${q ?? ''}`),
  fc.tuple(fc.string({ unit: chars(LOWER + DIGITS + '+.-'), maxLength: 12 }), fc.constantFrom('://', ':/'), urlPath)
    .map(([rest, sep, path]) => `my${rest}${sep}callback${path}`),
  // The longest URL Cognito takes: 1024 characters.
  hostName.map((host) => {
    const start = `https://${host}/`;
    return start + 'a'.repeat(1024 - start.length);
  }),
);

/** A browser origin, `scheme://host[:port]`, as the Fetch standard serializes it. */
const origin = fc.oneof(
  fc.tuple(hostName, optional(port.filter((p) => p !== 443))).map(([h, p]) => `https://${h}${p === undefined ? '' : `:${p}`}`),
  fc.tuple(hostName, optional(port.filter((p) => p !== 80))).map(([h, p]) => `http://${h}${p === undefined ? '' : `:${p}`}`),
);

/** Access and ID tokens: 5 minutes to 1 day; refresh: 1 hour to 3650 days, never shorter than the others. */
const MINUTES_PER_DAY = 24 * 60;
const minutesBetween = (min: number, max: number) => fc.oneof(
  fc.constantFrom(min, max), fc.integer({ min, max }));
const tokenMinutes = fc.tuple(
  optional(minutesBetween(5, MINUTES_PER_DAY)),
  optional(minutesBetween(5, MINUTES_PER_DAY)),
  optional(minutesBetween(60, 3650 * MINUTES_PER_DAY)),
).map(([access, id, refresh]) => {
  // Without a refresh validity the default is 1 day, which no access or ID token exceeds.
  const cap = Math.min(refresh ?? MINUTES_PER_DAY, MINUTES_PER_DAY);
  return {
    accessTokenMinutes: access === undefined ? undefined : Math.min(access, cap),
    idTokenMinutes: id === undefined ? undefined : Math.min(id, cap),
    refreshTokenMinutes: refresh,
  };
});

const stageName = text(chars(ALNUM + '-_'), 1, 128);

const webAclArn = fc.tuple(
  fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'), fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1'),
  fc.stringMatching(/^\d{12}$/), fc.string({ unit: chars(ALNUM + '-_'), minLength: 1, maxLength: 20 }), fc.uuid(),
).map(([partition, region, account, name, id]) => `arn:${partition}:wafv2:${region}:${account}:regional/webacl/${name}/${id}`);

/** A method's path: `/`, or parts of letters, digits and `._-:$`, or `{param}`, a greedy `{param+}` last. */
const PATH_CHARS = ALNUM + '._-:$';
/** Names every JavaScript object has; aws-cdk-lib cannot make a resource of one (the README says so). */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype);
const pathPart = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: chars(PATH_CHARS), minLength: 1, maxLength: 12 }).filter((p) => !OBJECT_MEMBERS.includes(p)) },
  { weight: 1, arbitrary: fc.string({ unit: chars(PATH_CHARS), minLength: 1, maxLength: 10 }).map((n) => `{${n}}`) },
);
const methodPath = fc.tuple(fc.array(pathPart, { maxLength: 4 }), fc.boolean(), fc.string({ unit: chars(PATH_CHARS), minLength: 1, maxLength: 8 }))
  .map(([parts, greedy, name]) => `/${[...parts, ...(greedy && parts.length > 0 ? [`{${name}+}`] : [])].join('/')}`);

/** The method name in a random mix of cases (addMethod takes any). */
const httpMethodIn = (names: string[]) => fc.tuple(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }))
  .map(([name, upper]) => [...name].map((c, i) => (upper[i] ? c : c.toLowerCase())).join(''));

/** A non-empty subset of `names`, in a random order, at most `max` long. */
const subset = (names: string[], max: number) => fc.shuffledSubarray(names, { minLength: 1, maxLength: Math.min(max, names.length) });

/** Letters, marks, symbols, digits and punctuation of several scripts: what Cognito takes in a group name. */
const GROUP_NAME_CHARS = ALNUM + 'éßüñçøÅЖжλΩ中文日本語한국ئعربيहिन्दी' + '_-.!@#$%&*+=?~^(){}[]<>:;,\'"|/\\' + '€£¥©®°±§¶' + '\u0301';
/** A group name: 1-128 of them, the shortest and longest as likely as the rest; never starting with a combining mark. */
export const groupName: fc.Arbitrary<string> = fc.oneof(
  text(chars(GROUP_NAME_CHARS.replace('\u0301', '')), 1, 128),
  fc.constantFrom('admins', 'Ω', 'é', '管理者', 'group.read-only_team@x', 'x'.repeat(128), 'ж'.repeat(128), 'a/b', 'a--b'),
  // Members of every JavaScript object: the fuzz task found that the construct could not make a group of one,
  // and that a group named `__proto__` lost its scopes (issue #26); `prototype` is every function's.
  fc.constantFrom(...OBJECT_MEMBERS),
  fc.constantFrom('__proto__', 'prototype'),
  fc.tuple(chars(ALNUM), fc.string({ unit: chars(GROUP_NAME_CHARS), maxLength: 127 })).map(([a, b]) => a + b),
).filter((n) => /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(n));

/** What fits in the trigger's environment: Lambda's 4 KB less the other variable and the name. */
const MAX_SCOPE_MAP_BYTES = 4096 - 'AWS_NODEJS_CONNECTION_REUSE_ENABLED1'.length - 'RESTRICTED_SCOPES_BY_GROUP'.length;

/** The trigger's map, as the README describes it: each group's scopes in full (`<identifier>/<name>`). */
export function restrictedScopesByGroup(groups: UserGroupSpec[], identifier: string): Record<string, string[]> {
  return Object.fromEntries(groups.map((g) => [g.name, g.scopes.map((s) => `${identifier}/${s}`)]));
}

/** 1-3 groups with unique names, each granting 1-3 of `clientScopes`; later groups dropped until the map fits. */
function userGroups(clientScopes: string[], identifier: string): fc.Arbitrary<UserGroupSpec[]> {
  const group = fc.record({
    name: groupName,
    scopes: subset(clientScopes, 3),
    description: optional(fc.oneof(scopeDescription, fc.constant('d'.repeat(2048)))),
    precedence: optional(fc.oneof(fc.constantFrom(0, 2 ** 31 - 1), fc.nat({ max: 1000 }))),
  }, { requiredKeys: ['name', 'scopes'] });
  return fc.uniqueArray(group, { minLength: 1, maxLength: 3, selector: (g) => g.name }).map((groups) => {
    const fitting = [...groups];
    while (fitting.length > 1 && Buffer.byteLength(JSON.stringify(restrictedScopesByGroup(fitting, identifier))) > MAX_SCOPE_MAP_BYTES) {
      fitting.pop();
    }
    return fitting;
  });
}

/**
 * An imported pool's id. Unbiased: fast-check's bias towards small values gives many cases the
 * same id, and the fuzz task's batches put 50 cases in one app, where two prefix domains on one
 * pool are refused (rightly).
 */
const userPoolId = fc.noBias(fc.stringMatching(/^[A-Za-z0-9]{9}$/)).map((s) => `us-east-1_${s}`);

/** How the pool is had: created by the construct, or imported with its domain by name (a prefix or a custom domain) or a new prefix domain. */
const poolChoice = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.record({ userPoolId, userPoolDomain: fc.oneof(domainPrefix, hostName) }) },
  { weight: 1, arbitrary: fc.record({ userPoolId, domainPrefix }) },
);

const google: fc.Arbitrary<GoogleSpec & { signIn: boolean }> = fc.record({
  clientId: fc.tuple(fc.stringMatching(/^\d{6,12}$/), fc.string({ unit: chars(LOWER + DIGITS), minLength: 1, maxLength: 32 }))
    .map(([n, s]) => `${n}-${s}.apps.googleusercontent.com`),
  secretName: fc.string({ unit: chars(ALNUM + '/_+=.@-'), minLength: 1, maxLength: 40 }),
  signIn: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Valid specs

/**
 * Drops methods that the README's rules refuse together: the same method and path twice, and two
 * variable parts of different names under one parent. The first method always stays.
 */
function consistentMethods(methods: MethodSpec[]): MethodSpec[] {
  const keys = new Set<string>();
  const variableByParent = new Map<string, string>();
  return methods.filter((m) => {
    const key = `${m.httpMethod.toUpperCase()} ${m.path}`;
    const parts = m.path === '/' ? [] : m.path.split('/').slice(1);
    const variables = parts.map((part, i) => [`/${parts.slice(0, i).join('/')}`, part] as const).filter(([, part]) => part.startsWith('{'));
    const clash = variables.some(([parent, part]) => variableByParent.has(parent) && variableByParent.get(parent) !== part);
    if (keys.has(key) || clash) {
      return false;
    }
    keys.add(key);
    variables.forEach(([parent, part]) => variableByParent.set(parent, part));
    return true;
  });
}

/** A valid spec, by every rule of the README's table. */
export const validSpec: fc.Arbitrary<ApiSpec> = fc.record({
  scopes: fc.oneof(
    {
      weight: 12,
      arbitrary: fc.uniqueArray(fc.record({ name: scopeName, description: scopeDescription }),
        { minLength: 1, maxLength: 6, selector: (s) => s.name }),
    },
    // The limits: 49 scopes (50 with openid) for the browser client, 100 in a resource server.
    { weight: 1, arbitrary: fc.constantFrom(49, 50, 100).map((n) => Array.from({ length: n }, (_, i) => ({ name: `scope.${i}`, description: `Scope ${i}` }))) },
  ),
  domain: fc.oneof(
    { weight: 4, arbitrary: domainPrefix.map((prefix) => ({ domainPrefix: prefix })) },
    { weight: 1, arbitrary: hostName.map((name) => ({ customDomainName: name })) },
  ),
  resourceServerIdentifier,
  callbackUrls: fc.oneof(
    { weight: 20, arbitrary: fc.array(redirectUrl, { minLength: 1, maxLength: 4 }) },
    // The limit: 100 URLs, each its own origin.
    { weight: 1, arbitrary: hostName.map((host) => Array.from({ length: 100 }, (_, i) => `https://app${i}.${host}/callback`)) },
  ),
  logoutUrls: optional(fc.array(redirectUrl, { maxLength: 3 })),
  tokens: tokenMinutes,
  cors: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.constant(['*'] as string[]) },
    { weight: 2, arbitrary: fc.uniqueArray(origin, { minLength: 1, maxLength: 3 }) },
  ),
  stageName: optional(stageName),
  throttlingRateLimit: optional(fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.001, max: 10_000, noNaN: true }))),
  throttlingBurstLimit: optional(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
  webAclArn: optional(webAclArn),
  managedLoginVersion: optional(fc.constantFrom('CLASSIC_HOSTED_UI' as const, 'NEWER_MANAGED_LOGIN' as const)),
  featurePlan: optional(fc.constantFrom('LITE' as const, 'ESSENTIALS' as const, 'PLUS' as const)),
  mfa: optional(fc.constantFrom('OFF' as const, 'OPTIONAL' as const, 'REQUIRED' as const)),
  removalPolicy: optional(fc.constantFrom('RETAIN' as const, 'DESTROY' as const)),
  executionLoggingLevel: optional(fc.constantFrom('OFF' as const, 'ERROR' as const, 'INFO' as const)),
  selfSignUpEnabled: optional(fc.boolean()),
  allowUserPasswordAuth: optional(fc.boolean()),
  tracingEnabled: optional(fc.boolean()),
  cloudWatchRole: optional(fc.boolean()),
  userPoolName: optional(fc.string({ unit: chars(ALNUM + ' +=,.@-_'), minLength: 1, maxLength: 128 }).filter((n) => n.trim() !== '')),
  restApiName: optional(fc.string({ unit: chars(ALNUM + ' -_'), minLength: 1, maxLength: 40 })),
  pool: poolChoice,
  withGroups: fc.boolean(),
  // Each about half the time, so that the cases without them stay as common.
  logKey: fc.option(fc.boolean(), { nil: undefined, freq: 2 }),
  clientCertificateId: fc.option(fc.string({ unit: chars(LOWER + DIGITS), minLength: 6, maxLength: 10 }), { nil: undefined, freq: 2 }),
  google: fc.option(google, { nil: undefined, freq: 2 }),
  // Passwordless sign-in about a third of the time; SMS codes are never valid on the construct's pool.
  signIn: fc.option(fc.record({
    passkey: fc.boolean(),
    emailOtp: fc.boolean(),
    verification: optional(fc.constantFrom('PREFERRED' as const, 'REQUIRED' as const)),
  }), { nil: undefined, freq: 3 }),
  rotationSeconds: fc.option(fc.oneof(fc.constantFrom(0, 60), fc.integer({ min: 0, max: 60 })), { nil: undefined, freq: 3 }),
}).chain((base) => {
  const names = base.scopes.map((s) => s.name);
  const clientScopes = names.length > 49
    ? fc.shuffledSubarray(names, { maxLength: 49 })
    : optional(fc.shuffledSubarray(names));
  return fc.tuple(clientScopes, fc.array(fc.tuple(subset(names, 50), optional(minutesBetween(5, MINUTES_PER_DAY))), { maxLength: 2 }))
    .chain(([client, machines]) => fc.tuple(
      fc.constant(client), fc.constant(machines),
      // Groups need a pool the construct creates, and scopes the browser client requests.
      base.pool === undefined && base.withGroups && (client ?? names).length > 0
        ? userGroups(client ?? names, base.resourceServerIdentifier) : fc.constant(undefined),
    ))
    .chain(([client, machines, groups]) => {
      const obtainable = [...new Set([...(client ?? names), ...machines.flatMap(([scopes]) => scopes)])];
      const corsOff = base.cors !== undefined && base.cors.length === 0;
      const method = fc.record({
        httpMethod: httpMethodIn(corsOff ? HTTP_METHODS : HTTP_METHODS.filter((m) => m !== 'OPTIONS')),
        path: methodPath,
        access: obtainable.length === 0 ? fc.constant(undefined)
          : optional(fc.tuple(fc.constantFrom(...obtainable), fc.shuffledSubarray(names, { maxLength: Math.min(3, names.length) }))),
      }).map(({ httpMethod, path, access }): MethodSpec => (access === undefined
        ? { httpMethod, path, scopes: [], allowUnauthenticated: true }
        : { httpMethod, path, scopes: [...new Set([access[0], ...access[1]])] }));
      const firstMethod = method.filter((m) => m.httpMethod.toUpperCase() !== 'OPTIONS');
      // First factors only on a pool the construct creates; a passkey's relying party (the login domain) fits 63 characters.
      const domainName = 'domainPrefix' in base.domain ? `${base.domain.domainPrefix}.auth.us-east-1.amazoncognito.com` : base.domain.customDomainName;
      const signIn = base.pool === undefined && base.signIn ? { ...base.signIn, passkey: base.signIn.passkey && domainName.length <= 63 } : undefined;
      const passwordless = signIn !== undefined && (signIn.passkey || signIn.emailOtp);
      return fc.tuple(firstMethod, fc.array(method, { maxLength: 5 })).map(([first, rest]): ApiSpec => ({
        props: {
          ...(base.pool === undefined ? base.domain : {}),
          resourceServerIdentifier: base.resourceServerIdentifier,
          scopes: base.scopes,
          clientScopes: client,
          callbackUrls: base.callbackUrls,
          logoutUrls: base.logoutUrls,
          ...base.tokens,
          corsAllowOrigins: base.cors,
          stageName: base.stageName,
          throttlingRateLimit: base.throttlingRateLimit,
          throttlingBurstLimit: base.throttlingBurstLimit,
          webAclArn: base.webAclArn,
          // Passkeys and codes need managed login (version 2).
          managedLoginVersion: passwordless ? undefined : base.managedLoginVersion,
          removalPolicy: base.removalPolicy,
          executionLoggingLevel: base.executionLoggingLevel,
          // userPoolSignIn false (only with a provider) refuses allowUserPasswordAuth.
          allowUserPasswordAuth: base.google?.signIn === false ? undefined : base.allowUserPasswordAuth,
          tracingEnabled: base.tracingEnabled,
          cloudWatchRole: base.cloudWatchRole,
          restApiName: base.restApiName,
          // The props that shape a new pool, only without userPool; groups need a plan that customizes tokens.
          ...(base.pool === undefined ? {
            // Groups, passkeys and codes need the ESSENTIALS or PLUS plan.
            featurePlan: groups === undefined && !passwordless ? base.featurePlan : (base.featurePlan === 'PLUS' ? 'PLUS' : 'ESSENTIALS'),
            mfa: base.mfa,
            firstFactors: signIn && { password: true, passkey: signIn.passkey, emailOtp: signIn.emailOtp },
            passkeyUserVerification: signIn?.passkey ? signIn.verification : undefined,
            // Email codes need email sent through Amazon SES.
            sesEmail: signIn?.emailOtp ? true : undefined,
            selfSignUpEnabled: base.selfSignUpEnabled,
            userPoolName: base.userPoolName,
          } : {
            importedPool: { userPoolId: base.pool.userPoolId, userPoolDomain: 'userPoolDomain' in base.pool ? base.pool.userPoolDomain : undefined },
            domainPrefix: 'domainPrefix' in base.pool ? base.pool.domainPrefix : undefined,
          }),
          userGroups: groups,
          logKey: base.logKey,
          clientCertificateId: base.clientCertificateId,
          userPoolSignIn: base.google === undefined ? undefined : base.google.signIn,
          rotationSeconds: base.rotationSeconds,
        },
        methods: consistentMethods([first, ...rest]),
        machineClients: machines.map(([scopes, minutes], i) => ({ id: `Machine${i}`, scopes, accessTokenMinutes: minutes })),
        google: base.google && { clientId: base.google.clientId, secretName: base.google.secretName },
      }));
    });
});

/** The props with undefined values left out, as fast-check and a reader would like to see them. */
export function compact(spec: ApiSpec): ApiSpec {
  return JSON.parse(JSON.stringify(spec));
}

// ---------------------------------------------------------------------------------------------
// Invalid specs: a valid one with exactly one rule broken

export interface InvalidCase {
  /** The rule broken, for reading a failure. */
  readonly rule: string;
  readonly spec: ApiSpec;
  /** What the error message must start with: the prop or call it names. */
  readonly messageStart: string;
}

type Breaker = (spec: ApiSpec) => fc.Arbitrary<InvalidCase>;

const withProps = (spec: ApiSpec, props: Partial<PropsSpec>): ApiSpec => ({ ...spec, props: { ...spec.props, ...props } });
const prop = (rule: string, name: keyof PropsSpec, bad: fc.Arbitrary<unknown>, messageStart: string = name): Breaker =>
  // A domain prefix replaces a custom domain: both at once would be another broken rule.
  (spec) => bad.map((value) => ({
    rule,
    spec: withProps(spec, name === 'domainPrefix' ? { domainPrefix: value as string, customDomainName: undefined } : { [name]: value }),
    messageStart,
  }));
/** A valid array prop with one element replaced by a bad one. */
const element = (rule: string, name: 'callbackUrls' | 'logoutUrls' | 'corsAllowOrigins', bad: fc.Arbitrary<string>, fallback: string[]): Breaker =>
  (spec) => fc.tuple(bad, fc.nat()).map(([value, at]) => {
    const list = [...(spec.props[name] ?? fallback)];
    const i = list.length === 0 ? 0 : at % list.length;
    list[i] = value;
    return { rule, spec: withProps(spec, { [name]: list }), messageStart: `${name}[${i}]` };
  });
const scopeNames = (spec: ApiSpec) => spec.props.scopes.map((s) => s.name);
const lastMethod = (spec: ApiSpec) => spec.methods[spec.methods.length - 1];
const withMethod = (spec: ApiSpec, method: MethodSpec): ApiSpec => ({ ...spec, methods: [...spec.methods, method] });
const addMethodCall = (method: MethodSpec) => `addMethod ${method.httpMethod.toUpperCase()} ${method.path}`;

const notPrefixChars = fc.string({ unit: chars('ABCXYZ_.!é '), minLength: 1, maxLength: 3 });
const badRedirectUrl = fc.oneof(
  fc.constantFrom('relative/callback', '/callback', '3000/callback', 'https://'),
  hostName.map((h) => `http://${h}/callback`),
  hostName.map((h) => `https://${h}/callback#section`),
  hostName.map((h) => `https://${h}/a b`),
  hostName.map((h) => `https://${h}/${'a'.repeat(1025)}`),
);

/** The breakers of props only the REST construct has. */
const REST_ONLY_BREAKERS = new Set<Breaker>();
const restOnly = (breaker: Breaker): Breaker => {
  REST_ONLY_BREAKERS.add(breaker);
  return breaker;
};

const BREAKERS: Breaker[] = [
  // The domain props: on a pool the construct creates, whose domain choice they break.
  ...onCreatedPool([
    prop('domainPrefix too long', 'domainPrefix', fc.string({ unit: chars(LOWER), minLength: 64, maxLength: 70 })),
    prop('domainPrefix bad characters', 'domainPrefix', fc.tuple(domainPrefix, notPrefixChars).map(([p, bad]) => p + bad)),
    prop('domainPrefix hyphen first or last', 'domainPrefix', fc.tuple(domainPrefix, fc.boolean()).map(([p, first]) => (first ? `-${p}` : `${p}-`))),
    prop('domainPrefix empty', 'domainPrefix', fc.constant('')),
    prop('domainPrefix reserved word', 'domainPrefix', fc.tuple(label, fc.constantFrom('aws', 'amazon', 'cognito')).map(([l, w]) => `${l}-${w}`)),
    (spec) => domainPrefix.chain((p) => hostName.map((h) => ({
      rule: 'both domains', spec: withProps(spec, { domainPrefix: p, customDomainName: h }), messageStart: 'domainPrefix',
    }))),
    (spec) => fc.constant({ rule: 'no domain', spec: withProps(spec, { domainPrefix: undefined, customDomainName: undefined }), messageStart: 'neither domainPrefix' }),
    (spec) => fc.constantFrom('Auth.Example.com', 'https://auth.example.com', 'auth.example.com/login', 'localhost').map((name) => ({
      rule: 'customDomainName invalid', spec: withProps(spec, { domainPrefix: undefined, customDomainName: name }), messageStart: 'customDomainName',
    })),
    (spec) => hostName.map((name) => ({
      rule: 'certificate outside us-east-1',
      spec: withProps(spec, { domainPrefix: undefined, customDomainName: name, certificateRegion: 'eu-west-1' }),
      messageStart: 'customDomainCertificate',
    })),
  ]),
  prop('resourceServerIdentifier forbidden character', 'resourceServerIdentifier',
    fc.tuple(resourceServerIdentifier, fc.constantFrom(' ', '"', '\\', 'é', '\t')).map(([id, c]) => (id + c).slice(-256))),
  prop('resourceServerIdentifier empty', 'resourceServerIdentifier', fc.constant('')),
  prop('resourceServerIdentifier too long', 'resourceServerIdentifier', fc.string({ unit: chars(ALNUM), minLength: 257, maxLength: 300 })),
  // The API's scopes and the browser client's: on a spec without groups, whose scopes they would also break.
  ...withoutGroups([
    prop('scopes empty', 'scopes', fc.constant([])),
    prop('scopes more than 100', 'scopes', fc.integer({ min: 101, max: 120 })
      .map((n) => Array.from({ length: n }, (_, i) => ({ name: `s${i}`, description: 'd' })))),
    (spec) => fc.tuple(fc.nat(), fc.oneof(
      fc.constantFrom('', 'a b', 'a/b', 'a"b', 'a\\b', 'é'),
      fc.string({ unit: chars(ALNUM), minLength: 257, maxLength: 260 }),
    )).map(([at, name]) => {
      const i = at % spec.props.scopes.length;
      const scopes = spec.props.scopes.map((s, j) => (j === i ? { ...s, name } : s));
      // Keep methods and clients on the other names, so that only the name rule is broken.
      return { rule: 'scope name invalid', spec: withoutScope(withProps(spec, { scopes }), spec.props.scopes[i].name), messageStart: `scopes[${i}].name` };
    }),
    (spec) => fc.tuple(fc.nat(), fc.constantFrom('', 'x'.repeat(257))).map(([at, description]) => {
      const i = at % spec.props.scopes.length;
      const scopes = spec.props.scopes.map((s, j) => (j === i ? { ...s, description } : s));
      return { rule: 'scope description length', spec: withProps(spec, { scopes }), messageStart: `scopes[${i}].description` };
    }),
    (spec) => {
    // Another entry with the first scope's name: appended, or in place of the last when 100 is the limit.
      const scopes = spec.props.scopes;
      const at = scopes.length < 100 ? scopes.length : scopes.length - 1;
      const base = at < scopes.length ? withoutScope(spec, scopes[at].name) : spec;
      const repeated = [...scopes.slice(0, at), { name: scopes[0].name, description: 'again' }];
      return fc.constant({ rule: 'scope name repeated', spec: withProps(base, { scopes: repeated }), messageStart: `scopes[${at}].name` });
    },
    prop('clientScopes unknown', 'clientScopes', fc.constant(['no.such.scope']), 'clientScopes[0]'),
    (spec) => fc.constant({ rule: 'clientScopes repeated', spec: withProps(spec, { clientScopes: [scopeNames(spec)[0], scopeNames(spec)[0]] }), messageStart: 'clientScopes[1]' }),
    (spec) => fc.constant({
      rule: 'browser client over 50 scopes',
      spec: withProps(spec, {
        scopes: Array.from({ length: 50 }, (_, i) => ({ name: `many.${i}`, description: 'd' })),
        clientScopes: undefined,
      }),
      messageStart: 'scopes',
    }).map((c) => ({ ...c, spec: { ...c.spec, methods: [{ httpMethod: 'GET', path: '/', scopes: ['many.0'] }], machineClients: [] } })),
  ]),
  prop('callbackUrls empty', 'callbackUrls', fc.constant([])),
  prop('callbackUrls more than 100', 'callbackUrls', fc.integer({ min: 101, max: 110 })
    .map((n) => Array.from({ length: n }, (_, i) => `https://app.example.com/${i}`))),
  element('callbackUrls invalid', 'callbackUrls', badRedirectUrl, []),
  element('logoutUrls invalid', 'logoutUrls', badRedirectUrl, ['https://app.example.com/']),
  prop('accessTokenValidity out of range', 'accessTokenMinutes', fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1441, max: 100_000 })), 'accessTokenValidity'),
  prop('idTokenValidity out of range', 'idTokenMinutes', fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1441, max: 100_000 })), 'idTokenValidity'),
  (spec) => fc.oneof(
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 3650 * MINUTES_PER_DAY + 1, max: 4000 * MINUTES_PER_DAY }),
  ).map((refresh) => ({
    rule: 'refreshTokenValidity out of range',
    spec: withProps(spec, { refreshTokenMinutes: refresh, accessTokenMinutes: 5, idTokenMinutes: 5 }),
    messageStart: 'refreshTokenValidity',
  })),
  (spec) => fc.tuple(fc.integer({ min: 60, max: 1439 }), fc.boolean()).map(([refresh, access]) => ({
    rule: 'token outlives the refresh token',
    spec: withProps(spec, access
      ? { refreshTokenMinutes: refresh, accessTokenMinutes: refresh + 1, idTokenMinutes: 5 }
      : { refreshTokenMinutes: refresh, idTokenMinutes: refresh + 1, accessTokenMinutes: 5 }),
    messageStart: access ? 'accessTokenValidity' : 'idTokenValidity',
  })),
  element('corsAllowOrigins not an origin', 'corsAllowOrigins', fc.oneof(
    hostName.map((h) => `https://${h}/`), hostName.map((h) => `https://${h}/app`), hostName, hostName.map((h) => `ftp://${h}`),
    hostName.map((h) => `https://${h.toUpperCase()}`), hostName.map((h) => `https://${h}:443`),
  ), ['https://app.example.com']),
  (spec) => origin.map((o) => ({ rule: '* with other origins', spec: withProps(spec, { corsAllowOrigins: [o, '*'] }), messageStart: 'corsAllowOrigins[1]' })),
  restOnly(prop('stageName invalid', 'stageName', fc.oneof(
    fc.constant(''), fc.string({ unit: chars(ALNUM), minLength: 129, maxLength: 140 }),
    fc.tuple(stageName, fc.constantFrom('.', '/', ' ', 'é', '$')).map(([s, c]) => s.slice(0, 127) + c),
  ))),
  prop('throttlingRateLimit not above 0', 'throttlingRateLimit', fc.oneof(fc.constantFrom(0, -1, Number.NaN), fc.double({ max: 0, noNaN: true }))),
  prop('throttlingBurstLimit not a whole number above 0', 'throttlingBurstLimit', fc.oneof(
    fc.constantFrom(0, -5, 1.5, Number.NaN, Infinity), fc.double({ min: 0.01, max: 1000, noNaN: true }).filter((n) => !Number.isInteger(n)))),
  restOnly((spec) => fc.integer({ min: 1, max: 10 }).map((stacks) => ({
    rule: 'nestedStacksPerFirstSegment without methodsInNestedStacks',
    spec: withProps(spec, { methodsInNestedStacks: undefined, nestedStacksPerFirstSegment: { v1: stacks } }),
    messageStart: 'nestedStacksPerFirstSegment',
  }))),
  restOnly((spec) => fc.tuple(fc.oneof(fc.constantFrom(0, -1, 11, 1.5, Number.NaN, Infinity), fc.integer({ min: 11, max: 1000 })),
    fc.constantFrom('v1', 'orders', '{tenant}')).map(([stacks, segment]) => ({
    rule: 'nestedStacksPerFirstSegment not 1 to 10',
    spec: withProps(spec, { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { [segment]: stacks } }),
    messageStart: 'nestedStacksPerFirstSegment',
  }))),
  restOnly(prop('webAclArn not a regional WAFv2 ACL', 'webAclArn', fc.oneof(
    webAclArn.map((arn) => arn.replace(':regional/', ':global/')),
    webAclArn.map((arn) => arn.replace(':wafv2:', ':waf-regional:')),
    fc.constantFrom('', 'my-acl', 'arn:aws:wafv2:us-east-1:123:regional/webacl/x/y'),
  ))),
  // addMethod
  (spec) => fc.tuple(fc.constantFrom('FETCH', 'CONNECT', 'TRACE', '', 'GET '), methodPath).map(([httpMethod, path]) => ({
    rule: 'addMethod unknown method', spec: withMethod(spec, { httpMethod, path, scopes: [scopeNames(spec)[0]] }), messageStart: `addMethod ${JSON.stringify(httpMethod)}`,
  })),
  (spec) => fc.constantFrom('orders', '//', '/orders/', '/a//b', '/a b', '/é', '/{id+}/x', '/{}', '/a?b', '/{a/b}', ...OBJECT_MEMBERS.map((m) => `/x/${m}`)).map((path) => {
    const m = { httpMethod: 'GET', path, scopes: [scopeNames(spec)[0]] };
    return { rule: 'addMethod bad path', spec: withMethod(spec, m), messageStart: `${addMethodCall(m)}: path` };
  }),
  (spec) => methodPath.map((path) => {
    const m = { httpMethod: 'POST', path, scopes: ['no.such.scope'] };
    return { rule: 'addMethod unknown scope', spec: withMethod(spec, m), messageStart: `${addMethodCall(m)}: scope` };
  }),
  (spec) => methodPath.map((path) => {
    const m = { httpMethod: 'GET', path, scopes: [] };
    return { rule: 'addMethod without scopes', spec: withMethod(spec, m), messageStart: `${addMethodCall(m)}: no scopes` };
  }),
  (spec) => methodPath.map((path) => {
    const m = { httpMethod: 'GET', path, scopes: [scopeNames(spec)[0]], allowUnauthenticated: true };
    return { rule: 'addMethod scopes and public', spec: withMethod(spec, m), messageStart: `${addMethodCall(m)}: options.scopes` };
  }),
  (spec) => fc.constant(lastMethod(spec)).map((m) => ({
    rule: 'addMethod twice', spec: withMethod(spec, m), messageStart: addMethodCall(m),
  })),
  (spec) => fc.constant<MethodSpec>({ httpMethod: 'GET', path: `/clash-${spec.methods.length}/{a}/x`, scopes: [scopeNames(spec)[0]] }).map((m) => {
    const other = { ...m, path: m.path.replace('{a}', '{b}') };
    return { rule: 'addMethod variable clash', spec: withMethod(withMethod(spec, m), other), messageStart: `${addMethodCall(other)}: path part` };
  }),
  (spec) => fc.constantFrom('options', 'OPTIONS', 'Options').map((httpMethod) => {
    const m = { httpMethod, path: '/preflight', scopes: [scopeNames(spec)[0]] };
    return {
      rule: 'addMethod OPTIONS with CORS',
      spec: withMethod({
        ...withProps(spec, { corsAllowOrigins: ['https://app.example.com'] }),
        methods: spec.methods.filter((other) => other.httpMethod.toUpperCase() !== 'OPTIONS'),
      }, m),
      messageStart: addMethodCall(m),
    };
  }),
  // addMachineClient
  (spec) => fc.constantFrom<[string, string[]]>(['empty', []], ['unknown', ['no.such.scope']], ['repeated', [scopeNames(spec)[0], scopeNames(spec)[0]]])
    .map(([what, scopes]) => ({
      rule: `addMachineClient scopes ${what}`,
      spec: { ...spec, machineClients: [...spec.machineClients, { id: 'Broken', scopes }] },
      messageStart: 'addMachineClient "Broken": scopes',
    })),
  (spec) => fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1441, max: 10_000 })).map((minutes) => ({
    rule: 'addMachineClient token validity',
    spec: { ...spec, machineClients: [...spec.machineClients, { id: 'Broken', scopes: [scopeNames(spec)[0]], accessTokenMinutes: minutes }] },
    messageStart: 'addMachineClient "Broken": accessTokenValidity',
  })),
  // userGroups (with a pool the construct creates, on a plan that customizes access tokens)
  ...groupBreakers(),
  (spec) => fc.constant({
    rule: 'userGroups on the LITE plan',
    spec: withProps(withGroup(grouped(spec), { name: 'admins', scopes: [requested(spec)] }),
      { featurePlan: 'LITE', firstFactors: undefined, passkeyUserVerification: undefined, sesEmail: undefined }),
    messageStart: 'userGroups need featurePlan',
  }),
  (spec) => userPoolId.map((id) => ({
    rule: 'userGroups with an imported pool',
    spec: withGroup(onImportedPool(spec, id), { name: 'admins', scopes: [requested(spec)] }),
    messageStart: 'userGroups need a pre token generation trigger',
  })),
  // userPool and userPoolDomain
  (spec) => fc.tuple(userPoolId, fc.constantFrom<Array<keyof PropsSpec>>('userPoolName', 'selfSignUpEnabled', 'mfa', 'featurePlan')).map(([id, name]) => ({
    rule: 'userPool with a prop that shapes a new pool',
    spec: withProps(onImportedPool(spec, id), { [name]: ({ userPoolName: 'pool', selfSignUpEnabled: false, mfa: 'REQUIRED', featurePlan: 'ESSENTIALS' } as any)[name] }),
    messageStart: `${name} is set together with userPool`,
  })),
  (spec) => userPoolId.map((id) => ({
    rule: 'userPool without a domain',
    spec: withProps(onImportedPool(spec, id), { importedPool: { userPoolId: id }, domainPrefix: undefined }),
    messageStart: 'userPool is set but no login domain is',
  })),
  (spec) => domainPrefix.map((name) => ({
    rule: 'userPoolDomain without userPool',
    spec: withProps(spec, { strayUserPoolDomain: name, importedPool: undefined, domainPrefix: undefined, customDomainName: undefined }),
    messageStart: 'userPoolDomain is set without userPool',
  })),
  (spec) => fc.tuple(userPoolId, domainPrefix, domainPrefix).map(([id, existing, prefix]) => ({
    rule: 'userPoolDomain and domainPrefix',
    spec: withProps(onImportedPool(spec, id), { importedPool: { userPoolId: id, userPoolDomain: existing }, domainPrefix: prefix }),
    messageStart: 'userPoolDomain and domainPrefix',
  })),
  (spec) => fc.tuple(userPoolId, hostName, fc.constantFrom('https://', '')).map(([id, host, scheme]) => ({
    rule: 'userPoolDomain name with scheme or path',
    spec: withProps(onImportedPool(spec, id), { importedPool: { userPoolId: id, userPoolDomain: `${scheme}${host}/login` }, domainPrefix: undefined }),
    messageStart: 'userPoolDomain name',
  })),
  // userPoolSignIn and addIdentityProvider
  (spec) => fc.constant({
    rule: 'userPoolSignIn false with allowUserPasswordAuth',
    spec: { ...withProps(spec, { userPoolSignIn: false, allowUserPasswordAuth: true }), google: { clientId: '1-a.apps.googleusercontent.com', secretName: 's' } },
    messageStart: 'userPoolSignIn false and allowUserPasswordAuth true',
  }),
  (spec) => fc.constant({
    rule: 'userPoolSignIn false without a provider',
    spec: { ...withProps(spec, { userPoolSignIn: false, allowUserPasswordAuth: undefined }), google: undefined },
    messageStart: 'Case0/Api: userPoolSignIn is false and no identity provider is added',
  }),
  (spec) => google.map((g) => ({
    rule: 'Google client secret as plain text',
    spec: { ...spec, google: { clientId: g.clientId, secretName: g.secretName, plainSecret: true } },
    messageStart: 'addIdentityProvider: provider',
  })),
  // Sign in without a password, and refresh token rotation. Email codes (with SES) avoid the relying party's length limit.
  ...onCreatedPool([
    (spec) => fc.constant({
      rule: 'passwordless on the LITE plan',
      spec: withProps(withPasswordless(spec), { userGroups: undefined, featurePlan: 'LITE' }),
      messageStart: 'allowedFirstAuthFactors',
    }),
    (spec) => fc.constant({
      rule: 'passwordless with the classic hosted UI',
      spec: withProps(withPasswordless(spec), { managedLoginVersion: 'CLASSIC_HOSTED_UI' }),
      messageStart: 'allowedFirstAuthFactors',
    }),
    (spec) => fc.constant({
      rule: 'email codes without SES',
      spec: withProps(withPasswordless(spec), { sesEmail: undefined }),
      messageStart: 'allowedFirstAuthFactors.emailOtp',
    }),
    (spec) => fc.constant({
      rule: 'SMS codes',
      spec: withProps(withPasswordless(spec), { firstFactors: { password: true, smsOtp: true } }),
      messageStart: 'allowedFirstAuthFactors.smsOtp',
    }),
    (spec) => fc.constant({
      rule: 'password not among the first factors',
      spec: withProps(withPasswordless(spec), { firstFactors: { password: false, emailOtp: true } }),
      messageStart: 'allowedFirstAuthFactors.password',
    }),
    (spec) => fc.constantFrom('PREFERRED' as const, 'REQUIRED' as const).map((verification) => ({
      rule: 'passkeyUserVerification without passkeys',
      spec: withProps(spec, { firstFactors: undefined, passkeyUserVerification: verification }),
      messageStart: 'passkeyUserVerification',
    })),
  ]),
  (spec) => userPoolId.map((id) => ({
    rule: 'first factors with userPool',
    spec: withProps(onImportedPool(spec, id), { firstFactors: { password: true, passkey: true } }),
    messageStart: 'allowedFirstAuthFactors',
  })),
  prop('refreshTokenRotationGracePeriod out of range', 'rotationSeconds', fc.integer({ min: 61, max: 3600 }), 'refreshTokenRotationGracePeriod'),
  // Checked once the app is complete: a demanded scope no client can obtain.
  (spec) => fc.constant({
    rule: 'method scope no client can obtain',
    spec: {
      ...withProps(spec, { clientScopes: [], userGroups: undefined }),
      machineClients: [],
      methods: [{ httpMethod: 'GET', path: '/', scopes: [scopeNames(spec)[0]] }],
    },
    messageStart: 'GET / demands',
  }),
];

/** The breakers, on the spec on a pool the construct creates (with a prefix domain where it had the pool's). */
function onCreatedPool(breakers: Breaker[]): Breaker[] {
  return breakers.map((breaker) => (spec) => breaker(spec.props.importedPool
    ? withProps(spec, { importedPool: undefined, domainPrefix: spec.props.domainPrefix ?? 'created-pool-login' })
    : spec));
}

/** The breakers, on the spec without userGroups. */
function withoutGroups(breakers: Breaker[]): Breaker[] {
  return breakers.map((breaker) => (spec) => breaker(withProps(spec, { userGroups: undefined })));
}

/** A scope the browser client requests (the first of the API's when it requests none). */
const requested = (spec: ApiSpec) => (spec.props.clientScopes && spec.props.clientScopes.length > 0
  ? spec.props.clientScopes[0] : scopeNames(spec)[0]);

/** The spec with one more group; a created pool on a plan that customizes tokens unless the spec says otherwise. */
function withGroup(spec: ApiSpec, group: UserGroupSpec): ApiSpec {
  const p = spec.props;
  return withProps(spec, {
    userGroups: [...(p.userGroups ?? []), group],
    // Its scope must be one the browser client requests: a client requesting none gets that one.
    clientScopes: p.clientScopes && p.clientScopes.length === 0 ? [group.scopes[0]] : p.clientScopes,
  });
}

/** The spec on an imported pool with a new prefix domain: without the props that shape a new pool, or groups. */
function onImportedPool(spec: ApiSpec, poolId: string): ApiSpec {
  return withProps(spec, {
    importedPool: { userPoolId: poolId },
    domainPrefix: spec.props.domainPrefix ?? 'imported-pool-login',
    customDomainName: undefined,
    userPoolName: undefined,
    selfSignUpEnabled: undefined,
    mfa: undefined,
    featurePlan: undefined,
    userGroups: undefined,
    firstFactors: undefined,
    passkeyUserVerification: undefined,
    sesEmail: undefined,
  });
}

/** The spec (on a pool the construct creates) with email codes sent through SES, and nothing else of passwordless sign-in. */
function withPasswordless(spec: ApiSpec): ApiSpec {
  return withProps(spec, {
    firstFactors: { password: true, emailOtp: true },
    passkeyUserVerification: undefined,
    sesEmail: true,
    featurePlan: spec.props.featurePlan === 'LITE' ? 'ESSENTIALS' : spec.props.featurePlan,
    managedLoginVersion: spec.props.managedLoginVersion === 'CLASSIC_HOSTED_UI' ? undefined : spec.props.managedLoginVersion,
  });
}

/** A spec that has groups (one is added if it has none) on a pool that can take them. */
const grouped = (spec: ApiSpec): ApiSpec => (spec.props.userGroups && spec.props.userGroups.length > 0
  ? spec
  : withGroup(withProps(spec, {
    importedPool: undefined,
    domainPrefix: spec.props.importedPool ? spec.props.domainPrefix ?? 'grouped-login' : spec.props.domainPrefix,
    featurePlan: spec.props.featurePlan === 'PLUS' ? 'PLUS' : 'ESSENTIALS',
  }), { name: 'members', scopes: [requested(spec)] }));

/** One group's rule broken at a time: the last group is changed. */
function groupBreakers(): Breaker[] {
  const breakLast = (rule: string, change: (g: UserGroupSpec, spec: ApiSpec) => UserGroupSpec, messageStart: (i: number) => string): Breaker =>
    (spec) => fc.constant(grouped(spec)).map((s) => {
      const groups = s.props.userGroups!;
      const i = groups.length - 1;
      return { rule, spec: withProps(s, { userGroups: [...groups.slice(0, i), change(groups[i], s)] }), messageStart: messageStart(i) };
    });
  return [
    (spec) => fc.constantFrom('', 'two words', 'x'.repeat(129), 'tab\there', 'ж'.repeat(129))
      .chain((name) => breakLast('userGroups name invalid', (g) => ({ ...g, name }), (i) => `userGroups[${i}].name`)(spec)),
    (spec) => fc.constant(grouped(spec)).map((s) => {
      const groups = s.props.userGroups!;
      return {
        rule: 'userGroups name repeated',
        spec: withProps(s, { userGroups: [...groups, { name: groups[0].name, scopes: groups[0].scopes }] }),
        messageStart: `userGroups[${groups.length}].name`,
      };
    }),
    breakLast('userGroups scopes empty', (g) => ({ ...g, scopes: [] }), (i) => `userGroups[${i}].scopes is empty`),
    breakLast('userGroups scope unknown', (g) => ({ ...g, scopes: ['no.such.scope'] }), (i) => `userGroups[${i}].scopes[0]`),
    (spec) => fc.constantFrom(-1, 0.5, Number.NaN, -(2 ** 31))
      .chain((precedence) => breakLast('userGroups precedence invalid', (g) => ({ ...g, precedence }), (i) => `userGroups[${i}].precedence`)(spec)),
    breakLast('userGroups description too long', (g) => ({ ...g, description: 'd'.repeat(2049) }), (i) => `userGroups[${i}].description`),
    // A scope the API has but the browser client never requests: one it leaves out, or a new one.
    (spec) => fc.constant(grouped(spec)).map((s) => {
      const groups = s.props.userGroups!;
      const requestedNames = s.props.clientScopes ?? scopeNames(s);
      const left = scopeNames(s).find((n) => !requestedNames.includes(n));
      const i = groups.length - 1;
      const withLeft = left !== undefined ? s : withProps(s, {
        scopes: [...s.props.scopes, { name: 'never.requested', description: 'not requested' }],
        clientScopes: requestedNames,
      });
      return {
        rule: 'userGroups scope the browser client never requests',
        spec: withProps(withLeft, { userGroups: [...groups.slice(0, i), { ...groups[i], scopes: [left ?? 'never.requested'] }] }),
        messageStart: `userGroups[${i}].scopes[0]`,
      };
    }),
  ];
}

/** The spec without the scope `name` anywhere but in `scopes`: methods and clients use the others. */
function withoutScope(spec: ApiSpec, name: string): ApiSpec {
  const others = (scopes: string[]) => scopes.filter((s) => s !== name);
  return {
    ...spec,
    props: { ...spec.props, clientScopes: spec.props.clientScopes && others(spec.props.clientScopes) },
    methods: spec.methods.map((m) => (m.scopes.length > 0 && others(m.scopes).length === 0
      ? { httpMethod: m.httpMethod, path: m.path, scopes: [], allowUnauthenticated: true }
      : { ...m, scopes: others(m.scopes) })),
    machineClients: spec.machineClients.filter((c) => others(c.scopes).length > 0).map((c) => ({ ...c, scopes: others(c.scopes) })),
  };
}

/** A valid spec with exactly one of the README's rules broken, and what the error must name. */
export const invalidCase: fc.Arbitrary<InvalidCase> = fc.tuple(validSpec, fc.integer({ min: 0, max: BREAKERS.length - 1 }))
  .chain(([spec, i]) => BREAKERS[i](spec));

/** How many rules `invalidCase` breaks, one at a time. */
export const BREAKER_COUNT = BREAKERS.length;

/** A valid spec with rule number `i` (of `BREAKER_COUNT`) broken. */
export function invalidCaseOf(i: number): fc.Arbitrary<InvalidCase> {
  return validSpec.chain(BREAKERS[i]);
}

// ---------------------------------------------------------------------------------------------
// The HTTP construct: the same Cognito half and routes, without the REST-only props

/** The props only the REST construct has. */
const REST_ONLY: Array<keyof PropsSpec> = ['stageName', 'webAclArn', 'executionLoggingLevel', 'cloudWatchRole', 'clientCertificateId', 'restApiName',
  'methodsInNestedStacks', 'nestedStacksPerFirstSegment'];

/** A spec for the HTTP construct: the REST-only props left out, the REST API's name as the HTTP API's. */
export function toHttpSpec(spec: ApiSpec): ApiSpec {
  const props: Record<string, unknown> = { ...spec.props, apiName: spec.props.restApiName };
  REST_ONLY.forEach((name) => delete props[name]);
  return { ...spec, front: 'HTTP', props: props as unknown as PropsSpec };
}

/** A valid spec for the HTTP construct, by every rule of the README's table. */
export const validHttpSpec: fc.Arbitrary<ApiSpec> = validSpec.map(toHttpSpec);

/** The rules the HTTP construct has too: all but the REST-only props', with addRoute for addMethod in the messages. */
const HTTP_BREAKERS: Breaker[] = BREAKERS.filter((breaker) => !REST_ONLY_BREAKERS.has(breaker)).map((breaker) => (spec: ApiSpec) => breaker(spec)
  .map((c) => ({
    ...c,
    spec: { ...c.spec, front: 'HTTP' as const },
    messageStart: c.messageStart.replace(/^addMethod /, 'addRoute '),
  })));

/** A valid HTTP spec with exactly one of the rules broken, and what the error must name. */
export const invalidHttpCase: fc.Arbitrary<InvalidCase> = fc.tuple(validHttpSpec, fc.integer({ min: 0, max: HTTP_BREAKERS.length - 1 }))
  .chain(([spec, i]) => HTTP_BREAKERS[i](spec));

/** How many rules `invalidHttpCase` breaks, one at a time. */
export const HTTP_BREAKER_COUNT = HTTP_BREAKERS.length;

/** A valid HTTP spec with rule number `i` (of `HTTP_BREAKER_COUNT`) broken. */
export function invalidHttpCaseOf(i: number): fc.Arbitrary<InvalidCase> {
  return validHttpSpec.chain(HTTP_BREAKERS[i]);
}
