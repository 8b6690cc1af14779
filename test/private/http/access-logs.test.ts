import { accessLogFormat } from '../../../src/private/http/access-logs';
import { accessLogFormat as restAccessLogFormat } from '../../../src/private/rest/access-logs';

test('accessLogFormat is one JSON object a line, with the caller, the route and the authorizer\'s answer', () => {
  const format = JSON.parse(accessLogFormat().toString());
  expect(format).toEqual({
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
  });
  expect(accessLogFormat().toString()).not.toContain('\n');
});

test('names every field the REST format has alike as the REST format does, with the same variable', () => {
  const http = JSON.parse(accessLogFormat().toString());
  const rest = JSON.parse(restAccessLogFormat().toString());
  // REST-only: the resource path (HTTP APIs match routes), and WAF (HTTP APIs have none).
  const restOnly = ['resourcePath', 'wafStatus'];
  for (const [field, variable] of Object.entries(rest)) {
    if (!restOnly.includes(field)) {
      expect([field, http[field]]).toEqual([field, variable]);
    }
  }
});
