/**
 * The two apps the benchmark compares: the API built with `ProtectedApiWithCognito`, and the same
 * API written by hand with aws-cdk-lib's L2 constructs.
 *
 * The hand-written one mirrors what `src/protected-api.ts` builds with the settings below (same
 * children, same ids, same properties), so that both synthesize the same template up to logical
 * ids. `compareTemplates` in `measure.ts` checks that on every run: when the construct changes,
 * the benchmark reports the drift instead of silently comparing different things.
 */
import { Aws, CfnOutput, Duration, Lazy, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ProtectedApiWithCognito, ProtectedHttpApiWithCognito } from '../src';
// The access log format is a JSON string of $context fields; the same string keeps the templates alike.
import { accessLogFormat as httpAccessLogFormat } from '../src/private/http/access-logs';

/** The construct id of the `ProtectedApiWithCognito`; hand-written children live at the stack's root. */
export const CONSTRUCT_ID = 'ProtectedApi';

/** The settings both apps use: the tutorial's, with one scope and one http callback URL. */
export const SETTINGS = {
  domainPrefix: 'bench-awesome-domain',
  resourceServerIdentifier: 'awesomeapi-resource-server',
  scopeName: 'awesomeapi.read',
  scopeDescription: 'awesomeapi read scope',
  callbackUrl: 'http://localhost:3000/dashboard',
  origin: 'http://localhost:3000',
};

/** The path of the i-th protected method: `/r0`, `/r1`, ... */
export function methodPath(i: number): string {
  return `/r${i}`;
}

/** The HTTP methods of the split API's paths, four a path. */
const SPLIT_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * The i-th method of the split benchmark: four methods a path, the paths under 10 first segments
 * (`/s0` ... `/s9`), every third one ending in a `{id}` parameter: `GET /s0/p0/{id}`,
 * `POST /s0/p0/{id}`, ..., `GET /s1/p1`, ...
 */
export function splitRoute(i: number): { httpMethod: string; path: string } {
  const p = Math.floor(i / SPLIT_METHODS.length);
  const path = `/s${p % 10}/p${p}${p % 3 === 0 ? '/{id}' : ''}`;
  return { httpMethod: SPLIT_METHODS[i % SPLIT_METHODS.length], path };
}

/** One way to build the API with `methods` protected GET methods into `stack`. */
export interface Variant {
  /** Short name used in the report. */
  readonly name: string;
  /** Where the API's constructs live under the stack, to compare the two templates. */
  readonly pathPrefix: string;
  readonly build: (stack: Stack, methods: number) => void;
}

/** The API built by the construct library. */
export const CONSTRUCT: Variant = {
  name: 'construct',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, methods) => {
    const api = new ProtectedApiWithCognito(stack, CONSTRUCT_ID, {
      domainPrefix: SETTINGS.domainPrefix,
      resourceServerIdentifier: SETTINGS.resourceServerIdentifier,
      scopes: [{ name: SETTINGS.scopeName, description: SETTINGS.scopeDescription }],
      callbackUrls: [SETTINGS.callbackUrl],
    });
    for (let i = 0; i < methods; i++) {
      api.addMethod('GET', methodPath(i), { scopes: [SETTINGS.scopeName] });
    }
  },
};

/** The reasons a cdk-nag user writes down for the findings these defaults leave. */
const REASON = 'Deliberate default, as in the construct; see its README.';

