import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy, Token } from 'aws-cdk-lib';
import { documentWithPlaceholders, fillPlaceholders } from '../../scripts/openapi-document';
import { newStack } from '../helpers';

describe('documentWithPlaceholders', () => {
  test('writes what synth knows as it is, Ref and Fn::GetAtt as ${...}, and a literal ${ as ${!', () => {
    const stack = newStack();
    const document = stack.toJsonString({
      url: `https://${stack.urlSuffix}/x`,
      literal: '${literal}',
      ref: Token.asString({ Ref: 'Thing' }),
      att: Token.asString({ 'Fn::GetAtt': ['Pool', 'Arn'] }),
    });

    expect(documentWithPlaceholders(stack, document))
      .toBe('{"url":"https://${AWS::URLSuffix}/x","literal":"${!literal}","ref":"${Thing}","att":"${Pool.Arn}"}');
  });

  test('fails on a value it cannot write as text', () => {
    const stack = newStack();
    const doc = `{"a":"${Lazy.string({ produce: () => ({ 'Fn::Select': [0, ['a']] }) as never })}"}`;
    expect(() => documentWithPlaceholders(stack, doc)).toThrow('the OpenAPI document holds a value it cannot write as text: {"Fn::Select":[0,["a"]]}');
  });
});

test('fillPlaceholders fills ${Name} and ${Name.Attribute}, and writes ${!x} as ${x}', () => {
  expect(fillPlaceholders('${A} ${B.Arn} ${!C}', (name) => `<${name}>`)).toBe('<A> <B.Arn> ${C}');
});

test('npx projen example writes the example\'s document next to its template and prints where', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
  const printed = execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.dev.json', 'example/main.ts'], {
    env: { ...process.env, EXAMPLE_OUTDIR: outdir, CDK_VALIDATION: 'false' },
    encoding: 'utf8',
  });

  const file = path.join(outdir, 'AwesomeApiStack.openapi.json');
  expect(printed).toContain(`OpenAPI document: ${path.relative(process.cwd(), file)} (deploy-time values as placeholders: `);
  const document = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(document.servers[0].url).toMatch(/^https:\/\/\$\{AwesomeApi[0-9A-F]{8}\}\.execute-api\.us-east-1\.\$\{AWS::URLSuffix\}\/prod$/);
  expect(Object.keys(document.paths)).toEqual(['/awesomeapi', '/awesomeapi/admin']);
  expect(fs.existsSync(path.join(outdir, 'AwesomeApiStack.template.json'))).toBe(true);
});
