import { Token } from 'aws-cdk-lib';

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
    `redirect_uri=${encodeQueryValue(redirectUri)}`,
  ];
  return `${baseUrl}/oauth2/authorize?${query.join('&')}`;
}

/** The token endpoint of a user pool domain. */
export function tokenUrl(baseUrl: string): string {
  return `${baseUrl}/oauth2/token`;
}

/** The sign-out URL of a user pool domain, sending the user to `logoutUri` afterwards. */
export function logoutUrl(baseUrl: string, clientId: string, logoutUri: string): string {
  return `${baseUrl}/logout?client_id=${encodeQueryValue(clientId)}&logout_uri=${encodeQueryValue(logoutUri)}`;
}
