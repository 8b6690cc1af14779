import { Annotations, CfnResource, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { encodeQueryValue } from './urls';
import { samePool } from './user-pool';
import { fail, show } from '../errors';

/*
 * The identity providers the browser client offers besides (or instead of) the pool's own
 * email-and-password sign-in: Google, Apple, Facebook, Amazon, OpenID Connect and SAML, made by
 * users with aws-cdk-lib's own constructs and handed to `addIdentityProvider`.
 *
 * The client's `SupportedIdentityProviders` is a lazy list, so that providers added after the
 * client exist still end up on it, and the client depends on every provider it lists: Cognito
 * refuses a client that names a provider the pool does not have yet (aws/aws-cdk#15850).
 */

/** The provider name Cognito gives the pool's own users. */
const COGNITO = cognito.UserPoolClientIdentityProvider.COGNITO.name;

/** The CloudFormation type of a provider's L1. */
const PROVIDER_TYPE = 'AWS::Cognito::UserPoolIdentityProvider';

/** The keys of `ProviderDetails` that hold a secret. */
const SECRET_DETAILS = ['client_secret', 'private_key'];

/** How to pass the secret of each provider type through AWS Secrets Manager instead. */
const SECRET_FIX = new Map<string, string>([
  ['Google', 'clientSecretValue: SecretValue.secretsManager(\'<secret name>\')'],
  ['SignInWithApple', 'privateKeyValue: SecretValue.secretsManager(\'<secret name>\')'],
]);
const SECRET_FIX_OTHERS = 'clientSecret: SecretValue.secretsManager(\'<secret name>\').unsafeUnwrap() '
  + '(the template then holds only a reference to the secret)';

export interface IdentityProvidersOptions {
  /** The API's user pool: every provider must be made on it. */
  readonly userPool: cognito.IUserPool;
  /** The browser client that offers the providers. */
  readonly client: cognito.UserPoolClient;
  /** Whether the client also offers the pool's own email-and-password sign-in. */
  readonly userPoolSignIn: boolean;
  /** Whether the client lets scripts send a password directly (`ALLOW_USER_PASSWORD_AUTH`). */
  readonly allowUserPasswordAuth: boolean;
}

/**
 * The providers added to one API, in the order they were added. Sets the browser client's
 * `SupportedIdentityProviders` and checks, when the app is synthesized, that somebody can sign in.
 */
export class IdentityProviders {
  private readonly added: cognito.IUserPoolIdentityProvider[] = [];

  constructor(private readonly owner: Construct, private readonly options: IdentityProvidersOptions) {
    validateUserPoolSignIn(options.userPoolSignIn, options.allowUserPasswordAuth);
    const cfnClient = options.client.node.defaultChild as cognito.CfnUserPoolClient;
    cfnClient.supportedIdentityProviders = this.namesList();
    owner.node.addValidation({ validate: () => this.validateSomeoneCanSignIn() });
  }

  /**
   * Offers `provider` on the browser client, after checking that it belongs to the API's pool,
   * is not there already and keeps no secret in the template.
   */
  public add(provider: cognito.IUserPoolIdentityProvider): void {
    const where = `addIdentityProvider: provider ${describe(provider)}`;
    this.validateNew(where, provider);
    const l1 = providerResource(provider);
    if (l1) {
      validateSamePool(where, this.options.userPool, l1, Stack.of(this.owner));
      this.validateSameStack(where, l1);
      validateNoPlainSecret(where, l1);
      this.warnOfMissingEmail(where, l1);
    }
    this.added.push(provider);
    this.options.client.node.addDependency(provider);
  }

  /**
   * `authorizeUrl` with `identity_provider=<name>`, which sends the user straight to the
   * provider instead of the login page's choice.
   */
  public authorizeUrlFor(authorizeUrl: string, provider: cognito.IUserPoolIdentityProvider): string {
    if (!this.added.includes(provider)) {
      fail(`authorizeUrlFor: provider ${describe(provider)} was never added to this API: `
        + 'call addIdentityProvider(provider) first');
    }
    return `${authorizeUrl}&identity_provider=${encodeQueryValue(providerName(provider))}`;
  }

  /** The names the client offers (COGNITO first, unless turned off), resolved at synth. */
  public namesList(): string[] {
    return Lazy.list({ produce: () => this.names() });
  }

  private names(): string[] {
    return [...(this.options.userPoolSignIn ? [COGNITO] : []), ...this.added.map(providerName)];
  }

  /** The same provider, or another of the same name, is added once. */
  private validateNew(where: string, provider: cognito.IUserPoolIdentityProvider): void {
    if (this.added.includes(provider)) {
      fail(`${where} is already added: add each provider once`);
    }
    const name = providerName(provider);
    const sameName = Token.isUnresolved(name) ? undefined : this.added.find((p) => providerName(p) === name);
    if (sameName) {
      fail(`${where} has the same name as provider ${sameName.node.path}, added before: a user pool `
        + 'holds one provider of each name; add one of the two, or give them different names');
    }
  }

  /**
   * A provider made on a pool of the client's stack must be in that stack too: it refers to the
   * pool, and the client depends on it, so two stacks would depend on each other.
   */
  private validateSameStack(where: string, l1: cognito.CfnUserPoolIdentityProvider): void {
    const clientStack = Stack.of(this.options.client);
    const pool = this.options.userPool.node.defaultChild;
    const poolInClientStack = pool !== undefined && CfnResource.isCfnResource(pool) && Stack.of(pool) === clientStack;
    if (poolInClientStack && Stack.of(l1) !== clientStack) {
      fail(`${where} is in stack ${Stack.of(l1).node.path}, while this API's user pool and browser client `
        + `are in stack ${clientStack.node.path}: the provider refers to the pool and the client depends on the `
        + `provider, so the two stacks would depend on each other; make the provider in ${clientStack.node.path}`);
    }
  }

  /** The pool signs users in by email; a provider that gives none leaves them without one. */
  private warnOfMissingEmail(where: string, l1: cognito.CfnUserPoolIdentityProvider): void {
    const mapping = l1.attributeMapping;
    if (Token.isUnresolved(mapping) || (mapping !== undefined && mapping.email !== undefined)) {
      return;
    }
    Annotations.of(this.owner).addWarningV2('cdk-cognito-protected-api:providerWithoutEmail',
      `${where} maps no attribute to email: the user pool tells users apart by email, and users who sign in `
      + 'with this provider will have none; add attributeMapping: { email: ... } to the provider, e.g. '
      + 'ProviderAttribute.GOOGLE_EMAIL, or ProviderAttribute.other(\'<the claim or SAML attribute>\')');
  }

  private validateSomeoneCanSignIn(): string[] {
    if (this.options.userPoolSignIn || this.added.length > 0) {
      return [];
    }
    return [`${this.owner.node.path}: userPoolSignIn is false and no identity provider is added, so nobody could `
      + 'sign in: call addIdentityProvider(provider) at least once, or leave userPoolSignIn at true'];
  }
}

/** Signing in only through other providers, and letting scripts send a pool password, contradict. */
function validateUserPoolSignIn(userPoolSignIn: boolean, allowUserPasswordAuth: boolean): void {
  if (!userPoolSignIn && allowUserPasswordAuth) {
    fail('userPoolSignIn false and allowUserPasswordAuth true contradict each other: the first turns '
      + 'sign-in with a password kept in the pool off, the second lets scripts send one; drop allowUserPasswordAuth');
  }
}

/**
 * The provider's CloudFormation resource: its default child, or its only child of that type.
 * A provider imported by name (`UserPoolIdentityProvider.fromProviderName`) has none.
 */
export function providerResource(provider: cognito.IUserPoolIdentityProvider): cognito.CfnUserPoolIdentityProvider | undefined {
  const isProvider = (c: unknown): c is cognito.CfnUserPoolIdentityProvider =>
    CfnResource.isCfnResource(c as any) && (c as CfnResource).cfnResourceType === PROVIDER_TYPE;
  const defaultChild = provider.node.defaultChild;
  if (isProvider(defaultChild)) {
    return defaultChild;
  }
  const found = provider.node.children.filter(isProvider);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The provider's name as the client and the authorize URL need it: the literal one its
 * resource is given (`Google`, or a SAML provider's `name`) where there is one, else the
 * provider's `providerName`.
 */
export function providerName(provider: cognito.IUserPoolIdentityProvider): string {
  const l1 = providerResource(provider);
  return l1 && !Token.isUnresolved(l1.providerName) ? l1.providerName : provider.providerName;
}

function describe(provider: cognito.IUserPoolIdentityProvider): string {
  const name = providerName(provider);
  return Token.isUnresolved(name) ? provider.node.path : `${provider.node.path} (${show(name)})`;
}

/**
 * The provider must be made on the API's pool: refused unless its pool id names the same pool
 * (see `samePool`).
 */
export function validateSamePool(where: string, userPool: cognito.IUserPool, l1: cognito.CfnUserPoolIdentityProvider,
  stack: Stack): void {
  if (samePool(l1.userPoolId, l1, userPool.userPoolId, userPool) !== true) {
    fail(`${where} is made on another user pool (${showPoolId(l1.userPoolId, stack)}) than this API's `
      + `(${showPoolId(userPool.userPoolId, stack)}): make it with userPool: api.userPool`);
  }
}

function showPoolId(id: string, stack: Stack): string {
  if (!Token.isUnresolved(id)) {
    return show(id);
  }
  const ref = Tokenization.reverseString(id).firstToken;
  return Reference.isReference(ref) ? ref.target.node.path : show(stack.resolve(id));
}

/**
 * A client secret or private key written into the template as text is readable by anyone who
 * can read the template (or the stack in the console). It must come from a secret store: a
 * dynamic reference (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`) or a
 * parameter. Text joined to such a value (`Fn::Join`, `Fn::Sub`, or any concatenation) is plain
 * text all the same, so it is refused too. The message never shows the secret itself.
 */
export function validateNoPlainSecret(where: string, l1: cognito.CfnUserPoolIdentityProvider): void {
  const details = Stack.of(l1).resolve(l1.providerDetails);
  if (details === null || typeof details !== 'object') {
    return;
  }
  for (const key of SECRET_DETAILS) {
    const value = Object.hasOwn(details, key) ? details[key] : undefined;
    if (value === undefined) {
      continue;
    }
    const plain = plainTextLength(value);
    if (plain === 0) {
      continue;
    }
    const fix = SECRET_FIX.get(l1.providerType) ?? SECRET_FIX_OTHERS;
    const what = typeof value === 'string' ? `its ${key} as plain text` : `plain text joined into its ${key}`;
    fail(`${where} has ${what} (${plain} characters, not shown), which would be `
      + `written into the template: keep it in AWS Secrets Manager and pass ${fix}`);
  }
}

/** Stands for a value only known at deploy time (a `Ref`, an attribute, an import) in `literalText`. */
const DEPLOY_TIME = '\u0000';

/**
 * How many characters of a resolved CloudFormation value are written as text, outside every
 * dynamic reference: 0 for a parameter, a dynamic reference, or one built of references.
 */
export function plainTextLength(value: unknown): number {
  const text = literalText(value).replace(/\{\{resolve:[^}]*\}\}/g, '');
  return text.split(DEPLOY_TIME).join('').length;
}

/** The value as the text it makes, with `DEPLOY_TIME` for each part only known at deploy time. */
function literalText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const join = (value as Record<string, unknown>)['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(literalText).join(join[0]);
    }
    const sub = (value as Record<string, unknown>)['Fn::Sub'];
    const template = Array.isArray(sub) ? sub[0] : sub;
    if (typeof template === 'string') {
      return template.replace(/\$\{[^!][^}]*\}/g, DEPLOY_TIME);
    }
  }
  return DEPLOY_TIME;
}
