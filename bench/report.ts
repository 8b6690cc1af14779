/**
 * Renders the benchmark's results as `docs/BENCHMARKS.md`.
 */
import { CONSTRUCT_ID } from './apps';
import { TemplateDiff, median, quantile } from './measure';
import { EngineResult, RowResult } from './worker';

/** All rows with validation off or on. */
export interface ModeResult {
  readonly validation: boolean;
  readonly reps: number;
  readonly rows: RowResult[];
}

interface Fit {
  readonly perMethod: number;
  readonly fixed: number;
  readonly linear: boolean;
}

interface SynthAt {
  readonly methods: number;
  readonly resources?: number;
  readonly templateBytes?: number;
  readonly error?: string;
}

interface MaxMethods {
  readonly computed: number;
  readonly atMax: SynthAt;
  readonly aboveMax: SynthAt;
}

interface Size {
  readonly resources: number;
  readonly templateBytes: number;
}

export interface Report {
  readonly date: string;
  readonly machine: { cpu: string; cores: number; memoryGiB: number; os: string };
  /** The 1-minute load average when the run started and when it ended: other work on the machine shows here. */
  readonly load: { start: number; end: number };
  readonly versions: { node: string; awsCdkLib: string; constructs: string; thisPackage: string; commit: string };
  readonly options: { methods: number[]; reps: number; repsValidation: number; warmup: number };
  readonly modes: ModeResult[];
  /** The first synth with validation on in a process, and the median of the next five (construct). */
  readonly engineStart: EngineResult;
  readonly shapes: Array<{ methods: number; construct: Size; byHand: Size; nested: Size }>;
  readonly resourceFit: { construct: Fit; byHand: Fit };
  readonly bytesFit: { construct: Fit; byHand: Fit };
  readonly maxMethods: { construct: MaxMethods; byHand: MaxMethods };
  readonly templateDiff: TemplateDiff;
  readonly templateDiffNested: TemplateDiff;
  readonly templateDiffMethods: number;
  readonly findings: { construct: number; byHand: number };
  readonly totalSeconds: number;
}

/** The time goal: construct / by hand at most this, at every N. */
export const MAX_RATIO = 1.05;

/** Above this, something besides the apps fills the heap (e.g. ts-node's type-checker). */
const RESIDENT_HEAP_WARNING_MIB = 300;

const f1 = (x: number) => x.toFixed(1);
const f3 = (x: number) => x.toFixed(3);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const iqr = (xs: number[]) => `${f3(quantile(xs, 0.25))} – ${f3(quantile(xs, 0.75))}`;
const isEmpty = (d: TemplateDiff) => d.onlyInA.length + d.onlyInB.length + d.changed.length === 0;

function timeTable(mode: ModeResult): string[] {
  const lines = [
    '| N | construct, ms | by hand, ms | **construct / by hand** | p25 – p75 | within 5% | by hand nested, ms '
      + '| construct / by hand nested | p25 – p75 | tree building, ms (construct / by hand) | worker peak memory |',
    '| ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of mode.rows) {
    const ratio = median(row.ratios);
    lines.push(`| ${row.methods} | ${f1(median(row.construct))} | ${f1(median(row.byHand))} | **${f3(ratio)}** | ${iqr(row.ratios)} `
      + `| ${ratio <= MAX_RATIO ? 'yes' : '**no**'} | ${f1(median(row.nested))} | ${f3(median(row.ratiosNested))} | ${iqr(row.ratiosNested)} `
      + `| ${f1(median(row.constructBuild))} / ${f1(median(row.byHandBuild))} | ${row.maxRssMiB.toFixed(0)} MiB |`);
  }
  return lines;
}

function synthAt(s: SynthAt, limit: number): string {
  if (s.error !== undefined) {
    return `synth fails: "${s.error.split(': AWS::')[0]}"`;
  }
  const fits = s.resources! <= limit ? 'fits' : '**does not fit**';
  return `${s.resources} resources, ${kib(s.templateBytes!)} template: ${fits}`;
}

