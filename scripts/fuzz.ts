/**
 * `npx projen fuzz`: runs N generated cases through the construct (default 10,000) and says how
 * many passed. Case i of a run with seed S uses the seed S+i, so one case can be rerun alone:
 * `npx projen fuzz --seed <S+i> --runs 1`.
 *
 * Each case is two checks (test/property/): the valid props generated from its seed must
 * synthesize a template that says what they asked for, with no finding of CDK's template
 * validation, whatever its severity; and the same seed's props with one rule broken must fail with
 * an Error that names the prop or call.
 *
 * Time: CDK's template validation costs seconds a synth, mostly per synth rather than per stack, so
 * cases run in batches (default 50 stacks in one app, one synth) in worker processes (default 2,
 * one a core). A failing case is then shrunk alone with fast-check, which prints its seed and the
 * smallest failing props it found.
 *
 * Options: --runs N (10000), --seed S (random, printed), --batch B (50), --workers W (2),
 * --no-validation (skip CDK's template validation), --shrink K (shrink at most K failures, 3),
 * --http (the HTTP construct, ProtectedHttpApiWithCognito, instead of the REST one).
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { ApiSpec, invalidCase, invalidHttpCase, validHttpSpec, validSpec } from '../test/property/arbitraries';
import { addCase, caseStackId, checkInvalidCase, checkTemplate, checkValidSpec, findingsByStack, newApp } from '../test/property/checks';

interface Options {
  readonly runs: number;
  readonly seed: number;
  readonly batch: number;
  readonly workers: number;
  readonly validate: boolean;
  readonly shrink: number;
  /** The generators of the construct under test: the REST one, or with --http the HTTP one. */
  readonly valid: fc.Arbitrary<ApiSpec>;
  readonly invalid: typeof invalidCase;
  readonly front: 'REST' | 'HTTP';
}

interface Failure {
  readonly index: number;
  readonly seed: number;
  readonly kind: 'valid' | 'invalid';
  readonly message: string;
}

interface BatchJob { readonly from: number; readonly to: number }
interface BatchResult { readonly from: number; readonly to: number; readonly failures: Failure[] }

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(`--${name} ${JSON.stringify(raw)} is invalid: use a whole number from ${min}`);
    }
    return n;
  };
  return {
    runs: int('runs', 10_000, 1),
    seed: int('seed', Math.floor(Math.random() * 2 ** 31), -(2 ** 31)),
    batch: int('batch', 50, 1),
    workers: int('workers', Math.max(1, Math.min(2, os.cpus().length)), 1),
    validate: !argv.includes('--no-validation'),
    shrink: int('shrink', 3, 0),
    valid: argv.includes('--http') ? validHttpSpec : validSpec,
    invalid: argv.includes('--http') ? invalidHttpCase : invalidCase,
    front: argv.includes('--http') ? 'HTTP' : 'REST',
  };
}

/** The seed of case `index`: one case reruns alone with `--seed <it> --runs 1`. */
const caseSeed = (seed: number, index: number) => Number(BigInt.asIntN(32, BigInt(seed + index)));
const one = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { seed, numRuns: 1 })[0];
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs cases `from` to `to` (exclusive): the valid ones in one app and one synth. */
function runBatch(options: Options, job: BatchJob): Failure[] {
  const failures: Failure[] = [];
  const fail = (index: number, kind: Failure['kind'], message: string) =>
    failures.push({ index, seed: caseSeed(options.seed, index), kind, message });
  const app = newApp(options.validate);
  const built: Array<{ index: number; spec: ApiSpec }> = [];
  for (let index = job.from; index < job.to; index++) {
    const seed = caseSeed(options.seed, index);
    const spec = one(options.valid, seed);
    try {
      addCase(app, spec, index);
      built.push({ index, spec });
    } catch (e) {
      fail(index, 'valid', `valid props threw: ${messageOf(e)}`);
      app.node.tryRemoveChild(caseStackId(index));
    }
    try {
      checkInvalidCase(one(options.invalid, seed));
    } catch (e) {
      fail(index, 'invalid', messageOf(e));
    }
  }
  let assembly;
  try {
    assembly = app.synth();
  } catch {
    // Some case fails only once the app is complete: find which, one at a time.
    for (const { index, spec } of built) {
      try {
        checkValidSpec(spec, options.validate);
      } catch (e) {
        fail(index, 'valid', messageOf(e));
      }
    }
    return failures;
  }
  const findings = findingsByStack(assembly);
  for (const { index, spec } of built) {
    const found = findings.get(caseStackId(index));
    if (found) {
      fail(index, 'valid', `template validation found: ${found.join('; ')}`);
      continue;
    }
    try {
      checkTemplate(spec, assembly.getStackByName(caseStackId(index)).template);
    } catch (e) {
      fail(index, 'valid', messageOf(e));
    }
  }
  fs.rmSync(assembly.directory, { recursive: true, force: true });
  return failures;
}

