import { Annotations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { addApiAlarms, validateAlarmsOptions } from './alarms';
import { addApiDashboard, validateDashboardOptions } from './dashboard';
import { ApiMetrics, SignInMetricsSource, StageMetricsSource } from './metrics';
import { ApiAlarmsOptions, ApiDashboardOptions } from '../../monitoring-options';
import { fail } from '../errors';

/*
 * Monitoring for any front: the metrics, the alarms and the dashboard, all under one child of
 * the construct, `Monitoring`, made only when something needs a resource (the metric filters,
 * an alarm, the dashboard). Nothing of it is in a template whose code never asks for it.
 */
export class ApiMonitoring {
  public readonly metrics: ApiMetrics;
  private scope?: Construct;
  private alarms?: cloudwatch.Alarm[];
  private dashboard?: cloudwatch.Dashboard;
  private warned = false;

  constructor(private readonly owner: Construct, stage: StageMetricsSource, signIn: SignInMetricsSource) {
    this.metrics = new ApiMetrics(() => this.monitoringScope(), stage, signIn);
  }

  /** See `ProtectedApiWithCognito.addAlarms`. */
  public addAlarms(options: ApiAlarmsOptions = {}): cloudwatch.Alarm[] {
    if (this.alarms) {
      fail(`addAlarms: ${this.owner.node.path} has its alarms already; call addAlarms once, with every option`);
    }
    validateAlarmsOptions(options);
    this.alarms = addApiAlarms(this.monitoringScope(), this.metrics, options);
    this.warnOfSharedMetrics();
    return [...this.alarms];
  }

  /** See `ProtectedApiWithCognito.addDashboard`. */
  public addDashboard(options: ApiDashboardOptions = {}): cloudwatch.Dashboard {
    if (this.dashboard) {
      fail(`addDashboard: ${this.owner.node.path} has its dashboard already; call addDashboard once`);
    }
    validateDashboardOptions(options);
    this.dashboard = addApiDashboard(this.monitoringScope(), 'Dashboard', this.metrics, options);
    this.warnOfSharedMetrics();
    return this.dashboard;
  }

  /** Says once, when the alarms or the dashboard are made, that the stage's metrics may be another API's too. */
  private warnOfSharedMetrics(): void {
    const warning = this.metrics.stage.sharedMetricsWarning;
    if (warning !== undefined && !this.warned) {
      this.warned = true;
      Annotations.of(this.owner).addWarningV2('cdk-cognito-protected-api:sharedApiMetrics', warning);
    }
  }

  private monitoringScope(): Construct {
    this.scope ??= new Construct(this.owner, 'Monitoring');
    return this.scope;
  }
}
