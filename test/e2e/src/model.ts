/**
 * What the stand-ins serve, read from the template: the browser client and its user pool (for the
 * OpenID provider), the REST API (for the API stand-in) and the WebClientConfig output (for the app).
 */
import { Json, REGION, ResolvedTemplate, URL_SUFFIX } from './template.js';
import { MappingTemplate } from './vtl.js';

export interface WebClientConfig {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  response_type: string;
  logout_url?: string;
  post_logout_redirect_uri?: string;
  api_url: string;
}

/** The user pool side: one public app client for the authorization-code grant. */
export interface LoginModel {
  readonly poolId: string;
  /** Cognito's issuer of the pool's tokens. */
  readonly issuer: string;
  /** The base URL of the pool's login domain (the Cognito prefix domain or a custom domain). */
  readonly domainUrl: string;
  readonly clientId: string;
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  /** The scopes the client may obtain (`AllowedOAuthScopes`). */
  readonly allowedScopes: string[];
  /** Every scope of the pool's resource servers, as `identifier/name`. */
  readonly resourceServerScopes: string[];
  readonly accessTokenSeconds: number;
  readonly idTokenSeconds: number;
}

/** A response header's mapping: a static value, or the request header of that exact name (absent when the request has none). */
export type HeaderMapping = { readonly value: string } | { readonly requestHeader: string };

export interface GatewayResponseModel {
  readonly statusCode?: number;
  readonly headers: { [name: string]: HeaderMapping };
  readonly template?: string;
}

export interface IntegrationResponseModel {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly headers: { [name: string]: string };
  readonly templates: { [contentType: string]: MappingTemplate };
}

export interface MethodModel {
  readonly httpMethod: string;
  /** The resource path, e.g. `/awesomeapi/admin` (`/` for the root). */
  readonly path: string;
  readonly authorization: 'NONE' | 'COGNITO_USER_POOLS';
  readonly scopes: string[];
  /** The header that carries the token, from the authorizer's `IdentitySource`. */
  readonly tokenHeader?: string;
  /** The issuers the authorizer trusts (one per user pool in `ProviderARNs`). */
  readonly issuers: string[];
  /** The status code the mock's request template asks for. */
  readonly mockStatusCode: number;
  readonly integrationResponses: IntegrationResponseModel[];
}

export interface ApiModel {
  readonly restApiId: string;
  readonly stageName: string;
  readonly methods: MethodModel[];
  readonly gatewayResponses: { [responseType: string]: GatewayResponseModel };
}

const issuerOf = (poolId: string) => `https://cognito-idp.${REGION}.${URL_SUFFIX}/${poolId}`;

export function webClientConfig(t: ResolvedTemplate): WebClientConfig {
  const value = t.output('WebClientConfig');
  if (typeof value !== 'string') {
    throw new Error(`WebClientConfig is not a string: ${JSON.stringify(value)}`);
  }
  return JSON.parse(value) as WebClientConfig;
}

/** The browser client that the WebClientConfig output names, with its pool, domain and scopes. */
export function loginModel(t: ResolvedTemplate, config: WebClientConfig): LoginModel {
  const client = t.ofType('AWS::Cognito::UserPoolClient').find((id) => t.ref(id) === config.client_id);
  if (!client) {
    throw new Error(`no AWS::Cognito::UserPoolClient has the WebClientConfig's client_id ${config.client_id}`);
  }
  const props = t.resource(client).Properties ?? {};
  const poolRef = props.UserPoolId;
  const pool = t.ofType('AWS::Cognito::UserPool').find((id) => ResolvedTemplate.isRefTo(poolRef, id));
  if (!pool) {
    throw new Error(`${client}.UserPoolId is not a Ref to a user pool of the template`);
  }
  const requireProp = (ok: boolean, what: string) => {
    if (!ok) {
      throw new Error(`${client}: the stand-in models ${what} only`);
    }
  };
  requireProp(props.AllowedOAuthFlowsUserPoolClient === true, 'a client with AllowedOAuthFlowsUserPoolClient true');
  requireProp(JSON.stringify(t.prop(client, 'AllowedOAuthFlows')) === '["code"]', 'the "code" OAuth flow');
  requireProp(props.GenerateSecret !== true, 'a public client (no secret)');
  requireProp(t.stringsProp(client, 'SupportedIdentityProviders').includes('COGNITO'), 'the COGNITO identity provider');
  requireProp(t.stringsProp(pool, 'UsernameAttributes').includes('email'), 'pools whose users sign in with their email');

  const domains = t.ofType('AWS::Cognito::UserPoolDomain')
    .filter((id) => ResolvedTemplate.isRefTo(t.resource(id).Properties?.UserPoolId, pool));
  if (domains.length !== 1) {
    throw new Error(`expected one AWS::Cognito::UserPoolDomain of ${pool}, found ${domains.length}`);
  }
  const domain = t.stringProp(domains[0], 'Domain');
  const custom = t.prop(domains[0], 'CustomDomainConfig') !== undefined;

  const resourceServerScopes = t.ofType('AWS::Cognito::UserPoolResourceServer')
    .filter((id) => ResolvedTemplate.isRefTo(t.resource(id).Properties?.UserPoolId, pool))
    .flatMap((id) => {
      const scopes = (t.prop(id, 'Scopes') ?? []) as Array<{ ScopeName: string }>;
      return scopes.map((s) => `${t.stringProp(id, 'Identifier')}/${s.ScopeName}`);
    });

  const units = (t.prop(client, 'TokenValidityUnits') ?? {}) as { [token: string]: string };
  const seconds = (token: string, fallbackMinutes: number) => {
    const value = t.prop(client, `${token}Validity`);
    const unit = units[token] ?? 'hours';
    const factor: { [unit: string]: number } = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
    return typeof value === 'number' ? value * factor[unit] : fallbackMinutes * 60;
  };

  return {
    poolId: t.ref(pool),
    issuer: issuerOf(t.ref(pool)),
    domainUrl: custom ? `https://${domain}` : `https://${domain}.auth.${REGION}.amazoncognito.com`,
    clientId: t.ref(client),
    callbackUrls: t.stringsProp(client, 'CallbackURLs'),
    logoutUrls: t.stringsProp(client, 'LogoutURLs'),
    allowedScopes: t.stringsProp(client, 'AllowedOAuthScopes'),
    resourceServerScopes,
    accessTokenSeconds: seconds('AccessToken', 60),
    idTokenSeconds: seconds('IdToken', 60),
  };
}

