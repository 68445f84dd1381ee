/**
 * The realism features against queueing theory and conservation laws: a maximum wait is an
 * M/M/n+D queue (deterministic patience), phone lines equal to the agents give Erlang B,
 * callbacks accepted by everyone give Erlang C, priorities follow Cobham's formula, and
 * every retrial is one more call of a customer who failed before.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { estimateOf } from '../../src/metrics/estimate.ts';
import type { ScenarioInput } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { erlangB, erlangC } from '../../src/staffing/index.ts';
import { markovScenario, type QueueCase } from './helpers.ts';

/** Runs every replication and hands each its finished records. */
function replicate(queueCase: QueueCase, extra: Partial<ScenarioInput>, measure: (records: CallRecord[]) => number): number[] {
  const scenario = markovScenario(queueCase, extra);
  const model = prepareModel(scenario);
  return Array.from({ length: scenario.run.replications }, (_, replication) => {
    const records: CallRecord[] = [];
    simulate(model, { replication, onRecord: (record) => records.push(record) });
    return measure(records);
  });
}

function expectInside(samples: number[], analytic: number, label: string): void {
  const estimate = estimateOf(samples, 0.99);
  const message = `${label}: analytic ${analytic} vs simulated ${estimate.mean} ± ${estimate.halfWidth} (99% CI)`;
  expect(estimate.halfWidth, message).toBeGreaterThan(0);
  expect(Math.abs(estimate.mean - analytic), message).toBeLessThanOrEqual(estimate.halfWidth);
}

const share = (records: CallRecord[], test: (record: CallRecord) => boolean): number => records.filter(test).length / records.length;

/**
 * M/M/n+D (every caller's patience is exactly T; here: the phone system drops the line at T).
 * Level crossing on the virtual wait V gives its density v(x) = λ·P(n−1 busy)·e^{(λ−nμ)x} up
 * to T and λ·P(n−1 busy)·e^{λT−nμx} beyond; P(j busy, no wait) = P0·a^j/j! (Baccelli–Hébuterne).
 */
function mmnD(arrivalRate: number, meanHandleTime: number, agents: number, maxWait: number) {
  const mu = 1 / meanHandleTime;
  const load = arrivalRate * meanHandleTime;
  let term = 1;
  let sum = 0;
  for (let j = 0; j < agents; j++) {
    sum += term;
    if (j < agents - 1) term *= load / (j + 1);
  }
  const drift = arrivalRate - agents * mu;
  const growth = Math.exp(drift * maxWait);
  const waitingMass = (Math.abs(drift) < 1e-12 ? maxWait : (growth - 1) / drift) + growth / (agents * mu);
  const p0 = 1 / (sum + arrivalRate * term * waitingMass);
  const density0 = arrivalRate * term * p0;
  return { dropProbability: (density0 * growth) / (agents * mu), waitProbability: density0 * waitingMass };
}

describe('maximum wait: the line is dropped after maxWait (M/M/n+D)', () => {
  const cases = [
    { label: '5 agents, load 4.8 E, 5 minutes', arrivalRate: 1 / 50, meanHandleTime: 240, agents: 5, maxWait: 300 },
    { label: 'one operator, overloaded (ρ 1.2), 30 minutes: the hospital switchboard', arrivalRate: 1 / 200, meanHandleTime: 240, agents: 1, maxWait: 1800 },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const exact = mmnD(c.arrivalRate, c.meanHandleTime, c.agents, c.maxWait);
      const queueCase: QueueCase = { arrivalRate: c.arrivalRate, meanHandleTime: c.meanHandleTime, meanPatience: Infinity, agents: c.agents, days: 4, replications: 12 };
      const extra = { queue: { maxWait: c.maxWait } };
      expectInside(replicate(queueCase, extra, (r) => share(r, (x) => x.outcome === 'dropped')), exact.dropProbability, 'P(dropped)');
      expectInside(replicate(queueCase, extra, (r) => share(r, (x) => x.wait > 0)), exact.waitProbability, 'P(wait)');
      // Every dropped caller waited exactly the maximum wait; nobody else waited longer.
      replicate(queueCase, extra, (records) => {
        for (const record of records) {
          if (record.outcome === 'dropped') expect(record.wait).toBeCloseTo(c.maxWait, 6);
          else expect(record.wait).toBeLessThanOrEqual(c.maxWait);
        }
        return 0;
      });
    });
  }

  it('a very long maximum wait changes nothing: the same calls as Erlang C', () => {
    const queueCase: QueueCase = { arrivalRate: 1 / 60, meanHandleTime: 240, meanPatience: Infinity, agents: 5, replications: 2 };
    const plain = replicate(queueCase, {}, (r) => r.reduce((sum, x) => sum + x.wait, 0));
    const long = replicate(queueCase, { queue: { maxWait: '2d' } }, (r) => r.reduce((sum, x) => sum + x.wait, 0));
    expect(long).toEqual(plain);
  });
});

