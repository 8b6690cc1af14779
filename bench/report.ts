/**
 * Renders the benchmark's results as `docs/BENCHMARKS.md`.
 */
import { CONSTRUCT_ID } from './apps';
import { AssemblyShape, TemplateDiff, median, medianInterval, quantile } from './measure';
import { EngineResult, PairsResult, RowResult, SlopeResult } from './worker';

/** A pair comparison, with the assemblies both sides make. */
export interface PairRow extends PairsResult {
  readonly aShape: AssemblyShape;
  readonly bShape: AssemblyShape;
}

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
  readonly options: { methods: number[]; reps: number; repsValidation: number; warmup: number; slopeReps: number; slopeWorkers: number };
  readonly modes: ModeResult[];
  /** The cost of added methods, one entry a worker (their rounds are pooled). */
  readonly slope: SlopeResult[];
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
  /** The split API (`methodsInNestedStacks`) against the same split by hand, at each N. */
  readonly split: PairRow[];
  /** The split API at its largest N against itself at its smallest, and against the unsplit construct there. */
  readonly growth: PairRow[];
  /** The HTTP front against the same HTTP API by hand, at each number of routes. */
  readonly http: PairRow[];
  readonly httpTemplateDiff: TemplateDiff;
  readonly totalSeconds: number;
}

/** Issue #21's targets. */
export const TARGETS = { perAddedMethod: 1.05, wholeAt100: 1.08, splitByHand: 1.1, growth: 11 };

/** The time goal: construct / by hand at most this, at every N. */
export const MAX_RATIO = 1.05;

/** Above this, something besides the apps fills the heap (e.g. ts-node's type-checker). */
const RESIDENT_HEAP_WARNING_MIB = 300;

const f1 = (x: number) => x.toFixed(1);
const f3 = (x: number) => x.toFixed(3);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const iqr = (xs: number[]) => `${f3(quantile(xs, 0.25))} – ${f3(quantile(xs, 0.75))}`;
const interval = (xs: number[]) => {
  const { low, high } = medianInterval(xs);
  return `${f3(low)} – ${f3(high)}`;
};
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

