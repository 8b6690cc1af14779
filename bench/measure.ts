/**
 * What the benchmark measures about one synthesized app: how long it took, how many resources
 * and template bytes it made, and whether two variants made the same template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, Names, Stack } from 'aws-cdk-lib';
import { Variant } from './apps';

/** The stack's name and environment; a fixed region keeps URLs literal, as in the tests. */
const STACK_NAME = 'BenchStack';
const STACK_ENV = { account: '123456789012', region: 'us-east-1' };

/** A new, empty output directory under `workDir`. */
function newOutdir(workDir: string): string {
  return fs.mkdtempSync(path.join(workDir, 'cdk.out-'));
}

/** A fresh app writing into `outdir`, with the stack. */
function newApp(outdir: string, validation: boolean): { app: App; stack: Stack } {
  const app = new App({ outdir, builtinCloudFormationValidation: validation });
  const stack = new Stack(app, STACK_NAME, { env: STACK_ENV });
  return { app, stack };
}

/** One timed synth, in milliseconds. */
export interface Timing {
  /** From `new App()` to the end of `app.synth()`. */
  readonly totalMs: number;
  /** Of which building the construct tree (constructors, `addMethod`). */
  readonly buildMs: number;
  /** Of which `app.synth()`: validation, resolving, writing and (when on) template validation. */
  readonly synthMs: number;
}

function ms(from: bigint, to: bigint): number {
  return Number(to - from) / 1e6;
}

/**
 * Times one full synth of a fresh app: `new App()`, the variant's constructs, `app.synth()`.
 * The output directory is made before and removed after the clock runs.
 */
export function timeSynth(variant: Variant, methods: number, validation: boolean, workDir: string): Timing {
  const outdir = newOutdir(workDir);
  const t0 = process.hrtime.bigint();
  const { app, stack } = newApp(outdir, validation);
  variant.build(stack, methods);
  const t1 = process.hrtime.bigint();
  app.synth();
  const t2 = process.hrtime.bigint();
  fs.rmSync(outdir, { recursive: true, force: true });
  return { totalMs: ms(t0, t2), buildMs: ms(t0, t1), synthMs: ms(t1, t2) };
}

/** What one synthesized template looks like. */
export interface Shape {
  readonly resources: number;
  /** The size of the template file CDK wrote. */
  readonly templateBytes: number;
  /** Every resource and output, keyed by its construct path below the variant's prefix. */
  readonly canonical: Map<string, string>;
  /** Findings of CDK's built-in template validation (when on). */
  readonly findings: number;
}

/** The outcome of synthesizing: its shape, or the error `app.synth()` threw. */
export type SynthOutcome = { readonly shape: Shape } | { readonly error: string };

/**
 * The line of an error that says what is wrong: CDK's validation errors open with a heading
 * ("Validation failed with the following errors:") and give each error as `[path] message`.
 */
function firstMessage(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  const first = lines[0]?.startsWith('Validation failed') && lines.length > 1 ? lines[1] : lines[0] ?? '';
  return first.replace(/^\[[^\]]*\]\s*/, '');
}

