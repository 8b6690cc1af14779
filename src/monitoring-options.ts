import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Options of `addAlarms`: where the alarms go, and their thresholds. Every alarm looks at
 * 5-minute periods and treats missing data as not breaching (no traffic is no alarm).
 */
export interface ApiAlarmsOptions {
  /**
   * The action of every alarm, both when it goes into ALARM and when it is back to OK, e.g.
   * `new cloudwatch_actions.SnsAction(topic)`.
   *
   * @default - no action: the alarms only show their state in the console and on the dashboard
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;

  /**
   * The share of requests answered with a 5XX, in percent, at or above which the server error
   * alarm fires, three 5-minute periods in a row.
   *
   * @default 5
   */
  readonly serverErrorRatePercent?: number;

  /**
   * The 99th percentile of the API's latency, in milliseconds, above which the latency alarm
   * fires, three 5-minute periods in a row.
   *
   * @default 3000
   */
  readonly latencyP99Milliseconds?: number;

  /**
   * How many refused requests (401 and 403 answers together) in 5 minutes make the refusals
   * alarm fire: a burst is the sign of a broken scope set-up, or of an attack.
   *
   * @default 100
   */
  readonly refusalsPerFiveMinutes?: number;

  /**
   * How many throttled sign-ins of the browser client in 5 minutes make the sign-in throttles
   * alarm fire.
   *
   * @default 1
   */
  readonly signInThrottlesPerFiveMinutes?: number;

  /**
   * How many throttled token refreshes of the browser client in 5 minutes make the token
   * refresh throttles alarm fire.
   *
   * @default 1
   */
  readonly tokenRefreshThrottlesPerFiveMinutes?: number;

  /**
   * How many errors of the pre token generation trigger in 5 minutes make its alarm fire (only
   * with `userGroups`: the trigger fails closed, so an error is a user who cannot sign in).
   *
   * @default 1
   */
  readonly triggerErrorsPerFiveMinutes?: number;
}

/**
 * Options of `addDashboard`.
 */
export interface ApiDashboardOptions {
  /**
   * The dashboard's name: letters, digits, hyphens and underscores, at most 255.
   *
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
}
