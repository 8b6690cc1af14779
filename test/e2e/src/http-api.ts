/**
 * The HTTP API stand-in: serves the template's HTTP API stage (http-model.ts) as API Gateway
 * documents it. The facts it follows:
 *
 * Routing ("Working with routes for HTTP APIs"): a route key is `<METHOD> <path>` or `$default`;
 * `{name}` matches one path segment, `{name+}` the rest (greedy, last segment only); `ANY` matches
 * every method; the most specific route wins (a method over `ANY`, a literal segment over a
 * parameter, a parameter over a greedy one); `$default` takes what no route matches; with no match,
 * `404 {"message":"Not Found"}`. The `$default` stage has no path prefix; another stage's name is one.
 *
 * Authorization: a route with `AuthorizationType` `JWT` runs its authorizer (jwt.ts), else the
 * integration runs without one (`NONE`).
 *
 * CORS ("Configure CORS for HTTP APIs"): with a CORS configuration, API Gateway answers preflight
 * `OPTIONS` requests itself, even without an `OPTIONS` route (but the `$default` route catches
 * `OPTIONS` requests too: a preflight there runs that route, authorizer included); it adds the
 * configured CORS headers to the responses, and ignores CORS headers from the integration. The
 * request must have an `Origin` header to get CORS headers (a preflight also an
 * `Access-Control-Request-Method`). `AllowOrigins` entries are origins, `*`, or `https://*` /
 * `http://*` (any origin of that scheme). The stand-in sends `Access-Control-Allow-Origin` only to an
 * allowed origin, on every answer, the authorizer's refusals included.
 *
 * Lambda proxy integrations, payload format 2.0 ("Create AWS Lambda proxy integrations for HTTP
 * APIs"): the event has `version` 2.0, `routeKey`, `rawPath`, `rawQueryString`, `cookies`, `headers`
 * (lower case, repeated ones joined by commas), `queryStringParameters` (repeated ones joined by
 * commas), `requestContext` (`http.method`, `http.path`, `stage`, `authorizer.jwt.claims` and
 * `.scopes`), `body`. The answer: an object with `statusCode` gives the status, `headers`, `body`
 * (`isBase64Encoded`) and `cookies` (each a `set-cookie` header); anything else (valid JSON
 * without `statusCode`) is a 200 `application/json` body, the answer as JSON. A function that throws gives `500 {"message":"Internal Server Error"}`.
 *
 * Not modelled (refused in http-model.ts, or ignored): other integrations, Lambda authorizers, IAM
 * authorization, request parameter mappings, throttling, access logs, custom domains, mutual TLS.
 */
import * as http from 'node:http';
import * as vm from 'node:vm';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ApiRequestLog } from './api.js';
import type { CorsModel, HttpApiModel, HttpRouteModel, LambdaIntegrationModel } from './http-model.js';
import { authorizeJwt, scopesOf } from './jwt.js';

interface Answer {
  readonly status: number;
  readonly headers: { [name: string]: string | string[] };
  readonly body: string | Buffer;
  /** Why the request was refused, for the log. */
  readonly reason?: string;
}

const json = (status: number, message: string): Answer => ({
  status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }),
});

/**
 * Starts the stage on `port` at 127.0.0.1. `issuerFor` maps an issuer of the template (a Cognito
 * user pool's) to the local provider's, whose keys are at `<issuer>/.well-known/jwks.json`, or
 * gives undefined where no provider stands in for it (its keys cannot be fetched).
 */
