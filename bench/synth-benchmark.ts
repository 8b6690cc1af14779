/**
 * Synth-time benchmark (issue #7): `ProtectedApiWithCognito` against the same API written by hand
 * with aws-cdk-lib L2 constructs, at several numbers of protected methods, with CDK's built-in
 * CloudFormation template validation off and on. Writes `docs/BENCHMARKS.md`.
 *
 * Run it with `npx projen bench` (options after `--`, e.g. `npx projen bench -- --reps 10`).
 *
 *   --methods 1,100,160     numbers of protected methods (env BENCH_METHODS)
 *   --split-methods 100,1000  numbers of methods of the split API (methodsInNestedStacks) (env BENCH_SPLIT_METHODS)
 *   --split-reps 5          pairs per comparison of the split API (env BENCH_SPLIT_REPS)
 *   --http-routes 1,100,250 numbers of routes of the HTTP front against the same HTTP API by hand (env BENCH_HTTP_ROUTES)
 *   --http-reps 20          pairs per number of routes (env BENCH_HTTP_REPS)
 *   --reps 150              timed rounds per N with validation off (env BENCH_REPS)
 *   --reps-validation 48    timed rounds per N with validation on (env BENCH_REPS_VALIDATION)
 *   --warmup 8              untimed synths per variant in each worker first (env BENCH_WARMUP)
 *   --slope-reps 40         rounds per worker timing the cost of added methods (env BENCH_SLOPE_REPS)
 *   --slope-workers 3       workers timing it, their rounds pooled (env BENCH_SLOPE_WORKERS)
 *   --out docs/BENCHMARKS.md  where to write the results; `--no-write` only prints them
 */
import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BY_HAND, BY_HAND_NESTED, BY_HAND_SPLIT, CONSTRUCT, CONSTRUCT_SPLIT, HTTP_BY_HAND, HTTP_CONSTRUCT, Variant } from './apps';
import { Shape, assemblyShape, compareTemplates, median, synthShape } from './measure';
import { ModeResult, PairRow, Report, renderMarkdown } from './report';
import { EngineResult, Job, PairsResult, RowResult, SlopeResult } from './worker';

/** CloudFormation's limit on resources in one stack (CDK checks it on synth too). */
export const STACK_RESOURCE_LIMIT = 500;

interface Options {
  readonly methods: number[];
  readonly reps: number;
  readonly repsValidation: number;
  readonly warmup: number;
  readonly out?: string;
  readonly splitMethods: number[];
  readonly splitReps: number;
  readonly httpRoutes: number[];
  readonly httpReps: number;
  readonly slopeReps: number;
  readonly slopeWorkers: number;
}

