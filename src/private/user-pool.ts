import { Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { REASONS, acknowledge } from './acknowledgements';
import { Settings } from './settings';
import { show } from './validation';

/*
 * The user pool and its login domain: created by the construct, or adopted from the props
 * (`userPool`, `userPoolDomain`), and the checks that only the whole app can answer (one
 * resource server per identifier on a pool, one domain of each kind on a pool).
 */

/** The pool the API trusts and where its pieces go. */
export interface AdoptedPool {
  /** The pool whose tokens the API accepts. */
  readonly userPool: cognito.IUserPool;
  /** The pool, when the construct created it (undefined for a pool given in `userPool`). */
  readonly createdPool?: cognito.UserPool;
  /**
   * Where the resource server, the browser client and a new domain go: under the pool the
   * construct created (their ids since the first release), or under the construct itself, so
   * that they live in the construct's stack whatever stack the given pool is in.
   */
  readonly childScope: Construct;
}

/** The pool's login domain and the base URL of its pages and OAuth endpoints. */
export interface AdoptedDomain {
  readonly domain: cognito.IUserPoolDomain;
  /** The domain, when the construct created it. */
  readonly createdDomain?: cognito.UserPoolDomain;
  /** `https://...` without a trailing slash. */
  readonly baseUrl: string;
  /** The login pages the domain serves, when the construct can tell. */
  readonly managedLoginVersion: cognito.ManagedLoginVersion;
}

/** The pool given in `userPool`, or a new one made with the construct's secure defaults. */
export function adoptOrCreatePool(scope: Construct, settings: Settings): AdoptedPool {
  const given = settings.props.userPool;
  if (given) {
    return { userPool: given, childScope: scope };
  }
  const createdPool = createUserPool(scope, settings);
  return { userPool: createdPool, createdPool, childScope: createdPool };
}

function createUserPool(scope: Construct, settings: Settings): cognito.UserPool {
  const { featurePlan, mfa } = settings;
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    userPoolName: settings.props.userPoolName,
    signInAliases: { email: true },
    selfSignUpEnabled: settings.props.selfSignUpEnabled ?? true,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    userVerification: {
      emailStyle: cognito.VerificationEmailStyle.CODE,
      emailSubject: 'Verify your email address',
      emailBody: 'Your verification code is {####}',
    },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: settings.passwordPolicy,
    mfa,
    mfaSecondFactor: mfa === cognito.Mfa.OFF ? undefined : { otp: true, sms: false },
    featurePlan,
    standardThreatProtectionMode: featurePlan === cognito.FeaturePlan.PLUS
      ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
      : undefined,
    deletionProtection: settings.deletionProtection,
    removalPolicy: settings.removalPolicy,
  });
  // Only on the pool the construct made: the settings of a pool you pass are yours to answer for.
  if (featurePlan !== cognito.FeaturePlan.PLUS) {
    acknowledge(userPool, ['COG8'], REASONS.featurePlan);
  }
  if (mfa !== cognito.Mfa.REQUIRED) {
    acknowledge(userPool, ['COG2'], REASONS.mfa);
  }
  return userPool;
}

/**
 * The domain given in `userPoolDomain`, or a new prefix or custom domain on the pool.
 */
export function adoptOrAddDomain(pool: AdoptedPool, settings: Settings): AdoptedDomain {
  const { props } = settings;
  if (props.userPoolDomain) {
    return adoptDomain(props.userPoolDomain, pool.userPool, settings);
  }
  if (!pool.createdPool) {
    refuseSecondDomain(pool.childScope, pool.userPool, props.customDomainName !== undefined);
  }
  const createdDomain = new cognito.UserPoolDomain(pool.childScope, 'Domain', {
    userPool: pool.userPool,
    cognitoDomain: props.domainPrefix !== undefined ? { domainPrefix: props.domainPrefix } : undefined,
    customDomain: props.customDomainName !== undefined && props.customDomainCertificate
      ? { domainName: props.customDomainName, certificate: props.customDomainCertificate }
      : undefined,
    managedLoginVersion: settings.managedLoginVersion,
  });
  return {
    domain: createdDomain,
    createdDomain,
    baseUrl: createdDomain.baseUrl(),
    managedLoginVersion: settings.managedLoginVersion,
  };
}

/**
 * A domain made with aws-cdk-lib in this app knows its kind and its pages. An imported one
 * (`UserPoolDomain.fromDomainName`) only has its name: without a dot it is a Cognito prefix in
 * the pool's region, with dots a custom domain.
 */
