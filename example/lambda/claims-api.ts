import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { ProtectedApiWithCognito } from '../../src';

/** The README's Lambda example: `GET /me` answered by `claims.ts` through a Lambda proxy integration. */
export function addClaimsApi(stack: Stack): { api: ProtectedApiWithCognito; handler: nodejs.NodejsFunction } {
  const origins = ['https://app.example.com'];
  const api = new ProtectedApiWithCognito(stack, 'ClaimsApi', {
    domainPrefix: 'claims-example-login',
    resourceServerIdentifier: 'claims-api',
    scopes: [{ name: 'profile.read', description: 'Read who you are' }],
    callbackUrls: ['https://app.example.com/callback'],
    corsAllowOrigins: origins,
  });
  const handler = new nodejs.NodejsFunction(stack, 'Claims', {
    entry: path.join(__dirname, 'claims.ts'),
    runtime: lambda.Runtime.NODEJS_22_X,
    environment: { ALLOWED_ORIGINS: origins.join(',') },
  });
  api.addMethod('GET', '/me', {
    scopes: ['profile.read'],
    integration: new apigateway.LambdaIntegration(handler),
  });
  return { api, handler };
}