/** The same API, written by hand with L2 constructs as a user of aws-cdk-lib would, into `scope`. */
/** The Cognito half by hand: pool, resource server, browser client, domain, managed login branding. */
function cognitoByHand(scope: Construct) {
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    signInAliases: { email: true },
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    keepOriginal: { email: true },
    userVerification: {
      emailStyle: cognito.VerificationEmailStyle.CODE,
      emailSubject: 'Verify your email address',
      emailBody: 'Your verification code is {####}',
    },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(userPool).acknowledge({ id: 'AwsSolutions-COG8', reason: REASON }, { id: 'AwsSolutions-COG2', reason: REASON });

  const readScope = new cognito.ResourceServerScope({
    scopeName: SETTINGS.scopeName,
    scopeDescription: SETTINGS.scopeDescription,
  });
  const resourceServer = userPool.addResourceServer('ResourceServer', {
    identifier: SETTINGS.resourceServerIdentifier,
    scopes: [readScope],
  });

  const client = userPool.addClient('WebClient', {
    generateSecret: false,
    authFlows: { userPassword: false },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.resourceServer(resourceServer, readScope)],
      callbackUrls: [SETTINGS.callbackUrl],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.days(1),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  });

  const domain = userPool.addDomain('Domain', {
    cognitoDomain: { domainPrefix: SETTINGS.domainPrefix },
    managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
  new cognito.CfnManagedLoginBranding(scope, 'ManagedLoginBranding', {
    userPoolId: userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: true,
  });

  return { userPool, client, domain };
}

/**
 * The REST API by hand. `split`: the methods in nested stacks, one per first segment, the way
 * aws-cdk's README shows ("Breaking up Methods and Resources across Stacks"): the API imported
 * in each with `RestApi.fromRestApiAttributes`, a resource per first segment with the API's CORS
 * preflight (imported APIs have none), and the deployment depending on every nested stack. The
 * stage stays in the parent, with its settings, as in the construct.
 */
function buildByHand(scope: Construct, methods: number, split = false): void {
  const { userPool, client, domain } = cognitoByHand(scope);
  let api: apigateway.RestApi | undefined = undefined;
  const accessLogs = new logs.LogGroup(scope, 'AccessLogs', {
    logGroupName: `API-Gateway-Access-Logs_${Lazy.string({ produce: () => api!.restApiId })}/prod`,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  api = new apigateway.RestApi(scope, 'Api', {
    description: 'REST API protected by Cognito OAuth 2.0 scopes',
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    deployOptions: {
      stageName: 'prod',
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify({
        requestId: '$context.requestId',
        extendedRequestId: '$context.extendedRequestId',
        requestTime: '$context.requestTime',
        ip: '$context.identity.sourceIp',
        userAgent: '$context.identity.userAgent',
        httpMethod: '$context.httpMethod',
        resourcePath: '$context.resourcePath',
        path: '$context.path',
        protocol: '$context.protocol',
        status: '$context.status',
        responseLength: '$context.responseLength',
        responseLatency: '$context.responseLatency',
        integrationLatency: '$context.integrationLatency',
        subject: '$context.authorizer.claims.sub',
        clientId: '$context.authorizer.claims.client_id',
        authorizerError: '$context.authorizer.error',
        errorMessage: '$context.error.message',
        errorType: '$context.error.responseType',
        wafStatus: '$context.waf.status',
      })),
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      tracingEnabled: false,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
    },
    cloudWatchRole: false,
    defaultCorsPreflightOptions: {
      allowOrigins: [SETTINGS.origin],
      allowMethods: apigateway.Cors.ALL_METHODS,
      allowHeaders: apigateway.Cors.DEFAULT_HEADERS,
    },
  });
  api.node.tryRemoveChild('Endpoint');

  const corsHeaders = {
    'Access-Control-Allow-Origin': `'${SETTINGS.origin}'`,
    'Access-Control-Allow-Headers': `'${apigateway.Cors.DEFAULT_HEADERS.join(',')}'`,
    'Vary': "'Origin'",
  };
  api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders: corsHeaders });
  api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders: corsHeaders });
  const requestValidator = api.addRequestValidator('RequestValidator', {
    validateRequestBody: true,
    validateRequestParameters: true,
  });

  // API Gateway's account-level CloudWatch role, with the same narrow inline policy.
  const roleScope = new Construct(scope, 'CloudWatchRole');
  const logGroupArn = (name: string) => `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${name}`;
  const writable = [
    'API-Gateway-Execution-Logs_*', 'API-Gateway-Execution-Logs_*:log-stream:*',
    'API-Gateway-Access-Logs_*', 'API-Gateway-Access-Logs_*:log-stream:*',
    '/aws/apigateway/welcome', '/aws/apigateway/welcome:log-stream:*',
  ];
  const policy = new iam.ManagedPolicy(roleScope, 'Policy', {
    description: 'Lets API Gateway write execution logs and API-Gateway-Access-Logs_* access logs',
    document: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: [logGroupArn('*')] }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams',
            'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
          resources: writable.map(logGroupArn),
        }),
      ],
    }),
  });
  policy.applyRemovalPolicy(RemovalPolicy.RETAIN);
  const role = new iam.Role(roleScope, 'Role', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description: 'Lets API Gateway write execution and access logs to CloudWatch Logs (account-level setting)',
    managedPolicies: [policy],
  });
  role.applyRemovalPolicy(RemovalPolicy.RETAIN);
  const account = new apigateway.CfnAccount(roleScope, 'Account', { cloudWatchRoleArn: role.roleArn });
  account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  api.deploymentStage.node.addDependency(account);
  Validations.of(policy).acknowledge(...['*', ...writable.filter((name) => name.includes('*'))].map((name) => ({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${name}]`,
    reason: REASON,
  })));
  // What the construct acknowledges, as a careful user of every cdk-nag pack, checkov and Guard
  // would: on the stage (no cache, no WAF, no tracing, no client certificate) and the access logs
  // (no customer managed key).
  const inPacks = (rule: string, ...packs: string[]) => packs.map((pack) => ({ id: `${pack}-${rule}`, reason: REASON }));
  const [NIST, HIPAA, PCI] = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
  Validations.of(api.deploymentStage).acknowledge(
    ...inPacks('APIGWCacheEnabledAndEncrypted', NIST, HIPAA, PCI),
    { id: 'AwsSolutions-APIG3', reason: REASON }, ...inPacks('APIGWAssociatedWithWAF', NIST, PCI),
    ...inPacks('APIGWXrayEnabled', HIPAA, 'Serverless'),
    ...inPacks('APIGWSSLEnabled', NIST, HIPAA, PCI),
  );
  const stage = api.deploymentStage.node.defaultChild as apigateway.CfnStage;
  stage.addMetadata('checkov', { skip: [{ id: 'CKV_AWS_120', comment: REASON }, { id: 'CKV_AWS_73', comment: REASON }] });
  stage.addMetadata('guard', { SuppressedRules: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'] });
  Validations.of(accessLogs).acknowledge(...inPacks('CloudWatchLogGroupEncrypted', NIST, HIPAA, PCI));
  const logGroup = accessLogs.node.defaultChild as logs.CfnLogGroup;
  logGroup.addMetadata('checkov', { skip: [{ id: 'CKV_AWS_158', comment: REASON }] });
  logGroup.addMetadata('guard', { SuppressedRules: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] });

  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(scope, 'Authorizer', {
    cognitoUserPools: [userPool],
  });

  // One integration and one set of method responses, shared by every method.
  const integration = new apigateway.MockIntegration({
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
    integrationResponses: [{
      statusCode: '200',
      responseTemplates: { 'application/json': '{"message":"Hello From Protected Resource"}' },
      responseParameters: {
        'method.response.header.Content-Type': "'application/json'",
        'method.response.header.Access-Control-Allow-Origin': `'${SETTINGS.origin}'`,
        'method.response.header.Vary': "'Origin'",
      },
    }],
  });
  const methodResponses = [{
    statusCode: '200',
    responseParameters: {
      'method.response.header.Content-Type': true,
      'method.response.header.Access-Control-Allow-Origin': true,
      'method.response.header.Vary': true,
    },
  }];
  const methodOptions = {
    authorizer,
    authorizationType: apigateway.AuthorizationType.COGNITO,
    authorizationScopes: [`${SETTINGS.resourceServerIdentifier}/${SETTINGS.scopeName}`],
    methodResponses,
    requestValidator,
  };
  if (!split) {
    for (let i = 0; i < methods; i++) {
      api.root.addResource(methodPath(i).slice(1)).addMethod('GET', integration, methodOptions);
    }
  } else {
    const groups = new Map<string, apigateway.IResource>();
    for (let i = 0; i < methods; i++) {
      const { httpMethod, path } = splitRoute(i);
      const [first, ...rest] = path.slice(1).split('/');
      let group = groups.get(first);
      if (!group) {
        const nested = new NestedStack(scope, `Group${first}`);
        const imported = apigateway.RestApi.fromRestApiAttributes(nested, 'RestApi', {
          restApiId: api.restApiId,
          rootResourceId: api.restApiRootResourceId,
        });
        group = imported.root.addResource(first, { defaultCorsPreflightOptions: api.root.defaultCorsPreflightOptions });
        api.latestDeployment!.node.addDependency(nested);
        groups.set(first, group);
      }
      group.resourceForPath(rest.join('/')).addMethod(httpMethod, integration, methodOptions);
    }
  }

  outputsByHand(scope, { userPool, client, domain }, api.url);
}

/** The construct's outputs, by hand. */
function outputsByHand(scope: Construct, cognitoHalf: ReturnType<typeof cognitoByHand>, apiUrl: string): void {
  const stack = Stack.of(scope);
  const { userPool, client, domain } = cognitoHalf;
  const baseUrl = domain.baseUrl();
  const scopes = ['openid', `${SETTINGS.resourceServerIdentifier}/${SETTINGS.scopeName}`];
  const tokenUrl = `${baseUrl}/oauth2/token`;
  new CfnOutput(scope, 'UserPoolId', { description: 'The Cognito user pool id', value: userPool.userPoolId });
  new CfnOutput(scope, 'UserPoolClientId', {
    description: 'The client id of the browser app client',
    value: client.userPoolClientId,
  });
  new CfnOutput(scope, 'ApiUrl', { description: 'The URL of the API stage', value: apiUrl });
  new CfnOutput(scope, 'TokenUrl', { description: 'The OAuth 2.0 token endpoint', value: tokenUrl });
  new CfnOutput(scope, 'AuthorizeUrl', {
    description: 'Open in a browser to sign in and receive an authorization code at the first callback URL',
    value: `${baseUrl}/oauth2/authorize?client_id=${client.userPoolClientId}&response_type=code`
      + `&scope=${scopes.map(encodeURIComponent).join('%20')}&redirect_uri=${encodeURIComponent(SETTINGS.callbackUrl)}`,
  });
  new CfnOutput(scope, 'WebClientConfig', {
    description: 'The settings of the browser OAuth 2.0 / OpenID Connect client, as JSON',
    value: stack.toJsonString({
      issuer: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`,
      authorization_endpoint: `${baseUrl}/oauth2/authorize`,
      token_endpoint: tokenUrl,
      client_id: client.userPoolClientId,
      redirect_uri: SETTINGS.callbackUrl,
      scope: scopes.join(' '),
      response_type: 'code',
      api_url: apiUrl,
      identity_providers: ['COGNITO'],
    }),
  });
}

