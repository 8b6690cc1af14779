/**
 * The HTTP API stand-in's routing, CORS and Lambda answers on their own (`npm test` here); its JWT
 * authorizer has tests of its own (jwt.test.ts). The end-to-end run checks it against the
 * synthesized template.
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ApiRequestLog } from './api.js';
import { findRoute, lambdaAnswer, originAllowed, startHttpApi } from './http-api.js';
import type { CorsModel, HttpApiModel, HttpRouteModel } from './http-model.js';

let functions = 0;
/** A Lambda integration of a function of its own (the stand-in keeps one handler a function). */
const integration = (answer: string) => ({
  logicalId: 'Integration',
  functionId: `Fn${++functions}`,
  code: `exports.handler = async (event) => (${answer});`,
  handlerExport: 'handler',
});
const route = (routeKey: string, extra: Partial<HttpRouteModel> = {}): HttpRouteModel => {
  const [method, path = ''] = routeKey === '$default' ? ['$default'] : routeKey.split(' ');
  return { logicalId: routeKey, routeKey, method, path, scopes: [], integration: integration(`{ statusCode: 200, body: event.routeKey }`), ...extra };
};
const CORS: CorsModel = {
  allowOrigins: ['https://app.example'],
  allowMethods: ['GET'],
  allowHeaders: ['authorization'],
  exposeHeaders: [],
  maxAge: 600,
  allowCredentials: false,
};

describe('findRoute', () => {
  const routes = [
    route('GET /items'),
    route('GET /items/{id}'),
    route('ANY /items/{id}'),
    route('GET /items/special'),
    route('GET /files/{path+}'),
    route('$default'),
  ];
  const key = (method: string, path: string) => findRoute(routes, method, path)?.routeKey;

  it('takes the literal path over a parameter, and a method over ANY', () => {
    assert.equal(key('GET', '/items/special'), 'GET /items/special');
    assert.equal(key('GET', '/items/7'), 'GET /items/{id}');
    assert.equal(key('DELETE', '/items/7'), 'ANY /items/{id}');
  });

  it('matches a greedy parameter with one segment or more', () => {
    assert.equal(key('GET', '/files/a/b/c'), 'GET /files/{path+}');
    assert.equal(key('GET', '/files'), '$default');
  });

  it('gives what no route matches to $default, or nothing without one', () => {
    assert.equal(key('POST', '/items'), '$default');
    assert.equal(findRoute(routes.slice(0, 1), 'GET', '/other'), undefined);
  });
});

describe('originAllowed', () => {
  it('allows the origins listed, * and a scheme wildcard, nothing else', () => {
    assert.equal(originAllowed(CORS, 'https://app.example'), true);
    assert.equal(originAllowed(CORS, 'https://app.example:8443'), false);
    assert.equal(originAllowed({ ...CORS, allowOrigins: ['*'] }, 'http://any'), true);
    assert.equal(originAllowed({ ...CORS, allowOrigins: ['https://*'] }, 'https://any.example'), true);
    assert.equal(originAllowed({ ...CORS, allowOrigins: ['https://*'] }, 'http://any.example'), false);
  });
});

describe('lambdaAnswer', () => {
  it('takes statusCode, headers and body of a format 2.0 answer', () => {
    assert.deepEqual(lambdaAnswer({ statusCode: 201, headers: { 'X-A': 1 }, body: 'made' }), { status: 201, headers: { 'x-a': '1' }, body: 'made' });
  });

  it('makes each cookie a set-cookie header', () => {
    assert.deepEqual(lambdaAnswer({ statusCode: 200, cookies: ['a=1', 'b=2'] }).headers, { 'set-cookie': ['a=1', 'b=2'] });
  });

  it('makes any other answer a 200 JSON body', () => {
    assert.deepEqual(lambdaAnswer({ hello: 'world' }), { status: 200, headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' });
  });

  it('decodes a base64 body', () => {
    assert.equal(String(lambdaAnswer({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }).body), 'hi');
  });
});

describe('startHttpApi', () => {
  let stop: () => Promise<void>;
  let base: string;
  const log: ApiRequestLog[] = [];
  const model: HttpApiModel = {
    apiId: 'api',
    stageName: '$default',
    stagePrefix: '',
    cors: CORS,
    routes: [
      route('GET /public', { integration: integration(`{ statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: 'public' }`) }),
      route('GET /private', { authorizer: { logicalId: 'Auth', issuer: 'https://issuer.example/pool', audience: ['client'], header: 'authorization' }, scopes: ['api/read'] }),
      route('GET /broken', { integration: integration(`(() => { throw new Error('boom'); })()`) }),
    ],
  };

  before(async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    base = `http://127.0.0.1:${port}`;
    stop = await startHttpApi(model, port, () => undefined, log);
  });
  after(() => stop());

  it('answers a preflight itself, with the CORS configuration, to an allowed origin', async () => {
    const response = await fetch(`${base}/private`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET');
    assert.equal(response.headers.get('access-control-allow-headers'), 'authorization');
    assert.equal(response.headers.get('access-control-max-age'), '600');
  });

  it('answers a preflight from another origin without CORS headers', async () => {
    const response = await fetch(`${base}/private`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  it('refuses a request without a token with 401, readable by an allowed origin', async () => {
    const response = await fetch(`${base}/private`, { headers: { origin: 'https://app.example' } });
    assert.equal(response.status, 401);
    assert.equal(await response.text(), '{"message":"Unauthorized"}');
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(log.at(-1)?.reason, 'no token in the identity source');
  });

  it('refuses a token when nobody serves the issuer\'s keys', async () => {
    const response = await fetch(`${base}/private`, { headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.e30.sig' } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /no signing keys at the jwks_uri of the issuer https:\/\/issuer\.example\/pool/);
  });

  it('runs the function of a public route, and replaces its CORS headers with the configuration\'s', async () => {
    const allowed = await fetch(`${base}/public`, { headers: { origin: 'https://app.example' } });
    assert.equal(await allowed.text(), 'public');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example');
    const other = await fetch(`${base}/public`, { headers: { origin: 'https://evil.example' } });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('answers 500 when the function throws, and 404 where no route is', async () => {
    const broken = await fetch(`${base}/broken`);
    assert.equal(broken.status, 500);
    assert.equal(await broken.text(), '{"message":"Internal Server Error"}');
    const missing = await fetch(`${base}/nothing`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '{"message":"Not Found"}');
  });
});
