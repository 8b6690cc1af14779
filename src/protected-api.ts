import { Annotations, CfnOutput, CfnResource, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { MachineClientOptions, ProtectedMethodOptions } from './options';
import { REASONS, acknowledge } from './private/acknowledgements';
import { defaultMethodResponses, defaultMockIntegration, staticAllowOrigin } from './private/cors';
import { accessLogFormat, accountRoleFor, accessLogGroup, logsPolicyFindings } from './private/logging';
import { resourceServerName } from './private/naming';
import { Settings, resolveSettings } from './private/settings';
import { authorizeUrl, logoutUrl, tokenUrl } from './private/urls';
import {
  normalizeHttpMethod, parsePath, show, validateMachineClientScopes, validateMethodAccess, validateMethodScopes,
  validateTokenValidity,
} from './private/validation';
import { ProtectedApiWithCognitoProps } from './protected-api-props';

/** CloudFormation's limit on resources in one stack. */
const MAX_STACK_RESOURCES = 500;

/**
 * An API Gateway REST API whose methods demand OAuth 2.0 scopes issued by a Cognito user
 * pool, together with everything a browser needs to sign users in with the
 * authorization-code grant: the user pool, a resource server with the API's scopes, a public
 * app client and a hosted login domain.
 */
export class ProtectedApiWithCognito extends Construct {
  /** The user pool that holds the API's users. */
  public readonly userPool: cognito.UserPool;

  /** The resource server that defines the API's scopes. */
  public readonly resourceServer: cognito.UserPoolResourceServer;

  /** The public browser client for the authorization-code grant. */
  public readonly userPoolClient: cognito.UserPoolClient;

  /** The Cognito domain of the hosted login pages and OAuth 2.0 endpoints. */
  public readonly userPoolDomain: cognito.UserPoolDomain;

  /** The REST API. */
  public readonly api: apigateway.RestApi;

  /** The authorizer that checks access tokens against the user pool. */
  public readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;

  /** The request validator every method uses: it checks declared parameters and body models. */
  public readonly requestValidator: apigateway.RequestValidator;

  /** The log group of the stage's access logs. */
  public readonly accessLogGroup: logs.LogGroup;

  /**
   * The role API Gateway uses to write logs, set at account level. APIs in one stack share
   * the first one's.
   *
   * @default - undefined when `cloudWatchRole` is false
   */
  public readonly cloudWatchRole?: iam.Role;

  /**
   * The hosted login URL that starts the authorization-code flow, with `client_id`,
   * `response_type=code`, every scope of the client and the first callback URL.
   */
  public readonly authorizeUrl: string;

  /** The token endpoint that exchanges a code (or a refresh token) for tokens. */
  public readonly tokenUrl: string;

  /** The URL of the API's stage, ending in `/`. */
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
   * `response_type`, `logout_url`, `post_logout_redirect_uri` and `api_url`.
   */
  public readonly webClientConfig: string;

  /**
   * The managed login branding of the browser client (there is no L2 for it yet).
   *
   * @default - undefined with the classic hosted UI
   */
  public readonly managedLoginBranding?: cognito.CfnManagedLoginBranding;

  private readonly resourceServerIdentifier: string;
  private readonly scopeNames: string[];
  private readonly corsOrigins: string[];
  /** The resource server's scopes, for the clients' OAuth settings. */
  private readonly serverScopes: cognito.ResourceServerScope[];
  /** Where machine clients live, made by the first one. */
  private machineClients?: Construct;
  /** The scopes each app client can obtain, by client path. */
  private readonly clientScopeNames = new Map<string, string[]>();
  /** Every method added, by `METHOD /path`, with how it was asked for. */
  private readonly methodsByKey = new Map<string, { call: string; scopes: string[] }>();
  /** The variable part under each parent path (`/orders` has `{orderId}`). */
  private readonly variablePartByParent = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ProtectedApiWithCognitoProps) {
    super(scope, id);
    const settings = resolveSettings(props);
    this.resourceServerIdentifier = props.resourceServerIdentifier;
    this.scopeNames = settings.scopeNames;
    this.corsOrigins = settings.corsOrigins;

    this.userPool = this.createUserPool(settings);
    this.serverScopes = props.scopes.map((s) => new cognito.ResourceServerScope({
      scopeName: s.name,
      scopeDescription: s.description,
    }));
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: props.resourceServerIdentifier,
      userPoolResourceServerName: resourceServerName(props.resourceServerIdentifier),
      scopes: this.serverScopes,
    });
    this.userPoolClient = this.createWebClient(settings);
    this.clientScopeNames.set(this.userPoolClient.node.path, settings.clientScopes);
    this.userPoolDomain = this.userPool.addDomain('Domain', {
      cognitoDomain: props.domainPrefix !== undefined ? { domainPrefix: props.domainPrefix } : undefined,
      customDomain: props.customDomainName !== undefined && props.customDomainCertificate
        ? { domainName: props.customDomainName, certificate: props.customDomainCertificate }
        : undefined,
      managedLoginVersion: settings.managedLoginVersion,
    });
    if (settings.managedLoginVersion === cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN) {
      // Without a branding, managed login answers "Login pages unavailable" for the client.
      this.managedLoginBranding = new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.userPoolClient.userPoolClientId,
        useCognitoProvidedValues: true,
      });
    }

    // Named after the API (resolved at synth), under a prefix the account role may write to.
    this.accessLogGroup = accessLogGroup(this, 'AccessLogs', {
      restApiId: Lazy.string({ produce: () => this.api.restApiId }),
      stageName: settings.stageName,
      retention: settings.accessLogRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.api = this.createApi(settings);
    this.requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    if (settings.cloudWatchRole) {
      const accountRole = accountRoleFor(this, 'CloudWatchRole');
      this.cloudWatchRole = accountRole.role;
      // The stage can only log once the account knows the role.
      this.api.deploymentStage.node.addDependency(accountRole.account);
      acknowledge(accountRole.role, logsPolicyFindings(), REASONS.logsPolicy);
    }
    if (props.webAclArn === undefined) {
      acknowledge(this.api.deploymentStage, ['APIG3'], REASONS.waf);
    } else {
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    }

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
    });
    // Bind the authorizer to the API now rather than on first use, so that an API whose methods
    // are all public (or that has none yet, which is reported below) still synthesizes.
    this.authorizer._attachToApi(this.api);

    const baseUrl = this.userPoolDomain.baseUrl();
    const clientId = this.userPoolClient.userPoolClientId;
    const requestedScopes = ['openid', ...settings.clientScopes.map((name) => this.fullScopeName(name))];
    this.authorizeUrl = authorizeUrl(baseUrl, clientId, requestedScopes, props.callbackUrls[0]);
    this.tokenUrl = tokenUrl(baseUrl);
    this.apiUrl = this.api.url;
    if (settings.logoutUrls.length > 0) {
      this.logoutUrl = logoutUrl(baseUrl, clientId, settings.logoutUrls[0]);
    }
    const stack = Stack.of(this);
    this.webClientConfig = stack.toJsonString({
      issuer: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`,
      authorization_endpoint: `${baseUrl}/oauth2/authorize`,
      token_endpoint: this.tokenUrl,
      client_id: clientId,
      redirect_uri: props.callbackUrls[0],
      scope: requestedScopes.join(' '),
      response_type: 'code',
      logout_url: this.logoutUrl,
      post_logout_redirect_uri: settings.logoutUrls[0],
      api_url: this.apiUrl,
    });

    this.addOutputs(props.customDomainName !== undefined);
    this.warnOfLocalCallbacks(props.callbackUrls, settings.stageName);
    this.node.addValidation({ validate: () => this.validateHasMethods() });
    this.node.addValidation({ validate: () => this.validateScopesObtainable() });
    this.node.addValidation({ validate: () => this.validateResourceLimit() });
  }

  /**
   * Adds a method to the API at `path` (e.g. `/orders/{orderId}`), creating the path's
   * resources as needed.
   *
   * @param httpMethod the HTTP method, e.g. `GET`, or `ANY`
   * @param path the resource path, starting with `/`
   * @param options the scopes the method accepts and what answers it
   * @returns the API Gateway method
   */
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
      acknowledge(open, ['APIG4', 'COG4'], REASONS.publicMethod);
      return open;
    }
    return resource.addMethod(method, integration, {
      ...common,
      authorizer: this.authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: scopes.map((name) => this.fullScopeName(name)),
    });
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

  /**
   * Adds a confidential app client for the client-credentials grant, for services that call
   * the API on their own behalf. It has a secret (read it from the console or with
   * `aws cognito-idp describe-user-pool-client`; no output holds it), no callback URLs, and
   * only the named scopes.
   *
   * @param id the construct id of the client, unique among this API's machine clients
   * @param options the scopes it may obtain
   * @returns the app client
   */
  public addMachineClient(id: string, options: MachineClientOptions): cognito.UserPoolClient {
    const where = `addMachineClient ${show(id)}`;
    validateMachineClientScopes(where, options.scopes, this.scopeNames);
    const accessTokenValidity = options.accessTokenValidity ?? Duration.minutes(60);
    validateTokenValidity(`${where}: accessTokenValidity`, accessTokenValidity);

    this.machineClients ??= new Construct(this, 'MachineClients');
    const client = new cognito.UserPoolClient(this.machineClients, id, {
      userPool: this.userPool,
      generateSecret: true,
      oAuth: {
        flows: { clientCredentials: true },
        scopes: this.oauthScopes(options.scopes),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.clientScopeNames.set(client.node.path, options.scopes);
    return client;
  }

  private createUserPool(settings: Settings): cognito.UserPool {
    const { featurePlan, mfa } = settings;
    const userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: settings.props.userPoolName,
      signInAliases: { email: true },
      selfSignUpEnabled: settings.props.selfSignUpEnabled ?? true,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: 'Verify your email address',
        emailBody: 'Your verification code is {####}',
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: settings.passwordPolicy,
      mfa,
      mfaSecondFactor: mfa === cognito.Mfa.OFF ? undefined : { otp: true, sms: false },
      featurePlan,
      standardThreatProtectionMode: featurePlan === cognito.FeaturePlan.PLUS
        ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
        : undefined,
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
    });
    if (featurePlan !== cognito.FeaturePlan.PLUS) {
      acknowledge(userPool, ['COG8'], REASONS.featurePlan);
    }
    if (mfa !== cognito.Mfa.REQUIRED) {
      acknowledge(userPool, ['COG2'], REASONS.mfa);
    }
    return userPool;
  }

  /** The public browser client: authorization-code grant only, `openid` and its API scopes. */
  private createWebClient(settings: Settings): cognito.UserPoolClient {
    return this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: settings.props.allowUserPasswordAuth ?? false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, ...this.oauthScopes(settings.clientScopes)],
        callbackUrls: settings.props.callbackUrls,
        logoutUrls: settings.logoutUrls.length > 0 ? settings.logoutUrls : undefined,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: settings.accessTokenValidity,
      idTokenValidity: settings.idTokenValidity,
      refreshTokenValidity: settings.refreshTokenValidity,
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }

  /** The resource server's scopes among `names`, as OAuth scopes (in the server's order). */
  private oauthScopes(names: string[]): cognito.OAuthScope[] {
    return this.serverScopes
      .filter((s) => names.includes(s.scopeName))
      .map((s) => cognito.OAuthScope.resourceServer(this.resourceServer, s));
  }

  /** The regional REST API with its logged, throttled stage and CORS. */
  private createApi(settings: Settings): apigateway.RestApi {
    const api = new apigateway.RestApi(this, 'Api', {
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

  private fullScopeName(name: string): string {
    return `${this.resourceServerIdentifier}/${name}`;
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

  private addOutputs(customDomain: boolean): void {
    new CfnOutput(this, 'UserPoolId', {
      description: 'The Cognito user pool id',
      value: this.userPool.userPoolId,
    });
    new CfnOutput(this, 'UserPoolClientId', {
      description: 'The client id of the browser app client',
      value: this.userPoolClient.userPoolClientId,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The URL of the API stage',
      value: this.apiUrl,
    });
    new CfnOutput(this, 'TokenUrl', {
      description: 'The OAuth 2.0 token endpoint',
      value: this.tokenUrl,
    });
    new CfnOutput(this, 'AuthorizeUrl', {
      description: 'Open in a browser to sign in and receive an authorization code at the first callback URL',
      value: this.authorizeUrl,
    });
    if (this.logoutUrl) {
      new CfnOutput(this, 'LogoutUrl', {
        description: 'Open in a browser to sign out and return to the first logout URL',
        value: this.logoutUrl,
      });
    }
    new CfnOutput(this, 'WebClientConfig', {
      description: 'The settings of the browser OAuth 2.0 / OpenID Connect client, as JSON',
      value: this.webClientConfig,
    });
    if (customDomain) {
      const domain = this.userPoolDomain.node.defaultChild as cognito.CfnUserPoolDomain;
      new CfnOutput(this, 'DomainAliasTarget', {
        description: 'Point an alias (A) record of the custom domain at this CloudFront distribution',
        value: domain.attrCloudFrontDistribution,
      });
    }
  }

  /**
   * A local callback URL in a stage that looks like production is worth a second look, but
   * not an error: the tutorial does exactly that.
   */
  private warnOfLocalCallbacks(callbackUrls: string[], stageName: string): void {
    if (Token.isUnresolved(callbackUrls) || Token.isUnresolved(stageName) || !/prod/i.test(stageName)) {
      return;
    }
    const local = callbackUrls.filter((url) => !Token.isUnresolved(url) && /^http:\/\/localhost([:/]|$)/.test(url));
    if (local.length > 0) {
      Annotations.of(this).addWarningV2('cdk-cognito-protected-api:localCallbackUrl',
        `callbackUrls holds ${local.map((url) => show(url)).join(', ')} in stage ${show(stageName)}: `
        + 'remove local callback URLs before real users sign in, or use another stage name for development');
    }
  }

  /** Every method must accept at least one scope that some app client can be given. */
  private validateScopesObtainable(): string[] {
    const obtainable = new Set(Array.from(this.clientScopeNames.values()).flat());
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
  private validateResourceLimit(): string[] {
    const stack = Stack.of(this);
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

  private validateHasMethods(): string[] {
    if (this.api.methods.some((m) => m.httpMethod !== 'OPTIONS')) {
      return [];
    }
    return [`${this.node.path} has no methods: call addMethod(httpMethod, path, { scopes }) at least once`];
  }
}