function adoptDomain(domain: cognito.IUserPoolDomain, userPool: cognito.IUserPool, settings: Settings): AdoptedDomain {
  if (domain instanceof cognito.UserPoolDomain) {
    const cfn = domain.node.defaultChild as cognito.CfnUserPoolDomain;
    if (samePool(cfn, cfn.userPoolId, userPool) === false) {
      throw new Error(`userPoolDomain ${show(domain.node.path)} belongs to another user pool than userPool `
        + `${show(userPool.node.path)}: pass the domain of the pool the API trusts`);
    }
    const version = cfn.managedLoginVersion === 2
      ? cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN
      : cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI;
    if (settings.props.managedLoginVersion !== undefined && settings.props.managedLoginVersion !== version) {
      throw new Error(`managedLoginVersion ${show(settings.props.managedLoginVersion)} disagrees with userPoolDomain `
        + `${show(domain.node.path)}, which serves version ${show(version)}: drop managedLoginVersion, the domain's `
        + 'own setting is used');
    }
    return { domain, baseUrl: domain.baseUrl(), managedLoginVersion: version };
  }
  const name = domain.domainName;
  if (Token.isUnresolved(name)) {
    throw new Error(`userPoolDomain ${show(domain.node.path)} has a name only known at deploy time, so the construct `
      + 'cannot tell a Cognito prefix from a custom domain: import it with its literal name '
      + '(cognito.UserPoolDomain.fromDomainName(this, id, "my-prefix" or "auth.example.com")), or pass the '
      + 'UserPoolDomain construct itself');
  }
  if (name.includes('://') || name.includes('/')) {
    throw new Error(`userPoolDomain name ${show(name)} is invalid: give the domain alone, a Cognito prefix such as `
      + '"my-prefix" or a custom domain such as "auth.example.com", without scheme or path');
  }
  const baseUrl = name.includes('.')
    ? `https://${name}`
    : `https://${name}.auth.${userPool.env.region}.amazoncognito.com`;
  return {
    domain,
    baseUrl,
    managedLoginVersion: settings.managedLoginVersion,
  };
}

/** Cognito gives a pool at most one prefix domain and one custom domain. */
function refuseSecondDomain(scope: IConstruct, userPool: cognito.IUserPool, custom: boolean): void {
  const existing = scope.node.root.node.findAll()
    .filter((c): c is cognito.CfnUserPoolDomain => c instanceof cognito.CfnUserPoolDomain)
    .find((d) => samePool(d, d.userPoolId, userPool) === true && (d.customDomainConfig !== undefined) === custom);
  if (existing) {
    const kind = custom ? 'custom domain' : 'Cognito prefix domain';
    const prop = custom ? 'customDomainName' : 'domainPrefix';
    throw new Error(`${prop} would add a second ${kind} to userPool ${show(userPool.node.path)}, which already has `
      + `${show(existing.node.path)}: Cognito allows one ${kind} a pool; pass that domain as userPoolDomain instead`);
  }
}

/**
 * Two APIs on one pool with the same resource server identifier would collide at deploy time:
 * the second resource server would overwrite the first one's scopes.
 */
export function refuseDuplicateResourceServer(scope: IConstruct, userPool: cognito.IUserPool, identifier: string): void {
  if (Token.isUnresolved(identifier)) {
    return;
  }
  const existing = scope.node.root.node.findAll()
    .filter((c): c is cognito.CfnUserPoolResourceServer => c instanceof cognito.CfnUserPoolResourceServer)
    .find((server) => server.identifier === identifier && samePool(server, server.userPoolId, userPool) === true);
  if (existing) {
    throw new Error(`resourceServerIdentifier ${show(identifier)} is already used on userPool ${show(userPool.node.path)} `
      + `by ${show(existing.node.path)}: every API on a shared pool needs its own identifier, since tokens name `
      + 'scopes as <identifier>/<scope>; choose another one');
  }
}

/**
 * Whether a resource's `UserPoolId` names `userPool`: `true` or `false` when that can be told at
 * synth time, `undefined` when not. Every reference to one pool made with aws-cdk-lib carries the
 * same id (the same literal, or the same token), and two pools in one stack differ in what their
 * tokens resolve to; other pairs cannot be compared.
 */
function samePool(resource: IConstruct, userPoolId: string, userPool: cognito.IUserPool): boolean | undefined {
  if (userPoolId === userPool.userPoolId) {
    return true;
  }
  const tokens = [userPoolId, userPool.userPoolId].filter((id) => Token.isUnresolved(id)).length;
  if (tokens === 0) {
    return false;
  }
  const stack = Stack.of(resource);
  if (tokens === 1 || stack !== Stack.of(userPool)) {
    return undefined;
  }
  return JSON.stringify(stack.resolve(userPoolId)) === JSON.stringify(stack.resolve(userPool.userPoolId));
}