describe('phone lines', () => {
  it('as many lines as agents: no queue, blocking = Erlang B', () => {
    const queueCase: QueueCase = { arrivalRate: 8 / 180, meanHandleTime: 180, meanPatience: Infinity, agents: 10, days: 2 };
    const samples = replicate(queueCase, { queue: { capacity: 'unlimited', lines: 10 } }, (r) => share(r, (x) => x.outcome === 'blocked'));
    expectInside(samples, erlangB(8, 10), 'P(blocked)');
    replicate(queueCase, { queue: { lines: 10 } }, (r) => {
      expect(r.every((x) => x.wait === 0)).toBe(true);
      return 0;
    });
  });

  it('lines = agents + queue places is the same system as that queue capacity', () => {
    const queueCase: QueueCase = { arrivalRate: 1 / 40, meanHandleTime: 240, meanPatience: 200, agents: 5, replications: 2 };
    const outcomes = (r: CallRecord[]) => r.map((x) => x.outcome).join();
    const byCapacity = replicate(queueCase, { queue: { capacity: 3 } }, (r) => outcomes(r).length);
    const byLines = replicate(queueCase, { queue: { lines: 8 } }, (r) => outcomes(r).length);
    expect(byLines).toEqual(byCapacity);
  });
});

describe('announcements', () => {
  const queueCase: QueueCase = { arrivalRate: 1 / 50, meanHandleTime: 240, meanPatience: Infinity, agents: 5, replications: 3 };

  it('"please hold" that makes everyone hang up at 2 minutes is the same as a 2-minute maximum wait', () => {
    const hungUp = replicate(queueCase, { queue: { announcements: { first: '2min', every: 0, says: 'please-hold', hangUp: 1 } } }, (r) =>
      r.filter((x) => x.outcome === 'abandoned').length,
    );
    const dropped = replicate(queueCase, { queue: { maxWait: '2min' } }, (r) => r.filter((x) => x.outcome === 'dropped').length);
    expect(hungUp).toEqual(dropped);
    expect(hungUp.every((n) => n > 50)).toBe(true);
  });

  it('hang-ups happen right after an announcement, and more when more callers are announced ahead', () => {
    const announcements = { first: 30, every: 60, says: 'position' as const, hangUp: 0.02 };
    const waits: number[] = [];
    const mild = replicate(queueCase, { queue: { announcements } }, (r) => {
      for (const x of r) if (x.outcome === 'abandoned') waits.push(x.wait);
      return share(r, (x) => x.outcome === 'abandoned');
    });
    expect(waits.length).toBeGreaterThan(10);
    for (const wait of waits) expect(Math.abs(((wait - 30) / 60) - Math.round((wait - 30) / 60))).toBeLessThan(1e-6);
    const harsh = replicate(queueCase, { queue: { announcements: { ...announcements, hangUpPerCallerAhead: 0.1 } } }, (r) =>
      share(r, (x) => x.outcome === 'abandoned'),
    );
    expect(estimateOf(harsh).mean).toBeGreaterThan(estimateOf(mild).mean * 2);
  });
});

