import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { runScenario } from '../../src/sim/run.ts';
import { runToJson } from '../../src/report/runReport.ts';
import { markovScenario } from './helpers.ts';

describe('conservation of callers', () => {
  it('offered = answered + abandoned + blocked, even when overloaded at the horizon: the run lets the calls in progress end', () => {
    const scenario = markovScenario({
      arrivalRate: 0.2,
      meanHandleTime: 300,
      meanPatience: 900,
      agents: 40,
      capacity: 30,
      warmup: 1800,
      replications: 3,
    });
    const model = prepareModel(scenario);
    for (let replication = 0; replication < 3; replication++) {
      const result = simulate(model, { replication });
      const { offered, answered, abandoned, blocked } = result.kpis;
      expect(result.inSystem).toBe(0);
      expect(blocked).toBeGreaterThan(0);
      expect(abandoned).toBeGreaterThan(0);
      expect(answered + abandoned + blocked + result.inSystem).toBe(offered);
    }
  });
});

describe("Little's law", () => {
  it('time-average queue length = arrival rate × mean time in queue', () => {
    const scenario = markovScenario({ arrivalRate: 1 / 15, meanHandleTime: 200, meanPatience: 240, agents: 13, days: 3, replications: 1 });
    const model = prepareModel(scenario);
    let totalQueueTime = 0;
    const result = simulate(model, { onRecord: (record) => (totalQueueTime += record.wait) });
    const observed = model.horizon - model.warmup;
    const arrivalRate = result.kpis.offered / observed;
    const meanWait = totalQueueTime / result.kpis.offered;
    expect(result.kpis.meanQueueLength).toBeGreaterThan(0.5);
    expect(result.kpis.meanQueueLength / (arrivalRate * meanWait)).toBeCloseTo(1, 2);
  });
});

describe('determinism', () => {
  it('the same seed gives byte-identical results; another seed does not', () => {
    const scenario = markovScenario({ arrivalRate: 0.05, meanHandleTime: 200, meanPatience: 120, agents: 10, replications: 3 });
    const first = JSON.stringify(runToJson(runScenario(scenario)));
    const second = JSON.stringify(runToJson(runScenario(scenario)));
    expect(second).toBe(first);
    const other = JSON.stringify(runToJson(runScenario({ ...scenario, run: { ...scenario.run, seed: 99 } })));
    expect(other).not.toBe(first);
  });

  it('replications use independent streams', () => {
    const model = prepareModel(markovScenario({ arrivalRate: 0.05, meanHandleTime: 200, meanPatience: 120, agents: 10 }));
    expect(simulate(model, { replication: 0 }).kpis.offered).not.toBe(simulate(model, { replication: 1 }).kpis.offered);
  });

  it('common random numbers: more agents do not change who calls', () => {
    const base = markovScenario({ arrivalRate: 0.05, meanHandleTime: 200, meanPatience: 120, agents: 8, replications: 1 });
    const collect = (agents: number): CallRecord[] => {
      const records: CallRecord[] = [];
      simulate(prepareModel({ ...base, agents: { ...base.agents, count: agents } }), { onRecord: (r) => records.push(r) });
      return records.sort((a, b) => a.id - b.id);
    };
    const few = collect(8);
    const many = collect(14);
    // Callers still in the system at the end have no record; compare those finished in both runs.
    const manyById = new Map(many.map((r) => [r.id, r]));
    const common = few.filter((r) => manyById.has(r.id));
    expect(common.length).toBeGreaterThan(few.length - 20);
    expect(common.map((r) => manyById.get(r.id)!.arrival)).toEqual(common.map((r) => r.arrival));
    expect(common.map((r) => manyById.get(r.id)!.orderValue)).toEqual(common.map((r) => r.orderValue));
    expect(many.filter((r) => r.outcome === 'abandoned').length).toBeLessThan(few.filter((r) => r.outcome === 'abandoned').length);
  });
});

function shopScenario(overrides: Record<string, unknown> = {}) {
  return scenarioSchema.parse({
    name: 'shop',
    run: { days: 5, replications: 1, seed: 7, intervalMinutes: 60 },
    openingHours: ['09:00-12:00', '14:00-18:00'],
    arrivals: {
      profile: [
        { at: '09:00', callsPerHour: 10 },
        { at: '11:00', callsPerHour: 40 },
        { at: '14:00', callsPerHour: 20 },
      ],
    },
    callerTypes: [
      { id: 'buyer', share: 0.5, patience: { dist: 'exponential', mean: 90 }, purchaseIntent: 1, orderValue: { dist: 'deterministic', value: 100 }, problem: 'sale', intentHalfLife: 60 },
      { id: 'support', share: 0.5, patience: { dist: 'exponential', mean: 200 }, problem: 'help' },
    ],
    problemTypes: [
      { id: 'sale', handleTime: { dist: 'lognormal', mean: 200, cv: 0.5 }, conversion: 0.8, resolution: 1 },
      { id: 'help', handleTime: { dist: 'gamma', mean: 300, cv: 0.7 }, resolution: 0.6 },
    ],
    agents: { count: 2, costPerHour: 20 },
    ...overrides,
  });
}

