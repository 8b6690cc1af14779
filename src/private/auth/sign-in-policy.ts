import { Annotations, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { CognitoSettings } from './settings';
import { fail, isToken, show } from '../errors';

/*
 * What users sign in with first (choice-based sign-in): the pool's sign-in policy, the passkey
 * relying party id, and the rules of `allowedFirstAuthFactors` and `passkeyUserVerification`.
 *
 * Sources, in the Amazon Cognito developer guide and API reference:
 * - SignInPolicyType: AllowedFirstAuthFactors always holds PASSWORD; EMAIL_OTP, SMS_OTP and
 *   WEB_AUTHN (passkeys) are the others. Choice-based sign-in needs the Essentials or Plus
 *   feature plan, and managed login: the classic hosted UI only asks for a password.
 * - Managed login offers the choice to app clients with the ALLOW_USER_AUTH flow.
 * - WebAuthnRelyingPartyId: with a custom domain and the hosted pages, it must be the custom
 *   domain's full name; with a prefix domain, `<prefix>.auth.<region>.amazoncognito.com`.
 *   aws-cdk-lib's UserPool refuses one longer than 63 characters.
 * - Cognito offers no passwordless sign-in to a user who has MFA, except passkeys that satisfy
 *   MFA themselves (passkey MFA, with user verification required).
 * - Email codes (like email MFA) need the pool to send email through Amazon SES (the DEVELOPER
 *   sending account), not Cognito's own email; SMS codes need an SMS configuration (an SNS
 *   role) and users with phone numbers.
 */

/** Whether `factors` offer anything but a password. */
export function isPasswordless(factors: cognito.AllowedFirstAuthFactors | undefined): boolean {
  return factors !== undefined && (factors.passkey === true || factors.emailOtp === true || factors.smsOtp === true);
}

/** What the factor rules read, besides the factors. */
export interface FirstAuthFactorContext {
  readonly featurePlan: cognito.FeaturePlan;
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  readonly passkeyUserVerification?: cognito.PasskeyUserVerification;
}

/** A pool you pass keeps its own sign-in policy: say where to set it instead. */
export function refuseSignInPolicyOnGivenPool(factors: cognito.AllowedFirstAuthFactors | undefined): void {
  if (factors === undefined) {
    return;
  }
  fail(`allowedFirstAuthFactors ${show(factors)} is set together with userPool: the sign-in policy belongs to the pool `
    + 'you pass; set signInPolicy.allowedFirstAuthFactors on that pool (with passkeyRelyingPartyId set to its login '
    + 'domain for passkeys, and the ESSENTIALS or PLUS feature plan), or drop userPool to let the construct create one');
}

/** The rules of the first factors on a pool the construct creates. */
export function validateFirstAuthFactors(factors: cognito.AllowedFirstAuthFactors | undefined, ctx: FirstAuthFactorContext): void {
  if (ctx.passkeyUserVerification !== undefined && factors?.passkey !== true) {
    fail(`passkeyUserVerification ${show(ctx.passkeyUserVerification)} is set but allowedFirstAuthFactors offers no `
      + 'passkeys: add passkey: true to allowedFirstAuthFactors, or drop passkeyUserVerification');
  }
  if (factors === undefined) {
    return;
  }
  if (factors.password !== true) {
    fail(`allowedFirstAuthFactors.password ${show(factors.password)} is invalid: Cognito keeps password sign-in among `
      + 'the first factors; set password: true');
  }
  if (!isPasswordless(factors)) {
    return;
  }
  if (ctx.featurePlan === cognito.FeaturePlan.LITE) {
    fail(`allowedFirstAuthFactors ${show(factors)} needs choice-based sign-in, which the featurePlan ${show(ctx.featurePlan)} `
      + 'does not offer: Cognito offers passkeys and one-time codes from the ESSENTIALS plan up; set featurePlan to '
      + 'FeaturePlan.ESSENTIALS (the default) or FeaturePlan.PLUS');
  }
  if (ctx.managedLoginVersion !== cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
    fail(`allowedFirstAuthFactors ${show(factors)} needs managed login, and managedLoginVersion is `
      + `${show(ctx.managedLoginVersion)} (the classic hosted UI), which only asks for a password; set managedLoginVersion `
      + 'to ManagedLoginVersion.NEWER_MANAGED_LOGIN (the default)');
  }
  if (factors.smsOtp === true) {
    fail('allowedFirstAuthFactors.smsOtp true needs an SMS configuration and users with phone numbers, and the pool the '
      + 'construct creates signs users in by email and sends no SMS: create a pool with an smsRole, phone numbers and '
      + 'signInPolicy.allowedFirstAuthFactors.smsOtp yourself and pass it as userPool, or drop smsOtp');
  }
}

/**
 * The passkey relying party id: the login domain, which is where the hosted pages ask for
 * passkeys. Undefined without passkeys (the pool then has none).
 */
export function passkeyRelyingPartyId(settings: CognitoSettings, stack: Stack): string | undefined {
  if (settings.allowedFirstAuthFactors?.passkey !== true) {
    return undefined;
  }
  const [id, from] = settings.customDomainName !== undefined
    ? [settings.customDomainName, 'customDomainName']
    : [`${settings.domainPrefix}.auth.${stack.region}.amazoncognito.com`, 'domainPrefix'];
  if (!isToken(id) && id.length > 63) {
    fail(`allowedFirstAuthFactors.passkey needs the login domain as passkey relying party id, and ${show(id)} (from `
      + `${from}) has ${id.length} characters: aws-cdk-lib's UserPool takes at most 63; use a shorter ${from}`);
  }
  return id;
}

/**
 * Email codes need the pool to send email through Amazon SES; read from the pool's L1 once
 * `email` is bound (`UserPoolEmail` tells its kind only then).
 */
export function validateEmailForCodes(userPool: cognito.UserPool, factors: cognito.AllowedFirstAuthFactors | undefined): void {
  if (factors?.emailOtp !== true) {
    return;
  }
  const cfn = userPool.node.defaultChild as cognito.CfnUserPool;
  const config = Stack.of(userPool).resolve(cfn.emailConfiguration) as cognito.CfnUserPool.EmailConfigurationProperty | undefined;
  const account = config?.emailSendingAccount ?? 'COGNITO_DEFAULT';
  if (isToken(account) || account === 'DEVELOPER') {
    return;
  }
  fail('allowedFirstAuthFactors.emailOtp true needs email sent through Amazon SES, and the pool\'s email is sent by '
    + `Cognito (${show(account)}), which does not send sign-in codes; set email to cognito.UserPoolEmail.withSES({ `
    + 'fromEmail: ... }) with an address or domain verified in Amazon SES, or drop emailOtp');
}

/**
 * Whether a pool of the app that the construct is given offers choice-based sign-in, so that
 * its browser client needs `ALLOW_USER_AUTH`. An imported pool's policy cannot be read.
 */
export function givenPoolOffersChoice(userPool: cognito.IUserPool): boolean {
  if (!(userPool instanceof cognito.UserPool)) {
    return false;
  }
  const cfn = userPool.node.defaultChild as cognito.CfnUserPool;
  const policies = Stack.of(userPool).resolve(cfn.policies) as any;
  const factors = policies?.signInPolicy?.allowedFirstAuthFactors;
  return Array.isArray(factors) && factors.some((f: unknown) => f !== 'PASSWORD');
}

/**
 * With MFA required every user has MFA, and Cognito then offers them no one-time codes, and
 * passkeys only when they verify their user: say so, since it deploys and only shows at login.
 */
export function warnPasswordlessWithRequiredMfa(scope: IConstruct, settings: CognitoSettings): void {
  const factors = settings.allowedFirstAuthFactors;
  if (!settings.passwordless || settings.mfa !== cognito.Mfa.REQUIRED) {
    return;
  }
  const unusable = [
    factors?.emailOtp === true ? 'email codes' : undefined,
    factors?.passkey === true && settings.passkeyUserVerification !== cognito.PasskeyUserVerification.REQUIRED
      ? 'passkeys (without passkeyUserVerification REQUIRED)' : undefined,
  ].filter((what): what is string => what !== undefined);
  if (unusable.length === 0) {
    return;
  }
  Annotations.of(scope).addWarningV2('cdk-cognito-protected-api:passwordlessWithRequiredMfa',
    `allowedFirstAuthFactors offers ${unusable.join(' and ')} with mfa REQUIRED: Cognito offers no passwordless `
    + 'sign-in to a user who has MFA, except passkeys that verify their user; set passkeyUserVerification to '
    + 'REQUIRED for passkeys, and mfa to OPTIONAL for email codes');
}
