import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { MonitoringFacade } from 'cdk-monitoring-constructs';
import { ApiMonitoring } from '../../../src/private/monitoring/api-monitoring';
import { newStack, tutorialApi } from '../../helpers';

const ref = (c: { node: { defaultChild?: unknown } }) => ({ Ref: Stack.of(c as any).getLogicalId(c.node.defaultChild as CfnElement) });

describe('ApiMonitoring', () => {
  test('makes nothing until a metric filter, an alarm or the dashboard is needed', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const before = stack.node.findAll().length;
    api.metricCount();
    api.metricSignInSuccesses();
    expect(stack.node.findAll().length).toBe(before);
    api.metricUnauthorized();
    expect(api.node.findChild('Monitoring').node.children).toHaveLength(2);
  });

  test('reads only what the front and the half give it: a stage and a pool of another construct work alike', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const monitoring = new ApiMonitoring(stack, {
      kind: 'HTTP API',
      dimensions: { ApiId: 'a1b2c3', Stage: '$default' },
      metricNames: { serverErrors: '5xx', clientErrors: '4xx', count: 'Count', latency: 'Latency' },
      apiId: 'a1b2c3',
      apiName: 'orders',
      stageName: '$default',
      accessLogGroup: api.accessLogGroup,
    }, { userPool: api.userPool, client: api.userPoolClient });
    expect([monitoring.metrics.serverErrors().metricName, monitoring.metrics.clientErrors().metricName])
      .toEqual(['5xx', '4xx']);
    expect(monitoring.metrics.count().dimensions).toEqual({ ApiId: 'a1b2c3', Stage: '$default' });
    expect(monitoring.metrics.unauthorized().metricName).toBe('Unauthorized-a1b2c3');
    const alarms = monitoring.addAlarms();
    expect(alarms).toHaveLength(5);
    expect(alarms[0].node.path).toBe('TestStack/Monitoring/ServerErrorRateAlarm');
  });

  test('hands its metrics to cdk-monitoring-constructs\' monitorCustom, which alarms on them as they are', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    const facade = new MonitoringFacade(stack, 'Monitoring');
    facade.monitorCustom({
      alarmFriendlyName: 'AwesomeApiSignIn',
      humanReadableName: 'AwesomeApi sign-in',
      metricGroups: [
        { title: 'Refused', metrics: [api.metricUnauthorized(), api.metricForbidden()] },
        {
          title: 'Sign-ins',
          metrics: [
            api.metricSignInSuccesses(),
            {
              metric: api.metricSignInThrottles(),
              alarmFriendlyName: 'SignInThrottles',
              addAlarm: {
                Critical: { threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
              },
            },
          ],
        },
      ],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Cognito',
      MetricName: 'SignInThrottles',
      Dimensions: Match.arrayWith([{ Name: 'UserPool', Value: ref(api.userPool as any) }]),
      Threshold: 1,
    });
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
  });
});