describe('opening hours and arrival profile', () => {
  it('calls arrive only while open, at the profile rate of each interval', () => {
    const records: CallRecord[] = [];
    simulate(prepareModel(shopScenario({ run: { days: 40, replications: 1, seed: 3, intervalMinutes: 60 } })), {
      onRecord: (r) => records.push(r),
    });
    const perHour = new Array(24).fill(0);
    for (const record of records) perHour[Math.floor((record.arrival % 86400) / 3600)]++;
    const expected = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 40, 0, 0, 20, 20, 20, 20, 0, 0, 0, 0, 0, 0].map((rate) => rate * 40);
    perHour.forEach((count, hour) => {
      if (expected[hour] === 0) expect(count, `hour ${hour}`).toBe(0);
      // Poisson: within 4 standard deviations.
      else expect(Math.abs(count - expected[hour]!), `hour ${hour}`).toBeLessThan(4 * Math.sqrt(expected[hour]!));
    });
  });

  it('paid agent time covers the opening hours only', () => {
    const result = simulate(prepareModel(shopScenario()));
    expect(result.total.staffedSeconds).toBe(2 * 5 * 7 * 3600);
    expect(result.kpis.staffCost).toBeCloseTo(2 * 5 * 7 * 20, 6);
    expect(result.kpis.occupancy).toBeGreaterThan(0.3);
    expect(result.kpis.occupancy).toBeLessThanOrEqual(1);
  });
});

describe('money', () => {
  it('abandoned and blocked buyers lose their whole expected order; answered ones lose what waiting took', () => {
    const records: CallRecord[] = [];
    simulate(prepareModel(shopScenario({ queue: { capacity: 2 } })), { onRecord: (r) => records.push(r) });
    const buyers = records.filter((r) => r.callerType === 'buyer');
    expect(buyers.some((r) => r.outcome === 'blocked')).toBe(true);
    for (const record of buyers) {
      expect(record.potentialRevenue).toBeCloseTo(80, 10);
      if (record.outcome === 'abandoned' || record.outcome === 'blocked') expect(record.lostRevenue).toBeCloseTo(80, 10);
      else expect(record.lostRevenue).toBeCloseTo(80 * (1 - Math.pow(0.5, record.wait / 60)), 10);
      if (record.outcome === 'purchased') expect(record.revenue).toBe(100);
    }
    for (const record of records.filter((r) => r.callerType === 'support')) {
      expect(record.lostRevenue).toBe(0);
      expect(record.outcome).not.toBe('purchased');
    }
  });

  it('conversion of buyers answered at once is the problem type conversion', () => {
    const result = runScenario(shopScenario({ agents: { count: 30 }, run: { days: 30, replications: 1, seed: 5, intervalMinutes: 60 } }));
    expect(result.kpis.abandoned.mean).toBe(0);
    expect(result.kpis.conversionRate.mean).toBeGreaterThan(0.77);
    expect(result.kpis.conversionRate.mean).toBeLessThan(0.83);
  });
});

describe('queue disciplines', () => {
  it('LIFO and random keep the same conservation and mean wait order of magnitude as FIFO', () => {
    for (const discipline of ['fifo', 'lifo', 'random'] as const) {
      const scenario = markovScenario({ arrivalRate: 0.06, meanHandleTime: 180, meanPatience: Infinity, agents: 12, days: 2, replications: 1 });
      const result = simulate(prepareModel({ ...scenario, queue: { capacity: 'unlimited', discipline } }));
      expect(result.kpis.answered + result.inSystem).toBe(result.kpis.offered);
      expect(result.kpis.asa).toBeGreaterThan(5);
    }
  });

  it('LIFO keeps the mean wait of FIFO but spreads waits far more (queueing theory: same mean, larger variance)', () => {
    const scenario = markovScenario({ arrivalRate: 0.06, meanHandleTime: 180, meanPatience: Infinity, agents: 12, days: 4, replications: 1 });
    const waitStats = (discipline: 'fifo' | 'lifo') => {
      const waits: number[] = [];
      simulate(prepareModel({ ...scenario, queue: { capacity: 'unlimited', discipline } }), {
        onRecord: (record) => waits.push(record.wait),
      });
      const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
      const variance = waits.reduce((a, b) => a + (b - mean) ** 2, 0) / (waits.length - 1);
      return { mean, variance, max: Math.max(...waits) };
    };
    const fifo = waitStats('fifo');
    const lifo = waitStats('lifo');
    expect(lifo.mean / fifo.mean).toBeGreaterThan(0.8);
    expect(lifo.mean / fifo.mean).toBeLessThan(1.25);
    expect(lifo.variance).toBeGreaterThan(1.5 * fifo.variance);
    expect(lifo.max).toBeGreaterThan(fifo.max);
  });
});
