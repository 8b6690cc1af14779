import { Token } from 'aws-cdk-lib';
import { fail, isToken, show } from '../../src/private/errors';

describe('show', () => {
  test('quotes strings and shows other values as JSON', () => {
    expect(show('My_Login')).toBe('"My_Login"');
    expect(show(42)).toBe('42');
    expect(show(['a', 'b'])).toBe('["a","b"]');
  });

  test('cuts a long string to 60 characters and says how long it was', () => {
    expect(show('x'.repeat(81))).toBe(`"${'x'.repeat(60)}..." (81 characters)`);
    expect(show('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
  });
});

test('fail throws an Error with the message as it is', () => {
  expect(() => fail('stageName "a b" is invalid: use letters')).toThrow(new Error('stageName "a b" is invalid: use letters'));
});

test('isToken tells values only known at deploy time, whole lists included', () => {
  expect(isToken(Token.asString({ Ref: 'X' }))).toBe(true);
  expect(isToken(Token.asList({ Ref: 'X' }))).toBe(true);
  expect(isToken('literal')).toBe(false);
  expect(isToken(['literal'])).toBe(false);
});
