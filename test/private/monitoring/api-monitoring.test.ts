import { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
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

  test('warns once, with alarms or a dashboard, that a REST API without restApiName shares its metrics with others named alike', () => {
    const stack = newStack();
    const api = tutorialApi(stack);
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    api.addAlarms();
    api.addDashboard();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('restApiName is not set'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toBe('restApiName is not set, so the REST API is named "Api", like every REST API made by '
      + 'this construct without it; API Gateway publishes a REST API\'s metrics by its name and stage, so the alarms and the '
      + 'dashboard count the requests of all such APIs of the account and region together: set restApiName to a name of its own '
      + '[ack: cdk-cognito-protected-api:sharedApiMetrics]');
  });

  test('gives no such warning with restApiName, nor for metrics alone', () => {
    const named = newStack();
    const api = tutorialApi(named, { restApiName: 'orders-api' });
    api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    api.addAlarms();
    api.addDashboard();
    const unnamed = newStack();
    const other = tutorialApi(unnamed);
    other.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
    other.metricUnauthorized();
    for (const stack of [named, unnamed]) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('restApiName'))).toEqual([]);
    }
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
        { title: 'Sign-ins', metrics: [api.metricSignInSuccesses(), api.metricFederationSuccesses()] },
        {
          title: 'Throttled sign-ins',
          metrics: [{
            metric: api.metricSignInThrottles(),
            alarmFriendlyName: 'SignInThrottles',
            addAlarm: {
              Critical: { threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
            },
          }],
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
