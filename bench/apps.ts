/**
 * The two apps the benchmark compares: the API built with `ProtectedApiWithCognito`, and the same
 * API written by hand with aws-cdk-lib's L2 constructs.
 *
 * The hand-written one mirrors what `src/protected-api.ts` builds with the settings below (same
 * children, same ids, same properties), so that both synthesize the same template up to logical
 * ids. `compareTemplates` in `measure.ts` checks that on every run: when the construct changes,
 * the benchmark reports the drift instead of silently comparing different things.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ProtectedApiWithCognito } from '../src';

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

/** The same API, written by hand with L2 constructs as a user of aws-cdk-lib would, into `scope`. */
function buildByHand(scope: Construct, methods: number): void {
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
    removalPolicy: RemovalPolicy.RETAIN,
  });

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
  });

  const api = new apigateway.RestApi(scope, 'Api', {
    description: 'REST API protected by Cognito OAuth 2.0 scopes',
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    deployOptions: { stageName: 'prod' },
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
  for (let i = 0; i < methods; i++) {
    api.root.addResource(methodPath(i).slice(1)).addMethod('GET', integration, {
      authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizationScopes: [`${SETTINGS.resourceServerIdentifier}/${SETTINGS.scopeName}`],
      methodResponses,
    });
  }

  const baseUrl = domain.baseUrl();
  const scopes = ['openid', `${SETTINGS.resourceServerIdentifier}/${SETTINGS.scopeName}`].map(encodeURIComponent);
  new CfnOutput(scope, 'UserPoolId', { description: 'The Cognito user pool id', value: userPool.userPoolId });
  new CfnOutput(scope, 'UserPoolClientId', {
    description: 'The client id of the browser app client',
    value: client.userPoolClientId,
  });
  new CfnOutput(scope, 'ApiUrl', { description: 'The URL of the API stage', value: api.url });
  new CfnOutput(scope, 'TokenUrl', { description: 'The OAuth 2.0 token endpoint', value: `${baseUrl}/oauth2/token` });
  new CfnOutput(scope, 'AuthorizeUrl', {
    description: 'Open in a browser to sign in and receive an authorization code at the first callback URL',
    value: `${baseUrl}/oauth2/authorize?client_id=${client.userPoolClientId}&response_type=code`
      + `&scope=${scopes.join('%20')}&redirect_uri=${encodeURIComponent(SETTINGS.callbackUrl)}`,
  });
}

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
