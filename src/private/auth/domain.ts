import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { CognitoSettings } from './settings';
import { AdoptedPool, samePool } from './user-pool';
import { fail, isToken, show } from '../errors';

/*
 * The pool's login domain: adopted from `userPoolDomain`, or a Cognito prefix or custom domain
 * the construct adds; the managed login branding its pages need; the rule that a pool has one
 * domain of each kind; and the rules of the domain props.
 *
 * Sources, in the Amazon Cognito API reference and developer guide:
 * - CreateUserPoolDomain: Domain is 1-63 of `^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`; a prefix
 *   domain may not contain `aws`, `amazon` or `cognito`.
 * - A user pool has at most one Cognito prefix domain and one custom domain.
 */

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

/**
 * The domain given in `userPoolDomain`, or a new prefix or custom domain on the pool.
 */
export function adoptOrAddDomain(pool: AdoptedPool, settings: CognitoSettings): AdoptedDomain {
  if (settings.userPoolDomain) {
    return adoptDomain(settings.userPoolDomain, pool.userPool, settings);
  }
  if (!pool.createdPool) {
    refuseSecondDomain(pool.childScope, pool.userPool, settings.customDomainName !== undefined);
  }
  const createdDomain = new cognito.UserPoolDomain(pool.childScope, 'Domain', {
    userPool: pool.userPool,
    cognitoDomain: settings.domainPrefix !== undefined ? { domainPrefix: settings.domainPrefix } : undefined,
    customDomain: settings.customDomainName !== undefined && settings.customDomainCertificate
      ? { domainName: settings.customDomainName, certificate: settings.customDomainCertificate }
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
function adoptDomain(domain: cognito.IUserPoolDomain, userPool: cognito.IUserPool, settings: CognitoSettings): AdoptedDomain {
  if (domain instanceof cognito.UserPoolDomain) {
    const cfn = domain.node.defaultChild as cognito.CfnUserPoolDomain;
    if (samePool(cfn.userPoolId, cfn, userPool.userPoolId, userPool) === false) {
      fail(`userPoolDomain ${show(domain.node.path)} belongs to another user pool than userPool `
        + `${show(userPool.node.path)}: pass the domain of the pool the API trusts`);
    }
    const version = cfn.managedLoginVersion === 2
      ? cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN
      : cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI;
    if (settings.managedLoginVersionGiven && settings.managedLoginVersion !== version) {
      fail(`managedLoginVersion ${show(settings.managedLoginVersion)} disagrees with userPoolDomain `
        + `${show(domain.node.path)}, which serves version ${show(version)}: drop managedLoginVersion, the domain's `
        + 'own setting is used');
    }
    return { domain, baseUrl: domain.baseUrl(), managedLoginVersion: version };
  }
  const name = domain.domainName;
  if (Token.isUnresolved(name)) {
    fail(`userPoolDomain ${show(domain.node.path)} has a name only known at deploy time, so the construct `
      + 'cannot tell a Cognito prefix from a custom domain: import it with its literal name '
      + '(cognito.UserPoolDomain.fromDomainName(this, id, "my-prefix" or "auth.example.com")), or pass the '
      + 'UserPoolDomain construct itself');
  }
  if (name.includes('://') || name.includes('/')) {
    fail(`userPoolDomain name ${show(name)} is invalid: give the domain alone, a Cognito prefix such as `
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

/**
 * Cognito prefix domains are unique in a region, across every AWS account: a second domain with
 * the prefix of another in the app, in a stack of the same region, fails on deploy (or, in
 * another account, where the first is already deployed). Advice, not an error: the first may
 * never be deployed alongside it. Stacks without a region count as one region.
 */
export function warnOfSharedPrefix(owner: Construct, domain: AdoptedDomain): void {
  const created = domain.createdDomain?.node.defaultChild as cognito.CfnUserPoolDomain | undefined;
  const prefix = created?.domain;
  if (!created || prefix === undefined || created.customDomainConfig !== undefined || Token.isUnresolved(prefix)) {
    return;
  }
  const region = Stack.of(created).region;
  const other = owner.node.root.node.findAll()
    .filter((c): c is cognito.CfnUserPoolDomain => c instanceof cognito.CfnUserPoolDomain && c !== created)
    .find((d) => d.domain === prefix && d.customDomainConfig === undefined && Stack.of(d).region === region);
  if (other) {
    const where = Token.isUnresolved(region) ? 'in a stack whose region is also chosen at deploy time' : `in the same region, ${show(region)}`;
    Annotations.of(owner).addWarningV2('cdk-cognito-protected-api:sharedDomainPrefix',
      `domainPrefix ${show(prefix)} is also the prefix of ${show(other.node.path)}, ${where}: Cognito prefix domains are `
      + 'unique in a region across all AWS accounts, so the second one fails to deploy; give each stage or environment '
      + `its own prefix, such as ${show(`${prefix}-dev`.slice(0, 63))}`);
  }
}

/** Cognito gives a pool at most one prefix domain and one custom domain. */
function refuseSecondDomain(scope: IConstruct, userPool: cognito.IUserPool, custom: boolean): void {
  const existing = scope.node.root.node.findAll()
    .filter((c): c is cognito.CfnUserPoolDomain => c instanceof cognito.CfnUserPoolDomain)
    .find((d) => samePool(d.userPoolId, d, userPool.userPoolId, userPool) === true && (d.customDomainConfig !== undefined) === custom);
  if (existing) {
    const kind = custom ? 'custom domain' : 'Cognito prefix domain';
    const prop = custom ? 'customDomainName' : 'domainPrefix';
    fail(`${prop} would add a second ${kind} to userPool ${show(userPool.node.path)}, which already has `
      + `${show(existing.node.path)}: Cognito allows one ${kind} a pool; pass that domain as userPoolDomain instead`);
  }
}

/**
 * Managed login (version 2) answers "Login pages unavailable" for a client without a branding:
 * give the browser client Cognito's provided style, so that its pages work right after deploy.
 * Nothing with the classic hosted UI.
 */
export function brandManagedLogin(scope: Construct, domain: AdoptedDomain, userPool: cognito.IUserPool,
  client: cognito.IUserPoolClient): cognito.CfnManagedLoginBranding | undefined {
  if (domain.managedLoginVersion !== cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
    return undefined;
  }
  return new cognito.CfnManagedLoginBranding(scope, 'ManagedLoginBranding', {
    userPoolId: userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: true,
  });
}

/** Which domain props were given; `userPoolDomain` and `userPool` only say whether they were. */
export interface DomainChoice {
  readonly domainPrefix?: string;
  readonly customDomainName?: string;
  readonly customDomainCertificate?: ICertificate;
  readonly userPoolDomain: boolean;
  readonly userPool: boolean;
}

/**
 * Exactly one login domain: the pool's existing one (`userPoolDomain`, only with `userPool`), a
 * Cognito prefix, or a custom domain with its certificate.
 */
export function validateDomainChoice(choice: DomainChoice): void {
  const { domainPrefix: prefix, customDomainName, customDomainCertificate: certificate } = choice;
  const given = [
    choice.userPoolDomain ? 'userPoolDomain' : undefined,
    prefix !== undefined ? `domainPrefix ${show(prefix)}` : undefined,
    customDomainName !== undefined ? `customDomainName ${show(customDomainName)}` : undefined,
  ].filter((name): name is string => name !== undefined);
  if (given.length > 1) {
    const [both, which] = given.length === 2 ? ['both', 'the two'] : ['all', 'them'];
    fail(`${given.join(' and ')} are ${both} set: the login pages and OAuth endpoints live on one domain; `
      + `keep one of ${which}`);
  }
  if (given.length === 0) {
    fail(choice.userPool
      ? 'userPool is set but no login domain is: pass the pool\'s existing domain as userPoolDomain '
        + '(cognito.UserPoolDomain.fromDomainName(...) for a pool made outside this app), or let the construct add '
        + 'one with domainPrefix or customDomainName'
      : 'neither domainPrefix nor customDomainName is set: give a Cognito domain prefix (domainPrefix), '
        + 'or your own domain (customDomainName with customDomainCertificate)');
  }
  if (choice.userPoolDomain && !choice.userPool) {
    fail('userPoolDomain is set without userPool: a pool the construct creates has no domain yet; pass the pool '
      + 'the domain belongs to as userPool, or let the construct add a domain with domainPrefix or customDomainName');
  }
  if (customDomainName !== undefined) {
    validateCustomDomainName(customDomainName);
    if (!certificate) {
      fail(`customDomainName ${show(customDomainName)} needs customDomainCertificate: an ACM certificate for it, `
        + 'in us-east-1');
    }
    validateCertificateRegion(certificate);
  } else if (certificate) {
    fail('customDomainCertificate is set without customDomainName: give the domain it is for, or drop it');
  }
}

function validateCustomDomainName(name: string): void {
  if (isToken(name)) {
    return;
  }
  if (!/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(name)) {
    fail(`customDomainName ${show(name)} is invalid: use a lowercase domain name such as auth.example.com, `
      + 'without scheme, port or path');
  }
}

/** Cognito serves custom domains through CloudFront, which takes certificates from us-east-1. */
function validateCertificateRegion(certificate: ICertificate): void {
  const arn = certificate.certificateArn;
  if (isToken(arn)) {
    return;
  }
  const region = arn.split(':')[3];
  if (region !== 'us-east-1') {
    fail(`customDomainCertificate ${show(arn)} is in ${show(region)}: Cognito serves custom domains through `
      + 'CloudFront, which needs the certificate in us-east-1; request or import it there');
  }
}

export function validateDomainPrefix(prefix: string): void {
  if (isToken(prefix)) {
    return;
  }
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    fail(`domainPrefix ${show(prefix)} is invalid: use 1-63 lowercase letters, digits and hyphens, `
      + 'not starting or ending with a hyphen');
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (reserved) {
    fail(`domainPrefix ${show(prefix)} is invalid: it contains "${reserved}", and Cognito reserves the words `
      + '"aws", "amazon" and "cognito" in prefix domains; choose a prefix without them');
  }
}
