import { RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ProtectedApiWithCognitoProps } from '../../../src';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { resolveRestSettings } from '../../../src/private/rest/resolve-settings';
import { TUTORIAL_PROPS } from '../../helpers';

function resolve(props: ProtectedApiWithCognitoProps) {
  return resolveRestSettings(props, resolveCognitoSettings(props));
}

describe('resolveRestSettings', () => {
  test('applies every default once, and takes the shared settings from the Cognito half', () => {
    expect(resolve(TUTORIAL_PROPS)).toEqual({
      restApiName: undefined,
      corsOrigins: ['http://localhost:3000'],
      stageName: 'prod',
      webAclArn: undefined,
      accessLogRetention: logs.RetentionDays.ONE_YEAR,
      executionLoggingLevel: apigateway.MethodLoggingLevel.ERROR,
      cloudWatchRole: true,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
      clientCertificateId: undefined,
      methodsInNestedStacks: false,
      nestedStacksPerFirstSegment: new Map(),
      scopeNames: ['awesomeapi.read'],
      callbackUrls: TUTORIAL_PROPS.callbackUrls,
      removalPolicy: RemovalPolicy.RETAIN,
      logEncryptionKey: undefined,
      tracingEnabled: false,
    });
  });

  test('the CORS origins are the callback URLs\' unless corsAllowOrigins is given', () => {
    expect(resolve({ ...TUTORIAL_PROPS, callbackUrls: ['https://a.example.com/cb', 'myapp://cb'] }).corsOrigins)
      .toEqual(['https://a.example.com']);
    expect(resolve({ ...TUTORIAL_PROPS, corsAllowOrigins: [] }).corsOrigins).toEqual([]);
  });

  test('checks the REST front\'s rules', () => {
    expect(() => resolve({ ...TUTORIAL_PROPS, stageName: 'a b' })).toThrow('stageName "a b" is invalid');
    expect(() => resolve({ ...TUTORIAL_PROPS, throttlingBurstLimit: 0.5 })).toThrow('throttlingBurstLimit 0.5 is invalid');
    expect(() => resolve({ ...TUTORIAL_PROPS, corsAllowOrigins: ['https://a.example.com/'] })).toThrow(
      'corsAllowOrigins[0] "https://a.example.com/" is invalid');
  });
});
