import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The props of a protected API's REST front: the API Gateway REST API, its stage, CORS, logs
 * and throttling.
 */
export interface RestApiFrontProps {
  /**
   * The browser origins allowed to call the API (CORS), each `scheme://host[:port]`. Give
   * `['*']` only if any web site may call it, and `[]` for no CORS at all.
   *
   * @default - the origins of the `http(s)` callback URLs; no CORS if there are none
   */
  readonly corsAllowOrigins?: string[];

  /**
   * The name of the API's deployment stage, the first part of every path in the API URL.
   *
   * @default 'prod'
   */
  readonly stageName?: string;

  /**
   * The REST API's name. API Gateway publishes a REST API's metrics by its name and stage, so
   * give each API a name of its own when you monitor it.
   *
   * @default 'Api'
   */
  readonly restApiName?: string;

  /**
   * The ARN of a regional AWS WAF web ACL to protect the API stage with.
   *
   * @default - no web ACL
   */
  readonly webAclArn?: string;

  /**
   * How long the stage's access logs are kept.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The level of API Gateway's execution logs for every method. Request and response bodies
   * are never logged (they hold tokens).
   *
   * @default MethodLoggingLevel.ERROR
   */
  readonly executionLoggingLevel?: apigateway.MethodLoggingLevel;

  /**
   * Whether to set API Gateway's account-level CloudWatch role (one per account and region),
   * which stages need to write execution and access logs. The role is kept when the stack is
   * deleted, since other APIs in the account rely on the same setting; several APIs in one
   * stack share one. Its policy covers execution logs and access log groups named
   * `API-Gateway-Access-Logs_*`; it replaces the account's previous role, so turn this off when
   * the account already has one or manages it elsewhere.
   *
   * @default true
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
   */
  readonly cloudWatchRole?: boolean;

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

  /**
   * The id of an API Gateway client certificate that the stage presents to HTTP backends, so
   * that they can check that a request comes from API Gateway. Only backends that check it
   * gain from it; client certificates expire after a year.
   *
   * @default - no client certificate
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
   */
  readonly clientCertificateId?: string;

  /**
   * Whether the API's resources and methods go into nested stacks that the construct makes and
   * names, so that the API can hold more methods than one stack's 500 resources allow (about 160
   * protected methods with CORS). Methods are grouped by their path's first segment, one nested
   * stack a group (see `nestedStacksPerFirstSegment` for a group too large for one); the parent
   * stack keeps the API, its authorizer, request validator, gateway responses, deployment and
   * stage. Where a method goes depends on its path alone. Turning this on for an API that is
   * already deployed moves its methods to other stacks, which CloudFormation cannot do in one
   * deploy: see the README's "More than 160 methods".
   *
   * @default false
   */
  readonly methodsInNestedStacks?: boolean;

  /**
   * How many nested stacks hold the methods of a first segment, for a segment whose methods do
   * not fit in one stack's 500 resources: `{ v1: 3 }` spreads the paths under `/v1` over three
   * nested stacks, picked by a hash of each path's second segment. A first segment not named here
   * gets one nested stack. Only with `methodsInNestedStacks`. Changing a segment's number moves
   * some of its methods to other stacks, which CloudFormation cannot do in one deploy: see the
   * README's "More than 160 methods".
   *
   * @default - one nested stack per first segment
   */
  readonly nestedStacksPerFirstSegment?: { [firstSegment: string]: number };
}
