import { IFragmentConcatenator, Token, Tokenization } from 'aws-cdk-lib';

/**
 * URL-encodes one query-string value.
 *
 * A token (a value only known at deploy time) cannot be encoded at synth time: it is passed
 * through as it is, which is right for the values CloudFormation gives (ids hold no reserved
 * characters).
 */
export function encodeQueryValue(value: string): string {
  return Token.isUnresolved(value) ? value : encodeURIComponent(value);
}

/** A URL given as a query value, encoded as far as synth time allows. */
export interface EncodedUrl {
  readonly encoded: string;
  /** How many of its parts are only known at deploy time, and so passed through unencoded. */
  readonly deployTimeParts: number;
}

/** Keeps the fragments of a tokenized string apart, in order, instead of joining them. */
const KEEP_FRAGMENTS: IFragmentConcatenator = {
  join: (left: unknown, right: unknown) => [...(Array.isArray(left) ? left : [left]), right],
};

/**
 * URL-encodes a URL that goes into a query string (a `redirect_uri` or `logout_uri`), even when
 * it is built of tokens (e.g. `https://${distribution.domainName}/callback`): each literal part
 * is encoded, and each part only known at deploy time is passed through as it is.
 */
export function encodeUrlQueryValue(url: string): EncodedUrl {
  if (!Token.isUnresolved(url)) {
    return { encoded: encodeURIComponent(url), deployTimeParts: 0 };
  }
  const joined: unknown = Tokenization.reverseString(url).join(KEEP_FRAGMENTS);
  const fragments = Array.isArray(joined) ? joined : [joined];
  const parts = fragments.map((fragment) => typeof fragment === 'string' && !Token.isUnresolved(fragment)
    ? { text: encodeURIComponent(fragment), deployTime: false }
    : { text: Token.asString(fragment), deployTime: true });
  return { encoded: parts.map((p) => p.text).join(''), deployTimeParts: parts.filter((p) => p.deployTime).length };
}

/**
 * The `scope` parameter of an authorize request: scopes separated by one space, each
 * encoded on its own so that a token identifier does not stop the others being encoded.
 */
export function encodeScopeList(scopes: string[]): string {
  return scopes.map(encodeQueryValue).join('%20');
}

/**
 * The hosted login URL that starts the authorization-code flow.
 *
 * @param baseUrl the user pool domain's base URL, without a trailing slash
 */
export function authorizeUrl(baseUrl: string, clientId: string, scopes: string[], redirectUri: string): string {
  const query = [
    `client_id=${encodeQueryValue(clientId)}`,
    'response_type=code',
    `scope=${encodeScopeList(scopes)}`,
    `redirect_uri=${encodeUrlQueryValue(redirectUri).encoded}`,
  ];
  return `${baseUrl}/oauth2/authorize?${query.join('&')}`;
}

/** The authorize endpoint of a user pool domain, without a query: where a client sends users to sign in. */
export function authorizeEndpoint(baseUrl: string): string {
  return `${baseUrl}/oauth2/authorize`;
}

/** The token endpoint of a user pool domain. */
export function tokenUrl(baseUrl: string): string {
  return `${baseUrl}/oauth2/token`;
}

/** The sign-out URL of a user pool domain, sending the user to `logoutUri` afterwards. */
export function logoutUrl(baseUrl: string, clientId: string, logoutUri: string): string {
  return `${baseUrl}/logout?client_id=${encodeQueryValue(clientId)}&logout_uri=${encodeUrlQueryValue(logoutUri).encoded}`;
}
