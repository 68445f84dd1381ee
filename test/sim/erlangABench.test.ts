/**
 * The product's own figures against the exact Erlang A values, on the benchmark's case as a
 * user would write it (no warm-up set, open around the clock): 2 calls/s, handle time and
 * patience exponential with means 240 s and 120 s, 500 agents, 20 replications of 6 days. The
 * service level, abandonment, ASA and occupancy that `run` reports must each lie inside their
 * 99% confidence interval. (Before the run drained its calls in progress at the horizon and
 * warmed up by default, the service level came out 0.993018 ± 0.000300 against the exact
 * 0.993502, and occupancy low.)
 */
import { describe, expect, it } from 'vitest';
import { estimateOf } from '../../src/metrics/estimate.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { simulate } from '../../src/sim/replication.ts';
import { erlangA } from '../../src/staffing/index.ts';

const CASE = { arrivalRate: 2, meanHandleTime: 240, meanPatience: 120, agents: 500, thresholdSeconds: 20 } as const;

describe('the Erlang A benchmark case, 20 replications × 6 days around the clock', () => {
  it("reports a service level, abandonment, ASA and occupancy inside the 99% CI of the exact values", () => {
    const scenario = scenarioSchema.parse({
      name: 'Erlang A benchmark',
      run: { days: 6, replications: 20, seed: 7, intervalMinutes: 60 },
      openingHours: ['00:00-24:00'],
      arrivals: { callsPerHour: CASE.arrivalRate * 3600 },
      callerTypes: [{ id: 'caller', share: 1, patience: { dist: 'exponential', mean: CASE.meanPatience }, problem: 'call' }],
      problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: CASE.meanHandleTime } }],
      agents: { count: CASE.agents },
      serviceLevel: { thresholdSeconds: CASE.thresholdSeconds, denominator: 'offered' },
    });
    const model = prepareModel(scenario);
    // The default warm-up of a line open around the clock: 10 × the longest mean (240 s), at least an hour.
    expect(model.warmup).toBe(3600);
    const replications = Array.from({ length: scenario.run.replications }, (_, replication) => simulate(model, { replication }));
    // Every call offered has an outcome: the run drains the calls in progress at its end.
    for (const replication of replications) expect(replication.inSystem).toBe(0);
    const exact = erlangA(CASE, CASE.thresholdSeconds);
    const figures = [
      ['serviceLevel', exact.serviceLevelOffered],
      ['abandonmentRate', exact.abandonmentProbability],
      ['asa', exact.meanWaitAnswered],
      ['occupancy', exact.occupancy],
    ] as const;
    for (const [key, value] of figures) {
      const estimate = estimateOf(replications.map((replication) => replication.kpis[key]), 0.99);
      const message = `${key}: exact ${value} vs reported ${estimate.mean} ± ${estimate.halfWidth} (99% CI)`;
      expect(estimate.halfWidth, message).toBeGreaterThan(0);
      expect(Math.abs(estimate.mean - value), message).toBeLessThanOrEqual(estimate.halfWidth);
    }
  }, 600_000);
});
