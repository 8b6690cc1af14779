import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * Every TypeScript block of the README, as a reader copies it into a CDK app: each is compiled on
 * its own, with nothing but what its fixture gives (rosetta/default.ts-fixture: an `App` and a
 * `Stack` named `app` and `stack`; rosetta/complete.ts-fixture: nothing, for a whole `bin/app.ts`),
 * exactly as `jsii-rosetta extract --strict` places it (its imports first, the rest at the fixture's
 * `/// here`), and then synthesized. A block that is deliberately a fragment (it uses a construct
 * made in an earlier block, say) starts with a `// Fragment: ...` comment: it is compiled, not
 * synthesized.
 *
 * To keep it fast, all blocks are compiled in one TypeScript program (with the library's src/,
 * which `cdk-cognito-protected-api` maps to), and synthesized in one Node.js process, one after
 * the other, with CDK's template validation off.
 */

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, 'cdk.out', 'readme-blocks');

/** One fenced TypeScript block of the README. */
export interface ReadmeBlock {
  /** The line of its opening fence, counted from 1. */
  readonly line: number;
  /** The rosetta fixture it is compiled in (`fixture=<name>` on the fence), `default` otherwise. */
  readonly fixture: string;
  readonly code: string;
  /** Whether it says it is a fragment, so that it is compiled but not synthesized. */
  readonly fragment: boolean;
}

/** The ```ts and ```typescript blocks of a Markdown text. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A block may be indented, in a list item: its lines lose that indentation.
    const open = /^( *)```(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!open) {
      continue;
    }
    const indent = open[1];
    const end = lines.findIndex((l, j) => j > i && l === `${indent}\`\`\``);
    if (end < 0) {
      throw new Error(`README line ${i + 1}: the block never ends`);
    }
    const code = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    blocks.push({
      line: i + 1,
      fixture: /\bfixture=([\w-]+)/.exec(open[3])?.[1] ?? 'default',
      code,
      fragment: /^\s*\/\/ Fragment\b/.test(code),
    });
    i = end;
  }
  return blocks;
}

/** The block in its fixture, as rosetta puts it: the block's imports on top, the rest at `/// here`. */
export function inFixture(block: ReadmeBlock, fixture: string): string {
  const imports: string[] = [];
  const rest = block.code.replace(/^import\s[\s\S]*?from\s+'[^']+';[^\n]*\n?/gm, (statement) => {
    imports.push(statement.trimEnd());
    return '';
  });
  if (!fixture.includes('/// here')) {
    throw new Error('the fixture has no "/// here" marker');
  }
  return [...imports, fixture.replace('/// here', () => rest)].join('\n');
}

describe('readmeBlocks and inFixture', () => {
  test('find each block with its line, fixture and fragment comment, and hoist its imports', () => {
    const md = [
      '# T', '```ts', "import { A } from 'a';", 'new A(stack);', '```', '```python', 'x = 1', '```',
      '```ts fixture=complete', '// Fragment: uses api', 'api.x();', '```',
      '- item', '  ```ts', '  new B(stack);', '  ```',
    ].join('\n');
    const blocks = readmeBlocks(md);
    expect(blocks).toEqual([
      { line: 2, fixture: 'default', code: "import { A } from 'a';\nnew A(stack);", fragment: false },
      { line: 9, fixture: 'complete', code: '// Fragment: uses api\napi.x();', fragment: true },
      { line: 14, fixture: 'default', code: 'new B(stack);', fragment: false },
    ]);
    expect(inFixture(blocks[0], "import { S } from 's';\nconst stack = 1;\n/// here\n"))
      .toBe("import { A } from 'a';\nimport { S } from 's';\nconst stack = 1;\nnew A(stack);\n");
  });
});

