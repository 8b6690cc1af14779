import { CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { compileFilterPattern } from './filter-pattern';
import { ProtectedApiWithCognito } from '../../../src';
import { accessLogFormat as httpAccessLogFormat } from '../../../src/private/http/access-logs';
import { METRIC_NAMESPACE, REFUSALS, refusalMetricName, statusPattern } from '../../../src/private/monitoring/metrics';
import { accessLogFormat } from '../../../src/private/rest/access-logs';
import { backend, newStack, tutorialApi, tutorialHttpApi } from '../../helpers';

function tutorial(stack: Stack = newStack(), id = 'AwesomeApi', overrides = {}): ProtectedApiWithCognito {
  const api = id === 'AwesomeApi' ? tutorialApi(stack, overrides) : new ProtectedApiWithCognito(stack, id, {
    domainPrefix: `${id.toLowerCase()}-domain`,
    resourceServerIdentifier: `${id.toLowerCase()}-server`,
    scopes: [{ name: 'awesomeapi.read', description: 'read' }],
    callbackUrls: ['http://localhost:3000/dashboard'],
    ...overrides,
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  return api;
}

const ref = (c: { node: { defaultChild?: unknown } }) => ({ Ref: Stack.of(c as any).getLogicalId((c.node.defaultChild) as CfnElement) });

/** What CloudWatch receives of a metric: its namespace, name, dimensions, statistic and period. */
function describeMetric(metric: cloudwatch.Metric) {
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    statistic: metric.statistic,
    period: metric.period.toSeconds(),
  };
}

describe('metrics', () => {
  test('the default template has no metric filter, alarm or dashboard, and asking for stage and Cognito metrics adds none', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const before = Template.fromStack(stack).toJSON();
    api.metricServerErrors();
    api.metricClientErrors();
    api.metricLatency();
    api.metricCount();
    api.metricSignInSuccesses();
    api.metricSignInThrottles();
    api.metricTokenRefreshSuccesses();
    api.metricFederationSuccesses();
    const stack2 = newStack();
    const api2 = tutorial(stack2);
    api2.metricServerErrors();
    api2.metricSignInThrottles();
    const after = Template.fromStack(stack2);
    expect(after.toJSON()).toEqual(before);
    for (const type of ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard']) {
      after.resourceCountIs(type, 0);
    }
    expect(api.node.tryFindChild('Monitoring')).toBeUndefined();
  });

  test.each([
    ['metricServerErrors', '5XXError', 'Sum'],
    ['metricClientErrors', '4XXError', 'Sum'],
    ['metricLatency', 'Latency', 'Average'],
    ['metricCount', 'Count', 'Sum'],
  ] as const)('%s is the REST stage\'s %s by ApiName and Stage, %s over 5 minutes', (method, metricName, statistic) => {
    const stack = newStack();
    const api = tutorial(stack, 'AwesomeApi', { restApiName: 'orders-api', stageName: 'v1' });
    const metric = api[method]();
    expect({ ...describeMetric(metric), dimensions: stack.resolve(metric.dimensions) }).toEqual({
      namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiName: 'orders-api', Stage: ref(api.api.deploymentStage) }, statistic, period: 300,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'v1' });
  });

  test('ApiName is the REST API\'s name in the template, whatever restApiName defaults to', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const name = api.metricCount().dimensions!.ApiName;
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { Name: name });
  });

  test.each([
    ['metricSignInSuccesses', 'SignInSuccesses'],
    ['metricSignInThrottles', 'SignInThrottles'],
    ['metricTokenRefreshSuccesses', 'TokenRefreshSuccesses'],
    ['metricFederationSuccesses', 'FederationSuccesses'],
  ] as const)('%s is Cognito\'s %s of the pool and the browser client, Sum over 5 minutes', (method, metricName) => {
    const stack = newStack();
    const api = tutorial(stack);
    const metric = api[method]();
    expect({ ...describeMetric(metric), dimensions: stack.resolve(metric.dimensions) }).toEqual({
      namespace: 'AWS/Cognito',
      metricName,
      dimensions: { UserPool: ref(api.userPool as any), UserPoolClient: ref(api.userPoolClient) },
      statistic: 'Sum',
      period: 300,
    });
  });

  test('options given to a metric replace its period, statistic and label', () => {
    const api = tutorial();
    const metric = api.metricLatency({ period: Duration.minutes(1), statistic: 'p99', label: 'slowest' });
    expect([metric.period.toSeconds(), metric.statistic, metric.label]).toEqual([60, 'p99', 'slowest']);
    expect(api.metricSignInSuccesses({ statistic: 'Average' }).statistic).toBe('Average');
  });

  test('metricUnauthorized and metricForbidden count 401 and 403 of the access log, keyed by the API, in the construct\'s namespace', () => {
    const stack = newStack();
    const api = tutorial(stack);
    const unauthorized = api.metricUnauthorized();
    const forbidden = api.metricForbidden();
    const apiRef = ref(api.api);
    for (const [metric, name] of [[unauthorized, 'Unauthorized'], [forbidden, 'Forbidden']] as const) {
      expect(metric.namespace).toBe('CognitoProtectedApi');
      expect(stack.resolve(metric.metricName)).toEqual({ 'Fn::Join': ['', [`${name}-`, apiRef]] });
      expect([metric.statistic, metric.period.toSeconds(), metric.dimensions]).toEqual(['Sum', 300, undefined]);
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    for (const [status, name] of [['401', 'Unauthorized'], ['403', 'Forbidden']]) {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: ref(api.accessLogGroup),
        FilterPattern: `{ $.status = "${status}" }`,
        MetricTransformations: [{
          MetricNamespace: 'CognitoProtectedApi',
          MetricName: { 'Fn::Join': ['', [`${name}-`, apiRef]] },
          MetricValue: '1',
          Unit: 'Count',
        }],
      });
    }
  });

  test('the filters are made once, under Monitoring, however often the metrics are asked for', () => {
    const stack = newStack();
    const api = tutorial(stack);
    api.metricForbidden();
    api.metricUnauthorized();
    api.metricUnauthorized({ period: Duration.minutes(1) });
    Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 2);
    expect(api.node.findChild('Monitoring').node.children.map((c) => c.node.id)).toEqual([REFUSALS.unauthorized.id, REFUSALS.forbidden.id]);
  });

  test('two APIs in one stack count their refusals in metrics of their own', () => {
    const stack = newStack();
    const first = tutorial(stack);
    const second = tutorial(stack, 'OtherApi');
    const names = [first, second].map((api) => stack.resolve(api.metricUnauthorized().metricName));
    expect(names[0]).not.toEqual(names[1]);
    expect(names[1]).toEqual({ 'Fn::Join': ['', ['Unauthorized-', ref(second.api)]] });
    Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 4);
  });

  test('a refusal metric\'s name holds none of the characters CloudWatch Logs refuses in one (: * $)', () => {
    expect(METRIC_NAMESPACE).toMatch(/^[0-9a-zA-Z.\-_/#]{1,256}$/);
    expect(refusalMetricName('Forbidden', 'a1b2c3d4e5')).toMatch(/^((?![:*$])[\x00-\x7F]){1,255}$/);
  });
});

