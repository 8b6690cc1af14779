import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { newStack, tutorialApi, violations } from './helpers';

// The other test files turn CDK's built-in CloudFormation template validation off, because it
// costs seconds a synth. Here it runs over the construct's templates, and must find nothing.

test('CDK\'s template validation finds nothing in the tutorial\'s setup with more methods', () => {
  const stack = newStack({ templateValidation: true });
  const api = tutorialApi(stack, {
    callbackUrls: ['http://localhost:3000/dashboard', 'https://app.example.com/callback'],
  });
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  api.addMethod('POST', '/awesomeapi/{itemId}', { scopes: ['awesomeapi.read'] });
  api.addMethod('GET', '/health', { allowUnauthenticated: true });

  const assembly = (stack.node.root as App).synth();

  expect(fs.existsSync(path.join(assembly.directory, 'validation-report.json'))).toBe(true);
  expect(violations(assembly)).toEqual([]);
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
