import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { openApiSchema, restRouteDetails } from '../../../src/private/rest/route-details';
import { newStack } from '../../helpers';

const DEFAULT_RESPONSES: apigateway.MethodResponse[] = [{ statusCode: '200', responseParameters: { 'method.response.header.Content-Type': true } }];

describe('restRouteDetails', () => {
  test('query and header parameters, single or repeated, required or not; path ones are left to the path', () => {
    const details = restRouteDetails({
      requestParameters: {
        'method.request.querystring.page': false,
        'method.request.multivaluequerystring.tag': true,
        'method.request.header.If-Match': true,
        'method.request.multivalueheader.X-Trace': false,
        'method.request.path.orderId': true,
        'not.a.parameter': true,
      },
    }, DEFAULT_RESPONSES);

    expect(details.parameters).toEqual([
      { location: 'query', name: 'page', required: false, repeated: false },
      { location: 'query', name: 'tag', required: true, repeated: true },
      { location: 'header', name: 'If-Match', required: true, repeated: false },
      { location: 'header', name: 'X-Trace', required: false, repeated: true },
    ]);
  });

  test('the default integration answers the default responses with the mock\'s body', () => {
    const details = restRouteDetails({}, DEFAULT_RESPONSES);

    expect(details.responses).toEqual([{
      statusCode: '200',
      description: 'The default mock integration\'s answer.',
      headers: ['Content-Type'],
      bodies: [{
        contentType: 'application/json',
        schema: { type: 'object', properties: { message: { type: 'string' } }, example: { message: 'Hello From Protected Resource' } },
      }],
    }]);
  });

  test('an integration without method responses declares none', () => {
    const details = restRouteDetails({ integration: new apigateway.MockIntegration() }, DEFAULT_RESPONSES);

    expect(details.responses).toEqual([]);
  });

  test('models: a model of the API by its name and schema; the built-in ones; one it cannot read, without a name', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const named = api.addModel('Named', { modelName: 'Thing', contentType: 'application/json', schema: { type: apigateway.JsonSchemaType.STRING } });
    const unnamed = api.addModel('Unnamed', { contentType: 'application/json', schema: { type: apigateway.JsonSchemaType.NUMBER } });
    const imported: apigateway.IModel = { modelId: 'Other' };

    const details = restRouteDetails({
      requestModels: { 'application/json': named, 'text/plain': unnamed, 'application/xml': imported },
      methodResponses: [{ statusCode: '200', responseModels: { 'application/json': apigateway.Model.EMPTY_MODEL, 'text/plain': apigateway.Model.ERROR_MODEL } }],
    }, DEFAULT_RESPONSES);

    expect(details.requestBodies).toEqual([
      { contentType: 'application/json', schemaName: 'Thing', schema: { type: 'string' } },
      { contentType: 'text/plain', schemaName: 'Unnamed', schema: { type: 'number' } },
      { contentType: 'application/xml', schema: { description: 'A model of the REST API that the construct cannot read.' } },
    ]);
    expect(details.responses[0].bodies).toEqual([
      { contentType: 'application/json', schemaName: 'Empty', schema: { type: 'object' } },
      { contentType: 'text/plain', schemaName: 'Error', schema: { type: 'object', properties: { message: { type: 'string' } } } },
    ]);
  });
});

describe('openApiSchema', () => {
  test('keeps what OpenAPI 3.0 says alike, in nested schemas too', () => {
    expect(openApiSchema({
      type: 'object',
      title: 't',
      required: ['a'],
      additionalProperties: false,
      properties: {
        a: { type: 'array', items: { type: 'integer', minimum: 0, exclusiveMinimum: true }, minItems: 1, uniqueItems: true },
        b: { anyOf: [{ type: 'string', pattern: '^x', format: 'email' }, { enum: [1, 2] }] },
        c: { not: { type: 'null' }, additionalProperties: { type: 'boolean' }, default: 3 },
      },
    })).toEqual({
      type: 'object',
      title: 't',
      required: ['a'],
      additionalProperties: false,
      properties: {
        a: { type: 'array', items: { type: 'integer', minimum: 0, exclusiveMinimum: true }, minItems: 1, uniqueItems: true },
        b: { anyOf: [{ type: 'string', pattern: '^x', format: 'email' }, { enum: [1, 2] }] },
        c: { not: { nullable: true }, additionalProperties: { type: 'boolean' }, default: 3 },
      },
    });
  });

  test('leaves out what OpenAPI 3.0 cannot say: $schema, id, definitions, references, type lists, tuples', () => {
    expect(openApiSchema({
      $schema: 'http://json-schema.org/draft-04/schema#',
      id: 'x',
      definitions: { d: {} },
      $ref: 'https://apigateway.amazonaws.com/restapis/a/models/b',
      patternProperties: { '^x': {} },
      properties: {
        either: { type: ['string', 'number'] },
        maybe: { type: ['string', 'null'] },
        tuple: { type: 'array', items: [{ type: 'string' }] },
      },
    })).toEqual({
      properties: {
        either: {},
        maybe: { type: 'string', nullable: true },
        tuple: { type: 'array', items: {} },
      },
    });
  });

  test('anything but an object is any value', () => {
    expect([openApiSchema(undefined), openApiSchema(true), openApiSchema([1])]).toEqual([{}, {}, {}]);
  });
});
