import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import {
  PACKS, REASONS, acknowledge, acknowledgeConstructFunction, acrossPacks, skipCheckov, suppressGuard, waive,
} from '../../src/private/acknowledgements';

function construct() {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'S');
  return { stack };
}

afterEach(() => jest.restoreAllMocks());

test('records each rule with its reason on the construct', () => {
  const { stack } = construct();
  acknowledge(stack, ['COG2', 'IAM5[Resource::arn:x:*]'], 'because a prop says so');
  const recorded = stack.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data);
  expect(JSON.stringify(recorded)).toContain('AwsSolutions-COG2');
  expect(JSON.stringify(recorded)).toContain('AwsSolutions-IAM5[Resource::arn:x:*]');
  expect(JSON.stringify(recorded)).toContain('because a prop says so');
});

test('where aws-cdk-lib refuses a single finding\'s id, warns with the reason instead', () => {
  const { stack } = construct();
  const real = Validations.prototype.acknowledge;
  jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
    if (rules.some((r) => r.id.includes('::'))) {
      throw new Error('«InvalidValidationId» Invalid validation rule ID');
    }
    return real.apply(this, rules);
  });

  acknowledge(stack, ['COG2', 'IAM5[Resource::arn:x:*]'], 'because a prop says so');

  Annotations.fromStack(stack).hasWarning('/S', Match.stringLikeRegexp(
    "cdk-nag's AwsSolutions-IAM5\\[Resource::arn:x:\\*\\] is deliberate, but this aws-cdk-lib cannot acknowledge single findings \\(2\\.270\\.0 can\\): because a prop says so",
  ));
  expect(JSON.stringify(stack.node.metadata.map((m) => m.data))).toContain('AwsSolutions-COG2');
});

test('other errors are not swallowed', () => {
  const { stack } = construct();
  jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {
    throw new Error('something else');
  });
  expect(() => acknowledge(stack, ['IAM5[Resource::arn:x:*]'], 'r')).toThrow('something else');
  expect(() => acknowledge(stack, ['COG2'], 'r')).toThrow('something else');
});