describe('offered callbacks', () => {
  it('accepted by everyone, made at once and always reached: the callback list is an Erlang C queue', () => {
    const queueCase: QueueCase = { arrivalRate: 100 / 1800, meanHandleTime: 180, meanPatience: Infinity, agents: 12, days: 3, replications: 12 };
    const extra = { queue: { callback: { offerWhenAhead: 0, acceptance: 1, reach: 1 } } };
    const exact = erlangC({ arrivalRate: queueCase.arrivalRate, meanHandleTime: 180, agents: 12 }, 20);
    expectInside(replicate(queueCase, extra, (r) => share(r, (x) => x.wait > 0)), exact.waitProbability, 'P(wait)');
    expectInside(replicate(queueCase, extra, (r) => r.reduce((sum, x) => sum + x.wait, 0) / r.length), exact.meanWait, 'mean wait');
    replicate(queueCase, extra, (r) => {
      expect(r.every((x) => x.callback === (x.wait > 0))).toBe(true);
      return 0;
    });
  });

  it('callbacks nobody answers take agent time and lose the sale; a later callback loses more intent', () => {
    const queueCase: QueueCase = { arrivalRate: 1 / 50, meanHandleTime: 240, meanPatience: 120, agents: 5, replications: 4 };
    const buyers: Partial<ScenarioInput> = {
      callerTypes: [
        { id: 'buyer', share: 1, patience: { dist: 'exponential', mean: 120 }, purchaseIntent: 1, orderValue: { dist: 'deterministic', value: 100 }, problem: 'call', intentHalfLife: '10min' },
      ],
      problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 240 }, conversion: 1 }],
    };
    const run = (callback: Record<string, unknown>) => {
      const model = prepareModel(markovScenario(queueCase, { ...buyers, queue: { callback } }));
      return [0, 1, 2, 3].map((replication) => simulate(model, { replication }).kpis);
    };
    const soon = run({ acceptance: 0.5, reach: 0.7 });
    const late = run({ acceptance: 0.5, reach: 0.7, delay: '1h' });
    for (const kpis of soon) {
      expect(kpis.callbacksRequested).toBeGreaterThan(0);
      expect(kpis.unreached / (kpis.unreached + kpis.callbacksReached)).toBeGreaterThan(0.2);
      expect(kpis.unreached / (kpis.unreached + kpis.callbacksReached)).toBeLessThan(0.4);
      expect(kpis.answered + kpis.abandoned + kpis.blocked + kpis.unreached).toBeLessThanOrEqual(kpis.offered);
    }
    const lost = (all: typeof soon) => estimateOf(all.map((k) => k.lostRevenue)).mean;
    expect(lost(late)).toBeGreaterThan(lost(soon));
  });
});

describe('priority for some callers (non-preemptive, Cobham)', () => {
  it('the waits of each class match W_k = C(n,a) / (nμ (1 − σ_{k−1})(1 − σ_k))', () => {
    const agents = 6;
    const meanHandleTime = 200;
    const arrivalRate = 5 / 200; // 5 Erlang on 6 agents
    const vipShare = 0.3;
    const queueCase: QueueCase = { arrivalRate, meanHandleTime, meanPatience: Infinity, agents, days: 3, replications: 12 };
    const extra: Partial<ScenarioInput> = {
      callerTypes: [
        { id: 'vip', share: vipShare, patience: 'infinite', problem: 'call', priority: 1 },
        { id: 'standard', share: 1 - vipShare, patience: 'infinite', problem: 'call' },
      ],
      problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: meanHandleTime } }],
      queue: { discipline: 'priority' },
    };
    const waitProbability = erlangC({ arrivalRate, meanHandleTime, agents }, 20).waitProbability;
    const rate = agents / meanHandleTime;
    const sigma1 = (arrivalRate * vipShare) / rate;
    const sigma2 = arrivalRate / rate;
    const meanWaitOf = (type: string) => (r: CallRecord[]) => {
      const ofType = r.filter((x) => x.callerType === type);
      return ofType.reduce((sum, x) => sum + x.wait, 0) / ofType.length;
    };
    expectInside(replicate(queueCase, extra, meanWaitOf('vip')), waitProbability / (rate * (1 - sigma1)), 'VIP mean wait');
    expectInside(replicate(queueCase, extra, meanWaitOf('standard')), waitProbability / (rate * (1 - sigma1) * (1 - sigma2)), 'standard mean wait');
  });

  it('per-caller-type KPIs add up to the total', () => {
    const scenario = markovScenario(
      { arrivalRate: 1 / 40, meanHandleTime: 200, meanPatience: 150, agents: 5, replications: 1 },
      {
        callerTypes: [
          { id: 'vip', share: 0.2, patience: { dist: 'exponential', mean: 150 }, problem: 'call', priority: 2 },
          { id: 'standard', share: 0.8, patience: { dist: 'exponential', mean: 150 }, problem: 'call' },
        ],
        problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 200 } }],
        queue: { discipline: 'priority' },
      },
    );
    const result = simulate(prepareModel(scenario));
    const [vip, standard] = result.byCallerType;
    expect(vip!.offered + standard!.offered).toBe(result.kpis.offered);
    expect(vip!.abandoned + standard!.abandoned).toBe(result.kpis.abandoned);
    expect(vip!.abandonmentRate).toBeLessThan(standard!.abandonmentRate * 0.75);
    expect(vip!.asa).toBeLessThan(standard!.asa);
  });
});

