import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { defaultMethodResponses, defaultMockIntegration, originsOf, staticAllowOrigin } from './private/cors';
import { authorizeUrl, tokenUrl } from './private/urls';
import { validateMethodAccess } from './private/validation';
import { ApiScope } from './scope';

/**
 * Properties of a `ProtectedApiWithCognito`.
 */
export interface ProtectedApiWithCognitoProps {
  /**
   * The prefix of the Cognito domain that serves the hosted login pages and the OAuth 2.0
   * endpoints: `https://<domainPrefix>.auth.<region>.amazoncognito.com`.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  readonly domainPrefix: string;

  /**
   * The identifier of the API's resource server, e.g. `awesomeapi-resource-server`.
   * Access tokens carry the API's scopes as `<identifier>/<scope name>`.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly resourceServerIdentifier: string;

  /**
   * The API's custom scopes. The browser client may request all of them; each method
   * names the ones it accepts.
   */
  readonly scopes: ApiScope[];

  /**
   * Where Cognito may send the user back with an authorization code. The first one is used
   * in the `AuthorizeUrl` output.
   */
  readonly callbackUrls: string[];

  /**
   * How long access tokens are valid.
   *
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;

  /**
   * How long ID tokens are valid.
   *
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;

  /**
   * How long refresh tokens are valid.
   *
   * @default Duration.days(1)
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * What happens to the user pool when it leaves the stack. It holds your users' accounts,
   * so it is kept by default.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The browser origins allowed to call the API (CORS). Give `['*']` only if any web site may
   * call it.
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
   * Whether anyone may sign up from the hosted login page. When off, only administrators
   * create users.
   *
   * @default true
   */
  readonly selfSignUpEnabled?: boolean;

  /**
   * Whether the browser client may also sign users in by sending their password directly
   * (`ALLOW_USER_PASSWORD_AUTH`), as scripts and tests sometimes do. The hosted login pages
   * do not need it.
   *
   * @default false
   */
  readonly allowUserPasswordAuth?: boolean;

  /**
   * The user pool's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly userPoolName?: string;

  /**
   * The REST API's name.
   *
   * @default - the construct's id
   */
  readonly restApiName?: string;
}

/**
 * Options of one protected method.
 */
export interface ProtectedMethodOptions {
  /**
   * The short names of the scopes this method accepts (from the `scopes` prop). A caller
   * needs an access token with any one of them.
   *
   * @default - none; then `allowUnauthenticated` must be set
   */
  readonly scopes?: string[];

  /**
   * Make the method public: no token is checked at all. This must be chosen explicitly,
   * and `scopes` must then be empty.
   *
   * @default false
   */
  readonly allowUnauthenticated?: boolean;

  /**
   * What answers the method.
   *
   * @default - a mock answering 200 with `{"message": "Hello From Protected Resource"}`
   */
  readonly integration?: apigateway.Integration;

