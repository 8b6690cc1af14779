import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CLIENT_CERTIFICATE_ID, ON_CALL_TOPIC_ARN, maximalApi } from './fixtures/maximal';
import { maximalHttpApi } from './fixtures/maximal-http';
import { SPLIT_SEGMENTS, splitApi } from './fixtures/split';
import { backend as urlBackend, newStack, tutorialApi, tutorialHttpApi, TUTORIAL_PROPS, violations, Violation } from './helpers';
import { ProtectedApiWithCognito, ProtectedHttpApiWithCognito } from '../src';
import { REASONS } from '../src/private/acknowledgements';

const PACK_NAMES = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321', 'Serverless'];

/** Where the test puts resources of its own, which are not the construct's to fix. */
const TEST_OWNED = 'NagStack/Backend';

interface PackRun<T extends IConstruct = ProtectedApiWithCognito> {
  readonly api: T;
  readonly stack: Stack;
  /** Findings on anything but the test's own resources. */
  readonly findings: Violation[];
  /** Findings on the test's own resources. */
  readonly testOwned: Violation[];
}

/** Synthesizes under all five cdk-nag 3 rule packs, registered as a user would; errors are collected. */
function runPacks<T extends IConstruct = ProtectedApiWithCognito>(build: (stack: Stack) => T): PackRun<T> {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app), new ServerlessChecks(app));
  const stack = new Stack(app, 'NagStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const api = build(stack);
  const all = violations(app.synth());
  const isTestOwned = (v: Violation) => v.paths.length > 0 && v.paths.every((p) => p.startsWith(`${TEST_OWNED}/`));
  return { api, stack, findings: all.filter((v) => !isTestOwned(v)), testOwned: all.filter(isTestOwned) };
}

/** The acknowledged rule ids in the tree, as `<path> <rule id>`. */
function acknowledgedRules(root: IConstruct): string[] {
  const found: string[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        found.push(...Object.keys(entry.data).map((id) => `${c.node.path} ${id.replace(/^[^:]*::/, '')}`));
      }
    }
  }
  return found.sort();
}

/** The reasons of every acknowledgement in the tree. */
function acknowledgementReasons(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.values(m.data) as string[]));
}

/** The checkov skips of each resource in the template that has any, by logical id. */
function checkovSkips(template: Template): Record<string, Array<{ id: string; comment: string }>> {
  const skips: Record<string, Array<{ id: string; comment: string }>> = {};
  for (const [id, resource] of Object.entries(template.toJSON().Resources as Record<string, any>)) {
    if (resource.Metadata?.checkov) {
      skips[id] = resource.Metadata.checkov.skip;
    }
  }
  return skips;
}

const STAGE = 'NagStack/AwesomeApi/Api/DeploymentStage.prod';
const ACCESS_LOGS = 'NagStack/AwesomeApi/AccessLogs';

