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
    // No warm-up: the plain loop has none, and the two are compared caller by caller.
    run: { days, warmup: 0, seed, replications: 1, intervalMinutes: 60 },
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

/**
 * The same callers with every realism feature on: phone lines, a maximum wait, position
 * announcements, offered callbacks, retrials, two tiers answered by priority, shifts with
 * breaks and shrinkage, and a virtual secretary taking the overflow.
 */
export function realismBenchScenario(callers: number, seed = 1): ScenarioConfig {
  const base = benchScenario(callers, seed);
  const patience = { dist: 'exponential', mean: BENCH_CASE.meanPatience } as const;
  const retrial = { afterBlocked: 0.3, afterAbandoned: 0.2, afterDropped: 0.5, delay: { dist: 'exponential', mean: 600 }, maxAttempts: 3 } as const;
  return scenarioSchema.parse({
    ...base,
    name: 'Realism benchmark',
    callerTypes: [
      { id: 'vip', share: 0.2, patience, problem: 'call', priority: 1, purchaseIntent: 0.5, orderValue: { dist: 'lognormal', mean: 500, cv: 1 }, retrial },
      { id: 'standard', share: 0.8, patience, problem: 'call', purchaseIntent: 0.3, orderValue: { dist: 'lognormal', mean: 100, cv: 1 }, retrial },
    ],
    problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: BENCH_CASE.meanHandleTime }, conversion: 0.5 }],
    agents: {
      count: BENCH_CASE.agents,
      shifts: [
        { from: '00:00', to: '12:00', count: BENCH_CASE.agents },
        { from: '12:00', to: '24:00', count: BENCH_CASE.agents },
      ],
      breaks: [{ from: '10:00', to: '10:30', count: 20 }],
      shrinkage: 0.05,
    },
    queue: {
      discipline: 'priority',
      capacity: 'unlimited',
      lines: 700,
      maxWait: '5min',
      announcements: { first: 30, every: 60, says: 'position', hangUp: 0.01, hangUpPerCallerAhead: 0.001 },
      callback: { offerWhenAhead: 5, acceptance: 0.3, delay: 0, reach: 0.8 },
    },
    secretary: { seats: 5, answers: 'overflow', solves: 0.3, callbackDelay: '30min', reach: 0.7, costPerCall: 1 },
  });
}

/**
 * Skill-based routing at the benchmark's load: two problem types (half the calls each), two
 * groups of 250 with their own skill, each the other's overflow after 30 s, each on its own
 * shifts with a break; VIPs first (priority) within each skill.
 */
export function routingBenchScenario(callers: number, seed = 1): ScenarioConfig {
  const base = benchScenario(callers, seed);
  const patience = { dist: 'exponential', mean: BENCH_CASE.meanPatience } as const;
  const half = BENCH_CASE.agents / 2;
  const shifts = [
    { from: '00:00', to: '12:00', count: half },
    { from: '12:00', to: '24:00', count: half },
  ];
  return scenarioSchema.parse({
    ...base,
    name: 'Routing benchmark',
    callerTypes: [
      { id: 'vip', share: 0.2, patience, problem: 'sales', priority: 1 },
      { id: 'buyer', share: 0.3, patience, problem: 'sales' },
      { id: 'client', share: 0.5, patience, problem: 'support' },
    ],
    problemTypes: [
      { id: 'sales', handleTime: { dist: 'exponential', mean: BENCH_CASE.meanHandleTime } },
      { id: 'support', handleTime: { dist: 'exponential', mean: BENCH_CASE.meanHandleTime } },
    ],
    agents: {
      count: BENCH_CASE.agents,
      groups: [
        { id: 'sales', count: half, skills: ['sales'], overflowSkills: ['support'], shifts, breaks: [{ from: '10:00', to: '10:30', count: 10 }] },
        { id: 'support', count: half, skills: ['support'], overflowSkills: ['sales'], proficiency: { sales: 1.2 }, shifts, breaks: [{ from: '15:00', to: '15:30', count: 10 }] },
      ],
    },
    queue: { discipline: 'priority', capacity: 'unlimited', overflowAfter: 30 },
  });
}
