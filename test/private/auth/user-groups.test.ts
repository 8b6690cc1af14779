import * as fs from 'fs';
import * as path from 'path';
import { App, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { ApiUserGroup, ProtectedApiWithCognito, ProtectedApiWithCognitoProps } from '../../../src';
import { PreTokenGenerationEvent, SCOPES_BY_GROUP_VARIABLE } from '../../../src/pre-token-generation.lambda';
import { REASONS } from '../../../src/private/acknowledgements';
import { addUserGroups, scopeMapJson } from '../../../src/private/auth/user-groups';
import { newStack, tutorialApi, TUTORIAL_PROPS } from '../../helpers';

const SERVER = 'awesomeapi-resource-server';

/** The tutorial's API with an admin scope that only `admins` get. */
const WITH_ADMINS: Partial<ProtectedApiWithCognitoProps> = {
  scopes: [
    { name: 'orders.read', description: 'read orders' },
    { name: 'orders.admin', description: 'administer orders' },
  ],
  userGroups: [{ name: 'admins', scopes: ['orders.admin'], description: 'Order administrators', precedence: 1 }],
};

function synth(overrides: Partial<ProtectedApiWithCognitoProps> = WITH_ADMINS, addMore?: (api: ProtectedApiWithCognito) => void) {
  const stack = newStack();
  const api = tutorialApi(stack, overrides);
  api.addMethod('GET', '/orders', { scopes: ['orders.read'] });
  addMore?.(api);
  return { stack, api, template: Template.fromStack(stack) };
}

/** The tutorial's API with `groups`, expecting the synth to fail. */
function build(groups: ApiUserGroup[], overrides: Partial<ProtectedApiWithCognitoProps> = {}): () => void {
  return () => tutorialApi(newStack(), { ...WITH_ADMINS, ...overrides, userGroups: groups });
}

/** What the synthesized trigger is: its environment's map, and its bundle run as Cognito would run it. */
interface DeployedTrigger {
  /** The restricted-scope map of the function's environment, parsed, as [group, scopes] pairs. */
  readonly entries: Array<[string, unknown]>;
  /** The scopes the bundled handler takes out of a sign-in's access token for a member of `groups`. */
  readonly suppressed: (groups: string[], requested: string[]) => Promise<string[] | undefined>;
}

/**
 * Synthesizes the stack's app once, and reads the trigger the template deploys: the bundle in its
 * asset, as the assets manifest names it, with the environment the template gives it.
 */
function deployedTrigger(stack: Stack): DeployedTrigger {
  const assembly = (stack.node.root as App).synth();
  const template = assembly.getStackByName(stack.stackName).template;
  const functions = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Function') as any[];
  expect(functions).toHaveLength(1);
  const fn = functions[0];
  const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
  const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'));
  const bundle = path.join(assembly.directory, manifest.files[assetHash].source.path, 'index.js');
  expect(fs.existsSync(bundle)).toBe(true);
  const { handler } = jest.requireActual(bundle) as { handler: (e: unknown) => Promise<PreTokenGenerationEvent> };
  const environment: string = fn.Properties.Environment.Variables[SCOPES_BY_GROUP_VARIABLE];
  expect(typeof environment).toBe('string');

  const suppressed = async (groups: string[], requested: string[]) => {
    const saved = process.env[SCOPES_BY_GROUP_VARIABLE];
    process.env[SCOPES_BY_GROUP_VARIABLE] = environment;
    try {
      // Cognito's version 2 event for a sign-in through managed login.
      const answer = await handler({
        version: '2',
        triggerSource: 'TokenGeneration_HostedAuth',
        request: { groupConfiguration: { groupsToOverride: groups }, scopes: requested },
        response: { claimsAndScopeOverrideDetails: null },
      });
      return answer.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToSuppress;
    } finally {
      if (saved === undefined) {
        delete process.env[SCOPES_BY_GROUP_VARIABLE];
      } else {
        process.env[SCOPES_BY_GROUP_VARIABLE] = saved;
      }
    }
  };
  return { entries: Object.entries(JSON.parse(environment)), suppressed };
}

/** The cdk-nag rules acknowledged on `construct` itself, with their reasons. */
function acknowledged(construct: IConstruct): Record<string, string> {
  return Object.assign({}, ...construct.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data));
}

