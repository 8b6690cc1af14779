import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { show } from '../errors';

/*
 * The metrics of a protected API, whatever its front: the stage's own API Gateway metrics (what
 * differs by front comes in a StageMetricsSource), the refusals counted from the access log by
 * two metric filters, made on first use, and the Cognito metrics of the pool and browser client.
 *
 * Sources, in the API Gateway, CloudWatch Logs and Cognito developer guides:
 * - REST API metrics: AWS/ApiGateway 4XXError, 5XXError, Count, Latency by ApiName and Stage.
 * - HTTP API metrics: AWS/ApiGateway 4xx, 5xx, Count, Latency by ApiId and Stage.
 * - Cognito: AWS/Cognito SignInSuccesses, SignInThrottles, TokenRefreshSuccesses,
 *   TokenRefreshThrottles, FederationSuccesses by UserPool and UserPoolClient.
 * - A metric filter's MetricName may not hold `:`, `*` or `$`; its namespace is letters,
 *   digits and `.-_/#`.
 */

/** The namespace of the metrics the construct's metric filters publish. */
export const METRIC_NAMESPACE = 'CognitoProtectedApi';

/** The period of every metric unless the caller gives another. */
export const DEFAULT_PERIOD = Duration.minutes(5);

/** The stage's metric names, which differ between REST and HTTP APIs. */
export interface StageMetricNames {
  readonly serverErrors: string;
  readonly clientErrors: string;
  readonly count: string;
  readonly latency: string;
}

/** What a front tells the monitoring: where its stage's metrics and access log are. */
export interface StageMetricsSource {
  /** The kind of API, for the dashboard: `REST API` or `HTTP API`. */
  readonly kind: string;
  /** The dimensions API Gateway publishes the stage's metrics with. */
  readonly dimensions: Record<string, string>;
  readonly metricNames: StageMetricNames;
  /** The API's id: it keys the refusal metrics, so that each API's are apart. */
  readonly apiId: string;
  /** The API's name, for the dashboard. */
  readonly apiName: string;
  readonly stageName: string;
  /** The stage's access log group; its lines are JSON with the answer's `status`. */
  readonly accessLogGroup: logs.ILogGroup;
  /**
   * A warning to give when alarms or a dashboard are made, if the stage's metrics may be shared
   * with another API's.
   */
  readonly sharedMetricsWarning?: string;
}

/** What the Cognito half tells the monitoring. */
export interface SignInMetricsSource {
  readonly userPool: cognito.IUserPool;
  /** The browser client, whose sign-ins and refreshes are counted. */
  readonly client: cognito.IUserPoolClient;
  /** The pre token generation trigger, when there is one. */
  readonly trigger?: lambda.IFunction;
}

/**
 * The REST front's stage: `ApiName` and `Stage`, and REST's metric names.
 *
 * @param named whether `restApiName` was given: API Gateway publishes a REST API's metrics by its
 * name, and every REST API made without one is named alike
 */
export function restStageMetrics(api: apigateway.RestApi, accessLogGroup: logs.ILogGroup, named: boolean): StageMetricsSource {
  const stageName = api.deploymentStage.stageName;
  return {
    kind: 'REST API',
    dimensions: { ApiName: api.restApiName, Stage: stageName },
    metricNames: { serverErrors: '5XXError', clientErrors: '4XXError', count: 'Count', latency: 'Latency' },
    apiId: api.restApiId,
    apiName: api.restApiName,
    stageName,
    accessLogGroup,
    sharedMetricsWarning: named ? undefined : `restApiName is not set, so the REST API is named ${show(api.restApiName)}, `
      + 'like every REST API made by this construct without it; API Gateway publishes a REST API\'s metrics by its name '
      + 'and stage, so the alarms and the dashboard count the requests of all such APIs of the account and region together: '
      + 'set restApiName to a name of its own',
  };
}