/** A line of an access log in `format`, as API Gateway writes it: each `$context` variable replaced, `-` when empty. */
function logLine(formatText: string, values: Record<string, string>): string {
  const format = JSON.parse(formatText) as Record<string, string>;
  const line: Record<string, string> = {};
  for (const [field, variable] of Object.entries(format)) {
    line[field] = values[variable.replace(/^\$context\./, '')] ?? '-';
  }
  return JSON.stringify(line);
}

/** A line of the REST stage's access log. */
function restLogLine(values: Record<string, string>): string {
  return logLine(accessLogFormat().toString(), values);
}

const COMMON = {
  'requestId': 'c0ffee00-1111-2222-3333-444455556666',
  'httpMethod': 'GET',
  'resourcePath': '/awesomeapi',
  'path': '/prod/awesomeapi',
  'protocol': 'HTTP/1.1',
  'identity.sourceIp': '203.0.113.7',
  'responseLength': '403',
  'responseLatency': '401',
};
const LINES = {
  ok: restLogLine({ ...COMMON, 'status': '200', 'authorizer.claims.sub': 'a1b2', 'authorizer.claims.client_id': 'client401' }),
  unauthorized: restLogLine({ ...COMMON, 'status': '401', 'error.message': 'Unauthorized', 'error.responseType': 'UNAUTHORIZED' }),
  forbidden: restLogLine({
    ...COMMON,
    'status': '403',
    'resourcePath': '-',
    'error.message': 'Missing Authentication Token',
    'error.responseType': 'MISSING_AUTHENTICATION_TOKEN',
  }),
};

