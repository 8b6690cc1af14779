import { Annotations, CfnOutput, CfnResource, FeatureFlags, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { accessLogFormat } from './access-logs';
import { accountRoleFor, logsPolicyFindings } from './account-role';
import { defaultMethodResponses, defaultMockIntegration, gatewayResponseAllowOrigin, gatewayResponsesEchoOrigin } from './cors';
import { MAX_STACKS_PER_SEGMENT, NestedMethodStacks, Placement } from './nested-methods';
import { restRouteDetails } from './route-details';
import { RestSettings } from './settings';
import { ProtectedMethodOptions } from '../../options';
import { accessLogGroup } from '../access-log-group';
import { REASONS, RULES, acknowledge, waive } from '../acknowledgements';
import { fail, isToken, show } from '../errors';
import { RouteRegistry } from '../routes';

/*
 * The REST front: a regional API with a logged, throttled stage, CORS, a request validator and
 * a Cognito authorizer, and a REST method for each route registered through it, demanding its
 * scopes; and the rules of the stage's settings.
 *
 * Sources, in the API Gateway developer guide and API reference:
 * - Stage: StageName is letters, digits, hyphens and underscores, at most 128.
 */

/** CloudFormation's limit on resources in one stack. */
const MAX_STACK_RESOURCES = 500;

/** How to spread a first segment's paths that overflow one of its nested stacks. */
function spreadAdvice(placement: Placement): string {
  const where = `the paths under /${placement.group}`;
  const moves = 'changing it on a deployed API moves methods to other stacks: see the README\'s "More than 160 methods"';
  if (placement.stacks < MAX_STACKS_PER_SEGMENT) {
    return `set nestedStacksPerFirstSegment: { ${show(placement.group)}: ${placement.stacks + 1} } or more, to spread ${where} `
      + `over more nested stacks by their second segment (paths that share a second segment share a stack; ${moves})`;
  }
  return `${where} fill even ${MAX_STACKS_PER_SEGMENT} nested stacks, the most one first segment may have: spread them `
    + `over more second segments, or over more first segments (${moves})`;
}

/** What the REST API needs from the Cognito half and the rest of the construct. */
export interface ScopedRestApiOptions {
  /** The pool whose access tokens the authorizer accepts, and no other. */
  readonly userPool: cognito.IUserPool;
  /** A scope's name in tokens, from its short name. */
  readonly fullScopeName: (name: string) => string;
  /** Where the API's routes are registered (and checked). */
  readonly routes: RouteRegistry;
}

/** The REST API, its stage's logging, its authorizer and the methods added to it. */
export class ScopedRestApi {
  public readonly api: apigateway.RestApi;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly requestValidator: apigateway.RequestValidator;
  public readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;
  /** Undefined when `cloudWatchRole` is false. */
  public readonly cloudWatchRole?: iam.Role;

  private readonly corsOrigins: string[];
  private readonly fullScopeName: (name: string) => string;
  private readonly routes: RouteRegistry;
  private defaultMethod?: { integration: apigateway.Integration; methodResponses: apigateway.MethodResponse[] };
  /** Undefined unless `methodsInNestedStacks`. */
  private readonly nested?: NestedMethodStacks;

  /** Makes the API and what belongs to it as children of `owner`. */
  constructor(private readonly owner: Construct, settings: RestSettings, options: ScopedRestApiOptions) {
    this.corsOrigins = settings.corsOrigins;
    this.fullScopeName = options.fullScopeName;
    this.routes = options.routes;
    warnOfLocalCallbacks(owner, settings.callbackUrls, settings.stageName);

    // Named after the API (resolved at synth), under a prefix the account role may write to.
    this.accessLogGroup = accessLogGroup(owner, 'AccessLogs', {
      apiId: Lazy.string({ produce: () => this.api.restApiId }),
      stageName: settings.stageName,
      retention: settings.accessLogRetention,
      removalPolicy: settings.removalPolicy,
      encryptionKey: settings.logEncryptionKey,
    });
    this.api = this.createApi(settings);
    this.acknowledgeStageDefaults(settings);
    this.requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    if (settings.cloudWatchRole) {
      const accountRole = accountRoleFor(owner, 'CloudWatchRole');
      this.cloudWatchRole = accountRole.role;
      // The stage can only log once the account knows the role.
      this.api.deploymentStage.node.addDependency(accountRole.account);
      acknowledge(accountRole.policy, logsPolicyFindings(), REASONS.logsPolicy);
    }
    if (settings.webAclArn !== undefined) {
      new wafv2.CfnWebACLAssociation(owner, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: settings.webAclArn,
      });
    }

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(owner, 'Authorizer', {
      cognitoUserPools: [options.userPool],
    });
    bindAuthorizer(this.authorizer, this.api);
    if (settings.methodsInNestedStacks) {
      this.nested = new NestedMethodStacks(owner, this.api, settings.nestedStacksPerFirstSegment);
      // Once every method is added: a segment named for more stacks but in no path is likely a typo.
      let warned = false;
      owner.node.addValidation({
        validate: () => {
          if (!warned) {
            warned = true;
            this.warnOfUnusedSegments(settings.nestedStacksPerFirstSegment);
          }
          return [];
        },
      });
    }
  }

  /** See `ProtectedApiWithCognito.addMethod`. */
  public addMethod(httpMethod: string, path: string, options: ProtectedMethodOptions): apigateway.Method {
    const route = this.routes.check(httpMethod, path, options);
    const { httpMethod: method, scopes } = route;
    if (method === 'OPTIONS' && this.corsOrigins.length > 0) {
      fail(`${route.call}: the API answers OPTIONS itself for CORS preflight; `
        + 'set corsAllowOrigins to [] to define OPTIONS methods yourself');
    }
    this.routes.add(route, restRouteDetails(options, this.defaults().methodResponses));

    const nested = this.nested !== undefined && route.parts !== undefined && route.parts.length > 0;
    const resource = nested ? this.nested!.resourceFor(route.parts!) : this.api.root.resourceForPath(path);
    const integration = options.integration ?? this.defaults().integration;
    const methodResponses = options.methodResponses
      ?? (options.integration ? undefined : this.defaults().methodResponses);

    const common = {
      methodResponses,
      requestValidator: this.requestValidator,
      requestParameters: options.requestParameters,
      requestModels: options.requestModels,
    };

    if (route.allowUnauthenticated) {
      const open = resource.addMethod(method, integration, {
        ...common,
        authorizationType: apigateway.AuthorizationType.NONE,
      });
      waive(open, RULES.publicMethod, REASONS.publicMethod);
      return this.listed(open, nested);
    }
    return this.listed(resource.addMethod(method, integration, {
      ...common,
      authorizer: this.authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: scopes.map((name) => this.fullScopeName(name)),
    }), nested);
  }

  /**
   * The default integration and its method responses, made once and shared by every method that
   * takes them, as a user writing the API by hand would (aws-cdk-lib renders them per method).
   */
  private defaults(): { integration: apigateway.Integration; methodResponses: apigateway.MethodResponse[] } {
    this.defaultMethod ??= {
      integration: defaultMockIntegration(this.corsOrigins),
      methodResponses: defaultMethodResponses(this.corsOrigins),
    };
    return this.defaultMethod;
  }

  private warnOfUnusedSegments(stacksPerSegment: ReadonlyMap<string, number>): void {
    const used = new Set(this.nested?.placements.map(({ placement }) => placement.group));
    const unused = [...stacksPerSegment.keys()].filter((segment) => !used.has(segment));
    if (unused.length > 0) {
      Annotations.of(this.owner).addWarningV2('cdk-cognito-protected-api:unusedNestedSegment',
        `nestedStacksPerFirstSegment names ${unused.map((segment) => show(segment)).join(', ')}, which no method's path `
        + 'starts with: fix the name (first segments are matched exactly, case included), or drop it');
    }
  }

  /**
   * A method of a nested stack, added to the API's list of methods (`api.methods`), which
   * aws-cdk-lib fills only with the methods of the API's own stack.
   */
  private listed(method: apigateway.Method, nested: boolean): apigateway.Method {
    if (nested) {
      this.api.methods.push(method);
    }
    return method;
  }

  /** An API with no method: nothing to deploy. */
  public validateHasMethods(): string[] {
    if (this.api.methods.some((m) => m.httpMethod !== 'OPTIONS')) {
      return [];
    }
    return [`${this.owner.node.path} has no methods: call addMethod(httpMethod, path, { scopes }) at least once`];
  }

  /**
   * CloudFormation takes at most 500 resources in a stack. Say so at synth, with how many
   * methods fit, rather than minutes into a deploy: in the API's stack and in each nested stack.
   */
  public validateResourceLimit(): string[] {
    const stack = Stack.of(this.owner);
    const counts = new Map<Stack, number>();
    for (const c of stack.node.findAll()) {
      if (CfnResource.isCfnResource(c)) {
        const of = Stack.of(c);
        counts.set(of, (counts.get(of) ?? 0) + 1);
      }
    }
    const errors: string[] = [];
    const inStack = counts.get(stack) ?? 0;
    if (inStack > MAX_STACK_RESOURCES) {
      errors.push(this.nested ? `${stack.node.path} has ${inStack} resources, more than the ${MAX_STACK_RESOURCES} `
        + 'CloudFormation allows in one stack, though this API\'s methods are in nested stacks: move other resources '
        + 'out of this stack' : this.tooManyInStack(stack, inStack));
    }
    for (const { stack: nested, placement } of this.nested?.placements ?? []) {
      const count = counts.get(nested) ?? 0;
      if (count > MAX_STACK_RESOURCES) {
        errors.push(`${nested.node.path} has ${count} resources, more than the ${MAX_STACK_RESOURCES} CloudFormation `
          + `allows in one stack: ${spreadAdvice(placement)}`);
      }
    }
    return errors;
  }

  private tooManyInStack(stack: Stack, inStack: number): string {
    const methodCount = this.routes.routes.length;
    const perPath = this.api.node.findAll().filter((c) => c instanceof apigateway.CfnResource
      || c instanceof apigateway.CfnMethod).length;
    const perMethod = methodCount > 0 ? perPath / methodCount : 0;
    const fit = perMethod > 0 ? Math.floor((MAX_STACK_RESOURCES - (inStack - perPath)) / perMethod) : 0;
    return `${stack.node.path} has ${inStack} resources, more than the ${MAX_STACK_RESOURCES} CloudFormation `
      + `allows in one stack. This API's ${methodCount} methods take about ${perMethod.toFixed(1)} resources each, `
      + `so about ${fit} fit here: set methodsInNestedStacks: true to put its methods into nested stacks. An API `
      + 'already deployed cannot move its methods to other stacks in one deploy: first deploy it without the '
      + 'methods that would move (every method not on /), then with methodsInNestedStacks: true and the methods '
      + 'back (see the README, "More than 160 methods")';
  }

  /** The regional REST API with its logged, throttled stage and CORS. */
  private createApi(settings: RestSettings): apigateway.RestApi {
    const api = new apigateway.RestApi(this.owner, 'Api', {
      restApiName: settings.restApiName,
      description: 'REST API protected by Cognito OAuth 2.0 scopes',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      deployOptions: {
        stageName: settings.stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
        loggingLevel: settings.executionLoggingLevel,
        dataTraceEnabled: false,
        tracingEnabled: settings.tracingEnabled,
        throttlingRateLimit: settings.throttlingRateLimit,
        throttlingBurstLimit: settings.throttlingBurstLimit,
        clientCertificateId: settings.clientCertificateId,
      },
      // The account-level role is made apart, with a policy narrower than CDK's managed one.
      cloudWatchRole: false,
      defaultCorsPreflightOptions: this.corsOrigins.length === 0 ? undefined : {
        allowOrigins: this.corsOrigins,
        allowMethods: apigateway.Cors.ALL_METHODS,
        allowHeaders: apigateway.Cors.DEFAULT_HEADERS,
      },
    });
    dropOwnUrlOutput(api);
    this.addCorsToErrorResponses(api);
    return api;
  }

  /** What the stage leaves off by default, acknowledged in cdk-nag and checkov with the prop that turns it on. */
  private acknowledgeStageDefaults(settings: RestSettings): void {
    const stage = this.api.deploymentStage;
    waive(stage, RULES.noCache, REASONS.cache);
    if (settings.webAclArn === undefined) {
      waive(stage, RULES.noWaf, REASONS.waf);
    }
    if (!settings.tracingEnabled) {
      waive(stage, RULES.noTracing, REASONS.tracing);
    }
    if (settings.clientCertificateId === undefined) {
      waive(stage, RULES.noClientCertificate, REASONS.clientCertificate);
    }
  }

  /**
   * API Gateway's own 4XX and 5XX answers (e.g. the authorizer's 401) carry the CORS headers
   * too, so a browser shows the real status instead of a CORS error.
   */
  private addCorsToErrorResponses(api: apigateway.RestApi): void {
    if (this.corsOrigins.length === 0) {
      return;
    }
    if (gatewayResponsesEchoOrigin(this.corsOrigins)) {
      Annotations.of(this.owner).addWarningV2('cdk-cognito-protected-api:corsGatewayResponses',
        `corsAllowOrigins allows ${this.corsOrigins.length} origins (${this.corsOrigins.map((o) => show(o)).join(', ')}), `
        + 'but API Gateway\'s own 4XX and 5XX answers (such as the authorizer\'s 401) cannot check the request\'s '
        + 'origin against a list: they echo it, so that each allowed origin can read them, and so can any other web '
        + 'site (they hold only API Gateway\'s error messages, never an integration\'s answer); allow one origin to '
        + 'restrict them to it');
    }
    const responseHeaders = {
      'Access-Control-Allow-Origin': gatewayResponseAllowOrigin(this.corsOrigins),
      'Access-Control-Allow-Headers': `'${apigateway.Cors.DEFAULT_HEADERS.join(',')}'`,
      'Vary': "'Origin'",
    };
    api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders });
    api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders });
  }
}