/** Synthesizes once (untimed) and describes the template. */
export function synthShape(variant: Variant, methods: number, validation: boolean, workDir: string): SynthOutcome {
  const outdir = newOutdir(workDir);
  const { app, stack } = newApp(outdir, validation);
  try {
    variant.build(stack, methods);
    let assembly;
    try {
      assembly = app.synth();
    } catch (e) {
      return { error: firstMessage((e as Error).message) };
    }
    const artifact = assembly.getStackByName(stack.stackName);
    const template = artifact.template;
    return {
      shape: {
        resources: Object.keys(template.Resources ?? {}).length,
        templateBytes: fs.statSync(artifact.templateFullPath).size,
        canonical: canonicalize(stack, template, variant.pathPrefix),
        findings: countFindings(assembly.directory),
      },
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function countFindings(assemblyDir: string): number {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!fs.existsSync(file)) {
    return 0;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return (report.pluginReports ?? []).reduce((n: number, p: { violations?: unknown[] }) => n + (p.violations ?? []).length, 0);
}

/**
 * The template's resources and outputs with every logical id (and every name CDK derives from a
 * construct path, such as the authorizer's) replaced by the construct path it stands for, below
 * `pathPrefix`, and without the `aws:cdk:path` metadata: the same API built by either variant
 * gives the same map.
 */
function canonicalize(stack: Stack, template: any, pathPrefix: string): Map<string, string> {
  const stackPrefix = `${stack.node.path}/${pathPrefix}`;
  const relative = (p: string) => (p.startsWith(stackPrefix) ? p.slice(stackPrefix.length) : `<outside>/${p}`);
  const logicalIds = new Map<string, string>();
  const names = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (c === stack) {
      continue;
    }
    names.set(Names.uniqueId(c), `<name of ${relative(c.node.path)}>`);
    if (CfnElement.isCfnElement(c)) {
      logicalIds.set(stack.resolve(c.logicalId) as string, `<${relative(c.node.path)}>`);
    }
  }
  for (const [id, p] of logicalIds) {
    names.set(id, p);
  }
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`\\b(${ids.join('|')})\\b`, 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(pattern, (id) => names.get(id)!);
    }
    if (Array.isArray(v)) {
      return v.map(walk);
    }
    if (v && typeof v === 'object') {
      // A resource type (`AWS::Cognito::ManagedLoginBranding`) is no name, even where a logical id
      // at the stack's root (`ManagedLoginBranding`) spells the same word.
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'Type' ? x : walk(x)]));
    }
    return v;
  };

  const out = new Map<string, string>();
  for (const [section, entries] of [['Resources', template.Resources], ['Outputs', template.Outputs]] as const) {
    for (const [id, body] of Object.entries((entries ?? {}) as Record<string, any>)) {
      const { Metadata: _metadata, ...rest } = body;
      out.set(`${section} ${logicalIds.get(id) ?? id}`, JSON.stringify(walk(rest)));
    }
  }
  return out;
}

/** How two canonical templates differ: entries only in one, and entries whose bodies differ. */
export interface TemplateDiff {
  readonly onlyInA: string[];
  readonly onlyInB: string[];
  readonly changed: string[];
}

export function compareTemplates(a: Shape, b: Shape): TemplateDiff {
  const onlyInA = [...a.canonical.keys()].filter((k) => !b.canonical.has(k));
  const onlyInB = [...b.canonical.keys()].filter((k) => !a.canonical.has(k));
  const changed = [...a.canonical.keys()].filter((k) => b.canonical.has(k) && b.canonical.get(k) !== a.canonical.get(k));
  return { onlyInA, onlyInB, changed };
}

/** The q-quantile (0..1) of `values`, interpolating between neighbours. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/**
 * A 95% confidence interval of the median, by the percentile bootstrap: the median of `resamples`
 * samples drawn with replacement, their 2.5th and 97.5th percentiles. The draws come from a seeded
 * generator, so that the same samples always give the same interval.
 */
export function medianInterval(values: number[], resamples = 4000, seed = 20261201): { low: number; high: number } {
  // Park and Miller's minimal standard generator: exact in doubles, and good enough to draw indices.
  let state = (seed % 2147483646) + 1;
  const next = (): number => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const draw = values.map(() => values[Math.floor(next() * values.length)]);
    medians.push(median(draw));
  }
  return { low: quantile(medians, 0.025), high: quantile(medians, 0.975) };
}

/** The templates of a whole assembly (the stack's and its nested stacks'), for APIs split across stacks. */
export interface AssemblyShape {
  /** Templates written: the stack's and one per nested stack. */
  readonly templates: number;
  /** Resources in all of them. */
  readonly resources: number;
  /** The most resources in one template, and the largest template. */
  readonly maxResources: number;
  readonly maxTemplateBytes: number;
  /** Bytes of all templates. */
  readonly totalBytes: number;
}

/** Synthesizes once (untimed, validation off) and measures every template of the assembly. */
export function assemblyShape(variant: Variant, methods: number, workDir: string): AssemblyShape {
  const outdir = newOutdir(workDir);
  const { app, stack } = newApp(outdir, false);
  try {
    variant.build(stack, methods);
    const assembly = app.synth();
    const files = fs.readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'));
    const sizes = files.map((f) => {
      const file = path.join(assembly.directory, f);
      return { bytes: fs.statSync(file).size, resources: Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).Resources ?? {}).length };
    });
    return {
      templates: files.length,
      resources: sizes.reduce((n, x) => n + x.resources, 0),
      maxResources: Math.max(...sizes.map((x) => x.resources)),
      maxTemplateBytes: Math.max(...sizes.map((x) => x.bytes)),
      totalBytes: sizes.reduce((n, x) => n + x.bytes, 0),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
