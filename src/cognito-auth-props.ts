import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ApiScope } from './scope';
import { ApiUserGroup } from './user-group';

/**
 * The Cognito half of a protected API, shared by every kind of API in front of it: the user
 * pool (created or adopted), its login domain, the resource server and its scopes, the browser
 * client, user groups and their trigger, and the settings the construct's log groups and traces
 * share.
 */
export interface CognitoAuthProps {
  /**
   * A user pool you already have, to protect the API with instead of a new one: made with
   * aws-cdk-lib in this app (in any stack of it, e.g. another `ProtectedApiWithCognito`'s
   * `userPool`), or imported with `UserPool.fromUserPoolId` or `UserPool.fromUserPoolArn`.
   * The construct adds the API's resource server and browser client to it, and trusts no
   * other pool. The props that shape a new pool (`userPoolName`, `selfSignUpEnabled`,
   * `passwordPolicy`, `mfa`, `featurePlan`, `deletionProtection`, `email`, `allowedFirstAuthFactors`,
   * `passkeyUserVerification`) cannot be given with it.
   *
   * @default - a new user pool with the construct's secure defaults
   */
  readonly userPool?: cognito.IUserPool;

  /**
   * The existing login domain of `userPool`, e.g. another `ProtectedApiWithCognito`'s
   * `userPoolDomain`, a `UserPoolDomain` of the app, or one imported with
   * `UserPoolDomain.fromDomainName`: an imported name without a dot is a Cognito prefix in the
   * pool's region, one with dots a custom domain. Give exactly one of this, `domainPrefix` and
   * `customDomainName`.
   *
   * @default - none; then `domainPrefix` or `customDomainName` adds a domain
   */
  readonly userPoolDomain?: cognito.IUserPoolDomain;

  /**
   * The prefix of the Cognito domain that serves the login pages and the OAuth 2.0
   * endpoints: `https://<domainPrefix>.auth.<region>.amazoncognito.com`. Give exactly one of
   * this, `customDomainName` and `userPoolDomain`.
   *
   * @default - none; then `customDomainName` or `userPoolDomain` must be given
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  readonly domainPrefix?: string;

  /**
   * Your own domain for the login pages and OAuth 2.0 endpoints, e.g. `auth.example.com`,
   * instead of a Cognito prefix domain. After deploying, point an alias record of it at the
   * `DomainAliasTarget` output; its parent domain needs an A record too.
   *
   * @default - none; then `domainPrefix` or `userPoolDomain` must be given
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
   */
  readonly customDomainName?: string;

  /**
   * The ACM certificate for `customDomainName`. Cognito serves custom domains through
   * CloudFront, so the certificate must be in us-east-1.
   *
   * @default - none; required with `customDomainName`
   */
  readonly customDomainCertificate?: acm.ICertificate;

  /**
   * Which login pages the domain serves. Managed login (version 2) gets a branding with
   * Cognito's provided style for the browser client, so its pages work right after deploy.
   * With an imported `userPoolDomain`, say which pages that domain serves; a `UserPoolDomain`
   * of the app says it itself.
   *
   * @default ManagedLoginVersion.NEWER_MANAGED_LOGIN
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
   */
  readonly managedLoginVersion?: cognito.ManagedLoginVersion;

  /**
   * Where Cognito may send users after they sign out. The first one is used in the
   * `LogoutUrl` output.
   *
   * @default - none; no sign-out redirect
   */
  readonly logoutUrls?: string[];

  /**
   * The identifier of the API's resource server, e.g. `awesomeapi-resource-server`.
   * Access tokens carry the API's scopes as `<identifier>/<scope name>`.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly resourceServerIdentifier: string;

  /**
   * The API's custom scopes. The browser client may request all of them; each method
   * names the ones it accepts.
   */
  readonly scopes: ApiScope[];

  /**
   * The short names of the scopes the browser client may request (besides `openid`). Leave
   * out scopes meant only for other clients, such as administrators' tools.
   *
   * @default - every scope in `scopes`
   */
  readonly clientScopes?: string[];

  /**
   * Where Cognito may send the user back with an authorization code. The first one is used
   * in the `AuthorizeUrl` output.
   */
  readonly callbackUrls: string[];

  /**
   * How long access tokens are valid.
   *
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;

  /**
   * How long ID tokens are valid.
   *
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;

  /**
   * How long refresh tokens are valid.
   *
   * @default Duration.days(1)
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * What happens to the user pool and the access log group when they leave the stack. They
   * hold your users' accounts and records of their calls, so they are kept by default. With
   * `userPool`, it applies to the access log group only: the pool you pass keeps its own.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Whether anyone may sign up from the hosted login page. When off, only administrators
   * create users.
   *
   * @default true
   */
  readonly selfSignUpEnabled?: boolean;

  /**
   * Whether the browser client may also sign users in by sending their password directly
   * (`ALLOW_USER_PASSWORD_AUTH`), as scripts and tests sometimes do. The hosted login pages
   * do not need it.
   *
   * @default false
   */
  readonly allowUserPasswordAuth?: boolean;

  /**
   * The user pool's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly userPoolName?: string;

  /**
   * The password rules of the user pool.
   *
   * @default - at least 12 characters with lowercase and uppercase letters, digits and
   * symbols; temporary passwords valid for 3 days
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
   */
  readonly passwordPolicy?: cognito.PasswordPolicy;