function diffList(d: TemplateDiff): string[] {
  const list = (title: string, items: string[]) => (items.length === 0 ? [] : [`  - ${title}: ${items.map((i) => `\`${i}\``).join(', ')}`]);
  return [...list('only in the construct\'s', d.onlyInA), ...list('only in the other', d.onlyInB), ...list('different', d.changed)];
}

function templateComparison(report: Report): string[] {
  const n = report.templateDiffMethods;
  if (isEmpty(report.templateDiff) && isEmpty(report.templateDiffNested)) {
    return [`At N = ${n}, the three templates are the same resource for resource and output for output, once logical ids `
      + '(and names CDK derives from construct paths, such as the authorizer\'s) are replaced by construct paths and the '
      + '`aws:cdk:path` metadata is dropped: the timings compare like with like. The template bytes differ only by those '
      + `ids, names and paths, which in the construct's and the nested template carry the id \`${CONSTRUCT_ID}\`.`];
  }
  return [
    `**The templates differ** at N = ${n} (logical ids replaced by construct paths, \`aws:cdk:path\` metadata dropped). `
      + 'The construct has changed since `bench/apps.ts` mirrored it: update the hand-written API there if the change is '
      + 'intended; until then the timings compare different APIs.',
    '',
    ...(isEmpty(report.templateDiff) ? [] : ['- construct against by hand:', ...diffList(report.templateDiff)]),
    ...(isEmpty(report.templateDiffNested) ? [] : ['- construct against by hand, nested:', ...diffList(report.templateDiffNested)]),
  ];
}

