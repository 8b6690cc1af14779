import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ApiScope } from '../../scope';
import { ApiUserGroup } from '../../user-group';

/**
 * The Cognito half's props after every rule has been checked and every default applied, once:
 * what the pool, the domain, the clients, the groups and the providers are built from. Nothing
 * else reads `CognitoAuthProps`.
 */
export interface CognitoSettings {
  /** The pool given in `userPool`, if any. */
  readonly userPool?: cognito.IUserPool;
  /** The domain given in `userPoolDomain`, if any. */
  readonly userPoolDomain?: cognito.IUserPoolDomain;
  readonly domainPrefix?: string;
  readonly customDomainName?: string;
  readonly customDomainCertificate?: acm.ICertificate;
  /** The pages the domain serves. */
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
  /** Whether `managedLoginVersion` was given (an adopted domain's own setting wins otherwise). */
  readonly managedLoginVersionGiven: boolean;

  readonly userPoolName?: string;
  readonly selfSignUpEnabled: boolean;
  readonly passwordPolicy: cognito.PasswordPolicy;
  readonly mfa: cognito.Mfa;
  readonly featurePlan: cognito.FeaturePlan;
  readonly deletionProtection: boolean;
  /** The first factors, when given (none: password only, and no sign-in policy). */
  readonly allowedFirstAuthFactors?: cognito.AllowedFirstAuthFactors;
  /** Whether a passkey or a code is among the first factors (choice-based sign-in). */
  readonly passwordless: boolean;
  readonly passkeyUserVerification?: cognito.PasskeyUserVerification;
  readonly email?: cognito.UserPoolEmail;
  /** Of the pool the construct creates, and of every log group it makes. */
  readonly removalPolicy: RemovalPolicy;

  readonly resourceServerIdentifier: string;
  readonly scopes: ApiScope[];
  /** The short names of `scopes`, in order. */
  readonly scopeNames: string[];
  /** The short names of the scopes the browser client requests. */
  readonly clientScopes: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  readonly accessTokenValidity: Duration;
  readonly idTokenValidity: Duration;
  readonly refreshTokenValidity: Duration;
  /** Turns rotation on for the browser client when set. */
  readonly refreshTokenRotationGracePeriod?: Duration;
  readonly allowUserPasswordAuth: boolean;
  readonly userPoolSignIn: boolean;
  readonly userGroups: ApiUserGroup[];

  /** The key of every log group the construct makes (`accessLogEncryptionKey`). */
  readonly logEncryptionKey?: kms.IKey;
  /** Whether the construct's functions and stages are traced with X-Ray. */
  readonly tracingEnabled: boolean;
}
