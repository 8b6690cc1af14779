import { Token } from 'aws-cdk-lib';
import { fail, isToken, show } from './errors';

/*
 * The routes an API serves, whatever kind of API it is (REST or HTTP): each method and path
 * once, with the scopes it demands. The registry checks the path, refuses a route defined twice
 * and two differently named variable parts under one parent, and, once the app is complete,
 * that some app client can obtain a scope each route demands. A front turns each registered
 * route into its own resources.
 *
 * Sources, in the API Gateway developer guide and API reference:
 * - Method: HttpMethod is one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.
 * - Resource: a path part is letters, digits and `._-:$`, or a `{param}` (greedy `{param+}`
 *   only as the last part); siblings may have only one variable part.
 */

/** The HTTP methods API Gateway knows. */
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The names every JavaScript object has (`constructor`, `toString`, ...), which no path part may be. */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A path part that names itself: letters, digits and `._-:$`. */
const NAMED_PART = /^[a-zA-Z0-9._:$-]+$/;
/** A variable path part, `{name}`, or greedy, `{name+}`. */
const VARIABLE_PART = /^\{([a-zA-Z0-9._:$-]+)(\+?)\}$/;

/** Whether a string is a path part a route may have (named or variable), as `parsePath` checks it. */
export function isPathPart(part: string): boolean {
  return VARIABLE_PART.test(part) || (NAMED_PART.test(part) && !OBJECT_MEMBERS.has(part));
}

/** What a route demands of its callers. */
export interface RouteAccess {
  /** The short names of the scopes the route accepts; a caller needs any one of them. */
  readonly scopes?: string[];
  /** A public route: no token is checked. */
  readonly allowUnauthenticated?: boolean;
}

/** A route, checked. */
export interface Route {
  /** The HTTP method, in upper case. */
  readonly httpMethod: string;
  /** The path as given, starting with `/`. */
  readonly path: string;
  /** The path's parts; undefined when the path is a token. */
  readonly parts?: string[];
  /** `METHOD /path`, how messages name the route. */
  readonly key: string;
  /** How the route was asked for, for messages (e.g. `addMethod GET /orders`). */
  readonly call: string;
  /** The short names of the scopes it accepts; empty for a public route. */
  readonly scopes: string[];
  readonly allowUnauthenticated: boolean;
  /** What callers send and get back, as far as the front was told; undefined when it says nothing. */
  readonly details?: RouteDetails;
}

/** A JSON schema of a request or response body, as the OpenAPI document shows it. */
export type BodySchema = { [key: string]: unknown };

/** A parameter of a route that is not in its path. */
export interface RouteParameter {
  /** Where it goes. */
  readonly location: 'query' | 'header';
  readonly name: string;
  readonly required: boolean;
  /** Whether it may be given more than once (a list). */
  readonly repeated: boolean;
}

/** A body, of one content type. */
export interface RouteBody {
  readonly contentType: string;
  /** The name of the model it must match, when it has one (shown among the document's schemas). */
  readonly schemaName?: string;
  readonly schema: BodySchema;
}

/** An answer a route declares. */
export interface RouteResponse {
  /** An HTTP status code, e.g. `200`. */
  readonly statusCode: string;
  readonly description: string;
  /** The names of the headers it sends. */
  readonly headers: string[];
  readonly bodies: RouteBody[];
}

/**
 * What a route's callers send and get back, in terms no kind of API owns: the front translates
 * its own options (e.g. a REST method's request parameters, models and method responses) into it.
 */
export interface RouteDetails {
  readonly parameters: RouteParameter[];
  readonly requestBodies: RouteBody[];
  /** Empty when the front does not know what answers the route. */
  readonly responses: RouteResponse[];
}

/** Every route of one API, in the order they were added. */
export class RouteRegistry {
  private readonly byKey = new Map<string, Route>();
  /** The variable part under each parent path (`/orders` has `{orderId}`). */
  private readonly variablePartByParent = new Map<string, string>();
  private readonly added: Route[] = [];

  /**
   * @param scopeNames the short names of the API's scopes
   * @param callName what the front calls adding a route, for messages (e.g. `addMethod`)
   */
  constructor(private readonly scopeNames: string[], private readonly callName: string) {}

  /** Checks a route without adding it: its method, path and scopes. */
  public check(httpMethod: string, path: string, access: RouteAccess): Route {
    const method = normalizeHttpMethod(this.callName, httpMethod, path);
    const call = `${this.callName} ${method} ${path}`;
    const scopes = access.scopes ?? [];
    const parts = Token.isUnresolved(path) ? undefined : parsePath(call, path);
    const allowUnauthenticated = access.allowUnauthenticated ?? false;
    validateRouteAccess(call, scopes, allowUnauthenticated);
    validateRouteScopes(call, scopes, this.scopeNames);
    const key = parts ? `${method} /${parts.join('/')}` : `${method} ${path}`;
    return { httpMethod: method, path, parts, key, call, scopes, allowUnauthenticated };
  }

