import { Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { CognitoSettings } from './settings';
import { passkeyRelyingPartyId, validateEmailForCodes } from './sign-in-policy';
import { REASONS, acknowledge } from '../acknowledgements';
import { fail, show } from '../errors';

/*
 * The user pool: created by the construct, or adopted from `userPool`; the rule that a pool you
 * pass keeps its own settings; the one check of whether a resource names the API's pool; and
 * the check that only the whole app can answer (one resource server per identifier on a pool).
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

/** The pool given in `userPool`, or a new one made with the construct's secure defaults. */
export function adoptOrCreatePool(scope: Construct, settings: CognitoSettings): AdoptedPool {
  const given = settings.userPool;
  if (given) {
    validatePoolRegion(scope, given);
    return { userPool: given, childScope: scope };
  }
  const createdPool = createUserPool(scope, settings);
  return { userPool: createdPool, createdPool, childScope: createdPool };
}

function createUserPool(scope: Construct, settings: CognitoSettings): cognito.UserPool {
  const { featurePlan, mfa } = settings;
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    userPoolName: settings.userPoolName,
    signInAliases: { email: true },
    selfSignUpEnabled: settings.selfSignUpEnabled,
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
    signInPolicy: settings.allowedFirstAuthFactors ? { allowedFirstAuthFactors: settings.allowedFirstAuthFactors } : undefined,
    passkeyRelyingPartyId: passkeyRelyingPartyId(settings, Stack.of(scope)),
    passkeyUserVerification: settings.passkeyUserVerification,
    email: settings.email,
    deletionProtection: settings.deletionProtection,
    removalPolicy: settings.removalPolicy,
  });
  validateEmailForCodes(userPool, settings.allowedFirstAuthFactors);
  // Only on the pool the construct made: the settings of a pool you pass are yours to answer for.
  if (featurePlan !== cognito.FeaturePlan.PLUS) {
    acknowledge(userPool, ['COG8'], REASONS.featurePlan);
  }
  if (mfa !== cognito.Mfa.REQUIRED) {
    acknowledge(userPool, ['COG2'], REASONS.mfa);
  }
  return userPool;
}

/** A pool id names its region: `<region>_<letters and digits>`. */
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/**
 * The region of a pool, when synth time knows it: the one its id names (`us-east-1_AbCdEf123`),
 * or else the region of its environment (the one in the ARN of `fromUserPoolArn`, or of the stack
 * it was made in).
 */
export function poolRegion(userPool: cognito.IUserPool): string | undefined {
  const id = userPool.userPoolId;
  const fromId = Token.isUnresolved(id) ? undefined : POOL_ID.exec(id)?.[1];
  if (fromId) {
    return fromId;
  }
  return Token.isUnresolved(userPool.env.region) ? undefined : userPool.env.region;
}

/**
 * The construct adds a resource server and app clients to the pool, and CloudFormation creates
 * them in the stack's region, where a pool of another region does not exist (Cognito's API is
 * regional); the pool's login domain and token issuer are in its own region too. So a pool in
 * another region than the stack's cannot be right: refuse it, rather than deploy URLs of the
 * wrong region or fail minutes into the deploy.
 */
function validatePoolRegion(scope: Construct, userPool: cognito.IUserPool): void {
  const stack = Stack.of(scope);
  const region = poolRegion(userPool);
  if (region === undefined || Token.isUnresolved(stack.region) || region === stack.region) {
    return;
  }
  const id = Token.isUnresolved(userPool.userPoolId) ? '' : ` (${show(userPool.userPoolId)})`;
  fail(`userPool ${show(userPool.node.path)}${id} is in ${show(region)}, but the stack ${show(stack.node.path)} is in `
    + `${show(stack.region)}: the construct adds a resource server and app clients to the pool, which CloudFormation `
    + 'can only create in the pool\'s region, where its login domain and token issuer are too; put the API in a stack '
    + `in ${show(region)}`);
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
    .find((server) => server.identifier === identifier && samePool(server.userPoolId, server, userPool.userPoolId, userPool) === true);
  if (existing) {
    fail(`resourceServerIdentifier ${show(identifier)} is already used on userPool ${show(userPool.node.path)} `
      + `by ${show(existing.node.path)}: every API on a shared pool needs its own identifier, since tokens name `
      + 'scopes as <identifier>/<scope>; choose another one');
  }
}

/**
 * Whether the pool id `a` (of a resource in `aScope`) names the same pool as `b` (in `bScope`):
 * `true` or `false` when that can be told at synth time, `undefined` when not. Two ids written
 * alike are one pool, two different literals two pools; two references (`Ref`, `Fn::GetAtt`)
 * are one pool when they point at the same attribute of the same resource, whatever stack they
 * are in; other values of one stack are one pool when they resolve alike, and two pools when two
 * tokens resolve differently; any other pair (a literal and a token that resolves to something
 * else, tokens of two stacks) cannot be compared.
 */
export function samePool(a: string, aScope: IConstruct, b: string, bScope: IConstruct): boolean | undefined {
  if (a === b) {
    return true;
  }
  const tokens = [a, b].filter((id) => Token.isUnresolved(id)).length;
  if (tokens === 0) {
    return false;
  }
  const refA = Tokenization.reverseString(a).firstToken;
  const refB = Tokenization.reverseString(b).firstToken;
  if (Reference.isReference(refA) && Reference.isReference(refB)) {
    return refA.target === refB.target && refA.displayName === refB.displayName;
  }
  const stack = Stack.of(aScope);
  if (stack !== Stack.of(bScope)) {
    return undefined;
  }
  const alike = JSON.stringify(stack.resolve(a)) === JSON.stringify(stack.resolve(b));
  // A token may resolve to a literal; one that does not may still be that pool's id at deploy time.
  return alike || (tokens === 1 ? undefined : false);
}

/**
 * With `userPool`, the props that shape a new pool would be silently ignored: refuse each one.
 */
export function validateNoPoolShapingProps(props: Record<string, unknown>): void {
  const given = Object.entries(props).filter(([, value]) => value !== undefined).map(([name]) => name);
  if (given.length > 0) {
    fail(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set together with userPool: `
      + `${given.length === 1 ? 'it shapes' : 'they shape'} a user pool the construct creates, and the pool you pass `
      + 'keeps its own settings; change them on that pool, or drop userPool to let the construct create one');
  }
}
