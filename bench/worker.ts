/**
 * One timing job of the benchmark, run in a fresh node process by `synth-benchmark.ts`.
 *
 * A fresh process per job, because aws-cdk-lib keeps every token it ever made in a global map,
 * and with them every app: the heap grows by about 1 MiB per synthesized app, and a process that
 * synthesized thousands of apps would time its garbage collector as much as the apps.
 *
 * Usage: `worker.ts '<job as JSON>'`; prints the result as JSON on stdout, progress on stderr.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BY_HAND, BY_HAND_NESTED, CONSTRUCT, VARIANTS_BY_NAME, Variant } from './apps';
import { Timing, median, timeSynth } from './measure';

/** Times rounds of the three variants at one N, with validation off or on. */
export interface RoundsJob {
  readonly kind: 'rounds';
  readonly methods: number;
  readonly validation: boolean;
  readonly reps: number;
  readonly warmup: number;
}

/** Times the first synth with validation on in a process, and the five after it. */
export interface EngineJob {
  readonly kind: 'engine';
  readonly methods: number;
}

/** One app of a pair: a variant (by name in `VARIANTS_BY_NAME`) and its number of methods. */
export interface PairSide {
  readonly variant: string;
  readonly methods: number;
}

/**
 * Times `reps` pairs of two apps, validation off, alternating which goes first; the ratio a / b
 * is taken within each pair.
 */
export interface PairsJob {
  readonly kind: 'pairs';
  readonly a: PairSide;
  readonly b: PairSide;
  readonly reps: number;
  readonly warmup: number;
}

/**
 * Times the cost of added methods: rounds of four synths, the construct and by hand at `from` and
 * at `to` methods, in turns through `SLOPE_ORDERS`; each round gives
 * (construct at `to` - construct at `from`) / (by hand at `to` - by hand at `from`).
 */
export interface SlopeJob {
  readonly kind: 'slope';
  readonly from: number;
  readonly to: number;
  readonly reps: number;
  readonly warmup: number;
}

export type Job = RoundsJob | EngineJob | PairsJob | SlopeJob;

export interface SlopeResult {
  readonly from: number;
  readonly to: number;
  /** One a round: the construct's time for the added methods over by hand's, in the same round. */
  readonly ratios: number[];
  /** Total ms of each sample, in the order taken. */
  readonly constructFrom: number[];
  readonly constructTo: number[];
  readonly byHandFrom: number[];
  readonly byHandTo: number[];
}

export interface PairsResult {
  readonly a: PairSide;
  readonly b: PairSide;
  readonly aMs: number[];
  readonly bMs: number[];
  /** a / b, one a pair. */
  readonly ratios: number[];
}

/** The timed rounds at one number of methods. */
export interface RowResult {
  readonly methods: number;
  /** Total ms of each sample, in the order taken. */
  readonly construct: number[];
  readonly byHand: number[];
  readonly nested: number[];
  /** Of which building the tree, ms. */
  readonly constructBuild: number[];
  readonly byHandBuild: number[];
  /** construct / by hand, one a round. */
  readonly ratios: number[];
  /** construct / by hand nested, one a round. */
  readonly ratiosNested: number[];
  /** The heap in use when timing started: a resident TypeScript type-checker would show here. */
  readonly heapBeforeTimingMiB: number;
  /** The worker's peak resident memory. */
  readonly maxRssMiB: number;
}

export interface EngineResult {
  readonly methods: number;
  readonly coldMs: number;
  readonly warmMs: number;
}

/** The variants in the order of their columns; the construct is compared with each of the others. */
const VARIANTS: Variant[] = [CONSTRUCT, BY_HAND, BY_HAND_NESTED];

/** Every order of the three variants: going through them in turn, each goes before each other equally often. */
const ORDERS: number[][] = [[0, 1, 2], [1, 0, 2], [0, 2, 1], [2, 0, 1], [1, 2, 0], [2, 1, 0]];

/**
 * Warms up, then times `reps` rounds. A round synthesizes each variant once, in the next of
 * `ORDERS`; the ratios construct / other are taken within each round.
 */
