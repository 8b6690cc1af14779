import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/*
 * The format of the HTTP stage's access logs: the REST front's fields under the same names where
 * they mean the same (../rest/access-logs.ts), so that one metric filter (e.g. `$.status = "401"`: status is a string in both logs)
 * or query reads both fronts' logs; HTTP APIs name the matched route instead of a resource path.
 *
 * Source: the API Gateway developer guide, "Customizing HTTP API access logs" (the $context
 * variables of HTTP APIs).
 */

/**
 * The access log format: API Gateway's standard fields plus who called and what the
 * authorizer said, as one JSON object a line.
 */
export function accessLogFormat(): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify({
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
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
    integrationError: '$context.integrationErrorMessage',
  }));
}
