import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { nextOpenTime } from '../../src/kernel/openHours.ts';
import { dayFactorsOf } from '../../src/sim/calendar.ts';
import { simulate } from '../../src/sim/replication.ts';
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

describe('calls while the line is closed', () => {
  const scenario = (afterHours: { callsPerHour: number } & Record<string, unknown>) =>
    markovScenario(
      { arrivalRate: 1 / 120, meanHandleTime: 240, meanPatience: 300, agents: 3, warmup: 0, days: 5, replications: 1 },
      {
        openingHours: ['09:00-13:00', '14:00-18:00'],
        callerTypes: [
          { id: 'buyer', share: 1, patience: { dist: 'exponential', mean: 300 }, problem: 'call', purchaseIntent: 1, orderValue: { dist: 'deterministic', value: 100 }, intentHalfLife: '2d' },
        ],
        problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 240 }, conversion: 0.5 }],
        afterHours,
      },
    );

  it('hear the closed message at the closed-hours rate; voicemails are called back once the line opens; others call again after it opens', () => {
    const model = prepareModel(scenario({ callsPerHour: 4, voicemail: 0.3, callAgain: 0.5, delay: { dist: 'deterministic', value: 600 }, reach: 1 }));
    const records: CallRecord[] = [];
    const result = simulate(model, { onRecord: (r) => records.push(r) });
    const k = result.kpis;
    const isOpen = (t: number) => {
      const clock = t % 86_400;
      return (clock >= 9 * 3600 && clock < 13 * 3600) || (clock >= 14 * 3600 && clock < 18 * 3600);
    };
    const closedCalls = records.filter((r) => r.outcome === 'closed');
    expect(closedCalls.every((r) => !isOpen(r.arrival))).toBe(true);
    // 15 closed hours a day × 4 calls, 5 days; 70% of them hear only the message.
    expect(Math.abs(k.closedLine + k.voicemails - 300)).toBeLessThan(4 * Math.sqrt(300));
    expect(Math.abs(k.voicemails / (k.closedLine + k.voicemails) - 0.3)).toBeLessThan(0.1);
    // Voicemail callbacks are made in opening hours, after the line opened.
    const calledBack = records.filter((r) => r.callback);
    expect(calledBack.length).toBeGreaterThan(0);
    expect(calledBack.every((r) => isOpen(r.answer) && !isOpen(r.arrival))).toBe(true);
    // Callers who call again do so 10 minutes after an opening.
    const again = records.filter((r) => r.attempt === 1);
    expect(again.length).toBeGreaterThan(50);
    for (const r of again) expect([9 * 3600 + 600, 14 * 3600 + 600]).toContain(r.arrival % 86_400);
    expect(k.customers + k.retrials).toBe(k.offered);
    expect(k.answered + k.abandoned + k.blocked + k.closedLine + k.unreached + result.inSystem).toBe(k.offered);
  });

  it('lost sales count every closed-hours buyer who neither left a voicemail nor called again (intent that lasts the night)', () => {
    const lost = (afterHours: { callsPerHour: number } & Record<string, unknown>) => simulate(prepareModel(scenario(afterHours))).kpis.lostRevenue;
    const none = simulate(prepareModel(scenario({ callsPerHour: 0 }))).kpis.lostRevenue;
    const allLost = lost({ callsPerHour: 4 });
    const someBack = lost({ callsPerHour: 4, callAgain: 0.8 });
    expect(allLost).toBeGreaterThan(none + 100 * 0.5 * 200);
    expect(someBack).toBeLessThan(allLost);
  });

  describe('on closed days (holidays)', () => {
    const holiday = (afterHours: Record<string, unknown>) => {
      const base = scenario({ callsPerHour: 2, voicemail: 0.4, reach: 1, ...afterHours });
      return prepareModel({ ...base, run: { ...base.run, days: 4 }, calendar: { startsOn: 'monday', weekdays: {}, closedOn: [2] } });
    };
    const isOpenHour = (clock: number) => (clock >= 9 * 3600 && clock < 13 * 3600) || (clock >= 14 * 3600 && clock < 18 * 3600);

    it('callers of a closed day hear the closed message: closedDays an hour during the usual hours, callsPerHour outside', () => {
      const model = holiday({ closedDays: 30 });
      const records: CallRecord[] = [];
      const result = simulate(model, { onRecord: (r) => records.push(r) });
      const onHoliday = records.filter((r) => Math.floor(r.arrival / 86_400) === 1 && r.attempt === 0);
      // Nobody is answered on the holiday itself.
      expect(onHoliday.every((r) => r.outcome === 'closed' || r.callback)).toBe(true);
      const daytime = onHoliday.filter((r) => isOpenHour(r.arrival % 86_400)).length;
      const night = onHoliday.length - daytime;
      // 8 usual open hours × 30 calls; 16 closed hours × 2 calls.
      expect(Math.abs(daytime - 240)).toBeLessThan(4 * Math.sqrt(240));
      expect(Math.abs(night - 32)).toBeLessThan(4 * Math.sqrt(32));
      // Voicemails left on the holiday are called back on the next open day (day 3), once the line opens.
      const calledBack = onHoliday.filter((r) => r.callback);
      expect(calledBack.length).toBeGreaterThan(50);
      for (const r of calledBack) {
        expect(Math.floor(r.answer / 86_400)).toBe(2);
        expect(r.answer % 86_400).toBeGreaterThanOrEqual(9 * 3600);
      }
      const k = result.kpis;
      expect(k.answered + k.abandoned + k.blocked + k.closedLine + k.unreached + result.inSystem).toBe(k.offered);
    });

    it('without closedDays a closed day is a night all day long; closedDays 0 keeps only the night calls', () => {
      const count = (afterHours: Record<string, unknown>) => {
        const records: CallRecord[] = [];
        simulate(holiday(afterHours), { onRecord: (r) => records.push(r) });
        return records.filter((r) => Math.floor(r.arrival / 86_400) === 1 && r.attempt === 0 && isOpenHour(r.arrival % 86_400)).length;
      };
      const allDay = count({ callsPerHour: 20 });
      expect(Math.abs(allDay - 160)).toBeLessThan(4 * Math.sqrt(160));
      expect(count({ callsPerHour: 20, closedDays: 0 })).toBe(0);
    });
  });
});
