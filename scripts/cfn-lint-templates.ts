/**
 * The templates that scripts/cfn-lint.sh lints besides the example's and the maximal API's
 * (scripts/synth-templates.ts writes all three sets): one more with every feature of the construct
 * on, and a seeded sample of generated valid props (test/property/).
 *
 * Usage, for a sample other than the default: ts-node scripts/cfn-lint-templates.ts <outdir> [--sample N] [--seed S]
 */
import { App, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { ApiSpec, buildApi, validSpec } from '../test/property/arbitraries';

const ENV = { account: '123456789012', region: 'us-east-1' };

/**
 * Every feature on at once: custom domain, URL identifier, machine clients, WAF, MFA, PLUS, passkeys, SES email,
 * refresh token rotation, logging, public and greedy paths. (Email codes are in the generated sample.)
 */
const EVERY_FEATURE: ApiSpec = {
  props: {
    customDomainName: 'auth.example.com',
    resourceServerIdentifier: 'https://api.example.com',
    scopes: [
      { name: 'orders.read', description: 'Read orders' },
      { name: 'orders.write', description: 'Write orders' },
      { name: 'orders.admin', description: 'Administer orders (für Admins)' },
    ],
    clientScopes: ['orders.read', 'orders.write'],
    callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/dashboard', 'myapp://callback'],
    logoutUrls: ['https://app.example.com/'],
    accessTokenMinutes: 30,
    idTokenMinutes: 30,
    refreshTokenMinutes: 30 * 24 * 60,
    corsAllowOrigins: ['https://app.example.com', 'http://localhost:3000'],
    stageName: 'v1',
    throttlingRateLimit: 50.5,
    throttlingBurstLimit: 100,
    webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/0f1e2d3c-1111-2222-3333-444455556666',
    managedLoginVersion: 'NEWER_MANAGED_LOGIN',
    featurePlan: 'PLUS',
    mfa: 'REQUIRED',
    removalPolicy: 'DESTROY',
    executionLoggingLevel: 'INFO',
    selfSignUpEnabled: false,
    allowUserPasswordAuth: true,
    tracingEnabled: true,
    cloudWatchRole: true,
    userPoolName: 'orders-users',
    restApiName: 'orders-api',
    firstFactors: { password: true, passkey: true },
    passkeyUserVerification: 'REQUIRED',
    sesEmail: true,
    rotationSeconds: 30,
  },
  methods: [
    { httpMethod: 'GET', path: '/orders', scopes: ['orders.read', 'orders.admin'] },
    { httpMethod: 'POST', path: '/orders', scopes: ['orders.write'] },
    { httpMethod: 'GET', path: '/orders/{orderId}', scopes: ['orders.read'] },
    { httpMethod: 'DELETE', path: '/orders/{orderId}', scopes: ['orders.admin'] },
    { httpMethod: 'ANY', path: '/files/{proxy+}', scopes: ['orders.admin'] },
    { httpMethod: 'GET', path: '/health', scopes: [], allowUnauthenticated: true },
  ],
  machineClients: [
    { id: 'Reporting', scopes: ['orders.read'], accessTokenMinutes: 15 },
    { id: 'Admin', scopes: ['orders.admin'] },
  ],
};

/** Default size and seed of the generated sample. */
export const SAMPLE = 20;
export const SEED = 20261127;

/** An app with the every-feature stack and `sample` generated ones (seed `seed`), to synthesize into `outdir`. */
export function lintApp(outdir: string, sample = SAMPLE, seed = SEED): { app: App; description: string } {
  // cfn-lint does the checking here, so CDK's own template validation is off.
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  buildApi(new Stack(app, 'EveryFeature', { env: ENV }), EVERY_FEATURE);
  fc.sample(validSpec, { seed, numRuns: sample }).forEach((spec, i) => buildApi(new Stack(app, `Generated${i}`, { env: ENV }), spec));
  return { app, description: `EveryFeature and ${sample} generated, seed ${seed}` };
}

function main(argv: string[]): void {
  const outdir = argv[0];
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  if (!outdir) {
    throw new Error('usage: cfn-lint-templates.ts <outdir> [--sample N] [--seed S]');
  }
  const { app, description } = lintApp(outdir, option('sample', SAMPLE), option('seed', SEED));
  app.synth();
  console.log(`wrote ${description} to ${outdir}`);
}

if (require.main === module) {
  main(process.argv.slice(2));
}
