import { Aws, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { validateScopeSubset } from './clients';
import { PreTokenGenerationFunction } from '../../pre-token-generation-function';
import { SCOPES_BY_GROUP_VARIABLE } from '../../pre-token-generation.lambda';
import { ApiUserGroup } from '../../user-group';
import { REASONS, RULES, acknowledgeConstructFunction, waive } from '../acknowledgements';
import { fail, show } from '../errors';
import { encryptLogGroup } from '../logging';
import { fullScopeName } from '../naming';

/*
 * `userGroups`: one Cognito group per entry, and a pre token generation trigger (event version 2)
 * that takes restricted scopes out of the access tokens of users whose groups do not grant them.
 *
 * Sources, in the Amazon Cognito API reference and developer guide:
 * - CreateGroup: GroupName is 1-128 of `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`; Description at most 2048
 *   characters; Precedence a non-negative integer.
 * - Pre token generation trigger: access-token customization (V2_0) needs the Essentials or Plus
 *   feature plan; a user pool has one pre token generation trigger; V2_0 does not run for the
 *   client-credentials grant.
 * And in the AWS Lambda developer guide: a function's environment variables take at most 4 KB.
 */

/** Cognito's rule for group names. */
const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** Cognito's limit on a group's description. */
const MAX_DESCRIPTION = 2048;

/**
 * What the trigger's restricted-scope map may take: Lambda's 4 KB for all environment variables,
 * less the variable's name and the one projen's function construct sets.
 */
const MAX_SCOPE_MAP_BYTES = 4096 - 'AWS_NODEJS_CONNECTION_REUSE_ENABLED1'.length - SCOPES_BY_GROUP_VARIABLE.length;

/** How long the trigger's logs are kept. It logs only its own failures. */
const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * Each group's construct id: its name, which keeps an existing group's id stable. Where
 * aws-cdk-lib cannot take the name as an id, `Group <i>` (with a space, which no group name has):
 * a name every JavaScript object has as a member (`constructor`, `toString`, ...), or one that
 * becomes an earlier group's id once constructs replaces its `/` by `--` (`a/b` and `a--b`).
 * A name only known at deploy time gets `Group<i>`.
 */
export function groupConstructIds(groups: ApiUserGroup[]): string[] {
  const used = new Set<string>();
  return groups.map((group, i) => {
    let id = Token.isUnresolved(group.name) ? `Group${i}` : group.name;
    if (id in {} || used.has(id.replace(/\//g, '--'))) {
      id = `Group ${i}`;
    }
    used.add(id.replace(/\//g, '--'));
    return id;
  });
}

/** The props `userGroups` is checked against. */
export interface UserGroupsContext {
  /** The short names of the API's scopes. */
  readonly scopeNames: string[];
  readonly clientScopes: string[];
  readonly resourceServerIdentifier: string;
  readonly featurePlan: cognito.FeaturePlan;
}

/**
 * Checks `userGroups` against the other props (throwing on the first broken rule). The user
 * pool itself is checked when the trigger is attached (`addUserGroups`).
 */
export function validateUserGroups(groups: ApiUserGroup[], context: UserGroupsContext): void {
  if (Token.isUnresolved(groups) || groups.length === 0) {
    return;
  }
  if (context.featurePlan === cognito.FeaturePlan.LITE) {
    fail(`userGroups need featurePlan ESSENTIALS or PLUS, but featurePlan is ${show(context.featurePlan)}: Cognito `
      + 'customizes access tokens (pre token generation trigger, event version 2) only on those plans; '
      + 'set featurePlan to FeaturePlan.ESSENTIALS, or leave userGroups out');
  }
  const { scopeNames } = context;
  const seen = new Map<string, number>();
  groups.forEach((group, i) => {
    const where = `userGroups[${i}]`;
    validateGroupName(`${where}.name`, group.name);
    const first = seen.get(group.name);
    if (first !== undefined && !Token.isUnresolved(group.name)) {
      fail(`${where}.name ${show(group.name)} is repeated (also userGroups[${first}]): group names must be unique`);
    }
    seen.set(group.name, i);
    validateGroupScopes(where, group, scopeNames, context.clientScopes);
    validateDescription(`${where}.description`, group.description);
    validatePrecedence(`${where}.precedence`, group.precedence);
  });
  validateScopeMapSize(scopesByGroup(groups, context.resourceServerIdentifier));
}

function validateGroupName(where: string, name: string): void {
  if (Token.isUnresolved(name)) {
    return;
  }
  if (!GROUP_NAME.test(name)) {
    fail(`${where} ${show(name)} is invalid: use 1-128 letters, marks, symbols, digits or punctuation, `
      + 'without spaces');
  }
}

/** At least one scope, each one of the API's and requested by the browser client, once. */
function validateGroupScopes(where: string, group: ApiUserGroup, scopeNames: string[], clientScopes: string[]): void {
  if (Token.isUnresolved(group.scopes)) {
    fail(`${where}.scopes is a list known only at deploy time: the trigger's map is written at synth, so list the `
      + `scopes that members of ${show(group.name)} get by name, from the API's scopes (${scopeNames.join(', ')})`);
  }
  if (group.scopes.length === 0) {
    fail(`${where}.scopes is empty: list the scopes that members of ${show(group.name)} get, from the API's scopes `
      + `(${scopeNames.join(', ')})`);
  }
  validateScopeSubset(`${where}.scopes`, group.scopes, scopeNames);
  group.scopes.forEach((name, j) => {
    if (!Token.isUnresolved(name) && !clientScopes.includes(name)) {
      fail(`${where}.scopes[${j}] ${show(name)} is not in clientScopes (${clientScopes.join(', ')}): the browser `
        + 'client never requests it, so membership cannot grant it; add it to clientScopes, or remove it from the group');
    }
  });
}

function validateDescription(where: string, description: string | undefined): void {
  if (description === undefined || Token.isUnresolved(description)) {
    return;
  }
  if (description.length > MAX_DESCRIPTION) {
    fail(`${where} ${show(description)} is invalid: Cognito allows at most ${MAX_DESCRIPTION} characters`);
  }
}

function validatePrecedence(where: string, precedence: number | undefined): void {
  if (precedence === undefined || Token.isUnresolved(precedence)) {
    return;
  }
  if (!Number.isInteger(precedence) || precedence < 0) {
    fail(`${where} ${show(precedence)} is invalid: use a whole number, 0 or more (the lowest wins)`);
  }
}

function validateScopeMapSize(map: Map<string, string[]>): void {
  const json = JSON.stringify(Object.fromEntries(map));
  if (Token.isUnresolved(json)) {
    return;
  }
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_SCOPE_MAP_BYTES) {
    fail(`userGroups grant their scopes in ${bytes} bytes of JSON, more than the ${MAX_SCOPE_MAP_BYTES} that fit in `
      + 'the trigger\'s environment (Lambda allows 4 KB of environment variables): use fewer groups, shorter group '
      + 'or scope names, or a shorter resourceServerIdentifier');
  }
}

/**
 * The restricted scopes, in full (`<identifier>/<name>`), by group name: what the trigger reads.
 * A `Map`, never a plain object: a group may be named `__proto__`, and assigning that key to an
 * object sets its prototype instead (the group's scopes would then be restricted for nobody).
 */
export function scopesByGroup(groups: ApiUserGroup[], resourceServerIdentifier: string): Map<string, string[]> {
  return new Map(groups.map((group) => [group.name, group.scopes.map((name) => fullScopeName(resourceServerIdentifier, name))]));
}

/**
 * The map as the JSON object text the trigger parses, each group an own key (`__proto__` too).
 * Written key by key: aws-cdk-lib's `toJsonString` copies an object into a plain one by
 * assignment, which drops a `__proto__` key, so only the keys and the values go through it (for
 * the tokens they may hold). The keys keep the order a JavaScript object gives them, as the
 * templates of earlier releases have them.
 */
export function scopeMapJson(stack: Stack, map: Map<string, string[]>): string {
  const keys = Object.keys(Object.fromEntries(map));
  return `{${keys.map((group) => `${stack.toJsonString(group)}:${stack.toJsonString(map.get(group))}`).join(',')}}`;
}

/** What `addUserGroups` builds from. */
export interface UserGroupsOptions {
  /** The pool that gets the groups and the trigger. */
  readonly userPool: cognito.IUserPool;
  /** The groups, already checked with `validateUserGroups`. */
  readonly groups: ApiUserGroup[];
  readonly resourceServerIdentifier: string;
  /** What happens to the trigger's log group when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** The key of the construct's log groups (`accessLogEncryptionKey`). */
  readonly logEncryptionKey?: kms.IKey;
  /** Whether the trigger is traced with X-Ray, like the API (`tracingEnabled`). */
  readonly tracingEnabled: boolean;
}

/** What `addUserGroups` made. */
export interface UserGroupsResources {
  readonly groups: cognito.UserPoolGroup[];
  /** The trigger, when there is at least one group. */
  readonly trigger?: lambda.Function;
}

/**
 * Creates the groups (`<scope>/UserGroups/<group name>`) and the trigger
 * (`<scope>/PreTokenGeneration/{Function,Role,Logs}`) and attaches the trigger to the pool, with
 * event version 2. Nothing, when there are no groups.
 */
export function addUserGroups(scope: Construct, options: UserGroupsOptions): UserGroupsResources {
  if (options.groups.length === 0) {
    return { groups: [] };
  }
  const userPool = poolThatTakesTrigger(scope, options.userPool);

  const groupsScope = new Construct(scope, 'UserGroups');
  const ids = groupConstructIds(options.groups);
  const groups = options.groups.map((group, i) => new cognito.UserPoolGroup(groupsScope, ids[i], {
    userPool,
    groupName: group.name,
    description: group.description,
    precedence: group.precedence,
  }));

  const triggerScope = new Construct(scope, 'PreTokenGeneration');
  // Named under /aws/lambda/ (unique by stack name and path), so that a log key's policy can
  // name the construct's function logs by pattern.
  const logGroup = new logs.LogGroup(triggerScope, 'Logs', {
    logGroupName: `/aws/lambda/${Aws.STACK_NAME}-${Names.uniqueId(triggerScope).slice(-40)}`,
    retention: LOG_RETENTION,
    removalPolicy: options.removalPolicy,
  });
  encryptLogGroup(logGroup, options.logEncryptionKey, '/aws/lambda/*');
  // Its own role and a customer managed policy, no AWS managed policy and no inline one: it writes
  // its own log group (and, when traced, X-Ray segments), and nothing else.
  const statements = [new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupArn],
  })];
  if (options.tracingEnabled) {
    statements.push(new iam.PolicyStatement({
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      resources: ['*'],
    }));
  }
  const policy = new iam.ManagedPolicy(triggerScope, 'Policy', {
    description: 'Lets the pre token generation trigger write its own log group, and nothing else',
    statements,
  });
  if (options.tracingEnabled) {
    waive(policy, RULES.tracedFunctionPolicy, REASONS.functionTracing);
  }
  const role = new iam.Role(triggerScope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'The pre token generation trigger\'s role',
    managedPolicies: [policy],
  });
  const trigger = new PreTokenGenerationFunction(triggerScope, 'Function', {
    description: 'Takes the restricted scopes that the user\'s groups do not grant out of access tokens '
      + '(Cognito pre token generation, event version 2)',
    // Every permission is in the managed policy above: the function adds none of its own.
    role: role.withoutPolicyUpdates(),
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    memorySize: 256,
    timeout: Duration.seconds(5),
    tracing: options.tracingEnabled ? lambda.Tracing.ACTIVE : undefined,
    environment: {
      [SCOPES_BY_GROUP_VARIABLE]: scopeMapJson(Stack.of(scope), scopesByGroup(options.groups, options.resourceServerIdentifier)),
    },
  });
  acknowledgeConstructFunction(trigger);
  userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, trigger, cognito.LambdaVersion.V2_0);
  // A version 1 trigger added afterwards would clash with this one at deploy time: say so at synth.
  scope.node.addValidation({
    validate: () => existingTriggers(userPool).includes('preTokenGeneration')
      ? [existingTriggerMessage(userPool, 'preTokenGeneration')]
      : [],
  });
  return { groups, trigger };
}