/** The one REST API of the template: its stage, every method at its path, its gateway responses. */
export function apiModel(t: ResolvedTemplate): ApiModel {
  const apis = t.ofType('AWS::ApiGateway::RestApi');
  if (apis.length !== 1) {
    throw new Error(`expected one AWS::ApiGateway::RestApi, found ${apis.length}`);
  }
  const api = apis[0];
  const restApiId = t.ref(api);
  const stages = t.ofType('AWS::ApiGateway::Stage');
  if (stages.length !== 1) {
    throw new Error(`expected one AWS::ApiGateway::Stage, found ${stages.length}`);
  }

  // Resource ids to paths: the root is RootResourceId, every other one hangs off its parent.
  const paths = new Map<string, string>([[t.getAtt(api, 'RootResourceId'), '/']]);
  const pending = t.ofType('AWS::ApiGateway::Resource');
  while (pending.length > 0) {
    const i = pending.findIndex((id) => paths.has(t.prop(id, 'ParentId') as string));
    if (i < 0) {
      throw new Error(`resources without a known parent: ${pending.join(', ')}`);
    }
    const [id] = pending.splice(i, 1);
    const parent = paths.get(t.prop(id, 'ParentId') as string)!;
    paths.set(t.ref(id), `${parent === '/' ? '' : parent}/${t.stringProp(id, 'PathPart')}`);
  }

  const methods = t.ofType('AWS::ApiGateway::Method').map((id) => methodModel(t, id, paths));

  // Keyed by names read from the template: objects without a prototype, so that no name finds Object's members.
  const gatewayResponses: { [type: string]: GatewayResponseModel } = Object.create(null);
  for (const id of t.ofType('AWS::ApiGateway::GatewayResponse')) {
    const parameters = (t.prop(id, 'ResponseParameters') ?? {}) as { [key: string]: string };
    const templates = (t.prop(id, 'ResponseTemplates') ?? {}) as { [type: string]: string };
    const status = t.prop(id, 'StatusCode');
    gatewayResponses[t.stringProp(id, 'ResponseType')] = {
      statusCode: typeof status === 'string' ? Number(status) : undefined,
      // Gateway responses may map request parameters too; the stand-in models request headers.
      headers: headerMappingsOf(`${id}.ResponseParameters`, parameters, 'gatewayresponse.header.', /^method\.request\.header\.(.+)$/),
      template: templates['application/json'],
    };
  }
  return { restApiId, stageName: t.stringProp(stages[0], 'StageName'), methods, gatewayResponses };
}