export async function startHttpApi(model: HttpApiModel, port: number, issuerFor: (cognitoIssuer: string) => string | undefined,
  log: ApiRequestLog[]): Promise<() => Promise<void>> {
  const keySets = new Map<string, JWTVerifyGetKey>();
  const served = new Set(model.routes.flatMap((r) => (r.authorizer ? [issuerFor(r.authorizer.issuer)] : []))
    .filter((issuer): issuer is string => issuer !== undefined));
  const keysOf = (issuer: string) => {
    if (!served.has(issuer)) {
      return undefined;
    }
    if (!keySets.has(issuer)) {
      keySets.set(issuer, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)));
    }
    return keySets.get(issuer);
  };
  const handlers = new Map<string, (event: unknown) => Promise<unknown>>();

  const server = http.createServer((req, res) => {
    readBody(req).then((body) => answer(req, body)).then(({ status, headers, body, reason }) => {
      log.push({ method: req.method!, path: req.url!, origin: req.headers.origin, status, reason });
      res.writeHead(status, headers).end(body);
    }, (error: Error) => {
      console.log(`  HTTP API stand-in error on ${req.method} ${req.url}: ${error.message}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    });
  });

  async function answer(req: http.IncomingMessage, body: Buffer): Promise<Answer> {
    const url = new URL(req.url!, 'http://localhost');
    const origin = header(req, 'origin');
    const preflight = req.method === 'OPTIONS' && origin !== undefined && header(req, 'access-control-request-method') !== undefined;
    const inStage = model.stagePrefix === '' || url.pathname === model.stagePrefix || url.pathname.startsWith(`${model.stagePrefix}/`);
    const path = inStage ? url.pathname.slice(model.stagePrefix.length) || '/' : undefined;
    const route = path === undefined ? undefined : findRoute(model.routes, req.method!, path);

    let result: Answer;
    if (model.cors && preflight && route?.method !== '$default' && route?.method !== 'OPTIONS') {
      return preflightAnswer(model.cors, origin, req);
    }
    if (!route) {
      result = json(404, 'Not Found');
    } else {
      result = await run(route, req, url, body);
    }
    return model.cors ? withCors(model.cors, origin, result) : result;
  }

  async function run(route: HttpRouteModel, req: http.IncomingMessage, url: URL, body: Buffer): Promise<Answer> {
    let claims: JWTPayload | undefined;
    if (route.authorizer) {
      const configured = route.authorizer.issuer;
      const result = await authorizeJwt(header(req, route.authorizer.header),
        { issuer: issuerFor(configured) ?? configured, audience: route.authorizer.audience }, route.scopes, keysOf);
      if (!result.ok) {
        return { status: result.status, headers: { 'content-type': 'application/json', ...result.headers }, body: result.body, reason: result.reason };
      }
      claims = result.claims;
    }
    const event = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      cookies: header(req, 'cookie')?.split(/;\s*/),
      queryStringParameters: url.search ? Object.fromEntries([...new Set(url.searchParams.keys())]
        .map((name) => [name, url.searchParams.getAll(name).join(',')])) : undefined,
      headers: Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value ?? ''])),
      requestContext: {
        accountId: '123456789012',
        apiId: model.apiId,
        authorizer: claims && {
          jwt: {
            // API Gateway hands the claims on as strings.
            claims: Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)])),
            scopes: route.scopes.length > 0 ? scopesOf(claims) : null,
          },
        },
        domainName: header(req, 'host') ?? '',
        http: { method: req.method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress, userAgent: header(req, 'user-agent') ?? '' },
        requestId: `e2e-${Date.now()}`,
        routeKey: route.routeKey,
        stage: model.stageName,
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
      body: body.length > 0 ? body.toString('base64') : undefined,
      isBase64Encoded: body.length > 0,
    };
    try {
      return lambdaAnswer(await handlerOf(route.integration)(event));
    } catch (error) {
      console.log(`  HTTP API stand-in: ${route.routeKey}: the function ${route.integration.functionId} failed: ${(error as Error).message}`);
      return json(500, 'Internal Server Error');
    }
  }

  /** The function's handler: its inline code run as the module `index`, in a context of its own. */
  function handlerOf(integration: LambdaIntegrationModel): (event: unknown) => Promise<unknown> {
    let handler = handlers.get(integration.functionId);
    if (!handler) {
      const module = { exports: {} as { [name: string]: unknown } };
      vm.runInNewContext(integration.code, { module, exports: module.exports, console }, { filename: `${integration.functionId}/index.js` });
      const exported = module.exports[integration.handlerExport];
      if (typeof exported !== 'function') {
        throw new Error(`the inline code of ${integration.functionId} exports no function ${integration.handlerExport}`);
      }
      handler = async (event) => (exported as (event: unknown) => unknown)(event);
      handlers.set(integration.functionId, handler);
    }
    return handler;
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The route for `method` and `path`: the most specific match, else `$default`. */
export function findRoute(routes: HttpRouteModel[], method: string, path: string): HttpRouteModel | undefined {
  const parts = path.split('/').filter(Boolean);
  /** How specific `route` is for this request (higher wins), or undefined if it does not match. */
  const score = (route: HttpRouteModel): number[] | undefined => {
    if (route.method !== method && route.method !== 'ANY') {
      return undefined;
    }
    const wanted = route.path.split('/').filter(Boolean);
    const kinds: number[] = [];
    for (let i = 0; i < wanted.length; i++) {
      const part = wanted[i];
      if (/^\{[^}]+\+\}$/.test(part)) {
        if (i !== wanted.length - 1 || parts.length <= i) {
          return undefined;
        }
        kinds.push(0);
        return [...kinds, route.method === method ? 1 : 0];
      }
      if (parts[i] === undefined || (!/^\{[^}]+\}$/.test(part) && part !== parts[i])) {
        return undefined;
      }
      kinds.push(/^\{/.test(part) ? 1 : 2);
    }
    return wanted.length === parts.length ? [...kinds, 3, route.method === method ? 1 : 0] : undefined;
  };
  let best: { route: HttpRouteModel; score: number[] } | undefined;
  for (const route of routes.filter((r) => r.method !== '$default')) {
    const s = score(route);
    if (s && (!best || compare(s, best.score) > 0)) {
      best = { route, score: s };
    }
  }
  return best?.route ?? routes.find((r) => r.method === '$default');
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/** Whether `origin` is one `AllowOrigins` admits: itself, `*`, or `<scheme>://*`. */
export function originAllowed(cors: CorsModel, origin: string): boolean {
  return cors.allowOrigins.some((allowed) => allowed === origin || allowed === '*'
    || (/^https?:\/\/\*$/.test(allowed) && origin.startsWith(allowed.slice(0, -1))));
}

function allowOriginValue(cors: CorsModel, origin: string): string {
  return cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;
}

function preflightAnswer(cors: CorsModel, origin: string | undefined, req: http.IncomingMessage): Answer {
  const headers: { [name: string]: string } = {};
  if (origin !== undefined && originAllowed(cors, origin)) {
    headers['access-control-allow-origin'] = allowOriginValue(cors, origin);
    const requested = header(req, 'access-control-request-method') ?? '';
    const methods = cors.allowMethods.includes('*') ? [requested] : cors.allowMethods;
    if (methods.length > 0) {
      headers['access-control-allow-methods'] = methods.join(',');
    }
    const requestedHeaders = header(req, 'access-control-request-headers');
    const allowHeaders = cors.allowHeaders.includes('*') ? (requestedHeaders ? [requestedHeaders] : []) : cors.allowHeaders;
    if (allowHeaders.length > 0) {
      headers['access-control-allow-headers'] = allowHeaders.join(',');
    }
    if (cors.maxAge !== undefined) {
      headers['access-control-max-age'] = String(cors.maxAge);
    }
    if (cors.allowCredentials) {
      headers['access-control-allow-credentials'] = 'true';
    }
  }
  return { status: 204, headers, body: '' };
}

/** The answer with the integration's CORS headers dropped and the configuration's added for an allowed origin. */
function withCors(cors: CorsModel, origin: string | undefined, answer: Answer): Answer {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !/^access-control-/i.test(name)));
  if (origin !== undefined && originAllowed(cors, origin)) {
    headers['access-control-allow-origin'] = allowOriginValue(cors, origin);
    if (cors.exposeHeaders.length > 0) {
      headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    }
    if (cors.allowCredentials) {
      headers['access-control-allow-credentials'] = 'true';
    }
  }
  return { ...answer, headers };
}

/** A payload format 2.0 answer as API Gateway turns it into a response. */
export function lambdaAnswer(result: unknown): Answer {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const r = result as { statusCode: unknown; headers?: { [name: string]: unknown }; body?: unknown; isBase64Encoded?: boolean; cookies?: string[] };
    const headers: { [name: string]: string } = Object.fromEntries(Object.entries(r.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
    const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
    return {
      status: Number(r.statusCode),
      // Each cookie its own set-cookie header.
      headers: { ...headers, ...(r.cookies?.length ? { 'set-cookie': r.cookies } : {}) },
      body: r.isBase64Encoded ? Buffer.from(body, 'base64') : body,
    };
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
}
