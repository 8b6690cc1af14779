import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { resolveCognitoSettings } from '../../../src/private/auth/resolve-settings';
import { TUTORIAL_PROPS } from '../../helpers';

describe('resolveCognitoSettings', () => {
  test('applies every default once', () => {
    const settings = resolveCognitoSettings(TUTORIAL_PROPS);
    expect(settings).toEqual(expect.objectContaining({
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      managedLoginVersionGiven: false,
      selfSignUpEnabled: true,
      mfa: cognito.Mfa.OPTIONAL,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      scopeNames: ['awesomeapi.read'],
      clientScopes: ['awesomeapi.read'],
      logoutUrls: [],
      allowUserPasswordAuth: false,
      userPoolSignIn: true,
      userGroups: [],
      tracingEnabled: false,
    }));
    expect(settings.accessTokenValidity.toMinutes()).toBe(60);
    expect(settings.idTokenValidity.toMinutes()).toBe(60);
    expect(settings.refreshTokenValidity.toDays()).toBe(1);
    expect(settings.passwordPolicy).toEqual(expect.objectContaining({ minLength: 12, requireSymbols: true }));
  });

  test('keeps what is given, and derives deletion protection from the removal policy', () => {
    const settings = resolveCognitoSettings({
      ...TUTORIAL_PROPS,
      removalPolicy: RemovalPolicy.DESTROY,
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
      accessTokenValidity: Duration.minutes(15),
      selfSignUpEnabled: false,
      userPoolSignIn: false,
    });
    expect(settings.deletionProtection).toBe(false);
    expect(settings.managedLoginVersionGiven).toBe(true);
    expect(settings.managedLoginVersion).toBe(cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI);
    expect(settings.accessTokenValidity.toMinutes()).toBe(15);
    expect(settings.selfSignUpEnabled).toBe(false);
    expect(settings.userPoolSignIn).toBe(false);
  });

  test('checks the Cognito half\'s rules, such as the domain prefix', () => {
    expect(() => resolveCognitoSettings({ ...TUTORIAL_PROPS, domainPrefix: 'My_Login' })).toThrow(
      'domainPrefix "My_Login" is invalid');
  });
});
