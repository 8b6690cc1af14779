import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  DEFAULT_ACCESS_TOKEN_VALIDITY, validateClientScopeCount, validateRefreshTokenRotation, validateRedirectUrls, validateResourceServerIdentifier,
  validateScopes, validateScopeSubset, validateTokenValidities,
} from './clients';
import { validateDomainChoice, validateDomainPrefix } from './domain';
import { CognitoSettings } from './settings';
import { isPasswordless, refuseSignInPolicyOnGivenPool, validateFirstAuthFactors } from './sign-in-policy';
import { validateUserGroups } from './user-groups';
import { validateNoPoolShapingProps } from './user-pool';
import { CognitoAuthProps } from '../../cognito-auth-props';

/** The password policy when none is given: 12 characters of every kind. */
const DEFAULT_PASSWORD_POLICY: cognito.PasswordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
};

/**
 * Checks the Cognito half's props (throwing on the first broken rule) and fills in the defaults.
 */
export function resolveCognitoSettings(props: CognitoAuthProps): CognitoSettings {
  if (props.userPool) {
    refuseSignInPolicyOnGivenPool(props.allowedFirstAuthFactors);
    validateNoPoolShapingProps({
      userPoolName: props.userPoolName,
      selfSignUpEnabled: props.selfSignUpEnabled,
      passwordPolicy: props.passwordPolicy,
      mfa: props.mfa,
      featurePlan: props.featurePlan,
      deletionProtection: props.deletionProtection,
      passkeyUserVerification: props.passkeyUserVerification,
      email: props.email,
    });
  }
  validateDomainChoice({
    domainPrefix: props.domainPrefix,
    customDomainName: props.customDomainName,
    customDomainCertificate: props.customDomainCertificate,
    userPoolDomain: props.userPoolDomain !== undefined,
    userPool: props.userPool !== undefined,
  });
  if (props.domainPrefix !== undefined) {
    validateDomainPrefix(props.domainPrefix);
  }
  validateResourceServerIdentifier(props.resourceServerIdentifier);
  validateScopes(props.scopes);
  const scopeNames = props.scopes.map((s) => s.name);
  if (props.clientScopes) {
    validateScopeSubset('clientScopes', props.clientScopes, scopeNames);
  }
  const clientScopes = props.clientScopes ?? scopeNames;
  validateClientScopeCount(props.clientScopes ? 'clientScopes' : 'scopes', 1 + clientScopes.length);

  validateRedirectUrls('callbackUrls', props.callbackUrls, true);
  const logoutUrls = props.logoutUrls ?? [];
  validateRedirectUrls('logoutUrls', logoutUrls, false);

  const tokenValidities = {
    accessTokenValidity: props.accessTokenValidity ?? DEFAULT_ACCESS_TOKEN_VALIDITY,
    idTokenValidity: props.idTokenValidity ?? Duration.minutes(60),
    refreshTokenValidity: props.refreshTokenValidity ?? Duration.days(1),
  };
  validateTokenValidities(tokenValidities);
  if (props.refreshTokenRotationGracePeriod !== undefined) {
    validateRefreshTokenRotation('refreshTokenRotationGracePeriod', props.refreshTokenRotationGracePeriod);
  }

  const featurePlan = props.featurePlan ?? cognito.FeaturePlan.ESSENTIALS;
  const managedLoginVersion = props.managedLoginVersion ?? cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN;
  if (!props.userPool) {
    validateFirstAuthFactors(props.allowedFirstAuthFactors, {
      featurePlan,
      managedLoginVersion,
      passkeyUserVerification: props.passkeyUserVerification,
    });
  }
  const userGroups = props.userGroups ?? [];
  validateUserGroups(userGroups, {
    scopeNames,
    clientScopes,
    resourceServerIdentifier: props.resourceServerIdentifier,
    featurePlan,
  });

  const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
  return {
    userPool: props.userPool,
    userPoolDomain: props.userPoolDomain,
    domainPrefix: props.domainPrefix,
    customDomainName: props.customDomainName,
    customDomainCertificate: props.customDomainCertificate,
    managedLoginVersion,
    managedLoginVersionGiven: props.managedLoginVersion !== undefined,
    userPoolName: props.userPoolName,
    selfSignUpEnabled: props.selfSignUpEnabled ?? true,
    passwordPolicy: props.passwordPolicy ?? DEFAULT_PASSWORD_POLICY,
    mfa: props.mfa ?? cognito.Mfa.OPTIONAL,
    featurePlan,
    deletionProtection: props.deletionProtection ?? removalPolicy !== RemovalPolicy.DESTROY,
    allowedFirstAuthFactors: props.allowedFirstAuthFactors,
    passwordless: isPasswordless(props.allowedFirstAuthFactors),
    passkeyUserVerification: props.passkeyUserVerification,
    email: props.email,
    removalPolicy,
    resourceServerIdentifier: props.resourceServerIdentifier,
    scopes: props.scopes,
    scopeNames,
    clientScopes,
    callbackUrls: props.callbackUrls,
    logoutUrls,
    ...tokenValidities,
    refreshTokenRotationGracePeriod: props.refreshTokenRotationGracePeriod,
    allowUserPasswordAuth: props.allowUserPasswordAuth ?? false,
    userPoolSignIn: props.userPoolSignIn ?? true,
    userGroups,
    logEncryptionKey: props.accessLogEncryptionKey,
    tracingEnabled: props.tracingEnabled ?? false,
  };
}