function onlyId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('without userGroups', () => {
  test.each([['left out', undefined], ['empty', []]])('(%s) nothing is added: no group, no function, no trigger', (_name, userGroups) => {
    const { api, template } = synth({ ...WITH_ADMINS, userGroups });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(template.findResources('AWS::Cognito::UserPool')[onlyId(template, 'AWS::Cognito::UserPool')]
      .Properties.LambdaConfig).toBeUndefined();
    expect(api.userPoolGroups).toEqual([]);
    expect(api.preTokenGenerationFunction).toBeUndefined();
  });
});

describe('groups', () => {
  test('one Cognito group per entry, on the pool, with its description and precedence', () => {
    const { api, template } = synth({
      ...WITH_ADMINS,
      userGroups: [
        { name: 'admins', scopes: ['orders.admin'], description: 'Order administrators', precedence: 1 },
        { name: 'auditors', scopes: ['orders.admin'] },
      ],
    });
    const pool = onlyId(template, 'AWS::Cognito::UserPool');
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      UserPoolId: { Ref: pool },
      GroupName: 'admins',
      Description: 'Order administrators',
      Precedence: 1,
    });
    const auditors = Object.values(template.findResources('AWS::Cognito::UserPoolGroup', {
      Properties: { GroupName: 'auditors' },
    }));
    expect(auditors).toHaveLength(1);
    expect(auditors[0].Properties).toEqual({ UserPoolId: { Ref: pool }, GroupName: 'auditors' });
    expect(api.userPoolGroups.map((g) => g.node.path)).toEqual(['TestStack/AwesomeApi/UserGroups/admins',
      'TestStack/AwesomeApi/UserGroups/auditors']);
  });

  test('a group named by a token is created, under a construct id by position', () => {
    const name = Lazy.string({ produce: () => 'admins' });
    const { api, template } = synth({
      ...WITH_ADMINS,
      userGroups: [{ name, scopes: ['orders.admin'], precedence: Token.asNumber(Lazy.number({ produce: () => 3 })) }],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins', Precedence: 3 });
    expect(api.userPoolGroups[0].node.id).toBe('Group0');
  });

  test('groups named like members of every object, or alike once "/" becomes "--", are created under ids by position', () => {
    // Found by the fuzz task: aws-cdk-lib threw "There is already a Construct with name 'constructor'".
    const names = ['constructor', 'a/b', 'a--b', '__proto__', 'admins'];
    const { api, template } = synth({ ...WITH_ADMINS, userGroups: names.map((name) => ({ name, scopes: ['orders.admin'] })) });
    expect(Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName).sort())
      .toEqual([...names].sort());
    expect(api.userPoolGroups.map((g) => g.node.id)).toEqual(['Group 0', 'a--b', 'Group 2', 'Group 3', 'admins']);
  });

  test('a name with "/" after its "--" twin gets an id by position too', () => {
    const { api } = synth({ ...WITH_ADMINS, userGroups: ['a--b', 'a/b'].map((name) => ({ name, scopes: ['orders.admin'] })) });
    expect(api.userPoolGroups.map((g) => g.node.id)).toEqual(['a--b', 'Group 1']);
  });

  test('a name partly known only at deploy time is checked neither for its form nor for the map\'s size', () => {
    // 4,100 characters and a token: too long for a group name and for the map, were it all known.
    const name = 'g'.repeat(4100) + Lazy.string({ produce: () => 'admins' });
    const { template } = synth({ ...WITH_ADMINS, userGroups: [{ name, scopes: ['orders.admin'] }] });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: `${'g'.repeat(4100)}admins` });
  });

});

