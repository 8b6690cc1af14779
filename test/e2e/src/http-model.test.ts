/**
 * What the HTTP API stand-in reads from a template (`npm test` here): the routes, their authorizer
 * and function, the stage and CORS; and what it refuses to guess. The end-to-end run reads the
 * synthesized template; these check the shapes it does not have.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpApiModel } from './http-model.js';
import { ResolvedTemplate, type Json, type Template } from './template.js';

type Props = { [key: string]: Json };

/** An HTTP API with one JWT route, one public route and a $default stage; `change` edits it first. */
function template(change: (resources: { [id: string]: { Type: string; Properties: Props } }) => void = () => undefined): ResolvedTemplate {
  const resources: { [id: string]: { Type: string; Properties: Props } } = {
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
    Api: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['https://app.example'], AllowMethods: ['GET'], MaxAge: 60 } },
    },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'Api' },
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: 'Client' }],
          Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'Pool' }]] },
        },
      },
    },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'exports.handler = async () => 1;' }, Handler: 'index.handler', Runtime: 'nodejs22.x' } },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0' },
    },
    Read: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'Api' },
        RouteKey: 'GET /items/{id}',
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'Authorizer' },
        AuthorizationScopes: ['api/read'],
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
      },
    },
    Public: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$default', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } },
    },
  };
  change(resources);
  return new ResolvedTemplate({ Resources: resources } as Template);
}

describe('httpApiModel', () => {
  it('reads the routes with their authorizer, scopes and function, the stage and CORS', () => {
    const t = template();
    const model = httpApiModel(t);
    assert.equal(model.apiId, t.ref('Api'));
    assert.equal(model.stagePrefix, '');
    assert.deepEqual(model.cors, {
      allowOrigins: ['https://app.example'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], maxAge: 60, allowCredentials: false,
    });
    const [read, fallback] = model.routes;
    assert.equal(read.method, 'GET');
    assert.equal(read.path, '/items/{id}');
    assert.deepEqual(read.scopes, ['api/read']);
    assert.deepEqual(read.authorizer, {
      logicalId: 'Authorizer',
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${t.ref('Pool')}`,
      audience: [t.ref('Client')],
      header: 'authorization',
    });
    assert.deepEqual(read.integration, { logicalId: 'Integration', functionId: 'Fn', code: 'exports.handler = async () => 1;', handlerExport: 'handler' });
    assert.equal(fallback.method, '$default');
    assert.equal(fallback.authorizer, undefined);
  });

  it('puts a named stage in front of the paths', () => {
    assert.equal(httpApiModel(template((r) => { r.Stage.Properties.StageName = 'prod'; })).stagePrefix, '/prod');
  });

  it('refuses a stage that does not deploy automatically', () => {
    assert.throws(() => httpApiModel(template((r) => { delete r.Stage.Properties.AutoDeploy; })), /AutoDeploy true/);
  });

  it('refuses other integrations than Lambda proxy ones of payload format 2.0', () => {
    assert.throws(() => httpApiModel(template((r) => { r.Integration.Properties.PayloadFormatVersion = '1.0'; })), /payload format 2\.0/);
    assert.throws(() => httpApiModel(template((r) => { r.Integration.Properties.IntegrationType = 'HTTP_PROXY'; })), /not "HTTP_PROXY"/);
  });

  it('refuses a function without inline code', () => {
    assert.throws(() => httpApiModel(template((r) => { r.Fn.Properties.Code = { S3Bucket: 'b', S3Key: 'k' }; })), /inline code/);
  });

  it('refuses other authorizers and authorization types', () => {
    assert.throws(() => httpApiModel(template((r) => { r.Authorizer.Properties.AuthorizerType = 'REQUEST'; })), /JWT authorizers only/);
    assert.throws(() => httpApiModel(template((r) => { r.Read.Properties.AuthorizationType = 'AWS_IAM'; })), /NONE and JWT only/);
  });

  it('refuses an identity source that is not one header', () => {
    assert.throws(() => httpApiModel(template((r) => { r.Authorizer.Properties.IdentitySource = ['$request.querystring.token']; })),
      /IdentitySource is not one request header/);
  });

  it('refuses scopes on a route without an authorizer', () => {
    assert.throws(() => httpApiModel(template((r) => { r.Public.Properties.AuthorizationScopes = ['api/read']; })), /AuthorizationScopes without a JWT authorizer/);
  });
});
