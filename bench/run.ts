/**
 * `npm run bench`: the Erlang-A case (2 calls/s, AHT 240 s, mean patience 120 s, 500 agents)
 * through four variants, each run in its own process (bench/variant.ts, so peak memory is its
 * own): `plain` (a hand-written loop, the reference), `engine` (every feature off), `realism`
 * (every realism feature on) and `routing` (skill-based routing).
 *
 * The machine is shared, so wall time alone drifts with the neighbours' load. Each run
 * therefore reports callers per CPU-second (user + system CPU time of the child around the
 * simulation) as well as callers per wall-second and peak RSS. Every round runs every variant,
 * in alternating order (forwards, then backwards), so engine and plain loop are always
 * neighbours and their ratio is taken per round. A separate run of the engine with 10,000,000
 * callers checks that memory stays flat.
 *
 *   npm run bench -- [--rounds N] [--callers N] [--memory-callers N] [--no-memory | --memory]
 *                    [--json] [--strict]
 *
 * It prints min / median / max per variant, the per-round ratios, the statistics against the
 * exact Erlang-A figures, and PASS/FAIL against TARGETS. It exits 0 even when a check fails (it
 * is a report), unless --strict is given.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { studentTQuantile } from '../src/metrics/studentT.ts';
import { erlangA } from '../src/staffing/index.ts';
import { BENCH_CASE } from './erlangACase.ts';
import type { VariantResult } from './variant.ts';

/**
 * The targets `npm run bench` checks. Speeds are callers per CPU-second, the median over the
 * rounds; the ratio is CPU time per caller of the engine over the plain loop's, the median of
 * the per-round ratios; memory is the peak RSS of one engine run with `memoryCallers` callers.
 */
const TARGETS = {
  engineCallersPerCpuSecond: 1_200_000,
  engineOverPlainCpuRatio: 2,
  realismCallersPerCpuSecond: 600_000,
  routingCallersPerCpuSecond: 700_000,
  memoryPeakRssMb: 200,
  memoryCallers: 10_000_000,
} as const;

/** Two-sided confidence of the sampling-error band the statistics must fall in. */
const STATISTICS_CONFIDENCE = 0.999;

const VARIANTS = ['plain', 'engine', 'realism', 'routing'] as const;
type Variant = (typeof VARIANTS)[number];
const LABELS: Record<Variant, string> = {
  plain: 'plain loop',
  engine: 'engine',
  realism: 'realism',
  routing: 'routing',
};

const USAGE = `npm run bench -- [options]
  --rounds N           rounds of all four variants (default 3)
  --callers N          callers per run (default 1,000,000)
  --memory-callers N   callers of the memory run (default ${TARGETS.memoryCallers.toLocaleString('en-GB')})
  --no-memory          skip the memory run (it takes ~30 s on the 2 shared cores)
  --memory             only the memory run
  --json               print the whole result as JSON (progress still goes to stderr)
  --strict             exit 1 when a target or check fails (default: exit 0, it is a report)`;

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    callers: { type: 'string', default: '1000000' },
    'memory-callers': { type: 'string', default: String(TARGETS.memoryCallers) },
    'no-memory': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
