import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

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

  /**
   * Request parameters the method declares, e.g. `{ 'method.request.querystring.page': false }`;
   * `true` makes one required, and the API's request validator checks it.
   *
   * @default - none
   */
  readonly requestParameters?: { [param: string]: boolean };

  /**
   * Models the request body must match, by content type; the API's request validator
   * checks it.
   *
   * @default - none
   */
  readonly requestModels?: { [contentType: string]: apigateway.IModel };
}

/**
 * Options of one protected route of an HTTP API.
 */
export interface ProtectedRouteOptions {
  /**
   * What answers the route, e.g. an `HttpLambdaIntegration` or an `HttpUrlIntegration` from
   * `aws-cdk-lib/aws-apigatewayv2-integrations` (HTTP APIs have no mock integration).
   */
  readonly integration: apigwv2.HttpRouteIntegration;

  /**
   * The short names of the scopes this route accepts (from the `scopes` prop). A caller
   * needs an access token with any one of them.
   *
   * @default - none; then `allowUnauthenticated` must be set
   */
  readonly scopes?: string[];

  /**
   * Make the route public: no token is checked at all. This must be chosen explicitly,
   * and `scopes` must then be empty.
   *
   * @default false
   */
  readonly allowUnauthenticated?: boolean;
}

/**
 * Options of a machine client: a confidential app client for the client-credentials grant.
 */
export interface MachineClientOptions {
  /**
   * The short names of the API scopes the client may obtain (from the `scopes` prop).
   */
  readonly scopes: string[];

  /**
   * How long its access tokens are valid.
   *
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;
}
