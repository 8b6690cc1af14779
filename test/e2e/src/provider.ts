/**
 * The OpenID provider stand-in: oidc-provider (a certified implementation), configured from the
 * template's browser client and served on the paths of a Cognito domain: `/oauth2/authorize`,
 * `/oauth2/token`, `/logout`, and the pool's keys at `<issuer>/.well-known/jwks.json`.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { MachineClient } from './machine-clients.js';
import type { LoginModel } from './model.js';

export interface TestUser {
  readonly email: string;
  readonly password: string;
}

/** The one resource every access token is for: the pool's resource servers, as Cognito issues one token for all. */
const RESOURCE = 'urn:e2e:cognito-user-pool';
/** The scopes Cognito defines itself, next to the resource servers' ones. */
const COGNITO_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto}
label,input,button{display:block;width:100%;margin:.3rem 0;font:inherit}input{padding:.3rem}.error{color:#9b1c1c}</style>
</head><body>${body}</body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Starts the provider on `port` at 127.0.0.1 (reached as `http://localhost:<port>`), with
 * `issuer` as its issuer. Resolves to a function that stops it.
 */
export async function startProvider(model: LoginModel, issuer: string, port: number, users: TestUser[],
  machines: MachineClient[] = []): Promise<() => Promise<void>> {
  const accounts = users.map((user) => ({ ...user, sub: randomUUID() }));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...await exportJWK(privateKey), kid: 'e2e-key-1', alg: 'RS256', use: 'sig' };
  const resourceScopes = [...COGNITO_SCOPES, ...model.resourceServerScopes];

  const provider = new Provider(issuer, {
    clients: [{
      client_id: model.clientId,
      redirect_uris: model.callbackUrls,
      post_logout_redirect_uris: model.logoutUrls,
      response_types: ['code'],
      // Cognito also issues refresh tokens; the flow under test does not use them.
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
      scope: model.allowedScopes.join(' '),
    },
    // The machine clients: the client-credentials grant, with their secret in a Basic header.
    ...machines.map((m) => ({
      client_id: m.clientId,
      client_secret: m.clientSecret,
      redirect_uris: [],
      response_types: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic' as const,
      scope: m.scopes.join(' '),
    }))],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    scopes: resourceScopes,
    // Cognito's ID token holds the user's attributes with the openid scope alone.
    claims: { openid: ['sub', 'email', 'email_verified', 'cognito:username', 'token_use'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const account = accounts.find((a) => a.sub === sub);
      return account && {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: true, 'cognito:username': sub, token_use: 'id' }),
      };
    },
    // The claims Cognito puts in access tokens, besides sub, iss, client_id, scope, exp, iat and jti
    // (oidc-provider adds an `aud`, which the token endpoint takes out again: see below).
    // A machine client's token has token_use and no user (its sub is the client id, as Cognito's).
    extraTokenClaims: (ctx, token) => token.kind === 'AccessToken'
      ? { token_use: 'access', username: token.accountId, auth_time: ctx.oidc.session?.authTime() }
      : token.kind === 'ClientCredentials' ? { token_use: 'access' } : undefined,
    // Cognito asks for no consent: the client gets the scopes it asks for among its allowed ones.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      // The resource servers' scopes are provider-wide scopes here too, so that the client's list limits them.
      grant.addOIDCScope(model.allowedScopes.join(' '));
      grant.addResourceScope(RESOURCE, model.allowedScopes.join(' '));
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: {
      AccessToken: model.accessTokenSeconds,
      ClientCredentials: (_ctx, _token, client) => machines.find((m) => m.clientId === client.clientId)?.accessTokenSeconds ?? 3600,
      IdToken: model.idTokenSeconds,
      AuthorizationCode: 300,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
    },
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      end_session: '/logout',
      userinfo: '/oauth2/userInfo',
      revocation: '/oauth2/revoke',
      jwks: `${new URL(issuer).pathname}/.well-known/jwks.json`,
    },
    interactions: { url: (_ctx, interaction) => `/login/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: machines.length > 0 },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, _resource, client) => ({
          scope: resourceScopes.join(' '),
          accessTokenFormat: 'jwt',
          accessTokenTTL: machines.find((m) => m.clientId === client.clientId)?.accessTokenSeconds ?? model.accessTokenSeconds,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
      rpInitiatedLogout: {
        enabled: true,
        // Cognito's /logout asks nothing: confirm at once.
        logoutSource: (ctx, form) => {
          ctx.body = page('Signing out', `${form}<script>const f = document.forms[0];
            f.insertAdjacentHTML('beforeend', '<input type="hidden" name="logout" value="yes">'); f.submit();</script>`);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<p>Signed out.</p>');
        },
      },
    },
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris!.some((uri) => new URL(uri).origin === origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Error', `<h1 class="error">${escape(String(out.error))}</h1><p class="error">${escape(String(out.error_description ?? ''))}</p>`);
    },
  });
  // Errors the provider handles itself show on its pages; say in the log why, for whoever reads a failure.
  const logError = (event: string) => (_ctx: unknown, error: Error & { error_description?: string }) => {
    console.log(`  provider ${event}: ${error.message}${error.error_description ? ` (${error.error_description})` : ''}`);
  };
  provider.on('server_error', logError('server_error'));
  provider.on('authorization.error', logError('authorization.error'));
  provider.on('grant.error', logError('grant.error'));
  provider.on('end_session.error', logError('end_session.error'));
  // Cognito's access tokens have no `aud` (an HTTP API's JWT authorizer then checks `client_id`
  // against its audience, and would check `aud` instead if there were one). oidc-provider will not
  // issue a JWT access token without one: take it out of the token it answers, and sign it again
  // with the same key, with the header Cognito's tokens have (kid and alg).
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { access_token?: unknown } | undefined;
    if (ctx.path === '/oauth2/token' && ctx.status === 200 && typeof body?.access_token === 'string') {
      const { aud: _aud, ...claims } = decodeJwt(body.access_token);
      body.access_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(privateKey);
    }
  });
  const handle = provider.callback();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, issuer);
      if (url.pathname.startsWith('/login/')) {
        return await login(req, res);
      }
      if (url.pathname === '/logout' && req.method === 'GET') {
        // Cognito's sign-out URL says `logout_uri`; oidc-provider's says `post_logout_redirect_uri`.
        const logoutUri = url.searchParams.get('logout_uri');
        url.searchParams.delete('logout_uri');
        if (logoutUri !== null) {
          url.searchParams.set('post_logout_redirect_uri', logoutUri);
        }
        req.url = `${url.pathname}${url.search}`;
      }
      return handle(req, res);
    })().catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    });
  });

  /** Cognito's login page, as far as a test needs it: email and password of a known user. */
  async function login(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    let error = '';
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const account = accounts.find((a) => a.email === form.get('email') && a.password === form.get('password'));
      if (account) {
        await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      error = '<p class="error" role="alert">Incorrect username or password.</p>';
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign in', `
      <h1>Sign in</h1><p>Local stand-in of the Cognito login page (client ${escape(String(details.params.client_id))})</p>${error}
      <form method="post" action="/login/${details.uid}">
        <label>Email address <input name="email" type="email" autocomplete="username" required></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
      </form>`));
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
