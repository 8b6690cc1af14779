import { Annotations, CfnOutput, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { authorizeUrl, encodeUrlQueryValue, logoutUrl, tokenUrl } from './urls';

/*
 * What a client needs to sign in and call the API: the login URLs, the issuer, the browser
 * client's OpenID Connect settings as JSON, and the stack outputs that carry them.
 */

/** The login URLs of the browser client: sign-in, tokens and sign-out. */
export interface LoginUrls {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl?: string;
}

/** What the login URLs are made of. */
export interface LoginUrlsSource {
  /** The login domain's `https://...` base, without a trailing slash. */
  readonly baseUrl: string;
  readonly clientId: string;
  /** The scopes the browser client requests. */
  readonly scopes: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
}

/**
 * The authorize URL (to the first callback URL), the token endpoint and the sign-out URL (to the
 * first logout URL). A URL with a part only known at deploy time gets a warning on `scope`: that
 * part goes into the query string unencoded.
 */
export function loginUrls(scope: Construct, source: LoginUrlsSource): LoginUrls {
  const { baseUrl, clientId } = source;
  warnOfUnencodedParts(scope, 'callbackUrls[0]', 'AuthorizeUrl', 'redirect_uri', source.callbackUrls[0]);
  if (source.logoutUrls.length > 0) {
    warnOfUnencodedParts(scope, 'logoutUrls[0]', 'LogoutUrl', 'logout_uri', source.logoutUrls[0]);
  }
  return {
    authorizeUrl: authorizeUrl(baseUrl, clientId, source.scopes, source.callbackUrls[0]),
    tokenUrl: tokenUrl(baseUrl),
    logoutUrl: source.logoutUrls.length > 0 ? logoutUrl(baseUrl, clientId, source.logoutUrls[0]) : undefined,
  };
}

function warnOfUnencodedParts(scope: Construct, prop: string, output: string, parameter: string, url: string): void {
  if (Token.isUnresolved(url) && encodeUrlQueryValue(url).deployTimeParts > 0) {
    Annotations.of(scope).addWarningV2('cdk-cognito-protected-api:unencodedRedirectUri',
      `${prop} holds a value only known at deploy time, which goes into ${output}'s ${parameter} as it is: its `
      + 'literal parts are URL-encoded, but that value cannot be at synth time; make sure it holds no character '
      + 'that needs encoding in a query string (such as &, #, +, % or a space), or give the URL as a literal');
  }
}

/** The issuer of the pool's tokens (the `iss` claim), where its OpenID configuration is. */
export function issuerUrl(scope: Construct, userPool: cognito.IUserPool): string {
  return `https://cognito-idp.${userPool.env.region}.${Stack.of(scope).urlSuffix}/${userPool.userPoolId}`;
}

/** What the browser client's settings are made of. */
export interface WebClientConfigSource extends LoginUrlsSource, LoginUrls {
  readonly issuer: string;
  /** The URL of the API the client calls. */
  readonly apiUrl: string;
  /** The identity providers the login page offers, by name (a token list). */
  readonly identityProviders: string[];
}

/** The settings a browser OAuth 2.0 / OpenID Connect client needs, as JSON. */
export function webClientConfig(scope: Construct, source: WebClientConfigSource): string {
  return Stack.of(scope).toJsonString({
    issuer: source.issuer,
    authorization_endpoint: `${source.baseUrl}/oauth2/authorize`,
    token_endpoint: source.tokenUrl,
    client_id: source.clientId,
    redirect_uri: source.callbackUrls[0],
    scope: source.scopes.join(' '),
    response_type: 'code',
    logout_url: source.logoutUrl,
    post_logout_redirect_uri: source.logoutUrls[0],
    api_url: source.apiUrl,
    identity_providers: source.identityProviders,
  });
}

/** What the outputs show. */
export interface OutputValues extends LoginUrls {
  readonly webClientConfig: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly apiUrl: string;
  /** The custom domain the construct added, if any: its alias target is an output too. */
  readonly customDomain?: cognito.UserPoolDomain;
}

/** The stack outputs, as children of `scope` (so their names start with its id). */
export function addOutputs(scope: Construct, values: OutputValues): void {
  new CfnOutput(scope, 'UserPoolId', {
    description: 'The Cognito user pool id',
    value: values.userPoolId,
  });
  new CfnOutput(scope, 'UserPoolClientId', {
    description: 'The client id of the browser app client',
    value: values.clientId,
  });
  new CfnOutput(scope, 'ApiUrl', {
    description: 'The URL of the API stage',
    value: values.apiUrl,
  });
  new CfnOutput(scope, 'TokenUrl', {
    description: 'The OAuth 2.0 token endpoint',
    value: values.tokenUrl,
  });
  new CfnOutput(scope, 'AuthorizeUrl', {
    description: 'Open in a browser to sign in and receive an authorization code at the first callback URL',
    value: values.authorizeUrl,
  });
  if (values.logoutUrl) {
    new CfnOutput(scope, 'LogoutUrl', {
      description: 'Open in a browser to sign out and return to the first logout URL',
      value: values.logoutUrl,
    });
  }
  new CfnOutput(scope, 'WebClientConfig', {
    description: 'The settings of the browser OAuth 2.0 / OpenID Connect client, as JSON',
    value: values.webClientConfig,
  });
  if (values.customDomain) {
    const domain = values.customDomain.node.defaultChild as cognito.CfnUserPoolDomain;
    new CfnOutput(scope, 'DomainAliasTarget', {
      description: 'Point an alias (A) record of the custom domain at this CloudFront distribution',
      value: domain.attrCloudFrontDistribution,
    });
  }
}

/**
 * The id of a machine client, as an output named after it (a child of the client, so that no
 * client id can collide with the construct's other outputs): the calling service needs it with
 * the secret. The secret itself is never an output (see the README's Secrets Manager pattern).
 */
export function addMachineClientOutput(client: cognito.UserPoolClient, id: string): CfnOutput {
  return new CfnOutput(client, 'ClientId', {
    description: `The client id of the machine client ${id} (client-credentials grant)`,
    value: client.userPoolClientId,
  });
}
