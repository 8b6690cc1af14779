/**
 * Property-based tests: generated props that follow the README's rules must synthesize what they
 * ask for (this file). The same props with one rule broken must fail
 * clearly: see invalid-props.test.ts.
 *
 * Seeded, so every run checks the same cases; a failure prints fast-check's seed, path and shrunk
 * counterexample. Rerun with another seed or more cases: FC_SEED=123 FC_RUNS=10 npx jest test/property
 * (FC_RUNS multiplies the number of cases; `npx projen fuzz` runs thousands, with CDK's template
 * validation on all of them).
 */
import * as fc from 'fast-check';
import { PropsSpec, validHttpSpec, validSpec } from './arbitraries';
import { addCase, caseStackId, checkDocument, checkInvalidCase, checkTemplate, checkValidSpec, documentOf, findingsByStack, newApp } from './checks';
import { documentFindings } from '../openapi-checks';

const SEED = Number(process.env.FC_SEED ?? 20261127);
/** Scales every run count; 1 by default. */
const RUNS = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));

test('valid props synthesize a template that says what they asked for', () => {
  // CDK's template validation is off here (seconds a synth); the next test runs it on a sample.
  fc.assert(fc.property(validSpec, (spec) => checkValidSpec(spec, false)), { seed: SEED, numRuns: runs(40) });
});

test('a sample of valid props passes CDK\'s template validation with no finding at all', () => {
  // One app holds the whole sample: the validation's cost is mostly per synth, not per stack.
  const specs = fc.sample(validSpec, { seed: SEED + 1, numRuns: runs(15) });
  const app = newApp(true);
  specs.forEach((spec, i) => addCase(app, spec, i));

  const assembly = app.synth();

  const findings = findingsByStack(assembly);
  expect(Object.fromEntries([...findings].map(([stack, list]) => [stack, { spec: specs[Number(stack.slice(4))], list }]))).toEqual({});
  specs.forEach((spec, i) => checkTemplate(spec, assembly.getStackByName(caseStackId(i)).template));
});

test('the OpenAPI document of a sample of valid props of both constructs is valid: the validator and spectral:oas find no error', async () => {
  // Of both constructs: REST APIs, then HTTP APIs.
  const specs = [...fc.sample(validSpec, { seed: SEED + 2, numRuns: runs(8) }), ...fc.sample(validHttpSpec, { seed: SEED + 4, numRuns: runs(4) })];
  const app = newApp(false);
  const stacks = specs.map((spec, i) => addCase(app, spec, i));

  for (const [i, stack] of stacks.entries()) {
    const findings = await documentFindings(documentOf(stack));
    expect({ spec: specs[i], errors: [...findings.validatorErrors, ...findings.spectralErrors] }).toEqual({ spec: specs[i], errors: [] });
  }
});

