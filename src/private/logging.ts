import { Annotations, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REASONS, RULES, waive } from './acknowledgements';
import { show } from './errors';

/**
 * The access log format: API Gateway's standard fields plus who called and what the
 * authorizer said, as one JSON object a line.
 */
export function accessLogFormat(): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify({
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    subject: '$context.authorizer.claims.sub',
    clientId: '$context.authorizer.claims.client_id',
    authorizerError: '$context.authorizer.error',
    errorMessage: '$context.error.message',
    errorType: '$context.error.responseType',
    wafStatus: '$context.waf.status',
  }));
}

/** The prefix of the access log groups' names; the account role may write to these. */
const ACCESS_LOG_GROUP_PREFIX = 'API-Gateway-Access-Logs_';

/** The log groups (and their streams) API Gateway may write to, by name pattern. */
const WRITABLE_LOG_GROUPS = [
  'API-Gateway-Execution-Logs_*',
  'API-Gateway-Execution-Logs_*:log-stream:*',
  `${ACCESS_LOG_GROUP_PREFIX}*`,
  `${ACCESS_LOG_GROUP_PREFIX}*:log-stream:*`,
  '/aws/apigateway/welcome',
  '/aws/apigateway/welcome:log-stream:*',
];

/**
 * The wildcard findings cdk-nag's IAM5 reports on that policy, one per resource pattern
 * (`IAM5[Resource::<arn>]`), so that each is acknowledged by name and a new one is not.
 */
export function logsPolicyFindings(): string[] {
  const arn = (name: string) => `Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${name}`;
  return ['*', ...WRITABLE_LOG_GROUPS.filter((name) => name.includes('*'))].map((name) => `IAM5[${arn(name)}]`);
}

/**
 * The IAM policy API Gateway needs to write logs: execution logs go to log groups it names
 * `API-Gateway-Execution-Logs_<api id>/<stage>` (and a welcome group), access logs to the
 * groups this construct names `API-Gateway-Access-Logs_<api id>/<stage>`. AWS's managed policy
 * for this grants the same actions on every log group.
 */
function executionLogsPolicy(): iam.PolicyDocument {
  const logGroupArn = (name: string) => `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${name}`;
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:DescribeLogGroups'],
        resources: [logGroupArn('*')],
      }),
      new iam.PolicyStatement({
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:DescribeLogStreams',
          'logs:PutLogEvents',
          'logs:GetLogEvents',
          'logs:FilterLogEvents',
        ],
        resources: WRITABLE_LOG_GROUPS.map(logGroupArn),
      }),
    ],
  });
}

/**
 * API Gateway's account-level CloudWatch role (one per account and region), so that stages
 * may write execution and access logs. It is kept when the stack goes: other APIs in the account use
 * the same setting, and would lose their logs with it.
 *
 * Its policy is a customer managed policy attached to it alone, rather than an inline one (which
 * NIST 800-53, HIPAA and PCI DSS rule packs reject): the same statements, so exactly as narrow. It
 * is kept with the role, which would otherwise lose its permissions.
 */
export class ApiGatewayAccountRole extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;
  public readonly account: apigateway.CfnAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Lets API Gateway write execution logs and API-Gateway-Access-Logs_* access logs',
      document: executionLogsPolicy(),
    });
    this.policy.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write execution and access logs to CloudWatch Logs (account-level setting)',
      managedPolicies: [this.policy],
    });
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: this.role.roleArn });
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}

const ROLE_BY_STACK = new WeakMap<Stack, ApiGatewayAccountRole>();

/**
 * The account role of a stack: made by the first API in it that asks, shared by the others
 * (one setting per account and region needs only one resource per stack).
 */
export function accountRoleFor(scope: Construct, id: string): ApiGatewayAccountRole {
  const stack = Stack.of(scope);
  let role = ROLE_BY_STACK.get(stack);
  if (!role) {
    role = new ApiGatewayAccountRole(scope, id);
    ROLE_BY_STACK.set(stack, role);
  }
  return role;
}