/** The flags that take a value. */
const VALUE_FLAGS = ['methods', 'reps', 'reps-validation', 'warmup', 'out', 'split-methods', 'split-reps', 'http-routes', 'http-reps',
  'slope-reps', 'slope-workers'];

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      continue; // `npx projen bench -- ...` passes the separator through
    } else if (arg === '--no-write') {
      flags.set('no-write', 'true');
    } else if (VALUE_FLAGS.includes(arg.slice(2)) && i + 1 < argv.length) {
      flags.set(arg.slice(2), argv[++i]);
    } else {
      throw new Error(`unknown argument "${arg}": see the options at the top of bench/synth-benchmark.ts`);
    }
  }
  const get = (flag: string, env: string, fallback: string): string => flags.get(flag) ?? process.env[env] ?? fallback;
  const positive = (flag: string, value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--${flag} "${value}" is invalid: give a whole number of at least 1`);
    }
    return n;
  };
  const methods = get('methods', 'BENCH_METHODS', '1,100,160').split(',').map((s) => positive('methods', s.trim()));
  const list = (flag: string, env: string, fallback: string) => [...new Set(get(flag, env, fallback).split(',')
    .map((x) => positive(flag, x.trim())))].sort((a, b) => a - b);
  return {
    splitMethods: list('split-methods', 'BENCH_SPLIT_METHODS', '100,1000'),
    splitReps: positive('split-reps', get('split-reps', 'BENCH_SPLIT_REPS', '5')),
    httpRoutes: list('http-routes', 'BENCH_HTTP_ROUTES', '1,100,250'),
    httpReps: positive('http-reps', get('http-reps', 'BENCH_HTTP_REPS', '20')),
    slopeReps: positive('slope-reps', get('slope-reps', 'BENCH_SLOPE_REPS', '40')),
    slopeWorkers: positive('slope-workers', get('slope-workers', 'BENCH_SLOPE_WORKERS', '3')),
    methods: [...new Set(methods)].sort((a, b) => a - b),
    reps: positive('reps', get('reps', 'BENCH_REPS', '150')),
    repsValidation: positive('reps-validation', get('reps-validation', 'BENCH_REPS_VALIDATION', '48')),
    warmup: positive('warmup', get('warmup', 'BENCH_WARMUP', '8')),
    out: flags.has('no-write') ? undefined : path.resolve(flags.get('out') ?? path.join(__dirname, '..', 'docs', 'BENCHMARKS.md')),
  };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The worker script, next to this one (`.ts` under ts-node, `.js` if compiled). */
const WORKER = path.join(__dirname, `worker${path.extname(__filename)}`);

/** Runs one job in a fresh node process and returns what it printed. */
function runWorker<T>(job: Job): T {
  const nodeArgs = WORKER.endsWith('.ts') ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const result = spawnSync(process.execPath, [...nodeArgs, WORKER, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.dev.json') },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`worker ${JSON.stringify(job)} failed: exit code ${result.status}, signal ${result.signal}`);
  }
  return JSON.parse(result.stdout) as T;
}

function runMode(options: Options, validation: boolean): ModeResult {
  const reps = validation ? options.repsValidation : options.reps;
  const rows: RowResult[] = [];
  for (const methods of options.methods) {
    const started = Date.now();
    const row = runWorker<RowResult>({ kind: 'rounds', methods, validation, reps, warmup: options.warmup });
    rows.push(row);
    log(`validation ${validation ? 'on' : 'off'}, N=${methods}: ${reps} rounds in ${((Date.now() - started) / 1000).toFixed(1)} s, `
      + `construct / by hand ${median(row.ratios).toFixed(3)}, construct / by hand nested ${median(row.ratiosNested).toFixed(3)}`);
  }
  return { validation, reps, rows };
}

function shapeOf(variant: Variant, methods: number, workDir: string): Shape {
  const outcome = synthShape(variant, methods, false, workDir);
  if ('error' in outcome) {
    throw new Error(`${variant.name} at N=${methods} did not synthesize: ${outcome.error}`);
  }
  return outcome.shape;
}

/** Fixed and per-method resources and bytes, from the shapes at the smallest and largest N. */
function fit(ns: number[], values: number[]): { perMethod: number; fixed: number; linear: boolean } {
  const last = ns.length - 1;
  const perMethod = ns.length > 1 ? (values[last] - values[0]) / (ns[last] - ns[0]) : NaN;
  const fixed = values[0] - perMethod * ns[0];
  const linear = ns.every((n, i) => Math.abs(fixed + perMethod * n - values[i]) < 1e-9);
  return { perMethod, fixed, linear };
}

function machine(): Report['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** The version in a package.json, found as `require` would find it. */
function packageVersion(packageJson: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(packageJson), 'utf8')).version;
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim() !== '';
    return dirty ? `${head} (src/ has uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
  const removeWorkDir = () => fs.rmSync(workDir, { recursive: true, force: true });
  process.on('SIGINT', () => {
    removeWorkDir();
    process.exit(130);
  });
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  try {
    log(`synth benchmark: N=${options.methods.join(',')}, ${options.reps} rounds (validation off), `
      + `${options.repsValidation} rounds (validation on), work dir ${workDir}`);

    const firstN = options.methods[0];
    const shapes = options.methods.map((n) => ({
      n,
      construct: shapeOf(CONSTRUCT, n, workDir),
      byHand: shapeOf(BY_HAND, n, workDir),
      nested: shapeOf(BY_HAND_NESTED, n, workDir),
    }));
    const lastShape = shapes[shapes.length - 1];
    const ns = shapes.map((s) => s.n);
    const resourceFit = {
      construct: fit(ns, shapes.map((s) => s.construct.resources)),
      byHand: fit(ns, shapes.map((s) => s.byHand.resources)),
    };
    const bytesFit = {
      construct: fit(ns, shapes.map((s) => s.construct.templateBytes)),
      byHand: fit(ns, shapes.map((s) => s.byHand.templateBytes)),
    };
    const maxN = (variant: Variant, f: { perMethod: number; fixed: number }) => {
      const n = Math.floor((STACK_RESOURCE_LIMIT - f.fixed) / f.perMethod);
      const outcome = (m: number) => {
        const o = synthShape(variant, m, false, workDir);
        return 'error' in o ? { methods: m, error: o.error } : { methods: m, resources: o.shape.resources, templateBytes: o.shape.templateBytes };
      };
      return { computed: n, atMax: outcome(n), aboveMax: outcome(n + 1) };
    };
    const maxMethods = { construct: maxN(CONSTRUCT, resourceFit.construct), byHand: maxN(BY_HAND, resourceFit.byHand) };

    // The cost of added methods: the construct's and by hand's times at the smallest and the largest
    // N, all four in each round of one worker, so that a round's difference of differences is free
    // of the speed of its process.
    const [lowN, highN] = [options.methods[0], options.methods[options.methods.length - 1]];
    const slope = Array.from({ length: options.slopeWorkers }, (_, w) => {
      const begun = Date.now();
      const result = runWorker<SlopeResult>({ kind: 'slope', from: lowN, to: highN, reps: options.slopeReps, warmup: options.warmup });
      log(`added methods N=${lowN}..${highN}, worker ${w + 1} of ${options.slopeWorkers}: ${options.slopeReps} rounds in `
        + `${((Date.now() - begun) / 1000).toFixed(1)} s, median ratio ${median(result.ratios).toFixed(3)}`);
      return result;
    });

    const off = runMode(options, false);
    const engineStart = runWorker<EngineResult>({ kind: 'engine', methods: firstN });
    const on = runMode(options, true);

    // Pairs of two apps in one worker each: the split API against the same split by hand, its
    // growth from the smallest to the largest number of methods, and the HTTP front.
    const pair = (a: Variant, aN: number, b: Variant, bN: number, reps: number): PairRow => {
      const begun = Date.now();
      const result = runWorker<PairsResult>({
        kind: 'pairs', a: { variant: a.name, methods: aN }, b: { variant: b.name, methods: bN }, reps, warmup: options.warmup,
      });
      log(`${a.name} N=${aN} / ${b.name} N=${bN}: ${reps} pairs in ${((Date.now() - begun) / 1000).toFixed(1)} s, `
        + `median ratio ${median(result.ratios).toFixed(3)}`);
      return { ...result, aShape: assemblyShape(a, aN, workDir), bShape: assemblyShape(b, bN, workDir) };
    };
    const split = options.splitMethods.map((n) => pair(CONSTRUCT_SPLIT, n, BY_HAND_SPLIT, n, options.splitReps));
    const [smallest, largest] = [options.splitMethods[0], options.splitMethods[options.splitMethods.length - 1]];
    const growth = [
      pair(CONSTRUCT_SPLIT, largest, CONSTRUCT_SPLIT, smallest, options.splitReps),
      pair(CONSTRUCT_SPLIT, largest, CONSTRUCT, smallest, options.splitReps),
    ];
    const http = options.httpRoutes.map((n) => pair(HTTP_CONSTRUCT, n, HTTP_BY_HAND, n, options.httpReps));
    const lastHttp = options.httpRoutes[options.httpRoutes.length - 1];
    const httpShapes = [shapeOf(HTTP_CONSTRUCT, lastHttp, workDir), shapeOf(HTTP_BY_HAND, lastHttp, workDir)];

    const findingsOf = (variant: Variant) => {
      const o = synthShape(variant, firstN, true, workDir);
      return 'error' in o ? NaN : o.shape.findings;
    };

    const report: Report = {
      date: new Date().toISOString(),
      machine: machine(),
      load: { start: loadAtStart, end: os.loadavg()[0] },
      versions: {
        node: process.version,
        awsCdkLib: packageVersion('aws-cdk-lib/package.json'),
        constructs: packageVersion('constructs/package.json'),
        thisPackage: packageVersion('../package.json'),
        commit: gitCommit(),
      },
      options,
      modes: [off, on],
      slope,
      engineStart,
      shapes: shapes.map((s) => ({
        methods: s.n,
        construct: { resources: s.construct.resources, templateBytes: s.construct.templateBytes },
        byHand: { resources: s.byHand.resources, templateBytes: s.byHand.templateBytes },
        nested: { resources: s.nested.resources, templateBytes: s.nested.templateBytes },
      })),
      resourceFit,
      bytesFit,
      maxMethods,
      templateDiff: compareTemplates(lastShape.construct, lastShape.byHand),
      templateDiffNested: compareTemplates(lastShape.construct, lastShape.nested),
      templateDiffMethods: lastShape.n,
      findings: { construct: findingsOf(CONSTRUCT), byHand: findingsOf(BY_HAND) },
      split,
      growth,
      http,
      httpTemplateDiff: compareTemplates(httpShapes[0], httpShapes[1]),
      totalSeconds: (Date.now() - started) / 1000,
    };

    const markdown = renderMarkdown(report, STACK_RESOURCE_LIMIT);
    if (options.out) {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      fs.writeFileSync(options.out, markdown);
      log(`wrote ${path.relative(process.cwd(), options.out)} (${report.totalSeconds.toFixed(0)} s)`);
    } else {
      process.stdout.write(markdown);
    }
  } finally {
    removeWorkDir();
  }
}

main();
