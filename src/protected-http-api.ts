import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ApiAlarmsOptions, ApiDashboardOptions } from './monitoring-options';
import { MachineClientOptions, ProtectedRouteOptions } from './options';
import { CognitoAuth } from './private/auth/cognito-auth';
import { addOutputs } from './private/auth/outputs';
import { resolveCognitoSettings } from './private/auth/resolve-settings';
import { ScopedHttpApi } from './private/http/http-api';
import { httpOpenApiFront } from './private/http/openapi-front';
import { resolveHttpSettings } from './private/http/resolve-settings';
import { ApiMonitoring } from './private/monitoring/api-monitoring';
import { httpStageMetrics } from './private/monitoring/metrics';
import { OpenApiFront, openApiDocument } from './private/openapi';
import { RouteRegistry } from './private/routes';
import { ProtectedHttpApiWithCognitoProps } from './protected-http-api-props';

/**
 * An API Gateway HTTP API whose routes demand OAuth 2.0 scopes issued by a Cognito user pool,
 * checked by a JWT authorizer, together with everything a browser needs to sign users in with
 * the authorization-code grant: the user pool, a resource server with the API's scopes, a public
 * app client and a hosted login domain. The Cognito side is the same as `ProtectedApiWithCognito`'s.
 */
export class ProtectedHttpApiWithCognito extends Construct {
  /**
   * The user pool that holds the API's users: the one given in `userPool`, or the one the
   * construct created.
   */
  public readonly userPool: cognito.IUserPool;

  /** The resource server that defines the API's scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;

  /** The public browser client for the authorization-code grant. */
  public readonly userPoolClient: cognito.UserPoolClient;

  /**
   * The domain of the hosted login pages and OAuth 2.0 endpoints: the one given in
   * `userPoolDomain`, or the one the construct added.
   */
  public readonly userPoolDomain: cognito.IUserPoolDomain;

  /** The HTTP API. */
  public readonly httpApi: apigwv2.HttpApi;

  /**
   * The JWT authorizer that checks access tokens: issued by `userPool`, to one of the
   * construct's app clients (the browser client and every machine client).
   */
  public readonly authorizer: apigwv2.HttpAuthorizer;

  /** The API's default stage (`$default`), which deploys every change by itself. */
  public readonly stage: apigwv2.HttpStage;

  /** The log group of the stage's access logs. */
  public readonly accessLogGroup: logs.LogGroup;

  /**
   * The hosted login URL that starts the authorization-code flow, with `client_id`,
   * `response_type=code`, every scope of the client and the first callback URL.
   */
  public readonly authorizeUrl: string;

  /** The token endpoint that exchanges a code (or a refresh token) for tokens. */
  public readonly tokenUrl: string;

  /** The URL of the API's default stage, ending in `/`. */
  public readonly apiUrl: string;

  /**
   * The sign-out URL, with `client_id` and the first of `logoutUrls` as `logout_uri`.
   *
   * @default - undefined without `logoutUrls`
   */
  public readonly logoutUrl?: string;

  /**
   * The settings a browser OAuth 2.0 / OpenID Connect client needs, as JSON: `issuer`,
   * `authorization_endpoint`, `token_endpoint`, `client_id`, `redirect_uri`, `scope`,
   * `response_type`, `logout_url`, `post_logout_redirect_uri`, `api_url` and
   * `identity_providers` (the names the login page offers, `COGNITO` for the pool's own users).
   */
  public readonly webClientConfig: string;

  /**
   * The managed login branding of the browser client (there is no L2 for it yet).
   *
   * @default - undefined with the classic hosted UI
   */
  public readonly managedLoginBranding?: cognito.CfnManagedLoginBranding;

  /** The user pool groups of `userGroups`, in the same order. */
  public readonly userPoolGroups: cognito.UserPoolGroup[];

  /**
   * The pre token generation trigger that takes restricted scopes out of the access tokens of
   * users whose groups do not grant them.
   *
   * @default - undefined without `userGroups`
   */
  public readonly preTokenGenerationFunction?: lambda.Function;

  /** The Cognito half: pool, domain, scopes, clients, providers, groups, login URLs. */
  private readonly auth: CognitoAuth;
  /** The routes, checked alike whatever kind of API serves them. */
  private readonly routes: RouteRegistry;
  /** The HTTP front. */
  private readonly front: ScopedHttpApi;
  /** Metrics, alarms and dashboard: nothing is made until asked for. */
  private readonly monitoring: ApiMonitoring;
  /** What the OpenAPI document says of the HTTP front. */
  private readonly openApiFront: OpenApiFront;

