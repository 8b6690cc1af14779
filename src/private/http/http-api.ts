import { Annotations, CfnResource, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogFormat } from './access-logs';
import { corsConfiguration } from './cors';
import { HttpSettings } from './settings';
import { ProtectedRouteOptions } from '../../options';
import { accessLogGroup } from '../access-log-group';
import { REASONS, RULES, waive } from '../acknowledgements';
import { fail, show } from '../errors';
import { Route, RouteRegistry } from '../routes';

/*
 * The HTTP front: an HTTP API with CORS on the API, a JWT authorizer that trusts the Cognito
 * half's pool and clients, a default stage that deploys itself, logs as JSON and throttles, and an
 * HTTP route for each route registered through it, demanding its scopes.
 *
 * Sources, in the API Gateway developer guide:
 * - JWT authorizers: the issuer is the pool's; a token without `aud` (Cognito's access tokens)
 *   passes when its `client_id` is one of the audience; a route's scopes are matched against
 *   the token's `scope` claim, any one of them sufficing.
 * - Quotas: 300 routes per HTTP API (adjustable in Service Quotas).
 */

/** CloudFormation's limit on resources in one stack. */
const MAX_STACK_RESOURCES = 500;

/** The default quota of routes per HTTP API; it can be raised. */
export const HTTP_API_ROUTE_QUOTA = 300;

/** Where a JWT authorizer finds the token: the bearer token of the `Authorization` header. */
export const IDENTITY_SOURCE = '$request.header.Authorization';

/** The name the default stage's access log group gives it (`$` is not allowed in log group names). */
const STAGE_LOG_NAME = 'default';

/** What the HTTP API needs from the Cognito half and the rest of the construct. */
export interface ScopedHttpApiOptions {
  /** The issuer of the pool's tokens (`https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  readonly issuerUrl: string;
  /** The id of every app client that may call, resolved at synth (a lazy list). */
  readonly clientIds: string[];
  /** A scope's name in tokens, from its short name. */
  readonly fullScopeName: (name: string) => string;
  /** Where the API's routes are registered (and checked). */
  readonly routes: RouteRegistry;
}

/** The HTTP API, its stage and logs, its JWT authorizer and the routes added to it. */
export class ScopedHttpApi {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly authorizer: apigwv2.HttpAuthorizer;

  private readonly corsOrigins: string[];
  private readonly fullScopeName: (name: string) => string;
  private readonly routes: RouteRegistry;
  /** The authorizer as routes take it. */
  private readonly routeAuthorizer: apigwv2.IHttpRouteAuthorizer;

  /** Makes the API and what belongs to it as children of `owner`. */
  constructor(private readonly owner: Construct, settings: HttpSettings, options: ScopedHttpApiOptions) {
    this.corsOrigins = settings.corsOrigins;
    this.fullScopeName = options.fullScopeName;
    this.routes = options.routes;

    // Named after the API (resolved at synth), under the prefix every front's access logs share.
    this.accessLogGroup = accessLogGroup(owner, 'AccessLogs', {
      apiId: Lazy.string({ produce: () => this.httpApi.apiId }),
      stageName: STAGE_LOG_NAME,
      retention: settings.accessLogRetention,
      removalPolicy: settings.removalPolicy,
      encryptionKey: settings.logEncryptionKey,
    });
    this.httpApi = this.createApi(settings);
    this.stage = this.httpApi.addStage('DefaultStage', {
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat(),
      },
      throttle: { rateLimit: settings.throttlingRateLimit, burstLimit: settings.throttlingBurstLimit },
    });

