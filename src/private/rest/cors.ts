import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/** The body the default integration answers with. */
export const DEFAULT_RESPONSE_BODY = { message: 'Hello From Protected Resource' };

/**
 * The value of a static `Access-Control-Allow-Origin` header, as an API Gateway mapping
 * expression (a quoted literal). Only one origin fits in it: with several, the first one.
 */
export function staticAllowOrigin(origins: string[]): string {
  return `'${origins[0]}'`;
}

/**
 * The `Access-Control-Allow-Origin` of API Gateway's own 4XX and 5XX answers (gateway responses),
 * as a mapping expression. Their headers take only static values and request parameters, and
 * their templates are not run by VTL, so they cannot check the request's origin against a list:
 * with one origin (or `*`) it is that origin; with several, the request's own `Origin` is echoed,
 * so that each allowed origin can read a refusal, and so can any other (see
 * `gatewayResponsesEchoOrigin`).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.gatewayResponse.html
 */
export function gatewayResponseAllowOrigin(origins: string[]): string {
  return gatewayResponsesEchoOrigin(origins) ? 'method.request.header.Origin' : staticAllowOrigin(origins);
}

/** Whether the gateway responses echo the request's origin: with several origins, none of them `*`. */
export function gatewayResponsesEchoOrigin(origins: string[]): boolean {
  return origins.length > 1 && !origins.includes('*');
}

/**
 * A VTL template that answers `body` and, when the API allows several origins, echoes back
 * the request's `Origin` if it is one of them (a header can name only one origin).
 */
export function responseTemplate(origins: string[], body: object): string {
  const json = JSON.stringify(body);
  if (origins.length < 2 || origins.includes('*')) {
    return json;
  }
  const allowed = origins.map((origin) => `$origin == "${origin}"`).join(' || ');
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${allowed})`,
    '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    '#end',
    json,
  ].join('\n');
}

/**
 * The integration a method gets when none is given: a mock answering 200 with a JSON body
 * and the content-type and CORS headers.
 */
export function defaultMockIntegration(origins: string[]): apigateway.MockIntegration {
  const responseParameters: Record<string, string> = {
    'method.response.header.Content-Type': "'application/json'",
  };
  if (origins.length > 0) {
    responseParameters['method.response.header.Access-Control-Allow-Origin'] = staticAllowOrigin(origins);
    responseParameters['method.response.header.Vary'] = "'Origin'";
  }
  return new apigateway.MockIntegration({
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
    integrationResponses: [{
      statusCode: '200',
      responseTemplates: { 'application/json': responseTemplate(origins, DEFAULT_RESPONSE_BODY) },
      responseParameters,
    }],
  });
}

/** The method responses that let the default integration's headers through. */
export function defaultMethodResponses(origins: string[]): apigateway.MethodResponse[] {
  const responseParameters: Record<string, boolean> = {
    'method.response.header.Content-Type': true,
  };
  if (origins.length > 0) {
    responseParameters['method.response.header.Access-Control-Allow-Origin'] = true;
    responseParameters['method.response.header.Vary'] = true;
  }
  return [{ statusCode: '200', responseParameters }];
}
