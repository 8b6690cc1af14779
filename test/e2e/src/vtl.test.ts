/**
 * The VTL subset of the API stand-in, on its own (`npm test` here): what it evaluates, with
 * Velocity's rules, and what it refuses. The end-to-end run checks it against the synthesized
 * templates; these check the rules that the synthesized templates only touch in one way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MappingTemplate, type TemplateResult } from './vtl.js';

const headers = (given: { [name: string]: string }) => ({ header: (name: string) => given[name] });
/** The overrides as a plain object (the template keeps them in one without a prototype). */
const overrides = (result: TemplateResult) => ({ ...result.headerOverrides });

/** aws-cdk-lib's preflight template for the origins a and b (b is echoed; a is the static header). */
const PREFLIGHT = [
  '#set($origin = $input.params().header.get("Origin"))',
  '#if($origin == "")',
  '  #set($origin = $input.params().header.get("origin"))',
  '#end',
  '#if($origin == "https://b.example")',
  '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
  '#end',
].join('\n');

/** The construct's template for a method's answer with the origins a and b. */
const METHOD = [
  '#set($origin = $input.params().header.get("Origin"))',
  '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
  '#if($origin == "https://a.example" || $origin == "https://b.example")',
  '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
  '#end',
  '{"message":"hi"}',
].join('\n');

describe('MappingTemplate', () => {
  it('echoes an allowed origin through responseOverride, and writes only the body text', () => {
    const result = MappingTemplate.parse('method', METHOD).evaluate(headers({ Origin: 'https://b.example' }));
    assert.equal(result.body, '{"message":"hi"}');
    assert.deepEqual(overrides(result), { 'Access-Control-Allow-Origin': 'https://b.example' });
  });

  it('overrides nothing for an origin outside the list', () => {
    const result = MappingTemplate.parse('method', METHOD).evaluate(headers({ Origin: 'https://evil.example' }));
    assert.deepEqual(overrides(result), {});
  });

  it('reads a header under its exact spelling only, as both templates assume (they look up Origin, then origin)', () => {
    const template = MappingTemplate.parse('method', METHOD);
    assert.deepEqual(overrides(template.evaluate(headers({ origin: 'https://a.example' }))), { 'Access-Control-Allow-Origin': 'https://a.example' });
    assert.deepEqual(overrides(template.evaluate(headers({ ORIGIN: 'https://a.example' }))), {});
  });

  it('treats a missing header as null: == "" is false, $! is empty, and #set to null keeps the old value', () => {
    const preflight = MappingTemplate.parse('preflight', PREFLIGHT);
    // "origin" is only read when "Origin" equals "", which a null Origin does not.
    assert.deepEqual(overrides(preflight.evaluate(headers({ origin: 'https://b.example' }))), {});
    assert.deepEqual(overrides(MappingTemplate.parse('method', METHOD).evaluate(headers({ origin: 'https://b.example' }))),
      { 'Access-Control-Allow-Origin': 'https://b.example' });
    const keep = MappingTemplate.parse('keep', [
      '#set($a = "x")',
      '#set($a = $input.params().header.get("None"))',
      '#set($context.responseOverride.header.X = $a)',
    ].join('\n'));
    assert.deepEqual(overrides(keep.evaluate(headers({}))), { X: 'x' });
  });

  it('keeps a null reference as written in a string, and drops it with $!', () => {
    const template = MappingTemplate.parse('strings', '#set($a = "[$b][$!b]")\n#set($context.responseOverride.header.X = $a)\n');
    assert.deepEqual(overrides(template.evaluate(headers({}))), { X: '[$b][]' });
  });

  it('answers a 5XX where a header is overridden twice', () => {
    const template = MappingTemplate.parse('twice', [
      '#set($context.responseOverride.header.X = "1")',
      '#set($context.responseOverride.header.X = "2")',
    ].join('\n'));
    assert.throws(() => template.evaluate(headers({})), /overrides the header X twice/);
  });

  it('gobbles lines that hold only directives, and keeps every other line break', () => {
    const template = MappingTemplate.parse('lines', '#set($a = "x")\nfirst\n#if($a == "x")\nsecond\n#end\nthird');
    assert.equal(template.evaluate(headers({})).body, 'first\nsecond\nthird');
  });

  for (const [what, source] of [
    ['#foreach', '#foreach($a in $b)\n#end'],
    ['#else', '#if($a == "x")\n#else\n#end'],
    ['a reference in the body', '{"id":"$context.requestId"}'],
    ['$input.body', '#set($a = $input.body)'],
    ['a #set of another $context value', '#set($context.responseOverride.status = "400")'],
    ['!=', '#if($a != "x")\n#end'],
    ['a condition mixing || and &&', '#if($a == "x" || $a == "y" && $a == "z")\n#end'],
    ['an #if without #end', '#if($a == "x")'],
    ['an #end without #if', '#end'],
  ]) {
    it(`refuses ${what}`, () => {
      assert.throws(() => MappingTemplate.parse('refused', source), /the stand-in does not model/);
    });
  }
});
