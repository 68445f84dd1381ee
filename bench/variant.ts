/**
 * Runs one benchmark variant in its own process (so peak memory is its own) and prints one
 * JSON line: `node --import tsx bench/variant.ts engine|realism|routing|plain CALLERS`.
 */
import { prepareModel } from '../src/sim/model.ts';
import { simulate } from '../src/sim/replication.ts';
import { benchScenario, realismBenchScenario, routingBenchScenario } from './erlangACase.ts';
import { plainErlangA } from './plainLoop.ts';

const [variant = 'engine', countText = '1000000'] = process.argv.slice(2);
const callers = Number(countText);
const started = process.hrtime.bigint();
let summary: Record<string, number>;
if (variant === 'plain') {
  const result = plainErlangA(callers);
  summary = {
    abandonmentRate: result.abandoned / result.offered,
    answeredWithinRate: result.answeredWithin / result.offered,
    meanWait: result.totalWait / result.offered,
  };
} else {
  const model = prepareModel(variant === 'realism' ? realismBenchScenario(callers) : variant === 'routing' ? routingBenchScenario(callers) : benchScenario(callers));
  const result = simulate(model, { maxCallers: callers });
  summary = {
    abandonmentRate: result.kpis.abandonmentRate,
    answeredWithinRate: result.total.answeredWithinThreshold / result.kpis.offered,
    meanWait: (result.total.waitOfAnsweredSum + result.total.waitOfAbandonedSum) / result.kpis.offered,
  };
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    variant,
    callers,
    seconds,
    callersPerSecond: callers / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...summary,
  }),
);
