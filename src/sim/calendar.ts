import type { ScenarioConfig } from '../scenario/schema.ts';
import { WEEKDAYS } from '../scenario/schema/realism.ts';
import type { RateSegment } from '../kernel/arrivals.ts';


/** `HH:MM` → seconds from midnight. */
export function parseTimeOfDay(text: string): number {
  const [hours, minutes] = text.trim().split(':').map(Number) as [number, number];
  return hours * 3600 + minutes * 60;
}

/** `09:00-13:00` → [32400, 46800]. */
export function parseOpeningWindow(text: string): [number, number] {
  const [from, to] = text.split('-') as [string, string];
  return [parseTimeOfDay(from), parseTimeOfDay(to)];
}

/** Opening windows of one day, sorted, as [start, end) seconds from midnight. */
export function openingWindows(scenario: ScenarioConfig): Array<[number, number]> {
  return scenario.openingHours.map(parseOpeningWindow).sort((a, b) => a[0] - b[0]);
}

/** Seconds the switchboard is open in one day. */
export function openSecondsPerDay(scenario: ScenarioConfig): number {
  return openingWindows(scenario).reduce((sum, [start, end]) => sum + (end - start), 0);
}

interface RateStep {
  /** Seconds from midnight from which `rate` applies, until the next step. */
  readonly at: number;
  readonly rate: number;
}

/**
 * The day's arrival rate as segments: the opening windows cut by the arrival profile's
 * steps. Calls arrive only while open; a profile step applies from its `at` time until
 * the next step (the first step also covers any earlier opening time). With a weekly demand,
 * the average of the seven weekdays (the engine uses {@link weekSegments} instead).
 */
export function daySegments(scenario: ScenarioConfig): RateSegment[] {
  const arrivals = scenario.arrivals;
  if ('callsPerHour' in arrivals) return cutByWindows(openingWindows(scenario), [{ at: 0, rate: arrivals.callsPerHour / 3600 }]);
  if ('profile' in arrivals) return cutByWindows(openingWindows(scenario), arrivals.profile.map((step) => ({ at: parseTimeOfDay(step.at), rate: step.callsPerHour / 3600 })));
  const week = weeklyStepsOf(scenario);
  const average = week[0]!.map((step, index) => ({ at: step.at, rate: week.reduce((sum, day) => sum + day[index]!.rate, 0) / 7 }));
  return cutByWindows(openingWindows(scenario), average);
}

/**
 * The arrival segments of each weekday (index 0 = monday) for a weekly demand, or null for
 * the other arrival forms (every day the same).
 */
export function weekSegments(scenario: ScenarioConfig): RateSegment[][] | null {
  if (!('weekly' in scenario.arrivals)) return null;
  const windows = openingWindows(scenario);
  return weeklyStepsOf(scenario).map((steps) => cutByWindows(windows, steps));
}

/** Index (0 = monday) of the weekday of the first simulated day. */
export function firstWeekdayOf(scenario: ScenarioConfig): number {
  return WEEKDAYS.indexOf(scenario.calendar?.startsOn ?? 'monday');
}

/** The busiest arrival rate of any day, calls per hour. */
export function peakCallsPerHour(scenario: ScenarioConfig): number {
  const week = weekSegments(scenario) ?? [daySegments(scenario)];
  return Math.max(0, ...week.flat().map((segment) => segment.ratePerSecond * 3600));
}

/**
 * Rate steps of each weekday of a weekly demand, all on the same interval grid (so they can
 * be averaged step by step): 0 before `from` and after the end of the longest list.
 */
function weeklyStepsOf(scenario: ScenarioConfig): RateStep[][] {
  const arrivals = scenario.arrivals;
  if (!('weekly' in arrivals)) throw new Error('arrivals: { csv } is read into a weekly demand by loadScenarioFile; load the scenario with it before simulating');
  const length = arrivals.intervalMinutes * 60;
  const from = arrivals.from !== undefined ? parseTimeOfDay(arrivals.from) : (openingWindows(scenario)[0]?.[0] ?? 0);
  const intervals = Math.max(0, ...WEEKDAYS.map((day) => arrivals.weekly[day]?.length ?? 0));
  return WEEKDAYS.map((day) => {
    const counts = arrivals.weekly[day] ?? [];
    const steps: RateStep[] = [{ at: 0, rate: 0 }];
    for (let i = 0; i < intervals; i++) steps.push({ at: from + i * length, rate: (counts[i] ?? 0) / length });
    steps.push({ at: from + intervals * length, rate: 0 });
    return steps;
  });
}

/** The opening windows cut by rate steps (sorted by `at`; the first also covers earlier times). */
function cutByWindows(windows: ReadonlyArray<readonly [number, number]>, steps: readonly RateStep[]): RateSegment[] {
  const segments: RateSegment[] = [];
  for (const [windowStart, windowEnd] of windows) {
    let cursor = windowStart;
    while (cursor < windowEnd) {
      let stepIndex = 0;
      for (let i = 0; i < steps.length; i++) if (steps[i]!.at <= cursor) stepIndex = i;
      const next = steps[stepIndex + 1];
      const end = next && next.at > cursor && next.at < windowEnd ? next.at : windowEnd;
      segments.push({ start: cursor, end, ratePerSecond: steps[stepIndex]!.rate });
      cursor = end;
    }
  }
  return segments;
}

/**
 * The arrival factor of each simulated day (0: closed), from the scenario's `calendar`, or
 * null without one (every day 1).
 */
export function dayFactorsOf(scenario: ScenarioConfig): Float64Array | null {
  const calendar = scenario.calendar;
  if (calendar === undefined) return null;
  const first = WEEKDAYS.indexOf(calendar.startsOn);
  const factors = new Float64Array(scenario.run.days);
  for (let day = 0; day < factors.length; day++) factors[day] = calendar.weekdays[WEEKDAYS[(first + day) % 7]!] ?? 1;
  for (const closed of calendar.closedOn) if (closed <= factors.length) factors[closed - 1] = 0;
  return factors;
}

/** Expected calls per day (the integral of the arrival rate over the opening hours). */
export function expectedCallsPerDay(scenario: ScenarioConfig): number {
  return daySegments(scenario).reduce((sum, s) => sum + (s.end - s.start) * s.ratePerSecond, 0);
}
