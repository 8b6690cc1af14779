/**
 * Synthesizes every `test/integ.*.ts` and compares its CloudFormation templates with the
 * committed `test/integ.*.ts.snapshot/` (`check`), or rewrites the snapshot (`update`). Nothing
 * is deployed.
 *
 * The snapshot has integ-runner's layout (the cloud assembly, without the asset folders), so
 * integ-runner can deploy the same tests. integ-runner 2.197 itself cannot be used for the check
 * here: it reads cloud assembly schema 53 at most, and aws-cdk-lib 2.270 and later write 54 or 55.
 *
 *   ts-node scripts/integ-snapshots.ts check|update [--assemblies DIR]
 *
 * With `--assemblies DIR` (check only), the assemblies are read from DIR/<integ.X.ts>/, as
 * scripts/synth-templates.ts wrote them, instead of synthesized here.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');
const testDir = path.join(root, 'test');
const mode = process.argv[2];
const assembliesAt = process.argv.indexOf('--assemblies');
const assemblies = assembliesAt > 0 ? path.resolve(process.argv[assembliesAt + 1]) : undefined;
if ((mode !== 'check' && mode !== 'update') || (assemblies && mode !== 'check')) {
  console.error('usage: integ-snapshots.ts check|update [--assemblies DIR] (DIR with check only)');
  process.exit(2);
}

/** Runs one integ test app into a fresh directory and returns it (type-checked by the build, so transpiled only). */
function synthesize(testFile: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-'));
  execFileSync(process.execPath, [
    require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', path.join(root, 'tsconfig.dev.json'), testFile,
  ], {
    cwd: root,
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_VALIDATION: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return outdir;
}

/** The files a snapshot keeps: everything but the asset folders (their hashes are in the templates). */
function snapshotFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => !name.startsWith('asset.') && fs.statSync(path.join(dir, name)).isFile()).sort();
}

/**
 * The templates of an assembly, as text to compare. The one thing left out: the `salt` that
 * integ-tests puts in each assertion (the synth time, so that assertions run on every deploy).
 */
function templates(dir: string): Map<string, string> {
  return new Map(snapshotFiles(dir)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => {
      const template = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      for (const resource of Object.values<any>(template.Resources ?? {})) {
        if (String(resource.Type).startsWith('Custom::DeployAssert') && resource.Properties) {
          delete resource.Properties.salt;
        }
      }
      return [name, JSON.stringify(template, null, 1)];
    }));
}

/** The first lines where two texts part, for the message. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}:\n  snapshot: ${a.slice(at, at + 3).join('\n            ')}\n  now:      ${b.slice(at, at + 3).join('\n            ')}`;
}

let unchanged = 0;
let changed = 0;
for (const file of fs.readdirSync(testDir).filter((name) => /^integ\..*\.ts$/.test(name)).sort()) {
  const snapshot = path.join(testDir, `${file}.snapshot`);
  const outdir = assemblies ? path.join(assemblies, file) : synthesize(path.join(testDir, file));
  if (assemblies && !fs.existsSync(outdir)) {
    throw new Error(`no assembly for ${file} in ${assemblies}: run \`npx projen templates\` first`);
  }
  try {
    if (mode === 'update') {
      fs.rmSync(snapshot, { recursive: true, force: true });
      fs.mkdirSync(snapshot);
      for (const name of snapshotFiles(outdir)) {
        fs.copyFileSync(path.join(outdir, name), path.join(snapshot, name));
      }
      console.log(`UPDATED    ${file}`);
      continue;
    }
    const problems: string[] = [];
    if (!fs.existsSync(snapshot)) {
      problems.push('no snapshot: run `npx projen integ:update` and commit it');
    } else {
      const before = templates(snapshot);
      const now = templates(outdir);
      for (const name of new Set([...before.keys(), ...now.keys()])) {
        const expected = before.get(name);
        const actual = now.get(name);
        if (expected === undefined) {
          problems.push(`${name} is new`);
        } else if (actual === undefined) {
          problems.push(`${name} is gone`);
        } else if (expected !== actual) {
          problems.push(`${name} differs, ${firstDifference(expected, actual)}`);
        }
      }
    }
    if (problems.length === 0) {
      unchanged++;
      console.log(`UNCHANGED  ${file}`);
    } else {
      changed++;
      console.log(`CHANGED    ${file}\n  ${problems.join('\n  ')}\n  If the change is meant, run \`npx projen integ:update\` and commit the snapshot.`);
    }
  } finally {
    if (!assemblies) {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
}
if (mode === 'check') {
  console.log(`integ snapshots: ${unchanged} passed, ${changed} failed`);
  process.exitCode = changed > 0 ? 1 : 0;
}
