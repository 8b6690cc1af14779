import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/*
 * The format of the REST stage's access logs (their log group is shared with the HTTP front:
 * ../access-log-group.ts).
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
  }));
}
