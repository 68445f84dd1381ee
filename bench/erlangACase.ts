import { scenarioSchema, type ScenarioConfig } from '../src/scenario/schema.ts';

/** The benchmark's Erlang-A case: 2 calls/s, AHT 240 s, mean patience 120 s, 500 agents, open around the clock. */
export const BENCH_CASE = {
  arrivalRate: 2,
  meanHandleTime: 240,
  meanPatience: 120,
  agents: 500,
  thresholdSeconds: 20,
} as const;

export function benchScenario(callers: number, seed = 1): ScenarioConfig {
  const days = Math.ceil(callers / BENCH_CASE.arrivalRate / 86_400) + 1;
  return scenarioSchema.parse({
    name: 'Erlang A benchmark',
    run: { days, seed, replications: 1, intervalMinutes: 60 },
    openingHours: ['00:00-24:00'],
    arrivals: { callsPerHour: BENCH_CASE.arrivalRate * 3600 },
    callerTypes: [
      { id: 'caller', share: 1, patience: { dist: 'exponential', mean: BENCH_CASE.meanPatience }, problem: 'call' },
    ],
    problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: BENCH_CASE.meanHandleTime } }],
    agents: { count: BENCH_CASE.agents },
    serviceLevel: { thresholdSeconds: BENCH_CASE.thresholdSeconds },
  });
}
