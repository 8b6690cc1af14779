import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { originsOf } from './cors';
import { validateUserGroups } from './user-groups';
import {
  validateClientScopeCount, validateCorsAllowOrigins, validateDomainChoice, validateDomainPrefix, validateNoPoolShapingProps,
  validateRedirectUrls, validateResourceServerIdentifier, validateScopes, validateScopeSubset, validateStageName,
  validateThrottling, validateTokenValidities, validateWebAclArn,
} from './validation';
import { ProtectedApiWithCognitoProps } from '../protected-api-props';

/**
 * The props after every rule has been checked and every default applied: what the construct
 * builds from.
 */
export interface Settings {
  readonly props: ProtectedApiWithCognitoProps;
  readonly scopeNames: string[];
  readonly clientScopes: string[];
  readonly logoutUrls: string[];
  readonly corsOrigins: string[];
  readonly stageName: string;
  readonly accessTokenValidity: Duration;
  readonly idTokenValidity: Duration;
  readonly refreshTokenValidity: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly featurePlan: cognito.FeaturePlan;
  readonly mfa: cognito.Mfa;
  readonly deletionProtection: boolean;
  readonly passwordPolicy: cognito.PasswordPolicy;
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  readonly accessLogRetention: logs.RetentionDays;
  readonly executionLoggingLevel: apigateway.MethodLoggingLevel;
  readonly cloudWatchRole: boolean;
  readonly tracingEnabled: boolean;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
}

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
 * Checks the props (throwing on the first broken rule) and fills in the defaults.
 */
export function resolveSettings(props: ProtectedApiWithCognitoProps): Settings {
  if (props.userPool) {
    validateNoPoolShapingProps({
      userPoolName: props.userPoolName,
      selfSignUpEnabled: props.selfSignUpEnabled,
      passwordPolicy: props.passwordPolicy,
      mfa: props.mfa,
      featurePlan: props.featurePlan,
      deletionProtection: props.deletionProtection,
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
    accessTokenValidity: props.accessTokenValidity ?? Duration.minutes(60),
    idTokenValidity: props.idTokenValidity ?? Duration.minutes(60),
    refreshTokenValidity: props.refreshTokenValidity ?? Duration.days(1),
  };
  validateTokenValidities(tokenValidities);

  if (props.corsAllowOrigins) {
    validateCorsAllowOrigins(props.corsAllowOrigins);
  }
  const stageName = props.stageName ?? 'prod';
  validateStageName(stageName);
  const throttlingRateLimit = props.throttlingRateLimit ?? 100;
  const throttlingBurstLimit = props.throttlingBurstLimit ?? 200;
  validateThrottling(throttlingRateLimit, throttlingBurstLimit);
  if (props.webAclArn !== undefined) {
    validateWebAclArn(props.webAclArn);
  }

  const featurePlan = props.featurePlan ?? cognito.FeaturePlan.ESSENTIALS;
  validateUserGroups(props.userGroups, { ...props, clientScopes, featurePlan });

  const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
  return {
    props,
    scopeNames,
    clientScopes,
    logoutUrls,
    corsOrigins: props.corsAllowOrigins ?? originsOf(props.callbackUrls),
    stageName,
    ...tokenValidities,
    removalPolicy,
    featurePlan,
    mfa: props.mfa ?? cognito.Mfa.OPTIONAL,
    deletionProtection: props.deletionProtection ?? removalPolicy !== RemovalPolicy.DESTROY,
    passwordPolicy: props.passwordPolicy ?? DEFAULT_PASSWORD_POLICY,
    managedLoginVersion: props.managedLoginVersion ?? cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    accessLogRetention: props.accessLogRetention ?? logs.RetentionDays.ONE_YEAR,
    executionLoggingLevel: props.executionLoggingLevel ?? apigateway.MethodLoggingLevel.ERROR,
    cloudWatchRole: props.cloudWatchRole ?? true,
    tracingEnabled: props.tracingEnabled ?? false,
    throttlingRateLimit,
    throttlingBurstLimit,
  };
}
