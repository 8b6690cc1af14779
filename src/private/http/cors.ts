import { Lazy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Route } from '../routes';

/*
 * CORS of the HTTP API, set on the API itself: API Gateway then answers the browsers' preflight
 * requests without an OPTIONS route, and adds the allowed origin (the request's own, when it is
 * one of several allowed) to every answer, so a browser can read a refusal as well as a result.
 *
 * Source: the API Gateway developer guide, "Configuring CORS for an HTTP API".
 */

/** The request headers a browser may send: the bearer token, and a JSON body's type. */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type'];

/**
 * The methods CORS allows: those of the routes, in the order they were first added; `*` when a
 * route answers `ANY`.
 */
export function corsMethods(routes: readonly Route[]): string[] {
  const methods: string[] = [];
  for (const { httpMethod } of routes) {
    if (httpMethod === 'ANY') {
      return ['*'];
    }
    if (!methods.includes(httpMethod)) {
      methods.push(httpMethod);
    }
  }
  return methods;
}

/**
 * The API's CORS configuration for `origins`, none when there are none. The methods are read at
 * synth, so that routes added after the API count.
 */
export function corsConfiguration(origins: string[], routes: () => readonly Route[]): apigwv2.CfnApi.CorsProperty | undefined {
  if (origins.length === 0) {
    return undefined;
  }
  return {
    allowOrigins: origins,
    allowHeaders: CORS_ALLOW_HEADERS,
    allowMethods: Lazy.list({ produce: () => corsMethods(routes()) }),
  };
}