/**
 * RestApi adds a stack output of its own with the stage's URL (`Endpoint`), and has no prop to
 * leave it out; the construct's `ApiUrl` output says the same with a description, so that output
 * is taken out again, right after the API is made: it is found by what it is (an output among
 * the new API's children, which only aws-cdk-lib can have put there yet), not by the id
 * aws-cdk-lib gives it, so that a release that renames or drops it breaks nothing.
 * (The one place the construct removes a child of aws-cdk-lib's: test/no-internals.test.ts allows it here alone.)
 */
function dropOwnUrlOutput(api: apigateway.RestApi): void {
  for (const child of api.node.children) {
    if (child instanceof CfnOutput) {
      api.node.tryRemoveChild(child.node.id);
    }
  }
}

/**
 * Binds the authorizer to the API now rather than on first use, so that an API whose methods are
 * all public (or that has none yet, which is reported at synth) still synthesizes, through public
 * API only: its resource names the API. A protected method binds it again, to the same API.
 *
 * With the feature flag `@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId`, aws-cdk-lib
 * makes the deployment depend on the authorizer and adds the authorizer's settings to the
 * deployment's logical id at each bind; the first bind does the same here, with the same settings
 * read from the authorizer's resource, so that the deployment keeps its logical id.
 */
function bindAuthorizer(authorizer: apigateway.CognitoUserPoolsAuthorizer, api: apigateway.RestApi): void {
  const cfn = authorizer.node.defaultChild as apigateway.CfnAuthorizer;
  cfn.restApiId = api.restApiId;
  const deployment = api.latestDeployment;
  if (deployment && FeatureFlags.of(authorizer).isEnabled(cxapi.APIGATEWAY_AUTHORIZER_CHANGE_DEPLOYMENT_LOGICAL_ID)) {
    deployment.node.addDependency(authorizer);
    deployment.addToLogicalId({
      authorizer: {
        name: cfn.name,
        restApiId: api.restApiId,
        type: cfn.type,
        providerArns: cfn.providerArns,
        authorizerResultTtlInSeconds: cfn.authorizerResultTtlInSeconds,
        identitySource: cfn.identitySource,
      },
    });
  }
}

