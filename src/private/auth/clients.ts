import { Duration, Lazy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CognitoSettings } from './settings';
import { givenPoolOffersChoice } from './sign-in-policy';
import { AdoptedPool } from './user-pool';
import { MachineClientOptions } from '../../options';
import { ApiScope } from '../../scope';
import { fail, isToken, show } from '../errors';
import { fullScopeName, resourceServerName } from '../naming';

/*
 * The API's scopes on the pool and the app clients that obtain them: the resource server, the
 * public browser client, the machine clients, and which scopes each client can get; and the
 * rules of the props they are made from.
 *
 * Sources, in the Amazon Cognito API reference and developer guide:
 * - CreateUserPoolClient: CallbackURLs/LogoutURLs hold at most 100 URLs of 1-1024 characters of
 *   `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`; a redirect URI is absolute, has no fragment, and uses HTTPS
 *   except `http://localhost`; app schemes such as `myapp://` are allowed. AllowedOAuthScopes
 *   holds at most 50 scopes. Access and ID tokens live 5 minutes to 1 day, refresh tokens
 *   60 minutes to 10 years (3650 days).
 * - CreateResourceServer: Identifier is 1-256 of `[\x21\x23-\x5B\x5D-\x7E]+`; at most 100 scopes;
 *   ScopeName is 1-256 of `[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+`; ScopeDescription is 1-256.
 */

/** How long an app client's access tokens live unless told otherwise. */
export const DEFAULT_ACCESS_TOKEN_VALIDITY = Duration.minutes(60);

/** The API's resource server and its app clients. */
export class ApiClients {
  /** The resource server that defines the API's scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;
  /** The public browser client for the authorization-code grant. */
  public readonly webClient: cognito.UserPoolClient;
  /** The scopes the browser client requests: `openid` and the full names of `clientScopes`. */
  public readonly requestedScopes: string[];

  private readonly userPool: cognito.IUserPool;
  private readonly identifier: string;
  private readonly scopeNames: string[];
  private readonly serverScopes: cognito.ResourceServerScope[];
  /** The short names of the scopes each app client can obtain, by client path. */
  private readonly scopesByClient = new Map<cognito.UserPoolClient, string[]>();
  /** Where machine clients live, made by the first one. */
  private machineClients?: Construct;

  /**
   * @param owner the construct that owns the machine clients
   * @param pool the pool, and where its resource server and browser client go
   */
  constructor(private readonly owner: Construct, pool: AdoptedPool, settings: CognitoSettings) {
    this.userPool = pool.userPool;
    this.identifier = settings.resourceServerIdentifier;
    this.scopeNames = settings.scopeNames;
    this.serverScopes = settings.scopes.map((s) => new cognito.ResourceServerScope({
      scopeName: s.name,
      scopeDescription: s.description,
    }));
    this.resourceServer = new cognito.UserPoolResourceServer(pool.childScope, 'ResourceServer', {
      userPool: this.userPool,
      identifier: settings.resourceServerIdentifier,
      userPoolResourceServerName: resourceServerName(settings.resourceServerIdentifier),
      scopes: this.serverScopes,
    });
    this.webClient = this.createWebClient(pool.childScope, settings, settings.passwordless
      || (pool.createdPool === undefined && givenPoolOffersChoice(pool.userPool)));
    this.scopesByClient.set(this.webClient, settings.clientScopes);
    this.requestedScopes = ['openid', ...settings.clientScopes.map((name) => this.fullScopeName(name))];
  }

  /** A scope's name in tokens: `<resourceServerIdentifier>/<name>`. */
  public fullScopeName(name: string): string {
    return fullScopeName(this.identifier, name);
  }

  /** The short names of the scopes that some app client can obtain, machine clients included. */
  public obtainableScopes(): Set<string> {
    return new Set(Array.from(this.scopesByClient.values()).flat());
  }

  /**
   * The short names of the scopes that some machine client can obtain with the client-credentials
   * grant (ask once the app is complete), in the resource server's order.
   */
  public machineClientScopes(): string[] {
    const held = new Set([...this.scopesByClient].filter(([client]) => client !== this.webClient).flatMap(([, names]) => names));
    return this.scopeNames.filter((name) => held.has(name));
  }

  /** The short names of the scopes each app client can obtain, the browser client first. */
  public scopesOfClients(): ReadonlyMap<cognito.UserPoolClient, readonly string[]> {
    return this.scopesByClient;
  }

  /**
   * The id of every app client, the browser client first, resolved at synth: machine clients
   * added later are on it too (e.g. for a JWT authorizer's audience).
   */
  public clientIds(): string[] {
    return Lazy.list({ produce: () => Array.from(this.scopesByClient.keys()).map((c) => c.userPoolClientId) });
  }

  /** See `ProtectedApiWithCognito.addMachineClient`. */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    const where = `addMachineClient ${show(id)}`;
    validateMachineClientScopes(where, options.scopes, this.scopeNames);
    const accessTokenValidity = options.accessTokenValidity ?? DEFAULT_ACCESS_TOKEN_VALIDITY;
    validateTokenValidity(`${where}: accessTokenValidity`, accessTokenValidity);

    this.machineClients ??= new Construct(this.owner, 'MachineClients');
    const client = new cognito.UserPoolClient(this.machineClients, id, {
      userPool: this.userPool,
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: this.oauthScopes(options.scopes),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.scopesByClient.set(client, options.scopes);
    return client;
  }

  /**
   * The public browser client: authorization-code grant only, `openid` and its API scopes;
   * with `userAuth`, the `ALLOW_USER_AUTH` flow that choice-based sign-in needs.
   */
  private createWebClient(parent: Construct, settings: CognitoSettings, userAuth: boolean): cognito.UserPoolClient {
    return new cognito.UserPoolClient(parent, 'WebClient', {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: userAuth
        ? { userPassword: settings.allowUserPasswordAuth, user: true }
        : { userPassword: settings.allowUserPasswordAuth },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, ...this.oauthScopes(settings.clientScopes)],
        callbackUrls: settings.callbackUrls,
        logoutUrls: settings.logoutUrls.length > 0 ? settings.logoutUrls : undefined,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: settings.accessTokenValidity,
      idTokenValidity: settings.idTokenValidity,
      refreshTokenValidity: settings.refreshTokenValidity,
      refreshTokenRotationGracePeriod: settings.refreshTokenRotationGracePeriod,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }

  /** The resource server's scopes among `names`, as OAuth scopes (in the server's order). */
  private oauthScopes(names: string[]): cognito.OAuthScope[] {
    return this.serverScopes
      .filter((s) => names.includes(s.scopeName))
      .map((s) => cognito.OAuthScope.resourceServer(this.resourceServer, s));
  }
}

/** Cognito's per-app-client limit on OAuth scopes. */
const MAX_CLIENT_SCOPES = 50;

/** Cognito's per-resource-server limit on scopes. */
const MAX_SERVER_SCOPES = 100;

/** Cognito's per-app-client limit on callback and sign-out URLs. */
const MAX_URLS = 100;

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

/**
 * Refresh token rotation keeps the used token valid for a grace period of 0 to 60 whole
 * seconds. (Only the browser client rotates: the client-credentials grant issues no refresh token.)
 */
export function validateRefreshTokenRotation(propName: string, gracePeriod: Duration): void {
  const ms = gracePeriod.toMilliseconds();
  if (ms < 0 || ms > 60_000 || ms % 1000 !== 0) {
    fail(`${propName} ${show(gracePeriod.toHumanString())} is invalid: Cognito allows a grace period of 0 to 60 `
      + 'seconds, in whole seconds');
  }
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
