import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ProtectedApiWithCognito } from '../../../src';
import { REFUSALS_QUERY } from '../../../src/private/monitoring/dashboard';
import { newStack, tutorialApi } from '../../helpers';

function tutorial(stack: Stack, overrides = {}): ProtectedApiWithCognito {
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return api;
}

const idOf = (c: { node: { defaultChild?: unknown } }) => Stack.of(c as any).getLogicalId(c.node.defaultChild as CfnElement);

/**
 * The dashboard's body as JSON, each reference written `@Ref(<logical id>)` (the body is an
 * Fn::Join of literal text and references).
 */
function dashboardBody(template: Template): any {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody;
  const parts: unknown[] = typeof body === 'string' ? [body] : body['Fn::Join'][1];
  const text = parts.map((part: any) => {
    if (typeof part === 'string') {
      return part;
    }
    if (part.Ref) {
      return `@Ref(${part.Ref})`;
    }
    throw new Error(`unexpected part of the body: ${JSON.stringify(part)}`);
  }).join('');
  return JSON.parse(text);
}

/** Every metric of a widget as `namespace name dim=value ...`, with its options' stat and label. */
function widgetMetrics(widget: any): string[] {
  return (widget.properties.metrics ?? []).map((m: any[]) => {
    const options = typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {};
    const names = m.filter((x) => typeof x === 'string');
    return [...names, `stat=${options.stat}`, `label=${options.label}`].join(' ');
  });
}

describe('addDashboard', () => {
  test('names the API, its stage and the pool, and graphs the stage\'s, refusals\' and Cognito\'s metrics', () => {
    const stack = newStack();
    const api = tutorial(stack, { restApiName: 'orders-api', stageName: 'v1' });
    const dashboard = api.addDashboard();
    expect(dashboard.node.scope).toBe(api.node.findChild('Monitoring'));
    const template = Template.fromStack(stack);
    const body = dashboardBody(template);
    const pool = `@Ref(${idOf(api.userPool as any)})`;
    const client = `@Ref(${idOf(api.userPoolClient)})`;
    const stage = `@Ref(${idOf(api.api.deploymentStage)})`;
    const restApi = `@Ref(${idOf(api.api)})`;
    const titles = body.widgets.map((w: any) => w.properties.title ?? w.properties.markdown.split('\n')[0]);
    expect(titles).toEqual([
      `# REST API orders-api, stage ${stage}`,
      'Requests', 'Errors', 'Latency',
      'Refused', 'Sign-ins', 'Throttled by Cognito',
      'Refusals by reason (access log)',
    ]);
    expect(body.widgets[0].properties.markdown).toContain(`User pool ${pool}, browser client ${client}`);
    const apiDims = `ApiName orders-api Stage ${stage}`;
    const byTitle = (title: string) => widgetMetrics(body.widgets.find((w: any) => w.properties.title === title));
    expect(byTitle('Requests')).toEqual([`AWS/ApiGateway Count ${apiDims} stat=Sum label=Requests`]);
    expect(byTitle('Errors')).toEqual([
      `AWS/ApiGateway 4XXError ${apiDims} stat=Sum label=4XX`,
      `AWS/ApiGateway 5XXError ${apiDims} stat=Sum label=5XX`,
    ]);
    expect(byTitle('Latency')).toEqual(['p50', 'p90', 'p99'].map((p) => `AWS/ApiGateway Latency ${apiDims} stat=${p} label=${p}`));
    expect(byTitle('Refused')).toEqual([
      `CognitoProtectedApi Unauthorized-${restApi} stat=Sum label=401`,
      `CognitoProtectedApi Forbidden-${restApi} stat=Sum label=403`,
    ]);
    const cognitoDims = `UserPool ${pool} UserPoolClient ${client}`;
    expect(byTitle('Sign-ins')).toEqual([
      `AWS/Cognito SignInSuccesses ${cognitoDims} stat=Sum label=Sign-ins`,
      `AWS/Cognito FederationSuccesses ${cognitoDims} stat=Sum label=Federated sign-ins`,
      `AWS/Cognito TokenRefreshSuccesses ${cognitoDims} stat=Sum label=Token refreshes`,
    ]);
    expect(byTitle('Throttled by Cognito')).toEqual([
      `AWS/Cognito SignInThrottles ${cognitoDims} stat=Sum label=Sign-ins`,
      `AWS/Cognito TokenRefreshThrottles ${cognitoDims} stat=Sum label=Token refreshes`,
    ]);
    // The refusals widget queries the construct's own access log group.
    const query = body.widgets[7].properties.query as string;
    expect(query).toContain(`SOURCE '@Ref(${idOf(api.accessLogGroup)})'`);
    expect(query).toContain(REFUSALS_QUERY.join('\n| '));
    // The graphs' metrics have data: the refusal filters are there.
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
  });

  test('lays the widgets out in rows of 24 columns: a title, two rows of three graphs, the refusals query', () => {
    const stack = newStack();
    tutorial(stack).addDashboard();
    const body = dashboardBody(Template.fromStack(stack));
    expect(body.widgets.map((w: any) => [w.x, w.y, w.width, w.height])).toEqual([
      [0, 0, 24, 2],
      [0, 2, 8, 6], [8, 2, 8, 6], [16, 2, 8, 6],
      [0, 8, 8, 6], [8, 8, 8, 6], [16, 8, 8, 6],
      [0, 14, 24, 6],
    ]);
  });

  test('with userGroups, a last row with the trigger\'s invocations, errors and duration', () => {
    const stack = newStack();
    const api = tutorial(stack, { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
    api.addDashboard();
    const body = dashboardBody(Template.fromStack(stack));
    const fn = `@Ref(${idOf(api.preTokenGenerationFunction!)})`;
    const last = body.widgets.slice(-2);
    expect(last.map((w: any) => [w.properties.title, w.x, w.y, w.width])).toEqual([
      ['Token trigger: invocations and errors', 0, 20, 12],
      ['Token trigger: duration', 12, 20, 12],
    ]);
    expect(widgetMetrics(last[0])).toEqual([
      `AWS/Lambda Invocations FunctionName ${fn} stat=Sum label=Invocations`,
      `AWS/Lambda Errors FunctionName ${fn} stat=Sum label=Errors`,
    ]);
    expect(widgetMetrics(last[1])).toEqual(['p50', 'p99'].map((p) => `AWS/Lambda Duration FunctionName ${fn} stat=${p} label=${p}`));
  });

  test('takes a dashboard name', () => {
    const stack = newStack();
    tutorial(stack).addDashboard({ dashboardName: 'orders-api-prod' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'orders-api-prod' });
  });

  test('fails when the dashboard name is invalid', () => {
    const stack = newStack();
    const api = tutorial(stack);
    expect(() => api.addDashboard({ dashboardName: 'orders api' })).toThrow(
      'addDashboard: options.dashboardName "orders api" is invalid: use 1-255 letters, digits, hyphens and underscores');
    expect(api.node.tryFindChild('Monitoring')).toBeUndefined();
  });

  test('fails when addDashboard is called twice', () => {
    const stack = newStack();
    const api = tutorial(stack);
    api.addDashboard();
    expect(() => api.addDashboard()).toThrow('addDashboard: TestStack/AwesomeApi has its dashboard already; call addDashboard once');
  });

  test('alarms and a dashboard share the two refusal filters', () => {
    const stack = newStack();
    const api = tutorial(stack);
    api.addAlarms();
    api.addDashboard();
    api.metricForbidden();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