describe('every cdk-nag rule pack', () => {
  let defaults: PackRun;
  let maximal: PackRun;
  let split: PackRun;

  beforeAll(() => {
    split = runPacks((stack) => {
      const api = splitApi(stack);
      // The test's own backend in a nested stack of its own: reported by every pack, which so
      // shows that the packs read nested stacks' templates too.
      const backend = new lambda.Function(new NestedStack(stack, 'Backend'), 'Function', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
      });
      api.addMethod('GET', '/orders/{id}/backend', {
        scopes: ['awesomeapi.read'],
        integration: new apigateway.LambdaIntegration(backend),
      });
      return api;
    });
    defaults = runPacks((stack) => {
      const api = tutorialApi(stack);
      api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
      return api;
    });
    maximal = runPacks((stack) => {
      const api = maximalApi(stack);
      // The test's own backend, as users write one: reported by every pack, and not the construct's.
      const backend = new lambda.Function(stack, 'Backend', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
      });
      api.addMethod('GET', '/items', {
        scopes: ['awesomeapi.read'],
        integration: new apigateway.LambdaIntegration(backend),
      });
      return api;
    });
  }, 240_000);

  test('finds nothing unacknowledged on the construct with default props', () => {
    expect(defaults.findings).toEqual([]);
  });

  test('finds nothing unacknowledged on the construct with every feature on, and on its own function', () => {
    expect(maximal.findings).toEqual([]);
  });

  test('finds nothing unacknowledged in any template of an API split across nested stacks', () => {
    // One stack for each first segment, several for those the fixture spreads.
    expect(split.api.node.findAll().filter((c) => c instanceof NestedStack).length).toBeGreaterThan(SPLIT_SEGMENTS.length + 1);
    expect(split.findings).toEqual([]);
  });

  test('reads nested stacks too: the test\'s own backend in a nested stack is reported by each pack', () => {
    const packs = new Set(split.testOwned.map((v) => v.ruleName.replace(/-.*$/, '')));
    expect([...packs].sort()).toEqual([...PACK_NAMES].sort());
  });

  test('is really running every pack: the test\'s own unhardened backend is reported by each', () => {
    const packs = new Set(maximal.testOwned.map((v) => v.ruleName.replace(/-.*$/, '')));
    expect([...packs].sort()).toEqual([...PACK_NAMES].sort());
  });

  test('acknowledges by default exactly these rules of the other packs, on the construct\'s own resources', () => {
    const others = acknowledgedRules(defaults.api.node.root).filter((r) => !r.includes(' AwsSolutions-'));
    expect(others).toEqual([
      ...['CloudWatchLogGroupEncrypted'].flatMap((rule) => ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']
        .map((pack) => `${ACCESS_LOGS} ${pack}-${rule}`)),
      ...['APIGWCacheEnabledAndEncrypted', 'APIGWSSLEnabled'].flatMap((rule) => ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']
        .map((pack) => `${STAGE} ${pack}-${rule}`)),
      `${STAGE} NIST.800.53.R5-APIGWAssociatedWithWAF`,
      `${STAGE} PCI.DSS.321-APIGWAssociatedWithWAF`,
      `${STAGE} HIPAA.Security-APIGWXrayEnabled`,
      `${STAGE} Serverless-APIGWXrayEnabled`,
    ].sort());
    for (const rule of acknowledgedRules(defaults.api.node.root)) {
      expect(rule.startsWith(`${defaults.api.node.path}/`)).toBe(true);
    }
  });

  test('the props that cost money or need your resource remove their acknowledgements; caching stays off', () => {
    const onStageAndLogs = (root: IConstruct) => acknowledgedRules(root)
      .filter((r) => r.startsWith(`${STAGE} `) || r.startsWith(`${ACCESS_LOGS} `));
    expect(onStageAndLogs(maximal.api.node.root)).toEqual([
      `${STAGE} HIPAA.Security-APIGWCacheEnabledAndEncrypted`,
      `${STAGE} NIST.800.53.R5-APIGWCacheEnabledAndEncrypted`,
      `${STAGE} PCI.DSS.321-APIGWCacheEnabledAndEncrypted`,
    ]);
    expect(onStageAndLogs(defaults.api.node.root).length).toBeGreaterThan(3);
  });

  test('the construct\'s own function is acknowledged only for what a trigger leaves by design', () => {
    const fn = 'NagStack/AwesomeApi/PreTokenGeneration/Function';
    const onTrigger = acknowledgedRules(maximal.api.node.root).filter((r) => r.startsWith(`${fn} `));
    expect(onTrigger).toEqual([
      'HIPAA.Security-LambdaConcurrency', 'HIPAA.Security-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaConcurrency', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaInsideVPC', 'Serverless-LambdaDLQ',
    ].map((id) => `${fn} ${id}`));
  });

  test('the trigger function with default props (no key, no tracing) is clean too, its defaults acknowledged', () => {
    const run = runPacks((stack) => {
      const api = tutorialApi(stack, {
        scopes: [{ name: 'awesomeapi.read', description: 'read' }, { name: 'awesomeapi.admin', description: 'admin' }],
        userGroups: [{ name: 'admins', scopes: ['awesomeapi.admin'] }],
      });
      api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
      return api;
    });
    expect(run.findings).toEqual([]);
    const base = 'NagStack/AwesomeApi/PreTokenGeneration';
    const onTrigger = acknowledgedRules(run.api.node.root).filter((r) => r.startsWith(`${base}/`));
    expect(onTrigger).toEqual(expect.arrayContaining([
      `${base}/Function Serverless-LambdaTracing`,
      `${base}/Logs NIST.800.53.R5-CloudWatchLogGroupEncrypted`,
    ]));
  }, 120_000);

  test('alarms without an action and the dashboard are clean too: the alarm action rule acknowledged, with alarmAction', () => {
    const run = runPacks((stack) => {
      const api = tutorialApi(stack, { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
      api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
      api.addAlarms();
      api.addDashboard();
      return api;
    });
    expect(run.findings).toEqual([]);
    const onAlarms = acknowledgedRules(run.api.node.root).filter((r) => r.startsWith('NagStack/AwesomeApi/Monitoring/'));
    expect(onAlarms).toEqual(['LatencyP99Alarm', 'PreTokenGenerationErrorsAlarm', 'RefusalsAlarm', 'ServerErrorRateAlarm',
      'SignInThrottlesAlarm', 'TokenRefreshThrottlesAlarm'].flatMap((alarm) => ['HIPAA.Security', 'NIST.800.53.R5']
      .map((pack) => `NagStack/AwesomeApi/Monitoring/${alarm} ${pack}-CloudWatchAlarmAction`)).sort());
    expect(acknowledgementReasons(run.api.node.root)).toContain(REASONS.alarmWithoutAction);
  }, 120_000);

  test('on the HTTP construct too, the alarms and the dashboard leave no finding', () => {
    const run = runPacks((stack) => {
      const api = tutorialHttpApi(stack, { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
      api.addRoute('GET', '/awesomeapi', { integration: urlBackend(), scopes: ['awesomeapi.read'] });
      api.addAlarms({ alarmAction: new actions.SnsAction(sns.Topic.fromTopicArn(stack, 'OnCall', ON_CALL_TOPIC_ARN)) });
      api.addDashboard();
      return api;
    });
    const monitoring = 'NagStack/AwesomeApi/Monitoring/';
    expect(run.stack.node.findAll().filter((c) => c.node.path.startsWith(monitoring)).length).toBeGreaterThan(8);
    expect(run.findings.filter((v) => v.paths.some((p) => p.startsWith(monitoring)))).toEqual([]);
  }, 120_000);

  test('every acknowledgement says why, and names the prop that changes it or why none does', () => {
    const reasons = [...acknowledgementReasons(defaults.api.node.root), ...acknowledgementReasons(maximal.api.node.root)];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatch(/^.{40,}$/s);
      expect(reason).toMatch(/featurePlan|mfa|webAclArn|cloudWatchRole|allowUnauthenticated|accessLogEncryptionKey|tracingEnabled|clientCertificateId|no prop|construct's function/);
    }
  });
});

describe('every cdk-nag rule pack on the HTTP construct', () => {
  let defaults: PackRun<ProtectedHttpApiWithCognito>;
  let maximal: PackRun<ProtectedHttpApiWithCognito>;
  const HTTP_ACCESS_LOGS = 'NagStack/AwesomeApi/AccessLogs';

  beforeAll(() => {
    defaults = runPacks((stack) => {
      const api = tutorialHttpApi(stack);
      api.addRoute('GET', '/awesomeapi', { integration: urlBackend(), scopes: ['awesomeapi.read'] });
      api.addRoute('GET', '/health', { integration: urlBackend(), allowUnauthenticated: true });
      return api;
    });
    maximal = runPacks((stack) => {
      const api = maximalHttpApi(stack);
      // The test's own backend, as users write one: reported by every pack, and not the construct's.
      const fn = new lambda.Function(stack, 'Backend', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
      });
      api.addRoute('GET', '/items', { integration: new integrations.HttpLambdaIntegration('Items', fn), scopes: ['awesomeapi.read'] });
      return api;
    });
  }, 240_000);

  test('finds nothing unacknowledged on the construct with default props', () => {
    expect(defaults.findings).toEqual([]);
  });

  test('finds nothing unacknowledged on the construct with every feature on, and on its own function', () => {
    expect(maximal.findings).toEqual([]);
  });

  test('is really running every pack: the test\'s own unhardened backend is reported by each', () => {
    const packs = new Set(maximal.testOwned.map((v) => v.ruleName.replace(/-.*$/, '')));
    expect([...packs].sort()).toEqual([...PACK_NAMES].sort());
  });

  test('acknowledges by default, in the other packs, only the log group\'s key', () => {
    const others = acknowledgedRules(defaults.api.node.root).filter((r) => !r.includes(' AwsSolutions-'));
    expect(others).toEqual(['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']
      .map((pack) => `${HTTP_ACCESS_LOGS} ${pack}-CloudWatchLogGroupEncrypted`).sort());
  });

  test('every acknowledgement says why, and names the prop that changes it', () => {
    const reasons = [...acknowledgementReasons(defaults.api.node.root), ...acknowledgementReasons(maximal.api.node.root)];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatch(/^.{40,}$/s);
      expect(reason).toMatch(/featurePlan|mfa|allowUnauthenticated|accessLogEncryptionKey|tracingEnabled|construct's function/);
    }
  });

  test('with every feature on, the stage and the log group need no acknowledgement', () => {
    const onStageAndLogs = acknowledgedRules(maximal.api.node.root)
      .filter((r) => r.startsWith(`${maximal.api.stage.node.path} `) || r.startsWith(`${maximal.api.accessLogGroup.node.path} `));
    expect(onStageAndLogs).toEqual([]);
  });
});

describe('checkov skips', () => {
  function tutorialTemplate(overrides = {}) {
    const stack = newStack();
    const api = tutorialApi(stack, overrides);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    api.addMethod('GET', '/health', { allowUnauthenticated: true });
    return { api, template: Template.fromStack(stack) };
  }

  test('are on the construct\'s own resources, each with its reason', () => {
    const { api, template } = tutorialTemplate();
    const ids = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);
    const health = api.api.root.getResource('health')!.node.findChild('GET');
    expect(checkovSkips(template)).toEqual({
      [ids(api.api.deploymentStage)]: [
        { id: 'CKV_AWS_120', comment: REASONS.cache },
        { id: 'CKV_AWS_73', comment: REASONS.tracing },
      ],
      [ids(api.accessLogGroup)]: [{ id: 'CKV_AWS_158', comment: REASONS.logEncryption }],
      [ids(health)]: [{ id: 'CKV_AWS_59', comment: REASONS.publicMethod }],
    });
  });

  test('tracingEnabled and accessLogEncryptionKey remove theirs', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const api = tutorialApi(stack, { tracingEnabled: true, accessLogEncryptionKey: key });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const skips = checkovSkips(Template.fromStack(stack));
    expect(Object.values(skips)).toEqual([[{ id: 'CKV_AWS_120', comment: REASONS.cache }]]);
  });
});

