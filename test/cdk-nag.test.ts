import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { WEB_ACL_ARN, maximalApi } from './fixtures/maximal';
import { maximalHttpApi } from './fixtures/maximal-http';
import { TUTORIAL_PROPS, backend, tutorialHttpApi, violations, Violation } from './helpers';
import { ProtectedApiWithCognito, ProtectedApiWithCognitoProps, ProtectedHttpApiWithCognito } from '../src';

interface NagRun {
  readonly api: ProtectedApiWithCognito;
  readonly findings: Violation[];
}

/**
 * Synthesizes the API under cdk-nag's AwsSolutions pack, the way a user registers it, and
 * returns what the validation report holds. Errors are collected rather than thrown.
 */
function runNag(given: Partial<ProtectedApiWithCognitoProps>, addMethods = defaultMethods): NagRun {
  return runNagOn((stack) => {
    const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', { ...TUTORIAL_PROPS, ...given });
    addMethods(api);
    return api;
  });
}

/** Synthesizes what `build` makes in a stack of an app with AwsSolutions registered. */
function runNagOn(build: (stack: Stack) => ProtectedApiWithCognito): NagRun {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'NagStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const api = build(stack);
  const findings = violations(app.synth()).filter((v) => v.plugin === 'AwsSolutions');
  return { api, findings };
}

function defaultMethods(api: ProtectedApiWithCognito): void {
  api.addMethod('GET', '/awesomeapi', { scopes: ['awesomeapi.read'] });
}

/** A function's result, computed on first use: identical synths run once a file. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The default and the every-feature-on runs, which several tests read and none changes. */
const defaultRun = once(() => runNag({}));
const maximalRun = once(() => runNagOn((stack) => maximalApi(stack)));

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
    expect(defaultRun().findings).toEqual([]);
  });

  test('finds nothing unacknowledged in a maximal configuration', () => {
    expect(maximalRun().findings).toEqual([]);
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
    const { api } = defaultRun();
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
    const { api } = maximalRun();
    const withDefaults = defaultRun().api;
    const reasons = [...acknowledgements(api.node.root).values(), ...acknowledgements(withDefaults.node.root).values()]
      .flatMap((rules) => Object.values(rules));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toMatch(/^.{40,}$/s);
      expect(reason).toMatch(/featurePlan|mfa|webAclArn|cloudWatchRole|allowUnauthenticated|tracingEnabled/);
    }
  });

  test.each([
    ['featurePlan: PLUS', { featurePlan: cognito.FeaturePlan.PLUS }, 'NagStack/AwesomeApi/UserPool AwsSolutions-COG8'],
    ['mfa: REQUIRED', { mfa: cognito.Mfa.REQUIRED }, 'NagStack/AwesomeApi/UserPool AwsSolutions-COG2'],
    ['webAclArn', { webAclArn: WEB_ACL_ARN }, 'NagStack/AwesomeApi/Api/DeploymentStage.prod AwsSolutions-APIG3'],
  ])('%s removes its acknowledgement and stays clean', (_name, overrides, rule) => {
    const before = acknowledgedRules(defaultRun().api.node.root);
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
    expect(acknowledgedRules(run.api.node.root)).toEqual(acknowledgedRules(defaultRun().api.node.root));
  });

  test('the every-feature-on configuration has user groups, and leaves no finding with them', () => {
    const run = maximalRun();
    expect(run.api.userPoolGroups.map((g) => g.node.id)).toEqual(['writers']);
    expect(run.api.preTokenGenerationFunction).toBeDefined();
    expect(run.findings).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions on the HTTP construct', () => {
  /** Synthesizes what `build` makes under AwsSolutions, and what it reports. */
  function runHttp(build: (stack: Stack) => ProtectedHttpApiWithCognito) {
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'NagStack', { env: { account: '123456789012', region: 'us-east-1' } });
    const api = build(stack);
    return { api, findings: violations(app.synth()).filter((v) => v.plugin === 'AwsSolutions') };
  }

  const httpDefault = once(() => runHttp((stack) => {
    const api = tutorialHttpApi(stack);
    api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
    api.addRoute('GET', '/health', { integration: backend(), allowUnauthenticated: true });
    return api;
  }));

  test('finds nothing unacknowledged in the default configuration', () => {
    expect(httpDefault().findings).toEqual([]);
  });

  test('finds nothing unacknowledged in a maximal configuration', () => {
    expect(runHttp((stack) => maximalHttpApi(stack)).findings).toEqual([]);
  });

  test('acknowledges by default only the pool\'s defaults and the public route, on the construct\'s own resources', () => {
    expect(acknowledgedRules(httpDefault().api.node.root)).toEqual([
      'NagStack/AwesomeApi/Api/GET--health AwsSolutions-APIG4',
      'NagStack/AwesomeApi/UserPool AwsSolutions-COG2',
      'NagStack/AwesomeApi/UserPool AwsSolutions-COG8',
    ]);
  });

  test('is really running: a public route the construct did not acknowledge is reported', () => {
    const { findings } = runHttp((stack) => {
      const api = tutorialHttpApi(stack);
      api.addRoute('GET', '/awesomeapi', { integration: backend(), scopes: ['awesomeapi.read'] });
      new apigwv2.HttpRoute(api.httpApi, 'Open', {
        httpApi: api.httpApi, routeKey: apigwv2.HttpRouteKey.with('/open', apigwv2.HttpMethod.GET), integration: backend(),
      });
      return api;
    });
    expect(findings.map((f) => [f.ruleName, f.paths])).toEqual([['AwsSolutions-APIG4', ['NagStack/AwesomeApi/Api/Open/Resource']]]);
  });
});