describe('the refusal filters over the REST access log', () => {
  function patterns() {
    const stack = newStack();
    const api = tutorial(stack);
    api.metricUnauthorized();
    const filters = Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter')) as any[];
    const byName = (name: string) => filters.find((f) => f.Properties.MetricTransformations[0].MetricName['Fn::Join'][1][0] === `${name}-`);
    return {
      unauthorized: compileFilterPattern(byName('Unauthorized').Properties.FilterPattern),
      forbidden: compileFilterPattern(byName('Forbidden').Properties.FilterPattern),
    };
  }

  test('the 401 filter matches the 401 line only, the 403 filter the 403 line only; the 200 line neither', () => {
    const { unauthorized, forbidden } = patterns();
    expect([LINES.ok, LINES.unauthorized, LINES.forbidden].map(unauthorized)).toEqual([false, true, false]);
    expect([LINES.ok, LINES.unauthorized, LINES.forbidden].map(forbidden)).toEqual([false, false, true]);
  });

  test('a status in another field (the answer\'s length, latency or client id) is not counted', () => {
    const { unauthorized, forbidden } = patterns();
    expect(JSON.parse(LINES.ok)).toEqual(expect.objectContaining({ responseLength: '403', responseLatency: '401', clientId: 'client401' }));
    expect(unauthorized(LINES.ok) || forbidden(LINES.ok)).toBe(false);
  });

  test('the lines really are the access log format: every field of it, status as a string', () => {
    const format = JSON.parse(accessLogFormat().toString());
    expect(Object.keys(JSON.parse(LINES.unauthorized))).toEqual(Object.keys(format));
    expect(JSON.parse(LINES.forbidden)).toEqual(expect.objectContaining({ status: '403', errorType: 'MISSING_AUTHENTICATION_TOKEN' }));
    expect(format.status).toBe('$context.status');
  });

  test('statusPattern renders CloudWatch\'s JSON string comparison', () => {
    expect(statusPattern('401').logPatternString).toBe('{ $.status = "401" }');
  });
});

describe('the filter pattern evaluator (the documented JSON subset)', () => {
  const event = JSON.stringify({
    eventType: 'UpdateTrail', sourceIPAddress: '123.123.1.1', bandwidth: 1500, user: { id: 'u1', name: 'Ana' },
  });

  test.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.eventType = UpdateTrail }', true],
    ['{ $.eventType != "UpdateTrail" }', false],
    ['{ $.sourceIPAddress != 123.123.* }', false],
    ['{ $.sourceIPAddress = 123.123.* }', true],
    ['{ $.eventType = "Update*" }', true],
    ['{ $.eventType = "Trail" }', false],
    ['{ $.bandwidth > 1000 }', true],
    ['{ $.bandwidth <= 1000 }', false],
    ['{ $.bandwidth = 1500 }', true],
    ['{ $.user.id = "u1" && $.user.name = "Ana" }', true],
    ['{ $.user.id = "u2" || $.bandwidth >= 1500 }', true],
    ['{ ($.user.id = "u2" || $.user.id = "u1") && $.bandwidth < 10 }', false],
    ['{ $.missing = "x" }', false],
    ['{ $.missing != "x" }', false],
  ])('%s is %s', (pattern, expected) => {
    expect(compileFilterPattern(pattern)(event)).toBe(expected);
  });

  test('matches no line that is not a JSON object', () => {
    const test = compileFilterPattern('{ $.status = "401" }');
    expect(['401', '[{"status":"401"}]', 'not json "status":"401"'].map(test)).toEqual([false, false, false]);
  });

  test('refuses what it does not know rather than guess', () => {
    expect(() => compileFilterPattern('{ $.status IS NULL }')).toThrow(/not in the supported subset/);
    expect(() => compileFilterPattern('{ $.bandwidth = "1500" }')(event)).toThrow(/not in the subset/);
    expect(() => compileFilterPattern('{ $.eventType > 3 }')(event)).toThrow(/not in the subset/);
    expect(() => compileFilterPattern('ERROR')).toThrow(/expected open/);
  });
});

