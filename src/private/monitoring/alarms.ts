import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ApiMetrics, DEFAULT_PERIOD } from './metrics';
import { ApiAlarmsOptions } from '../../monitoring-options';
import { PACKS, REASONS, acrossPacks, acknowledge } from '../acknowledgements';
import { fail, isToken, show } from '../errors';

/*
 * The recommended alarms of a protected API, from its metrics (whatever its front): 5XX rate,
 * p99 latency, a burst of refusals, sign-in and token refresh throttles, and the pre token
 * generation trigger's errors when there is one. Each looks at 5-minute periods and treats
 * missing data as not breaching: an API without traffic is not failing.
 */

/** The thresholds `addAlarms` uses unless its options say otherwise. */
export const ALARM_DEFAULTS = {
  serverErrorRatePercent: 5,
  latencyP99Milliseconds: 3000,
  refusalsPerFiveMinutes: 100,
  signInThrottlesPerFiveMinutes: 1,
  tokenRefreshThrottlesPerFiveMinutes: 1,
  triggerErrorsPerFiveMinutes: 1,
};

/** Periods in a row for the 5XX and latency alarms (one bad period is noise); the others fire at once. */
const SUSTAINED_PERIODS = 3;

/** Checks the options, one rule a threshold. */
export function validateAlarmsOptions(options: ApiAlarmsOptions): void {
  validatePercent('serverErrorRatePercent', options.serverErrorRatePercent);
  validatePositive('latencyP99Milliseconds', options.latencyP99Milliseconds, 'a number of milliseconds above 0');
  for (const name of ['refusalsPerFiveMinutes', 'signInThrottlesPerFiveMinutes', 'tokenRefreshThrottlesPerFiveMinutes',
    'triggerErrorsPerFiveMinutes'] as const) {
    validateCount(name, options[name]);
  }
}

function validatePercent(name: string, value: number | undefined): void {
  if (value === undefined || isToken(value)) {
    return;
  }
  if (!(value > 0 && value <= 100)) {
    fail(`addAlarms: options.${name} ${show(value)} is invalid: use a percentage above 0 and at most 100`);
  }
}

function validatePositive(name: string, value: number | undefined, what: string): void {
  if (value === undefined || isToken(value)) {
    return;
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    fail(`addAlarms: options.${name} ${show(value)} is invalid: use ${what}`);
  }
}

function validateCount(name: string, value: number | undefined): void {
  if (value === undefined || isToken(value)) {
    return;
  }
  if (!(Number.isInteger(value) && value >= 1)) {
    fail(`addAlarms: options.${name} ${show(value)} is invalid: use a whole number of at least 1`);
  }
}

/** Makes the alarms in `scope` and returns them, 5XX rate first. */
export function addApiAlarms(scope: Construct, metrics: ApiMetrics, options: ApiAlarmsOptions): cloudwatch.Alarm[] {
  validateAlarmsOptions(options);
  const t = { ...ALARM_DEFAULTS, ...definedOnly(options) };
  const what = `${metrics.stage.kind} ${metrics.stage.apiName}`;
  const alarms: cloudwatch.Alarm[] = [];
  const add = (id: string, props: cloudwatch.AlarmProps) => {
    const alarm = new cloudwatch.Alarm(scope, id, {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    if (options.alarmAction) {
      alarm.addAlarmAction(options.alarmAction);
      alarm.addOkAction(options.alarmAction);
    } else {
      acknowledge(alarm, acrossPacks('CloudWatchAlarmAction', PACKS.NIST_800_53_R5, PACKS.HIPAA_SECURITY),
        REASONS.alarmWithoutAction);
    }
    alarms.push(alarm);
  };

  add('ServerErrorRateAlarm', {
    alarmDescription: `More than ${t.serverErrorRatePercent}% of the requests to ${what} were answered with a 5XX, `
      + `${SUSTAINED_PERIODS} periods of 5 minutes in a row: its integrations are failing.`,
    metric: new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: metrics.serverErrors(), requests: metrics.count() },
      label: '5XX answers (% of requests)',
      period: DEFAULT_PERIOD,
    }),
    threshold: t.serverErrorRatePercent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: SUSTAINED_PERIODS,
  });
  add('LatencyP99Alarm', {
    alarmDescription: `The slowest 1% of the requests to ${what} took more than ${t.latencyP99Milliseconds} ms, `
      + `${SUSTAINED_PERIODS} periods of 5 minutes in a row.`,
    metric: metrics.latency({ statistic: 'p99' }),
    threshold: t.latencyP99Milliseconds,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: SUSTAINED_PERIODS,
  });
  add('RefusalsAlarm', {
    alarmDescription: `${what} refused ${t.refusalsPerFiveMinutes} or more requests (401 and 403) in 5 minutes: `
      + 'a client without the scope a method demands (after a change to clients, groups or methods), or an attack. '
      + 'The access log\'s errorType and authorizerError fields say why.',
    metric: new cloudwatch.MathExpression({
      expression: 'FILL(unauthorized, 0) + FILL(forbidden, 0)',
      usingMetrics: { unauthorized: metrics.unauthorized(), forbidden: metrics.forbidden() },
      label: 'Refused (401 + 403)',
      period: DEFAULT_PERIOD,
    }),
    threshold: t.refusalsPerFiveMinutes,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
  add('SignInThrottlesAlarm', {
    alarmDescription: `Cognito throttled ${t.signInThrottlesPerFiveMinutes} or more sign-ins of the browser client `
      + `of ${what} in 5 minutes: users cannot sign in.`,
    metric: metrics.signInThrottles(),
    threshold: t.signInThrottlesPerFiveMinutes,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
  add('TokenRefreshThrottlesAlarm', {
    alarmDescription: `Cognito throttled ${t.tokenRefreshThrottlesPerFiveMinutes} or more token refreshes of the `
      + `browser client of ${what} in 5 minutes: signed-in users lose their session.`,
    metric: metrics.tokenRefreshThrottles(),
    threshold: t.tokenRefreshThrottlesPerFiveMinutes,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
  const trigger = metrics.signIn.trigger;
  if (trigger) {
    add('PreTokenGenerationErrorsAlarm', {
      alarmDescription: `The pre token generation trigger of ${what} failed ${t.triggerErrorsPerFiveMinutes} or more `
        + 'times in 5 minutes: it fails closed, so each error is a sign-in or refresh that got no tokens.',
      metric: trigger.metricErrors({ statistic: 'Sum', period: DEFAULT_PERIOD }),
      threshold: t.triggerErrorsPerFiveMinutes,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
  return alarms;
}

/** The options that were given, so that an undefined one keeps its default. */
function definedOnly(options: ApiAlarmsOptions): Partial<typeof ALARM_DEFAULTS> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && typeof value === 'number'));
}
