import { Stack } from 'aws-cdk-lib';
import { CORS_ALLOW_HEADERS, corsConfiguration, corsMethods } from '../../../src/private/http/cors';
import { Route } from '../../../src/private/routes';

function route(httpMethod: string, path = '/a'): Route {
  return { httpMethod, path, key: `${httpMethod} ${path}`, call: `addRoute ${httpMethod} ${path}`, scopes: [], allowUnauthenticated: true };
}

describe('corsMethods', () => {
  test('gives each route\'s method once, in the order first added', () => {
    expect(corsMethods([route('POST'), route('GET'), route('POST', '/b'), route('DELETE')])).toEqual(['POST', 'GET', 'DELETE']);
  });

  test('gives * when a route answers ANY', () => {
    expect(corsMethods([route('GET'), route('ANY', '/b')])).toEqual(['*']);
  });

  test('gives none without routes', () => {
    expect(corsMethods([])).toEqual([]);
  });
});

describe('corsConfiguration', () => {
  test('is none without origins', () => {
    expect(corsConfiguration([], () => [route('GET')])).toBeUndefined();
  });

  test('allows the origins, the bearer token and a body\'s type, and the methods of the routes at synth', () => {
    const routes: Route[] = [route('GET')];
    const config = corsConfiguration(['https://app.example.com'], () => routes)!;
    routes.push(route('PUT', '/b'));
    expect(CORS_ALLOW_HEADERS).toEqual(['Authorization', 'Content-Type']);
    expect(new Stack().resolve(config)).toEqual({
      allowOrigins: ['https://app.example.com'],
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'PUT'],
    });
  });
});