describe('the trigger', () => {
  test('is attached to the pool as the pre token generation trigger, event version 2', () => {
    const { api, template } = synth();
    const fn = onlyId(template, 'AWS::Lambda::Function');
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fn, 'Arn'] }, LambdaVersion: 'V2_0' } },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [onlyId(template, 'AWS::Cognito::UserPool'), 'Arn'] },
    });
    expect(api.preTokenGenerationFunction?.node.path).toBe('TestStack/AwesomeApi/PreTokenGeneration/Function');
  });

  test('runs the bundled handler on Node.js 24, within Cognito\'s 5 seconds', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Timeout: 5,
    });
  });

  test('carries the restricted scopes, in full, by group, in its environment', () => {
    const { template } = synth({
      ...WITH_ADMINS,
      scopes: [...WITH_ADMINS.scopes!, { name: 'orders.write', description: 'write orders' }],
      userGroups: [
        { name: 'admins', scopes: ['orders.admin', 'orders.write'] },
        { name: 'clerks', scopes: ['orders.write'] },
      ],
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(JSON.parse(fn.Properties.Environment.Variables[SCOPES_BY_GROUP_VARIABLE])).toEqual({
      admins: [`${SERVER}/orders.admin`, `${SERVER}/orders.write`],
      clerks: [`${SERVER}/orders.write`],
    });
  });

  test('the bundle in its asset, with the environment it gets, keeps the admin scope for admins only', async () => {
    const stack = newStack();
    tutorialApi(stack, WITH_ADMINS).addMethod('GET', '/orders', { scopes: ['orders.read'] });
    const { suppressed } = deployedTrigger(stack);

    const requested = ['openid', `${SERVER}/orders.read`, `${SERVER}/orders.admin`];
    expect(await suppressed(['admins'], requested)).toEqual([]);
    expect(await suppressed([], requested)).toEqual([`${SERVER}/orders.admin`]);
  });

  test('says what it is: the function\'s and the role\'s descriptions', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Takes the restricted scopes that the user\'s groups do not grant out of access tokens '
        + '(Cognito pre token generation, event version 2)',
    });
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'The pre token generation trigger\'s role' });
  });

  test('its log group is named under /aws/lambda/ after the stack and the last 40 characters of its path\'s id', () => {
    // The name is the log group's identity: a change would replace it (and lose its logs) in deployed stacks.
    const stack = newStack();
    new ProtectedApiWithCognito(stack, 'OrdersApiProtectedWithCognitoScopes', { ...TUTORIAL_PROPS, ...WITH_ADMINS })
      .addMethod('GET', '/orders', { scopes: ['orders.read'] });
    const template = Template.fromStack(stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const logGroup = template.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref];
    expect(logGroup.Properties.LogGroupName).toEqual({
      'Fn::Join': ['', ['/aws/lambda/', { Ref: 'AWS::StackName' }, '-hCognitoScopesPreTokenGeneration6D7CD021']],
    });
    expect('hCognitoScopesPreTokenGeneration6D7CD021').toHaveLength(40);
  });

  test('with accessLogEncryptionKey, the key lets CloudWatch Logs use it for the function logs\' names', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'LogKey');
    tutorialApi(stack, { ...WITH_ADMINS, accessLogEncryptionKey: key }).addMethod('GET', '/orders', { scopes: ['orders.read'] });
    const template = Template.fromStack(stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(template.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref].Properties.KmsKeyId)
      .toEqual({ 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] });
    const conditions = (template.findResources('AWS::KMS::Key')[stack.getLogicalId(key.node.defaultChild as kms.CfnKey)]
      .Properties.KeyPolicy.Statement as any[]).map((statement) => JSON.stringify(statement.Condition ?? {}));
    expect(conditions).toContainEqual(expect.stringContaining(':log-group:/aws/lambda/*"'));
  });

  test('is acknowledged for concurrency, dead letters, VPC, its environment key and (untraced) tracing, in cdk-nag and checkov', () => {
    const { api, template } = synth();
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Metadata.checkov.skip.map((skip: { id: string }) => skip.id))
      .toEqual(['CKV_AWS_115', 'CKV_AWS_116', 'CKV_AWS_117', 'CKV_AWS_173']);
    // Tracing too, when it is off (the default): the Serverless pack asks for it.
    expect(Object.keys(acknowledged(api.preTokenGenerationFunction!))).toEqual([
      'NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC',
      'Serverless-LambdaTracing',
    ].map((rule) => `Annotation::${rule}`));
  });

  test('its policy\'s "*" for X-Ray is acknowledged only when tracing, with the reason', () => {
    const policyOf = (api: ProtectedApiWithCognito) => api.node.findChild('PreTokenGeneration').node.findChild('Policy');
    const traced = synth({ ...WITH_ADMINS, tracingEnabled: true }).api;
    expect(acknowledged(policyOf(traced))).toEqual({ 'Annotation::AwsSolutions-IAM5[Resource::*]': REASONS.functionTracing });
    expect(acknowledged(policyOf(synth().api))).toEqual({});
  });

  test('has its own role, with no AWS managed policy and no inline one, that may only write its own log group', () => {
    const { template } = synth();
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const role = template.findResources('AWS::IAM::Role')[roleId];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' },
    }]);
    // One customer managed policy of its own, and nothing else.
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
    const policyId = role.Properties.ManagedPolicyArns[0].Ref;
    const policy = template.findResources('AWS::IAM::ManagedPolicy')[policyId];
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
    }]);
  });

  test('traced like the API with tracingEnabled, its policy then also allows writing X-Ray segments only', () => {
    const { template } = synth({ ...WITH_ADMINS, tracingEnabled: true });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .find((p: any) => p.Properties.Description?.includes('pre token generation'));
    expect(policy?.Properties.PolicyDocument.Statement[1]).toEqual({
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Effect: 'Allow', Resource: '*',
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('logs to its own log group, kept for a year, and kept with the stack by default', () => {
    const { template } = synth();
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const logGroup = template.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref];
    expect(logGroup).toMatchObject({
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('its log group follows removalPolicy', () => {
    const { template } = synth({ ...WITH_ADMINS, removalPolicy: RemovalPolicy.DESTROY });
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(template.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref]).toMatchObject({
      DeletionPolicy: 'Delete',
    });
  });
});

describe('groups named like a member of every JavaScript object', () => {
  // `map[name] = ...` on a plain object sets the prototype for `__proto__` instead of a key, and
  // aws-cdk-lib's toJsonString copies objects by assignment: either way the group's scopes were
  // restricted for nobody (beside another group) or the trigger refused every sign-in (alone).
  const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
  const SCOPES = [
    { name: 'orders.read', description: 'read orders' },
    { name: 'orders.admin', description: 'administer orders' },
    { name: 'orders.write', description: 'write orders' },
  ];
  const requested = ['openid', `${SERVER}/orders.read`, `${SERVER}/orders.admin`, `${SERVER}/orders.write`];

  function trigger(userGroups: ApiUserGroup[]): DeployedTrigger {
    const stack = newStack();
    tutorialApi(stack, { scopes: SCOPES, userGroups }).addMethod('GET', '/orders', { scopes: ['orders.read'] });
    return deployedTrigger(stack);
  }

  test.each(NAMES)('%s alone: the map holds it with its scope; the trigger grants it to members only', async (name) => {
    const { entries, suppressed } = trigger([{ name, scopes: ['orders.admin'] }]);

    expect(entries).toEqual([[name, [`${SERVER}/orders.admin`]]]);
    expect(await suppressed([name], requested)).toEqual([]);
    expect(await suppressed([], requested)).toEqual([`${SERVER}/orders.admin`]);
    expect(await suppressed(['someone-else'], requested)).toEqual([`${SERVER}/orders.admin`]);
  });

  test.each(NAMES)('%s beside an ordinary group: each keeps exactly its own scopes', async (name) => {
    const { entries, suppressed } = trigger([
      { name, scopes: ['orders.admin'] },
      { name: 'admins', scopes: ['orders.write'] },
    ]);

    expect(entries).toEqual([[name, [`${SERVER}/orders.admin`]], ['admins', [`${SERVER}/orders.write`]]]);
    expect(await suppressed([name], requested)).toEqual([`${SERVER}/orders.write`]);
    expect(await suppressed(['admins'], requested)).toEqual([`${SERVER}/orders.admin`]);
    expect(await suppressed([name, 'admins'], requested)).toEqual([]);
    expect(await suppressed([], requested)).toEqual([`${SERVER}/orders.admin`, `${SERVER}/orders.write`]);
  });

  test('a name or scope known only at deploy time still lands as a key of its own, beside __proto__', () => {
    const stack = newStack();
    const later = Lazy.string({ produce: () => 'late-group' });
    const json = scopeMapJson(stack, new Map([
      ['__proto__', [`${SERVER}/orders.admin`]],
      [later, [Lazy.string({ produce: () => `${SERVER}/orders.write` })]],
    ]));

    expect(Object.entries(JSON.parse(stack.resolve(json)))).toEqual([
      ['__proto__', [`${SERVER}/orders.admin`]],
      ['late-group', [`${SERVER}/orders.write`]],
    ]);
  });

  test('the map keeps the order earlier releases wrote (integer-like names first), so deployed functions do not change', () => {
    const stack = newStack();
    tutorialApi(stack, {
      scopes: SCOPES,
      userGroups: [{ name: 'admins', scopes: ['orders.admin'] }, { name: '7', scopes: ['orders.write'] }],
    }).addMethod('GET', '/orders', { scopes: ['orders.read'] });
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];

    expect(fn.Properties.Environment.Variables[SCOPES_BY_GROUP_VARIABLE])
      .toBe(`{"7":["${SERVER}/orders.write"],"admins":["${SERVER}/orders.admin"]}`);
  });
});

describe('clients', () => {
  test('the browser client keeps requesting every client scope, restricted ones included', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: [
        'openid',
        { 'Fn::Join': ['', [{ Ref: onlyId(template, 'AWS::Cognito::UserPoolResourceServer') }, '/orders.read']] },
        { 'Fn::Join': ['', [{ Ref: onlyId(template, 'AWS::Cognito::UserPoolResourceServer') }, '/orders.admin']] },
      ],
    });
  });

  test('machine clients are the same with and without userGroups (version 2 does not run for them)', () => {
    const addReporting = (api: ProtectedApiWithCognito) => api.addMachineClient('Reporting', { scopes: ['orders.admin'] });
    const machineClient = (template: Template) => Object.entries(template.findResources('AWS::Cognito::UserPoolClient', {
      Properties: { AllowedOAuthFlows: ['client_credentials'] },
    }));
    const without = machineClient(synth({ ...WITH_ADMINS, userGroups: undefined }, addReporting).template);
    const withGroups = synth(WITH_ADMINS, addReporting).template;
    expect(without).toHaveLength(1);
    expect(machineClient(withGroups)).toEqual(without);
    // Version 3 would run for the client-credentials grant too; the trigger is version 2.
    withGroups.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: Match.objectLike({ LambdaVersion: 'V2_0' }) },
    });
  });
});

