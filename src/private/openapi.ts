import { Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CognitoAuth } from './auth/cognito-auth';
import { BodySchema, Route, RouteBody, RouteRegistry, RouteResponse } from './routes';

/*
 * The API as an OpenAPI 3.0 document, for any front: the paths and operations come from the
 * route registry, the OAuth 2.0 security scheme from the Cognito half; a front adds only what its
 * kind of API decides (its URL, whether it answers preflights itself, what its refusals mean).
 *
 * Sources: the OpenAPI Specification 3.0.3 (Paths, Operation, Parameter, Security Requirement:
 * several requirement objects are alternatives, the scopes of one are all needed; OAuth Flows).
 */

/** The OpenAPI version the document follows. */
export const OPENAPI_VERSION = '3.0.3';

/** The name of the document's one security scheme. */
export const SECURITY_SCHEME = 'cognito';

/** The methods an `ANY` route serves, in the document's order. */
const ANY_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * The URL of an API's default endpoint (`https://<api id>.execute-api.<region>.<url suffix>`)
 * followed by `stagePath` (e.g. `/prod`, or nothing), without a trailing slash.
 *
 * @param scope a construct in the API's stack
 */
export function executeApiUrl(scope: Construct, apiId: string, stagePath: string): string {
  const stack = Stack.of(scope);
  // Joined, rather than written as one literal with its two slashes, which test/no-internals.test.ts
  // would read as the start of a comment.
  return ['https:', '', `${apiId}.execute-api.${stack.region}.${stack.urlSuffix}${stagePath}`].join('/');
}

/** What differs between fronts. */
export interface OpenApiFront {
  /** The document's title: the API's name. */
  readonly title: string;
  readonly description: string;
  /** The base URL of every path, without a trailing slash (REST: with the stage). */
  readonly serverUrl: string;
  readonly serverDescription: string;
  /** Whether the API answers OPTIONS itself (CORS preflight), so that an `ANY` route does not serve it. */
  readonly answersPreflight: boolean;
  /** What a 401 of a protected operation means with this kind of API. */
  readonly unauthorized: string;
  /** What a 403 of a protected operation means with this kind of API. */
  readonly forbidden: string;
}

/** What the document is made of. */
export interface OpenApiSource {
  readonly routes: RouteRegistry;
  readonly auth: CognitoAuth;
  readonly front: OpenApiFront;
}

/** A JSON object of the document. */
export type OpenApiObject = { [key: string]: unknown };

/**
 * The document as JSON, produced at synth from every route and machine client added by then;
 * values only known at deploy time (the API's URL, the login domain) stay tokens in the string.
 */
export function openApiDocument(owner: Construct, source: OpenApiSource): string {
  return Lazy.string({ produce: () => Stack.of(owner).toJsonString(buildOpenApiDocument(source)) });
}

/** API Gateway's own answers (such as a refusal) carry a message. */
const GATEWAY_ERROR_SCHEMA: BodySchema = {
  type: 'object',
  properties: { message: { type: 'string' } },
};

/** The document as an object (its strings may hold tokens). */
export function buildOpenApiDocument(source: OpenApiSource): OpenApiObject {
  const { routes, front } = source;
  const documented = routes.routes.filter((route) => route.parts !== undefined);
  // API Gateway's refusals first, so that a model of the same name gets another.
  const schemas: { [name: string]: BodySchema } = { GatewayError: GATEWAY_ERROR_SCHEMA };
  const operationIds = new OperationIds();
  const paths: { [path: string]: OpenApiObject } = {};
  const tags = new Set<string>();

  for (const route of documented) {
    const parts = route.parts!;
    const pathKey = openApiPath(parts);
    const item = (paths[pathKey] ??= {}) as { [method: string]: unknown };
    const tag = parts.find((part) => !part.startsWith('{')) ?? 'root';
    tags.add(tag);
    for (const method of methodsServed(route, documented, front.answersPreflight)) {
      item[method] = operation(route, method, {
        operationId: operationIds.next(method, parts),
        tag,
        schemas,
        front,
        auth: source.auth,
      });
    }
  }
  if (documented.every((route) => route.allowUnauthenticated)) {
    delete schemas.GatewayError;
  }
  // Path parameters belong to the path, once, whatever methods it has.
  for (const route of documented) {
    const pathParameters = pathVariables(route.parts!).map(pathParameter);
    if (pathParameters.length > 0) {
      paths[openApiPath(route.parts!)].parameters = pathParameters;
    }
  }

  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: front.title,
      description: front.description,
      version: '1.0.0',
    },
    servers: [{ url: front.serverUrl, description: front.serverDescription }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: { [SECURITY_SCHEME]: securityScheme(source.auth) },
    },
  };
}

