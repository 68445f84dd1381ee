import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { daySegments, expectedCallsPerDay, peakCallsPerHour } from '../../src/sim/calendar.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { WEEKDAYS } from '../../src/scenario/schema/realism.ts';
import { markovScenario } from './helpers.ts';

/** Calls per 30-minute interval from 09:00 (the line is open 09:00–12:00 and 14:00–15:00). */
const weekly = {
  monday: [40, 60, 80, 70, 50, 30, 0, 0, 0, 0, 25, 35],
  tuesday: [30, 45, 60, 50, 40, 20, 0, 0, 0, 0, 20, 30],
  wednesday: [20, 20, 20, 20, 20, 20, 0, 0, 0, 0, 20, 20],
  friday: [10, 30, 50, 70, 90, 110, 0, 0, 0, 0, 5, 5],
  saturday: [5, 10, 15],
};

function weekScenario(weeks: number, startsOn: (typeof WEEKDAYS)[number]) {
  return markovScenario(
    { arrivalRate: 1, meanHandleTime: 60, meanPatience: 60, agents: 20, warmup: 0, days: 7 * weeks, replications: 1, seed: 7 },
    {
      openingHours: ['09:00-12:00', '14:00-15:00'],
      arrivals: { weekly, intervalMinutes: 30 },
      calendar: { startsOn, weekdays: {}, closedOn: [] },
    },
  );
}

describe('demand per interval for each weekday', () => {
  it('offers, per weekday and interval, the calls of the profile within Poisson error', () => {
    const weeks = 8;
    const startsOn = 'thursday';
    const model = prepareModel(weekScenario(weeks, startsOn));
    const records: CallRecord[] = [];
    simulate(model, { onRecord: (r) => records.push(r) });
    const first = WEEKDAYS.indexOf(startsOn);
    const counts = WEEKDAYS.map(() => new Array<number>(12).fill(0));
    for (const r of records) {
      const day = Math.floor(r.arrival / 86_400);
      const slot = Math.floor((r.arrival - day * 86_400 - 9 * 3600) / 1800);
      counts[(first + day) % 7]![slot]!++;
    }
    let chiSquare = 0;
    let cells = 0;
    WEEKDAYS.forEach((day, weekday) => {
      const profile: readonly number[] = weekly[day as keyof typeof weekly] ?? [];
      for (let slot = 0; slot < 12; slot++) {
        const expected = weeks * (profile[slot] ?? 0);
        const observed = counts[weekday]![slot]!;
        if (expected === 0) {
          // Thursday, Sunday, the rest of Saturday and the lunch break: no calls at all.
          expect(observed, `${day} interval ${slot}`).toBe(0);
          continue;
        }
        expect(Math.abs(observed - expected), `${day} interval ${slot}: ${observed} calls, ${expected} expected`).toBeLessThan(4.5 * Math.sqrt(expected));
        chiSquare += (observed - expected) ** 2 / expected;
        cells++;
      }
    });
    // 35 cells: the 99.9% point of chi-square with 35 degrees of freedom is about 66.6.
    expect(cells).toBe(35);
    expect(chiSquare).toBeLessThan(66.6);
  });

  it('follows the weekday of the first day (calendar.startsOn) and the calendar factors', () => {
    const model = prepareModel({ ...weekScenario(1, 'saturday'), calendar: { startsOn: 'saturday', weekdays: { monday: 0.5 }, closedOn: [] } });
    const records: CallRecord[] = [];
    simulate(model, { onRecord: (r) => records.push(r) });
    const perDay = new Array<number>(7).fill(0);
    for (const r of records) perDay[Math.floor(r.arrival / 86_400)]!++;
    // Day 1 is Saturday (30 calls expected), day 2 Sunday (none), day 3 Monday at half (195), day 6 Thursday (none).
    expect(perDay[1]).toBe(0);
    expect(perDay[5]).toBe(0);
    expect(Math.abs(perDay[0]! - 30)).toBeLessThan(4.5 * Math.sqrt(30));
    expect(Math.abs(perDay[2]! - 195)).toBeLessThan(4.5 * Math.sqrt(195));
  });

  it('averages the weekdays for the day-level figures (expected calls, traffic) and keeps the peak', () => {
    const scenario = weekScenario(1, 'monday');
    const perWeek = Object.values(weekly).flat().reduce((a, b) => a + b, 0);
    expect(expectedCallsPerDay(scenario)).toBeCloseTo(perWeek / 7, 9);
    // Friday 11:30–12:00: 110 calls in half an hour.
    expect(peakCallsPerHour(scenario)).toBeCloseTo(220, 9);
    // The lunch break has no segment; the average rate from 09:00 is (40+30+20+10+5)/7 per half hour.
    const segments = daySegments(scenario);
    expect(segments[0]).toEqual({ start: 9 * 3600, end: 9.5 * 3600, ratePerSecond: (105 / 7) / 1800 });
    expect(segments.every((s) => s.start < 12 * 3600 || s.start >= 14 * 3600)).toBe(true);
  });
});
