/**
 * After the call and costs: the fate of one customer from fixed draws, the classification of
 * calls, the cost of a call, and whole runs whose money figures follow exactly from counts.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { afterCallDraws, experienceOf, fateOf, lifetimeValueOf } from '../../src/money/afterCall.ts';
import { callCost, callPricesOf, monthsSimulated } from '../../src/money/costs.ts';
import { kpiSettingsOf, MoneyLedger } from '../../src/money/ledger.ts';
import { kpisOf } from '../../src/metrics/kpis.ts';
import { Tally } from '../../src/metrics/tally.ts';
import { afterCallSchema } from '../../src/scenario/schema/afterCall.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { runScenario } from '../../src/sim/run.ts';
import { markovScenario } from '../sim/helpers.ts';

const config = afterCallSchema.parse({ lifetimeValue: 1000, lifetimeValueByCallerType: { vip: 5000 } });

function record(overrides: Partial<CallRecord>): CallRecord {
  return {
    id: 7,
    replication: 0,
    callerType: 'caller',
    problem: 'call',
    arrival: 100,
    answer: 110,
    end: 410,
    wait: 10,
    agent: 0,
    outcome: 'resolved',
    orderValue: 80,
    potentialRevenue: 0,
    revenue: 0,
    lostRevenue: 0,
    mood: 0.5,
    ...overrides,
  };
}

describe('the experience of a call', () => {
  it('is dissatisfied when abandoned, blocked, unresolved or answered after the long-wait limit', () => {
    expect(experienceOf(record({ outcome: 'abandoned', agent: -1, answer: NaN, wait: 5 }), config, 20)).toBe('dissatisfied');
    expect(experienceOf(record({ outcome: 'blocked', agent: -1, answer: NaN, wait: 0 }), config, 20)).toBe('dissatisfied');
    expect(experienceOf(record({ outcome: 'unresolved' }), config, 20)).toBe('dissatisfied');
    expect(experienceOf(record({ wait: 121 }), config, 20)).toBe('dissatisfied');
    expect(experienceOf(record({ wait: 120 }), config, 20)).toBe('neutral');
  });

  it('is good service when resolved or sold within the service-level threshold, unless configured otherwise', () => {
    expect(experienceOf(record({ wait: 20 }), config, 20)).toBe('wellServed');
    expect(experienceOf(record({ wait: 21, outcome: 'purchased' }), config, 20)).toBe('neutral');
    const strict = afterCallSchema.parse({ lifetimeValue: 1, goodService: { answeredWithin: '5s' }, dissatisfiedWhen: { abandoned: false } });
    expect(experienceOf(record({ wait: 6 }), strict, 20)).toBe('neutral');
    expect(experienceOf(record({ outcome: 'abandoned', agent: -1, wait: 300 }), strict, 20)).toBe('neutral');
  });

  it('uses the lifetime value of the caller type when given', () => {
    expect(lifetimeValueOf(config, 'vip')).toBe(5000);
    expect(lifetimeValueOf(config, 'caller')).toBe(1000);
  });
});

describe('the fate of a customer', () => {
  it('a dissatisfied customer who switches loses the lifetime value, and complaining adds word of mouth', () => {
    // Defaults: switch 0.33, skip 0.5, complain 0.1, 50 people reached × 2% lost = 1 customer of 1000.
    const fate = fateOf('dissatisfied', 1000, 80, { first: 0.2, second: 0.1, third: 0.05 }, config);
    expect(fate).toEqual({
      dissatisfied: true,
      switched: true,
      skippedPurchase: false,
      complained: true,
      wordOfMouthLost: 1,
      lostValue: 1000 + 1000,
      gainedValue: 0,
    });
  });

  it('a dissatisfied customer who stays may skip the next purchase, worth the order value', () => {
    const fate = fateOf('dissatisfied', 1000, 80, { first: 0.5, second: 0.4, third: 0.9 }, config);
    expect([fate.switched, fate.skippedPurchase, fate.complained, fate.lostValue]).toEqual([false, true, false, 80]);
    expect(fateOf('dissatisfied', 1000, 80, { first: 0.5, second: 0.6, third: 0.9 }, config).lostValue).toBe(0);
    // A one-off buyer (lifetime value 50) cannot skip more than 50 of future spending.
    expect(fateOf('dissatisfied', 50, 80, { first: 0.5, second: 0.4, third: 0.9 }, config).lostValue).toBe(50);
  });

  it('a complaint already made (a ticket that turned into one) always spreads', () => {
    const fate = fateOf('dissatisfied', 1000, 0, { first: 0.9, second: 0.9, third: 0.99 }, config, true);
    expect([fate.complained, fate.wordOfMouthLost, fate.lostValue]).toEqual([true, 1, 1000]);
  });

  it('a well-served customer spends extraSpend × lifetime value more with spendMoreProbability', () => {
    expect(fateOf('wellServed', 1000, 80, { first: 0.69, second: 0, third: 0 }, config).gainedValue).toBeCloseTo(100, 10);
    expect(fateOf('wellServed', 1000, 80, { first: 0.71, second: 0, third: 0 }, config).gainedValue).toBe(0);
    expect(fateOf('neutral', 1000, 80, { first: 0, second: 0, third: 0 }, config).dissatisfied).toBe(false);
  });

  it('draws come from the call\'s own stream: the same call gets the same draws, another call others', () => {
    const a = afterCallDraws(1, 0, 'afterCall#5');
    expect(afterCallDraws(1, 0, 'afterCall#5')).toEqual(a);
    expect(afterCallDraws(1, 0, 'afterCall#6')).not.toEqual(a);
    expect(afterCallDraws(1, 1, 'afterCall#5')).not.toEqual(a);
  });
});

describe('costs', () => {
  const scenario = markovScenario(
    { arrivalRate: 0.01, meanHandleTime: 200, meanPatience: 60, agents: 2 },
    {
      agents: { count: 2, costPerHour: 36 },
      costs: { telephonyPerMinute: 0.06, outsourcingPerCall: 2, outsourcingPerMonth: 300, otherPerMonth: 60 },
      money: { currency: 'EUR', margin: 0.3, openDaysPerYear: 240 },
    },
  );

  it('a call costs its agent time, its line time (waiting included) and the outsourcing fee', () => {
    const prices = callPricesOf(scenario);
    // 300 s of handling at €0.01/s, 310 s of line at €0.001/s, €2 fee.
    expect(callCost(record({}), prices)).toBeCloseTo(3 + 0.31 + 2, 10);
    // An abandoned call: no agent, no fee, only its 50 s of waiting on the line.
    expect(callCost(record({ outcome: 'abandoned', agent: -1, answer: NaN, end: 150, wait: 50 }), prices)).toBeCloseTo(0.05, 10);
    expect(callCost(record({}), { ...prices, chargeWaitingTime: false })).toBeCloseTo(3 + 0.3 + 2, 10);
  });

  it('KPIs add telephony, outsourcing and monthly fees to the staff cost', () => {
    const tally = new Tally();
    tally.answered = 10;
    tally.handleTimeSum = 3000;
    tally.waitOfAnsweredSum = 600;
    tally.waitOfAbandonedSum = 600;
    tally.staffedSeconds = 36_000;
    tally.revenue = 1000;
    tally.lostRevenue = 100;
    tally.lostLifetimeValue = 500;
    tally.retryCost = 7;
    const kpis = kpisOf(tally, kpiSettingsOf(scenario));
    expect(monthsSimulated(scenario)).toBeCloseTo(1 / 20, 12);
    expect(kpis.telephonyCost).toBeCloseTo((4200 / 60) * 0.06, 10);
    expect(kpis.outsourcingCost).toBeCloseTo(10 * 2 + 300 / 20, 10);
    expect(kpis.staffCost).toBe(360);
    expect(kpis.serviceCost).toBeCloseTo(360 + 4.2 + 35 + 3, 10);
    expect(kpis.marginAfterCosts).toBeCloseTo(300 - 402.2, 10);
    expect(kpis.lostLifetimeMargin).toBeCloseTo(150, 10);
    expect(kpis.costOfPoorService).toBeCloseTo(30 + 150 + 7, 10);
    // A reporting interval carries no monthly fee.
    expect(kpisOf(tally, kpiSettingsOf(scenario, false)).outsourcingCost).toBe(20);
  });

  it('retrials (attempt ≥ 1) are counted and priced by the ledger', () => {
    const ledger = new MoneyLedger(prepareModel(scenario), 0);
    ledger.add(record({ attempt: 0 }));
    ledger.add(record({ id: 8 }));
    ledger.add(record({ id: 9, attempt: 1 }));
    ledger.add(record({ id: 10, attempt: 2, arrival: 7300 }));
    expect(ledger.total.retryCalls).toBe(2);
    expect(ledger.total.retryCost).toBeCloseTo(2 * 5.31, 10);
    expect(ledger.intervals[0]!.retryCalls).toBe(1);
    expect(ledger.intervals[2]!.retryCalls).toBe(1);
  });
});

describe('after the call, in a whole run', () => {
  const base = { arrivalRate: 0.02, meanHandleTime: 240, meanPatience: 60, agents: 3, days: 2, warmup: 0, replications: 3 };

  it('with certain switching and only abandonment counted, every abandoner is a lost customer', () => {
    const scenario = markovScenario(base, {
      afterCall: {
        lifetimeValue: 400,
        switchProbability: 1,
        dissatisfiedWhen: { abandoned: true, blocked: false, unresolved: false, waitedLongerThan: '1d' },
        wordOfMouth: { complainProbability: 0 },
        goodService: { spendMoreProbability: 0 },
      },
    });
    const result = runScenario(scenario);
    for (const { kpis } of result.replications) {
      expect(kpis.abandoned).toBeGreaterThan(10);
      expect(kpis.customersLost).toBe(kpis.abandoned);
      expect(kpis.dissatisfied).toBe(kpis.abandoned);
      expect(kpis.lostLifetimeValue).toBe(400 * kpis.abandoned);
      expect(kpis.costOfPoorService).toBeCloseTo(kpis.lostMargin + 0.3 * 400 * kpis.abandoned, 6);
    }
    // Interval figures add up to the run's.
    const intervals = result.replications[0]!.intervals;
    expect(intervals.reduce((sum, kpis) => sum + kpis.customersLost, 0)).toBe(result.replications[0]!.kpis.customersLost);
  });

  it('a better plan changes the fate only of the callers it serves better (common random numbers)', () => {
    const afterCall = { lifetimeValue: 400 };
    const worse = runScenario(markovScenario(base, { afterCall }), { collectRecords: true });
    const better = runScenario(markovScenario({ ...base, agents: 6 }, { afterCall }), { collectRecords: true });
    expect(better.kpis.customersLost.mean).toBeLessThan(worse.kpis.customersLost.mean);
    expect(better.kpis.goodServiceValue.mean).toBeGreaterThan(worse.kpis.goodServiceValue.mean);
    // A caller dissatisfied in both plans meets the same draws, so switches in both or in neither.
    const parsed = afterCallSchema.parse(afterCall);
    const fates = (records: readonly CallRecord[]) =>
      new Map(records.map((r) => [`${r.replication}/${r.id}`, experienceOf(r, parsed, 20) === 'dissatisfied' ? afterCallDraws(12345, r.replication, `afterCall#${r.id}`).first < 0.33 : null]));
    const a = fates(worse.replications.flatMap((r) => r.records ?? []));
    const b = fates(better.replications.flatMap((r) => r.records ?? []));
    let both = 0;
    for (const [key, switched] of b) {
      const other = a.get(key);
      if (switched === null || other === null || other === undefined) continue;
      both++;
      expect(switched).toBe(other);
    }
    expect(both).toBeGreaterThan(5);
  });

  it('a scenario without afterCall, costs or channels keeps every new figure at 0', () => {
    const result = runScenario(markovScenario(base));
    for (const key of ['dissatisfied', 'lostLifetimeValue', 'retryCost', 'telephonyCost', 'channelStaffCost'] as const) {
      expect(result.kpis[key].mean).toBe(0);
    }
    expect(result.kpis.serviceCost.mean).toBe(result.kpis.staffCost.mean);
    expect(result.channels).toBeUndefined();
  });
});
