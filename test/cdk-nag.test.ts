import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { TUTORIAL_PROPS, violations, Violation } from './helpers';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../src';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

/** Every option turned towards its strictest or fullest setting. */
const MAXIMAL: Partial<ProtectedApiWithCognitoProps> = {
  scopes: [
    { name: 'awesomeapi.read', description: 'read' },
    { name: 'awesomeapi.write', description: 'write' },
    { name: 'awesomeapi.admin', description: 'administer' },
  ],
  clientScopes: ['awesomeapi.read', 'awesomeapi.write'],
  callbackUrls: ['https://app.example.com/callback', 'http://localhost:3000/dashboard'],
  featurePlan: cognito.FeaturePlan.PLUS,
  mfa: cognito.Mfa.REQUIRED,
  webAclArn: WEB_ACL_ARN,
  tracingEnabled: true,
  allowUserPasswordAuth: true,
  logoutUrls: ['https://app.example.com/'],
  domainPrefix: undefined,
  customDomainName: 'auth.example.com',
  allowedFirstAuthFactors: { password: true, passkey: true },
  passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED,
  refreshTokenRotationGracePeriod: Duration.seconds(10),
};

interface NagRun {
  readonly api: ProtectedApiWithCognito;
  readonly findings: Violation[];
}

/**
 * Synthesizes the API under cdk-nag's AwsSolutions pack, the way a user registers it, and
 * returns what the validation report holds. Errors are collected rather than thrown.
 */
function runNag(given: Partial<ProtectedApiWithCognitoProps>, addMethods = defaultMethods): NagRun {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'NagStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const overrides = given.customDomainName === undefined ? given : {
    ...given,
    customDomainCertificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
  };
  const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', { ...TUTORIAL_PROPS, ...overrides });
  addMethods(api);
  const findings = violations(app.synth()).filter((v) => v.plugin === 'AwsSolutions');
  return { api, findings };
}

function defaultMethods(api: ProtectedApiWithCognito): void {
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
}

function maximalMethods(api: ProtectedApiWithCognito): void {
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
  api.addMethod('PUT', '/awesomeapi/{itemId}', {
    scopes: ['awesomeapi.write'],
    requestParameters: { 'method.request.header.If-Match': true },
  });
  api.addMethod('GET', '/health', { allowUnauthenticated: true });
  api.addMethod('DELETE', '/awesomeapi/{itemId}', { scopes: ['awesomeapi.admin'] });
  api.addMachineClient('Admin', { scopes: ['awesomeapi.admin'] });
}

/** The AwsSolutions acknowledgements recorded in the tree, by construct path (other packs: rule-packs.test.ts). */
function acknowledgements(root: IConstruct): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        const ours = Object.entries(entry.data as Record<string, string>).filter(([id]) => id.includes('::AwsSolutions-'));
        found.set(c.node.path, { ...found.get(c.node.path), ...Object.fromEntries(ours) });
      }
    }
  }
  return found;
}

/** The acknowledged rule ids, as cdk-nag names them, with the paths they are on. */
function acknowledgedRules(root: IConstruct): string[] {
  return Array.from(acknowledgements(root)).flatMap(([path, rules]) =>
    Object.keys(rules).map((id) => `${path} ${id.replace(/^[^:]*::/, '')}`)).sort();
}

