import { Token } from 'aws-cdk-lib';
import { RouteRegistry } from '../../src/private/routes';

const registry = () => new RouteRegistry(['read', 'write'], 'addRoute');

describe('RouteRegistry.check', () => {
  test('gives the method in upper case, the path\'s parts, the key and the call', () => {
    expect(registry().check('get', '/orders/{orderId}', { scopes: ['read'] })).toEqual({
      httpMethod: 'GET',
      path: '/orders/{orderId}',
      parts: ['orders', '{orderId}'],
      key: 'GET /orders/{orderId}',
      call: 'addRoute GET /orders/{orderId}',
      scopes: ['read'],
      allowUnauthenticated: false,
    });
    expect(registry().check('ANY', '/', { allowUnauthenticated: true }).parts).toEqual([]);
  });

  test('names the front\'s call in its messages', () => {
    expect(() => registry().check('FETCH', '/a', { scopes: ['read'] })).toThrow(
      'addRoute "FETCH" /a: httpMethod "FETCH" is invalid: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY');
    expect(() => registry().check('GET', 'a', { scopes: ['read'] })).toThrow('addRoute GET a: path "a" is invalid');
    expect(() => registry().check('GET', '/a', { scopes: ['admin'] })).toThrow(
      'addRoute GET /a: scope "admin" is not one of the API\'s scopes (read, write)');
    expect(() => registry().check('GET', '/a', {})).toThrow('addRoute GET /a: no scopes given');
  });

  test('leaves a path that is a token unparsed', () => {
    const path = Token.asString({ Ref: 'Path' });
    expect(registry().check('GET', path, { scopes: ['read'] }).parts).toBeUndefined();
  });
});

describe('RouteRegistry.add', () => {
  test('fails when the same method and path come twice', () => {
    const routes = registry();
    routes.add(routes.check('GET', '/a', { scopes: ['read'] }));
    expect(() => routes.add(routes.check('get', '/a', { scopes: ['write'] }))).toThrow(
      'addRoute GET /a: GET /a is already defined (by addRoute GET /a); add each method and path once');
  });

  test('fails when two variable parts under one parent have different names', () => {
    const routes = registry();
    routes.add(routes.check('GET', '/orders/{orderId}', { scopes: ['read'] }));
    expect(() => routes.add(routes.check('PUT', '/orders/{id}', { scopes: ['write'] }))).toThrow(
      'addRoute PUT /orders/{id}: path part "{id}" clashes with "{orderId}" under /orders');
  });

  test('keeps every route in order, token paths included', () => {
    const routes = registry();
    const path = Token.asString({ Ref: 'Path' });
    routes.add(routes.check('GET', '/a', { scopes: ['read'] }));
    routes.add(routes.check('GET', path, { scopes: ['read'] }));
    routes.add(routes.check('GET', path, { scopes: ['read'] }));
    expect(routes.routes.map((r) => r.httpMethod + ' ' + (r.parts ? r.path : 'token'))).toEqual(['GET /a', 'GET token', 'GET token']);
  });
});

test('RouteRegistry.add keeps what the front says of a route\'s callers, for the OpenAPI document', () => {
  const routes = registry();
  const details = { parameters: [{ location: 'query' as const, name: 'page', required: false, repeated: false }], requestBodies: [], responses: [] };
  routes.add(routes.check('GET', '/a', { scopes: ['read'] }), details);
  routes.add(routes.check('GET', '/b', { scopes: ['read'] }));
  expect(routes.routes.map((r) => r.details)).toEqual([details, undefined]);
});

describe('RouteRegistry.validateScopesObtainable', () => {
  test('reports each route none of whose scopes a client can obtain, and no public route', () => {
    const routes = registry();
    routes.add(routes.check('GET', '/a', { scopes: ['read'] }));
    routes.add(routes.check('PUT', '/a', { scopes: ['write', 'read'] }));
    routes.add(routes.check('POST', '/a', { scopes: ['write'] }));
    routes.add(routes.check('GET', '/open', { allowUnauthenticated: true }));
    expect(routes.validateScopesObtainable(new Set(['read']))).toEqual([
      'POST /a demands "write", which no app client can obtain: add one of them to clientScopes, or give it to another app client',
    ]);
    expect(routes.validateScopesObtainable(new Set(['read', 'write']))).toEqual([]);
  });
});
