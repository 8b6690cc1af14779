import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { maximalApi } from './fixtures/maximal';
import { maximalHttpApi } from './fixtures/maximal-http';
import { SPLIT_SEGMENTS, splitApi } from './fixtures/split';
import { Violation, backend, newStack, tutorialApi, tutorialHttpApi, violations } from './helpers';

// The other test files turn CDK's built-in CloudFormation template validation off, because it
// costs seconds a synth. Here it runs over the construct's templates, and must find nothing at
// all: CDK reports schema errors as warnings (unless a feature flag is set), so a test that only
// failed on errors would pass templates CloudFormation rejects.

/** Every finding of CDK's template validation, whatever its severity; fails if it did not run. */
function templateFindings(assembly: CloudAssembly): Violation[] {
  expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
  return violations(assembly);
}

test('CDK\'s template validation finds nothing in the tutorial\'s setup with more methods', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialApi(stack, {
    callbackUrls: ['http://localhost:3000/dashboard', 'https://app.example.com/callback'],
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  api.addMethod('POST', '/awesomeapi/{itemId}', { scopes: ['awesomeapi.read'] });
  api.addMethod('GET', '/health', { allowUnauthenticated: true });

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
});

test('CDK\'s template validation finds nothing in a maximal configuration', () => {
  const stack = newStack({ templateValidation: true });
  maximalApi(stack);

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
});

/**
 * CDK's template validation reads the templates of an assembly's stacks, not those of their nested
 * stacks: each nested template of `stack`'s assembly is included here in a stack of its own, all
 * in one app, and that app synthesized with the validation on. The findings, and how many nested
 * templates there were.
 */
function nestedTemplateFindings(stack: Stack): { nested: number; findings: Violation[] } {
  const assembly = (stack.node.root as App).synth();
  const files = fs.readdirSync(assembly.directory).filter((f) => f.endsWith('.nested.template.json'));
  const app = new App({ builtinCloudFormationValidation: true });
  files.forEach((file, i) => {
    new CfnInclude(new Stack(app, `Nested${i}`, { env: { account: '123456789012', region: 'us-east-1' } }),
      'Template', { templateFile: path.join(assembly.directory, file) });
  });
  return { nested: files.length, findings: templateFindings(app.synth()) };
}

test('CDK\'s template validation finds nothing in the parent template of an API split across nested stacks', () => {
  const stack = newStack({ templateValidation: true });
  splitApi(stack);

  expect(templateFindings((stack.node.root as App).synth())).toEqual([]);
});

test('CDK\'s template validation finds nothing in any nested template of an API split across nested stacks', () => {
  const stack = newStack();
  splitApi(stack);

  const { nested, findings } = nestedTemplateFindings(stack);

  // One stack for each first segment, several for those the fixture spreads.
  expect(nested).toBeGreaterThan(SPLIT_SEGMENTS.length + 1);
  expect(findings).toEqual([]);
});

test('the nested templates\' check sees a finding in a nested stack (CDK\'s own check does not)', () => {
  // CDK prints the finding as a warning; it is expected here
  jest.spyOn(console, 'error').mockImplementation(() => {});
  const stack = newStack({ templateValidation: true });
  new CfnResource(new NestedStack(stack, 'Nested'), 'BadName', {
    type: 'AWS::Cognito::UserPoolResourceServer',
    properties: { UserPoolId: 'us-east-1_abc', Identifier: 'https://x', Name: 'https://x' },
  });

  expect(violations((stack.node.root as App).synth())).toEqual([]);
  expect(nestedTemplateFindings(stack).findings).toEqual([expect.objectContaining({ ruleName: 'F3031' })]);
});

test('CDK\'s template validation finds nothing with the settings the maximal fixture leaves at their defaults', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialApi(stack, {
    executionLoggingLevel: apigateway.MethodLoggingLevel.INFO,
    accessLogRetention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
    featurePlan: cognito.FeaturePlan.LITE,
    mfa: cognito.Mfa.OFF,
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
});

test('CDK\'s template validation finds nothing in an HTTP API with its alarms and dashboard', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialHttpApi(stack, { userGroups: [{ name: 'readers', scopes: ['awesomeapi.read'] }] });
  api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
  api.addAlarms();
  api.addDashboard();

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
  Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 6);
});

test('a resource server identifier in URL form gives a name Cognito accepts', () => {
  // Regression: the identifier was also the name, and names may not hold ':' or '/' (F3031).
  const stack = newStack({ templateValidation: true });
  const api = tutorialApi(stack, { resourceServerIdentifier: 'https://api.example.com' });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
  Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
    Identifier: 'https://api.example.com',
    Name: 'https-api.example.com',
  });
});

test('a finding CDK only warns about counts as a finding', () => {
  // CDK prints the finding as a warning; it is expected here
  jest.spyOn(console, 'error').mockImplementation(() => {});
  const stack = newStack({ templateValidation: true });
  new CfnResource(stack, 'BadName', {
    type: 'AWS::Cognito::UserPoolResourceServer',
    properties: { UserPoolId: 'us-east-1_abc', Identifier: 'https://x', Name: 'https://x' },
  });

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([expect.objectContaining({
    ruleName: 'F3031',
    severity: 'warning',
    paths: ['TestStack/BadName'],
  })]);
});

test('the same check sees a finding when there is one (it is really on)', () => {
  // CDK prints the finding as a warning; it is expected here
  jest.spyOn(console, 'error').mockImplementation(() => {});
  const stack = newStack({ templateValidation: true });
  new CfnResource(stack, 'Broken', { type: 'AWS::Cognito::UserPoolDomain', properties: { Domain: 'x' } });

  const assembly = (stack.node.root as App).synth();

  expect(violations(assembly)).toEqual([expect.objectContaining({
    plugin: 'CloudFormation Validate',
    paths: ['TestStack/Broken'],
  })]);
});

test('fine-grained tests run without it', () => {
  const stack: Stack = newStack();
  new CfnResource(stack, 'Broken', { type: 'AWS::Cognito::UserPoolDomain', properties: { Domain: 'x' } });

  expect(violations((stack.node.root as App).synth())).toEqual([]);
});

test('CDK\'s template validation finds nothing with userGroups (groups, trigger function, its role and log group)', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialApi(stack, {
    scopes: [{ name: 'awesomeapi.read', description: 'read' }, { name: 'awesomeapi.admin', description: 'admin' }],
    userGroups: [
      { name: 'admins', scopes: ['awesomeapi.admin'], description: 'administrators', precedence: 0 },
      { name: 'auditors', scopes: ['awesomeapi.admin', 'awesomeapi.read'] },
    ],
    removalPolicy: RemovalPolicy.DESTROY,
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  api.addMethod('DELETE', '/awesomeapi/{itemId}', { scopes: ['awesomeapi.admin'] });
  api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });

  const assembly = (stack.node.root as App).synth();

  expect(api.preTokenGenerationFunction).toBeDefined();
  expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
  expect(violations(assembly)).toEqual([]);
});

test('CDK\'s template validation finds nothing in the HTTP construct\'s default setup', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialHttpApi(stack);
  api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
  api.addRoute('GET', '/health', { integration: backend(), allowUnauthenticated: true });

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
});

test('CDK\'s template validation finds nothing in the HTTP construct with every feature on', () => {
  const stack = newStack({ templateValidation: true });
  maximalHttpApi(stack);

  const assembly = (stack.node.root as App).synth();

  expect(templateFindings(assembly)).toEqual([]);
});
