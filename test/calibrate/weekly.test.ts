/**
 * Weekly demand in the calibrated scenario: a synthetic log whose Mondays are twice as busy
 * and whose Friday afternoons are half as busy must get `arrivals.weekly` and a calendar
 * starting on its first weekday, with per-weekday totals that match the truth and that the
 * simulator reproduces; the bundled sample (same profile every weekday) keeps one daily
 * profile; short logs and intervals `arrivals.weekly` cannot take keep it too, saying why.
 * With retrials (the sample generator with busy Mondays) the weekly values are first calls
 * and `--check` still reproduces the log.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { calibrateFile, calibrateLines } from '../../src/calibrate/calibrate.ts';
import { checkCalibration, scenarioFromYaml } from '../../src/calibrate/check.ts';
import { chiSquareSurvival, weekdayTest } from '../../src/calibrate/weeklyDemand.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';
import { makeSampleLog, makeWeeklyLog, TRUE_PROFILE, TRUE_RETRIAL, WEEKLY_BASE_PROFILE, weeklyRate } from '../../tools/make-sample-log.ts';

/** True calls a day. */
const perDay = (weekday: number): number => WEEKLY_BASE_PROFILE.reduce((sum, _, i) => sum + weeklyRate(weekday, i) * 0.5, 0);
const weeklyLog = (weeks: number, holidays: readonly number[] = []): string[] => makeWeeklyLog({ weeks, holidays });

