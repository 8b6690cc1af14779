/**
 * fast-check generators of the construct's input, following the README's "Checked before you
 * deploy" table: every generated `ApiSpec` is valid by those rules, and `invalidCase` breaks
 * exactly one of them.
 *
 * A spec is plain JSON (durations in minutes, enums by name), so that fast-check can print a
 * failing case and a reader can paste it into a test; `buildApi` turns it into the construct.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as fc from 'fast-check';
import { ProtectedApiWithCognito } from '../../src';

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
}

export interface ApiSpec {
  readonly props: PropsSpec;
  readonly methods: MethodSpec[];
  readonly machineClients: MachineClientSpec[];
}

/** The HTTP methods addMethod takes. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The construct, with its methods and machine clients, in `stack`. */
export function buildApi(stack: Stack, spec: ApiSpec, id = 'Api'): ProtectedApiWithCognito {
  const p = spec.props;
  const minutes = (m?: number) => (m === undefined ? undefined : Duration.minutes(m));
  const certificate = p.customDomainName === undefined && p.certificateRegion === undefined ? undefined
    : acm.Certificate.fromCertificateArn(stack, `${id}Certificate`,
      `arn:aws:acm:${p.certificateRegion ?? 'us-east-1'}:123456789012:certificate/11111111-2222-3333-4444-555555555555`);
  const api = new ProtectedApiWithCognito(stack, id, {
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
    corsAllowOrigins: p.corsAllowOrigins,
    stageName: p.stageName,
    throttlingRateLimit: p.throttlingRateLimit,
    throttlingBurstLimit: p.throttlingBurstLimit,
    webAclArn: p.webAclArn,
    managedLoginVersion: p.managedLoginVersion && cognito.ManagedLoginVersion[p.managedLoginVersion],
    featurePlan: p.featurePlan && cognito.FeaturePlan[p.featurePlan],
    mfa: p.mfa && cognito.Mfa[p.mfa],
    removalPolicy: p.removalPolicy && RemovalPolicy[p.removalPolicy],
    executionLoggingLevel: p.executionLoggingLevel && apigateway.MethodLoggingLevel[p.executionLoggingLevel],
    selfSignUpEnabled: p.selfSignUpEnabled,
    allowUserPasswordAuth: p.allowUserPasswordAuth,
    tracingEnabled: p.tracingEnabled,
    cloudWatchRole: p.cloudWatchRole,
    userPoolName: p.userPoolName,
    restApiName: p.restApiName,
  });
  for (const m of spec.methods) {
    api.addMethod(m.httpMethod, m.path, { scopes: m.scopes, allowUnauthenticated: m.allowUnauthenticated });
  }
  for (const c of spec.machineClients) {
    api.addMachineClient(c.id, { scopes: c.scopes, accessTokenValidity: minutes(c.accessTokenMinutes) });
  }
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
}).chain((base) => {
  const names = base.scopes.map((s) => s.name);
  const clientScopes = names.length > 49
    ? fc.shuffledSubarray(names, { maxLength: 49 })
    : optional(fc.shuffledSubarray(names));
  return fc.tuple(clientScopes, fc.array(fc.tuple(subset(names, 50), optional(minutesBetween(5, MINUTES_PER_DAY))), { maxLength: 2 }))
    .chain(([client, machines]) => {
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
      return fc.tuple(firstMethod, fc.array(method, { maxLength: 5 })).map(([first, rest]): ApiSpec => ({
        props: {
          ...base.domain,
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
          managedLoginVersion: base.managedLoginVersion,
          featurePlan: base.featurePlan,
          mfa: base.mfa,
          removalPolicy: base.removalPolicy,
          executionLoggingLevel: base.executionLoggingLevel,
          selfSignUpEnabled: base.selfSignUpEnabled,
          allowUserPasswordAuth: base.allowUserPasswordAuth,
          tracingEnabled: base.tracingEnabled,
          cloudWatchRole: base.cloudWatchRole,
          userPoolName: base.userPoolName,
          restApiName: base.restApiName,
        },
        methods: consistentMethods([first, ...rest]),
        machineClients: machines.map(([scopes, minutes], i) => ({ id: `Machine${i}`, scopes, accessTokenMinutes: minutes })),
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

const BREAKERS: Breaker[] = [
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
  prop('resourceServerIdentifier forbidden character', 'resourceServerIdentifier',
    fc.tuple(resourceServerIdentifier, fc.constantFrom(' ', '"', '\\', 'é', '\t')).map(([id, c]) => (id + c).slice(-256))),
  prop('resourceServerIdentifier empty', 'resourceServerIdentifier', fc.constant('')),
  prop('resourceServerIdentifier too long', 'resourceServerIdentifier', fc.string({ unit: chars(ALNUM), minLength: 257, maxLength: 300 })),
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
  prop('stageName invalid', 'stageName', fc.oneof(
    fc.constant(''), fc.string({ unit: chars(ALNUM), minLength: 129, maxLength: 140 }),
    fc.tuple(stageName, fc.constantFrom('.', '/', ' ', 'é', '$')).map(([s, c]) => s.slice(0, 127) + c),
  )),
  prop('throttlingRateLimit not above 0', 'throttlingRateLimit', fc.oneof(fc.constantFrom(0, -1, Number.NaN), fc.double({ max: 0, noNaN: true }))),
  prop('throttlingBurstLimit not a whole number above 0', 'throttlingBurstLimit', fc.oneof(
    fc.constantFrom(0, -5, 1.5, Number.NaN, Infinity), fc.double({ min: 0.01, max: 1000, noNaN: true }).filter((n) => !Number.isInteger(n)))),
  prop('webAclArn not a regional WAFv2 ACL', 'webAclArn', fc.oneof(
    webAclArn.map((arn) => arn.replace(':regional/', ':global/')),
    webAclArn.map((arn) => arn.replace(':wafv2:', ':waf-regional:')),
    fc.constantFrom('', 'my-acl', 'arn:aws:wafv2:us-east-1:123:regional/webacl/x/y'),
  )),
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
  // Checked once the app is complete: a demanded scope no client can obtain.
  (spec) => fc.constant({
    rule: 'method scope no client can obtain',
    spec: {
      ...withProps(spec, { clientScopes: [] }),
      machineClients: [],
      methods: [{ httpMethod: 'GET', path: '/', scopes: [scopeNames(spec)[0]] }],
    },
    messageStart: 'GET / demands',
  }),
];

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
