import { Aws, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { ProtectedApiWithCognito } from '../../../src';
import { MAX_STACKS_PER_SEGMENT, pathHash, placementOf, stackIdOf } from '../../../src/private/rest/nested-methods';
import { TUTORIAL_PROPS, newStack, tutorialApi } from '../../helpers';

const SEED = Number(process.env.FC_SEED ?? 20261201);
const RUNS = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));

const READ = 'awesomeapi-resource-server/awesomeapi.read';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

/** 250 paths of 4 methods under 10 first segments, a third of them with a `{parameter}`. */
function thousandPaths(): string[] {
  return Array.from({ length: 250 }, (_, p) => (p % 3 === 0 ? `/s${p % 10}/items${p}/{id}` : `/s${p % 10}/things${p}`));
}

/** Every template of the app holding `stack`, by stack (the parent first). */
function templates(stack: Stack): Map<Stack, Template> {
  const found = new Map<Stack, Template>([[stack, Template.fromStack(stack)]]);
  for (const child of stack.node.findAll()) {
    if (child instanceof NestedStack) {
      found.set(child, Template.fromStack(child));
    }
  }
  return found;
}

/** The resources of one type across every template, with their stack. */
function resourcesOf(all: Map<Stack, Template>, type: string): Array<{ stack: Stack; id: string; props: any }> {
  return [...all].flatMap(([stack, t]) => Object.entries(t.findResources(type))
    .map(([id, r]) => ({ stack, id, props: (r as any).Properties })));
}

/** The logical id of the stage's deployment in the parent stack. */
function deploymentId(stack: Stack): string {
  const [id] = Object.keys(Template.fromStack(stack).findResources('AWS::ApiGateway::Deployment'));
  return id;
}

describe('placementOf', () => {
  test('groups by the first segment, one stack a group unless it has more', () => {
    expect(placementOf([])).toBeUndefined();
    expect(placementOf(['orders'])).toEqual({ group: 'orders', bucket: 0, stacks: 1 });
    expect(placementOf(['orders', '{id}'])).toEqual({ group: 'orders', bucket: 0, stacks: 1 });
    expect(placementOf(['orders', '{id}', 'lines'])).toEqual(placementOf(['orders', '{id}']));
  });

  test('with more stacks, buckets by the second segment, the first segment\'s own methods in the first', () => {
    expect(placementOf(['orders'], 4)).toEqual({ group: 'orders', bucket: 0, stacks: 4 });
    expect(placementOf(['orders', '{id}'], 4)).toEqual({ group: 'orders', bucket: pathHash('{id}') % 4, stacks: 4 });
    expect(placementOf(['orders', '{id}', 'lines'], 3)).toEqual(placementOf(['orders', '{id}'], 3));
  });

  test('hashes with the first 32 bits of SHA-256', () => {
    expect(pathHash('')).toBe(0xe3b0c442);
    expect(pathHash('abc')).toBe(0xba7816bf);
  });

  test('names the nested stacks after the group and bucket', () => {
    expect(stackIdOf({ group: 'orders', bucket: 0 })).toBe('Methods[orders]');
    expect(stackIdOf({ group: 'orders', bucket: 3 })).toBe('Methods[orders]3');
    expect(stackIdOf({ group: '{id}', bucket: 1 })).toBe('Methods[{id}]1');
  });
});