describe('a log with a strong Monday peak gets a weekly demand', async () => {
  // Eight weeks, the third Thursday (day 18) a holiday.
  const { estimates, yaml } = await calibrateLines(weeklyLog(8, [18]), 'weekly.csv', { format: 'generic' });
  const demand = estimates.demand;

  it('chooses weekly by the chi-square test, with the calendar of the log', () => {
    if (demand.kind !== 'weekly') throw new Error(demand.reason);
    expect(demand.test.pValue).toBeLessThan(1e-12);
    expect(demand.startsOn).toBe('monday');
    expect(demand.spanDays).toBe(7 * 7 + 5);
    expect(demand.closedOn).toEqual([18]);
    expect(demand.weekly.map((d) => [d.day, d.dates])).toEqual([
      ['monday', 8],
      ['tuesday', 8],
      ['wednesday', 8],
      ['thursday', 7],
      ['friday', 8],
    ]);
    const scenario = parseYaml(yaml);
    expect(scenario.arrivals.intervalMinutes).toBe(30);
    expect(scenario.arrivals.from).toBe('09:00');
    expect(scenario.arrivals.weekly.monday).toHaveLength(16);
    expect(scenario.calendar).toEqual({ startsOn: 'monday', closedOn: [18] });
    expect(yaml).toContain('  closedOn: [ 18 ] # days of the run on a weekday with calls that had none in the log (holidays?)\n');
    expect(scenario.run.days).toBe(54);
    expect(yaml).toMatch(/# a chi-square test of "every weekday has the same daily profile" gives [\d.]+ on \d+ degrees of freedom,\n# p < 1e-12, below 0\.001/);
    expect(yaml).toMatch(/\n {4}monday: \[ [\d., ]+ \] # 8 dates, [\d.]+ calls a day\n/);
    const loaded = parseScenario(yaml, 'weekly.yaml');
    expect(loaded.ok && loaded.warnings).toEqual([]);
  });

  it('Monday and Friday totals within 4 Poisson standard deviations of the truth', () => {
    if (demand.kind !== 'weekly') throw new Error(demand.reason);
    for (const [name, weekday] of [['monday', 1], ['friday', 5]] as const) {
      const day = demand.weekly.find((d) => d.day === name)!;
      const total = day.calls.reduce((a, b) => a + b, 0);
      const truth = perDay(weekday);
      expect(Math.abs(total - truth), name).toBeLessThan(4 * Math.sqrt(truth / day.dates));
    }
    // Friday afternoon is half as busy as Friday morning's shape would say.
    const friday = demand.weekly.find((d) => d.day === 'friday')!.calls;
    expect(friday[9]! / friday[2]!).toBeCloseTo(weeklyRate(5, 9) / weeklyRate(5, 2), 0);
  });

  it('simulating the written scenario gives the Monday and Friday calls a day within 5% of the log', () => {
    const scenario = scenarioFromYaml(yaml, 'weekly.yaml');
    const perWeekday = new Map<number, number>();
    runScenario(scenario, {
      replications: 2,
      onRecord: (record) => {
        const weekday = (Math.floor(record.arrival / 86_400) % 7) + 1;
        perWeekday.set(weekday, (perWeekday.get(weekday) ?? 0) + 1);
      },
    });
    const observed = (weekday: number): number => estimates.days.find((d) => d.weekday === ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri'][weekday])!.calls / 8;
    for (const weekday of [1, 5]) {
      const simulated = perWeekday.get(weekday)! / 8 / 2;
      expect(Math.abs(simulated / observed(weekday) - 1), `weekday ${weekday}`).toBeLessThan(0.05);
    }
    expect(perWeekday.get(6)).toBeUndefined();
    expect(perWeekday.get(7)).toBeUndefined();
  });
});

describe('weekly demand and retrials together: the sample generator with Mondays 1.6 times as busy', async () => {
  const { text } = makeSampleLog({ mondayFactor: 1.6 });
  const { estimates, yaml } = await calibrateLines(text.split('\n'), 'monday.csv');
  const truePerDay = TRUE_PROFILE.reduce((sum, step) => sum + step.callsPerHour * 0.5, 0);

  it('first calls a day per weekday within 4 Poisson standard deviations of the truth, retrials written', () => {
    const demand = estimates.demand;
    if (demand.kind !== 'weekly') throw new Error(demand.reason);
    expect(demand.startsOn).toBe('monday');
    expect(demand.spanDays).toBe(26);
    for (const day of demand.weekly) {
      const truth = truePerDay * (day.day === 'monday' ? 1.6 : 1);
      const total = day.calls.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - truth), day.day).toBeLessThan(4 * Math.sqrt(truth / day.dates));
    }
    const model = estimates.retrialModel;
    if (!model.written) throw new Error(model.reason);
    expect(Math.abs(model.pooled.probability - TRUE_RETRIAL.afterAbandoned)).toBeLessThan(0.06);
    expect(yaml).toContain('Weekly demand: first calls in each 30-minute interval from 08:00');
  });

  it('--check: the simulated abandonment and service level within 10% of the log', () => {
    const check = checkCalibration(estimates, scenarioFromYaml(yaml, 'monday.yaml'), { replications: 10 });
    expect(Math.abs(check.total.offered.relativeError)).toBeLessThan(0.02);
    expect(Math.abs(check.total.abandonment.relativeError)).toBeLessThan(0.1);
    expect(Math.abs(check.total.serviceLevel.relativeError)).toBeLessThan(0.1);
    expect(check.pass).toBe(true);
  });
});

describe('one daily profile is kept, with the reason', () => {
  it('the bundled sample: the weekdays do not differ (chi-square p ≥ 0.001)', async () => {
    const { estimates, yaml } = await calibrateFile('samples/call-log.csv');
    expect(estimates.demand.kind).toBe('daily');
    expect(estimates.demand.test!.pValue).toBeGreaterThan(0.001);
    expect(yaml).toMatch(/# One profile for every day, as the weekdays' profiles do not differ more than chance allows \(chi-square [\d.]+ on 80 degrees of freedom, p = 0\.\d\d ≥ 0\.001\)\./);
    expect(yaml).not.toContain('calendar:');
  });

  it('a log of less than two weeks', async () => {
    const { estimates, yaml } = await calibrateLines(weeklyLog(8).slice(0, 2000), 'short.csv', { format: 'generic' });
    expect(estimates.demand).toMatchObject({ kind: 'daily', reason: expect.stringMatching(/^the log spans \d+ day\(s\), fewer than the 14/) });
    expect(parseYaml(yaml).arrivals.profile).toBeDefined();
  });

  it('an interval arrivals.weekly cannot take', async () => {
    const { estimates } = await calibrateLines(weeklyLog(3), 'w.csv', { format: 'generic', intervalMinutes: 20 });
    expect(estimates.demand).toMatchObject({ kind: 'daily', reason: 'a weekly demand needs an interval of 15, 30 or 60 minutes (--interval 20)' });
  });
});

describe('the chi-square test', () => {
  it('survival function against reference values', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(124.342, 100)).toBeCloseTo(0.05, 3);
  });

  it('by hand: two weekdays, one interval each side of equal', () => {
    // Monday 30 calls on 1 date, Tuesday 10 on 1 date: expected 20 each, χ² = 100/20 + 100/20 = 10 on 1 df.
    const counts = [[0], [30], [10], [0], [0], [0], [0]];
    const test = weekdayTest(counts, [0, 1, 1, 0, 0, 0, 0], [0]);
    expect(test.chiSquare).toBeCloseTo(10, 10);
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.pValue).toBeCloseTo(0.001565, 5);
  });
});
