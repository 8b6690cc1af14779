import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../../../src';
import { TUTORIAL_PROPS, newStack, tutorialApi, violations } from '../../helpers';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const PASSKEY = { password: true, passkey: true };
const SES = cognito.UserPoolEmail.withSES({ fromEmail: 'no-reply@example.com', sesVerifiedDomain: 'example.com' });

function template(overrides: Partial<ProtectedApiWithCognitoProps>): Template {
  const stack = newStack();
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return Template.fromStack(stack);
}

function build(overrides: Partial<ProtectedApiWithCognitoProps>): () => void {
  return () => template(overrides);
}

describe('first factors', () => {
  test('by default the pool has no sign-in policy and no relying party, and the client no ALLOW_USER_AUTH', () => {
    const t = template({});
    const pool = Object.values<any>(t.findResources('AWS::Cognito::UserPool'))[0].Properties;
    expect(pool.Policies.SignInPolicy).toBeUndefined();
    expect(pool.WebAuthnRelyingPartyID).toBeUndefined();
    expect(pool.WebAuthnUserVerification).toBeUndefined();
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenRotation: Match.absent(),
    });
  });

  test('password only gives a sign-in policy of PASSWORD and leaves the client alone', () => {
    const t = template({ allowedFirstAuthFactors: { password: true } });
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } }),
      WebAuthnRelyingPartyID: Match.absent(),
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', { ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
  });

  test('passkeys on a prefix domain: the relying party is the prefix domain, the client gets ALLOW_USER_AUTH', () => {
    const t = template({ allowedFirstAuthFactors: PASSKEY, passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED });
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } }),
      WebAuthnRelyingPartyID: 'buraktas-awesome-domain.auth.us-east-1.amazoncognito.com',
      WebAuthnUserVerification: 'required',
      UserPoolTier: 'ESSENTIALS',
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    t.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  test('passkeys on a custom domain: the relying party is the custom domain', () => {
    const stack = newStack();
    tutorialApi(stack, {
      domainPrefix: undefined,
      customDomainName: 'auth.example.com',
      customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      allowedFirstAuthFactors: PASSKEY,
    }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      WebAuthnRelyingPartyID: 'auth.example.com',
      WebAuthnUserVerification: Match.absent(),
    });
  });

  test('email codes with email sent through SES', () => {
    const t = template({ allowedFirstAuthFactors: { password: true, emailOtp: true }, email: SES });
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } }),
      EmailConfiguration: Match.objectLike({ EmailSendingAccount: 'DEVELOPER', From: 'no-reply@example.com' }),
      WebAuthnRelyingPartyID: Match.absent(),
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  });

  test('passkeys and email codes together, with allowUserPasswordAuth', () => {
    const t = template({
      allowedFirstAuthFactors: { password: true, passkey: true, emailOtp: true },
      email: SES,
      allowUserPasswordAuth: true,
      featurePlan: cognito.FeaturePlan.PLUS,
    });
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] } }),
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('a pool of the app that offers passkeys gives the browser client ALLOW_USER_AUTH', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool', {
      signInPolicy: { allowedFirstAuthFactors: PASSKEY },
      passkeyRelyingPartyId: 'orders-login.auth.us-east-1.amazoncognito.com',
    });
    tutorialApi(stack, { userPool: pool, domainPrefix: 'orders-login' }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('a pool of the app with password only, or an imported pool, leaves the browser client alone', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool', { signInPolicy: { allowedFirstAuthFactors: { password: true } } });
    tutorialApi(stack, { userPool: pool, domainPrefix: 'orders-login' }).addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    new ProtectedApiWithCognito(stack, 'Second', {
      ...TUTORIAL_PROPS,
      resourceServerIdentifier: 'second-api',
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Imported', 'us-east-1_AbCdEf123'),
      domainPrefix: 'imported-login',
    }).addMethod('GET', '/b', { scopes: ['awesomeapi.read'] });
    const clients = Object.values<any>(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => c.Properties.ExplicitAuthFlows)).toEqual([['ALLOW_REFRESH_TOKEN_AUTH'], ['ALLOW_REFRESH_TOKEN_AUTH']]);
  });

  test('in a stack without a region, the relying party id names the region at deploy time', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Agnostic');
    tutorialApi(stack, { allowedFirstAuthFactors: PASSKEY }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      WebAuthnRelyingPartyID: { 'Fn::Join': ['', ['buraktas-awesome-domain.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] },
    });
  });

  test('skips the relying party id\'s length check when the domain prefix is a token', () => {
    const long = 'a'.repeat(60);
    const t = template({ domainPrefix: Lazy.string({ produce: () => long }), allowedFirstAuthFactors: PASSKEY });
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      WebAuthnRelyingPartyID: `${long}.auth.us-east-1.amazoncognito.com`,
    });
  });
});