describe('bad userGroups', () => {
  test.each([
    ['a space', 'order admins', '"order admins"'],
    ['nothing', '', '""'],
    ['a tab', 'admins\t', '"admins\\t"'],
    ['129 characters', 'a'.repeat(129), `"${'a'.repeat(60)}..." (129 characters)`],
  ])('fails when a group name holds %s', (_name, name, shown) => {
    expect(build([{ name, scopes: ['orders.admin'] }])).toThrow(new Error(`userGroups[0].name ${shown} is invalid: `
      + 'use 1-128 letters, marks, symbols, digits or punctuation, without spaces'));
  });

  test('accepts names of letters, marks, symbols, digits and punctuation in any script', () => {
    expect(build([{ name: 'Ädmins_2+€/ops', scopes: ['orders.admin'] }, { name: 'a'.repeat(128), scopes: ['orders.admin'] }]))
      .not.toThrow();
  });

  test('fails when a group name is used twice', () => {
    expect(build([
      { name: 'admins', scopes: ['orders.admin'] },
      { name: 'auditors', scopes: ['orders.admin'] },
      { name: 'admins', scopes: ['orders.read'] },
    ])).toThrow(new Error('userGroups[2].name "admins" is repeated (also userGroups[0]): group names must be unique'));
  });

  test('fails when a group lists a scope that is not defined', () => {
    expect(build([{ name: 'admins', scopes: ['orders.admin', 'orders.delete'] }])).toThrow(new Error(
      'userGroups[0].scopes[1] "orders.delete" is not one of the API\'s scopes (orders.read, orders.admin); '
      + 'add it to the scopes prop or fix the name'));
  });

  test('fails when a group\'s scopes are a list known only at deploy time', () => {
    // aws-cdk-lib could not write such a list into the trigger's map: it failed with a resolution error before.
    const scopes = Token.asList(Lazy.list({ produce: () => ['orders.admin'] }));
    expect(build([{ name: 'admins', scopes }])).toThrow(new Error('userGroups[0].scopes is a list known only at '
      + 'deploy time: the trigger\'s map is written at synth, so list the scopes that members of "admins" get by name, '
      + 'from the API\'s scopes (orders.read, orders.admin)'));
  });

  test('fails when a group lists no scope', () => {
    expect(build([{ name: 'admins', scopes: [] }])).toThrow(new Error('userGroups[0].scopes is empty: list the scopes '
      + 'that members of "admins" get, from the API\'s scopes (orders.read, orders.admin)'));
  });

  test('fails when a group lists a scope twice', () => {
    expect(build([{ name: 'admins', scopes: ['orders.admin', 'orders.admin'] }])).toThrow(new Error(
      'userGroups[0].scopes[1] "orders.admin" is repeated (also userGroups[0].scopes[0]); name each scope once'));
  });

  test('fails when a group lists a scope the browser client does not request', () => {
    expect(build([{ name: 'admins', scopes: ['orders.admin'] }], {
      scopes: [...WITH_ADMINS.scopes!, { name: 'orders.write', description: 'write orders' }],
      clientScopes: ['orders.read', 'orders.write'],
    })).toThrow(new Error(
      'userGroups[0].scopes[0] "orders.admin" is not in clientScopes (orders.read, orders.write): the browser client '
      + 'never requests it, so membership cannot grant it; add it to clientScopes, or remove it from the group'));
  });

  test.each([-1, 1.5, Number.NaN])('fails when a precedence is %p', (precedence) => {
    expect(build([{ name: 'admins', scopes: ['orders.admin'], precedence }])).toThrow(new Error(
      `userGroups[0].precedence ${JSON.stringify(precedence)} is invalid: use a whole number, 0 or more (the lowest wins)`));
  });

  test('accepts precedence 0', () => {
    expect(build([{ name: 'admins', scopes: ['orders.admin'], precedence: 0 }])).not.toThrow();
  });

  test('fails when a description is longer than Cognito allows', () => {
    const description = 'd'.repeat(2049);
    expect(build([{ name: 'admins', scopes: ['orders.admin'], description }])).toThrow(new Error(
      'userGroups[0].description "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd..." (2049 characters) is '
      + 'invalid: Cognito allows at most 2048 characters'));
  });

  test('accepts a description of exactly 2048 characters', () => {
    expect(build([{ name: 'admins', scopes: ['orders.admin'], description: 'd'.repeat(2048) }])).not.toThrow();
  });

  test('fails when userGroups are given with featurePlan LITE', () => {
    expect(build(WITH_ADMINS.userGroups!, { featurePlan: cognito.FeaturePlan.LITE })).toThrow(new Error(
      'userGroups need featurePlan ESSENTIALS or PLUS, but featurePlan is "LITE": Cognito customizes access tokens '
      + '(pre token generation trigger, event version 2) only on those plans; set featurePlan to '
      + 'FeaturePlan.ESSENTIALS, or leave userGroups out'));
  });

  test('featurePlan LITE without userGroups is fine; PLUS with them too', () => {
    expect(build([], { featurePlan: cognito.FeaturePlan.LITE })).not.toThrow();
    expect(build(WITH_ADMINS.userGroups!, { featurePlan: cognito.FeaturePlan.PLUS })).not.toThrow();
  });

  test('fails when the scope map does not fit in the trigger\'s environment', () => {
    const groups = Array.from({ length: 70 }, (_, i) => ({ name: `group-number-${i}`, scopes: ['orders.admin'] }));
    expect(build(groups)).toThrow(new Error('userGroups grant their scopes in 4331 bytes of JSON, more than the 4034 '
      + 'that fit in the trigger\'s environment (Lambda allows 4 KB of environment variables): use fewer groups, '
      + 'shorter group or scope names, or a shorter resourceServerIdentifier'));
    expect(build(groups.slice(0, 65))).not.toThrow();
  });

  test('the scope map may fill the trigger\'s environment to the last byte, and not one more', () => {
    // 63 groups take 3,897 bytes of JSON; a 64th named with 90 characters brings the map to exactly 4,034.
    const groups = Array.from({ length: 63 }, (_, i) => ({ name: `group-number-${i}`, scopes: ['orders.admin'] }));
    expect(build([...groups, { name: 'x'.repeat(90), scopes: ['orders.admin'] }])).not.toThrow();
    expect(build([...groups, { name: 'x'.repeat(91), scopes: ['orders.admin'] }])).toThrow(
      /^userGroups grant their scopes in 4035 bytes of JSON, more than the 4034 that fit/);
  });
});

