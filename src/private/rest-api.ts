import { CfnResource, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { REASONS, RULES, acknowledge, waive } from './acknowledgements';
import { defaultMethodResponses, defaultMockIntegration, staticAllowOrigin } from './cors';
import { accessLogFormat, accountRoleFor, accessLogGroup, logsPolicyFindings } from './logging';
import { Settings } from './settings';
import { normalizeHttpMethod, parsePath, show, validateMethodAccess, validateMethodScopes } from './validation';
import { ProtectedMethodOptions } from '../options';

/*
 * The REST API and its methods: a regional API with a logged, throttled stage, CORS, a request
 * validator and a Cognito authorizer, and the methods added to it, each demanding its scopes.
 */

/** CloudFormation's limit on resources in one stack. */
const MAX_STACK_RESOURCES = 500;

/** What the REST API needs from the rest of the construct. */
export interface ScopedRestApiOptions {
  /** The pool whose access tokens the authorizer accepts, and no other. */
  readonly userPool: cognito.IUserPool;
  /** A scope's name in tokens, from its short name. */
  readonly fullScopeName: (name: string) => string;
}

/** The REST API, its stage's logging, its authorizer and the methods added to it. */
export class ScopedRestApi {
  public readonly api: apigateway.RestApi;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly requestValidator: apigateway.RequestValidator;
  public readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;
  /** Undefined when `cloudWatchRole` is false. */
  public readonly cloudWatchRole?: iam.Role;

  private readonly scopeNames: string[];
  private readonly corsOrigins: string[];
  private readonly fullScopeName: (name: string) => string;
  /** Every method added, by `METHOD /path`, with how it was asked for. */
  private readonly methodsByKey = new Map<string, { call: string; scopes: string[] }>();
  /** The variable part under each parent path (`/orders` has `{orderId}`). */
  private readonly variablePartByParent = new Map<string, string>();

  /** Makes the API and what belongs to it as children of `owner`. */
  constructor(private readonly owner: Construct, settings: Settings, options: ScopedRestApiOptions) {
    const { props } = settings;
    this.scopeNames = settings.scopeNames;
    this.corsOrigins = settings.corsOrigins;
    this.fullScopeName = options.fullScopeName;

    // Named after the API (resolved at synth), under a prefix the account role may write to.
    this.accessLogGroup = accessLogGroup(owner, 'AccessLogs', {
      restApiId: Lazy.string({ produce: () => this.api.restApiId }),
      stageName: settings.stageName,
      retention: settings.accessLogRetention,
      removalPolicy: settings.removalPolicy,
      encryptionKey: props.accessLogEncryptionKey,
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
    if (props.webAclArn !== undefined) {
      new wafv2.CfnWebACLAssociation(owner, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    }

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(owner, 'Authorizer', {
      cognitoUserPools: [options.userPool],
    });
    // Bind the authorizer to the API now rather than on first use, so that an API whose methods
    // are all public (or that has none yet, which is reported at synth) still synthesizes.
    this.authorizer._attachToApi(this.api);
  }

  /** See `ProtectedApiWithCognito.addMethod`. */
  public addMethod(httpMethod: string, path: string, options: ProtectedMethodOptions): apigateway.Method {
    const method = normalizeHttpMethod(httpMethod, path);
    const where = `addMethod ${method} ${path}`;
    const scopes = options.scopes ?? [];
    const parts = Token.isUnresolved(path) ? undefined : parsePath(where, path);
    validateMethodAccess(where, scopes, options.allowUnauthenticated ?? false);
    validateMethodScopes(where, scopes, this.scopeNames);
    if (method === 'OPTIONS' && this.corsOrigins.length > 0) {
      throw new Error(`${where}: the API answers OPTIONS itself for CORS preflight; `
        + 'set corsAllowOrigins to [] to define OPTIONS methods yourself');
    }
    if (parts) {
      this.registerMethod(where, method, parts, scopes);
    }

    const resource = this.api.root.resourceForPath(path);
    const integration = options.integration ?? defaultMockIntegration(this.corsOrigins);
    const methodResponses = options.methodResponses
      ?? (options.integration ? undefined : defaultMethodResponses(this.corsOrigins));

    const common = {
      methodResponses,
      requestValidator: this.requestValidator,
      requestParameters: options.requestParameters,
      requestModels: options.requestModels,
    };

    if (options.allowUnauthenticated) {
      const open = resource.addMethod(method, integration, {
        ...common,
        authorizationType: apigateway.AuthorizationType.NONE,
      });
      waive(open, RULES.publicMethod, REASONS.publicMethod);
      return open;
    }
    return resource.addMethod(method, integration, {
      ...common,
      authorizer: this.authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: scopes.map((name) => this.fullScopeName(name)),
    });
  }

  /** An API with no method: nothing to deploy. */
  public validateHasMethods(): string[] {
    if (this.api.methods.some((m) => m.httpMethod !== 'OPTIONS')) {
      return [];
    }
    return [`${this.owner.node.path} has no methods: call addMethod(httpMethod, path, { scopes }) at least once`];
  }

  /** Every method must accept at least one scope that some app client can be given. */
  public validateScopesObtainable(obtainable: Set<string>): string[] {
    const errors: string[] = [];
    for (const [key, { scopes }] of this.methodsByKey) {
      if (scopes.length > 0 && !scopes.some((name) => obtainable.has(name))) {
        errors.push(`${key} demands ${scopes.map((name) => show(name)).join(' or ')}, which no app client can `
          + 'obtain: add one of them to clientScopes, or give it to another app client');
      }
    }
    return errors;
  }

  /**
   * CloudFormation takes at most 500 resources in a stack. Say so at synth, with how many
   * methods fit, rather than minutes into a deploy.
   */
  public validateResourceLimit(): string[] {
    const stack = Stack.of(this.owner);
    const inStack = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
    if (inStack.length <= MAX_STACK_RESOURCES) {
      return [];
    }
    const methodCount = this.methodsByKey.size;
    const perPath = this.api.node.findAll().filter((c) => c instanceof apigateway.CfnResource
      || c instanceof apigateway.CfnMethod).length;
    const perMethod = methodCount > 0 ? perPath / methodCount : 0;
    const fit = perMethod > 0 ? Math.floor((MAX_STACK_RESOURCES - (inStack.length - perPath)) / perMethod) : 0;
    return [`${stack.node.path} has ${inStack.length} resources, more than the ${MAX_STACK_RESOURCES} CloudFormation `
      + `allows in one stack. This API's ${methodCount} methods take about ${perMethod.toFixed(1)} resources each, `
      + `so about ${fit} fit here: move the rest to a RestApi in another stack (it can check tokens from this `
      + 'userPool with a CognitoUserPoolsAuthorizer of its own)'];
  }

  /**
   * Remembers a method, refusing the same method and path twice and two differently named
   * variable parts under one parent (API Gateway allows one).
   */
  private registerMethod(where: string, method: string, parts: string[], scopes: string[]): void {
    const key = `${method} /${parts.join('/')}`;
    const earlier = this.methodsByKey.get(key);
    if (earlier) {
      throw new Error(`${where}: ${key} is already defined (by ${earlier.call}); add each method and path once`);
    }
    parts.forEach((part, i) => {
      if (!part.startsWith('{')) {
        return;
      }
      const parent = `/${parts.slice(0, i).join('/')}`;
      const existing = this.variablePartByParent.get(parent);
      if (existing && existing !== part) {
        throw new Error(`${where}: path part ${show(part)} clashes with ${show(existing)} under ${parent}: `
          + 'API Gateway allows one variable part per parent; use the same name in both paths');
      }
      this.variablePartByParent.set(parent, part);
    });
    this.methodsByKey.set(key, { call: where, scopes });
  }

  /** The regional REST API with its logged, throttled stage and CORS. */
  private createApi(settings: Settings): apigateway.RestApi {
    const api = new apigateway.RestApi(this.owner, 'Api', {
      restApiName: settings.props.restApiName,
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
        clientCertificateId: settings.props.clientCertificateId,
      },
      // The account-level role is made apart, with a policy narrower than CDK's managed one.
      cloudWatchRole: false,
      defaultCorsPreflightOptions: this.corsOrigins.length === 0 ? undefined : {
        allowOrigins: this.corsOrigins,
        allowMethods: apigateway.Cors.ALL_METHODS,
        allowHeaders: apigateway.Cors.DEFAULT_HEADERS,
      },
    });
    // RestApi adds an `Endpoint` output of its own; `ApiUrl` says the same with a description.
    api.node.tryRemoveChild('Endpoint');
    this.addCorsToErrorResponses(api);
    return api;
  }

  /** What the stage leaves off by default, acknowledged in cdk-nag and checkov with the prop that turns it on. */
  private acknowledgeStageDefaults(settings: Settings): void {
    const stage = this.api.deploymentStage;
    waive(stage, RULES.noCache, REASONS.cache);
    if (settings.props.webAclArn === undefined) {
      waive(stage, RULES.noWaf, REASONS.waf);
    }
    if (!settings.tracingEnabled) {
      waive(stage, RULES.noTracing, REASONS.tracing);
    }
    if (settings.props.clientCertificateId === undefined) {
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
    const responseHeaders = {
      'Access-Control-Allow-Origin': staticAllowOrigin(this.corsOrigins),
      'Access-Control-Allow-Headers': `'${apigateway.Cors.DEFAULT_HEADERS.join(',')}'`,
      'Vary': "'Origin'",
    };
    api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders });
    api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders });
  }
}