/**
 * The OAuth 2.0 scheme: the authorization-code flow with every scope of the resource server (and
 * `openid`, which the browser client always requests), and, when machine clients exist, the
 * client-credentials flow with the scopes they may hold.
 */
function securityScheme(auth: CognitoAuth): OpenApiObject {
  const full = (name: string) => auth.fullScopeName(name);
  const described = (names: readonly string[]) => Object.fromEntries(names.map((name) => [
    full(name), auth.scopes.find((s) => s.name === name)!.description,
  ]));
  const flows: OpenApiObject = {
    authorizationCode: {
      authorizationUrl: auth.authorizeEndpoint,
      tokenUrl: auth.urls.tokenUrl,
      scopes: {
        openid: 'OpenID Connect sign-in: an ID token besides the access token',
        ...described(auth.scopes.map((s) => s.name)),
      },
    },
  };
  const machineScopes = auth.machineClientScopes();
  if (machineScopes.length > 0) {
    flows.clientCredentials = { tokenUrl: auth.urls.tokenUrl, scopes: described(machineScopes) };
  }
  return {
    type: 'oauth2',
    description: 'Access tokens of the Cognito user pool. People sign in through the public browser client '
      + `${auth.webClient.userPoolClientId} (no secret: use PKCE), which may request `
      + `${auth.requestedScopes.join(', ')}; services use a machine client's id and secret.`,
    flows,
  };
}

interface OperationContext {
  readonly operationId: string;
  readonly tag: string;
  readonly schemas: { [name: string]: BodySchema };
  readonly front: OpenApiFront;
  readonly auth: CognitoAuth;
}

/** One operation: its security, its parameters and body where known, its answers. */
function operation(route: Route, method: string, context: OperationContext): OpenApiObject {
  const { details } = route;
  const scopes = route.scopes.map((name) => context.auth.fullScopeName(name));
  const op: OpenApiObject = {
    operationId: context.operationId,
    tags: [context.tag],
    summary: `${method.toUpperCase()} ${route.path}`,
    description: route.allowUnauthenticated
      ? 'Public: no token is checked.'
      : `Needs an access token with ${scopes.length === 1 ? 'the scope' : 'one of the scopes'} listed under security.`,
  };
  const parameters = (details?.parameters ?? []).map((p) => ({
    name: p.name,
    in: p.location,
    required: p.required,
    schema: p.repeated ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
    ...(p.repeated ? { style: 'form', explode: true } : {}),
  }));
  if (parameters.length > 0) {
    op.parameters = parameters;
  }
  const requestBodies = details?.requestBodies ?? [];
  if (requestBodies.length > 0 && method !== 'get' && method !== 'head') {
    op.requestBody = { required: true, content: content(requestBodies, context.schemas) };
  }
  op.responses = responses(route, details?.responses ?? [], context);
  // Any one of the scopes will do: one requirement object each.
  op.security = route.allowUnauthenticated ? [] : scopes.map((scope) => ({ [SECURITY_SCHEME]: [scope] }));
  return op;
}

function responses(route: Route, declared: RouteResponse[], context: OperationContext): OpenApiObject {
  const out: OpenApiObject = {};
  for (const response of declared) {
    out[response.statusCode] = {
      description: response.description,
      ...(response.headers.length > 0 ? {
        headers: Object.fromEntries(response.headers.map((name) => [name, { schema: { type: 'string' } }])),
      } : {}),
      ...(response.bodies.length > 0 ? { content: content(response.bodies, context.schemas) } : {}),
    };
  }
  if (declared.length === 0) {
    // A range (OpenAPI 3.0's 2XX): the integration's answers are not known to the construct.
    out['2XX'] = { description: 'What the integration answers (the construct knows no more of it).' };
  }
  if (!route.allowUnauthenticated) {
    const refusal = (description: string) => ({
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayError' } } },
    });
    out['401'] ??= refusal(context.front.unauthorized);
    out['403'] ??= refusal(context.front.forbidden);
  }
  return out;
}

