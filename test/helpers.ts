import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  ProtectedApiWithCognito, ProtectedApiWithCognitoProps, ProtectedHttpApiWithCognito, ProtectedHttpApiWithCognitoProps,
} from '../src';

/** The tutorial's settings. */
export const TUTORIAL_PROPS: ProtectedApiWithCognitoProps = {
  domainPrefix: 'buraktas-awesome-domain',
  resourceServerIdentifier: 'awesomeapi-resource-server',
  scopes: [{ name: 'awesomeapi.read', description: 'awesomeapi read scope' }],
  callbackUrls: ['http://localhost:3000/dashboard'],
};

export interface StackOptions {
  /** Run CDK's built-in CloudFormation template validation on synth (seconds a synth). */
  readonly templateValidation?: boolean;
}

/**
 * A stack in a fresh app, in a fixed region so that URLs are literal. Fine-grained tests turn
 * CDK's built-in template validation off for speed; `template-validation.test.ts` runs it.
 */
export function newStack(options: StackOptions = {}): Stack {
  const app = new App({ builtinCloudFormationValidation: options.templateValidation ?? false });
  return new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The tutorial's API, with `overrides` over its props. */
export function tutorialApi(stack: Stack, overrides: Partial<ProtectedApiWithCognitoProps> = {}): ProtectedApiWithCognito {
  return new ProtectedApiWithCognito(stack, 'AwesomeApi', { ...TUTORIAL_PROPS, ...overrides });
}

/** One finding of a validation plugin (CDK's template validation, cdk-nag). */
export interface Violation {
  readonly plugin: string;
  readonly ruleName: string;
  readonly severity: string;
  readonly description: string;
  readonly paths: string[];
}

/** Every finding that the validation plugins wrote to the assembly's report. */
export function violations(assembly: CloudAssembly): Violation[] {
  const file = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (report.pluginReports ?? []).flatMap((plugin: any) => (plugin.violations ?? []).map((v: any) => ({
    plugin: plugin.pluginName,
    ruleName: v.ruleName,
    severity: v.severity,
    description: v.description,
    paths: (v.violatingConstructs ?? []).map((c: any) => c.constructPath),
  })));
}

/** The tutorial's settings for the HTTP construct: the very same Cognito props. */
export const TUTORIAL_HTTP_PROPS: ProtectedHttpApiWithCognitoProps = TUTORIAL_PROPS;

/** An integration for HTTP routes that makes no resource of its own: a public HTTP backend. */
export function backend(url = 'https://backend.example.com/'): apigwv2.HttpRouteIntegration {
  return new integrations.HttpUrlIntegration('Backend', url);
}

/** The tutorial's API as an HTTP API, with `overrides` over its props. */
export function tutorialHttpApi(stack: Stack, overrides: Partial<ProtectedHttpApiWithCognitoProps> = {}): ProtectedHttpApiWithCognito {
  return new ProtectedHttpApiWithCognito(stack, 'AwesomeApi', { ...TUTORIAL_HTTP_PROPS, ...overrides });
}
