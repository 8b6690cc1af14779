import { accessLogFormat } from '../../../src/private/rest/access-logs';

test('accessLogFormat is one JSON object a line, with the caller and the authorizer\'s answer', () => {
  const format = JSON.parse(accessLogFormat().toString());
  expect(format).toEqual(expect.objectContaining({
    requestId: '$context.requestId',
    status: '$context.status',
    subject: '$context.authorizer.claims.sub',
    clientId: '$context.authorizer.claims.client_id',
    authorizerError: '$context.authorizer.error',
  }));
});
