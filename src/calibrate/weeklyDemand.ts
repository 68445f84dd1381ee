/**
 * Daily profile or weekly demand? The calibrated scenario gets one arrival profile for every
 * day unless the log shows that the weekdays differ; then it gets `arrivals.weekly` (the
 * average first calls of each weekday and interval, over the dates of that weekday in the
 * log) and a `calendar` that starts on the log's first weekday.
 *
 * Criterion (all must hold):
 * 1. the interval is 15, 30 or 60 minutes (what `arrivals.weekly` accepts);
 * 2. the log spans at least {@link MIN_SPAN_DAYS} days (two full weeks: every weekday is seen
 *    at least twice);
 * 3. at least two weekdays have calls;
 * 4. a chi-square test rejects "every weekday has the same daily profile" at
 *    {@link WEEKLY_SIGNIFICANCE}. Under that hypothesis the calls of weekday w in interval i
 *    are Poisson with mean (calls of interval i) × (dates of w) ÷ (all dates): the statistic
 *    Σ (observed − expected)² / expected has (weekdays − 1) × intervals degrees of freedom.
 *    Only intervals where every weekday expects at least {@link MIN_EXPECTED} calls are used
 *    (the chi-square approximation needs it); without any, the weekday totals are tested.
 *
 * The test is on all calls (whole counts); the weekly values are first calls (retrials taken
 * out, see estimate.ts). On long real logs, day-to-day variation beyond Poisson makes the test
 * reject more easily; then each weekday is averaged over many dates, so little is lost.
 */
import { WEEKDAYS } from '../scenario/schema/realism.ts';
import { regularizedLowerGamma } from './special.ts';
import type { LogStatistics } from './statistics.ts';
import { SECONDS_PER_DAY } from './statistics.ts';

/** Days the log must span for a weekly demand: two full weeks. */
export const MIN_SPAN_DAYS = 14;
/** p-value below which the weekday profiles are taken as different. */
export const WEEKLY_SIGNIFICANCE = 0.001;
/** Smallest expected count of a cell used in the test. */
export const MIN_EXPECTED = 5;

export type WeekdayName = (typeof WEEKDAYS)[number];
/** Schema weekday names by JavaScript weekday number (0 = Sunday). */
const NAME_OF_DAY: readonly WeekdayName[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface WeekdayTest {
  readonly chiSquare: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Intervals used (every weekday expecting at least MIN_EXPECTED calls); 0 = the weekday totals were tested. */
  readonly intervalsUsed: number;
  /** Coefficient of variation of the weekdays' calls per date (descriptive). */
  readonly cvOfDailyTotals: number;
}

export interface WeeklyDemand {
  readonly kind: 'weekly';
  readonly test: WeekdayTest;
  readonly intervalMinutes: 15 | 30 | 60;
  /** `HH:MM` of the first interval of every list. */
  readonly from: string;
  /** Index of the first interval of every list, in the day's intervals. */
  readonly firstInterval: number;
  /** First calls per interval, averaged over the dates of the weekday, Monday first; weekdays without calls are left out. */
  readonly weekly: ReadonlyArray<{ readonly day: WeekdayName; readonly dates: number; readonly calls: readonly number[] }>;
  readonly startsOn: WeekdayName;
  /** Days from the first to the last date of the log: the run's days. */
  readonly spanDays: number;
  /** Days of the run (1 = the first date) on a weekday with calls that had none: closed (holidays). */
  readonly closedOn: readonly number[];
}

export type DemandChoice = WeeklyDemand | { readonly kind: 'daily'; readonly reason: string; readonly test: WeekdayTest | null };

/** P(χ²_df > x). */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  return Math.max(0, 1 - regularizedLowerGamma(degreesOfFreedom / 2, x / 2));
}