describe('first factors that Cognito refuses', () => {
  test('fails when password is not among them', () => {
    expect(build({ allowedFirstAuthFactors: { password: false, passkey: true } })).toThrow(
      'allowedFirstAuthFactors.password false is invalid: Cognito keeps password sign-in among the first factors; '
      + 'set password: true');
  });

  test('fails when passkeys are asked for on the LITE feature plan', () => {
    expect(build({ allowedFirstAuthFactors: PASSKEY, featurePlan: cognito.FeaturePlan.LITE })).toThrow(
      'allowedFirstAuthFactors {"password":true,"passkey":true} needs choice-based sign-in, which the featurePlan "LITE" '
      + 'does not offer: Cognito offers passkeys and one-time codes from the ESSENTIALS plan up; set featurePlan to '
      + 'FeaturePlan.ESSENTIALS (the default) or FeaturePlan.PLUS');
  });

  test('password only is fine on the LITE feature plan and with the classic hosted UI', () => {
    expect(build({
      allowedFirstAuthFactors: { password: true },
      featurePlan: cognito.FeaturePlan.LITE,
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    })).not.toThrow();
  });

  test('fails when email codes are asked for with the classic hosted UI', () => {
    expect(build({
      allowedFirstAuthFactors: { password: true, emailOtp: true },
      email: SES,
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    })).toThrow('allowedFirstAuthFactors {"password":true,"emailOtp":true} needs managed login, and managedLoginVersion is '
      + '1 (the classic hosted UI), which only asks for a password; set managedLoginVersion to '
      + 'ManagedLoginVersion.NEWER_MANAGED_LOGIN (the default)');
  });

  test('fails when passkeys are asked for with a pool the construct is given', () => {
    const stack = newStack();
    expect(() => tutorialApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      allowedFirstAuthFactors: PASSKEY,
    })).toThrow('allowedFirstAuthFactors {"password":true,"passkey":true} is set together with userPool: the sign-in '
      + 'policy belongs to the pool you pass; set signInPolicy.allowedFirstAuthFactors on that pool (with '
      + 'passkeyRelyingPartyId set to its login domain for passkeys, and the ESSENTIALS or PLUS feature plan), or drop '
      + 'userPool to let the construct create one');
  });

  test('fails when passkeyUserVerification or email is given with a pool the construct is given', () => {
    const stack = newStack();
    expect(() => tutorialApi(stack, {
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_AbCdEf123'),
      passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
      email: SES,
    })).toThrow('passkeyUserVerification, email are set together with userPool: they shape a user pool the construct '
      + 'creates, and the pool you pass keeps its own settings; change them on that pool, or drop userPool to let the '
      + 'construct create one');
  });

  test('fails when email codes are asked for without SES', () => {
    expect(build({ allowedFirstAuthFactors: { password: true, emailOtp: true } })).toThrow(
      'allowedFirstAuthFactors.emailOtp true needs email sent through Amazon SES, and the pool\'s email is sent by Cognito '
      + '("COGNITO_DEFAULT"), which does not send sign-in codes; set email to cognito.UserPoolEmail.withSES({ fromEmail: '
      + '... }) with an address or domain verified in Amazon SES, or drop emailOtp');
    expect(build({ allowedFirstAuthFactors: { password: true, emailOtp: true }, email: cognito.UserPoolEmail.withCognito() }))
      .toThrow('the pool\'s email is sent by Cognito ("COGNITO_DEFAULT")');
  });

  test('fails when SMS codes are asked for', () => {
    expect(build({ allowedFirstAuthFactors: { password: true, smsOtp: true } })).toThrow(
      'allowedFirstAuthFactors.smsOtp true needs an SMS configuration and users with phone numbers, and the pool the '
      + 'construct creates signs users in by email and sends no SMS: create a pool with an smsRole, phone numbers and '
      + 'signInPolicy.allowedFirstAuthFactors.smsOtp yourself and pass it as userPool, or drop smsOtp');
  });

  test('fails when passkeyUserVerification is given without passkeys', () => {
    expect(build({ passkeyUserVerification: cognito.PasskeyUserVerification.PREFERRED })).toThrow(
      'passkeyUserVerification "preferred" is set but allowedFirstAuthFactors offers no passkeys: add passkey: true to '
      + 'allowedFirstAuthFactors, or drop passkeyUserVerification');
  });

  test('fails when the prefix domain is too long to be a relying party id', () => {
    const prefix = 'a-rather-long-login-prefix-for-passkeys';
    expect(build({ domainPrefix: prefix, allowedFirstAuthFactors: PASSKEY })).toThrow(
      `allowedFirstAuthFactors.passkey needs the login domain as passkey relying party id, and "${prefix}.auth.us-east-1`
      + '.amazoncognito.com" (from domainPrefix) has 72 characters: aws-cdk-lib\'s UserPool takes at most 63; use a '
      + 'shorter domainPrefix');
  });
});