/**
 * The pool as a `cognito.UserPool` that can take the trigger: defined in this app, in the same
 * stack, on a feature plan with access-token customization, without a pre token generation
 * trigger of its own.
 */
function poolThatTakesTrigger(scope: IConstruct, pool: cognito.IUserPool): cognito.UserPool {
  const where = show(pool.node.path);
  if (!(pool instanceof cognito.UserPool) || !(pool.node.defaultChild instanceof cognito.CfnUserPool)) {
    return fail(`userGroups need a pre token generation trigger on the user pool, but the user pool ${where} is `
      + 'imported (fromUserPoolId or fromUserPoolArn), and its triggers cannot be set from here: pass a '
      + 'cognito.UserPool defined in this app, or leave userGroups out and attach a version 2 pre token '
      + 'generation trigger where the pool is defined');
  }
  const tier = pool.node.defaultChild.userPoolTier;
  if (tier === cognito.FeaturePlan.LITE) {
    fail(`userGroups need the ESSENTIALS or PLUS feature plan, but the user pool ${where} is on ${show(tier)}: `
      + 'Cognito customizes access tokens (pre token generation trigger, event version 2) only on those plans; '
      + 'set its featurePlan to FeaturePlan.ESSENTIALS, or leave userGroups out');
  }
  const existing = existingTriggers(pool);
  if (existing.length > 0) {
    fail(existingTriggerMessage(pool, existing[0]));
  }
  const poolStack = Stack.of(pool);
  const ownStack = Stack.of(scope);
  if (poolStack !== ownStack) {
    fail(`userGroups need a trigger function on the user pool ${where}, but the pool is in stack `
      + `${show(poolStack.node.path)} and the API in ${show(ownStack.node.path)}: each stack would depend on the `
      + 'other; define the API in the user pool\'s stack, or leave userGroups out');
  }
  return pool;
}

/**
 * The pool's pre token generation triggers, by the operation that holds them: version 1
 * (`preTokenGeneration`) or any version (`preTokenGenerationConfig`). Read from the pool's
 * resource, so that it works with every aws-cdk-lib version.
 */
function existingTriggers(pool: cognito.UserPool): string[] {
  const cfn = pool.node.defaultChild as cognito.CfnUserPool;
  const config = Stack.of(pool).resolve(cfn.lambdaConfig) ?? {};
  return ['preTokenGenerationConfig', 'preTokenGeneration'].filter((key) => config[key] !== undefined);
}

function existingTriggerMessage(pool: cognito.UserPool, operation: string): string {
  return `userGroups need the pre token generation trigger of the user pool ${show(pool.node.path)}, but it has `
    + `one already (${operation}), and a pool takes one: leave userGroups out and remove restricted scopes in `
    + 'your own trigger (event version 2, scopesToSuppress), or remove that trigger';
}