  constructor(scope: Construct, id: string, props: ProtectedHttpApiWithCognitoProps) {
    super(scope, id);
    const cognitoSettings = resolveCognitoSettings(props);
    const httpSettings = resolveHttpSettings(props, cognitoSettings);

    // The Cognito half: the user pool, its scopes and clients, identity providers, user groups
    // and their trigger, and the login pages.
    this.auth = new CognitoAuth(this, cognitoSettings);
    this.userPool = this.auth.userPool;
    this.resourceServer = this.auth.resourceServer;
    this.userPoolClient = this.auth.webClient;
    this.userPoolGroups = this.auth.userPoolGroups;
    this.preTokenGenerationFunction = this.auth.preTokenGenerationFunction;
    this.userPoolDomain = this.auth.domain.domain;
    this.managedLoginBranding = this.auth.managedLoginBranding;

    // The routes, checked alike whatever kind of API serves them.
    this.routes = new RouteRegistry(cognitoSettings.scopeNames, 'addRoute');

    // The HTTP front: the API, its stage and logs, and its JWT authorizer, whose audience is
    // every app client of the half, machine clients added later included.
    this.front = new ScopedHttpApi(this, httpSettings, {
      issuerUrl: this.auth.issuerUrl,
      clientIds: this.auth.clientIds(),
      fullScopeName: (name) => this.auth.fullScopeName(name),
      routes: this.routes,
    });
    this.httpApi = this.front.httpApi;
    this.stage = this.front.stage;
    this.accessLogGroup = this.front.accessLogGroup;
    this.authorizer = this.front.authorizer;
    this.apiUrl = this.stage.url;
    this.openApiFront = httpOpenApiFront(this.httpApi, httpSettings);

    // What a client needs to sign in and call it.
    this.authorizeUrl = this.auth.urls.authorizeUrl;
    this.tokenUrl = this.auth.urls.tokenUrl;
    this.logoutUrl = this.auth.urls.logoutUrl;
    this.webClientConfig = this.auth.webClientConfig(this.apiUrl);
    addOutputs(this, {
      ...this.auth.urls,
      webClientConfig: this.webClientConfig,
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      apiUrl: this.apiUrl,
      customDomain: cognitoSettings.customDomainName !== undefined ? this.auth.domain.createdDomain : undefined,
    });

    // Metrics, alarms and a dashboard, from the stage and the half (made only when asked for).
    this.monitoring = new ApiMonitoring(this, httpStageMetrics(this.httpApi, this.stage, this.accessLogGroup), {
      userPool: this.userPool,
      client: this.userPoolClient,
      trigger: this.preTokenGenerationFunction,
    });

    this.node.addValidation({ validate: () => this.front.validateHasRoutes() });
    this.node.addValidation({ validate: () => this.routes.validateScopesObtainable(this.auth.obtainableScopes()) });
    this.node.addValidation({ validate: () => this.front.validateResourceLimit() });
  }

  /**
   * Adds a route to the API: `httpMethod` at `path` (e.g. `/orders/{orderId}`, or
   * `/files/{proxy+}` for everything below `/files/`), answered by `options.integration`.
   *
   * @param httpMethod the HTTP method, e.g. `GET`, or `ANY`
   * @param path the route's path, starting with `/`
   * @param options the scopes the route accepts and what answers it
   * @returns the API Gateway route
   */
  public addRoute(httpMethod: string, path: string, options: ProtectedRouteOptions): apigwv2.HttpRoute {
    return this.front.addRoute(httpMethod, path, options);
  }

  /**
   * The API as an OpenAPI 3.0 document in JSON: its default stage's URL as the server, an OAuth
   * 2.0 security scheme with the authorization-code flow (the login domain's authorize and token
   * endpoints, `openid` and every scope of the resource server) and, with machine clients, the
   * client-credentials flow with the scopes they may obtain; each route as an operation with its
   * path parameters, 401 and 403 when it is protected, and as `security` the full names of the
   * scopes it accepts (any one will do), or none when it is public. An `ANY` route is an
   * operation for each method it serves.
   *
   * It is made at synth time from every route and machine client added by then, also those added
   * after this call. The API's URL and the login domain are only known at deploy time: they are
   * tokens in the string, which CloudFormation resolves wherever the string goes (for example
   * `s3deploy.Source.data('openapi.json', api.openApiDocument())`).
   *
   * @returns the document, as a string that holds tokens
   */
  public openApiDocument(): string {
    return openApiDocument(this, { routes: this.routes, auth: this.auth, front: this.openApiFront });
  }

  /**
   * Offers another identity provider on the browser client's login page: Google, Apple,
   * Facebook, Amazon, an OpenID Connect or a SAML provider, made with aws-cdk-lib's
   * `UserPoolIdentityProvider*` constructs on `userPool`. The client depends on it, so that
   * CloudFormation creates the provider first.
   *
   * Register `https://<login domain>/oauth2/idpresponse` as the redirect URI at an OAuth 2.0 or
   * OpenID Connect provider, and `https://<login domain>/saml2/idpresponse` as the assertion
   * consumer service URL at a SAML provider.
   *
   * @param provider the provider, made on this API's `userPool`, with its secret (if it has one)
   * in AWS Secrets Manager
   */
  public addIdentityProvider(provider: cognito.IUserPoolIdentityProvider): void {
    this.auth.addIdentityProvider(provider);
  }

