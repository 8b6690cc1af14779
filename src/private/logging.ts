import { Annotations, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { REASONS, RULES, waive } from './acknowledgements';
import { show } from './errors';

/*
 * The encryption of every log group the construct makes, whatever part makes it.
 */

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
