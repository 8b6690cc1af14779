// Writes a CDK app around the README's smallest example, taken word for word.
const fs = require('fs');

const readme = fs.readFileSync(process.argv[2], 'utf8');
// With 'false', cdk-nag is left out (aws-cdk-lib before 2.270.0 cannot take single-finding
// acknowledgements); CDK's own template validation still runs where the release has it.
const nag = process.argv[3] !== 'false';
const section = readme.split(/^## The smallest example$/m)[1];
if (!section) {
  throw new Error('README has no "## The smallest example" section');
}
// The example is a whole bin/app.ts: this app makes its own App (with cdk-nag) and Stack instead
// of the example's, and keeps everything else word for word.
const snippet = /```ts[^\n]*\n([\s\S]*?)```/.exec(section)[1];
const lines = snippet.split('\n').filter((line) => !line.startsWith('#!'));
const ownAppAndStack = (line) => /^import \{ App, Stack \} from 'aws-cdk-lib';$/.test(line)
  || /^const app = new App\(\);$/.test(line) || /^const stack = new Stack\(app, '[^']+'\);$/.test(line);
if (lines.filter(ownAppAndStack).length !== 3) {
  throw new Error('the smallest example no longer imports App and Stack, or makes `app` and `stack` as this test expects');
}
const imports = lines.filter((line) => line.startsWith('import ') && !ownAppAndStack(line));
const body = lines.filter((line) => !line.startsWith('import ') && !ownAppAndStack(line));

process.stdout.write(`import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
${imports.join('\n')}

const app = new App({ outdir: 'cdk.out' });
${nag ? '' : '// '}Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const stack = new Stack(app, 'ConsumerStack', { env: { region: 'us-east-1' } });

// ---- README snippet ----
${body.join('\n')}
// ---- end ----

// cdk-nag errors make synth throw; warnings land in the report too.
const assembly = app.synth();
const reportFile = path.join(assembly.directory, 'validation-report.json');
const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
const findings = report.pluginReports.flatMap((p: any) => p.violations.map((v: any) => \`\${p.pluginName} \${v.ruleName} \${v.severity}\`));
if (findings.length > 0) {
  throw new Error('validation findings:\\n' + findings.join('\\n'));
}

const template = assembly.getStackByName('ConsumerStack').template;
const types = Object.values(template.Resources).map((r: any) => r.Type);
for (const type of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolResourceServer', 'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolDomain', 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::Stage']) {
  if (!types.includes(type)) {
    throw new Error(\`the stack has no \${type}\`);
  }
}
const get = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'GET') as any;
if (JSON.stringify(get?.Properties.AuthorizationScopes) !== JSON.stringify(['awesomeapi-resource-server/awesomeapi.read'])) {
  throw new Error('the GET method does not demand awesomeapi-resource-server/awesomeapi.read');
}
const outputs = Object.keys(template.Outputs).map((k) => k.replace(/[0-9A-F]{8}$/, '')).sort();
const expected = ['AwesomeApiApiUrl', 'AwesomeApiAuthorizeUrl', 'AwesomeApiTokenUrl', 'AwesomeApiUserPoolClientId', 'AwesomeApiUserPoolId',
  'AwesomeApiWebClientConfig'];
if (JSON.stringify(outputs) !== JSON.stringify(expected)) {
  throw new Error(\`outputs are \${outputs.join(', ')}\`);
}
console.log(\`ok: \${types.length} resources, outputs \${outputs.join(', ')}, no ${nag ? 'cdk-nag or ' : ''}template validation findings\`);
`);