describe('on the HTTP construct, the same metrics with the HTTP stage\'s dimensions', () => {
  function httpTutorial(stack: Stack = newStack(), overrides = {}) {
    const api = tutorialHttpApi(stack, overrides);
    api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
    return api;
  }

  test('asking for stage and Cognito metrics adds nothing to the template', () => {
    const plain = newStack();
    httpTutorial(plain);
    const asked = newStack();
    const api = httpTutorial(asked);
    api.metricServerErrors();
    api.metricLatency();
    api.metricSignInSuccesses();
    expect(Template.fromStack(asked).toJSON()).toEqual(Template.fromStack(plain).toJSON());
  });

  test.each([
    ['metricServerErrors', '5xx', 'Sum'],
    ['metricClientErrors', '4xx', 'Sum'],
    ['metricLatency', 'Latency', 'Average'],
    ['metricCount', 'Count', 'Sum'],
  ] as const)('%s is the HTTP stage\'s %s by ApiId and Stage, %s over 5 minutes', (method, metricName, statistic) => {
    const stack = newStack();
    const api = httpTutorial(stack);
    const metric = api[method]();
    expect({ ...describeMetric(metric), dimensions: stack.resolve(metric.dimensions) }).toEqual({
      namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiId: ref(api.httpApi), Stage: '$default' }, statistic, period: 300,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', ApiId: ref(api.httpApi) });
  });

  test.each([
    ['metricSignInSuccesses', 'SignInSuccesses'],
    ['metricSignInThrottles', 'SignInThrottles'],
    ['metricTokenRefreshSuccesses', 'TokenRefreshSuccesses'],
    ['metricFederationSuccesses', 'FederationSuccesses'],
  ] as const)('%s is Cognito\'s %s of the pool and the browser client', (method, metricName) => {
    const stack = newStack();
    const api = httpTutorial(stack);
    const metric = api[method]();
    expect({ ...describeMetric(metric), dimensions: stack.resolve(metric.dimensions) }).toEqual({
      namespace: 'AWS/Cognito',
      metricName,
      dimensions: { UserPool: ref(api.userPool as any), UserPoolClient: ref(api.userPoolClient) },
      statistic: 'Sum',
      period: 300,
    });
  });

  test('the refusal filters are on the HTTP stage\'s log group, keyed by the HTTP API\'s id, and match its 401 and 403 lines', () => {
    const stack = newStack();
    const api = httpTutorial(stack);
    expect(stack.resolve(api.metricForbidden().metricName)).toEqual({ 'Fn::Join': ['', ['Forbidden-', ref(api.httpApi)]] });
    const filters = Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter')) as any[];
    expect(filters).toHaveLength(2);
    const line = (values: Record<string, string>) => logLine(httpAccessLogFormat().toString(), values);
    const common = { routeKey: 'GET /awesomeapi', httpMethod: 'GET', path: '/awesomeapi', responseLength: '401' };
    const lines = [
      line({ ...common, 'status': '200', 'authorizer.claims.client_id': 'client403' }),
      line({ ...common, 'status': '401', 'error.message': 'Unauthorized', 'authorizer.error': 'invalid_token' }),
      line({ ...common, 'status': '403', 'error.message': 'Forbidden', 'authorizer.error': 'insufficient_scope' }),
    ];
    const results = filters.map((f) => {
      expect(f.Properties.LogGroupName).toEqual(ref(api.accessLogGroup));
      return [f.Properties.MetricTransformations[0].MetricName['Fn::Join'][1][0], lines.map(compileFilterPattern(f.Properties.FilterPattern))];
    });
    expect(results).toEqual([
      ['Unauthorized-', [false, true, false]],
      ['Forbidden-', [false, false, true]],
    ]);
  });

  test('alarms and a dashboard: the HTTP stage\'s metrics, and no warning about shared metrics (ApiId keys them)', () => {
    const stack = newStack();
    const api = httpTutorial(stack);
    const alarms = api.addAlarms();
    api.addDashboard();
    expect(alarms.map((a) => a.node.id)).toEqual([
      'ServerErrorRateAlarm', 'LatencyP99Alarm', 'RefusalsAlarm', 'SignInThrottlesAlarm', 'TokenRefreshThrottlesAlarm',
    ]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiId', Value: ref(api.httpApi) }, { Name: 'Stage', Value: '$default' }],
      ExtendedStatistic: 'p99',
    });
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    expect(body).toContain('# HTTP API Api, stage $default');
    expect(body).toContain('\\"AWS/ApiGateway\\",\\"5xx\\",\\"ApiId\\",\\"",' + JSON.stringify(ref(api.httpApi)));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('restApiName'))).toEqual([]);
  });
});