function timeRounds(job: RoundsJob, workDir: string): RowResult {
  for (let i = 0; i < job.warmup; i++) {
    for (const variant of VARIANTS) {
      timeSynth(variant, job.methods, job.validation, workDir);
    }
  }
  const heapBeforeTimingMiB = process.memoryUsage().heapUsed / 1024 ** 2;
  const totals: number[][] = VARIANTS.map(() => []);
  const builds: number[][] = VARIANTS.map(() => []);
  const ratios: number[][] = VARIANTS.map(() => []);
  for (let i = 0; i < job.reps; i++) {
    const round: Timing[] = [];
    for (const k of ORDERS[i % ORDERS.length]) {
      round[k] = timeSynth(VARIANTS[k], job.methods, job.validation, workDir);
    }
    round.forEach((t, k) => {
      totals[k].push(t.totalMs);
      builds[k].push(t.buildMs);
      ratios[k].push(round[0].totalMs / t.totalMs);
    });
  }
  return {
    methods: job.methods,
    construct: totals[0],
    byHand: totals[1],
    nested: totals[2],
    constructBuild: builds[0],
    byHandBuild: builds[1],
    ratios: ratios[1],
    ratiosNested: ratios[2],
    heapBeforeTimingMiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * aws-cdk-lib starts its validation engine at the first synth that validates, and later synths
 * in the process reuse it. Loads aws-cdk-lib with two synths without validation, then times the
 * first validating synth and the five after it.
 */
function timeEngineStart(job: EngineJob, workDir: string): EngineResult {
  timeSynth(CONSTRUCT, job.methods, false, workDir);
  timeSynth(CONSTRUCT, job.methods, false, workDir);
  const coldMs = timeSynth(CONSTRUCT, job.methods, true, workDir).totalMs;
  const next = [1, 2, 3, 4, 5].map(() => timeSynth(CONSTRUCT, job.methods, true, workDir).totalMs);
  return { methods: job.methods, coldMs, warmMs: median(next) };
}

function timePairs(job: PairsJob, workDir: string): PairsResult {
  const a = VARIANTS_BY_NAME[job.a.variant];
  const b = VARIANTS_BY_NAME[job.b.variant];
  for (let i = 0; i < job.warmup; i++) {
    timeSynth(a, job.a.methods, false, workDir);
    timeSynth(b, job.b.methods, false, workDir);
  }
  const aMs: number[] = [];
  const bMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < job.reps; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = timeSynth(a, job.a.methods, false, workDir).totalMs;
      tb = timeSynth(b, job.b.methods, false, workDir).totalMs;
    } else {
      tb = timeSynth(b, job.b.methods, false, workDir).totalMs;
      ta = timeSynth(a, job.a.methods, false, workDir).totalMs;
    }
    aMs.push(ta);
    bMs.push(tb);
    ratios.push(ta / tb);
  }
  return { a: job.a, b: job.b, aMs, bMs, ratios };
}

/**
 * The orders of a slope round's four synths (construct at from, by hand at from, construct at to,
 * by hand at to): over four rounds each goes first, second, third and fourth once, and at each N
 * the construct goes before by hand as often as after.
 */
const SLOPE_ORDERS: number[][] = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2], [2, 3, 0, 1]];

function timeSlope(job: SlopeJob, workDir: string): SlopeResult {
  const samples: Array<[Variant, number]> = [[CONSTRUCT, job.from], [BY_HAND, job.from], [CONSTRUCT, job.to], [BY_HAND, job.to]];
  for (let i = 0; i < job.warmup; i++) {
    for (const [variant, methods] of samples) {
      timeSynth(variant, methods, false, workDir);
    }
  }
  const times: number[][] = samples.map(() => []);
  const ratios: number[] = [];
  for (let i = 0; i < job.reps; i++) {
    const round: number[] = [];
    for (const k of SLOPE_ORDERS[i % SLOPE_ORDERS.length]) {
      round[k] = timeSynth(samples[k][0], samples[k][1], false, workDir).totalMs;
      times[k].push(round[k]);
    }
    ratios.push((round[2] - round[0]) / (round[3] - round[1]));
  }
  return {
    from: job.from,
    to: job.to,
    ratios,
    constructFrom: times[0],
    byHandFrom: times[1],
    constructTo: times[2],
    byHandTo: times[3],
  };
}

function main(): void {
  const job = JSON.parse(process.argv[2]) as Job;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-worker-'));
  try {
    const result = job.kind === 'rounds' ? timeRounds(job, workDir)
      : job.kind === 'pairs' ? timePairs(job, workDir)
        : job.kind === 'slope' ? timeSlope(job, workDir) : timeEngineStart(job, workDir);
    process.stdout.write(JSON.stringify(result));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
