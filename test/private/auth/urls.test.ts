import { Stack, Token } from 'aws-cdk-lib';
import { authorizeEndpoint, authorizeUrl, encodeQueryValue, encodeScopeList, encodeUrlQueryValue, logoutUrl, tokenUrl } from '../../../src/private/auth/urls';

describe('encodeQueryValue', () => {
  test('encodes reserved characters of a literal value', () => {
    expect(encodeQueryValue('http://localhost:3000/dashboard?a=b&c')).toBe('http%3A%2F%2Flocalhost%3A3000%2Fdashboard%3Fa%3Db%26c');
  });

  test('passes a token through untouched', () => {
    const token = Token.asString({ Ref: 'Client' });
    expect(encodeQueryValue(token)).toBe(token);
  });
});

describe('encodeScopeList', () => {
  test('joins the scopes with an encoded space and encodes each', () => {
    expect(encodeScopeList(['openid', 'api/read'])).toBe('openid%20api%2Fread');
  });

  test('still encodes the literal scopes when one of them is a token', () => {
    const token = Token.asString({ Ref: 'Server' });
    expect(encodeScopeList(['api/read', token])).toBe(`api%2Fread%20${token}`);
  });
});

test('authorizeUrl puts client_id, response_type, scope and redirect_uri in that order', () => {
  expect(authorizeUrl('https://d.auth.eu-west-1.amazoncognito.com', 'abc', ['openid', 'srv/x.read'], 'https://app.example.com/cb'))
    .toBe('https://d.auth.eu-west-1.amazoncognito.com/oauth2/authorize?client_id=abc&response_type=code'
      + '&scope=openid%20srv%2Fx.read&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb');
});

test('authorizeEndpoint is the domain\'s /oauth2/authorize, without a query', () => {
  expect(authorizeEndpoint('https://d.auth.us-east-1.amazoncognito.com')).toBe('https://d.auth.us-east-1.amazoncognito.com/oauth2/authorize');
});

test('tokenUrl is the domain\'s /oauth2/token', () => {
  expect(tokenUrl('https://d.auth.eu-west-1.amazoncognito.com')).toBe('https://d.auth.eu-west-1.amazoncognito.com/oauth2/token');
});

describe('encodeUrlQueryValue', () => {
  test('encodes a literal URL whole', () => {
    expect(encodeUrlQueryValue('https://app.example.com/cb?x=1')).toEqual({
      encoded: 'https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1', deployTimeParts: 0,
    });
  });

  test('encodes the literal parts of a URL built of tokens, and passes each token through', () => {
    const stack = new Stack();
    const url = `https://${Token.asString({ Ref: 'Domain' })}/cb?x=${Token.asString({ Ref: 'Tenant' })}`;
    const { encoded, deployTimeParts } = encodeUrlQueryValue(url);
    expect(deployTimeParts).toBe(2);
    expect(stack.resolve(encoded)).toEqual({
      'Fn::Join': ['', ['https%3A%2F%2F', { Ref: 'Domain' }, '%2Fcb%3Fx%3D', { Ref: 'Tenant' }]],
    });
  });

  test('a URL that is one token stays that token', () => {
    const token = Token.asString({ Ref: 'Url' });
    expect(new Stack().resolve(encodeUrlQueryValue(token).encoded)).toEqual({ Ref: 'Url' });
  });

  test('authorizeUrl and logoutUrl encode the literal parts of a tokenized redirect', () => {
    const stack = new Stack();
    const url = `https://${Token.asString({ Ref: 'Domain' })}/cb`;
    expect(JSON.stringify(stack.resolve(authorizeUrl('https://d', 'abc', ['openid'], url)))).toContain('redirect_uri=https%3A%2F%2F');
    expect(JSON.stringify(stack.resolve(logoutUrl('https://d', 'abc', url)))).toContain('logout_uri=https%3A%2F%2F');
  });
});
