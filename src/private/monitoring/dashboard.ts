import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ApiMetrics } from './metrics';
import { ApiDashboardOptions } from '../../monitoring-options';
import { fail, isToken, show } from '../errors';

/*
 * The dashboard of a protected API, whatever its front, 24 columns wide:
 *
 *   +------------------------------------------------------------------------+
 *   | <kind> <api name>, stage <stage>; user pool <pool id>, client <id>      |  text, 2 high
 *   +-----------------------+------------------------+-----------------------+
 *   | Requests              | Errors                 | Latency               |
 *   | Count                 | 4XX, 5XX               | p50, p90, p99         |  6 high
 *   +-----------------------+------------------------+-----------------------+
 *   | Refused               | Sign-ins               | Throttled by Cognito  |
 *   | 401, 403              | sign-ins, federated,   | sign-ins, token       |  6 high
 *   |                       | token refreshes        | refreshes             |
 *   +-----------------------+------------------------+-----------------------+
 *   | Refusals by reason (Logs Insights over the access log: status,         |
 *   | errorType, authorizerError, errorMessage)                               |  6 high
 *   +-----------------------------------+------------------------------------+
 *   | Token trigger: invocations, errors | Token trigger: duration p50, p99  |  6 high, only with
 *   +-----------------------------------+------------------------------------+  a trigger
 *
 * Source: CloudWatch's dashboard body structure: a dashboard name is letters, digits, `-` and `_`,
 * at most 255.
 */

/** The Logs Insights query of the refusals widget: how many of each status and reason. */
export const REFUSALS_QUERY = [
  'filter status = "401" or status = "403"',
  'stats count(*) as requests by status, errorType, authorizerError, errorMessage',
  'sort requests desc',
  'limit 20',
];

export function validateDashboardOptions(options: ApiDashboardOptions): void {
  const name = options.dashboardName;
  if (name === undefined || isToken(name)) {
    return;
  }
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    fail(`addDashboard: options.dashboardName ${show(name)} is invalid: use 1-255 letters, digits, hyphens and underscores`);
  }
}

/** Makes the dashboard in `scope` as drawn above. */
export function addApiDashboard(scope: Construct, id: string, metrics: ApiMetrics,
  options: ApiDashboardOptions): cloudwatch.Dashboard {
  validateDashboardOptions(options);
  const { stage, signIn } = metrics;
  const dashboard = new cloudwatch.Dashboard(scope, id, { dashboardName: options.dashboardName });
  const graph = (title: string, left: cloudwatch.IMetric[], width = 8) => new cloudwatch.GraphWidget({
    title, left, width, height: 6,
  });
  dashboard.addWidgets(new cloudwatch.TextWidget({
    markdown: `# ${stage.kind} ${stage.apiName}, stage ${stage.stageName}\n`
      + `User pool ${signIn.userPool.userPoolId}, browser client ${signIn.client.userPoolClientId}. `
      + 'Refusals come from the access log; sign-ins and refreshes are the browser client\'s.',
    width: 24,
    height: 2,
  }));
  dashboard.addWidgets(
    graph('Requests', [metrics.count({ label: 'Requests' })]),
    graph('Errors', [metrics.clientErrors({ label: '4XX' }), metrics.serverErrors({ label: '5XX' })]),
    graph('Latency', ['p50', 'p90', 'p99'].map((statistic) => metrics.latency({ statistic, label: statistic }))),
  );
  dashboard.addWidgets(
    graph('Refused', [metrics.unauthorized({ label: '401' }), metrics.forbidden({ label: '403' })]),
    graph('Sign-ins', [
      metrics.signInSuccesses({ label: 'Sign-ins' }),
      metrics.federationSuccesses({ label: 'Federated sign-ins' }),
      metrics.tokenRefreshSuccesses({ label: 'Token refreshes' }),
    ]),
    graph('Throttled by Cognito', [
      metrics.signInThrottles({ label: 'Sign-ins' }),
      metrics.tokenRefreshThrottles({ label: 'Token refreshes' }),
    ]),
  );
  dashboard.addWidgets(new cloudwatch.LogQueryWidget({
    title: 'Refusals by reason (access log)',
    logGroupNames: [stage.accessLogGroup.logGroupName],
    queryLines: REFUSALS_QUERY,
    view: cloudwatch.LogQueryVisualizationType.TABLE,
    width: 24,
    height: 6,
  }));
  const trigger = signIn.trigger;
  if (trigger) {
    dashboard.addWidgets(
      graph('Token trigger: invocations and errors', [
        trigger.metricInvocations({ statistic: 'Sum', label: 'Invocations' }),
        trigger.metricErrors({ statistic: 'Sum', label: 'Errors' }),
      ], 12),
      graph('Token trigger: duration', ['p50', 'p99'].map((statistic) => trigger.metricDuration({ statistic, label: statistic })), 12),
    );
  }
  return dashboard;
}
