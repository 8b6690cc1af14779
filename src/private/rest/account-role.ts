import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ACCESS_LOG_GROUP_PREFIX } from '../access-log-group';

/*
 * API Gateway's account-level CloudWatch role, which REST stages need to write execution and
 * access logs, with a policy narrower than AWS's managed one; one a stack, shared by every API
 * in it.
 */

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
export class ApiGatewayAccountRole extends Construct implements AccountRole {
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
    Object.defineProperty(this, ACCOUNT_ROLE_MARK, { value: true });
  }
}

/** What the account role of a stack is made of, wherever it was found. */
export interface AccountRole {
  readonly role: iam.Role;
  readonly policy: iam.ManagedPolicy;
  readonly account: apigateway.CfnAccount;
}

/**
 * Marks the account role construct, by a global symbol rather than by class, so that every copy
 * of this library in an app (a monorepo with two versions of it) recognizes the others' role.
 */
const ACCOUNT_ROLE_MARK = Symbol.for('cdk-cognito-protected-api.ApiGatewayAccountRole');

/** Whether `construct` is an account role made by any copy of this library. */
function isAccountRole(construct: IConstruct): boolean {
  return (construct as unknown as Record<symbol, unknown>)[ACCOUNT_ROLE_MARK] === true;
}

/**
 * The account role of a stack: made (as `<scope>/<id>`) by the first API in it that asks, and
 * found in the construct tree by the others, of this copy of the library or another (one setting
 * per account and region needs only one resource per stack).
 */
export function accountRoleFor(scope: Construct, id: string): AccountRole {
  const stack = Stack.of(scope);
  const existing = stack.node.findAll().find((c) => isAccountRole(c) && Stack.of(c) === stack);
  if (existing) {
    return {
      role: existing.node.findChild('Role') as iam.Role,
      policy: existing.node.findChild('Policy') as iam.ManagedPolicy,
      account: existing.node.findChild('Account') as apigateway.CfnAccount,
    };
  }
  return new ApiGatewayAccountRole(scope, id);
}
