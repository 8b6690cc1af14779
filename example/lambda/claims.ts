/**
 * An example Lambda handler behind a protected method (a Lambda proxy integration of
 * `addMethod`): it answers with who called, as API Gateway's Cognito authorizer saw the access
 * token, and with the CORS headers a proxy integration must send itself (the construct's mock
 * answers and preflights carry them; a proxy integration's answers are the function's own).
 *
 * Environment: `ALLOWED_ORIGINS`, the API's allowed browser origins, separated by commas (the
 * construct's `corsAllowOrigins`, by default the origins of the callback URLs).
 *
 * No dependencies; it logs nothing (the event holds the caller's claims).
 */

/** The part of API Gateway's REST proxy event (payload 1.0) that this handler reads. */
export interface ClaimsEvent {
  /** Request headers; API Gateway keeps the caller's spelling, so look them up in any case. */
  readonly headers?: { readonly [name: string]: string | undefined } | null;
  readonly requestContext: {
    /** With a Cognito user pools authorizer: the verified token's claims, every value a string. */
    readonly authorizer?: { readonly claims?: { readonly [name: string]: unknown } } | null;
  };
}

/** A proxy integration's answer. */
export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: { readonly [name: string]: string };
  readonly body: string;
}

/** Who called, from the access token's claims. */
export interface Caller {
  /** The user's id (`sub`); for a machine client, the client id. */
  readonly subject: string;
  /** The app client the token was issued to (`client_id`). */
  readonly clientId: string;
  /** The token's scopes (`scope`, separated by spaces in the token). */
  readonly scopes: string[];
  /** The user's groups (`cognito:groups`); none for a machine client or a user in no group. */
  readonly groups: string[];
}

export async function handler(event: ClaimsEvent): Promise<ProxyResult> {
  const cors = corsHeaders(headerOf(event, 'origin'), allowedOrigins(process.env.ALLOWED_ORIGINS));
  const claims = event.requestContext.authorizer?.claims;
  const caller = claims ? callerOf(claims) : undefined;
  if (!caller) {
    // Only reachable if the method is not behind the authorizer: refuse rather than guess.
    return { statusCode: 401, headers: { ...cors, 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'Unauthorized' }) };
  }
  return { statusCode: 200, headers: { ...cors, 'Content-Type': 'application/json' }, body: JSON.stringify(caller) };
}

/** The caller from the authorizer's claims, or undefined when `sub` or `client_id` is missing. */
export function callerOf(claims: { readonly [name: string]: unknown }): Caller | undefined {
  const subject = claims.sub;
  const clientId = claims.client_id;
  if (typeof subject !== 'string' || typeof clientId !== 'string') {
    return undefined;
  }
  return {
    subject,
    clientId,
    scopes: listOf(claims.scope, /\s+/),
    groups: listOf(claims['cognito:groups'], /[\s,]+/),
  };
}

/**
 * A claim that holds a list. API Gateway passes every claim as a string: `scope` as the token
 * has it (`openid api/read`), `cognito:groups` flattened (`admins,editors`, or `[admins editors]`).
 */
function listOf(claim: unknown, separator: RegExp): string[] {
  if (Array.isArray(claim)) {
    return claim.filter((item): item is string => typeof item === 'string');
  }
  if (typeof claim !== 'string') {
    return [];
  }
  return claim.replace(/^\[(.*)\]$/, '$1').split(separator).filter((item) => item.length > 0);
}

/** The allowed origins from `ALLOWED_ORIGINS` (`https://app.example.com,http://localhost:3000`). */
export function allowedOrigins(value: string | undefined): string[] {
  return (value ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin.length > 0);
}

/**
 * The CORS headers of an answer: the request's origin when it is allowed (a header names one
 * origin, so with several the answer varies by `Origin`), `*` when every origin is; none for an
 * origin that is not allowed, so that the browser keeps the answer from that page.
 */
export function corsHeaders(origin: string | undefined, allowed: string[]): { [name: string]: string } {
  if (allowed.includes('*')) {
    return { 'Access-Control-Allow-Origin': '*' };
  }
  if (origin !== undefined && allowed.includes(origin)) {
    return { 'Access-Control-Allow-Origin': origin, 'Vary': 'Origin' };
  }
  return { Vary: 'Origin' };
}

function headerOf(event: ClaimsEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
