/**
 * The API stand-in: serves the template's REST API stage as API Gateway documents it: each method
 * at its path, the Cognito authorizer's rule, the mock integration's answer, and the gateway
 * responses for what API Gateway refuses itself.
 */
import * as http from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ApiModel, GatewayResponseModel, MethodModel } from './model.js';
import type { TemplateRequest } from './vtl.js';

/** API Gateway's status and message for the gateway responses this stand-in can give. */
const GATEWAY_DEFAULTS: { [type: string]: { status: number; family: 'DEFAULT_4XX' | 'DEFAULT_5XX' } } = {
  UNAUTHORIZED: { status: 401, family: 'DEFAULT_4XX' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, family: 'DEFAULT_4XX' },
};

/** What the stand-in saw, for the test to check (e.g. that the browser sent a preflight). */
export interface ApiRequestLog {
  readonly method: string;
  readonly path: string;
  readonly origin?: string;
  readonly status: number;
  /** Why the stand-in refused the request, where it says (the HTTP API's authorizer does). */
  readonly reason?: string;
}

/**
 * Starts the stage on `port` at 127.0.0.1. `issuerFor` maps an issuer the authorizer trusts (a
 * Cognito user pool's) to the local provider's issuer, whose keys are at `<issuer>/.well-known/jwks.json`.
 */
export async function startApi(model: ApiModel, port: number, issuerFor: (cognitoIssuer: string) => string, log: ApiRequestLog[])
  : Promise<() => Promise<void>> {
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysOf = (issuer: string) => {
    if (!keySets.has(issuer)) {
      keySets.set(issuer, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)));
    }
    return keySets.get(issuer)!;
  };

  const server = http.createServer((req, res) => {
    answer(req).then(({ status, headers, body }) => {
      log.push({ method: req.method!, path: req.url!, origin: req.headers.origin, status });
      res.writeHead(status, headers).end(body);
    }, (error: Error) => {
      console.log(`  API stand-in error on ${req.method} ${req.url}: ${error.message}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    });
  });

  async function answer(req: http.IncomingMessage): Promise<Answer> {
    const request = templateRequest(req);
    const path = new URL(req.url!, 'http://localhost').pathname;
    const prefix = `/${model.stageName}`;
    const method = path === prefix || path.startsWith(`${prefix}/`)
      ? findMethod(model.methods, req.method!, path.slice(prefix.length) || '/')
      : undefined;
    if (!method) {
      return gatewayResponse(model, 'MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token', request);
    }
    if (method.authorization === 'COGNITO_USER_POOLS') {
      const refusal = await authorize(method, req.headers[method.tokenHeader!.toLowerCase()]);
      if (refusal) {
        return gatewayResponse(model, 'UNAUTHORIZED', refusal, request);
      }
    }
    return mockResponse(method, request);
  }

  /** The Cognito authorizer: undefined when the token passes, or the message API Gateway answers. */
  async function authorize(method: MethodModel, header: string | string[] | undefined): Promise<string | undefined> {
    if (typeof header !== 'string' || header === '') {
      return 'Unauthorized';
    }
    // The raw token, or "Bearer <token>" as Cognito's guide writes it.
    const token = header.replace(/^Bearer /, '');
    let claims: JWTPayload;
    try {
      const unverified = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload;
      const trusted = method.issuers.find((issuer) => issuerFor(issuer) === unverified.iss);
      if (!trusted) {
        return 'Unauthorized';
      }
      ({ payload: claims } = await jwtVerify(token, keysOf(unverified.iss!), { issuer: unverified.iss, algorithms: ['RS256'] }));
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'The incoming token has expired' : 'Unauthorized';
    }
    if (method.scopes.length === 0) {
      // Without scopes, API Gateway accepts ID tokens only.
      return claims.token_use === 'id' ? undefined : 'Unauthorized';
    }
    const granted = String(claims.scope ?? '').split(' ');
    return claims.token_use === 'access' && method.scopes.some((scope) => granted.includes(scope)) ? undefined : 'Unauthorized';
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

interface Answer {
  readonly status: number;
  readonly headers: { [name: string]: string };
  readonly body: string;
}

/** The method at `path` (`{param}` matches one part, `{param+}` the rest), or `ANY` there. */
function findMethod(methods: MethodModel[], httpMethod: string, path: string): MethodModel | undefined {
  const parts = path.split('/').filter(Boolean);
  const matches = (template: string) => {
    const wanted = template.split('/').filter(Boolean);
    return wanted.every((part, i) => part.endsWith('+}') ? i < parts.length : (part.startsWith('{') ? parts[i] !== undefined : part === parts[i]))
      && (wanted.length === parts.length || (wanted.at(-1)?.endsWith('+}') ?? false));
  };
  const here = methods.filter((m) => matches(m.path));
  return here.find((m) => m.httpMethod === httpMethod) ?? here.find((m) => m.httpMethod === 'ANY');
}

/** The request as mapping templates and request parameter mappings see it: each header under the name the client spelled. */
function templateRequest(req: http.IncomingMessage): TemplateRequest {
  return {
    header: (name) => {
      const i = req.rawHeaders.findIndex((value, at) => at % 2 === 0 && value === name);
      return i < 0 ? undefined : req.rawHeaders[i + 1];
    },
  };
}

/**
 * The mock integration: the request template's status picks the integration response, whose
 * header mappings apply, then its template runs (its `responseOverride` headers win).
 */
function mockResponse(method: MethodModel, request: TemplateRequest): Answer {
  const status = String(method.mockStatusCode);
  const response = method.integrationResponses.find((r) => r.selectionPattern !== undefined && new RegExp(`^${r.selectionPattern}$`).test(status))
    ?? method.integrationResponses.find((r) => r.selectionPattern === undefined);
  if (!response) {
    return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message": "Internal server error"}' };
  }
  // API Gateway picks application/json by default.
  const [contentType, template] = Object.entries(response.templates)[0] ?? ['application/json', undefined];
  let result;
  try {
    result = template?.evaluate(request) ?? { body: '', headerOverrides: {} };
  } catch (error) {
    console.log(`  API stand-in: ${method.httpMethod} ${method.path}: ${(error as Error).message}`);
    return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message": "Internal server error"}' };
  }
  return {
    status: Number(response.statusCode),
    headers: { 'content-type': contentType, ...response.headers, ...result.headerOverrides },
    body: result.body,
  };
}

/** A gateway response: its own headers, or those of its DEFAULT_4XX/5XX family, as API Gateway falls back. */
function gatewayResponse(model: ApiModel, type: string, message: string, request: TemplateRequest): Answer {
  const { status, family } = GATEWAY_DEFAULTS[type];
  const configured: GatewayResponseModel | undefined = model.gatewayResponses[type] ?? model.gatewayResponses[family];
  const template = configured?.template ?? '{"message":$context.error.messageString}';
  // Each header mapping: its static value, or the request's header (none when the request has none).
  const headers: { [name: string]: string } = {};
  for (const [name, mapping] of Object.entries(configured?.headers ?? {})) {
    const value = 'value' in mapping ? mapping.value : request.header(mapping.requestHeader);
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  return {
    status: configured?.statusCode ?? status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': `${type === 'UNAUTHORIZED' ? 'UnauthorizedException' : 'MissingAuthenticationTokenException'}`, ...headers },
    body: template.replace('$context.error.messageString', JSON.stringify(message)),
  };
}
