import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ProtectedApiWithCognito } from '../../../src';
import { REASONS } from '../../../src/private/acknowledgements';
import { ALARM_DEFAULTS } from '../../../src/private/monitoring/alarms';
import { newStack, tutorialApi } from '../../helpers';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:on-call';

function tutorial(stack: Stack, overrides = {}): ProtectedApiWithCognito {
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return api;
}

const ref = (c: { node: { defaultChild?: unknown } }) => ({ Ref: Stack.of(c as any).getLogicalId(c.node.defaultChild as CfnElement) });
const idOf = (c: { node: { defaultChild?: unknown } }) => ref(c).Ref;

/** The alarm's resource in the template. */
function alarmResource(template: Template, alarm: cloudwatch.Alarm): any {
  return template.toJSON().Resources[idOf(alarm)].Properties;
}

const WITH_GROUPS = { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] };

describe('addAlarms', () => {
  test('makes 5XX rate, p99 latency, refusals, sign-in and token refresh throttles, in that order, under Monitoring', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const alarms = api.addAlarms();
    expect(alarms.map((a) => a.node.id)).toEqual([
      'ServerErrorRateAlarm', 'LatencyP99Alarm', 'RefusalsAlarm', 'SignInThrottlesAlarm', 'TokenRefreshThrottlesAlarm',
    ]);
    expect(alarms.every((a) => a.node.scope === api.node.findChild('Monitoring'))).toBe(true);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });

  test('with userGroups, a sixth alarm: any error of the pre token generation trigger', () => {
    const stack = newStack();
    const api = tutorial(stack, WITH_GROUPS);
    const alarms = api.addAlarms();
    expect(alarms).toHaveLength(6);
    const template = Template.fromStack(stack);
    expect(alarmResource(template, alarms[5])).toEqual(expect.objectContaining({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: ref(api.preTokenGenerationFunction!) }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    }));
  });

  test('the 5XX alarm is the share of requests answered 5XX, in percent, three periods in a row', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const [serverErrors] = api.addAlarms();
    const props = alarmResource(Template.fromStack(stack), serverErrors);
    const stageMetric = (id: string, name: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: name,
          Dimensions: Match.arrayWith([{ Name: 'ApiName', Value: 'Api' }, { Name: 'Stage', Value: ref(api.api.deploymentStage) }]),
        },
        Period: 300,
        Stat: 'Sum',
      },
      ReturnData: false,
    });
    expect(props).toEqual(expect.objectContaining({
      Threshold: ALARM_DEFAULTS.serverErrorRatePercent,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      TreatMissingData: 'notBreaching',
    }));
    expect(ALARM_DEFAULTS.serverErrorRatePercent).toBe(5);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        { Id: 'expr_1', Expression: 'IF(requests > 0, 100 * errors / requests, 0)', Label: '5XX answers (% of requests)' },
        stageMetric('errors', '5XXError'),
        stageMetric('requests', 'Count'),
      ],
    });
  });

  test('the latency alarm is the stage\'s p99 above 3000 ms, three periods in a row', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const latency = api.addAlarms()[1];
    expect(alarmResource(Template.fromStack(stack), latency)).toEqual(expect.objectContaining({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiName', Value: 'Api' }, { Name: 'Stage', Value: ref(api.api.deploymentStage) }],
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 3000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      TreatMissingData: 'notBreaching',
    }));
  });

  test('the refusals alarm adds the 401 and 403 counts, each filled with 0, and fires at 100 in one period', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const refusals = api.addAlarms()[2];
    const template = Template.fromStack(stack);
    const props = alarmResource(template, refusals);
    const refusal = (id: string, name: string) => ({
      Id: id,
      MetricStat: {
        Metric: { Namespace: 'CognitoProtectedApi', MetricName: { 'Fn::Join': ['', [`${name}-`, ref(api.api)]] } },
        Period: 300,
        Stat: 'Sum',
      },
      ReturnData: false,
    });
    expect(props.Metrics).toEqual([
      { Id: 'expr_1', Expression: 'FILL(unauthorized, 0) + FILL(forbidden, 0)', Label: 'Refused (401 + 403)', ReturnData: true },
      refusal('unauthorized', 'Unauthorized'),
      refusal('forbidden', 'Forbidden'),
    ]);
    expect(props).toEqual(expect.objectContaining({
      Threshold: 100, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching',
    }));
    // The alarm's metrics have data: the two filters are there.
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
  });

  test.each([
    [3, 'SignInThrottles'],
    [4, 'TokenRefreshThrottles'],
  ])('alarm %i is any %s of the browser client in one period', (index, metricName) => {
    const stack = newStack();
    const api = tutorial(stack);
    const alarm = api.addAlarms()[index];
    expect(alarmResource(Template.fromStack(stack), alarm)).toEqual(expect.objectContaining({
      Namespace: 'AWS/Cognito',
      MetricName: metricName,
      Dimensions: [{ Name: 'UserPool', Value: ref(api.userPool as any) }, { Name: 'UserPoolClient', Value: ref(api.userPoolClient) }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    }));
  });

  test('the options change every threshold', () => {
    const stack = newStack();
    const api = tutorial(stack, WITH_GROUPS);
    const alarms = api.addAlarms({
      serverErrorRatePercent: 1.5,
      latencyP99Milliseconds: 800,
      refusalsPerFiveMinutes: 20,
      signInThrottlesPerFiveMinutes: 5,
      tokenRefreshThrottlesPerFiveMinutes: 7,
      triggerErrorsPerFiveMinutes: 3,
    });
    const template = Template.fromStack(stack);
    expect(alarms.map((a) => alarmResource(template, a).Threshold)).toEqual([1.5, 800, 20, 5, 7, 3]);
  });

  test('the alarm action is on every alarm, for ALARM and for OK', () => {
    const stack = newStack();
    const api = tutorial(stack, WITH_GROUPS);
    const topic = sns.Topic.fromTopicArn(stack, 'OnCall', TOPIC_ARN);
    const alarms = api.addAlarms({ alarmAction: new actions.SnsAction(topic) });
    const template = Template.fromStack(stack);
    for (const alarm of alarms) {
      const props = alarmResource(template, alarm);
      expect([props.AlarmActions, props.OKActions, props.InsufficientDataActions]).toEqual([[TOPIC_ARN], [TOPIC_ARN], undefined]);
      expect(props.AlarmDescription).toMatch(/Api/);
    }
  });

  test('without an action, no alarm has one, and the rule packs\' alarm action rule is acknowledged with why', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const alarms = api.addAlarms();
    const template = Template.fromStack(stack);
    for (const alarm of alarms) {
      expect(alarmResource(template, alarm).AlarmActions).toBeUndefined();
      const acknowledged = alarm.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>));
      expect(acknowledged.map(([id, reason]) => [id.replace(/^[^:]*::/, ''), reason])).toEqual([
        ['NIST.800.53.R5-CloudWatchAlarmAction', REASONS.alarmWithoutAction],
        ['HIPAA.Security-CloudWatchAlarmAction', REASONS.alarmWithoutAction],
      ]);
    }
  });

  test('fails when addAlarms is called twice', () => {
    const stack = newStack();
    const api = tutorial(stack);
    api.addAlarms();
    expect(() => api.addAlarms()).toThrow(
      'addAlarms: TestStack/AwesomeApi has its alarms already; call addAlarms once, with every option');
  });

  test.each([
    [{ serverErrorRatePercent: 0 }, 'addAlarms: options.serverErrorRatePercent 0 is invalid: use a percentage above 0 and at most 100'],
    [{ serverErrorRatePercent: 101 }, 'addAlarms: options.serverErrorRatePercent 101 is invalid: use a percentage above 0 and at most 100'],
    [{ latencyP99Milliseconds: -5 }, 'addAlarms: options.latencyP99Milliseconds -5 is invalid: use a number of milliseconds above 0'],
    [{ refusalsPerFiveMinutes: 0.5 }, 'addAlarms: options.refusalsPerFiveMinutes 0.5 is invalid: use a whole number of at least 1'],
    [{ signInThrottlesPerFiveMinutes: 0 }, 'addAlarms: options.signInThrottlesPerFiveMinutes 0 is invalid: use a whole number of at least 1'],
    [{ tokenRefreshThrottlesPerFiveMinutes: -1 }, 'addAlarms: options.tokenRefreshThrottlesPerFiveMinutes -1 is invalid: use a whole number of at least 1'],
    [{ triggerErrorsPerFiveMinutes: 2.5 }, 'addAlarms: options.triggerErrorsPerFiveMinutes 2.5 is invalid: use a whole number of at least 1'],
  ])('fails when the options are %j', (options, message) => {
    const stack = newStack();
    const api = tutorial(stack);
    expect(() => api.addAlarms(options)).toThrow(message);
    expect(api.node.tryFindChild('Monitoring')).toBeUndefined();
  });
});
