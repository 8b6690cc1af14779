/**
 * The example app: the tutorial's protected API, synthesized into `cdk.out` without an AWS
 * account. Run it with `npx projen example`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { addAwesomeApi } from './awesome-api';
import { documentWithPlaceholders } from '../scripts/openapi-document';

// EXAMPLE_OUTDIR: where scripts/synth-templates.ts puts it for CI's checks.
const app = new App({ outdir: process.env.EXAMPLE_OUTDIR ?? path.join(__dirname, '..', 'cdk.out') });
const stack = new Stack(app, 'AwesomeApiStack', {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});

const api = addAwesomeApi(stack, {
  callbackUrls: ['http://localhost:3000/dashboard'],
  logoutUrls: ['http://localhost:3000/'],
});

const assembly = app.synth();
const artifact = assembly.getStackByName(stack.stackName);
const template = artifact.template;
const resources = Object.keys(template.Resources ?? {}).length;

console.log(`Synthesized ${stack.stackName}: ${resources} resources`);
console.log(`Template: ${path.relative(process.cwd(), path.join(assembly.directory, artifact.templateFile))}`);

// The API's OpenAPI document, next to the template: what synth knows filled in, and each value only
// the deploy knows as a placeholder in Fn::Sub's syntax (${LogicalId}, ${LogicalId.Attribute}, ${AWS::URLSuffix}).
const documentFile = path.join(assembly.directory, `${stack.stackName}.openapi.json`);
const document = JSON.parse(documentWithPlaceholders(stack, api.openApiDocument()));
fs.writeFileSync(documentFile, JSON.stringify(document, null, 2) + '\n');
const deployTime = [...new Set(JSON.stringify(document).match(/\$\{[^!}][^}]*\}/g) ?? [])];
console.log(`OpenAPI document: ${path.relative(process.cwd(), documentFile)} (deploy-time values as placeholders: ${deployTime.join(', ')})`);

// The construct's own warnings and errors (and any other construct's), as `cdk synth` would show them.
const messages = artifact.messages.filter((m) => m.level !== 'info');
console.log(messages.length === 0 ? 'Warnings: none' : 'Warnings:');
for (const message of messages) {
  console.log(`  [${message.level}] ${message.id}: ${message.entry.data}`);
}

// Each output under the short name the README uses (its construct id) and the name CloudFormation
// shows (its logical id).
const outputs = stack.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput);
// A machine client's id output is the client's child `ClientId`: the README calls it `<client id>ClientId`.
const readmeName = (o: CfnOutput) => (o.node.id === 'ClientId' && o.node.scope ? `${o.node.scope.node.id}ClientId` : o.node.id);
const width = Math.max(...outputs.map((o) => readmeName(o).length));
console.log('Outputs it will have once deployed (README name, then CloudFormation\'s):');
for (const output of outputs) {
  const logicalId = stack.resolve(output.logicalId) as string;
  const description = template.Outputs?.[logicalId]?.Description ?? '';
  console.log(`  ${readmeName(output).padEnd(width)}  ${logicalId}: ${description}`);
}