describe('a thousand protected methods in nested stacks', () => {
  let stack: Stack;
  let api: ProtectedApiWithCognito;
  let all: Map<Stack, Template>;
  const paths = thousandPaths();

  beforeAll(() => {
    stack = newStack();
    api = tutorialApi(stack, { methodsInNestedStacks: true });
    for (const path of paths) {
      for (const method of HTTP_METHODS) {
        api.addMethod(method, path, { scopes: ['awesomeapi.read'] });
      }
    }
    all = templates(stack);
  });

  test('every stack holds at most 500 resources in a template under 1 MB', () => {
    expect(all.size).toBeGreaterThan(10);
    for (const [s, t] of all) {
      const json = JSON.stringify(t.toJSON());
      expect({ stack: s.node.path, resources: Object.keys(t.toJSON().Resources).length <= 500 })
        .toEqual({ stack: s.node.path, resources: true });
      expect(Buffer.byteLength(json)).toBeLessThan(1024 * 1024);
    }
  });

  test('every method is there once, with the authorizer and exactly its scopes', () => {
    const methods = resourcesOf(all, 'AWS::ApiGateway::Method').filter((m) => m.props.HttpMethod !== 'OPTIONS');
    expect(methods).toHaveLength(1000);
    const parent = Template.fromStack(stack);
    const [authorizerId] = Object.keys(parent.findResources('AWS::ApiGateway::Authorizer'));
    const stackResources = parent.findResources('AWS::CloudFormation::Stack');
    for (const m of methods) {
      expect(m.stack).not.toBe(stack);
      expect(m.props.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(m.props.AuthorizationScopes).toEqual([READ]);
      // The authorizer's id reaches the nested stack as a parameter, fed by the parent's authorizer.
      const parameter = m.props.AuthorizerId.Ref;
      const nested = m.stack as NestedStack;
      const stackResource = stackResources[stack.getLogicalId(nested.nestedStackResource!)];
      expect(stackResource.Properties.Parameters[parameter]).toEqual({ Ref: authorizerId });
    }
    expect(api.api.methods.filter((m) => m.httpMethod !== 'OPTIONS')).toHaveLength(1000);
  });

  test('each path\'s methods and resources live in one nested stack, with a CORS preflight on every resource', () => {
    const resources = resourcesOf(all, 'AWS::ApiGateway::Resource');
    const options = resourcesOf(all, 'AWS::ApiGateway::Method').filter((m) => m.props.HttpMethod === 'OPTIONS');
    // 10 first segments, 250 second ones, 84 {id}; and the root's preflight, in the parent.
    expect(resources).toHaveLength(10 + 250 + 84);
    expect(options).toHaveLength(resources.length + 1);
    const single = newStack();
    const one = tutorialApi(single);
    one.addMethod('GET', '/s0/things1', { scopes: ['awesomeapi.read'] });
    const [singlePreflight] = Object.values(Template.fromStack(single).findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: 'OPTIONS', ResourceId: { Ref: Match.anyValue() } },
    })).map((r: any) => r.Properties);
    for (const o of options.filter((m) => m.stack !== stack)) {
      expect(o.props.Integration).toEqual(singlePreflight.Integration);
      expect(o.props.MethodResponses).toEqual(singlePreflight.MethodResponses);
    }
  });

  test('the authorizer, request validator, gateway responses and stage are the parent\'s alone', () => {
    for (const [type, count] of [['AWS::ApiGateway::Authorizer', 1], ['AWS::ApiGateway::RequestValidator', 1],
      ['AWS::ApiGateway::GatewayResponse', 2], ['AWS::ApiGateway::Stage', 1], ['AWS::ApiGateway::Deployment', 1],
      ['AWS::ApiGateway::RestApi', 1]] as const) {
      const found = resourcesOf(all, type);
      expect({ type, count: found.length, inParent: found.every((r) => r.stack === stack) }).toEqual({ type, count, inParent: true });
    }
  });

  test('cross-stack references are parameters of the nested stacks, never exports', () => {
    for (const [, t] of all) {
      const json = JSON.stringify(t.toJSON());
      expect(json).not.toContain('Fn::ImportValue');
      expect(json).not.toContain('"Export"');
    }
    for (const [s, t] of all) {
      if (s !== stack) {
        expect(Object.keys(t.toJSON().Parameters ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  test('the deployment comes after every nested stack', () => {
    const parent = Template.fromStack(stack).toJSON();
    const [deployment] = Object.values(parent.Resources).filter((r: any) => r.Type === 'AWS::ApiGateway::Deployment') as any[];
    const nestedIds = Object.entries(parent.Resources).filter(([, r]: any) => r.Type === 'AWS::CloudFormation::Stack').map(([id]) => id);
    expect(nestedIds.length).toBe(all.size - 1);
    expect(deployment.DependsOn).toEqual(expect.arrayContaining(nestedIds));
  });
});

describe('where a method lives', () => {
  test('methods on / stay in the parent stack, on the root', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { methodsInNestedStacks: true });
    const root = api.addMethod('GET', '/', { scopes: ['awesomeapi.read'] });
    const deep = api.addMethod('GET', '/orders/{id}', { scopes: ['awesomeapi.read'] });
    expect(Stack.of(root)).toBe(stack);
    expect(Stack.of(deep)).not.toBe(stack);
    expect(Stack.of(deep).node.id).toBe(stackIdOf(placementOf(['orders', '{id}'])!));
  });

  test('a group\'s other buckets import its first resource and keep CORS preflight', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { v1: 4 } });
    // Second segments in every bucket.
    const seconds = Array.from({ length: 40 }, (_, i) => `p${i}`);
    expect(new Set(seconds.map((p) => placementOf(['v1', p], 4)!.bucket)).size).toBe(4);
    seconds.forEach((p) => api.addMethod('GET', `/v1/${p}`, { scopes: ['awesomeapi.read'] }));
    api.addMethod('GET', '/v2/p0', { scopes: ['awesomeapi.read'] });
    const all = templates(stack);
    // The parent, four stacks for /v1 and one for /v2.
    expect(all.size).toBe(1 + 4 + 1);
    expect([...all.keys()].slice(1).map((s) => s.node.id).sort()).toEqual(['Methods[v1]', 'Methods[v1]1', 'Methods[v1]2', 'Methods[v1]3', 'Methods[v2]']);
    const groupResources = resourcesOf(all, 'AWS::ApiGateway::Resource').filter((r) => r.props.PathPart === 'v1');
    expect(groupResources).toHaveLength(1);
    expect(resourcesOf(all, 'AWS::ApiGateway::Resource')).toHaveLength(43);
    expect(resourcesOf(all, 'AWS::ApiGateway::Method').filter((m) => m.props.HttpMethod === 'OPTIONS')).toHaveLength(44);
  });

  test('an API with no CORS and every method nested synthesizes', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { methodsInNestedStacks: true, corsAllowOrigins: [] });
    api.addMethod('GET', '/a', { scopes: ['awesomeapi.read'] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('depends only on the path: other first segments\' methods never move, whatever the order', () => {
    const segment = fc.constantFrom('orders', 'users', 'v1', '{tenant}', 'a.b');
    const part = fc.constantFrom('x', 'y', 'z', '{id}', 'items', 'p-1', 'q:2');
    const route = fc.record({
      method: fc.constantFrom(...HTTP_METHODS),
      path: fc.tuple(segment, fc.array(part, { maxLength: 2 })).map(([first, rest]) => `/${[first, ...rest].join('/')}`),
    });
    const sequence = fc.uniqueArray(route, { selector: (r) => `${r.method} ${r.path}`, minLength: 1, maxLength: 25 });

    /** Where each route's method lives (its construct path), after adding `routes` in order. */
    const where = (routes: Array<{ method: string; path: string }>): Map<string, string> => {
      const stack = newStack();
      // Some first segments spread over several stacks, the others in one.
      const api = tutorialApi(stack, { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { 'orders': 3, '{tenant}': 2 } });
      return new Map(routes.map((r) => [`${r.method} ${r.path}`, api.addMethod(r.method, r.path, { scopes: ['awesomeapi.read'] }).node.path]));
    };
    const firstOf = (path: string) => path.split('/')[1];

    fc.assert(fc.property(sequence, sequence, segment, fc.integer(), (base, extra, changed, shuffleSeed) => {
      // The same routes in another order, with methods added and removed under one first segment.
      const keys = new Set(base.map((r) => `${r.method} ${r.path}`));
      const changedRoutes = [
        ...base.filter((r) => firstOf(r.path) !== changed || shuffleSeed % 2 === 0),
        ...extra.filter((r) => firstOf(r.path) === changed && !keys.has(`${r.method} ${r.path}`)),
      ];
      const shuffled = [...changedRoutes].sort((a, b) => pathHash(`${shuffleSeed}${a.method}${a.path}`) - pathHash(`${shuffleSeed}${b.method}${b.path}`));
      const before = where(base);
      const after = where(shuffled);
      for (const [key, path] of after) {
        if (before.has(key) && firstOf(key.split(' ')[1]) !== changed) {
          expect({ key, path }).toEqual({ key, path: before.get(key) });
        }
      }
    }), { seed: SEED, numRuns: runs(30) });
  });
});

describe('the stage redeploys when a nested method changes', () => {
  const build = (change: (path: string) => Partial<Parameters<ProtectedApiWithCognito['addMethod']>[2]> = () => ({})) => {
    const stack = newStack();
    const api = tutorialApi(stack, {
      methodsInNestedStacks: true,
      scopes: [{ name: 'awesomeapi.read', description: 'r' }, { name: 'awesomeapi.write', description: 'w' }],
    });
    for (const path of ['/orders', '/orders/{id}', '/users/{id}/items']) {
      api.addMethod('GET', path, { scopes: ['awesomeapi.read'], ...change(path) });
    }
    return stack;
  };
  const only = (target: string, options: Partial<Parameters<ProtectedApiWithCognito['addMethod']>[2]>) =>
    (path: string) => (path === target ? options : {});

  test('keeps its logical id when nothing changed', () => {
    expect(deploymentId(build())).toBe(deploymentId(build()));
  });

  test('changes its logical id when one nested method\'s scopes change', () => {
    expect(deploymentId(build(only('/users/{id}/items', { scopes: ['awesomeapi.write'] })))).not.toBe(deploymentId(build()));
  });

  test('changes its logical id when one nested method\'s integration changes', () => {
    const integration = new apigateway.MockIntegration({ requestTemplates: { 'application/json': '{"statusCode": 204}' } });
    expect(deploymentId(build(only('/orders/{id}', { integration })))).not.toBe(deploymentId(build()));
  });

  test('changes its logical id when one nested method\'s responses change', () => {
    const methodResponses = [{ statusCode: '204' }];
    expect(deploymentId(build(only('/orders', { methodResponses })))).not.toBe(deploymentId(build()));
  });

  test('changes its logical id when one nested method\'s Lambda integration calls another function', () => {
    // Tokens in the integration (the function's ARN in its URI) must reach the digest resolved.
    const withFunction = (name: string) => {
      const stack = newStack();
      const api = tutorialApi(stack, { methodsInNestedStacks: true });
      const fn = lambda.Function.fromFunctionAttributes(stack, 'Fn', {
        functionArn: Fn.join(':', ['arn:aws:lambda', Aws.REGION, Aws.ACCOUNT_ID, 'function', name]),
        sameEnvironment: true,
      });
      api.addMethod('GET', '/orders/{id}', { scopes: ['awesomeapi.read'], integration: new apigateway.LambdaIntegration(fn) });
      return deploymentId(stack);
    };
    expect(withFunction('a')).toBe(withFunction('a'));
    expect(withFunction('a')).not.toBe(withFunction('b'));
  });

  test('without the prop, the deployment hashes no nested method', () => {
    const stack = newStack();
    const api = new ProtectedApiWithCognito(stack, 'AwesomeApi', TUTORIAL_PROPS);
    api.addMethod('GET', '/orders', { scopes: ['awesomeapi.read'] });
    expect(stack.node.findAll().some((c) => c instanceof NestedStack)).toBe(false);
  });
});

describe('the resource limit with nested stacks', () => {
  const crowded = (nestedStacksPerFirstSegment?: { [segment: string]: number }, seconds = 1) => {
    const stack = newStack();
    const api = tutorialApi(stack, { methodsInNestedStacks: true, nestedStacksPerFirstSegment });
    for (let i = 0; i < 170; i++) {
      api.addMethod('GET', `/v1/s${i % seconds}/r${i}`, { scopes: ['awesomeapi.read'] });
    }
    return stack;
  };

  test('fails when one nested stack would pass 500 resources, and names the prop that spreads it', () => {
    // 170 paths and /v1/s0, each a resource, an OPTIONS and a GET; /v1 and its OPTIONS.
    expect(() => Template.fromStack(crowded())).toThrow(
      `TestStack/AwesomeApi/Methods[v1] has ${3 * 170 + 2 + 2} resources, more than the 500 CloudFormation allows in one stack: `
      + 'set nestedStacksPerFirstSegment: { "v1": 2 } or more, to spread the paths under /v1 over more nested stacks by their '
      + 'second segment (paths that share a second segment share a stack; changing it on a deployed API moves methods to '
      + 'other stacks: see the README\'s "More than 160 methods")',
    );
  });

  test('synthesizes once the crowded first segment has more stacks', () => {
    const stack = crowded({ v1: 3 }, 17);
    const all = templates(stack);
    expect(all.size).toBeGreaterThan(2);
    for (const [, t] of all) {
      expect(Object.keys(t.toJSON().Resources).length).toBeLessThanOrEqual(500);
    }
  });

  test('fails when even the most stacks cannot hold a first segment, and says what to do', () => {
    expect(() => Template.fromStack(crowded({ v1: MAX_STACKS_PER_SEGMENT }))).toThrow(
      `more than the 500 CloudFormation allows in one stack: the paths under /v1 fill even ${MAX_STACKS_PER_SEGMENT} nested stacks, `
      + 'the most one first segment may have: spread them over more second segments, or over more first segments',
    );
  });
});

describe('nestedStacksPerFirstSegment', () => {
  test('fails when set without methodsInNestedStacks', () => {
    expect(() => tutorialApi(newStack(), { nestedStacksPerFirstSegment: { v1: 2 } })).toThrow(
      'nestedStacksPerFirstSegment {"v1":2} is set, but methodsInNestedStacks is not true: set methodsInNestedStacks: true, '
      + 'or drop nestedStacksPerFirstSegment',
    );
  });

  test.each([0, 11, 1.5, Number.NaN])('fails when a number is %p', (stacks) => {
    expect(() => tutorialApi(newStack(), { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { v1: stacks } })).toThrow(
      `nestedStacksPerFirstSegment["v1"] ${JSON.stringify(stacks)} is invalid: give a whole number of nested stacks from 1 to 10, known at synth`,
    );
  });

  test.each(['/v1', 'v1/orders', '', 'a b', 'constructor'])('fails when a key is %p', (segment) => {
    expect(() => tutorialApi(newStack(), { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { [segment]: 2 } })).toThrow(
      `nestedStacksPerFirstSegment key ${JSON.stringify(segment)} is invalid: name a first segment as paths have it, without `
      + 'slashes (e.g. "v1" for /v1/...): letters, digits and ._-:$, or a {parameter}',
    );
  });

  test('warns of a segment that no path starts with, once', () => {
    const stack = newStack();
    const api = tutorialApi(stack, { methodsInNestedStacks: true, nestedStacksPerFirstSegment: { V1: 2, v1: 2 } });
    api.addMethod('GET', '/v1/orders', { scopes: ['awesomeapi.read'] });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('nestedStacksPerFirstSegment'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      'nestedStacksPerFirstSegment names "V1", which no method\'s path starts with: fix the name (first segments are '
      + 'matched exactly, case included), or drop it [ack: cdk-cognito-protected-api:unusedNestedSegment]',
    ]);
  });

  test('takes a {parameter} first segment, and a segment with one stack as without the prop', () => {
    const build = (nestedStacksPerFirstSegment?: { [segment: string]: number }) => {
      const stack = newStack();
      const api = tutorialApi(stack, { methodsInNestedStacks: true, nestedStacksPerFirstSegment });
      api.addMethod('GET', '/{tenant}/orders', { scopes: ['awesomeapi.read'] });
      api.addMethod('GET', '/v1/orders', { scopes: ['awesomeapi.read'] });
      return [...templates(stack).values()].map((t) => t.toJSON());
    };
    expect(build({ '{tenant}': 1, 'v1': 1 })).toEqual(build());
    expect(() => build({ '{tenant}': 2 })).not.toThrow();
  });
});
