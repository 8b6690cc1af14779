import { Annotations, CfnResource, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';

/*
 * The findings the construct's defaults leave on purpose, each acknowledged on the construct's
 * own resource with why, and with the prop that changes it: in cdk-nag (every rule pack), in
 * checkov, and in AWS CloudFormation Guard's rules registry (which reads only the rule names, in
 * the resource's `Metadata.guard.SuppressedRules`: the reasons are the same as cdk-nag's, here
 * and in the README). Nothing is acknowledged on the user's stack or app, and nothing a default
 * could fix.
 */

/** The prefixes of cdk-nag 3's rule packs' rule ids (`<pack>-<rule>`). */
export const PACKS = {
  AWS_SOLUTIONS: 'AwsSolutions',
  NIST_800_53_R5: 'NIST.800.53.R5',
  HIPAA_SECURITY: 'HIPAA.Security',
  PCI_DSS_321: 'PCI.DSS.321',
  SERVERLESS: 'Serverless',
};

const KNOWN_PACKS = Object.values(PACKS);

/** A rule's id in each of `packs`: `acrossPacks('LambdaDLQ', PACKS.NIST_800_53_R5)` is `['NIST.800.53.R5-LambdaDLQ']`. */
export function acrossPacks(rule: string, ...packs: string[]): string[] {
  return packs.map((pack) => `${pack}-${rule}`);
}

export const REASONS = {
  featurePlan: 'The user pool is on the ESSENTIALS feature plan by default, which keeps the price per monthly '
    + 'active user low; threat protection needs PLUS. Set featurePlan: FeaturePlan.PLUS to turn it on.',
  mfa: 'MFA is optional by default (users may add an authenticator app) so that self sign-up works without a '
    + 'second factor. Set mfa: Mfa.REQUIRED to demand it.',
  waf: 'No AWS WAF web ACL is created by default: it is priced per ACL and per request, and its rules depend on '
    + 'the application. Pass webAclArn to associate one with the stage.',
  logsPolicy: 'The account-level role serves every REST API in the account and region, and API Gateway names '
    + 'execution log groups at run time (API-Gateway-Execution-Logs_<api id>/<stage>), so the policy names the '
    + 'execution and access log prefixes with a wildcard; it grants no other log group. DescribeLogGroups has no '
    + 'narrower resource. Set cloudWatchRole: false to keep or manage the account-level role yourself.',
  publicMethod: 'This method is public by choice: it was added with allowUnauthenticated: true.',
  publicRoute: 'This route is public by choice: it was added with allowUnauthenticated: true.',
  logEncryption: 'The log group is encrypted with the key CloudWatch Logs manages, since a customer managed KMS key '
    + 'is billed per month and per request and its key policy is yours to decide. Pass accessLogEncryptionKey to '
    + 'encrypt every log group of the construct with your key.',
  tracing: 'X-Ray tracing is off by default: traces are billed per trace recorded and scanned. Set '
    + 'tracingEnabled: true to turn it on.',
  cache: 'Stage caching is off, and the construct offers no prop to turn it on: API Gateway keys its cache on '
    + 'the method, path and declared cache-key parameters, not on the caller, so one user\'s answer would be '
    + 'served to another user of a method that answers per user, and each cache is billed per hour. Cache in '
    + 'your integration, keyed by the token\'s subject, where answers can be shared.',
  clientCertificate: 'The stage presents no client certificate to backends by default: only an HTTP backend that '
    + 'checks one gains from it, and API Gateway\'s client certificates expire after a year. Pass '
    + 'clientCertificateId with a certificate your backend trusts.',
  functionConcurrency: 'The construct\'s function has no reserved concurrency: it runs inside Cognito\'s sign-in '
    + 'and token requests, and a limit would make sign-ins fail under load rather than protect anything; '
    + 'Cognito\'s own request quotas bound it.',
  functionDeadLetters: 'The construct\'s function is invoked synchronously by Cognito, which returns its error '
    + 'to the caller; a dead-letter queue only receives failed asynchronous invocations, so it would stay empty.',
  functionVpc: 'The construct\'s function calls no network resource (it only reshapes the Cognito event), so a VPC '
    + 'would add ENIs, NAT cost and cold-start time and isolate nothing.',
  functionTracing: 'X-Ray\'s PutTraceSegments and PutTelemetryRecords take no resource, so the traced function\'s '
    + 'policy names "*" for them and nothing else. Set tracingEnabled: false to leave them out.',
  alarmWithoutAction: 'addAlarms was called without an action: the alarm shows its state in the console and on the '
    + 'dashboard, and notifies no one. Pass alarmAction (e.g. an SNS topic) to addAlarms to be told.',
  functionEnvironmentKey: 'The construct\'s function holds no secret in its environment variables; Lambda encrypts '
    + 'them at rest with its own key. A customer managed key would be billed and add nothing here.',
};

/**
 * The rules a default leaves, in cdk-nag (AwsSolutions ids may omit their prefix), in checkov and
 * in the AWS Guard Rules Registry (rule names such as `LAMBDA_DLQ_CHECK`).
 */
export interface Rules {
  readonly cdkNag: string[];
  readonly checkov?: string[];
  readonly guard?: string[];
}

/** The findings each deliberate default of the construct leaves, across every pack and checkov. */
export const RULES = {
  noWaf: {
    cdkNag: ['APIG3', ...acrossPacks('APIGWAssociatedWithWAF', PACKS.NIST_800_53_R5, PACKS.PCI_DSS_321)],
  },
  noCache: {
    cdkNag: acrossPacks('APIGWCacheEnabledAndEncrypted', PACKS.NIST_800_53_R5, PACKS.HIPAA_SECURITY, PACKS.PCI_DSS_321),
    checkov: ['CKV_AWS_120'],
    guard: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'],
  },
  noClientCertificate: {
    cdkNag: acrossPacks('APIGWSSLEnabled', PACKS.NIST_800_53_R5, PACKS.HIPAA_SECURITY, PACKS.PCI_DSS_321),
  },
  noTracing: {
    cdkNag: acrossPacks('APIGWXrayEnabled', PACKS.HIPAA_SECURITY, PACKS.SERVERLESS),
    checkov: ['CKV_AWS_73'],
  },
  logsWithoutKey: {
    cdkNag: acrossPacks('CloudWatchLogGroupEncrypted', PACKS.NIST_800_53_R5, PACKS.HIPAA_SECURITY, PACKS.PCI_DSS_321),
    checkov: ['CKV_AWS_158'],
    guard: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
  },
  publicMethod: {
    cdkNag: ['APIG4', 'COG4'],
    checkov: ['CKV_AWS_59'],
  },
  publicRoute: {
    cdkNag: ['APIG4'],
  },
  tracedFunctionPolicy: {
    cdkNag: ['IAM5[Resource::*]'],
    guard: ['IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE'],
  },
};

/**
 * Acknowledges cdk-nag rules on one construct, with the same reason. A rule id names its pack
 * (`NIST.800.53.R5-LambdaDLQ`); one without a known pack's prefix (`COG2`) is AwsSolutions'.
 *
 * A single finding's id (`IAM5[Resource::...]`) holds `::`, which aws-cdk-lib before 2.270.0
 * refuses (`InvalidValidationId`). There the finding stays, and a warning says why it is there
 * and that a newer aws-cdk-lib lets the construct acknowledge it.
 */
export function acknowledge(construct: IConstruct, ruleIds: string[], reason: string): void {
  for (const ruleId of ruleIds) {
    const id = KNOWN_PACKS.some((pack) => ruleId.startsWith(`${pack}-`)) ? ruleId : `${PACKS.AWS_SOLUTIONS}-${ruleId}`;
    try {
      Validations.of(construct).acknowledge({ id, reason });
    } catch (error) {
      if (!ruleId.includes('::') || !String(error).includes('InvalidValidationId')) {
        throw error;
      }
      Annotations.of(construct).addWarningV2('cdk-cognito-protected-api:cannotAcknowledge',
        `cdk-nag's ${id} is deliberate, but this aws-cdk-lib cannot acknowledge single findings (2.270.0 can): ${reason}`);
    }
  }
}

/**
 * Tells checkov to skip checks on one resource (the construct itself if it is a CloudFormation
 * resource, else its default child), with `comment` as the reason, in the resource's
 * `Metadata.checkov.skip`. Skips added earlier are kept.
 */
export function skipCheckov(construct: IConstruct, checkIds: string[], comment: string): void {
  const resource = defaultResource(construct, 'skipCheckov');
  const skips: Array<{ id: string; comment: string }> = [...(resource.getMetadata('checkov')?.skip ?? [])];
  for (const id of checkIds) {
    if (!skips.some((skip) => skip.id === id)) {
      skips.push({ id, comment });
    }
  }
  resource.addMetadata('checkov', { ...resource.getMetadata('checkov'), skip: skips });
}

/**
 * Tells AWS CloudFormation Guard (with the AWS Guard Rules Registry) to skip rules on one resource
 * (the construct itself if it is a CloudFormation resource, else its default child), in the
 * resource's `Metadata.guard.SuppressedRules`. Guard takes rule names only; the reason lives with
 * the rule's cdk-nag and checkov acknowledgement. Rules suppressed earlier are kept.
 *
 * @see https://github.com/aws-cloudformation/aws-guard-rules-registry
 */
export function suppressGuard(construct: IConstruct, ruleNames: string[]): void {
  const resource = defaultResource(construct, 'suppressGuard');
  const guard = resource.getMetadata('guard') ?? {};
  const suppressed: string[] = [...(guard.SuppressedRules ?? [])];
  for (const name of ruleNames) {
    if (!suppressed.includes(name)) {
      suppressed.push(name);
    }
  }
  resource.addMetadata('guard', { ...guard, SuppressedRules: suppressed });
}

/** The construct if it is a CloudFormation resource, else its default child, which must be one. */
function defaultResource(construct: IConstruct, caller: string): CfnResource {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`${caller}: ${construct.node.path} is not a CloudFormation resource and has no default child that is`);
  }
  return resource;
}

