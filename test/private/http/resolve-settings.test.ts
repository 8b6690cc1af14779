import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { resolveHttpSettings } from '../../../src/private/http/resolve-settings';
import { TUTORIAL_PROPS, newStack } from '../../helpers';

const auth = resolveCognitoSettings(TUTORIAL_PROPS);

test('fills in the defaults, the same as the REST front\'s', () => {
  expect(resolveHttpSettings({}, auth)).toEqual({
    apiName: undefined,
    corsOrigins: ['http://localhost:3000'],
    accessLogRetention: logs.RetentionDays.ONE_YEAR,
    throttlingRateLimit: 100,
    throttlingBurstLimit: 200,
    removalPolicy: RemovalPolicy.RETAIN,
    logEncryptionKey: undefined,
  });
});

test('keeps what is given, and takes the removal policy and the key from the Cognito half', () => {
  const key = new kms.Key(newStack(), 'Key');
  const cognito = resolveCognitoSettings({ ...TUTORIAL_PROPS, removalPolicy: RemovalPolicy.DESTROY, accessLogEncryptionKey: key });
  expect(resolveHttpSettings({
    apiName: 'orders',
    corsAllowOrigins: ['*'],
    accessLogRetention: logs.RetentionDays.ONE_WEEK,
    throttlingRateLimit: 5,
    throttlingBurstLimit: 10,
  }, cognito)).toEqual({
    apiName: 'orders',
    corsOrigins: ['*'],
    accessLogRetention: logs.RetentionDays.ONE_WEEK,
    throttlingRateLimit: 5,
    throttlingBurstLimit: 10,
    removalPolicy: RemovalPolicy.DESTROY,
    logEncryptionKey: key,
  });
});

test('fails when corsAllowOrigins holds * with other origins', () => {
  expect(() => resolveHttpSettings({ corsAllowOrigins: ['https://a.example.com', '*'] }, auth)).toThrow(
    'corsAllowOrigins[1] "*" is invalid alongside other origins: give [\'*\'] alone to allow any origin');
});

test('fails when throttlingRateLimit is negative', () => {
  expect(() => resolveHttpSettings({ throttlingRateLimit: -1 }, auth)).toThrow(
    'throttlingRateLimit -1 is invalid: use a number of requests per second above 0');
});

test('fails when throttlingBurstLimit is 0', () => {
  expect(() => resolveHttpSettings({ throttlingBurstLimit: 0 }, auth)).toThrow(
    'throttlingBurstLimit 0 is invalid: use a whole number of requests above 0');
});