describe('refresh token rotation', () => {
  test('a grace period turns rotation on for the browser client, and drops the REFRESH_TOKEN_AUTH flow', () => {
    const t = template({ refreshTokenRotationGracePeriod: Duration.seconds(10) });
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      ExplicitAuthFlows: [],
    });
  });

  test.each([0, 60])('takes %i seconds', (seconds) => {
    template({ refreshTokenRotationGracePeriod: Duration.seconds(seconds) }).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: seconds },
    });
  });

  test('with passkeys the browser client keeps ALLOW_USER_AUTH', () => {
    template({ allowedFirstAuthFactors: PASSKEY, refreshTokenRotationGracePeriod: Duration.seconds(5) })
      .hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 },
      });
  });

  test('machine clients do not rotate: the client-credentials grant issues no refresh token', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { refreshTokenRotationGracePeriod: Duration.seconds(5) });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    api.addMachineClient('Reporting', { scopes: ['awesomeapi.read'] });
    const clients = Object.values<any>(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(clients.map((c) => c.Properties.RefreshTokenRotation)).toEqual([
      { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 },
      undefined,
    ]);
  });

  test.each([
    [Duration.seconds(61), '1 minute 1 second'],
    [Duration.minutes(2), '2 minutes'],
    [Duration.millis(1500), '1 second 500 millis'],
  ])('fails when the grace period is %s', (gracePeriod, shown) => {
    expect(build({ refreshTokenRotationGracePeriod: gracePeriod })).toThrow(
      `refreshTokenRotationGracePeriod "${shown}" is invalid: Cognito allows a grace period of 0 to 60 seconds, in whole seconds`);
  });
});

test('CDK\'s template validation finds nothing with passkeys, email codes and rotation on', () => {
  const stack = newStack({ templateValidation: true });
  tutorialApi(stack, {
    allowedFirstAuthFactors: { password: true, passkey: true, emailOtp: true },
    passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
    email: SES,
    refreshTokenRotationGracePeriod: Duration.seconds(0),
  }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });

  const assembly = (stack.node.root as App).synth();

  expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
  expect(violations(assembly)).toEqual([]);
});

describe('MFA required', () => {
  function warnings(overrides: Partial<ProtectedApiWithCognitoProps>) {
    const stack = newStack();
    tutorialApi(stack, { mfa: cognito.Mfa.REQUIRED, ...overrides }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('passwordless'))
      .map((w) => w.entry.data);
  }

  test('warns that email codes and passkeys without user verification are not offered', () => {
    expect(warnings({ allowedFirstAuthFactors: { password: true, passkey: true, emailOtp: true }, email: SES })).toEqual([
      'allowedFirstAuthFactors offers email codes and passkeys (without passkeyUserVerification REQUIRED) with mfa '
      + 'REQUIRED: Cognito offers no passwordless sign-in to a user who has MFA, except passkeys that verify their user; '
      + 'set passkeyUserVerification to REQUIRED for passkeys, and mfa to OPTIONAL for email codes '
      + '[ack: cdk-cognito-protected-api:passwordlessWithRequiredMfa]',
    ]);
  });

  test('does not warn for passkeys that verify their user, or with MFA optional', () => {
    expect(warnings({ allowedFirstAuthFactors: PASSKEY, passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED })).toEqual([]);
    expect(warnings({ allowedFirstAuthFactors: PASSKEY, mfa: cognito.Mfa.OPTIONAL })).toEqual([]);
  });
});