/** The Guard rules each resource in the template suppresses, by logical id. */
function guardSuppressions(template: Template): Record<string, string[]> {
  const suppressed: Record<string, string[]> = {};
  for (const [id, resource] of Object.entries<any>(template.toJSON().Resources)) {
    if (resource.Metadata?.guard) {
      suppressed[id] = resource.Metadata.guard.SuppressedRules;
    }
  }
  return suppressed;
}

describe('AWS CloudFormation Guard suppressions', () => {
  const ids = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);

  test('the default API suppresses the stage cache rule and, with no key, the access log encryption rule', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    expect(guardSuppressions(Template.fromStack(stack))).toEqual({
      [ids(api.api.deploymentStage)]: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'],
      [ids(api.accessLogGroup)]: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
    });
  });

  test('user groups add the trigger\'s function rules, its log group\'s without a key, and its policy\'s when traced', () => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      tracingEnabled: true,
      userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }],
    });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const trigger = api.preTokenGenerationFunction!;
    const triggerScope = trigger.node.scope!;
    expect(guardSuppressions(Template.fromStack(stack))).toEqual({
      [ids(api.api.deploymentStage)]: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'],
      [ids(api.accessLogGroup)]: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
      [ids(triggerScope.node.findChild('Logs'))]: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
      [ids(trigger)]: ['LAMBDA_CONCURRENCY_CHECK', 'LAMBDA_DLQ_CHECK', 'LAMBDA_INSIDE_VPC'],
      [ids(triggerScope.node.findChild('Policy'))]: ['IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE'],
    });
  });

  test('untraced, the trigger\'s policy names no wildcard and suppresses nothing', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const policy = api.preTokenGenerationFunction!.node.scope!.node.findChild('Policy');
    expect(guardSuppressions(Template.fromStack(stack))[ids(policy)]).toBeUndefined();
  });

  test('every feature on: only the construct\'s own resources carry them, none the user\'s key or provider', () => {
    const stack = newStack();
    const api = maximalApi(stack);
    const suppressed = guardSuppressions(Template.fromStack(stack));
    const own = new Set(api.node.findAll().filter((c) => c.node.defaultChild !== undefined).map((c) => ids(c)));
    expect(Object.keys(suppressed).filter((id) => !own.has(id))).toEqual([]);
    // with a key for the logs, the log groups need no suppression
    expect(Object.values(suppressed).flat().sort()).toEqual([
      'API_GW_CACHE_ENABLED_AND_ENCRYPTED', 'IAM_POLICYDOCUMENT_NO_WILDCARD_RESOURCE', 'LAMBDA_CONCURRENCY_CHECK',
      'LAMBDA_DLQ_CHECK', 'LAMBDA_INSIDE_VPC',
    ]);
  });
});