/** A worker: runs the batches its parent sends until told to stop. */
function worker(options: Options): void {
  process.on('message', (job: BatchJob | 'stop') => {
    if (job === 'stop') {
      process.exit(0);
    }
    const result: BatchResult = { ...job, failures: runBatch(options, job) };
    process.send!(result);
  });
  process.send!('ready');
}

/** Shrinks one failing case alone with fast-check and prints its report (seed, path, smallest case). */
function shrink(failure: Failure, options: Options): void {
  console.log(`\n== case ${failure.index} (seed ${failure.seed}), ${failure.kind} props: ${failure.message.slice(0, 2000)}`);
  // Validation makes each shrinking step cost seconds: stop after 10 minutes with the smallest so far.
  const params = { seed: failure.seed, numRuns: 1, interruptAfterTimeLimit: 10 * 60_000, markInterruptAsFailure: true };
  try {
    if (failure.kind === 'valid') {
      fc.assert(fc.property(options.valid, (spec) => checkValidSpec(spec, options.validate)), params);
    } else {
      fc.assert(fc.property(options.invalid, checkInvalidCase), params);
    }
    console.log('It passes alone: it failed only next to the other cases of its batch (rerun with --batch 1 to check).');
  } catch (e) {
    console.log(messageOf(e));
  }
  console.log(`Rerun it alone: npx projen fuzz --seed ${failure.seed} --runs 1`);
}

async function main(options: Options, argv: string[]): Promise<number> {
  const started = Date.now();
  console.log(`fuzz (${options.front} construct): ${options.runs} cases from seed ${options.seed}, batches of ${options.batch}, ${options.workers} workers, `
    + `CDK template validation ${options.validate ? 'on every case' : 'off'}`);
  const jobs: BatchJob[] = [];
  for (let from = 0; from < options.runs; from += options.batch) {
    jobs.push({ from, to: Math.min(options.runs, from + options.batch) });
  }
  const failures: Failure[] = [];
  let done = 0;
  let nextReport = 0.1;
  await Promise.all(Array.from({ length: Math.min(options.workers, jobs.length) }, () => new Promise<void>((resolve, reject) => {
    const child = fork(__filename, [...argv, '--worker'], {
      execArgv: ['--require', 'ts-node/register/transpile-only'],
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.dev.json') },
    });
    const sendNext = () => {
      const job = jobs.shift();
      child.send(job ?? 'stop');
    };
    child.on('message', (message: BatchResult | 'ready') => {
      if (message !== 'ready') {
        failures.push(...message.failures);
        done += message.to - message.from;
        if (done / options.runs >= nextReport || done === options.runs) {
          console.log(`  ${done}/${options.runs} cases, ${failures.length} failed, ${Math.round((Date.now() - started) / 1000)} s`);
          while (done / options.runs >= nextReport) {
            nextReport += 0.1;
          }
        }
      }
      sendNext();
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a fuzz worker exited with ${code}`))));
  })));

  const seconds = Math.round((Date.now() - started) / 1000);
  failures.sort((a, b) => a.index - b.index);
  const failedCases = new Set(failures.map((f) => f.index)).size;
  const byKind = (kind: Failure['kind']) => options.runs - failures.filter((f) => f.kind === kind).length;
  console.log(`fuzz: ${options.runs - failedCases} of ${options.runs} cases passed (valid props: ${byKind('valid')} passed; `
    + `one rule broken: ${byKind('invalid')} passed) in ${seconds} s; seed ${options.seed}`);
  for (const failure of failures.slice(0, options.shrink)) {
    shrink(failure, options);
  }
  if (failures.length > options.shrink) {
    console.log(`\n${failures.length - options.shrink} more failures; the first ones:`);
    failures.slice(options.shrink, options.shrink + 20).forEach((f) =>
      console.log(`  case ${f.index} (--seed ${f.seed} --runs 1), ${f.kind}: ${f.message.slice(0, 300)}`));
  }
  if (failures.length > 0) {
    console.log(`\nRerun the whole run: npx projen fuzz --seed ${options.seed} --runs ${options.runs}`);
  }
  return failures.length === 0 ? 0 : 1;
}

const argv = process.argv.slice(2);
const options = parseOptions(argv);
if (argv.includes('--worker')) {
  worker(options);
} else {
  main(options, argv.filter((a) => a !== '--worker')).then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(2);
  });
}
