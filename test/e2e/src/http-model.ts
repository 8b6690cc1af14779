/**
 * What the HTTP API stand-in (http-api.ts) serves, read from the template and nothing else: the one
 * `AWS::ApiGatewayV2::Api` (its `CorsConfiguration`), its stage, each `AWS::ApiGatewayV2::Route`
 * (`RouteKey`, `AuthorizationType`, `AuthorizerId`, `AuthorizationScopes`, `Target`), the JWT
 * `AWS::ApiGatewayV2::Authorizer`s (`JwtConfiguration` `Issuer` and `Audience`, `IdentitySource`),
 * and the Lambda proxy integrations, whose functions' inline code the stand-in runs. Anything
 * else is refused with the resource's name, never guessed.
 */
import { ResolvedTemplate, type Json } from './template.js';

/** The API's CORS configuration (`AWS::ApiGatewayV2::Api` `CorsConfiguration`). */
export interface CorsModel {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  readonly allowHeaders: string[];
  readonly exposeHeaders: string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

export interface JwtAuthorizerModel {
  readonly logicalId: string;
  /** The Cognito issuer, as the template says. */
  readonly issuer: string;
  readonly audience: string[];
  /** The request header the token is read from (`$request.header.<name>`), lower case. */
  readonly header: string;
}

/** A Lambda proxy integration (`AWS_PROXY`, payload format 2.0) of a function with inline Node.js code. */
export interface LambdaIntegrationModel {
  readonly logicalId: string;
  readonly functionId: string;
  /** The function's `Code.ZipFile`: the module `index` of the handler `index.<export>`. */
  readonly code: string;
  readonly handlerExport: string;
}

export interface HttpRouteModel {
  readonly logicalId: string;
  readonly routeKey: string;
  /** `GET`, ..., or `ANY`; `$default` for the default route. */
  readonly method: string;
  /** The route's path, e.g. `/awesomeapi/{id}`; empty for `$default`. */
  readonly path: string;
  readonly authorizer?: JwtAuthorizerModel;
  readonly scopes: string[];
  readonly integration: LambdaIntegrationModel;
}

export interface HttpApiModel {
  readonly apiId: string;
  /** The stage's path prefix: empty for `$default`, `/<name>` otherwise. */
  readonly stagePrefix: string;
  readonly stageName: string;
  readonly cors?: CorsModel;
  readonly routes: HttpRouteModel[];
}

const strings = (where: string, value: Json | undefined): string[] => {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new Error(`${where} is not a list of strings: ${JSON.stringify(value)}`);
  }
  return value as string[];
};

/** The one HTTP API of the template, its one stage and its routes. */
export function httpApiModel(t: ResolvedTemplate): HttpApiModel {
  const apis = t.ofType('AWS::ApiGatewayV2::Api');
  if (apis.length !== 1) {
    throw new Error(`expected one AWS::ApiGatewayV2::Api, found ${apis.length}`);
  }
  const api = apis[0];
  if (t.prop(api, 'ProtocolType') !== 'HTTP') {
    throw new Error(`${api}: the stand-in models HTTP APIs only, not ProtocolType ${JSON.stringify(t.prop(api, 'ProtocolType'))}`);
  }
  if (t.prop(api, 'Body') !== undefined || t.prop(api, 'BodyS3Location') !== undefined) {
    throw new Error(`${api}: the stand-in models APIs made of routes, not of an OpenAPI body`);
  }
  const ofApi = (type: string) => t.ofType(type).filter((id) => ResolvedTemplate.isRefTo(t.resource(id).Properties?.ApiId, api));

  const stages = ofApi('AWS::ApiGatewayV2::Stage');
  if (stages.length !== 1) {
    throw new Error(`expected one AWS::ApiGatewayV2::Stage of ${api}, found ${stages.length}`);
  }
  if (t.prop(stages[0], 'AutoDeploy') !== true) {
    throw new Error(`${stages[0]}: the stand-in models stages that deploy automatically only (AutoDeploy true): without a deployment nothing is served`);
  }
  const stageName = t.stringProp(stages[0], 'StageName');

  const cors = t.prop(api, 'CorsConfiguration') as { [key: string]: Json } | undefined;
  const corsModel: CorsModel | undefined = cors && {
    allowOrigins: strings(`${api}.CorsConfiguration.AllowOrigins`, cors.AllowOrigins),
    allowMethods: strings(`${api}.CorsConfiguration.AllowMethods`, cors.AllowMethods),
    allowHeaders: strings(`${api}.CorsConfiguration.AllowHeaders`, cors.AllowHeaders),
    exposeHeaders: strings(`${api}.CorsConfiguration.ExposeHeaders`, cors.ExposeHeaders),
    maxAge: typeof cors.MaxAge === 'number' ? cors.MaxAge : undefined,
    allowCredentials: cors.AllowCredentials === true,
  };

  const authorizers = new Map(ofApi('AWS::ApiGatewayV2::Authorizer').map((id) => [t.ref(id), authorizerModel(t, id)]));
  const integrations = new Map(ofApi('AWS::ApiGatewayV2::Integration').map((id) => [t.ref(id), id]));

  const routes = ofApi('AWS::ApiGatewayV2::Route').map((id): HttpRouteModel => {
    const routeKey = t.stringProp(id, 'RouteKey');
    const [method, path = ''] = routeKey === '$default' ? ['$default'] : routeKey.split(' ');
    if (method !== '$default' && (!/^[A-Z]+$/.test(method) || !path.startsWith('/'))) {
      throw new Error(`${id}.RouteKey is not "<METHOD> /<path>" nor $default: ${routeKey}`);
    }
    const authorization = t.prop(id, 'AuthorizationType') ?? 'NONE';
    let authorizer: JwtAuthorizerModel | undefined;
    if (authorization === 'JWT') {
      authorizer = authorizers.get(t.stringProp(id, 'AuthorizerId'));
      if (!authorizer) {
        throw new Error(`${id}.AuthorizerId is not a JWT authorizer of ${api}`);
      }
    } else if (authorization !== 'NONE') {
      throw new Error(`${id}: the stand-in models AuthorizationType NONE and JWT only, not ${JSON.stringify(authorization)}`);
    }
    const scopes = strings(`${id}.AuthorizationScopes`, t.prop(id, 'AuthorizationScopes'));
    if (scopes.length > 0 && !authorizer) {
      throw new Error(`${id} has AuthorizationScopes without a JWT authorizer`);
    }
    const target = /^integrations\/(.+)$/.exec(t.stringProp(id, 'Target'));
    const integrationId = target && integrations.get(target[1]);
    if (!integrationId) {
      throw new Error(`${id}.Target is not "integrations/<an integration of ${api}>": ${t.stringProp(id, 'Target')}`);
    }
    return { logicalId: id, routeKey, method, path, authorizer, scopes, integration: integrationModel(t, integrationId) };
  });

  return { apiId: t.ref(api), stageName, stagePrefix: stageName === '$default' ? '' : `/${stageName}`, cors: corsModel, routes };
}

