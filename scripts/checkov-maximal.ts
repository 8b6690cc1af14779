/**
 * The construct with every feature on (test/fixtures/maximal.ts), for checkov (scripts/checkov.sh):
 * run as a script, it synthesizes it into cdk.out/maximal.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { maximalApi } from '../test/fixtures/maximal';

export { CERT_ARN, CLIENT_CERTIFICATE_ID, WEB_ACL_ARN, maximalApi } from '../test/fixtures/maximal';

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, '..', 'cdk.out', 'maximal') });
  const stack = new Stack(app, 'MaximalApiStack', { env: { account: '123456789012', region: 'us-east-1' } });
  maximalApi(stack);
  const assembly = app.synth();
  console.log(path.relative(process.cwd(), path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile)));
}