describe('every TypeScript block of the README', () => {
  const blocks = readmeBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const fileOf = (block: ReadmeBlock) => path.join(WORK, 'src', `readme-line-${block.line}.ts`);

  beforeAll(() => {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(path.join(WORK, 'src'), { recursive: true });
    for (const block of blocks) {
      const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', `${block.fixture}.ts-fixture`), 'utf8');
      fs.writeFileSync(fileOf(block), inFixture(block, fixture));
    }
  });

  test('there are blocks, and the smallest example is a whole bin/app.ts', () => {
    // As many as jsii-rosetta finds (it reads indented blocks too).
    expect(blocks.length).toBe(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').filter((l) => /^ *```(ts|typescript)\b/.test(l)).length);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks[0].fixture).toBe('complete');
    expect(blocks[0].code).toMatch(/new App\(\)/);
  });

  test('the default fixture gives an App and a Stack, and nothing else', () => {
    const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf8');
    const code = fixture.split('\n').filter((l) => l === '/// here' || !/^\s*(\/\/.*)?$/.test(l));
    expect(code).toEqual([
      "import { App, Stack } from 'aws-cdk-lib';",
      'const app = new App();',
      "const stack = new Stack(app, 'MyStack');",
      '/// here',
    ]);
  });

  test('compile on their own and synthesize, unless they say they are a fragment', () => {
    // One program for every block, with `cdk-cognito-protected-api` mapped to src/.
    const outDir = path.join(WORK, 'js');
    const program = ts.createProgram(blocks.map(fileOf), {
      target: ts.ScriptTarget.ES2022,
      // As the project's own tsconfig.json compiles src/.
      module: ts.ModuleKind.Node16,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      paths: { 'cdk-cognito-protected-api': [path.join(ROOT, 'src')] },
      rootDir: ROOT,
      outDir,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).concat(program.emit().diagnostics);
    const errors = diagnostics.map((d) => {
      const where = d.file ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);

    // The library's handlers are found next to its code, as in the package.
    fs.symlinkSync(path.join(ROOT, 'assets'), path.join(outDir, 'assets'), 'dir');
    // A block that bundles example/lambda's handler finds it where the README says it is.
    fs.mkdirSync(path.join(WORK, 'app', 'lambda'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'example', 'lambda', 'claims.ts'), path.join(WORK, 'app', 'lambda', 'claims.ts'));

    const toSynth = blocks.filter((b) => !b.fragment).map((b) => ({
      line: b.line,
      file: path.join(outDir, path.relative(ROOT, fileOf(b))).replace(/\.ts$/, '.js'),
      outdir: path.join(WORK, 'assemblies', `readme-line-${b.line}`),
    }));
    const runner = path.join(WORK, 'synth-blocks.js');
    fs.writeFileSync(runner, SYNTH_RUNNER);
    const stdout = execFileSync(process.execPath, [runner, path.join(outDir, 'src', 'index.js'), JSON.stringify(toSynth)], {
      cwd: path.join(WORK, 'app'),
      env: { ...process.env, CDK_VALIDATION: 'false' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const results: Array<{ line: number; error?: string; stacks: number }> = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(results.filter((r) => r.error !== undefined).map((r) => `README line ${r.line}: ${r.error}`)).toEqual([]);
    // Each block made at least one stack with something in it.
    expect(results.filter((r) => r.stacks === 0).map((r) => `README line ${r.line}`)).toEqual([]);
  }, 600_000);
});

/**
 * Synthesizes each compiled block in turn: with CDK_OUTDIR set, every App the block makes
 * synthesizes on `beforeExit`, which the runner emits itself after loading the block, so that an
 * error is the block's. `cdk-cognito-protected-api` resolves to the compiled src/.
 */
const SYNTH_RUNNER = `
const fs = require('fs');
const path = require('path');
const Module = require('module');
const [library, list] = process.argv.slice(2);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'cdk-cognito-protected-api' ? library : request, ...rest);
};
const results = [];
for (const block of JSON.parse(list)) {
  process.env.CDK_OUTDIR = block.outdir;
  let error;
  try {
    require(block.file);
    process.emit('beforeExit', 0);
  } catch (e) {
    error = String(e && e.message || e).split('\\n').slice(0, 6).join(' ');
  }
  let stacks = 0;
  if (fs.existsSync(block.outdir)) {
    for (const f of fs.readdirSync(block.outdir).filter((n) => n.endsWith('.template.json'))) {
      const template = JSON.parse(fs.readFileSync(path.join(block.outdir, f), 'utf8'));
      const resources = Object.values(template.Resources || {}).filter((r) => r.Type !== 'AWS::CDK::Metadata');
      stacks += resources.length > 0 ? 1 : 0;
    }
  }
  results.push({ line: block.line, error, stacks });
}
process.stdout.write('\\n' + JSON.stringify(results) + '\\n');
`;
