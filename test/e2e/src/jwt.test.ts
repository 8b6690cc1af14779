/**
 * The HTTP API stand-in's JWT authorizer on its own (`npm test` here), with tokens signed by a test
 * key: each rule API Gateway documents refuses the token that breaks it, with API Gateway's status,
 * body and `www-authenticate` header, and lets the token that keeps every rule in.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { authorizeJwt, scopesOf, type JwtConfiguration } from './jwt.js';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test';
const CLIENT = 'browserclient';
const MACHINE = 'machineclient';
const READ = 'api/read';
const ADMIN = 'api/admin';
const CONFIG: JwtConfiguration = { issuer: ISSUER, audience: [CLIENT, MACHINE] };
const NOW = new Date('2026-12-01T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: JWK;
const keysOf = (issuer: string) => (issuer === ISSUER ? createLocalJWKSet({ keys: [jwks] }) : undefined);

/** A Cognito access token: `client_id`, no `aud`, the read scope, valid for an hour from NOW. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    sub: 'user-1',
    client_id: CLIENT,
    token_use: 'access',
    scope: `openid ${READ}`,
    iat: seconds(NOW) - 60,
    exp: seconds(NOW) + 3600,
    ...overrides,
  };
}

async function sign(payload: JWTPayload, options: { key?: CryptoKey; kid?: string } = {}): Promise<string> {
  const kid = 'kid' in options ? options.kid : 'key-1';
  const header = kid === undefined ? { alg: 'RS256' } : { alg: 'RS256', kid };
  const key = options.key ?? privateKey;
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

const authorize = (identity: string | undefined, scopes = [READ], config = CONFIG) => authorizeJwt(identity, config, scopes, keysOf, NOW);

async function assertUnauthorized(identity: string | undefined, description: string, scopes = [READ], config = CONFIG) {
  const result = await authorize(identity, scopes, config);
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.status, 401);
  assert.equal(result.body, '{"message":"Unauthorized"}');
  assert.equal(result.headers['www-authenticate'], description === ''
    ? 'Bearer'
    : `Bearer scope="" error="invalid_token" error_description="${description}"`);
}

before(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  jwks = { ...await exportJWK(pair.publicKey), kid: 'key-1', alg: 'RS256', use: 'sig' };
  otherKey = (await generateKeyPair('RS256')).privateKey;
});

describe('authorizeJwt', () => {
  it('lets in a Cognito access token, raw, whose client_id is in the audience and which has one of the route\'s scopes', async () => {
    const result = await authorize(await sign(claims()), [ADMIN, READ]);
    assert.ok(result.ok);
    assert.equal(result.claims.client_id, CLIENT);
  });

  it('lets in the same token prefixed with "Bearer "', async () => {
    assert.ok((await authorize(`Bearer ${await sign(claims())}`)).ok);
  });

  it('lets in any valid token on a route without scopes', async () => {
    assert.ok((await authorize(await sign(claims({ scope: 'openid' })), [])).ok);
  });

  it('lets in a machine client listed in the audience', async () => {
    assert.ok((await authorize(await sign(claims({ client_id: MACHINE })))).ok);
  });

  it('refuses a request without a token', async () => {
    await assertUnauthorized(undefined, '');
    await assertUnauthorized('', '');
  });

  it('refuses what is not a JWT', async () => {
    await assertUnauthorized('Bearer not-a-jwt', 'the token is not a JWT');
  });

  it('refuses another prefix than "Bearer "', async () => {
    await assertUnauthorized(`Token ${await sign(claims())}`, 'the token is not a JWT');
  });

  it('refuses a token signed by a key that is not the issuer\'s', async () => {
    const result = await authorize(await sign(claims(), { key: otherKey }));
    assert.ok(!result.ok);
    assert.equal(result.status, 401);
    assert.match(result.headers['www-authenticate'], /error="invalid_token" error_description="the token's signature does not verify/);
  });

  it('refuses a token whose kid is not among the issuer\'s keys', async () => {
    await assertUnauthorized(await sign(claims(), { kid: 'key-2' }), 'no key of the issuer\'s jwks_uri has the token\'s kid key-2');
  });

  it('refuses a token without a kid', async () => {
    await assertUnauthorized(await sign(claims(), { kid: undefined }), 'the token has no kid header');
  });

  it('refuses a token of another issuer', async () => {
    await assertUnauthorized(await sign(claims({ iss: `${ISSUER}-other` })), 'the token does not have a valid issuer');
  });

  it('refuses when the authorizer\'s issuer has no keys to fetch', async () => {
    await assertUnauthorized(await sign(claims()), `no signing keys at the jwks_uri of the issuer ${ISSUER}-other`, [READ],
      { ...CONFIG, issuer: `${ISSUER}-other` });
  });

  it('refuses a client that is not in the audience', async () => {
    await assertUnauthorized(await sign(claims({ client_id: 'anotherclient' })), 'the token does not have a valid audience');
    await assertUnauthorized(await sign(claims()), 'the token does not have a valid audience', [READ], { ...CONFIG, audience: [MACHINE] });
  });

  it('evaluates aud, not client_id, when the token has both', async () => {
    await assertUnauthorized(await sign(claims({ aud: 'urn:some:resource' })), 'the token does not have a valid audience');
    assert.ok((await authorize(await sign(claims({ aud: [MACHINE, 'x'], client_id: 'anotherclient' })))).ok);
  });

  it('refuses a token with neither aud nor client_id', async () => {
    await assertUnauthorized(await sign(claims({ client_id: undefined })), 'the token does not have a valid audience');
  });

  it('refuses an expired token, even by a second', async () => {
    await assertUnauthorized(await sign(claims({ exp: seconds(NOW) - 1 })), 'the token has expired');
  });

  it('refuses a token that is not valid yet', async () => {
    await assertUnauthorized(await sign(claims({ nbf: seconds(NOW) + 30 })), 'the token is not valid yet');
  });

  it('refuses a token without expiry', async () => {
    await assertUnauthorized(await sign(claims({ exp: undefined })), 'the token has no expiry');
  });

  it('forbids a valid token without any of the route\'s scopes', async () => {
    const result = await authorize(await sign(claims()), [ADMIN]);
    assert.ok(!result.ok);
    assert.equal(result.status, 403);
    assert.equal(result.body, '{"message":"Forbidden"}');
    assert.equal(result.headers['www-authenticate'],
      `Bearer scope="${ADMIN}" error="insufficient_scope" error_description="the token does not have any of the scopes ${ADMIN}"`);
  });

  it('matches whole scopes, not parts of them', async () => {
    const result = await authorize(await sign(claims({ scope: `${READ}x openid` })));
    assert.ok(!result.ok);
    assert.equal(result.status, 403);
  });
});

describe('scopesOf', () => {
  it('reads the space-separated scope claim', () => {
    assert.deepEqual(scopesOf({ scope: 'a  b/c' }), ['a', 'b/c']);
  });

  it('reads scp as a list or a string when there is no scope', () => {
    assert.deepEqual(scopesOf({ scp: ['a', 'b'] }), ['a', 'b']);
    assert.deepEqual(scopesOf({ scp: 'a b' }), ['a', 'b']);
  });

  it('is empty without either', () => {
    assert.deepEqual(scopesOf({}), []);
  });
});