/** Bodies by content type; a named model's schema goes among the components, once. */
function content(bodies: RouteBody[], schemas: { [name: string]: BodySchema }): OpenApiObject {
  return Object.fromEntries(bodies.map((body) => {
    if (body.schemaName === undefined) {
      return [body.contentType, { schema: body.schema }];
    }
    let name = componentName(body.schemaName);
    for (let n = 2; schemas[name] !== undefined && JSON.stringify(schemas[name]) !== JSON.stringify(body.schema); n++) {
      name = `${componentName(body.schemaName)}${n}`;
    }
    schemas[name] = body.schema;
    return [body.contentType, { schema: { $ref: `#/components/schemas/${name}` } }];
  }));
}

/** A component's name holds only letters, digits and `._-`. */
function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The lower-case methods a route serves: an `ANY` route serves every method that no other route
 * of the same path defines (API Gateway prefers the explicit one), and not OPTIONS when the API
 * answers preflights itself.
 */
function methodsServed(route: Route, all: Route[], answersPreflight: boolean): string[] {
  if (route.httpMethod !== 'ANY') {
    return [route.httpMethod.toLowerCase()];
  }
  const key = route.parts!.join('/');
  const explicit = new Set(all.filter((r) => r.parts!.join('/') === key && r.httpMethod !== 'ANY')
    .map((r) => r.httpMethod.toLowerCase()));
  return ANY_METHODS.filter((m) => !explicit.has(m) && !(m === 'options' && answersPreflight));
}

/** A variable part of a path, as API Gateway names it and as the document does. */
interface PathVariable {
  /** The part, e.g. `{proxy+}`. */
  readonly part: string;
  /** The name in the document: letters, digits, `_` and `-`, once per path. */
  readonly name: string;
  readonly greedy: boolean;
}

/**
 * The variable parts of a path, named for the document: a greedy `{proxy+}` is `proxy`; the
 * characters API Gateway also allows (`.`, `:`, `$`) become `_`, as the usual OpenAPI tools read
 * only letters, digits, `_` and `-` in a path template; a name used again in the same path gets a
 * number (OpenAPI names each path parameter once).
 */
function pathVariables(parts: string[]): PathVariable[] {
  const used = new Set<string>();
  return parts.filter((part) => part.startsWith('{')).map((part) => {
    const greedy = part.endsWith('+}');
    const base = part.slice(1, greedy ? -2 : -1).replace(/[^A-Za-z0-9_-]/g, '_');
    let name = base;
    for (let n = 2; used.has(name); n++) {
      name = `${base}_${n}`;
    }
    used.add(name);
    return { part, name, greedy };
  });
}

/** The path as the document writes it, with its variables' document names. */
export function openApiPath(parts: string[]): string {
  const variables = pathVariables(parts);
  let i = 0;
  return `/${parts.map((part) => (part.startsWith('{') ? `{${variables[i++].name}}` : part)).join('/')}`;
}

function pathParameter(variable: PathVariable): OpenApiObject {
  const original = variable.part.slice(1, variable.greedy ? -2 : -1);
  const notes = [
    ...(variable.greedy ? ['The rest of the path, slashes included.'] : []),
    ...(original !== variable.name ? [`API Gateway's path parameter ${original}.`] : []),
  ];
  return {
    name: variable.name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(notes.length > 0 ? { description: notes.join(' ') } : {}),
  };
}

/**
 * Operation ids from the method and path (`GET /orders/{orderId}` is `getOrdersByOrderId`), the
 * same for the same routes in the same order; a clash gets a number.
 */
class OperationIds {
  private readonly used = new Set<string>();

  public next(method: string, parts: string[]): string {
    const words = parts.length === 0 ? ['Root'] : parts.map((part) => part.startsWith('{')
      ? `By${pascal(part)}`
      : pascal(part));
    const base = `${method}${words.join('')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) {
      id = `${base}${n}`;
    }
    this.used.add(id);
    return id;
  }
}

function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'X';
}