describe('fixes by default and by prop', () => {
  test('the account role\'s policy is customer managed, with the same narrow statements, kept with the role', () => {
    const stack = newStack();
    tutorialApi(stack).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    const roles = template.findResources('AWS::IAM::Role');
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    expect(Object.keys(policies)).toHaveLength(1);
    const [policyId, policy] = Object.entries(policies)[0];
    const role = Object.values(roles)[0];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
    expect(policy.DeletionPolicy).toBe('Retain');
    expect(policy.Properties.Roles).toBeUndefined();
    const arn = (name: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:log-group:${name}`]],
    });
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Action: 'logs:DescribeLogGroups', Effect: 'Allow', Resource: arn('*') },
      {
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents',
          'logs:GetLogEvents', 'logs:FilterLogEvents'],
        Effect: 'Allow',
        Resource: ['API-Gateway-Execution-Logs_*', 'API-Gateway-Execution-Logs_*:log-stream:*', 'API-Gateway-Access-Logs_*',
          'API-Gateway-Access-Logs_*:log-stream:*', '/aws/apigateway/welcome', '/aws/apigateway/welcome:log-stream:*'].map(arn),
      },
    ]);
  });

  test('accessLogEncryptionKey encrypts the access log group, and the key lets CloudWatch Logs use it for those groups only', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    tutorialApi(stack, { accessLogEncryptionKey: key }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':',
                  { Ref: 'AWS::AccountId' }, ':log-group:API-Gateway-Access-Logs_*']],
              },
            },
          },
        }]),
      },
    });
  });

  test('an imported key encrypts the log group too, with a warning of what its own policy must allow', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    tutorialApi(stack, { accessLogEncryptionKey: key }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/AwesomeApi/AccessLogs', Match.stringLikeRegexp(
      '^accessLogEncryptionKey TestStack/Imported is imported, so its key policy cannot be changed here: it must let the '
      + 'service principal logs.<region>.amazonaws.com use kms:Encrypt\\*, kms:Decrypt\\*, kms:ReEncrypt\\*, '
      + 'kms:GenerateDataKey\\*, kms:Describe\\* on condition that kms:EncryptionContext:aws:logs:arn is like '
      + 'arn:<partition>:logs:<region>:<account>:log-group:API-Gateway-Access-Logs_\\*, or the deploy fails',
    ));
  });

  test('clientCertificateId is presented by the stage', () => {
    const stack = newStack();
    tutorialApi(stack, { clientCertificateId: CLIENT_CERTIFICATE_ID }).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', { ClientCertificateId: CLIENT_CERTIFICATE_ID });
  });

  test('without the new props the template has no key and no client certificate', () => {
    const stack = newStack();
    new ProtectedApiWithCognito(stack, 'AwesomeApi', TUTORIAL_PROPS).addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.absent() });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { ClientCertificateId: Match.absent() });
  });
});

describe('checkov skips and Guard suppressions of the HTTP construct', () => {
  test('are the log group\'s without a key, nothing else: a public route needs none', () => {
    const stack = newStack();
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/awesomeapi', { integration: urlBackend(), scopes: ['awesomeapi.read'] });
    api.addRoute('GET', '/health', { integration: urlBackend(), allowUnauthenticated: true });
    const template = Template.fromStack(stack);
    const id = Stack.of(api).getLogicalId(api.accessLogGroup.node.defaultChild as any);
    expect(checkovSkips(template)).toEqual({ [id]: [{ id: 'CKV_AWS_158', comment: REASONS.logEncryption }] });
    expect(guardSuppressions(template)).toEqual({ [id]: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] });
  });

  test('accessLogEncryptionKey removes them', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const api = tutorialHttpApi(stack, { accessLogEncryptionKey: key });
    api.addRoute('GET', '/awesomeapi', { integration: urlBackend(), scopes: ['awesomeapi.read'] });
    const template = Template.fromStack(stack);
    expect(checkovSkips(template)).toEqual({});
    expect(guardSuppressions(template)).toEqual({});
  });
});