/** Options of the access log group. */
interface AccessLogGroupOptions {
  readonly restApiId: string;
  readonly stageName: string;
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly encryptionKey?: kms.IKey;
}

/**
 * The log group for the stage's access logs, named under a prefix that the account role
 * (whichever stack set it) may write to.
 */
export function accessLogGroup(scope: Construct, id: string, options: AccessLogGroupOptions): logs.LogGroup {
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: `${ACCESS_LOG_GROUP_PREFIX}${options.restApiId}/${options.stageName}`,
    retention: options.retention,
    removalPolicy: options.removalPolicy,
  });
  encryptLogGroup(logGroup, options.encryptionKey, `${ACCESS_LOG_GROUP_PREFIX}*`);
  return logGroup;
}

/** Whether `name` matches `pattern`, where `*` stands for any characters (as in an IAM ARN pattern). */
function matchesPattern(name: string, pattern: string): boolean {
  const regex = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${regex}$`).test(name);
}

/**
 * A log group the construct encrypts must be named, and a literal name must match the pattern the
 * key policy names; anything else is a mistake of the construct's own code. Run at synth, when a
 * name built from tokens (`Fn::Join`) has resolved, and an unnamed group's name to nothing.
 */
function validateLogGroupName(logGroup: logs.LogGroup, namePattern: string): string[] {
  const name = Stack.of(logGroup).resolve((logGroup.node.defaultChild as logs.CfnLogGroup).logGroupName);
  if (name === undefined) {
    return [`encryptLogGroup: log group ${logGroup.node.path} has no name: name it under ${show(namePattern)}, `
      + 'or the key policy does not cover it'];
  }
  if (typeof name === 'string' && !matchesPattern(name, namePattern)) {
    return [`encryptLogGroup: log group ${logGroup.node.path} is named ${show(name)}: name it under `
      + `${show(namePattern)}, or the key policy does not cover it`];
  }
  return [];
}

/** What CloudWatch Logs needs of a KMS key to encrypt a log group with it. */
const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * Applies the construct's log encryption to one of its log groups: with the user's `key`
 * (`accessLogEncryptionKey`), the log group is encrypted with it, and the key's policy lets
 * CloudWatch Logs in this region use it for log groups named `namePattern` (e.g.
 * `/aws/lambda/*`) when the key is defined in the app; an imported key gets a warning that its
 * policy must say so itself. Without a key, the log group keeps CloudWatch Logs' own encryption,
 * acknowledged in cdk-nag and checkov with the prop that changes it.
 *
 * The condition names a pattern, not the log group itself: its name may hold tokens of this
 * stack, which a key in another stack cannot reference without a cycle. So the log group must be
 * named, and a literal name must match the pattern (checked at synth).
 */
export function encryptLogGroup(logGroup: logs.LogGroup, key: kms.IKey | undefined, namePattern: string): void {
  const cfn = logGroup.node.defaultChild as logs.CfnLogGroup;
  logGroup.node.addValidation({ validate: () => validateLogGroupName(logGroup, namePattern) });
  if (!key) {
    waive(logGroup, RULES.logsWithoutKey, REASONS.logEncryption);
    return;
  }
  cfn.kmsKeyId = key.keyArn;
  const logGroupArns = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${namePattern}`;
  const { statementAdded } = key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: LOGS_KEY_ACTIONS,
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns } },
  }));
  if (!statementAdded) {
    Annotations.of(logGroup).addWarningV2('cdk-cognito-protected-api:logKeyPolicy',
      `accessLogEncryptionKey ${key.node.path} is imported, so its key policy cannot be changed here: it must let `
      + `the service principal logs.<region>.amazonaws.com use ${LOGS_KEY_ACTIONS.join(', ')} on condition that `
      + `kms:EncryptionContext:aws:logs:arn is like arn:<partition>:logs:<region>:<account>:log-group:${namePattern}, `
      + 'or the deploy fails');
  }
}