  /**
   * The hosted login URL of `authorizeUrl` with `identity_provider=<provider name>`, which
   * skips the login page and goes straight to the provider: the link behind a "Sign in with
   * Google" button.
   *
   * @param provider a provider added with `addIdentityProvider`
   * @returns the authorize URL for that provider
   */
  public authorizeUrlFor(provider: cognito.IUserPoolIdentityProvider): string {
    return this.auth.authorizeUrlFor(provider);
  }

  /**
   * Adds a confidential app client for the client-credentials grant, for services that call
   * the API on their own behalf. It has a secret (keep it in AWS Secrets Manager with
   * `userPoolClientSecret`, or read it with `aws cognito-idp describe-user-pool-client`; no
   * output holds it), no callback URLs, only the named scopes, and an output with its id, named
   * after it (`<id>ClientId`). The JWT authorizer accepts its tokens: it joins the audience.
   *
   * @param id the construct id of the client, unique among this API's machine clients
   * @param options the scopes it may obtain
   * @returns the app client
   */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    return this.auth.addMachineClient(id, options);
  }

  /**
   * The stage's 5XX answers: API Gateway's `5xx` metric of the stage (dimensions `ApiId` and
   * `Stage`).
   *
   * @default - sum over 5 minutes
   */
  public metricServerErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.serverErrors(props);
  }

  /**
   * The stage's 4XX answers, refusals included: API Gateway's `4xx` metric of the stage
   * (dimensions `ApiId` and `Stage`).
   *
   * @default - sum over 5 minutes
   */
  public metricClientErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.clientErrors(props);
  }

  /**
   * The time from a request to its answer, in milliseconds: API Gateway's `Latency` metric of
   * the stage (dimensions `ApiId` and `Stage`). Pass `{ statistic: 'p99' }` for a percentile.
   *
   * @default - average over 5 minutes
   */
  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.latency(props);
  }

  /**
   * The stage's requests: API Gateway's `Count` metric of the stage (dimensions `ApiId` and
   * `Stage`).
   *
   * @default - sum over 5 minutes
   */
  public metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.count(props);
  }

  /**
   * Requests answered 401: the JWT authorizer found no token, or a bad or expired one. Counted
   * from the access log by a metric filter that the first call of this, `metricForbidden`,
   * `addAlarms` or `addDashboard` adds, into the metric `Unauthorized-<api id>` of the namespace
   * `CognitoProtectedApi`.
   *
   * @default - sum over 5 minutes
   */
  public metricUnauthorized(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.unauthorized(props);
  }

  /**
   * Requests answered 403: a valid token without any of the route's scopes. Counted from the
   * access log by a metric filter that the first call of this, `metricUnauthorized`,
   * `addAlarms` or `addDashboard` adds, into the metric `Forbidden-<api id>` of the namespace
   * `CognitoProtectedApi`.
   *
   * @default - sum over 5 minutes
   */
  public metricForbidden(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.forbidden(props);
  }

  /**
   * Successful sign-ins with the browser client: Cognito's `SignInSuccesses` (dimensions
   * `UserPool` and `UserPoolClient`).
   *
   * @default - sum over 5 minutes
   */
  public metricSignInSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.signInSuccesses(props);
  }

  /**
   * Sign-ins with the browser client that Cognito throttled: `SignInThrottles` (dimensions
   * `UserPool` and `UserPoolClient`).
   *
   * @default - sum over 5 minutes
   */
  public metricSignInThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.signInThrottles(props);
  }

  /**
   * Successful token refreshes of the browser client: Cognito's `TokenRefreshSuccesses`
   * (dimensions `UserPool` and `UserPoolClient`).
   *
   * @default - sum over 5 minutes
   */
  public metricTokenRefreshSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.tokenRefreshSuccesses(props);
  }

  /**
   * Successful sign-ins through another identity provider with the browser client: Cognito's
   * `FederationSuccesses` (dimensions `UserPool` and `UserPoolClient`).
   *
   * @default - sum over 5 minutes
   */
  public metricFederationSuccesses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.monitoring.metrics.federationSuccesses(props);
  }

  /**
   * Adds the recommended alarms (call once), as `ProtectedApiWithCognito.addAlarms` does.
   *
   * @param options the action to take and the thresholds
   * @returns the alarms: 5XX rate, p99 latency, refusals, sign-in and token refresh throttles,
   * and the trigger's errors with `userGroups`
   */
  public addAlarms(options?: ApiAlarmsOptions): cloudwatch.Alarm[] {
    return this.monitoring.addAlarms(options);
  }

  /**
   * Adds a dashboard (call once), as `ProtectedApiWithCognito.addDashboard` does.
   *
   * @param options the dashboard's name
   * @returns the dashboard
   */
  public addDashboard(options?: ApiDashboardOptions): cloudwatch.Dashboard {
    return this.monitoring.addDashboard(options);
  }
}
