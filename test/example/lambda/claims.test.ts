import { ClaimsEvent, allowedOrigins, callerOf, corsHeaders, handler } from '../../../example/lambda/claims';

/**
 * An API Gateway REST proxy event (payload 1.0) as a Cognito user pools authorizer passes it on
 * for an access token: the claims under requestContext.authorizer.claims, every value a string.
 * The shape follows API Gateway's "Input format of a Lambda function for proxy integration".
 */
function restEvent(claims: Record<string, string> | undefined, headers: Record<string, string> = {}): ClaimsEvent {
  return {
    resource: '/me',
    path: '/me',
    httpMethod: 'GET',
    headers: { Authorization: 'eyJraWQiOi...', Host: 'abc123.execute-api.us-east-1.amazonaws.com', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      resourcePath: '/me',
      httpMethod: 'GET',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      authorizer: claims === undefined ? null : { claims },
    },
  } as ClaimsEvent;
}

const USER_CLAIMS = {
  'sub': '2f5a1c3e-0b7d-4e8f-9a6b-1c2d3e4f5a6b',
  'cognito:groups': 'admins,editors',
  'iss': 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
  'version': '2',
  'client_id': '1example23456789',
  'token_use': 'access',
  'scope': 'openid claims-api/profile.read',
  'auth_time': '1764590000',
  'exp': 'Mon Dec 01 13:00:00 UTC 2026',
  'iat': 'Mon Dec 01 12:00:00 UTC 2026',
  'jti': '0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
  'username': '2f5a1c3e-0b7d-4e8f-9a6b-1c2d3e4f5a6b',
};

describe('handler', () => {
  const before = process.env.ALLOWED_ORIGINS;
  beforeEach(() => {
    process.env.ALLOWED_ORIGINS = 'https://app.example.com,http://localhost:3000';
  });
  afterAll(() => {
    process.env.ALLOWED_ORIGINS = before;
  });

  test('answers 200 with the caller from the claims and the CORS headers for an allowed origin', async () => {
    const result = await handler(restEvent(USER_CLAIMS, { origin: 'http://localhost:3000' }));
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({
      'Access-Control-Allow-Origin': 'http://localhost:3000',
      'Vary': 'Origin',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(result.body)).toEqual({
      subject: '2f5a1c3e-0b7d-4e8f-9a6b-1c2d3e4f5a6b',
      clientId: '1example23456789',
      scopes: ['openid', 'claims-api/profile.read'],
      groups: ['admins', 'editors'],
    });
  });

  test('a machine client\'s token (client credentials) has no groups, and sub is the client id', async () => {
    const result = await handler(restEvent({
      sub: '7machineclient0id', client_id: '7machineclient0id', token_use: 'access', scope: 'claims-api/profile.read',
    }, { Origin: 'https://app.example.com' }));
    expect(result.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    expect(JSON.parse(result.body)).toEqual({
      subject: '7machineclient0id', clientId: '7machineclient0id', scopes: ['claims-api/profile.read'], groups: [],
    });
  });

  test('sends no Access-Control-Allow-Origin to an origin that is not allowed', async () => {
    const result = await handler(restEvent(USER_CLAIMS, { Origin: 'https://evil.example.net' }));
    expect(result.statusCode).toBe(200);
    expect(result.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(result.headers.Vary).toBe('Origin');
  });

  test('answers 401 without the authorizer\'s claims (a method not behind the authorizer)', async () => {
    const result = await handler(restEvent(undefined, { Origin: 'https://app.example.com' }));
    expect(result).toEqual({
      statusCode: 401,
      headers: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Vary': 'Origin', 'Content-Type': 'application/json' },
      body: '{"message":"Unauthorized"}',
    });
  });
});

describe('callerOf', () => {
  test('reads cognito:groups in each form API Gateway flattens it to', () => {
    for (const groups of ['admins,editors', '[admins editors]', 'admins, editors']) {
      expect(callerOf({ ...USER_CLAIMS, 'cognito:groups': groups })?.groups).toEqual(['admins', 'editors']);
    }
    expect(callerOf({ ...USER_CLAIMS, 'cognito:groups': ['admins'] })?.groups).toEqual(['admins']);
  });

  test('is undefined without sub or client_id', () => {
    expect(callerOf({ ...USER_CLAIMS, sub: undefined })).toBeUndefined();
    expect(callerOf({ ...USER_CLAIMS, client_id: undefined })).toBeUndefined();
  });
});

describe('corsHeaders and allowedOrigins', () => {
  test('every origin with *', () => {
    expect(corsHeaders('https://anything.example', ['*'])).toEqual({ 'Access-Control-Allow-Origin': '*' });
  });

  test('no origin header: only Vary', () => {
    expect(corsHeaders(undefined, ['https://app.example.com'])).toEqual({ Vary: 'Origin' });
  });

  test('ALLOWED_ORIGINS is split on commas, blanks dropped', () => {
    expect(allowedOrigins(' https://a.example , ,http://localhost:3000')).toEqual(['https://a.example', 'http://localhost:3000']);
    expect(allowedOrigins(undefined)).toEqual([]);
  });
});