  /**
   * Adds a checked route, refusing the same method and path twice and two differently named
   * variable parts under one parent (API Gateway allows one). A route whose path is a token is
   * kept, but cannot be compared.
   *
   * @param details what callers send and get back, for the OpenAPI document
   */
  public add(checked: Route, details?: RouteDetails): void {
    const route = details ? { ...checked, details } : checked;
    if (route.parts) {
      this.refuseDuplicate(route, route.parts);
    }
    this.added.push(route);
  }

  /** The routes added, in order. */
  public get routes(): readonly Route[] {
    return this.added;
  }

  /**
   * Every route must accept at least one scope that some app client can be given; run once the
   * app is complete, so that clients added after a route count.
   */
  public validateScopesObtainable(obtainable: ReadonlySet<string>): string[] {
    const errors: string[] = [];
    for (const [key, { scopes }] of this.byKey) {
      if (scopes.length > 0 && !scopes.some((name) => obtainable.has(name))) {
        errors.push(`${key} demands ${scopes.map((name) => show(name)).join(' or ')}, which no app client can `
          + 'obtain: add one of them to clientScopes, or give it to another app client');
      }
    }
    return errors;
  }

  private refuseDuplicate(route: Route, parts: string[]): void {
    const earlier = this.byKey.get(route.key);
    if (earlier) {
      fail(`${route.call}: ${route.key} is already defined (by ${earlier.call}); add each method and path once`);
    }
    parts.forEach((part, i) => {
      if (!part.startsWith('{')) {
        return;
      }
      const parent = `/${parts.slice(0, i).join('/')}`;
      const existing = this.variablePartByParent.get(parent);
      if (existing && existing !== part) {
        fail(`${route.call}: path part ${show(part)} clashes with ${show(existing)} under ${parent}: `
          + 'API Gateway allows one variable part per parent; use the same name in both paths');
      }
      this.variablePartByParent.set(parent, part);
    });
    this.byKey.set(route.key, route);
  }
}

/**
 * The HTTP method in upper case, if API Gateway knows it.
 */
export function normalizeHttpMethod(callName: string, httpMethod: string, path: string): string {
  const upper = httpMethod.toUpperCase();
  if (!HTTP_METHODS.includes(upper)) {
    fail(`${callName} ${show(httpMethod)} ${path}: httpMethod ${show(httpMethod)} is invalid: use one of `
      + HTTP_METHODS.join(', '));
  }
  return upper;
}

/**
 * Checks a resource path and gives its parts: `/` is the root; parts are separated by one `/`.
 */
export function parsePath(where: string, path: string): string[] {
  if (path === '/') {
    return [];
  }
  const parts = path.split('/').slice(1);
  if (!path.startsWith('/') || parts.some((part) => part === '')) {
    fail(`${where}: path ${show(path)} is invalid: start it with / and separate non-empty parts with one /, `
      + 'e.g. /orders/{orderId}');
  }
  parts.forEach((part, i) => {
    const variable = VARIABLE_PART.exec(part);
    if (variable) {
      if (variable[2] === '+' && i !== parts.length - 1) {
        fail(`${where}: path ${show(path)} is invalid: a greedy part ${show(part)} must be the last part`);
      }
      return;
    }
    if (!NAMED_PART.test(part)) {
      fail(`${where}: path ${show(path)} is invalid: part ${show(part)} may hold only letters, digits and ._-:$, `
        + 'or be a {parameter}');
    }
    // aws-cdk-lib keeps child resources in a plain object, so these names find Object.prototype's
    // members instead (a TypeError in resourceForPath), and constructs refuses them as ids.
    if (OBJECT_MEMBERS.has(part)) {
      fail(`${where}: path ${show(path)} is invalid: part ${show(part)} is a name every JavaScript object has, `
        + 'which aws-cdk-lib cannot give a resource; rename the part or make it a {parameter}');
    }
  });
  return parts;
}

export function validateRouteScopes(where: string, scopes: string[], known: string[]): void {
  scopes.forEach((name) => {
    if (!isToken(name) && !known.includes(name)) {
      fail(`${where}: scope ${show(name)} is not one of the API's scopes (${known.join(', ')}); `
        + 'add it to the scopes prop or fix the name');
    }
  });
}

/** A method must demand a scope unless it is made public on purpose, and not both. */
export function validateRouteAccess(where: string, scopes: string[], allowUnauthenticated: boolean): void {
  if (allowUnauthenticated && scopes.length > 0) {
    fail(`${where}: options.scopes ${show(scopes)} cannot be combined with options.allowUnauthenticated: `
      + 'a public method checks no token; drop one of the two');
  }
  if (!allowUnauthenticated && scopes.length === 0) {
    fail(`${where}: no scopes given: name at least one of the API's scopes in options.scopes, `
      + 'or set options.allowUnauthenticated to true to make the method public');
  }
}