export function renderMarkdown(report: Report, limit: number): string {
  const [off, on] = report.modes;
  const allRows = report.modes.flatMap((m) => m.rows.map((r) => ({
    mode: m, methods: r.methods, ratio: median(r.ratios), nested: median(r.ratiosNested),
  })));
  const slow = allRows.filter((r) => r.ratio > MAX_RATIO);
  const worst = allRows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const worstNested = allRows.reduce((a, b) => (b.nested > a.nested ? b : a));
  const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  const meanRatio = geomean(allRows.map((r) => r.ratio));
  const meanNested = geomean(allRows.map((r) => r.nested));
  const where = (r: { methods: number; mode: ModeResult }) => `N = ${r.methods}, validation ${r.mode.validation ? 'on' : 'off'}`;
  const rc = report.resourceFit.construct;
  const rh = report.resourceFit.byHand;
  const bc = report.bytesFit.construct;
  const bh = report.bytesFit.byHand;
  const timeMet = slow.length === 0;
  const resourcesMet = rc.perMethod <= rh.perMethod;
  const methods = report.options.methods;
  const heapMiB = Math.max(...report.modes.flatMap((m) => m.rows.map((r) => r.heapBeforeTimingMiB)));

  const lines = [
    '# Synth benchmarks',
    '',
    '<!-- Written by bench/synth-benchmark.ts (`npx projen bench`). Do not edit: run it again. -->',
    '',
    '**Goal** (issue #7): `ProtectedApiWithCognito` synthesizes within 5% of the same API written by hand with '
      + 'aws-cdk-lib L2 constructs, at every number N of protected methods, with CDK\'s built-in template validation off '
      + 'and on; and it makes no more CloudFormation resources per method than the hand-written API.',
    '',
    '**Result of this run:**',
    '',
    `- Synth time: ${timeMet ? '**met**' : '**not met**'}. The largest median ratio construct / by hand is `
      + `${f3(worst.ratio)} (${where(worst)})`
      + (timeMet ? '.' : `; over 5% at ${slow.map(where).join('; ')}.`)
      + (Math.abs(worst.ratio - MAX_RATIO) < 0.02
        ? ' That is close to the limit: the medians move by a few hundredths from run to run, so another run may land on '
          + 'the other side of it.'
        : '')
      + ' Against the same hand-written API nested one level down, as the construct\'s resources are, the largest is '
      + `${f3(worstNested.nested)} (${where(worstNested)}). Over all N and both modes, the geometric mean of the median `
      + `ratios is ${f3(meanRatio)} against by hand and ${f3(meanNested)} against by hand nested`
      + (meanRatio > 1 && meanNested - 1 < (meanRatio - 1) / 2
        ? ': most of the difference comes from the nesting (longer construct paths, logical ids and metadata), not from '
          + 'the construct\'s own code.'
        : '.'),
    `- Resources per method: ${resourcesMet ? '**met**' : '**not met**'}: ${num(rc.perMethod)} with the construct, `
      + `${num(rh.perMethod)} by hand; ${num(rc.fixed)} and ${num(rh.fixed)} whatever N.`,
    `- Largest N in one stack (${limit} resources): **${report.maxMethods.construct.computed}** with the construct, `
      + `${report.maxMethods.byHand.computed} by hand.`,
    '',
    '## Where it ran',
    '',
    '| | |',
    '| --- | --- |',
    `| Date | ${report.date} |`,
    `| CPU | ${report.machine.cpu}, ${report.machine.cores} cores |`,
    `| Memory | ${report.machine.memoryGiB.toFixed(1)} GiB |`,
    `| OS | ${report.machine.os} |`,
    `| Node | ${report.versions.node} |`,
    `| aws-cdk-lib | ${report.versions.awsCdkLib} |`,
    `| constructs | ${report.versions.constructs} |`,
    `| cdk-cognito-protected-api | ${report.versions.thisPackage} (commit ${report.versions.commit}) |`,
    `| Rounds per N | ${report.options.reps} with validation off, ${report.options.repsValidation} with it on, after `
      + `${report.options.warmup} untimed warm-up synth(s) per variant and N |`,
    `| Heap in use when timing starts (largest over the workers) | ${heapMiB.toFixed(0)} MiB${heapMiB > RESIDENT_HEAP_WARNING_MIB
      ? ' (**large**: probably a resident TypeScript type-checker, e.g. ts-node without `--transpile-only`; it slows every '
        + 'synth and adds noise)' : ''} |`,
    `| Load average (1 min) at start / end | ${report.load.start.toFixed(2)} / ${report.load.end.toFixed(2)}`
      + `${Math.max(report.load.start, report.load.end) > report.machine.cores
        ? ' (**busy**: other work shared the cores; expect more noise)' : ''} |`,
    `| Whole run | ${report.totalSeconds.toFixed(0)} s |`,
    '',
    '## Synth time',
    '',
    'Three variants build the same API with N protected `GET` methods at `/r0`, `/r1`, ...:',
    '',
    `- **construct**: \`ProtectedApiWithCognito\` (id \`${CONSTRUCT_ID}\`) and \`addMethod\`;`,
    '- **by hand**: the same API written with aws-cdk-lib L2 constructs at the stack\'s root (`BY_HAND` in `bench/apps.ts`): '
      + 'the comparison the goal is about;',
    `- **by hand nested**: the same hand-written code under a plain \`Construct\` with id \`${CONSTRUCT_ID}\`, so its `
      + 'tree has the construct\'s shape; the construct against it shows what the construct\'s own code costs.',
    '',
    'Each sample is one fresh `App` with one `Stack`, the variant\'s constructs and a full `app.synth()` into a new '
      + 'directory, timed with `process.hrtime.bigint()` from `new App()` to the end of `synth()` (the directory is made '
      + 'before and removed after the clock). A round synthesizes the three variants once each, taking turns through every '
      + 'order; ratios are taken within a round, and the tables give the median of each ratio over the rounds, with its '
      + 'interquartile range for the noise. Each N and mode runs in a fresh node process (a worker): untimed warm-up '
      + 'synths of every variant first, then the rounds. Fresh processes, because aws-cdk-lib keeps every token it makes '
      + 'in a process-wide map, and with them every app: a process keeps about 1 MiB per synthesized app (N = 50), so a '
      + 'single process would time its own growing garbage collection more and more. The script runs under ts-node with '
      + '`--transpile-only` (the `bench` task type-checks in a step before), so no TypeScript compiler sits in the heap; '
      + 'garbage collection is not forced between samples (forcing it made every synth several times slower on this kind '
      + 'of machine), so each sample pays for its garbage as a real synth does. Absolute times vary by tens of percent '
      + 'from one process to the next; the ratios, taken side by side in one process, are what the goal is judged on.',
    '',
    '### Built-in template validation off (`builtinCloudFormationValidation: false`)',
    '',
    ...timeTable(off),
    '',
    '### Built-in template validation on (`builtinCloudFormationValidation: true`)',
    '',
    ...timeTable(on),
    '',
    'aws-cdk-lib keeps one validation engine per process and starts it at the first synth that validates; later synths '
      + `reuse it. In a fresh worker, the first validating synth (construct, N = ${report.engineStart.methods}, after two `
      + `synths without validation had loaded aws-cdk-lib) took **${f1(report.engineStart.coldMs)} ms**, and the five after `
      + `it ${f1(report.engineStart.warmMs)} ms (median); the table above is after the warm-up. `
      + 'A `cdk synth` runs one app in one process, so it pays that '
      + 'start-up once per synth on top of the figures above, whichever variant it synthesizes; so does each jest test '
      + 'file, which has its own module registry.',
    '',
    '### Why the construct is slower than by hand, and what was done',
    '',
    'The nested control is the construct\'s tree with the construct\'s code taken away, so the construct against it is '
      + 'what that code costs, and by hand nested against by hand is what nesting costs. Nesting is not free: every logical '
      + `id, every \`aws:cdk:path\` and every name CDK derives from a path carries the construct's id (\`${CONSTRUCT_ID}\`), `
      + `which makes the template ${num(bc.perMethod - bh.perMethod)} bytes longer per method (below), and synth time `
      + 'grows with the template: resolving, writing and, when on, validating it. A CPU profile of the construct\'s synth '
      + '(`node --cpu-prof`) shows no hotspot of its own: its synth-time checks (the 500-resource limit, scopes no client '
      + 'can obtain) walk the tree once, and building a mock integration per method is a fraction of a percent. '
      + 'The construct cannot drop the prefix without changing its logical ids, which would replace resources in users\' '
      + 'stacks, so nothing in `src/` was changed for speed. A user who wants the last few percent gives the construct '
      + 'a short id.',
    '',
    '## Resources and template size',
    '',
    '| N | resources, construct | resources, by hand | template, construct | template, by hand | template, by hand nested |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.shapes.map((s) => `| ${s.methods} | ${s.construct.resources} | ${s.byHand.resources} `
      + `| ${s.construct.templateBytes} B (${kib(s.construct.templateBytes)}) | ${s.byHand.templateBytes} B (${kib(s.byHand.templateBytes)}) `
      + `| ${s.nested.templateBytes} B |`),
    '',
    `Fitted over N = ${methods[0]} … ${methods[methods.length - 1]}: the construct makes **${num(rc.fixed)} + ${num(rc.perMethod)} N** `
      + `resources and ${num(bc.fixed)} + ${num(bc.perMethod)} N template bytes; by hand, **${num(rh.fixed)} + ${num(rh.perMethod)} N** `
      + `resources and ${num(bh.fixed)} + ${num(bh.perMethod)} N bytes. `
      + (rc.linear && rh.linear ? 'The resource counts lie exactly on those lines at every N measured.' : '**The resource counts are not linear in N**; the fit is only a guide.')
      + ' A protected method is an `AWS::ApiGateway::Resource`, its `GET` `AWS::ApiGateway::Method` and the CORS preflight '
      + '`OPTIONS` method that `defaultCorsPreflightOptions` adds.',
    '',
    ...templateComparison(report),
    '',
    `CDK's built-in template validation finds ${report.findings.construct} issue(s) in the construct's template and `
      + `${report.findings.byHand} in the hand-written one (N = ${methods[0]}).`,
    '',
    '## Largest API in one stack',
    '',
    `CloudFormation allows ${limit} resources in a stack, and \`cdk synth\` refuses more. From the fit, the largest N is `
      + `floor((${limit} − fixed) / per method); it was checked by synthesizing (validation off) at that N and one more.`,
    '',
    '| | construct | by hand |',
    '| --- | --- | --- |',
    `| largest N, computed | **${report.maxMethods.construct.computed}** | ${report.maxMethods.byHand.computed} |`,
    `| synth at that N | ${synthAt(report.maxMethods.construct.atMax, limit)} | ${synthAt(report.maxMethods.byHand.atMax, limit)} |`,
    `| synth at N + 1 | ${synthAt(report.maxMethods.construct.aboveMax, limit)} | ${synthAt(report.maxMethods.byHand.aboveMax, limit)} |`,
    '',
    'A larger API has to be split over more than one stack (e.g. nested stacks for groups of resources), which neither '
      + 'version does today.',
    '',
    '## How to run it',
    '',
    '```sh',
    'npx projen bench                                    # the defaults; rewrites this file',
    'npx projen bench -- --reps 30 --reps-validation 12  # quicker, noisier',
    `npx projen bench -- --methods 1,${methods[methods.length - 1]} --no-write          # print the markdown instead`,
    '```',
    '',
    'Every option can also be set in the environment: `BENCH_METHODS`, `BENCH_REPS`, `BENCH_REPS_VALIDATION`, '
      + '`BENCH_WARMUP`. The hand-written API is in `bench/apps.ts` and must mirror `src/protected-api.ts`; each run checks '
      + 'that it still does (above). Run it on an otherwise idle machine.',
    '',
  ];
  return lines.join('\n');
}