/** Acknowledges `rules` on one construct in cdk-nag, checkov and Guard, with the same reason. */
export function waive(construct: IConstruct, rules: Rules, reason: string): void {
  acknowledge(construct, rules.cdkNag, reason);
  if (rules.checkov && rules.checkov.length > 0) {
    skipCheckov(construct, rules.checkov, reason);
  }
  if (rules.guard && rules.guard.length > 0) {
    suppressGuard(construct, rules.guard);
  }
}

/**
 * Acknowledges what a Lambda function of the construct itself (such as a Cognito trigger) leaves
 * by design, in every cdk-nag pack, in checkov and in Guard: no reserved concurrency, no dead-letter queue,
 * no VPC, no customer managed key for its environment, and, unless it traces, no X-Ray (which
 * `tracingEnabled` should turn on for it too). Everything else about the function must be fixed,
 * not acknowledged: its own role with a customer managed policy (not the AWS managed
 * AWSLambdaBasicExecutionRole, not an inline policy), a log group the construct makes and
 * encrypts with `encryptLogGroup`, the newest runtime, and its memory and timeout set.
 * Only for functions whose code ships with the construct and calls no network resource.
 */
export function acknowledgeConstructFunction(fn: lambda.Function): void {
  const { NIST_800_53_R5: NIST, HIPAA_SECURITY: HIPAA, PCI_DSS_321: PCI, SERVERLESS } = PACKS;
  waive(fn, {
    cdkNag: acrossPacks('LambdaConcurrency', NIST, HIPAA), checkov: ['CKV_AWS_115'], guard: ['LAMBDA_CONCURRENCY_CHECK'],
  }, REASONS.functionConcurrency);
  waive(fn, {
    cdkNag: acrossPacks('LambdaDLQ', NIST, HIPAA, SERVERLESS), checkov: ['CKV_AWS_116'], guard: ['LAMBDA_DLQ_CHECK'],
  }, REASONS.functionDeadLetters);
  waive(fn, {
    cdkNag: acrossPacks('LambdaInsideVPC', NIST, HIPAA, PCI), checkov: ['CKV_AWS_117'], guard: ['LAMBDA_INSIDE_VPC'],
  }, REASONS.functionVpc);
  skipCheckov(fn, ['CKV_AWS_173'], REASONS.functionEnvironmentKey);
  const tracing = (fn.node.defaultChild as lambda.CfnFunction).tracingConfig as lambda.CfnFunction.TracingConfigProperty | undefined;
  if (tracing?.mode !== lambda.Tracing.ACTIVE) {
    acknowledge(fn, acrossPacks('LambdaTracing', SERVERLESS), REASONS.tracing);
  }
}
