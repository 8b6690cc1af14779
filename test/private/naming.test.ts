import { Token } from 'aws-cdk-lib';
import { isValidResourceServerName, resourceServerName } from '../../src/private/naming';

describe('resourceServerName', () => {
  test('keeps an identifier that is already a valid name', () => {
    expect(resourceServerName('awesomeapi-resource-server')).toBe('awesomeapi-resource-server');
    expect(resourceServerName('a_b+c=d,e.f@g-h')).toBe('a_b+c=d,e.f@g-h');
  });

  test('turns each run of other characters of a URL identifier into one hyphen', () => {
    expect(resourceServerName('https://api.example.com')).toBe('https-api.example.com');
    expect(resourceServerName('https://api.example.com/v1?x=1#y')).toBe('https-api.example.com-v1-x=1-y');
  });

  test('names an identifier made only of other characters', () => {
    expect(resourceServerName('://')).toBe('-');
  });

  test('keeps a 256-character identifier within 256 characters', () => {
    const name = resourceServerName(`urn:${'x'.repeat(252)}`)!;
    expect(name).toBe(`urn-${'x'.repeat(252)}`);
    expect(isValidResourceServerName(name)).toBe(true);
  });

  test('leaves a token identifier to aws-cdk-lib', () => {
    expect(resourceServerName(Token.asString({ Ref: 'Identifier' }))).toBeUndefined();
  });

  test('gives a valid name for every printable ASCII character the identifier allows', () => {
    for (let code = 0x21; code <= 0x7e; code++) {
      const c = String.fromCharCode(code);
      if (c === '"' || c === '\\') {
        continue;
      }
      expect([c, isValidResourceServerName(resourceServerName(`a${c}b`)!)]).toEqual([c, true]);
    }
  });
});

describe('isValidResourceServerName', () => {
  test.each(['a', 'Api Server', 'x'.repeat(256), 'a_b+c=d,e.f@g-h'])('accepts %j', (name) => {
    expect(isValidResourceServerName(name)).toBe(true);
  });

  test.each(['', 'x'.repeat(257), 'https://x', 'a/b', 'a:b', 'é'])('refuses %j', (name) => {
    expect(isValidResourceServerName(name)).toBe(false);
  });
});
