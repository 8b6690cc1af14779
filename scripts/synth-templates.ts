/**
 * Synthesizes, once, every template the checks read, into one folder (default
 * cdk.out/ci-templates, gitignored with cdk.out):
 *
 *   example/   the example app (example/main.ts): cfn-lint, checkov and the end-to-end test
 *   two-origins/   the example's API with the web app on two origins (example/two-origins.ts): the end-to-end test
 *   maximal/   the API with every feature on (scripts/checkov-maximal.ts): checkov and cfn-lint
 *   http/      the HTTP construct with its defaults, with every feature on (test/fixtures/maximal-http.ts), and with
 *              every feature, its alarms and its dashboard:
 *              checkov and cfn-lint
 *   split/     an API split across nested stacks (test/fixtures/split.ts): checkov and cfn-lint, every
 *              template of the assembly, the parent's and each nested stack's
 *   lint/      one more with every feature on and a seeded sample of generated valid props
 *              (scripts/cfn-lint-templates.ts): cfn-lint
 *   integ/<test/integ.X.ts>/   each integration test's cloud assembly: the snapshot comparison
 *
 * CDK's built-in template validation is off here: it does not change a template, and the build's
 * jest runs it. Run without type-checking (the build type-checks): the `templates` task.
 *
 *   ts-node --transpile-only scripts/synth-templates.ts [outdir]
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { App, Stack } from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { lintApp } from './cfn-lint-templates';
import { maximalApi } from './checkov-maximal';
import { ON_CALL_TOPIC_ARN } from '../test/fixtures/maximal';
import { defaultHttpApi, maximalHttpApi } from '../test/fixtures/maximal-http';
import { splitApi } from '../test/fixtures/split';

const root = path.join(__dirname, '..');
export const TEMPLATES_DIR = path.join(root, 'cdk.out', 'ci-templates');
const ENV = { account: '123456789012', region: 'us-east-1' };

/** Synthesizes one integration test app in a process of its own (it synthesizes on exit, like under the CDK CLI). */
async function synthIntegTest(file: string, outdir: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', file], {
    cwd: root,
    env: { ...process.env, CDK_OUTDIR: outdir, TS_NODE_PROJECT: path.join(root, 'tsconfig.dev.json') },
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function main(argv: string[]): Promise<void> {
  const outdir = path.resolve(argv[0] ?? TEMPLATES_DIR);
  const started = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  process.env.CDK_VALIDATION = 'false';

  // The integration tests run beside the in-process synths below: the second core has them.
  const testDir = path.join(root, 'test');
  const integTests = fs.readdirSync(testDir).filter((name) => /^integ\..*\.ts$/.test(name)).sort();
  const integ = Promise.all(integTests.map((name) => synthIntegTest(path.join(testDir, name), path.join(outdir, 'integ', name))));

  // The example app synthesizes where EXAMPLE_OUTDIR says, and prints what `npx projen example` prints.
  process.env.EXAMPLE_OUTDIR = path.join(outdir, 'example');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after EXAMPLE_OUTDIR is set
  require('../example/main');
  delete process.env.EXAMPLE_OUTDIR;
  process.env.TWO_ORIGINS_OUTDIR = path.join(outdir, 'two-origins');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after TWO_ORIGINS_OUTDIR is set
  require('../example/two-origins');
  delete process.env.TWO_ORIGINS_OUTDIR;

  const maximal = new App({ outdir: path.join(outdir, 'maximal') });
  maximalApi(new Stack(maximal, 'MaximalApiStack', { env: ENV }));
  maximal.synth();

  const http = new App({ outdir: path.join(outdir, 'http') });
  defaultHttpApi(new Stack(http, 'DefaultHttpApiStack', { env: ENV }));
  maximalHttpApi(new Stack(http, 'MaximalHttpApiStack', { env: ENV }));
  // The HTTP construct's alarms and dashboard too (the REST construct's are in the maximal API).
  const monitoredStack = new Stack(http, 'MonitoredHttpApiStack', { env: ENV });
  const monitored = maximalHttpApi(monitoredStack);
  monitored.addAlarms({ alarmAction: new actions.SnsAction(sns.Topic.fromTopicArn(monitoredStack, 'OnCall', ON_CALL_TOPIC_ARN)) });
  monitored.addDashboard();
  http.synth();
  const split = new App({ outdir: path.join(outdir, 'split') });
  splitApi(new Stack(split, 'SplitApiStack', { env: ENV }));
  split.synth();

  const lint = lintApp(path.join(outdir, 'lint'));
  lint.app.synth();

  await integ;
  const count = (dir: string) => fs.readdirSync(path.join(outdir, dir)).filter((name) => name.endsWith('.template.json')).length;
  console.log(`templates in ${path.relative(process.cwd(), outdir)}: example ${count('example')}, two-origins ${count('two-origins')}, maximal ${count('maximal')}, http ${count('http')}, split ${count('split')}, ` +
    `lint ${count('lint')} (${lint.description}), integ ${integTests.map((name) => `${name} ${count(path.join('integ', name))}`).join(', ')}; ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