test('the checks can fail: a template missing what was asked is caught', () => {
  const [spec] = fc.sample(validSpec, { seed: SEED, numRuns: 1 });
  const app = newApp(false);
  addCase(app, spec, 0);
  const template = app.synth().getStackByName(caseStackId(0)).template;

  expect(() => checkTemplate({ ...spec, methods: [...spec.methods, { httpMethod: 'GET', path: '/missing/x', scopes: ['x'] }] }, template))
    .toThrow(/^methods: expected /);
  expect(() => checkTemplate({ ...spec, props: { ...spec.props, callbackUrls: ['https://other.example.com/'] } }, template))
    .toThrow(/^callback URLs: expected \["https:\/\/other.example.com\/"\]/);
  expect(() => checkInvalidCase({ rule: 'nothing broken', spec, messageStart: 'x' })).toThrow('nothing broken: no error was thrown');
  const stack = app.node.findChild(caseStackId(0)) as import('aws-cdk-lib').Stack;
  const [first] = spec.methods;
  // A method the document does not list, at a path of its own.
  expect(() => checkDocument(spec, stack, {
    Resources: {
      ...template.Resources,
      ExtraPath: { Type: 'AWS::ApiGateway::Resource', Properties: { ParentId: { 'Fn::GetAtt': ['X', 'RootResourceId'] }, PathPart: 'not-in-the-document' } },
      ExtraMethod: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'GET', ResourceId: { Ref: 'ExtraPath' }, AuthorizationType: 'NONE' } },
    },
  })).toThrow(/^document operations: expected /);
  // The same of an HTTP API: a route the document does not list.
  const [httpSpec] = fc.sample(validHttpSpec, { seed: SEED, numRuns: 1 });
  const httpApp = newApp(false);
  const httpStack = addCase(httpApp, httpSpec, 0);
  const httpTemplate = httpApp.synth().getStackByName(caseStackId(0)).template;
  expect(() => checkDocument(httpSpec, httpStack, httpTemplate)).not.toThrow();
  expect(() => checkDocument(httpSpec, httpStack, {
    Resources: {
      ...httpTemplate.Resources,
      ExtraRoute: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /not-in-the-document', AuthorizationType: 'NONE' } },
    },
  })).toThrow(/^document operations: expected /);
  if (first && !first.allowUnauthenticated) {
    const resources = Object.fromEntries(Object.entries<any>(template.Resources).map(([id, r]) => [id,
      r.Type === 'AWS::ApiGateway::Method' && r.Properties.AuthorizationType !== 'NONE'
        ? { ...r, Properties: { ...r.Properties, AuthorizationScopes: ['other/scope'] } } : r]));
    expect(() => checkDocument(spec, stack, { Resources: resources })).toThrow(/^document .* security: expected /);
  }
  const withProps = (props: Partial<PropsSpec>) => ({ ...spec, props: { ...spec.props, ...props } });
  expect(() => checkTemplate(withProps({ userGroups: [...(spec.props.userGroups ?? []), { name: 'extra', scopes: ['x'] }] }), template))
    .toThrow(/^user groups: expected /);
  expect(() => checkTemplate(withProps({ logKey: !spec.props.logKey }), template)).toThrow(/^log group keys: expected /);
  expect(() => checkTemplate(withProps({ clientCertificateId: 'other1' }), template)).toThrow(/^client certificate: expected "other1"/);
  expect(() => checkTemplate(withProps({ importedPool: spec.props.importedPool ? undefined : { userPoolId: 'us-east-1_abcdefghi' } }), template))
    .toThrow(/^user pools: expected /);
  expect(() => checkTemplate({ ...spec, google: spec.google ? undefined : { clientId: 'c', secretName: 's' } }, template))
    .toThrow(/^identity providers: expected /);
  expect(() => checkTemplate(withProps({ userPoolSignIn: spec.props.userPoolSignIn === false }), template))
    .toThrow(/^supported identity providers: expected /);
  if (!spec.props.importedPool) {
    expect(() => checkTemplate(withProps({ firstFactors: { password: true, passkey: !spec.props.firstFactors?.passkey } }), template))
      .toThrow(/^first factors: expected /);
  }
  expect(() => checkTemplate(withProps({ rotationSeconds: spec.props.rotationSeconds === undefined ? 30 : undefined }), template))
    .toThrow(/^browser client auth flows: expected /);
});

test('valid props synthesize an HTTP construct whose template says what they asked for', () => {
  fc.assert(fc.property(validHttpSpec, (spec) => checkValidSpec(spec, false)), { seed: SEED + 2, numRuns: runs(30) });
});

test('a sample of valid props passes CDK\'s template validation on the HTTP construct with no finding at all', () => {
  const specs = fc.sample(validHttpSpec, { seed: SEED + 3, numRuns: runs(8) });
  const app = newApp(true);
  specs.forEach((spec, i) => addCase(app, spec, i));

  const assembly = app.synth();

  const findings = findingsByStack(assembly);
  expect(Object.fromEntries([...findings].map(([stack, list]) => [stack, { spec: specs[Number(stack.slice(4))], list }]))).toEqual({});
  specs.forEach((spec, i) => checkTemplate(spec, assembly.getStackByName(caseStackId(i)).template));
});

test('the HTTP checks can fail: a template missing what was asked is caught', () => {
  const [spec] = fc.sample(validHttpSpec, { seed: SEED, numRuns: 1 });
  const app = newApp(false);
  addCase(app, spec, 0);
  const template = app.synth().getStackByName(caseStackId(0)).template;

  expect(() => checkTemplate({ ...spec, methods: [...spec.methods, { httpMethod: 'GET', path: '/missing/x', scopes: ['x'] }] }, template))
    .toThrow(/^routes: expected /);
  expect(() => checkTemplate({ ...spec, machineClients: [...spec.machineClients, { id: 'Extra', scopes: ['x'] }] }, template))
    .toThrow(/^machine clients: expected /);
  expect(() => checkTemplate({ ...spec, props: { ...spec.props, throttlingRateLimit: 0.5 } }, template)).toThrow(/^throttling: expected /);
  expect(() => checkTemplate({ ...spec, props: { ...spec.props, apiName: 'other-name' } }, template)).toThrow(/^HTTP APIs: expected /);
  expect(() => checkTemplate({ ...spec, props: { ...spec.props, corsAllowOrigins: ['https://other.example.com'] } }, template))
    .toThrow(/^CORS: expected /);
  expect(() => checkTemplate({ ...spec, front: undefined }, template)).toThrow(/^REST APIs: expected /);
});
