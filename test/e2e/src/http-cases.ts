/**
 * The HTTP API front of the end-to-end flow (run.ts): the stand-in of the template's HTTP API
 * (http-api.ts), what the example's routes answer (example/awesome-http-api.ts), and copies of its
 * template (cdk.out/ci-templates/example-http/, example/http-api.ts) with one thing broken, each of which
 * must stop the flow at the step that thing breaks, for that reason.
 */
import type { Front } from './front.js';
import { startHttpApi } from './http-api.js';
import { httpApiModel } from './http-model.js';
import { REGION, URL_SUFFIX, type Template } from './template.js';

const READ_PATH = 'awesomeapi';
const ADMIN_PATH = 'awesomeapi/admin';
const PUBLIC_PATH = 'awesomeapi/public';
const READ_SCOPE = 'awesomeapi-resource-server/awesomeapi.read';
const ADMIN_SCOPE = 'awesomeapi-resource-server/awesomeapi.admin';

export const HTTP: Front = {
  name: 'HTTP API',
  apiOf: (t) => {
    const api = httpApiModel(t);
    return {
      awsOrigin: `https://${api.apiId}.execute-api.${REGION}.${URL_SUFFIX}`,
      start: (port, issuerFor, log) => startHttpApi(api, port, issuerFor, log),
    };
  },
  // The function's answer: the route, and the app client the authorizer found in the token's claims.
  allowed: {
    step: `HTTP API: call GET /${READ_PATH}: 200 and the function's answer`,
    path: READ_PATH,
    status: '200 OK',
    body: (config) => JSON.stringify({ message: 'Hello From Protected Resource', route: `GET /${READ_PATH}`, client_id: config.client_id }),
  },
  // A valid token without the route's scope: API Gateway's JWT authorizer answers 403.
  refused: {
    step: `HTTP API: call GET /${ADMIN_PATH}: refused with 403, readable by the app`,
    path: ADMIN_PATH,
    status: '403 Forbidden',
    body: () => '{"message":"Forbidden"}',
  },
  // A public route (AuthorizationType NONE): the function runs without an authorizer, so without claims.
  more: [{
    step: `HTTP API: call GET /${PUBLIC_PATH}: 200 without the authorizer`,
    path: PUBLIC_PATH,
    status: '200 OK',
    body: () => JSON.stringify({ message: 'Hello From Protected Resource', route: `GET /${PUBLIC_PATH}`, client_id: null }),
  }],
  // The machine client, added after the routes: the authorizer's audience lists it all the same.
  machine: {
    step: `HTTP API: the machine client calls GET /${ADMIN_PATH} with a client-credentials token: 200`,
    path: ADMIN_PATH,
    scope: ADMIN_SCOPE,
    status: 200,
    body: (clientId) => JSON.stringify({ message: 'Hello From Protected Resource', route: `GET /${ADMIN_PATH}`, client_id: clientId }),
  },
};

// As in run.ts: the cases reach into raw template properties to break one of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = { [key: string]: any };
const resourcesOf = (template: Template, type: string) => Object.values(template.Resources)
  .filter((r) => r.Type === type).map((r) => r.Properties as Props);