/** The backend every HTTP route forwards to. */
const HTTP_BACKEND = 'https://backend.example.com/';

/** The same HTTP API as `ProtectedHttpApiWithCognito` with the settings above, by hand. */
function buildHttpByHand(scope: Construct, routes: number): void {
  const cognitoHalf = cognitoByHand(scope);
  let httpApi: apigwv2.HttpApi | undefined = undefined;
  const accessLogs = new logs.LogGroup(scope, 'AccessLogs', {
    logGroupName: `API-Gateway-Access-Logs_${Lazy.string({ produce: () => httpApi!.apiId })}/default`,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const inPacks = (rule: string, ...packs: string[]) => packs.map((pack) => ({ id: `${pack}-${rule}`, reason: REASON }));
  Validations.of(accessLogs).acknowledge(...inPacks('CloudWatchLogGroupEncrypted', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'));
  const logGroup = accessLogs.node.defaultChild as logs.CfnLogGroup;
  logGroup.addMetadata('checkov', { skip: [{ id: 'CKV_AWS_158', comment: REASON }] });
  logGroup.addMetadata('guard', { SuppressedRules: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'] });
  httpApi = new apigwv2.HttpApi(scope, 'Api', {
    description: 'HTTP API protected by Cognito OAuth 2.0 scopes',
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: [SETTINGS.origin],
      allowMethods: [apigwv2.CorsHttpMethod.GET],
      allowHeaders: ['Authorization', 'Content-Type'],
    },
  });
  httpApi.addStage('DefaultStage', {
    autoDeploy: true,
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(accessLogs),
      format: httpAccessLogFormat(),
    },
    throttle: { rateLimit: 100, burstLimit: 200 },
  });
  const authorizer = new apigwv2.HttpAuthorizer(scope, 'Authorizer', {
    httpApi,
    authorizerName: 'CognitoUserPool',
    type: apigwv2.HttpAuthorizerType.JWT,
    identitySource: ['$request.header.Authorization'],
    jwtIssuer: `https://cognito-idp.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}/${cognitoHalf.userPool.userPoolId}`,
    jwtAudience: [cognitoHalf.client.userPoolClientId],
  });
  const routeAuthorizer: apigwv2.IHttpRouteAuthorizer = {
    bind: () => ({ authorizerId: authorizer.authorizerId, authorizationType: apigwv2.HttpAuthorizerType.JWT }),
  };
  const backend = new integrations.HttpUrlIntegration('Backend', HTTP_BACKEND);
  for (let i = 0; i < routes; i++) {
    new apigwv2.HttpRoute(httpApi, `GET${methodPath(i)}`, {
      httpApi,
      routeKey: apigwv2.HttpRouteKey.with(methodPath(i), apigwv2.HttpMethod.GET),
      integration: backend,
      authorizer: routeAuthorizer,
      authorizationScopes: [`${SETTINGS.resourceServerIdentifier}/${SETTINGS.scopeName}`],
    });
  }
  outputsByHand(scope, cognitoHalf, `https://${httpApi.apiId}.execute-api.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}/`);
}

/** The HTTP front, `ProtectedHttpApiWithCognito`, with N protected `GET` routes at `/r0`, `/r1`, ... */
export const HTTP_CONSTRUCT: Variant = {
  name: 'HTTP construct',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, routes) => {
    const api = new ProtectedHttpApiWithCognito(stack, CONSTRUCT_ID, {
      domainPrefix: SETTINGS.domainPrefix,
      resourceServerIdentifier: SETTINGS.resourceServerIdentifier,
      scopes: [{ name: SETTINGS.scopeName, description: SETTINGS.scopeDescription }],
      callbackUrls: [SETTINGS.callbackUrl],
    });
    const backend = new integrations.HttpUrlIntegration('Backend', HTTP_BACKEND);
    for (let i = 0; i < routes; i++) {
      api.addRoute('GET', methodPath(i), { integration: backend, scopes: [SETTINGS.scopeName] });
    }
  },
};

/** The same HTTP API by hand, under the construct's id. */
export const HTTP_BY_HAND: Variant = {
  name: 'HTTP by hand',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, routes) => buildHttpByHand(new Construct(stack, CONSTRUCT_ID), routes),
};

/** The hand-written API at the stack's root. */
export const BY_HAND: Variant = {
  name: 'by hand',
  pathPrefix: '',
  build: (stack, methods) => buildByHand(stack, methods),
};

/**
 * The hand-written API one level down, under a plain `Construct` with the construct's id: the
 * same tree shape as the construct's. Comparing with it separates what the construct's code
 * costs from what any nesting costs (longer paths, logical ids and metadata).
 */
export const BY_HAND_NESTED: Variant = {
  name: 'by hand, nested',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, methods) => buildByHand(new Construct(stack, CONSTRUCT_ID), methods),
};

/** The construct with `methodsInNestedStacks`, and the split paths of `splitRoute`. */
export const CONSTRUCT_SPLIT: Variant = {
  name: 'construct, split',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, methods) => {
    const api = new ProtectedApiWithCognito(stack, CONSTRUCT_ID, {
      domainPrefix: SETTINGS.domainPrefix,
      resourceServerIdentifier: SETTINGS.resourceServerIdentifier,
      scopes: [{ name: SETTINGS.scopeName, description: SETTINGS.scopeDescription }],
      callbackUrls: [SETTINGS.callbackUrl],
      methodsInNestedStacks: true,
    });
    for (let i = 0; i < methods; i++) {
      const { httpMethod, path } = splitRoute(i);
      api.addMethod(httpMethod, path, { scopes: [SETTINGS.scopeName] });
    }
  },
};

/** The same split API by hand, the way aws-cdk's README splits one, under the construct's id. */
export const BY_HAND_SPLIT: Variant = {
  name: 'by hand, split',
  pathPrefix: `${CONSTRUCT_ID}/`,
  build: (stack, methods) => buildByHand(new Construct(stack, CONSTRUCT_ID), methods, true),
};

/** Every variant, by name: the workers get names, not functions. */
export const VARIANTS_BY_NAME: Record<string, Variant> = Object.fromEntries(
  [CONSTRUCT, BY_HAND, BY_HAND_NESTED, CONSTRUCT_SPLIT, BY_HAND_SPLIT, HTTP_CONSTRUCT, HTTP_BY_HAND].map((v) => [v.name, v]));
