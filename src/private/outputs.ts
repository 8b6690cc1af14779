import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { authorizeUrl, logoutUrl, tokenUrl } from './urls';

/*
 * What a client needs to sign in and call the API: the URLs, the browser client's OpenID Connect
 * settings as JSON, and the stack outputs that carry them.
 */

/** What the URLs and the client settings are made of. */
export interface ClientSettingsSource {
  readonly userPool: cognito.IUserPool;
  /** The login domain's `https://...` base, without a trailing slash. */
  readonly baseUrl: string;
  readonly clientId: string;
  /** The scopes the browser client requests. */
  readonly scopes: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  readonly apiUrl: string;
  /** The identity providers the login page offers, by name (a token list). */
  readonly identityProviders: string[];
}

/** The URLs of sign-in, tokens and sign-out, and the browser client's settings as JSON. */
export interface ClientSettings {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly logoutUrl?: string;
  readonly webClientConfig: string;
}

/** Builds the URLs and the browser client's settings. */
export function clientSettings(scope: Construct, source: ClientSettingsSource): ClientSettings {
  const { baseUrl, clientId } = source;
  const stack = Stack.of(scope);
  const authorize = authorizeUrl(baseUrl, clientId, source.scopes, source.callbackUrls[0]);
  const token = tokenUrl(baseUrl);
  const logout = source.logoutUrls.length > 0 ? logoutUrl(baseUrl, clientId, source.logoutUrls[0]) : undefined;
  const webClientConfig = stack.toJsonString({
    issuer: `https://cognito-idp.${source.userPool.env.region}.${stack.urlSuffix}/${source.userPool.userPoolId}`,
    authorization_endpoint: `${baseUrl}/oauth2/authorize`,
    token_endpoint: token,
    client_id: clientId,
    redirect_uri: source.callbackUrls[0],
    scope: source.scopes.join(' '),
    response_type: 'code',
    logout_url: logout,
    post_logout_redirect_uri: source.logoutUrls[0],
    api_url: source.apiUrl,
    identity_providers: source.identityProviders,
  });
  return { authorizeUrl: authorize, tokenUrl: token, logoutUrl: logout, webClientConfig };
}

/** What the outputs show. */
export interface OutputValues extends ClientSettings {
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
