import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The props of a protected API's HTTP front: the API Gateway HTTP API, its default stage, CORS,
 * access logs and throttling. They mean what the REST front's props of the same names mean.
 */
export interface HttpApiFrontProps {
  /**
   * The browser origins allowed to call the API (CORS), each `scheme://host[:port]`. Give
   * `['*']` only if any web site may call it, and `[]` for no CORS at all. API Gateway answers
   * the browsers' preflight requests itself.
   *
   * @default - the origins of the `http(s)` callback URLs; no CORS if there are none
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
   */
  readonly corsAllowOrigins?: string[];

  /**
   * The HTTP API's name.
   *
   * @default - the id of the API inside the construct, `Api`, as for the REST API
   */
  readonly apiName?: string;

  /**
   * How long the stage's access logs are kept.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The steady-state request rate the stage allows, in requests per second.
   *
   * @default 100
   */
  readonly throttlingRateLimit?: number;

  /**
   * The burst of requests the stage allows above the rate.
   *
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
}