function pairRow(r: PairRow): string {
  const side = (x: { variant: string; methods: number }) => `${x.variant}, N = ${x.methods}`;
  return `| ${side(r.a)} / ${side(r.b)} | ${r.ratios.length} | ${f1(median(r.aMs))} | ${f1(median(r.bMs))} `
    + `| **${f3(median(r.ratios))}** | ${interval(r.ratios)} | ${iqr(r.ratios)} | ${r.aShape.templates} / ${r.bShape.templates} `
    + `| ${r.aShape.maxResources} / ${r.bShape.maxResources} | ${kib(r.aShape.maxTemplateBytes)} / ${kib(r.bShape.maxTemplateBytes)} `
    + `| ${kib(r.aShape.totalBytes)} / ${kib(r.bShape.totalBytes)} |`;
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
  const offRows = off.rows;
  const slopeRatios = report.slope.flatMap((w) => w.ratios);
  const perAdded = median(slopeRatios);
  const perAddedInterval = medianInterval(slopeRatios);
  const [slopeFrom, slopeTo] = [report.slope[0]?.from ?? methods[0], report.slope[0]?.to ?? methods[methods.length - 1]];
  const added = (pick: (w: SlopeResult) => [number[], number[]]) => median(report.slope.flatMap((w) => {
    const [from, to] = pick(w);
    return to.map((t, i) => (t - from[i]) / (slopeTo - slopeFrom));
  }));
  const addedConstruct = added((w) => [w.constructFrom, w.constructTo]);
  const addedByHand = added((w) => [w.byHandFrom, w.byHandTo]);
  const at100 = offRows.find((r) => r.methods === 100);
  const { split, growth, http } = report;
  void timeMet;
  const heapMiB = Math.max(...report.modes.flatMap((m) => m.rows.map((r) => r.heapBeforeTimingMiB)));

  const lines = [
    '# Synth benchmarks',
    '',
    '<!-- Written by bench/synth-benchmark.ts (`npx projen bench`). Do not edit: run it again. -->',
    '',
    '**Goals** (issues #7 and #21), CDK\'s template validation off, ratios of medians of pairs taken side by side:',
    '',
    `- the construct's cost per added method within ${TARGETS.perAddedMethod} times that of the same API by hand `
      + `(from N = ${methods[0]} to N = ${methods[methods.length - 1]}), and the whole synth at N = 100 within ${TARGETS.wholeAt100} times;`,
    `- an API split across nested stacks (\`methodsInNestedStacks\`) at ${split.length > 0 ? split[split.length - 1].a.methods : '?'} methods within `
      + `${TARGETS.splitByHand} times the same split by hand the way aws-cdk's README shows, and within ${TARGETS.growth} times `
      + `its own time at ${split.length > 0 ? split[0].a.methods : '?'} methods;`,
    '- and, for the record, the HTTP front (`ProtectedHttpApiWithCognito`) against the same HTTP API by hand.',
    '',
    '**Result of this run:**',
    '',
    `- Cost per added method: **${f3(perAdded)}** times by hand (${perAdded <= TARGETS.perAddedMethod ? 'met' : '**not met**'}; `
      + `95% confidence interval of the median ${f3(perAddedInterval.low)} – ${f3(perAddedInterval.high)}, p25 – p75 ${iqr(slopeRatios)}): `
      + `about ${f1(addedConstruct)} ms against ${f1(addedByHand)} ms a method from N = ${slopeFrom} to N = ${slopeTo}. `
      + `Median over ${slopeRatios.length} rounds in ${report.slope.length} workers; each round times both at both N `
      + '(see "The cost of added methods" below).',
    ...(at100 ? [`- Whole synth at N = 100: **${f3(median(at100.ratios))}** times by hand (${median(at100.ratios) <= TARGETS.wholeAt100 ? 'met' : '**not met**'}).`] : []),
    `- Over all N and both modes, the largest median ratio construct / by hand is ${f3(worst.ratio)} (${where(worst)}); `
      + `against by hand nested one level down, as the construct's resources are, the largest is ${f3(worstNested.nested)} (${where(worstNested)}). `
      + `The geometric means of the median ratios are ${f3(meanRatio)} and ${f3(meanNested)}.`,
    ...split.map((r) => `- Split, N = ${r.a.methods}: construct / by hand split **${f3(median(r.ratios))}** `
      + `(${median(r.ratios) <= TARGETS.splitByHand ? 'met' : '**not met**'} at ${TARGETS.splitByHand}; 95% confidence interval ${interval(r.ratios)}); `
      + `${r.aShape.templates} templates against ${r.bShape.templates}.`),
    ...growth.slice(0, 1).map((r) => `- Growth: the split construct at N = ${r.a.methods} takes **${f3(median(r.ratios))}** times its time at `
      + `N = ${r.b.methods} (${median(r.ratios) <= TARGETS.growth ? 'met' : '**not met**'} at ${TARGETS.growth}).`),
    `- Resources per method: ${resourcesMet ? '**met**' : '**not met**'}: ${num(rc.perMethod)} with the construct, `
      + `${num(rh.perMethod)} by hand; ${num(rc.fixed)} and ${num(rh.fixed)} whatever N.`,
    `- Largest N in one stack (${limit} resources): **${report.maxMethods.construct.computed}** with the construct, `
      + `${report.maxMethods.byHand.computed} by hand; past that, \`methodsInNestedStacks\`.`,
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
    '### The cost of added methods',
    '',
    `The goal compares what each method added from N = ${slopeFrom} to N = ${slopeTo} costs. Each worker (a fresh process, `
      + `${report.options.warmup} untimed rounds first) times rounds of four synths: the construct and by hand at both N, `
      + 'in turns through four orders, so that each of the four goes first, second, third and last equally often. A round '
      + `gives (construct at ${slopeTo} − construct at ${slopeFrom}) / (by hand at ${slopeTo} − by hand at ${slopeFrom}): `
      + 'all four from one process a second or two apart, so the speed of the process, which varies by tens of percent from '
      + 'one to the next, drops out. The figure above is the median over the rounds of all workers, with a 95% confidence '
      + 'interval of that median (percentile bootstrap, 4,000 resamples, seeded). Earlier runs took the difference of the '
      + 'medians of two workers (one per N), which mixed two processes\' speeds.',
    '',
    '| worker | rounds | construct at N = ' + slopeFrom + ', ms | construct at N = ' + slopeTo + ', ms | by hand at N = ' + slopeFrom
      + ', ms | by hand at N = ' + slopeTo + ', ms | **added methods, construct / by hand** | p25 – p75 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.slope.map((w, i) => `| ${i + 1} | ${w.ratios.length} | ${f1(median(w.constructFrom))} | ${f1(median(w.constructTo))} `
      + `| ${f1(median(w.byHandFrom))} | ${f1(median(w.byHandTo))} | **${f3(median(w.ratios))}** | ${iqr(w.ratios)} |`),
    `| all | ${slopeRatios.length} | | | | | **${f3(perAdded)}** | ${iqr(slopeRatios)} |`,
    '',
    '### Where the construct\'s extra time went, and what was done (issue #21)',
    '',
    'Issue #21 measured the construct at 1.13-1.15 times by hand at 1 and 100 methods. Two causes, found with '
      + '`node --cpu-prof` over 60 synths at N = 1 and side-by-side pairs at N = 1 and 100:',
    '',
    '- **The baseline had fallen behind the construct.** The construct\'s account role now carries a customer managed '
      + 'policy (an `AWS::IAM::ManagedPolicy`, one resource more), and its deliberate defaults are acknowledged in every '
      + 'cdk-nag pack and in checkov and Guard metadata: 17 acknowledgements on the stage and the access logs where the '
      + 'hand-written API had 2. aws-cdk-lib records each acknowledgement as construct metadata with a captured stack '
      + 'trace (`Validations.acknowledge` → `recordAcknowledgment` → `enhancedStackTrace`), the largest single cost the '
      + 'profile shows in the construct\'s own calls. A user who acknowledges the same findings pays the same, so '
      + '`bench/apps.ts` now does what the construct does: the managed policy, the same acknowledgements, the checkov and '
      + 'Guard metadata and the `identity_providers` entry of the web client\'s settings; the run checks that the '
      + 'templates are the same (below).',
    '- **A new integration per method.** The construct built a new `MockIntegration` and new method responses for '
      + 'every method that takes the default, where a hand-written API shares one. They are now made once per API and '
      + 'shared (the template is byte for byte the same: the integration snapshot and every template test are unchanged).',
    '',
    'What remains is what any nesting costs: the construct\'s id in every logical id, path and derived name (compare '
      + 'by hand nested), and fixed work at construction (settings, a lazy identity-provider list, outputs).',
    '',
    'For the split API, aws-cdk-lib resolves a deployment\'s logical id again at every reference to it, and with it '
      + 'every part added with `addToLogicalId`: the definitions of all nested methods were resolved dozens of times a '
      + 'synth. They are now resolved once into a digest (1,000 split methods: about 3.8 s down to 2.1 s a synth, '
      + 'against 1.4-1.6 s for the split by hand, in single runs on the quieter machine after the first benchmark run).',
    '',
    'The next run still had the split API at 1.127 times the split by hand at 1,000 methods (95% interval 1.090 – 1.224). '
      + 'A CPU profile of 12 pairs in one process, its samples split between the two apps by the time each synth ran, '
      + 'showed the construct making 41 nested stacks where the split by hand makes 11 (four stacks for every first '
      + 'segment, by a hash of the second segment): 3,820 constructs against 3,510, with 161 nested stack parameters '
      + 'against 41, each a template to resolve and write, an asset, parameters and outputs. Timed side by side in one '
      + 'process (24 rounds), the construct with four stacks a segment took 1.151 times the split by hand, with two '
      + '1.117, and with one 1.059. A first segment now has one nested stack, as in aws-cdk\'s README, unless '
      + '`nestedStacksPerFirstSegment` gives it more (the synth says so, naming the segment, when one would pass 500 '
      + 'resources): with one stack a segment the construct\'s tree is the split by hand\'s, construct for construct. What '
      + 'remains is the stage-redeploy digest (about 3% of a synth at 1,000 methods; the split by hand does not redeploy) '
      + 'and the route registry\'s checks. Smaller savings in the same change: the second segment\'s hash is computed once '
      + 'per segment, not per method, and the default method responses are made once per API for the OpenAPI details too.',
    '',
    '## An API split across nested stacks (`methodsInNestedStacks`)',
    '',
    'The split benchmark\'s methods are four a path (`GET`, `POST`, `PUT`, `DELETE`), the paths under 10 first segments '
      + '(`/s0` ... `/s9`), every third ending in `{id}` (`splitRoute` in `bench/apps.ts`). **by hand, split** is the same '
      + 'API split the way aws-cdk\'s README shows: one nested stack per first segment, the API imported in each with '
      + '`RestApi.fromRestApiAttributes`, a resource per first segment given the API\'s CORS preflight, and the '
      + 'deployment depending on every nested stack (the stage stays in the parent, as in the construct). It does not '
      + 'redeploy the stage when a nested method changes (aws/aws-cdk#12417), which the construct does by hashing every '
      + 'nested method into the deployment\'s logical id. Both make one nested stack per first segment (the construct makes '
      + 'more only for the segments named in `nestedStacksPerFirstSegment`, none here). Each row is one worker: '
      + `${report.options.warmup} untimed pairs, then the pairs, alternating which app goes first; the ratio is the median `
      + 'of the ratios within pairs, with a 95% confidence interval of that median (percentile bootstrap, 4,000 resamples, seeded).',
    '',
    '| comparison | pairs | a, ms | b, ms | **a / b** | 95% CI | p25 – p75 | templates (a / b) | most resources in one (a / b) | largest template (a / b) | all templates (a / b) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[...split, ...growth].map(pairRow),
    '',
    '## The HTTP front',
    '',
    '`ProtectedHttpApiWithCognito` (issue #20) with N protected `GET` routes at `/r0`, `/r1`, ... to one '
      + '`HttpUrlIntegration`, against the same HTTP API by hand with aws-cdk-lib (`HTTP_BY_HAND` in `bench/apps.ts`: the '
      + 'same Cognito half, `HttpApi` with CORS, a logged and throttled stage, a JWT authorizer, the routes and the outputs). '
      + (isEmpty(report.httpTemplateDiff)
        ? `At N = ${http.length > 0 ? http[http.length - 1].a.methods : '?'} the two templates are the same up to logical ids and construct paths.`
        : `**The two templates differ** at N = ${http.length > 0 ? http[http.length - 1].a.methods : '?'}: ${diffList(report.httpTemplateDiff).join(' ')}`),
    '',
    '| comparison | pairs | a, ms | b, ms | **a / b** | 95% CI | p25 – p75 | templates (a / b) | most resources in one (a / b) | largest template (a / b) | all templates (a / b) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...http.map(pairRow),
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
    'A larger API sets `methodsInNestedStacks: true` (above, and the README\'s "More than 160 methods").',
    '',
    '## How to run it',
    '',
    '```sh',
    'npx projen bench                                    # the defaults; rewrites this file',
    'npx projen bench -- --reps 30 --reps-validation 12  # quicker, noisier',
    'npx projen bench -- --split-reps 10 --http-reps 30  # more pairs for the split API and the HTTP front',
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
