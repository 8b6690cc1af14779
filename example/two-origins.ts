/**
 * The example's protected API with the web app allowed on two origins, http://localhost:3000 and
 * http://localhost:3001: a stack only the end-to-end test uses (`npx projen e2e`), to check that
 * the app can sign in, call the API and read its refusals from either origin. It is synthesized
 * into `cdk.out/two-origins` (or TWO_ORIGINS_OUTDIR: scripts/synth-templates.ts puts it with the
 * checks' templates), beside the example (example/main.ts), which it leaves as it is.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { addAwesomeApi } from './awesome-api';

const app = new App({ outdir: process.env.TWO_ORIGINS_OUTDIR ?? path.join(__dirname, '..', 'cdk.out', 'two-origins') });
const stack = new Stack(app, 'AwesomeApiTwoOriginsStack', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
addAwesomeApi(stack, {
  callbackUrls: ['http://localhost:3000/dashboard', 'http://localhost:3001/dashboard'],
  logoutUrls: ['http://localhost:3000/', 'http://localhost:3001/'],
});
const assembly = app.synth();
console.log(`Synthesized ${stack.stackName}: ${path.relative(process.cwd(), path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile))}`);