/**
 * A local callback URL in a stage that looks like production is worth a second look, but not an
 * error: the tutorial does exactly that.
 */
function warnOfLocalCallbacks(owner: Construct, callbackUrls: string[], stageName: string): void {
  if (Token.isUnresolved(callbackUrls) || Token.isUnresolved(stageName) || !/prod/i.test(stageName)) {
    return;
  }
  const local = callbackUrls.filter((url) => !Token.isUnresolved(url) && /^http:\/\/localhost([:/]|$)/.test(url));
  if (local.length > 0) {
    Annotations.of(owner).addWarningV2('cdk-cognito-protected-api:localCallbackUrl',
      `callbackUrls holds ${local.map((url) => show(url)).join(', ')} in stage ${show(stageName)}: `
      + 'remove local callback URLs before real users sign in, or use another stage name for development');
  }
}

export function validateStageName(stageName: string): void {
  if (isToken(stageName)) {
    return;
  }
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    fail(`stageName ${show(stageName)} is invalid: use 1-128 letters, digits, hyphens and underscores`);
  }
}

/** A web ACL for a REST API stage is a regional WAFv2 one. */
export function validateWebAclArn(arn: string): void {
  if (isToken(arn)) {
    return;
  }
  if (!/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[^/]+\/[^/]+$/.test(arn)) {
    fail(`webAclArn ${show(arn)} is invalid: use the ARN of a regional AWS WAFv2 web ACL, `
      + 'arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id> (a CloudFront web ACL cannot protect a REST API stage)');
  }
}