  /**
   * The responses the method declares (needed for a non-proxy integration's headers).
   *
   * @default - with the default integration, a 200 with its headers; otherwise none
   */
  readonly methodResponses?: apigateway.MethodResponse[];
}

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

  /**
   * The hosted login URL that starts the authorization-code flow, with `client_id`,
   * `response_type=code`, every scope of the client and the first callback URL.
   */
  public readonly authorizeUrl: string;

  /** The token endpoint that exchanges a code (or a refresh token) for tokens. */
  public readonly tokenUrl: string;

  /** The URL of the API's stage, ending in `/`. */
  public readonly apiUrl: string;

  private readonly resourceServerIdentifier: string;
  private readonly scopeNames: string[];
  private readonly corsOrigins: string[];

  constructor(scope: Construct, id: string, props: ProtectedApiWithCognitoProps) {
    super(scope, id);

    this.resourceServerIdentifier = props.resourceServerIdentifier;
    this.scopeNames = props.scopes.map((s) => s.name);
    this.corsOrigins = props.corsAllowOrigins ?? originsOf(props.callbackUrls);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      signInAliases: { email: true },
      selfSignUpEnabled: props.selfSignUpEnabled ?? true,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: 'Verify your email address',
        emailBody: 'Your verification code is {####}',
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    const serverScopes = props.scopes.map((s) => new cognito.ResourceServerScope({
      scopeName: s.name,
      scopeDescription: s.description,
    }));
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: props.resourceServerIdentifier,
      scopes: serverScopes,
    });

    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userPassword: props.allowUserPasswordAuth ?? false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [
          cognito.OAuthScope.OPENID,
          ...serverScopes.map((s) => cognito.OAuthScope.resourceServer(this.resourceServer, s)),
        ],
        callbackUrls: props.callbackUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: props.accessTokenValidity ?? Duration.minutes(60),
      idTokenValidity: props.idTokenValidity ?? Duration.minutes(60),
      refreshTokenValidity: props.refreshTokenValidity ?? Duration.days(1),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });

    this.userPoolDomain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'REST API protected by Cognito OAuth 2.0 scopes',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      deployOptions: { stageName: props.stageName ?? 'prod' },
      cloudWatchRole: false,
      defaultCorsPreflightOptions: this.corsOrigins.length === 0 ? undefined : {
        allowOrigins: this.corsOrigins,
        allowMethods: apigateway.Cors.ALL_METHODS,
        allowHeaders: apigateway.Cors.DEFAULT_HEADERS,
      },
    });
    // RestApi adds an `Endpoint` output of its own; `ApiUrl` below says the same with a description.
    this.api.node.tryRemoveChild('Endpoint');
    this.addCorsToErrorResponses();

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
    });
    // Bind the authorizer to the API now rather than on first use, so that an API whose methods
    // are all public (or that has none yet, which is reported below) still synthesizes.
    this.authorizer._attachToApi(this.api);

    const baseUrl = this.userPoolDomain.baseUrl();
    const clientScopes = ['openid', ...this.scopeNames.map((name) => this.fullScopeName(name))];
    this.authorizeUrl = authorizeUrl(baseUrl, this.userPoolClient.userPoolClientId, clientScopes, props.callbackUrls[0]);
    this.tokenUrl = tokenUrl(baseUrl);
    this.apiUrl = this.api.url;

    this.addOutputs();
    this.node.addValidation({ validate: () => this.validateHasMethods() });
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
    const scopes = options.scopes ?? [];
    validateMethodAccess(`addMethod ${httpMethod} ${path}`, scopes, options.allowUnauthenticated ?? false);
    const resource = this.api.root.resourceForPath(path);
    const integration = options.integration ?? defaultMockIntegration(this.corsOrigins);
    const methodResponses = options.methodResponses
      ?? (options.integration ? undefined : defaultMethodResponses(this.corsOrigins));

    if (options.allowUnauthenticated) {
      return resource.addMethod(httpMethod, integration, {
        authorizationType: apigateway.AuthorizationType.NONE,
        methodResponses,
      });
    }
    return resource.addMethod(httpMethod, integration, {
      authorizer: this.authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: scopes.map((name) => this.fullScopeName(name)),
      methodResponses,
    });
  }

  private fullScopeName(name: string): string {
    return `${this.resourceServerIdentifier}/${name}`;
  }

  /**
   * API Gateway's own 4XX and 5XX answers (e.g. the authorizer's 401) carry the CORS headers
   * too, so a browser shows the real status instead of a CORS error.
   */
  private addCorsToErrorResponses(): void {
    if (this.corsOrigins.length === 0) {
      return;
    }
    const responseHeaders = {
      'Access-Control-Allow-Origin': staticAllowOrigin(this.corsOrigins),
      'Access-Control-Allow-Headers': `'${apigateway.Cors.DEFAULT_HEADERS.join(',')}'`,
      'Vary': "'Origin'",
    };
    this.api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders });
    this.api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders });
  }

  private addOutputs(): void {
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
  }

  private validateHasMethods(): string[] {
    if (this.api.methods.some((m) => m.httpMethod !== 'OPTIONS')) {
      return [];
    }
    return [`${this.node.path} has no methods: call addMethod(httpMethod, path, { scopes }) at least once`];
  }
}
