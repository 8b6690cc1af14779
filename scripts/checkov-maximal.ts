/**
 * The construct with every feature on, for the rule-pack tests (test/rule-packs.test.ts) and for
 * checkov (scripts/checkov.sh): run as a script, it synthesizes it into cdk.out/maximal.
 */
import * as path from 'path';
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ProtectedApiWithCognito } from '../src';

export const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
export const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
export const CLIENT_CERTIFICATE_ID = 'a1b2c3';

/**
 * The API with every option turned towards its strictest or fullest setting, its own KMS key for
 * the logs (with rotation, as a careful user would make it), a user group (so the construct's
 * trigger function), a Google sign-in, passkeys that must verify their user, refresh tokens that
 * rotate, and a method of every kind.
 */
export function maximalApi(stack: Stack, id = 'AwesomeApi'): ProtectedApiWithCognito {
  const api = new ProtectedApiWithCognito(stack, id, {
    customDomainName: 'auth.example.com',
    customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    resourceServerIdentifier: 'awesomeapi-resource-server',
    scopes: [
      { name: 'awesomeapi.read', description: 'read' },
      { name: 'awesomeapi.write', description: 'write' },
      { name: 'awesomeapi.admin', description: 'administer' },
    ],
    clientScopes: ['awesomeapi.read', 'awesomeapi.write'],
    callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/dashboard'],
    logoutUrls: ['https://app.example.com/'],
    featurePlan: cognito.FeaturePlan.PLUS,
    mfa: cognito.Mfa.REQUIRED,
    webAclArn: WEB_ACL_ARN,
    tracingEnabled: true,
    allowUserPasswordAuth: true,
    accessLogEncryptionKey: new kms.Key(stack, 'LogKey', {
      description: 'Encrypts the API\'s logs',
      enableKeyRotation: true,
    }),
    clientCertificateId: CLIENT_CERTIFICATE_ID,
    userGroups: [{ name: 'writers', scopes: ['awesomeapi.write'], description: 'May change items', precedence: 1 }],
    allowedFirstAuthFactors: { password: true, passkey: true },
    passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
    refreshTokenRotationGracePeriod: Duration.seconds(10),
  });
  api.addIdentityProvider(new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool: api.userPool,
    clientId: 'google-client-id.apps.googleusercontent.com',
    clientSecretValue: SecretValue.secretsManager('google-oauth-client-secret'),
    scopes: ['openid', 'email'],
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  }));
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  api.addMethod('PUT', '/awesomeapi/{itemId}', {
    scopes: ['awesomeapi.write'],
    requestParameters: { 'method.request.header.If-Match': true },
  });
  api.addMethod('DELETE', '/awesomeapi/{itemId}', { scopes: ['awesomeapi.admin'] });
  api.addMethod('GET', '/health', { allowUnauthenticated: true });
  api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });
  return api;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, '..', 'cdk.out', 'maximal') });
  const stack = new Stack(app, 'MaximalApiStack', { env: { account: '123456789012', region: 'us-east-1' } });
  maximalApi(stack);
  const assembly = app.synth();
  console.log(path.relative(process.cwd(), path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile)));
}
