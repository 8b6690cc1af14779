import { Token } from 'aws-cdk-lib';
import { originsOf, validateCorsAllowOrigins, validateThrottling } from '../../src/private/front-rules';

describe('originsOf', () => {
  test('gives each web origin once, in order, with its port', () => {
    expect(originsOf([
      'http://localhost:3000/dashboard',
      'https://app.example.com/callback',
      'http://localhost:3000/other',
      'https://app.example.com:8443/cb',
    ])).toEqual(['http://localhost:3000', 'https://app.example.com', 'https://app.example.com:8443']);
  });

  test('skips app schemes, tokens and unparseable values', () => {
    expect(originsOf(['myapp://callback', Token.asString({ Ref: 'Url' }), 'not a url'])).toEqual([]);
  });
});

describe('validateCorsAllowOrigins', () => {
  test('takes origins, [\'*\'] alone, and tokens', () => {
    expect(() => validateCorsAllowOrigins(['https://app.example.com', 'http://localhost:3000'])).not.toThrow();
    expect(() => validateCorsAllowOrigins(['*'])).not.toThrow();
    expect(() => validateCorsAllowOrigins([Token.asString({ Ref: 'Origin' })])).not.toThrow();
  });

  test('fails when an origin has a path', () => {
    expect(() => validateCorsAllowOrigins(['https://app.example.com/'])).toThrow(
      'corsAllowOrigins[0] "https://app.example.com/" is invalid: use an origin, scheme://host[:port] with no path '
      + 'or trailing slash, such as https://app.example.com, or [\'*\'] to allow any origin');
  });

  test('fails when * comes with other origins', () => {
    expect(() => validateCorsAllowOrigins(['https://app.example.com', '*'])).toThrow(
      'corsAllowOrigins[1] "*" is invalid alongside other origins: give [\'*\'] alone to allow any origin');
  });
});

describe('validateThrottling', () => {
  test('takes a rate above 0 and a whole burst above 0, and tokens', () => {
    expect(() => validateThrottling(0.5, 1)).not.toThrow();
    expect(() => validateThrottling(Token.asNumber({ Ref: 'Rate' }), Token.asNumber({ Ref: 'Burst' }))).not.toThrow();
  });

  test('fails when the rate is not above 0', () => {
    expect(() => validateThrottling(0, 1)).toThrow(
      'throttlingRateLimit 0 is invalid: use a number of requests per second above 0');
  });

  test('fails when the burst is not a whole number', () => {
    expect(() => validateThrottling(1, 1.5)).toThrow(
      'throttlingBurstLimit 1.5 is invalid: use a whole number of requests above 0');
  });
});