function authorizerModel(t: ResolvedTemplate, id: string): JwtAuthorizerModel {
  if (t.prop(id, 'AuthorizerType') !== 'JWT') {
    throw new Error(`${id}: the stand-in models JWT authorizers only, not ${JSON.stringify(t.prop(id, 'AuthorizerType'))}`);
  }
  const sources = t.stringsProp(id, 'IdentitySource');
  const header = sources.length === 1 ? /^\$request\.header\.(.+)$/.exec(sources[0]) : null;
  if (!header) {
    throw new Error(`${id}.IdentitySource is not one request header ($request.header.<name>): ${JSON.stringify(sources)}`);
  }
  const jwt = (t.prop(id, 'JwtConfiguration') ?? {}) as { [key: string]: Json };
  if (typeof jwt.Issuer !== 'string') {
    throw new Error(`${id}.JwtConfiguration.Issuer is not a string: ${JSON.stringify(jwt.Issuer)}`);
  }
  return {
    logicalId: id,
    issuer: jwt.Issuer,
    audience: strings(`${id}.JwtConfiguration.Audience`, jwt.Audience),
    header: header[1].toLowerCase(),
  };
}

function integrationModel(t: ResolvedTemplate, id: string): LambdaIntegrationModel {
  const type = t.prop(id, 'IntegrationType');
  if (type !== 'AWS_PROXY' || t.prop(id, 'PayloadFormatVersion') !== '2.0' || t.prop(id, 'IntegrationSubtype') !== undefined) {
    throw new Error(`${id}: the stand-in models Lambda proxy integrations (AWS_PROXY, payload format 2.0) only, not ${JSON.stringify(type)} `
      + `${JSON.stringify(t.prop(id, 'PayloadFormatVersion'))}`);
  }
  // The function's ARN, as `Fn::GetAtt: [<function>, Arn]` in the raw template.
  const uri = t.resource(id).Properties?.IntegrationUri as { [key: string]: Json } | undefined;
  const getAtt = uri?.['Fn::GetAtt'];
  const functionId = Array.isArray(getAtt) && getAtt[1] === 'Arn' ? String(getAtt[0]) : undefined;
  if (!functionId || t.resource(functionId).Type !== 'AWS::Lambda::Function') {
    throw new Error(`${id}.IntegrationUri is not the Arn of a function of the template: ${JSON.stringify(uri)}`);
  }
  const code = (t.prop(functionId, 'Code') ?? {}) as { [key: string]: Json };
  const runtime = t.stringProp(functionId, 'Runtime');
  const handler = /^index\.([A-Za-z_$][\w$]*)$/.exec(t.stringProp(functionId, 'Handler'));
  if (typeof code.ZipFile !== 'string' || !runtime.startsWith('nodejs') || !handler) {
    throw new Error(`${functionId}: the stand-in runs Node.js functions with inline code (Code.ZipFile) and the handler index.<name> only`);
  }
  return { logicalId: id, functionId, code: code.ZipFile, handlerExport: handler[1] };
}
