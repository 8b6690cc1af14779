/**
 * The example's protected API as an HTTP API (`ProtectedHttpApiWithCognito`, example/awesome-http-api.ts),
 * with the web app on http://localhost:3000: a stack the end-to-end test uses (`npx projen e2e`) to
 * sign in and call the HTTP API from the app. It is synthesized into `cdk.out/example-http` (or HTTP_OUTDIR:
 * scripts/synth-templates.ts puts it with the checks' templates, in cdk.out/ci-templates/example-http).
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { addAwesomeHttpApi } from './awesome-http-api';

const app = new App({ outdir: process.env.HTTP_OUTDIR ?? path.join(__dirname, '..', 'cdk.out', 'example-http') });
const stack = new Stack(app, 'AwesomeHttpApiStack', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
addAwesomeHttpApi(stack, {
  callbackUrls: ['http://localhost:3000/dashboard'],
  logoutUrls: ['http://localhost:3000/'],
});
const assembly = app.synth();
console.log(`Synthesized ${stack.stackName}: ${path.relative(process.cwd(), path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile))}`);