describe('retrials: customers and calls', () => {
  const queueCase: QueueCase = { arrivalRate: 1 / 45, meanHandleTime: 240, meanPatience: 120, agents: 5, capacity: 2, warmup: 0, replications: 3 };
  const retrial = { afterBlocked: 0.6, afterAbandoned: 0.4, delay: { dist: 'exponential' as const, mean: 300 }, maxAttempts: 3 };
  const extra: Partial<ScenarioInput> = {
    openingHours: ['08:00-20:00'],
    callerTypes: [{ id: 'caller', share: 1, patience: { dist: 'exponential', mean: 120 }, problem: 'call', retrial }],
  };

  it('every retrial follows a failed call of the same customer, and customers + retrials = calls', () => {
    const model = prepareModel(markovScenario(queueCase, extra));
    for (let replication = 0; replication < 3; replication++) {
      const records: CallRecord[] = [];
      const result = simulate(model, { replication, onRecord: (r) => records.push(r) });
      const k = result.kpis;
      expect(k.retrials).toBeGreaterThan(20);
      expect(k.customers + k.retrials).toBe(k.offered);
      expect(result.inSystem).toBe(0);
      // Each customer is served once or gives up once.
      expect(k.answered + k.customersGaveUp).toBe(k.customers);
      const byCustomer = new Map<number, CallRecord[]>();
      for (const r of records) byCustomer.set(r.customer!, [...(byCustomer.get(r.customer!) ?? []), r]);
      expect(byCustomer.size).toBe(k.customers);
      for (const calls of byCustomer.values()) {
        calls.sort((a, b) => a.attempt! - b.attempt!);
        expect(calls.length).toBeLessThanOrEqual(3);
        calls.forEach((call, index) => {
          expect(call.attempt).toBe(index);
          if (index > 0) {
            expect(['blocked', 'abandoned']).toContain(calls[index - 1]!.outcome);
            expect(call.arrival).toBeGreaterThanOrEqual(calls[index - 1]!.end);
          }
        });
      }
    }
  });

  it('the share of failed calls retried matches the retrial probabilities', () => {
    const failed = { blocked: 0, abandoned: 0 };
    const retried = { blocked: 0, abandoned: 0 };
    replicate({ ...queueCase, days: 3 }, extra, (records) => {
      const next = new Map(records.map((r) => [`${r.customer}/${r.attempt}`, r]));
      for (const r of records) {
        if ((r.outcome !== 'blocked' && r.outcome !== 'abandoned') || r.attempt === 2) continue;
        // Calls near closing time may be retried after the end of the run: leave the last hour out.
        if (r.end % 86_400 > 19 * 3600) continue;
        failed[r.outcome]++;
        if (next.has(`${r.customer}/${r.attempt! + 1}`)) retried[r.outcome]++;
      }
      return 0;
    });
    const check = (observed: number, n: number, p: number) => expect(Math.abs(observed / n - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / n));
    check(retried.blocked, failed.blocked, 0.6);
    check(retried.abandoned, failed.abandoned, 0.4);
  });

  it('money is counted once per customer: retrials change no potential revenue', () => {
    const buyers = (withRetrial: boolean): Partial<ScenarioInput> => ({
      ...extra,
      callerTypes: [
        {
          id: 'caller',
          share: 1,
          patience: { dist: 'exponential', mean: 120 },
          problem: 'call',
          purchaseIntent: 1,
          orderValue: { dist: 'deterministic', value: 100 },
          ...(withRetrial ? { retrial } : {}),
        },
      ],
      problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 240 }, conversion: 0.5 }],
    });
    const kpisOf = (withRetrial: boolean) => simulate(prepareModel(markovScenario(queueCase, buyers(withRetrial)))).kpis;
    const without = kpisOf(false);
    const withRetrials = kpisOf(true);
    // The same customers arrive (common random numbers); retrials win back some of them.
    expect(withRetrials.customers).toBe(without.offered);
    expect(withRetrials.offered).toBeGreaterThan(without.offered);
    expect(withRetrials.potentialRevenue).toBe(without.potentialRevenue);
    expect(withRetrials.customersGaveUp).toBeLessThan(without.abandoned + without.blocked);
    expect(withRetrials.lostRevenue).toBeLessThan(without.lostRevenue);
  });
});