/** The HTTP front's stage: `ApiId` and `Stage`, and HTTP's metric names. */
export function httpStageMetrics(api: apigwv2.HttpApi, stage: apigwv2.IHttpStage, accessLogGroup: logs.ILogGroup): StageMetricsSource {
  return {
    kind: 'HTTP API',
    dimensions: { ApiId: api.apiId, Stage: stage.stageName },
    metricNames: { serverErrors: '5xx', clientErrors: '4xx', count: 'Count', latency: 'Latency' },
    apiId: api.apiId,
    apiName: api.httpApiName ?? api.node.id,
    stageName: stage.stageName,
    accessLogGroup,
  };
}

/** The access log status each refusal metric counts. */
export const REFUSALS = {
  unauthorized: { id: 'UnauthorizedFilter', metric: 'Unauthorized', status: '401' },
  forbidden: { id: 'ForbiddenFilter', metric: 'Forbidden', status: '403' },
};

/** The filter pattern that matches access log lines whose `status` is `status`. */
export function statusPattern(status: string): logs.IFilterPattern {
  return logs.FilterPattern.stringValue('$.status', '=', status);
}

/** The name of a refusal metric of the API `apiId`: `Unauthorized-<api id>`. */
export function refusalMetricName(metric: string, apiId: string): string {
  return `${metric}-${apiId}`;
}

/** Every metric of one protected API. */
export class ApiMetrics {
  private filtersMade = false;

  /**
   * @param scope where the metric filters go, made on first use
   */
  constructor(private readonly scope: () => Construct, readonly stage: StageMetricsSource,
    readonly signIn: SignInMetricsSource) {}

  public serverErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(this.stage.metricNames.serverErrors, 'Sum', props);
  }

  public clientErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(this.stage.metricNames.clientErrors, 'Sum', props);
  }

  public latency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(this.stage.metricNames.latency, 'Average', props);
  }

  public count(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(this.stage.metricNames.count, 'Sum', props);
  }

  public unauthorized(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.refusals(REFUSALS.unauthorized.metric, props);
  }

  public forbidden(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.refusals(REFUSALS.forbidden.metric, props);
  }

  public signInSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cognitoMetric('SignInSuccesses', props);
  }

  public signInThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cognitoMetric('SignInThrottles', props);
  }

  public tokenRefreshSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cognitoMetric('TokenRefreshSuccesses', props);
  }

  public tokenRefreshThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cognitoMetric('TokenRefreshThrottles', props);
  }

  public federationSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cognitoMetric('FederationSuccesses', props);
  }

  /** Makes the two metric filters on the access log group, once. */
  public ensureRefusalFilters(): void {
    if (this.filtersMade) {
      return;
    }
    this.filtersMade = true;
    const scope = this.scope();
    for (const refusal of [REFUSALS.unauthorized, REFUSALS.forbidden]) {
      new logs.MetricFilter(scope, refusal.id, {
        logGroup: this.stage.accessLogGroup,
        filterPattern: statusPattern(refusal.status),
        metricNamespace: METRIC_NAMESPACE,
        metricName: refusalMetricName(refusal.metric, this.stage.apiId),
        metricValue: '1',
        unit: cloudwatch.Unit.COUNT,
      });
    }
  }

  private refusals(metric: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.ensureRefusalFilters();
    return new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: refusalMetricName(metric, this.stage.apiId),
      statistic: 'Sum',
      period: DEFAULT_PERIOD,
    }).with(props ?? {});
  }

  private stageMetric(metricName: string, statistic: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: this.stage.dimensions,
      statistic,
      period: DEFAULT_PERIOD,
    }).with(props ?? {});
  }

  private cognitoMetric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Cognito',
      metricName,
      dimensionsMap: {
        UserPool: this.signIn.userPool.userPoolId,
        UserPoolClient: this.signIn.client.userPoolClientId,
      },
      statistic: 'Sum',
      period: DEFAULT_PERIOD,
    }).with(props ?? {});
  }
}
