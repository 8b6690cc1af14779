/**
 * The JWT authorizer of an API Gateway HTTP API, as AWS documents it, for the HTTP API stand-in
 * (http-api.ts). What it follows, and where it is written:
 *
 * "Control access to HTTP APIs with JWT authorizers" (apigateway/latest/developerguide/http-api-jwt-authorizer):
 * - the identity source holds the token alone, or the token prefixed with `Bearer `;
 * - the token's algorithm and signature are checked with the public key fetched from the issuer's
 *   `jwks_uri`; only RSA-based algorithms are supported;
 * - `kid`: the token's header must name the key of the `jwks_uri` that signed it;
 * - `iss` must match the authorizer's `Issuer`;
 * - `aud` must match one of the `Audience` entries;
 * - `exp` must be after the current time (UTC), `nbf` before it;
 * - `scope` or `scp`: the token must include at least one of the route's `AuthorizationScopes`;
 * - if any step fails, the request is denied; the claims reach the integration
 *   (`$context.authorizer.claims`; the Lambda event's `requestContext.authorizer.jwt.claims`).
 *
 * "Troubleshooting issues with HTTP API JWT authorizers" (http-api-troubleshooting-jwt):
 * - a refused token gets `401 {"message":"Unauthorized"}` with a `www-authenticate` header such as
 *   `Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"`;
 * - the JWT's `aud` or `client_id` claim must match one of the audience entries; `client_id` is
 *   validated only if `aud` is not present; when both are present, `aud` is evaluated. (Cognito's
 *   access tokens have `client_id` and no `aud`, so every app client that calls must be listed.)
 *
 * RFC 6750 section 3.1: a valid token without the scope the resource demands is `insufficient_scope`,
 * answered with 403. The stand-in answers `403 {"message":"Forbidden"}`, API Gateway's body for a
 * forbidden request (AWS's pages show only the 401 of a JWT authorizer), with a `www-authenticate`
 * header written after RFC 6750's.
 *
 * The stand-in's own choices, where the documentation is silent: a token without `exp` is refused;
 * no clock skew is allowed; a request without a token gets `www-authenticate: Bearer` with no error
 * (RFC 6750 section 3.1); the `error_description`s other than the audience's are this file's words.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** An `AWS::ApiGatewayV2::Authorizer`'s `JwtConfiguration`. */
export interface JwtConfiguration {
  readonly issuer: string;
  readonly audience: string[];
}

export interface Accepted {
  readonly ok: true;
  readonly claims: JWTPayload;
}

export interface Refused {
  readonly ok: false;
  readonly status: 401 | 403;
  readonly headers: { [name: string]: string };
  readonly body: string;
  /** Why, in words, for the test's log (the same as the `error_description`). */
  readonly reason: string;
}

/** API Gateway's JWT authorizers support RSA-based algorithms only. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

const unauthorized = (reason: string, error = 'invalid_token'): Refused => ({
  ok: false,
  status: 401,
  headers: { 'www-authenticate': reason === '' ? 'Bearer' : `Bearer scope="" error="${error}" error_description="${reason}"` },
  body: '{"message":"Unauthorized"}',
  reason: reason || 'no token in the identity source',
});

const forbidden = (routeScopes: string[]): Refused => {
  const reason = `the token does not have any of the scopes ${routeScopes.join(' ')}`;
  return {
    ok: false,
    status: 403,
    headers: { 'www-authenticate': `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="${reason}"` },
    body: '{"message":"Forbidden"}',
    reason,
  };
};

/** The scopes a token grants: `scope` (space-separated, RFC 6749 section 3.3) or `scp` (a list or a space-separated string). */
export function scopesOf(claims: JWTPayload): string[] {
  const raw = claims.scope ?? claims.scp;
  if (Array.isArray(raw)) {
    return raw.filter((s): s is string => typeof s === 'string');
  }
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
}

/**
 * Authorizes one request to a route with a JWT authorizer.
 *
 * @param identity the value of the authorizer's identity source (e.g. the `Authorization` header)
 * @param config the authorizer's issuer and audience, as the template says
 * @param routeScopes the route's `AuthorizationScopes` (empty: any valid token)
 * @param keysOf the issuer's signing keys (its `jwks_uri`), or undefined where nobody serves that issuer's keys
 * @param now the current time
 */
export async function authorizeJwt(identity: string | undefined, config: JwtConfiguration, routeScopes: string[],
  keysOf: (issuer: string) => JWTVerifyGetKey | undefined, now: Date = new Date()): Promise<Accepted | Refused> {
  if (identity === undefined || identity.trim() === '') {
    return unauthorized('');
  }
  const token = identity.startsWith('Bearer ') ? identity.slice('Bearer '.length) : identity;

  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    kid = header.kid;
    if (!header.alg || !RSA_ALGORITHMS.includes(header.alg)) {
      return unauthorized(`the token's algorithm ${header.alg} is not an RSA-based one`);
    }
  } catch {
    return unauthorized('the token is not a JWT');
  }
  if (!kid) {
    return unauthorized('the token has no kid header');
  }
  const keys = keysOf(config.issuer);
  if (!keys) {
    return unauthorized(`no signing keys at the jwks_uri of the issuer ${config.issuer}`);
  }

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, { algorithms: RSA_ALGORITHMS, currentDate: now, clockTolerance: 0 }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return unauthorized('the token has expired');
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
      return unauthorized('the token is not valid yet');
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return unauthorized(`no key of the issuer's jwks_uri has the token's kid ${kid}`);
    }
    return unauthorized(`the token's signature does not verify: ${(error as Error).message}`);
  }

  if (claims.iss !== config.issuer) {
    return unauthorized('the token does not have a valid issuer');
  }
  // `aud` if the token has one, else `client_id`: Cognito's access tokens have no `aud`.
  const audiences = claims.aud === undefined
    ? (typeof claims.client_id === 'string' ? [claims.client_id] : [])
    : (Array.isArray(claims.aud) ? claims.aud : [claims.aud]);
  if (!audiences.some((audience) => config.audience.includes(audience))) {
    return unauthorized('the token does not have a valid audience');
  }
  if (typeof claims.exp !== 'number') {
    return unauthorized('the token has no expiry');
  }
  if (routeScopes.length > 0) {
    const granted = scopesOf(claims);
    if (!routeScopes.some((scope) => granted.includes(scope))) {
      return forbidden(routeScopes);
    }
  }
  return { ok: true, claims };
}