describe('virtual secretary', () => {
  const queueCase: QueueCase = { arrivalRate: 1 / 120, meanHandleTime: 240, meanPatience: 90, agents: 2, warmup: 0, replications: 4 };
  const shop: Partial<ScenarioInput> = {
    openingHours: ['09:00-13:00', '14:00-18:00'],
    callerTypes: [
      { id: 'buyer', share: 1, patience: { dist: 'exponential', mean: 90 }, purchaseIntent: 1, orderValue: { dist: 'deterministic', value: 200 }, problem: 'call', intentHalfLife: '30min' },
    ],
    problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 240 }, conversion: 0.6 }],
  };
  const secretary = { seats: 50, answers: 'all' as const, messageTime: { dist: 'deterministic' as const, value: 60 }, solves: 0.4, callbackDelay: '2h', reach: 0.7, costPerCall: 2 };

  it('answers every call at once, solves its share, and the rest are called back after the delay', () => {
    const model = prepareModel(markovScenario(queueCase, { ...shop, secretary }));
    for (let replication = 0; replication < 4; replication++) {
      const records: CallRecord[] = [];
      const { kpis, inSystem } = simulate(model, { replication, onRecord: (r) => records.push(r) });
      expect(inSystem).toBe(0);
      expect(kpis.secretaryCalls).toBe(kpis.offered);
      expect(kpis.abandoned + kpis.blocked).toBe(0);
      expect(kpis.secretaryCost).toBe(2 * kpis.offered);
      const informed = records.filter((r) => r.agent === -1);
      const calledBack = records.filter((r) => r.callback);
      expect(informed.length + calledBack.length).toBe(kpis.offered);
      expect(informed.every((r) => r.outcome === 'resolved' && r.wait === 0 && r.revenue === 0)).toBe(true);
      // Called back no earlier than message (60 s) + delay (2 h), unless the line closed first.
      for (const r of calledBack) expect(r.answer - r.arrival).toBeGreaterThanOrEqual(60 + 7200 - 1e-9);
      expect(kpis.unreached).toBe(calledBack.filter((r) => r.outcome === 'unreached').length);
      const share = informed.length / kpis.offered;
      expect(Math.abs(share - 0.4)).toBeLessThan(0.12);
    }
  });

  it('loses far more sales than two trained people answering, and costs its fees', () => {
    const run = (extra: Partial<ScenarioInput>) => {
      const model = prepareModel(markovScenario(queueCase, { ...shop, ...extra }));
      return [0, 1, 2, 3].map((replication) => simulate(model, { replication }).kpis);
    };
    const outsourced = run({ secretary, agents: { count: 1, costPerHour: 20 } });
    const inHouse = run({ agents: { count: 2, costPerHour: 20 } });
    const mean = (all: typeof inHouse, key: 'lostRevenue' | 'revenue' | 'staffCost') => estimateOf(all.map((k) => k[key])).mean;
    expect(mean(outsourced, 'lostRevenue')).toBeGreaterThan(mean(inHouse, 'lostRevenue') * 2);
    expect(mean(outsourced, 'revenue')).toBeLessThan(mean(inHouse, 'revenue'));
    expect(mean(outsourced, 'staffCost')).toBeCloseTo(8 * 20 + 2 * estimateOf(outsourced.map((k) => k.offered)).mean, 6);
  });
});