function methodModel(t: ResolvedTemplate, id: string, paths: Map<string, string>): MethodModel {
  const path = paths.get(t.prop(id, 'ResourceId') as string);
  if (!path) {
    throw new Error(`${id}.ResourceId is not a resource of the API`);
  }
  const authorization = t.stringProp(id, 'AuthorizationType');
  if (authorization !== 'NONE' && authorization !== 'COGNITO_USER_POOLS') {
    throw new Error(`${id}: the stand-in models AuthorizationType NONE and COGNITO_USER_POOLS only, not ${authorization}`);
  }
  let tokenHeader: string | undefined;
  let issuers: string[] = [];
  if (authorization === 'COGNITO_USER_POOLS') {
    const authorizerRef = t.resource(id).Properties?.AuthorizerId;
    const authorizer = t.ofType('AWS::ApiGateway::Authorizer').find((a) => ResolvedTemplate.isRefTo(authorizerRef, a));
    if (!authorizer || t.prop(authorizer, 'Type') !== 'COGNITO_USER_POOLS') {
      throw new Error(`${id}.AuthorizerId is not a COGNITO_USER_POOLS authorizer of the template`);
    }
    const source = /^method\.request\.header\.(.+)$/.exec(t.stringProp(authorizer, 'IdentitySource'));
    if (!source) {
      throw new Error(`${authorizer}.IdentitySource is not a request header`);
    }
    tokenHeader = source[1];
    issuers = t.stringsProp(authorizer, 'ProviderARNs').map((arn) => issuerOf(arn.split('/').pop()!));
  }

  const integration = (t.prop(id, 'Integration') ?? {}) as { [key: string]: Json };
  if (integration.Type !== 'MOCK') {
    throw new Error(`${id}: the stand-in models MOCK integrations only, not ${JSON.stringify(integration.Type)}`);
  }
  const requestTemplate = ((integration.RequestTemplates ?? {}) as { [type: string]: string })['application/json'] ?? '';
  const status = /statusCode"?\s*:\s*(\d{3})/.exec(requestTemplate);
  if (!status) {
    throw new Error(`${id}: the mock's application/json request template names no statusCode: ${requestTemplate}`);
  }

  // API Gateway refuses to deploy a header mapping that the method response does not declare.
  const declared = new Map<string, Set<string>>();
  for (const response of (t.prop(id, 'MethodResponses') ?? []) as Array<{ StatusCode: string; ResponseParameters?: { [k: string]: boolean } }>) {
    declared.set(response.StatusCode, new Set(Object.keys(response.ResponseParameters ?? {})));
  }
  const integrationResponses = ((integration.IntegrationResponses ?? []) as Array<{ [key: string]: Json }>).map((r) => {
    const statusCode = r.StatusCode as string;
    const parameters = (r.ResponseParameters ?? {}) as { [key: string]: string };
    for (const key of Object.keys(parameters)) {
      if (!declared.get(statusCode)?.has(key)) {
        throw new Error(`${id}: the integration response ${statusCode} maps ${key}, which no method response ${statusCode} declares`);
      }
    }
    const templates = Object.fromEntries(Object.entries((r.ResponseTemplates ?? {}) as { [type: string]: string })
      .map(([type, template]) => [type, MappingTemplate.parse(`${id} integration response ${statusCode} (${type})`, template)]));
    return {
      statusCode,
      selectionPattern: r.SelectionPattern as string | undefined,
      headers: headersOf(`${id} integration response ${statusCode}`, parameters, 'method.response.header.'),
      templates,
    };
  });

  return {
    httpMethod: t.stringProp(id, 'HttpMethod'),
    path,
    authorization,
    scopes: authorization === 'COGNITO_USER_POOLS' ? t.stringsProp(id, 'AuthorizationScopes') : [],
    tokenHeader,
    issuers,
    mockStatusCode: Number(status[1]),
    integrationResponses,
  };
}

/** Header mappings whose values are static (`'value'`); anything else is not modelled. */
function headersOf(where: string, parameters: { [key: string]: string }, prefix: string): { [name: string]: string } {
  const headers: { [name: string]: string } = Object.create(null);
  for (const [name, mapping] of Object.entries(headerMappingsOf(where, parameters, prefix))) {
    if (!('value' in mapping)) {
      throw new Error(`${where}: the stand-in models static header mappings only, not ${prefix}${name} = method.request.header.${mapping.requestHeader}`);
    }
    headers[name] = mapping.value;
  }
  return headers;
}

/** Header mappings: static (`'value'`), or, where `fromRequest` matches the source, a request header. */
function headerMappingsOf(where: string, parameters: { [key: string]: string }, prefix: string, fromRequest?: RegExp)
  : { [name: string]: HeaderMapping } {
  const headers: { [name: string]: HeaderMapping } = Object.create(null);
  for (const [key, value] of Object.entries(parameters)) {
    const literal = /^'(.*)'$/s.exec(value);
    const request = fromRequest?.exec(value);
    if (!key.startsWith(prefix) || (!literal && !request)) {
      throw new Error(`${where}: the stand-in models ${fromRequest ? 'static and request header' : 'static'} header mappings only, not ${key} = ${value}`);
    }
    headers[key.slice(prefix.length)] = literal ? { value: literal[1] } : { requestHeader: request![1] };
  }
  return headers;
}