function positiveInteger(name: string, text: string): number {
  const value = Number(text.replaceAll('_', '').replaceAll(',', ''));
  if (!(Number.isInteger(value) && value > 0)) {
    console.error(`--${name} must be a positive integer, not ${text}\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}
const rounds = options.memory ? 0 : positiveInteger('rounds', options.rounds);
const callers = positiveInteger('callers', options.callers);
const memoryCallers = positiveInteger('memory-callers', options['memory-callers']);
const runMemory = !options['no-memory'];
if (options.memory && options['no-memory']) {
  console.error(`--memory and --no-memory exclude each other\n\n${USAGE}`);
  process.exit(2);
}

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const variantScript = fileURLToPath(new URL('./variant.ts', import.meta.url));
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

function runVariant(variant: Variant, count: number): VariantResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', variantScript, variant, String(count)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench/variant.ts ${variant} ${count} failed (${child.error?.message ?? `exit ${child.status ?? child.signal}`}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as VariantResult;
}

// ---- statistics helpers ----------------------------------------------------------------
interface Range {
  min: number;
  median: number;
  max: number;
}
function rangeOf(values: readonly number[]): Range {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted.at(-1)! };
}
/** Half-width of a `confidence` interval of the mean of per-batch values (batch means). */
function batchHalfWidth(values: readonly number[], confidence: number): number {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return studentTQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
}

// ---- the runs --------------------------------------------------------------------------
const startedAt = performance.now();
const loadAverageStart = loadavg();
const runs: Array<VariantResult & { round: number; position: number }> = [];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
  const parts: string[] = [];
  order.forEach((variant, position) => {
    const result = runVariant(variant, callers);
    runs.push({ ...result, round: round + 1, position: position + 1 });
    parts.push(`${variant} ${result.cpuSeconds.toFixed(2)} CPU s / ${result.wallSeconds.toFixed(2)} s`);
  });
  progress(`round ${round + 1}/${rounds}: ${parts.join(', ')}`);
}
let memory: VariantResult | undefined;
if (runMemory) {
  progress(`memory run: engine with ${memoryCallers.toLocaleString('en-GB')} callers…`);
  memory = runVariant('engine', memoryCallers);
  progress(`memory run: ${memory.cpuSeconds.toFixed(2)} CPU s / ${memory.wallSeconds.toFixed(2)} s, peak RSS ${memory.peakRssMb.toFixed(0)} MB`);
}
const loadAverageEnd = loadavg();
const benchSeconds = (performance.now() - startedAt) / 1000;

// ---- summaries -------------------------------------------------------------------------
const runsOf = (variant: Variant) => runs.filter((run) => run.variant === variant);
const byRound = (variant: Variant, round: number) => runs.find((run) => run.variant === variant && run.round === round)!;
const summary = Object.fromEntries(
  VARIANTS.map((variant) => [
    variant,
    rounds === 0
      ? undefined
      : {
          callersPerCpuSecond: rangeOf(runsOf(variant).map((run) => run.callersPerCpuSecond)),
          callersPerWallSecond: rangeOf(runsOf(variant).map((run) => run.callersPerWallSecond)),
          peakRssMb: rangeOf(runsOf(variant).map((run) => run.peakRssMb)),
        },
  ]),
) as Record<Variant, { callersPerCpuSecond: Range; callersPerWallSecond: Range; peakRssMb: Range } | undefined>;

/** CPU time per caller of `slow` over `fast`'s, per round (how many times slower). */
function ratio(slow: Variant, fast: Variant) {
  const perRound = Array.from({ length: rounds }, (_, i) => byRound(fast, i + 1).callersPerCpuSecond / byRound(slow, i + 1).callersPerCpuSecond);
  const wallPerRound = Array.from({ length: rounds }, (_, i) => byRound(fast, i + 1).callersPerWallSecond / byRound(slow, i + 1).callersPerWallSecond);
  return { perRound, ...(rounds > 0 ? rangeOf(perRound) : { min: NaN, median: NaN, max: NaN }), wallPerRound, wallMedian: rounds > 0 ? rangeOf(wallPerRound).median : NaN };
}
const ratios = {
  engineOverPlain: ratio('engine', 'plain'),
  realismOverEngine: ratio('realism', 'engine'),
  routingOverEngine: ratio('routing', 'engine'),
};

// ---- statistics: the engine and plain loop against the exact Erlang-A figures ------------
const exactResult = erlangA(
  {
    arrivalRate: BENCH_CASE.arrivalRate,
    meanHandleTime: BENCH_CASE.meanHandleTime,
    meanPatience: BENCH_CASE.meanPatience,
    agents: BENCH_CASE.agents,
  },
  BENCH_CASE.thresholdSeconds,
);
const exact = { abandonmentRate: exactResult.abandonmentProbability, answeredWithinRate: exactResult.serviceLevelOffered, meanWait: exactResult.meanWait };
type Figure = keyof typeof exact;
const FIGURES: Figure[] = ['abandonmentRate', 'answeredWithinRate', 'meanWait'];
/** Sampling error of one run's figures: batch means over the plain loop's batches of callers. */
const samplingHalfWidth: Record<Figure, number> | undefined = rounds === 0 ? undefined : (() => {
  const batches = byRound('plain', 1).batches!;
  const per = (numerator: number[]) => numerator.map((value, i) => value / batches.offered[i]!);
  return {
    abandonmentRate: batchHalfWidth(per(batches.abandoned), STATISTICS_CONFIDENCE),
    answeredWithinRate: batchHalfWidth(per(batches.answeredWithin), STATISTICS_CONFIDENCE),
    meanWait: batchHalfWidth(per(batches.totalWait), STATISTICS_CONFIDENCE),
  };
})();

interface Check {
  name: string;
  pass: boolean | null;
  detail: string;
}
const checks: Check[] = [];
const fmt = (value: number, digits = 0) => value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sameEveryRound = (variant: Variant) => runsOf(variant).every((run) => FIGURES.every((figure) => run[figure] === runsOf(variant)[0]![figure]) && run.offered === runsOf(variant)[0]!.offered);

if (rounds > 0) {
  const engine = summary.engine!;
  const realism = summary.realism!;
  const routing = summary.routing!;
  const rangeText = (range: Range) => `median ${fmt(range.median)} (min ${fmt(range.min)}, max ${fmt(range.max)})`;
  checks.push(
    {
      name: `engine ≥ ${fmt(TARGETS.engineCallersPerCpuSecond)} callers per CPU-second`,
      pass: engine.callersPerCpuSecond.median >= TARGETS.engineCallersPerCpuSecond,
      detail: rangeText(engine.callersPerCpuSecond),
    },
    {
      name: `engine within ${TARGETS.engineOverPlainCpuRatio}× of the plain loop (CPU time per caller)`,
      pass: ratios.engineOverPlain.median <= TARGETS.engineOverPlainCpuRatio,
      detail: `median ${ratios.engineOverPlain.median.toFixed(2)}× (per round ${ratios.engineOverPlain.min.toFixed(2)}–${ratios.engineOverPlain.max.toFixed(2)}×)`,
    },
    {
      name: `realism ≥ ${fmt(TARGETS.realismCallersPerCpuSecond)} callers per CPU-second`,
      pass: realism.callersPerCpuSecond.median >= TARGETS.realismCallersPerCpuSecond,
      detail: rangeText(realism.callersPerCpuSecond),
    },
    {
      name: `routing ≥ ${fmt(TARGETS.routingCallersPerCpuSecond)} callers per CPU-second`,
      pass: routing.callersPerCpuSecond.median >= TARGETS.routingCallersPerCpuSecond,
      detail: rangeText(routing.callersPerCpuSecond),
    },
  );
}
if (memory) {
  const atTarget = memory.callers === TARGETS.memoryCallers;
  checks.push({
    name: `peak memory < ${TARGETS.memoryPeakRssMb} MB at ${fmt(memory.callers)} callers${atTarget ? '' : ` (target is at ${fmt(TARGETS.memoryCallers)})`}`,
    pass: memory.peakRssMb < TARGETS.memoryPeakRssMb,
    detail: `engine ${fmt(memory.peakRssMb)} MB (${fmt(memory.wallSeconds, 1)} s, ${fmt(memory.cpuSeconds, 1)} CPU s, ${fmt(memory.callersPerCpuSecond)} callers per CPU-second)`,
  });
} else {
  checks.push({ name: `peak memory < ${TARGETS.memoryPeakRssMb} MB at ${fmt(memoryCallers)} callers`, pass: null, detail: 'not run (--no-memory)' });
}
if (rounds > 0) {
  for (const variant of ['plain', 'engine'] as const) {
    const deviations = runsOf(variant).map((run) => Object.fromEntries(FIGURES.map((figure) => [figure, Math.abs(run[figure] - exact[figure])])) as Record<Figure, number>);
    const worst = Object.fromEntries(FIGURES.map((figure) => [figure, Math.max(...deviations.map((d) => d[figure]))])) as Record<Figure, number>;
    checks.push({
      name: `${LABELS[variant]} statistics = exact Erlang A within sampling error`,
      pass: FIGURES.every((figure) => worst[figure] <= samplingHalfWidth![figure]),
      detail:
        `|Δ P(abandon)| ${worst.abandonmentRate.toFixed(6)} ≤ ${samplingHalfWidth!.abandonmentRate.toFixed(6)}, ` +
        `|Δ answered ≤ ${BENCH_CASE.thresholdSeconds} s| ${worst.answeredWithinRate.toFixed(6)} ≤ ${samplingHalfWidth!.answeredWithinRate.toFixed(6)}, ` +
        `|Δ mean wait| ${worst.meanWait.toFixed(4)} ≤ ${samplingHalfWidth!.meanWait.toFixed(4)} s`,
    });
  }
  for (const variant of ['realism', 'routing'] as const) {
    const bad = runsOf(variant).filter(
      (run) =>
        !(run.offered >= run.callers) ||
        !(run.abandonmentRate >= 0 && run.abandonmentRate <= 1) ||
        !(run.answeredWithinRate >= 0 && run.answeredWithinRate <= 1) ||
        !(Number.isFinite(run.meanWait) && run.meanWait >= 0),
    );
    checks.push({
      name: `${LABELS[variant]} statistics sane (no exact figure)`,
      pass: bad.length === 0,
      detail: `offered ≥ callers, rates in [0, 1], mean wait finite and ≥ 0${bad.length > 0 ? `: not so in round ${bad.map((run) => run.round).join(', ')}` : ''}`,
    });
  }
  const unstable = VARIANTS.filter((variant) => !sameEveryRound(variant));
  checks.push({
    name: 'every variant gives the same figures in every round (determinism)',
    pass: unstable.length === 0,
    detail: unstable.length === 0 ? `${rounds} rounds` : `differs: ${unstable.join(', ')}`,
  });
}
const failed = checks.filter((check) => check.pass === false);

// ---- output ----------------------------------------------------------------------------
const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cores: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  loadAverageStart: loadAverageStart[0]!,
  loadAverageEnd: loadAverageEnd[0]!,
};
if (options.json) {
  console.log(
    JSON.stringify(
      {
        benchmark: { ...BENCH_CASE, callers, rounds, memoryCallers: runMemory ? memoryCallers : null, statisticsConfidence: STATISTICS_CONFIDENCE },
        machine,
        targets: TARGETS,
        seconds: benchSeconds,
        runs,
        memory: memory ?? null,
        summary,
        ratios,
        statistics: { exact, samplingHalfWidth: samplingHalfWidth ?? null },
        checks,
        passed: failed.length === 0,
      },
      null,
      2,
    ),
  );
} else {
  const line = (text = '') => console.log(text);
  line(
    `Erlang-A benchmark: ${rounds > 0 ? `${fmt(callers)} callers × ${rounds} rounds` : 'memory run only'}, λ=${BENCH_CASE.arrivalRate}/s, ` +
      `AHT ${BENCH_CASE.meanHandleTime} s, patience ${BENCH_CASE.meanPatience} s, ${BENCH_CASE.agents} agents` +
      `${memory ? `; memory run ${fmt(memory.callers)} callers` : ''}`,
  );
  line(`node ${machine.node}, ${machine.cores} cores (${machine.cpuModel}), load average ${machine.loadAverageStart.toFixed(2)} at start, ${machine.loadAverageEnd.toFixed(2)} at end`);
  if (rounds > 0) {
    if (rounds < 3) line(`(fewer than 3 rounds: min / median / max are not much of a range)`);
    line('');
    const w = 11;
    line(`${''.padEnd(12)}${'callers per CPU-second'.padStart(3 * w)}  ${'callers per wall-second'.padStart(3 * w)}  ${'peak RSS'.padStart(9)}`);
    line(`${'variant'.padEnd(12)}${['min', 'median', 'max', 'min', 'median', 'max'].map((h, i) => (i === 3 ? '  ' : '') + h.padStart(w)).join('')}  ${'MB (max)'.padStart(9)}`);
    for (const variant of VARIANTS) {
      const row = summary[variant]!;
      const cells = [row.callersPerCpuSecond, row.callersPerWallSecond].map((range) => [range.min, range.median, range.max].map((value) => fmt(value).padStart(w)).join(''));
      line(`${LABELS[variant].padEnd(12)}${cells[0]}  ${cells[1]}  ${fmt(row.peakRssMb.max).padStart(9)}`);
    }
    line('');
    line(`${'per-round ratio of CPU time per caller'.padEnd(40)}${'median'.padStart(8)}  ${'range'.padEnd(13)}  wall-time ratio (median)`);
    for (const [name, r] of [
      ['engine / plain loop', ratios.engineOverPlain],
      ['realism / engine', ratios.realismOverEngine],
      ['routing / engine', ratios.routingOverEngine],
    ] as const) {
      line(`${name.padEnd(40)}${`${r.median.toFixed(2)}×`.padStart(8)}  ${`${r.min.toFixed(2)}–${r.max.toFixed(2)}×`.padEnd(13)}  ${r.wallMedian.toFixed(2)}×`);
    }
    line('');
    const statLine = (name: string, values: Record<Figure, number>, prefix = '') =>
      line(
        `${name.padEnd(40)}${(prefix + values.abandonmentRate.toFixed(6)).padStart(11)}  ${(prefix + values.answeredWithinRate.toFixed(6)).padStart(14)}  ` +
          `${`${prefix}${values.meanWait.toFixed(4)} s`.padStart(11)}`,
      );
    line(`${`statistics (round 1 of ${rounds})`.padEnd(40)}${'P(abandon)'.padStart(11)}  ${`ans.≤${BENCH_CASE.thresholdSeconds}s/off.`.padStart(14)}  ${'mean wait'.padStart(11)}`);
    statLine('exact Erlang A', exact);
    for (const variant of VARIANTS) statLine(`${LABELS[variant]}${variant === 'realism' || variant === 'routing' ? ' (no exact figure)' : ''}`, byRound(variant, 1));
    statLine(`sampling error (${STATISTICS_CONFIDENCE * 100}%, batch means)`, samplingHalfWidth!, '±');
    const plain = byRound('plain', 1);
    const engine = byRound('engine', 1);
    const sameCounts = plain.offered === engine.offered && plain.abandonmentRate === engine.abandonmentRate && plain.answeredWithinRate === engine.answeredWithinRate;
    const sameWait = Math.abs(plain.meanWait - engine.meanWait) <= 1e-12 * Math.max(1, plain.meanWait);
    line(
      `engine and plain loop: ${sameCounts && sameWait ? 'the same callers' : 'different callers'} (counts identical: ${sameCounts ? 'yes' : 'no'}, ` +
        `mean wait equal to 1e-12: ${sameWait ? 'yes' : 'no'}; not required: a rewrite that draws differently only has to stay within the sampling error)`,
    );
  }
  line('');
  for (const check of checks) line(`${check.pass === null ? 'SKIP' : check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  line('');
  line(
    `${checks.filter((check) => check.pass).length} of ${checks.filter((check) => check.pass !== null).length} checks passed; bench took ${fmt(benchSeconds)} s` +
      `${options.strict ? '' : ' (a report: exits 0 whatever failed; --strict exits 1 on a FAIL)'}`,
  );
}
if (options.strict && failed.length > 0) process.exitCode = 1;
