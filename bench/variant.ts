/**
 * Runs one benchmark variant in its own process (so peak memory is its own) and prints one
 * JSON line: `node --import tsx bench/variant.ts engine|realism|routing|plain CALLERS`.
 *
 * Timing covers the simulation only (not loading tsx and the sources): wall time by
 * `process.hrtime`, CPU time by `process.cpuUsage()` (user + system, every thread of the
 * process, so V8's helper threads for GC and compilation count too). `processCpuSeconds` is
 * the whole process's CPU time so far (`process.resourceUsage()`), start-up included.
 *
 * This is the only bench file that imports the engine: if `prepareModel` or `simulate` move,
 * adapt the two imports below.
 */
import { prepareModel } from '../src/sim/model.ts';
import { simulate } from '../src/sim/replication.ts';
import { benchScenario, realismBenchScenario, routingBenchScenario } from './erlangACase.ts';
import { plainErlangA, type PlainBatches } from './plainLoop.ts';

export interface VariantResult {
  variant: string;
  callers: number;
  wallSeconds: number;
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  cpuSeconds: number;
  processCpuSeconds: number;
  callersPerCpuSecond: number;
  callersPerWallSecond: number;
  peakRssMb: number;
  offered: number;
  abandonmentRate: number;
  answeredWithinRate: number;
  meanWait: number;
  /** Plain loop only: counts per batch of consecutive callers (batch-means standard error). */
  batches?: PlainBatches;
}

const [variant = 'engine', countText = '1000000'] = process.argv.slice(2);
const callers = Number(countText);
if (!['plain', 'engine', 'realism', 'routing'].includes(variant)) throw new Error(`unknown variant ${variant}: plain, engine, realism or routing`);
if (!(Number.isInteger(callers) && callers > 0)) throw new Error(`CALLERS must be a positive integer, not ${countText}`);

type Summary = Pick<VariantResult, 'offered' | 'abandonmentRate' | 'answeredWithinRate' | 'meanWait' | 'batches'>;
let run: () => Summary;
if (variant === 'plain') {
  run = () => {
    const result = plainErlangA(callers);
    return {
      offered: result.offered,
      abandonmentRate: result.abandoned / result.offered,
      answeredWithinRate: result.answeredWithin / result.offered,
      meanWait: result.totalWait / result.offered,
      batches: result.batches,
    };
  };
} else {
  const model = prepareModel(variant === 'realism' ? realismBenchScenario(callers) : variant === 'routing' ? routingBenchScenario(callers) : benchScenario(callers));
  run = () => {
    const result = simulate(model, { maxCallers: callers });
    return {
      offered: result.kpis.offered,
      abandonmentRate: result.kpis.abandonmentRate,
      answeredWithinRate: result.total.answeredWithinThreshold / result.kpis.offered,
      meanWait: (result.total.waitOfAnsweredSum + result.total.waitOfAbandonedSum) / result.kpis.offered,
    };
  };
}

const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const summary = run();
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const usage = process.resourceUsage();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const result: VariantResult = {
  variant,
  callers,
  wallSeconds,
  cpuUserSeconds: cpu.user / 1e6,
  cpuSystemSeconds: cpu.system / 1e6,
  cpuSeconds,
  processCpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  callersPerCpuSecond: callers / cpuSeconds,
  callersPerWallSecond: callers / wallSeconds,
  peakRssMb: usage.maxRSS / 1024,
  ...summary,
};
console.log(JSON.stringify(result));
