// Writes a CDK app around the README's smallest examples (REST and HTTP), taken word for word.
const fs = require('fs');

const readme = fs.readFileSync(process.argv[2], 'utf8');
// With 'false', cdk-nag is left out (aws-cdk-lib before 2.270.0 cannot take single-finding
// acknowledgements); CDK's own template validation still runs where the release has it.
const nag = process.argv[3] !== 'false';
const section = readme.split(/^## The smallest example$/m)[1];
if (!section) {
  throw new Error('README has no "## The smallest example" section');
}
// The REST example is a whole bin/app.ts: this app makes its own App (with cdk-nag) and Stack
// instead of the example's, and keeps everything else word for word.
const snippet = /```ts[^\n]*\n([\s\S]*?)```/.exec(section)[1];
const lines = snippet.split('\n').filter((line) => !line.startsWith('#!'));
const ownAppAndStack = (line) => /^import \{ App, Stack \} from 'aws-cdk-lib';$/.test(line)
  || /^const app = new App\(\);$/.test(line) || /^const stack = new Stack\(app, '[^']+'\);$/.test(line);
if (lines.filter(ownAppAndStack).length !== 3) {
  throw new Error('the smallest example no longer imports App and Stack, or makes `app` and `stack` as this test expects');
}
const httpSection = readme.split(/^## The smallest HTTP API$/m)[1];
if (!httpSection) {
  throw new Error('README has no "## The smallest HTTP API" section');
}
const httpLines = /```ts\n([\s\S]*?)```/.exec(httpSection)[1].split('\n');
const imports = [...new Set([...lines, ...httpLines].filter((line) => line.startsWith('import ') && !ownAppAndStack(line)))];
const body = lines.filter((line) => !line.startsWith('import ') && !ownAppAndStack(line));
const httpBody = httpLines.filter((line) => !line.startsWith('import '));

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

// The smallest HTTP API, in an app of its own: its Lambda function is the user's, whose findings
// (cdk-nag's IAM4 and L1, say) are not the construct's, so they are collected instead of thrown.
const httpApp = new App({ outdir: 'cdk.out.http', context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
${nag ? '' : '// '}Validations.of(httpApp).addPlugins(new AwsSolutionsChecks(httpApp));
{
  const stack = new Stack(httpApp, 'ConsumerHttpStack', { env: { region: 'us-east-1' } });
  // ---- README snippet ----
${httpBody.map((line) => (line ? `  ${line}` : line)).join('\n')}
  // ---- end ----
}
const httpAssembly = httpApp.synth();
const httpReportFile = path.join(httpAssembly.directory, 'validation-report.json');
const httpReport = fs.existsSync(httpReportFile) ? JSON.parse(fs.readFileSync(httpReportFile, 'utf8')) : { pluginReports: [] };
const httpFindings = httpReport.pluginReports.flatMap((p: any) => p.violations
  .filter((v: any) => !(v.violatingConstructs ?? []).every((c: any) => c.constructPath.startsWith('ConsumerHttpStack/Hello')))
  .map((v: any) => \`\${p.pluginName} \${v.ruleName} \${v.severity}\`));
if (httpFindings.length > 0) {
  throw new Error('validation findings on the HTTP construct:\\n' + httpFindings.join('\\n'));
}
const httpTemplate = httpAssembly.getStackByName('ConsumerHttpStack').template;
const httpTypes = Object.values(httpTemplate.Resources).map((r: any) => r.Type);
for (const type of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolClient', 'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Route']) {
  if (!httpTypes.includes(type)) {
    throw new Error(\`the HTTP stack has no \${type}\`);
  }
}
const route = Object.values(httpTemplate.Resources).find((r: any) => r.Type === 'AWS::ApiGatewayV2::Route') as any;
if (route?.Properties.AuthorizationType !== 'JWT'
  || JSON.stringify(route?.Properties.AuthorizationScopes) !== JSON.stringify(['awesomeapi-resource-server/awesomeapi.read'])) {
  throw new Error('the GET route does not demand awesomeapi-resource-server/awesomeapi.read through the JWT authorizer');
}
const httpOutputs = Object.keys(httpTemplate.Outputs).map((k) => k.replace(/[0-9A-F]{8}$/, '')).sort();
if (JSON.stringify(httpOutputs) !== JSON.stringify(expected)) {
  throw new Error(\`the HTTP stack's outputs are \${httpOutputs.join(', ')}\`);
}
console.log(\`ok: HTTP API, \${httpTypes.length} resources, outputs \${httpOutputs.join(', ')}, no finding on the construct\`);
`);