describe('across rule packs', () => {
  function recorded(c: IConstruct): Record<string, string> {
    return Object.assign({}, ...c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => m.data));
  }

  test('acrossPacks names a rule in each pack', () => {
    expect(acrossPacks('LambdaDLQ', PACKS.NIST_800_53_R5, PACKS.SERVERLESS))
      .toEqual(['NIST.800.53.R5-LambdaDLQ', 'Serverless-LambdaDLQ']);
  });

  test('a rule id with a pack\'s prefix is acknowledged as it is; one without is AwsSolutions\'', () => {
    const { stack } = construct();
    acknowledge(stack, ['HIPAA.Security-APIGWSSLEnabled', 'PCI.DSS.321-APIGWSSLEnabled', 'Serverless-LambdaDLQ', 'COG2'], 'why');
    expect(Object.keys(recorded(stack)).map((id) => id.replace(/^[^:]*::/, '')).sort()).toEqual([
      'AwsSolutions-COG2', 'HIPAA.Security-APIGWSSLEnabled', 'PCI.DSS.321-APIGWSSLEnabled', 'Serverless-LambdaDLQ',
    ]);
  });

  test('skipCheckov writes Metadata.checkov.skip on the default child, keeping earlier skips and metadata', () => {
    const { stack } = construct();
    const group = new logs.LogGroup(stack, 'Logs');
    const cfn = group.node.defaultChild as logs.CfnLogGroup;
    cfn.addMetadata('checkov', { note: 'kept' });
    skipCheckov(group, ['CKV_AWS_158'], 'first reason');
    skipCheckov(group, ['CKV_AWS_158', 'CKV_AWS_66'], 'second reason');
    const metadata = Template.fromStack(stack).findResources('AWS::Logs::LogGroup')[stack.getLogicalId(cfn)].Metadata;
    expect(metadata).toEqual({
      checkov: {
        note: 'kept',
        skip: [{ id: 'CKV_AWS_158', comment: 'first reason' }, { id: 'CKV_AWS_66', comment: 'second reason' }],
      },
    });
  });

  test('fails when skipCheckov is given a construct without a CloudFormation resource', () => {
    const { stack } = construct();
    expect(() => skipCheckov(new Construct(stack, 'Plain'), ['CKV_AWS_1'], 'r')).toThrow(
      'skipCheckov: S/Plain is not a CloudFormation resource and has no default child that is',
    );
  });

  test('suppressGuard writes Metadata.guard.SuppressedRules on the default child, once each, keeping other metadata', () => {
    const { stack } = construct();
    const group = new logs.LogGroup(stack, 'Logs');
    const cfn = group.node.defaultChild as logs.CfnLogGroup;
    cfn.addMetadata('guard', { note: 'kept' });
    suppressGuard(group, ['CLOUDWATCH_LOG_GROUP_ENCRYPTED']);
    suppressGuard(group, ['CLOUDWATCH_LOG_GROUP_ENCRYPTED', 'CW_LOGGROUP_RETENTION_PERIOD_CHECK']);
    const metadata = Template.fromStack(stack).findResources('AWS::Logs::LogGroup')[stack.getLogicalId(cfn)].Metadata;
    expect(metadata).toEqual({
      guard: { note: 'kept', SuppressedRules: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED', 'CW_LOGGROUP_RETENTION_PERIOD_CHECK'] },
    });
    expect(() => suppressGuard(new Construct(stack, 'Plain'), ['X'])).toThrow(
      'suppressGuard: S/Plain is not a CloudFormation resource and has no default child that is',
    );
  });

  test('waive suppresses the Guard rules too', () => {
    const { stack } = construct();
    const group = new logs.LogGroup(stack, 'Logs');
    waive(group, { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted'], guard: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] }, 'r');
    expect((group.node.defaultChild as logs.CfnLogGroup).getMetadata('guard'))
      .toEqual({ SuppressedRules: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] });
  });

  test('waive acknowledges in cdk-nag and skips in checkov with one reason', () => {
    const { stack } = construct();
    const group = new logs.LogGroup(stack, 'Logs');
    waive(group, { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted'], checkov: ['CKV_AWS_158'] }, 'the reason');
    expect(Object.values(recorded(group))).toEqual(['the reason']);
    expect((group.node.defaultChild as logs.CfnLogGroup).getMetadata('checkov'))
      .toEqual({ skip: [{ id: 'CKV_AWS_158', comment: 'the reason' }] });
  });
});

describe('acknowledgeConstructFunction', () => {
  function fn(stack: Stack, tracing?: lambda.Tracing) {
    return new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
      tracing,
    });
  }

  test('acknowledges concurrency, dead letters, VPC and, untraced, tracing, and skips their checkov checks', () => {
    const { stack } = construct();
    const f = fn(stack);
    acknowledgeConstructFunction(f);
    const ids = f.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data).map((id) => id.replace(/^[^:]*::/, ''))).sort();
    expect(ids).toEqual([
      'HIPAA.Security-LambdaConcurrency', 'HIPAA.Security-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC', 'Serverless-LambdaDLQ', 'Serverless-LambdaTracing',
    ]);
    const skips = (f.node.defaultChild as lambda.CfnFunction).getMetadata('checkov').skip;
    expect(skips).toEqual([
      { id: 'CKV_AWS_115', comment: REASONS.functionConcurrency },
      { id: 'CKV_AWS_116', comment: REASONS.functionDeadLetters },
      { id: 'CKV_AWS_117', comment: REASONS.functionVpc },
      { id: 'CKV_AWS_173', comment: REASONS.functionEnvironmentKey },
    ]);
  });

  test('a traced function is not acknowledged for tracing', () => {
    const { stack } = construct();
    const f = fn(stack, lambda.Tracing.ACTIVE);
    acknowledgeConstructFunction(f);
    expect(JSON.stringify(f.node.metadata.map((m) => m.data))).not.toContain('LambdaTracing');
    expect(JSON.stringify(f.node.metadata.map((m) => m.data))).toContain('Serverless-LambdaDLQ');
  });
});