describe('cdk-nag AwsSolutions', () => {
  test('finds nothing unacknowledged in the default configuration', () => {
    expect(runNag({}).findings).toEqual([]);
  });

  test('finds nothing unacknowledged in a maximal configuration', () => {
    expect(runNag(MAXIMAL, maximalMethods).findings).toEqual([]);
  });

  test('is really running: a plain user pool beside the construct is reported', () => {
    const { findings } = runNag({}, (api) => {
      defaultMethods(api);
      new cognito.UserPool(Stack.of(api), 'PlainPool');
    });
    expect(findings.map((f) => f.ruleName).sort()).toEqual(['AwsSolutions-COG1', 'AwsSolutions-COG2', 'AwsSolutions-COG8']);
    expect(findings.every((f) => f.paths.every((p) => p.startsWith('NagStack/PlainPool')))).toBe(true);
  });

  test('what the defaults leave is acknowledged on the construct\'s own resources, nowhere else', () => {
    const { api } = runNag({});
    const stackAndApp = [Stack.of(api).node.path, ''];
    const paths = Array.from(acknowledgements(api.node.root).keys());
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(stackAndApp).not.toContain(path);
      expect(path.startsWith(`${api.node.path}/`)).toBe(true);
    }
    expect(acknowledgedRules(api.node.root)).toEqual([
      'NagStack/AwesomeApi/Api/DeploymentStage.prod AwsSolutions-APIG3',
      ...[
        'log-group:*',
        'log-group:API-Gateway-Access-Logs_*',
        'log-group:API-Gateway-Access-Logs_*:log-stream:*',
        'log-group:API-Gateway-Execution-Logs_*',
        'log-group:API-Gateway-Execution-Logs_*:log-stream:*',
        'log-group:/aws/apigateway/welcome:log-stream:*',
      ].map((name) => 'NagStack/AwesomeApi/CloudWatchRole/Policy '
        + `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:${name}]`),
      'NagStack/AwesomeApi/UserPool AwsSolutions-COG2',
      'NagStack/AwesomeApi/UserPool AwsSolutions-COG8',
    ].sort());
  });

  test('every acknowledgement says why and names the prop that changes it', () => {
    const { api } = runNag(MAXIMAL, (a) => {
      maximalMethods(a);
    });
    const withDefaults = runNag({}).api;
    const reasons = [...acknowledgements(api.node.root).values(), ...acknowledgements(withDefaults.node.root).values()]
      .flatMap((rules) => Object.values(rules));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatch(/^.{40,}$/s);
      expect(reason).toMatch(/featurePlan|mfa|webAclArn|cloudWatchRole|allowUnauthenticated/);
    }
  });

  test.each([
    ['featurePlan: PLUS', { featurePlan: cognito.FeaturePlan.PLUS }, 'NagStack/AwesomeApi/UserPool AwsSolutions-COG8'],
    ['mfa: REQUIRED', { mfa: cognito.Mfa.REQUIRED }, 'NagStack/AwesomeApi/UserPool AwsSolutions-COG2'],
    ['webAclArn', { webAclArn: WEB_ACL_ARN }, 'NagStack/AwesomeApi/Api/DeploymentStage.prod AwsSolutions-APIG3'],
  ])('%s removes its acknowledgement and stays clean', (_name, overrides, rule) => {
    const before = acknowledgedRules(runNag({}).api.node.root);
    const run = runNag(overrides);
    const after = acknowledgedRules(run.api.node.root);
    expect(before).toContain(rule);
    expect(after).not.toContain(rule);
    expect(after).toEqual(before.filter((r) => r !== rule));
    expect(run.findings).toEqual([]);
  });

  test('cloudWatchRole: false leaves no role and no IAM5 acknowledgement', () => {
    const run = runNag({ cloudWatchRole: false });
    expect(acknowledgedRules(run.api.node.root).filter((r) => r.includes('IAM5'))).toEqual([]);
    expect(run.api.cloudWatchRole).toBeUndefined();
    expect(run.findings).toEqual([]);
  });

  test('a public method is acknowledged as public by choice, on that method only', () => {
    const { api, findings } = runNag({}, (a) => {
      defaultMethods(a);
      a.addMethod('GET', '/health', { allowUnauthenticated: true });
    });
    expect(findings).toEqual([]);
    const onMethods = acknowledgedRules(api.node.root).filter((r) => r.includes('/Api/Default/'));
    expect(onMethods).toEqual([
      'NagStack/AwesomeApi/Api/Default/health/GET AwsSolutions-APIG4',
      'NagStack/AwesomeApi/Api/Default/health/GET AwsSolutions-COG4',
    ]);
  });
});

describe('cdk-nag AwsSolutions with userGroups', () => {
  const withGroups: Partial<ProtectedApiWithCognitoProps> = {
    scopes: [
      { name: 'awesomeapi.read', description: 'read' },
      { name: 'awesomeapi.admin', description: 'administer' },
    ],
    userGroups: [{ name: 'admins', scopes: ['awesomeapi.admin'], description: 'administrators', precedence: 0 }],
  };

  test('the groups and their trigger (function, role, log group) need no acknowledgement and leave no finding', () => {
    const run = runNag(withGroups);
    expect(run.api.preTokenGenerationFunction).toBeDefined();
    expect(run.findings).toEqual([]);
    expect(acknowledgedRules(run.api.node.root)).toEqual(acknowledgedRules(runNag({}).api.node.root));
  });

  test('finds nothing unacknowledged in a maximal configuration with userGroups', () => {
    const run = runNag({
      ...MAXIMAL,
      userGroups: [
        { name: 'writers', scopes: ['awesomeapi.write'] },
        { name: 'readers-and-writers', scopes: ['awesomeapi.read', 'awesomeapi.write'], precedence: 2 },
      ],
    }, maximalMethods);
    expect(run.findings).toEqual([]);
  });
});