const api = (template: Template) => resourcesOf(template, 'AWS::ApiGatewayV2::Api')[0];
const authorizer = (template: Template) => resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer')[0];
const readRoute = (template: Template) => resourcesOf(template, 'AWS::ApiGatewayV2::Route').find((p) => p.RouteKey === `GET /${READ_PATH}`)!;
/** The logical id of the client with the OAuth flow `flow`: the browser client's is `code`, the machine client's `client_credentials`. */
const clientId = (template: Template, flow: string) => Object.entries(template.Resources)
  .find(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient' && (r.Properties?.AllowedOAuthFlows as string[] | undefined)?.includes(flow))![0];
/** Takes the client with the OAuth flow `flow` out of the authorizer's audience. */
const dropFromAudience = (t: Template, flow: string) => {
  const client = clientId(t, flow);
  const jwt = authorizer(t).JwtConfiguration;
  const before = (jwt.Audience as unknown[]).length;
  jwt.Audience = (jwt.Audience as unknown[]).filter((a) => JSON.stringify(a) !== JSON.stringify({ Ref: client }));
  if (jwt.Audience.length !== before - 1) {
    throw new Error(`the authorizer's audience does not list the client ${client} once: ${JSON.stringify(jwt.Audience)}`);
  }
};

export interface HttpCase {
  readonly name: string;
  readonly template: 'http';
  readonly front: Front;
  readonly breakIt?: (template: Template) => void;
  readonly failsAt?: string;
  readonly because?: RegExp;
}

export const HTTP_CASES: HttpCase[] = [
  { name: 'HTTP API: the template as synthesized', template: 'http', front: HTTP },
  {
    name: 'broken, HTTP API: the browser client is missing from the authorizer\'s audience',
    template: 'http',
    front: HTTP,
    breakIt: (t) => dropFromAudience(t, 'code'),
    failsAt: HTTP.allowed.step,
    because: /expected 200 OK .* the app shows ".*: 401 Unauthorized.*\(the API answered: OPTIONS 204, GET 401 \(the token does not have a valid audience\)\)/,
  },
  {
    name: 'broken, HTTP API: the machine client is missing from the authorizer\'s audience (as a client added after the routes could be)',
    template: 'http',
    front: HTTP,
    breakIt: (t) => dropFromAudience(t, 'client_credentials'),
    failsAt: HTTP.machine!.step,
    because: /expected 200 and .*, the API answered 401 \{"message":"Unauthorized"\} \(the token does not have a valid audience\)/,
  },
  {
    name: 'broken, HTTP API: the authorizer trusts the issuer of another region',
    template: 'http',
    front: HTTP,
    breakIt: (t) => {
      const jwt = authorizer(t).JwtConfiguration;
      const issuer = JSON.stringify(jwt.Issuer);
      if (!issuer.includes(`cognito-idp.${REGION}.`) && !issuer.includes('"AWS::Region"')) {
        throw new Error(`the authorizer's issuer names neither ${REGION} nor AWS::Region: ${issuer}`);
      }
      jwt.Issuer = JSON.parse(issuer.replace(`cognito-idp.${REGION}.`, 'cognito-idp.eu-west-3.').replace('{"Ref":"AWS::Region"}', '"eu-west-3"'));
    },
    failsAt: HTTP.allowed.step,
    because: /the app shows ".*: 401 Unauthorized.*GET 401 \(no signing keys at the jwks_uri of the issuer https:\/\/cognito-idp\.eu-west-3\./,
  },
  {
    name: 'broken, HTTP API: the route demands the scope\'s short name, which no token has',
    template: 'http',
    front: HTTP,
    breakIt: (t) => {
      const route = readRoute(t);
      if (JSON.stringify(route.AuthorizationScopes) !== JSON.stringify([READ_SCOPE])) {
        throw new Error(`GET /${READ_PATH} does not demand ${READ_SCOPE}: ${JSON.stringify(route.AuthorizationScopes)}`);
      }
      route.AuthorizationScopes = ['awesomeapi.read'];
    },
    failsAt: HTTP.allowed.step,
    because: /the app shows ".*: 403 Forbidden.*GET 403 \(the token does not have any of the scopes awesomeapi\.read\)/,
  },
  {
    name: 'broken, HTTP API: the CORS configuration lacks the app\'s origin',
    template: 'http',
    front: HTTP,
    breakIt: (t) => {
      const cors = api(t).CorsConfiguration;
      if (!(cors.AllowOrigins as string[]).includes('http://localhost:3000')) {
        throw new Error(`the API's CORS configuration does not allow http://localhost:3000: ${JSON.stringify(cors.AllowOrigins)}`);
      }
      cors.AllowOrigins = (cors.AllowOrigins as string[]).map((o) => (o === 'http://localhost:3000' ? 'http://localhost:3001' : o));
    },
    failsAt: HTTP.allowed.step,
    because: /the browser did not let this page read the answer.*\(the API answered: OPTIONS 204\)/,
  },
];