    this.authorizer = new apigwv2.HttpAuthorizer(owner, 'Authorizer', {
      httpApi: this.httpApi,
      authorizerName: 'CognitoUserPool',
      type: apigwv2.HttpAuthorizerType.JWT,
      identitySource: [IDENTITY_SOURCE],
      jwtIssuer: options.issuerUrl,
      jwtAudience: options.clientIds,
    });
    const authorizer = this.authorizer;
    this.routeAuthorizer = {
      bind: () => ({ authorizerId: authorizer.authorizerId, authorizationType: apigwv2.HttpAuthorizerType.JWT }),
    };
  }

  /** See `ProtectedHttpApiWithCognito.addRoute`. */
  public addRoute(httpMethod: string, path: string, options: ProtectedRouteOptions): apigwv2.HttpRoute {
    const route = this.routes.check(httpMethod, path, options);
    refuseTokenPath(route);
    if (route.httpMethod === 'OPTIONS' && this.corsOrigins.length > 0) {
      fail(`${route.call}: the API answers OPTIONS itself for CORS preflight; `
        + 'set corsAllowOrigins to [] to define OPTIONS routes yourself');
    }
    this.routes.add(route);
    // aws-cdk-lib's own scheme (`HttpApi.addRoutes`); constructs turns each `/` into `--`, so
    // `/a--b` and `/a/b` would clash.
    const id = `${route.httpMethod}${path}`;
    const taken = this.httpApi.node.tryFindChild(id.replace(/\//g, '--'));
    if (taken) {
      fail(`${route.call}: its construct id ${show(id)} is taken by ${taken.node.path}: `
        + 'rename a path part that holds "--"');
    }
    this.warnOfRouteQuota();

    const routeKey = apigwv2.HttpRouteKey.with(path, route.httpMethod as apigwv2.HttpMethod);
    if (route.allowUnauthenticated) {
      const open = new apigwv2.HttpRoute(this.httpApi, id, {
        httpApi: this.httpApi,
        routeKey,
        integration: options.integration,
        authorizer: new apigwv2.HttpNoneAuthorizer(),
      });
      waive(open, RULES.publicRoute, REASONS.publicRoute);
      return open;
    }
    return new apigwv2.HttpRoute(this.httpApi, id, {
      httpApi: this.httpApi,
      routeKey,
      integration: options.integration,
      authorizer: this.routeAuthorizer,
      authorizationScopes: route.scopes.map((name) => this.fullScopeName(name)),
    });
  }

  /**
   * CloudFormation takes at most 500 resources in a stack. Say so at synth, with how many routes
   * fit, rather than minutes into a deploy.
   */
  public validateResourceLimit(): string[] {
    const stack = Stack.of(this.owner);
    const inStack = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
    if (inStack.length <= MAX_STACK_RESOURCES) {
      return [];
    }
    const routeCount = this.routes.routes.length;
    // A route's own resources: the route, and what its integration adds for it (e.g. a Lambda permission).
    const perRoutes = this.httpApi.node.findAll().filter((c) => CfnResource.isCfnResource(c)
      && c.node.scopes.some((s) => s instanceof apigwv2.HttpRoute)).length;
    const perRoute = routeCount > 0 ? perRoutes / routeCount : 0;
    const fit = perRoute > 0 ? Math.max(0, Math.floor((MAX_STACK_RESOURCES - (inStack.length - perRoutes)) / perRoute)) : 0;
    return [`${stack.node.path} has ${inStack.length} resources, more than the ${MAX_STACK_RESOURCES} CloudFormation `
      + `allows in one stack. This API's ${routeCount} routes take about ${perRoute.toFixed(1)} resources each, `
      + `so about ${fit} fit here: move the rest to an HttpApi in another stack (it can check tokens from this `
      + 'userPool with a JWT authorizer of its own)'];
  }

  /** An API with no route: nothing to deploy. */
  public validateHasRoutes(): string[] {
    if (this.routes.routes.length > 0) {
      return [];
    }
    return [`${this.owner.node.path} has no routes: call addRoute(httpMethod, path, { integration, scopes }) at least once`];
  }

  /** The HTTP API, with CORS on it. */
  private createApi(settings: HttpSettings): apigwv2.HttpApi {
    const api = new apigwv2.HttpApi(this.owner, 'Api', {
      apiName: settings.apiName,
      description: 'HTTP API protected by Cognito OAuth 2.0 scopes',
      // The construct's own stage logs and throttles.
      createDefaultStage: false,
    });
    const cfnApi = api.node.defaultChild as apigwv2.CfnApi;
    cfnApi.corsConfiguration = corsConfiguration(this.corsOrigins, () => this.routes.routes);
    return api;
  }

  /**
   * More routes than the default quota deploy only where the quota was raised: say so at synth,
   * once, rather than minutes into a deploy (a warning, since the quota can be raised).
   */
  private warnOfRouteQuota(): void {
    if (this.routes.routes.length !== HTTP_API_ROUTE_QUOTA + 1) {
      return;
    }
    Annotations.of(this.owner).addWarningV2('cdk-cognito-protected-api:httpRouteQuota',
      `${this.owner.node.path} has more than ${HTTP_API_ROUTE_QUOTA} routes, API Gateway's default quota of routes per `
      + 'HTTP API: the deploy fails unless the quota "Routes per API" was raised in Service Quotas for this account and region');
  }
}

/** HTTP API route keys are checked by aws-cdk-lib at synth, so a path must be known then. */
function refuseTokenPath(route: Route): void {
  if (Token.isUnresolved(route.path)) {
    fail(`${route.call}: path ${show(route.path)} is only known at deploy time: an HTTP API route's path `
      + 'must be known at synth; give it as a literal');
  }
}
