import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { DEFAULT_RESPONSE_BODY } from './cors';
import { ProtectedMethodOptions } from '../../options';
import { BodySchema, RouteBody, RouteDetails, RouteParameter, RouteResponse } from '../routes';

/*
 * What a REST method's options say about its callers, in the registry's terms (for the OpenAPI
 * document): request parameters, request models and method responses; the default mock's answer.
 *
 * Sources: the API Gateway developer guide (request parameters are
 * `method.request.{querystring|multivaluequerystring|header|multivalueheader|path}.<name>`, response
 * headers `method.response.header.<name>`; models are JSON Schema draft 4) and the OpenAPI
 * Specification 3.0.3 (its Schema Object takes a subset of that draft, with `nullable`).
 */

const PARAMETER = /^method\.request\.(querystring|multivaluequerystring|header|multivalueheader|path)\.(.+)$/;
const RESPONSE_HEADER = /^method\.response\.header\.(.+)$/;

/**
 * @param options the method's options
 * @param defaultResponses the method responses the construct gives a method with the default integration
 */
export function restRouteDetails(options: ProtectedMethodOptions, defaultResponses: apigateway.MethodResponse[]): RouteDetails {
  const defaultIntegration = options.integration === undefined && options.methodResponses === undefined;
  const methodResponses = options.methodResponses ?? (defaultIntegration ? defaultResponses : []);
  return {
    parameters: requestParameters(options.requestParameters ?? {}),
    requestBodies: Object.entries(options.requestModels ?? {}).map(([contentType, model]) => body(contentType, model)),
    responses: methodResponses.filter((r) => !Token.isUnresolved(r.statusCode)).map((r) => response(r, defaultIntegration)),
  };
}

/** Query and header parameters; path ones come from the path itself. */
function requestParameters(params: { [param: string]: boolean }): RouteParameter[] {
  const out: RouteParameter[] = [];
  for (const [key, required] of Object.entries(params)) {
    const match = PARAMETER.exec(key);
    if (!match || match[1] === 'path') {
      continue;
    }
    out.push({
      location: match[1].endsWith('querystring') ? 'query' : 'header',
      name: match[2],
      required: required === true,
      repeated: match[1].startsWith('multivalue'),
    });
  }
  return out;
}

function response(r: apigateway.MethodResponse, defaultIntegration: boolean): RouteResponse {
  const headers = Object.keys(r.responseParameters ?? {})
    .map((key) => RESPONSE_HEADER.exec(key)?.[1])
    .filter((name): name is string => name !== undefined);
  const bodies = Object.entries(r.responseModels ?? {}).map(([contentType, model]) => body(contentType, model));
  if (defaultIntegration && bodies.length === 0) {
    bodies.push({
      contentType: 'application/json',
      schema: { type: 'object', properties: { message: { type: 'string' } }, example: DEFAULT_RESPONSE_BODY },
    });
  }
  return {
    statusCode: r.statusCode,
    description: defaultIntegration ? 'The default mock integration\'s answer.' : `The method's ${r.statusCode} answer.`,
    headers,
    bodies,
  };
}

/** A model as a body: its schema, under its name, when the construct can read it. */
function body(contentType: string, model: apigateway.IModel): RouteBody {
  if (model === apigateway.Model.EMPTY_MODEL) {
    return { contentType, schemaName: 'Empty', schema: { type: 'object' } };
  }
  if (model === apigateway.Model.ERROR_MODEL) {
    return { contentType, schemaName: 'Error', schema: { type: 'object', properties: { message: { type: 'string' } } } };
  }
  if (model instanceof apigateway.Model) {
    const cfn = model.node.defaultChild as apigateway.CfnModel;
    const name = typeof cfn.name === 'string' && !Token.isUnresolved(cfn.name) ? cfn.name : model.node.id;
    return { contentType, schemaName: name, schema: openApiSchema(cfn.schema) };
  }
  return { contentType, schema: { description: 'A model of the REST API that the construct cannot read.' } };
}

/** The JSON Schema (draft 4) keywords an OpenAPI 3.0 Schema Object takes as they are. */
const KEPT = new Set(['title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum',
  'description', 'format', 'default']);
/** The keywords whose value is a schema, a list of schemas or a map of schemas. */
const ONE_SCHEMA = new Set(['not', 'additionalProperties']);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * A model's JSON Schema (draft 4) as an OpenAPI 3.0 Schema Object: what 3.0 cannot say (`$schema`,
 * `id`, `definitions`, references to other models, type lists other than one type and `null`, tuple
 * items, pattern properties, dependencies) is left out, so the document says less but nothing false.
 */
export function openApiSchema(schema: unknown): BodySchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return {};
  }
  const input = schema as { [key: string]: unknown };
  const out: BodySchema = {};
  for (const [key, value] of Object.entries(input)) {
    if (KEPT.has(key)) {
      out[key] = value;
    } else if (key === 'type') {
      Object.assign(out, openApiType(value));
    } else if (ONE_SCHEMA.has(key)) {
      out[key] = typeof value === 'boolean' ? value : openApiSchema(value);
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map(openApiSchema);
    } else if (key === 'items') {
      out.items = Array.isArray(value) ? {} : openApiSchema(value);
    } else if (key === 'properties' && value !== null && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, openApiSchema(s)]));
    }
  }
  return out;
}

function openApiType(type: unknown): BodySchema {
  if (typeof type === 'string') {
    return type === 'null' ? { nullable: true } : { type };
  }
  if (Array.isArray(type)) {
    const types = type.filter((t) => t !== 'null');
    return { ...(types.length === 1 ? { type: types[0] } : {}), ...(types.length < type.length ? { nullable: true } : {}) };
  }
  return {};
}
