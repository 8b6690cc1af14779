import { Aws, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { encryptLogGroup } from '../../src/private/logging';
import { newStack } from '../helpers';

function logGroup(stack: Stack, id: string, logGroupName?: string): logs.LogGroup {
  return new logs.LogGroup(stack, id, { logGroupName });
}

describe('encryptLogGroup', () => {
  test('with a key, encrypts the log group and lets CloudWatch Logs use the key for the pattern\'s log groups once', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    encryptLogGroup(logGroup(stack, 'A', '/aws/lambda/a'), key, '/aws/lambda/*');
    encryptLogGroup(logGroup(stack, 'B', '/aws/lambda/b'), key, '/aws/lambda/*');
    const template = Template.fromStack(stack);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };
    expect(Object.values(template.findResources('AWS::Logs::LogGroup')).map((g) => g.Properties.KmsKeyId))
      .toEqual([keyArn, keyArn]);
    const statements = Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement;
    const forLogs = statements.filter((s: any) => JSON.stringify(s.Principal).includes('logs.'));
    expect(forLogs).toHaveLength(1);
    expect(JSON.stringify(forLogs[0].Condition)).toContain(':log-group:/aws/lambda/*');
  });

  test('without a key, leaves CloudWatch Logs\' encryption and acknowledges it', () => {
    const stack = newStack();
    const group = logGroup(stack, 'A', '/aws/lambda/a');
    encryptLogGroup(group, undefined, '/aws/lambda/*');
    const body = Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'))[0];
    expect(body.Properties.KmsKeyId).toBeUndefined();
    expect(body.Metadata.checkov.skip.map((s: any) => s.id)).toEqual(['CKV_AWS_158']);
    expect(JSON.stringify(group.node.metadata.map((m) => m.data))).toContain('NIST.800.53.R5-CloudWatchLogGroupEncrypted');
  });

  test('fails at synth when the log group has no name', () => {
    const stack = newStack();
    encryptLogGroup(logGroup(stack, 'A'), undefined, '/aws/lambda/*');
    expect(() => Template.fromStack(stack)).toThrow(
      'encryptLogGroup: log group TestStack/A has no name: name it under "/aws/lambda/*", or the key policy does not cover it',
    );
  });

  test('fails at synth when the log group\'s name is outside the pattern, taking the pattern\'s dots literally', () => {
    const stack = newStack();
    encryptLogGroup(logGroup(stack, 'A', '/custom/a'), undefined, '/aws/lambda/*');
    encryptLogGroup(logGroup(stack, 'B', 'axb'), undefined, 'a.b');
    expect(() => Template.fromStack(stack)).toThrow(
      'encryptLogGroup: log group TestStack/A is named "/custom/a": name it under "/aws/lambda/*", or the key policy does not cover it',
    );
    expect(() => Template.fromStack(stack)).toThrow(/TestStack\/B is named "axb"/);
  });

  test('skips a name built from tokens', () => {
    const stack = newStack();
    encryptLogGroup(logGroup(stack, 'A', `prefix_${Aws.STACK_NAME}`), undefined, 'other*');
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