/** The chi-square test of equal weekday profiles on `counts[weekday][interval]` (only weekdays with dates). */
export function weekdayTest(counts: readonly (readonly number[])[], dates: readonly number[], intervals: readonly number[]): WeekdayTest {
  const days = dates.map((n, weekday) => ({ n, weekday })).filter((d) => d.n > 0);
  const allDates = days.reduce((sum, d) => sum + d.n, 0);
  const expectedOf = (total: number, n: number): number => (total * n) / allDates;
  const smallest = Math.min(...days.map((d) => d.n));
  const used = intervals.filter((i) => expectedOf(days.reduce((sum, d) => sum + counts[d.weekday]![i]!, 0), smallest) >= MIN_EXPECTED);
  // Without usable intervals, one cell per weekday: its whole-day total.
  const cells: Array<(weekday: number) => number> =
    used.length > 0 ? used.map((i) => (weekday: number) => counts[weekday]![i]!) : [(weekday: number) => intervals.reduce((sum, i) => sum + counts[weekday]![i]!, 0)];
  let chiSquare = 0;
  for (const cell of cells) {
    const total = days.reduce((sum, d) => sum + cell(d.weekday), 0);
    for (const d of days) {
      const expected = expectedOf(total, d.n);
      if (expected > 0) chiSquare += (cell(d.weekday) - expected) ** 2 / expected;
    }
  }
  const degreesOfFreedom = (days.length - 1) * cells.length;
  const perDate = days.map((d) => intervals.reduce((sum, i) => sum + counts[d.weekday]![i]!, 0) / d.n);
  const mean = perDate.reduce((a, b) => a + b, 0) / perDate.length;
  const variance = perDate.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, perDate.length - 1);
  return {
    chiSquare,
    degreesOfFreedom,
    pValue: degreesOfFreedom > 0 ? chiSquareSurvival(chiSquare, degreesOfFreedom) : 1,
    intervalsUsed: used.length,
    cvOfDailyTotals: mean > 0 ? Math.sqrt(variance) / mean : 0,
  };
}

export interface DemandInput {
  readonly statistics: LogStatistics;
  readonly intervalMinutes: number;
  /** Per interval of the day: open, and first calls per weekday (Sunday first). */
  readonly intervals: ReadonlyArray<{ readonly open: boolean; readonly start: string; readonly firstCallsByWeekday: readonly number[] }>;
}

/** Chooses between one daily profile and a weekly demand (see the module comment). */
export function chooseDemand({ statistics, intervalMinutes, intervals }: DemandInput): DemandChoice {
  const dates = statistics.datesByWeekday.map((set) => set.size);
  const firstDay = Math.floor(statistics.firstArrival / SECONDS_PER_DAY);
  const lastDay = Math.floor(statistics.lastArrival / SECONDS_PER_DAY);
  const spanDays = lastDay - firstDay + 1;
  const open = intervals.flatMap((interval, i) => (interval.open ? [i] : []));
  const weekdaysWithCalls = dates.filter((n) => n > 0).length;
  if (intervalMinutes !== 15 && intervalMinutes !== 30 && intervalMinutes !== 60) {
    return { kind: 'daily', reason: `a weekly demand needs an interval of 15, 30 or 60 minutes (--interval ${intervalMinutes})`, test: null };
  }
  if (!(spanDays >= MIN_SPAN_DAYS)) {
    return { kind: 'daily', reason: `the log spans ${spanDays} day(s), fewer than the ${MIN_SPAN_DAYS} (two full weeks) needed to compare weekdays`, test: null };
  }
  if (weekdaysWithCalls < 2 || open.length === 0) {
    return { kind: 'daily', reason: `only ${weekdaysWithCalls} weekday(s) have calls`, test: null };
  }
  const test = weekdayTest(statistics.arrivals, dates, open);
  const verdict = `chi-square ${test.chiSquare.toFixed(1)} on ${test.degreesOfFreedom} degrees of freedom, ${formatP(test.pValue)}`;
  if (!(test.pValue < WEEKLY_SIGNIFICANCE)) {
    return { kind: 'daily', reason: `the weekdays' profiles do not differ more than chance allows (${verdict} ≥ ${WEEKLY_SIGNIFICANCE})`, test };
  }
  const firstInterval = open[0]!;
  const lastInterval = open[open.length - 1]!;
  const weekly = [1, 2, 3, 4, 5, 6, 0]
    .filter((weekday) => dates[weekday]! > 0)
    .map((weekday) => ({
      day: NAME_OF_DAY[weekday]!,
      dates: dates[weekday]!,
      calls: intervals.slice(firstInterval, lastInterval + 1).map((interval) => interval.firstCallsByWeekday[weekday]! / dates[weekday]!),
    }));
  const activeDays = new Set(statistics.datesByWeekday.flatMap((set) => [...set]));
  const closedOn: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (dates[weekday]! > 0 && !activeDays.has(day) && day - firstDay + 1 <= 3660) closedOn.push(day - firstDay + 1);
  }
  return {
    kind: 'weekly',
    test,
    intervalMinutes,
    from: intervals[firstInterval]!.start,
    firstInterval,
    weekly,
    startsOn: NAME_OF_DAY[(((firstDay + 4) % 7) + 7) % 7]!,
    spanDays,
    closedOn,
  };
}

/** A p-value for a comment: `p = 0.43`, `p = 1.2e-3`, `p < 1e-12`. */
export function formatP(p: number): string {
  if (p < 1e-12) return 'p < 1e-12';
  if (p < 0.01) return `p = ${p.toExponential(1)}`;
  return `p = ${p.toFixed(2)}`;
}
