import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { dayFactorsOf, nextOpenTime } from '../../src/sim/calendar.ts';
import { simulate } from '../../src/sim/engine.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { markovScenario } from './helpers.ts';

describe('demand over the week and holidays', () => {
  const week = (extra: Record<string, unknown> = {}) =>
    markovScenario(
      { arrivalRate: 1 / 60, meanHandleTime: 240, meanPatience: 120, agents: 5, warmup: 0, days: 14, replications: 1 },
      {
        openingHours: ['09:00-18:00'],
        agents: { count: 5, costPerHour: 10 },
        calendar: { startsOn: 'friday', weekdays: { saturday: 0.5, sunday: 0 }, closedOn: [4] },
        ...extra,
      },
    );

  it('gives each day of the run its weekday factor, and 0 on closed days', () => {
    expect([...dayFactorsOf(week())!].slice(0, 8)).toEqual([1, 0.5, 0, 0, 1, 1, 1, 1]);
    expect(dayFactorsOf(markovScenario({ arrivalRate: 1, meanHandleTime: 1, meanPatience: 1, agents: 1 }))).toBeNull();
    // From Saturday 20:00, the next open time skips Sunday and the closed Monday: Tuesday 09:00.
    const model = prepareModel(week());
    expect(nextOpenTime(model.windows, model.days, 86_400 + 20 * 3600, model.dayFactors)).toBe(4 * 86_400 + 9 * 3600);
  });

  it('has no calls and no paid staff on closed days, half the calls on Saturdays', () => {
    const model = prepareModel(week());
    const records: CallRecord[] = [];
    const result = simulate(model, { onRecord: (r) => records.push(r) });
    const perDay = new Array(14).fill(0);
    for (const r of records) perDay[Math.floor(r.arrival / 86_400)]++;
    const factors = [...model.dayFactors!];
    factors.forEach((factor, day) => {
      if (factor === 0) expect(perDay[day], `day ${day + 1}`).toBe(0);
    });
    // 9 open hours × 60 calls an hour = 540 on a full day.
    const saturdays = [1, 8].map((day) => perDay[day]);
    const fullDays = factors.flatMap((factor, day) => (factor === 1 ? [perDay[day]] : []));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean(fullDays) - 540)).toBeLessThan(3 * Math.sqrt(540 / fullDays.length));
    expect(Math.abs(mean(saturdays) - 270)).toBeLessThan(3 * Math.sqrt(270 / 2));
    const openDays = factors.filter((factor) => factor > 0).length;
    expect(result.kpis.staffCost).toBeCloseTo(openDays * 9 * 5 * 10, 6);
  });

  it('a retrial due on a closed day is made when the line opens again', () => {
    const retrial = { afterAbandoned: 1, afterBlocked: 1, delay: { dist: 'deterministic', value: 12 * 3600 }, maxAttempts: 2 };
    const scenario = week({
      callerTypes: [{ id: 'caller', share: 1, patience: { dist: 'exponential', mean: 60 }, problem: 'call', retrial }],
    });
    const model = prepareModel(scenario);
    const records: CallRecord[] = [];
    simulate(model, { onRecord: (r) => records.push(r) });
    const retrials = records.filter((r) => r.attempt === 1);
    expect(retrials.length).toBeGreaterThan(50);
    for (const r of retrials) {
      const day = Math.floor(r.arrival / 86_400);
      expect(model.dayFactors![day]).toBeGreaterThan(0);
      const clock = r.arrival - day * 86_400;
      expect(clock).toBeGreaterThanOrEqual(9 * 3600);
      expect(clock).toBeLessThan(18 * 3600);
    }
    // Half a day later is always closed time: every retrial waits for the next opening, 09:00.
    expect(retrials.every((r) => r.arrival % 86_400 === 9 * 3600)).toBe(true);
  });
});