describe('the user pool', () => {
  /** A stack with a place for the groups and trigger, and `pool` made in it (or elsewhere). */
  function attach(makePool: (stack: Stack) => cognito.IUserPool): { scope: Construct; attachGroups: () => void } {
    const stack = newStack();
    const pool = makePool(stack);
    const scope = new Construct(stack, 'Api');
    return {
      scope,
      attachGroups: () => addUserGroups(scope, {
        userPool: pool,
        groups: [{ name: 'admins', scopes: ['orders.admin'] }],
        resourceServerIdentifier: SERVER,
        removalPolicy: RemovalPolicy.RETAIN,
        tracingEnabled: false,
      }),
    };
  }

  test('a cognito.UserPool of the same stack takes the groups and the trigger', () => {
    let pool: cognito.UserPool | undefined;
    const { scope, attachGroups } = attach((stack) => pool = new cognito.UserPool(stack, 'Pool'));
    attachGroups();
    const template = Template.fromStack(Stack.of(scope));
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: Match.objectLike({ LambdaVersion: 'V2_0' }) },
    });
    expect(pool).toBeDefined();
  });

  test.each([
    ['fromUserPoolId', (stack: Stack) => cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_EXAMPLE')],
    ['fromUserPoolArn', (stack: Stack) => cognito.UserPool.fromUserPoolArn(stack, 'Pool',
      'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE')],
    ['fromUserPoolId, with a CfnUserPool as its default child', (stack: Stack) => {
      const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-east-1_EXAMPLE');
      new cognito.CfnUserPool(pool, 'Resource');
      return pool;
    }],
  ])('fails when the pool is imported (%s)', (_name, makePool) => {
    expect(attach(makePool).attachGroups).toThrow(new Error('userGroups need a pre token generation trigger on the '
      + 'user pool, but the user pool "TestStack/Pool" is imported (fromUserPoolId or fromUserPoolArn), and its '
      + 'triggers cannot be set from here: pass a cognito.UserPool defined in this app, or leave userGroups out and '
      + 'attach a version 2 pre token generation trigger where the pool is defined'));
  });

  test('fails when a given pool is on the LITE feature plan', () => {
    const { attachGroups } = attach((stack) => new cognito.UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.LITE }));
    expect(attachGroups).toThrow(new Error('userGroups need the ESSENTIALS or PLUS feature plan, but the user pool '
      + '"TestStack/Pool" is on "LITE": Cognito customizes access tokens (pre token generation trigger, event version 2) '
      + 'only on those plans; set its featurePlan to FeaturePlan.ESSENTIALS, or leave userGroups out'));
  });

  test('reads the plan of a given pool: ESSENTIALS and PLUS are fine', () => {
    for (const featurePlan of [cognito.FeaturePlan.ESSENTIALS, cognito.FeaturePlan.PLUS]) {
      expect(attach((stack) => new cognito.UserPool(stack, 'Pool', { featurePlan })).attachGroups).not.toThrow();
    }
  });

  function someFunction(stack: Stack): lambda.Function {
    return new lambda.Function(stack, 'OwnTrigger', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (e) => e;'),
    });
  }

  test.each([
    ['version 2', 'preTokenGenerationConfig', (pool: cognito.UserPool, fn: lambda.IFunction) =>
      pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, cognito.LambdaVersion.V2_0)],
    ['version 1', 'preTokenGeneration', (pool: cognito.UserPool, fn: lambda.IFunction) =>
      pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn)],
  ])('fails when the pool already has a pre token generation trigger (%s)', (_name, operation, addTrigger) => {
    const { attachGroups } = attach((stack) => {
      const pool = new cognito.UserPool(stack, 'Pool');
      addTrigger(pool, someFunction(stack));
      return pool;
    });
    expect(attachGroups).toThrow(new Error('userGroups need the pre token generation trigger of the user pool '
      + `"TestStack/Pool", but it has one already (${operation}), and a pool takes one: leave userGroups out and `
      + 'remove restricted scopes in your own trigger (event version 2, scopesToSuppress), or remove that trigger'));
  });

  test('other triggers are fine', () => {
    const { attachGroups } = attach((stack) => new cognito.UserPool(stack, 'Pool', {
      lambdaTriggers: { preSignUp: someFunction(stack) },
    }));
    expect(attachGroups).not.toThrow();
  });

  test('fails at synth when a version 1 pre token generation trigger is added afterwards', () => {
    let pool: cognito.UserPool | undefined;
    const { scope, attachGroups } = attach((stack) => pool = new cognito.UserPool(stack, 'Pool'));
    attachGroups();
    pool!.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, someFunction(Stack.of(scope)));
    expect(() => (scope.node.root as App).synth()).toThrow('Validation failed with the following errors:\n'
      + '  [TestStack/Api] userGroups need the pre token generation trigger of the user pool "TestStack/Pool", but it '
      + 'has one already (preTokenGeneration), and a pool takes one: leave userGroups out and remove restricted scopes '
      + 'in your own trigger (event version 2, scopesToSuppress), or remove that trigger');
  });

  test('fails when the pool is in another stack', () => {
    const { attachGroups } = attach((stack) => new cognito.UserPool(new Stack(stack.node.root as App, 'PoolStack'), 'Pool'));
    expect(attachGroups).toThrow(new Error('userGroups need a trigger function on the user pool "PoolStack/Pool", but '
      + 'the pool is in stack "PoolStack" and the API in "TestStack": each stack would depend on the other; define the '
      + 'API in the user pool\'s stack, or leave userGroups out'));
  });
});