  /**
   * Whether users need a second factor (an authenticator app) to sign in.
   *
   * @default Mfa.OPTIONAL - users may add an authenticator app
   */
  readonly mfa?: cognito.Mfa;

  /**
   * The user pool's feature plan. `PLUS` adds threat protection (turned on in full-function
   * mode here) at a higher price per monthly active user.
   *
   * @default FeaturePlan.ESSENTIALS
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
   */
  readonly featurePlan?: cognito.FeaturePlan;

  /**
   * What users may sign in with first, on a pool the construct creates: a password (always on,
   * as Cognito requires), a passkey (WebAuthn: Face ID, Touch ID, Windows Hello, a security
   * key) or a one-time code sent by email. With a passkey or a code, the login pages let users
   * choose (choice-based sign-in): the construct then sets the pool's sign-in policy, the
   * passkey relying party id (the login domain: `customDomainName`, or
   * `<domainPrefix>.auth.<region>.amazoncognito.com`), and the browser client's
   * `ALLOW_USER_AUTH` flow. Needs the `ESSENTIALS` or `PLUS` feature plan and managed login
   * (version 2); email codes need `email` sent through Amazon SES. SMS codes need an SMS
   * configuration and phone numbers, which a pool the construct creates has not: create such a
   * pool yourself and pass it as `userPool`.
   *
   * @default - password only
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-managedlogin.html
   */
  readonly allowedFirstAuthFactors?: cognito.AllowedFirstAuthFactors;

  /**
   * Whether a passkey must verify its user (a PIN, a fingerprint, a face) or only should.
   * Needs `passkey` in `allowedFirstAuthFactors`.
   *
   * @default - Cognito's default, PasskeyUserVerification.PREFERRED
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
   */
  readonly passkeyUserVerification?: cognito.PasskeyUserVerification;

  /**
   * How the pool the construct creates sends email (verification codes, sign-in codes).
   * Email codes in `allowedFirstAuthFactors` need `cognito.UserPoolEmail.withSES(...)`.
   *
   * @default - Cognito's own email, with its daily limit
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
   */
  readonly email?: cognito.UserPoolEmail;

  /**
   * Turns refresh token rotation on for the browser client: each refresh then returns a new
   * refresh token and retires the one used, after this grace period (0 to 60 seconds, whole
   * seconds) in which the old one still works, for retries. Rotation refuses the
   * `REFRESH_TOKEN_AUTH` API flow; the token endpoint's `refresh_token` grant, which browser
   * apps use, keeps working. Machine clients have no such option: the client-credentials
   * grant issues no refresh token.
   *
   * @default - no rotation: a refresh token stays valid until it expires or is revoked
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
   */
  readonly refreshTokenRotationGracePeriod?: Duration;

  /**
   * Whether the user pool refuses to be deleted (by CloudFormation or anyone else) until this
   * is turned off.
   *
   * @default - true, unless `removalPolicy` is `DESTROY`
   */
  readonly deletionProtection?: boolean;

  /**
   * Whether to trace requests with AWS X-Ray: the REST API's stage and the construct's trigger
   * function. HTTP APIs have no X-Ray tracing, so on `ProtectedHttpApiWithCognito` only the
   * trigger function is traced.
   *
   * @default false
   */
  readonly tracingEnabled?: boolean;

  /**
   * Whether users may sign in with an email address and a password kept in the user pool.
   * Turn it off for single sign-on only: then the login page offers only the providers added
   * with `addIdentityProvider` (at least one is needed), and `allowUserPasswordAuth` must stay
   * off.
   *
   * @default true
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly userPoolSignIn?: boolean;

  /**
   * Cognito user groups that grant scopes. A scope that some group lists is restricted: a
   * user's access token carries it only when the user belongs to a group that lists it; a
   * scope no group lists goes to every signed-in user. The construct creates one group per
   * entry and a pre token generation trigger (event version 2) that takes the restricted
   * scopes a user may not have out of the access token; it never adds one. If the trigger
   * fails, Cognito refuses the sign-in. Machine clients are not affected. Needs the
   * `ESSENTIALS` or `PLUS` feature plan.
   *
   * @default - no groups: every signed-in user gets every scope the browser client requests
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
   */
  readonly userGroups?: ApiUserGroup[];

  /**
   * A KMS key to encrypt the stage's access log group, and every other log group the
   * construct makes, with. A key defined in your app gets a key policy statement that lets
   * CloudWatch Logs in the stack's region use it for those log groups. The policy of an imported
   * key must say so itself: allow the service principal `logs.<region>.amazonaws.com`
   * `kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`, `kms:GenerateDataKey*` and `kms:Describe*`
   * on condition that `kms:EncryptionContext:aws:logs:arn` is like
   * `arn:<partition>:logs:<region>:<account>:log-group:API-Gateway-Access-Logs_*` (with
   * `userGroups`, also `.../log-group:/aws/lambda/*`, the trigger's log group), or the deploy
   * fails.
   *
   * @default - the log groups are encrypted with the key CloudWatch Logs manages
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly accessLogEncryptionKey?: kms.IKey;
}
