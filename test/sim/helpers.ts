import { scenarioSchema, type ScenarioConfig, type ScenarioInput } from '../../src/scenario/schema.ts';

export interface QueueCase {
  /** Calls per second. */
  arrivalRate: number;
  meanHandleTime: number;
  /** Infinity for Erlang C. */
  meanPatience: number;
  agents: number;
  /** 'unlimited', or 0 for Erlang B. */
  capacity?: number | 'unlimited';
  thresholdSeconds?: number;
  days?: number;
  warmup?: number;
  replications?: number;
  seed?: number;
}

/** A Markovian queue (Poisson arrivals, exponential handle time and patience) open around the clock. */
export function markovScenario(queueCase: QueueCase, extra: Partial<ScenarioInput> = {}): ScenarioConfig {
  return scenarioSchema.parse({
    name: 'markov',
    run: {
      days: queueCase.days ?? 1,
      warmup: queueCase.warmup ?? 7200,
      replications: queueCase.replications ?? 10,
      seed: queueCase.seed ?? 12345,
      intervalMinutes: 60,
    },
    openingHours: ['00:00-24:00'],
    arrivals: { callsPerHour: queueCase.arrivalRate * 3600 },
    callerTypes: [
      {
        id: 'caller',
        share: 1,
        patience: Number.isFinite(queueCase.meanPatience)
          ? { dist: 'exponential', mean: queueCase.meanPatience }
          : 'infinite',
        problem: 'call',
      },
    ],
    problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: queueCase.meanHandleTime } }],
    agents: { count: queueCase.agents },
    queue: { capacity: queueCase.capacity ?? 'unlimited' },
    serviceLevel: { thresholdSeconds: queueCase.thresholdSeconds ?? 20, denominator: 'offered' },
    ...extra,
  });
}
