/**
 * What the Erlang formulas need from a scenario, per reporting interval of the day: the
 * arrival rate, the mean handle time and the mean patience of the caller mix.
 */
import { meanOf } from '../dists/sample.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { daySegments, openingWindows } from '../sim/calendar.ts';

/** One reporting interval of the day. */
export interface IntervalTraffic {
  readonly index: number;
  /** Seconds from midnight. */
  readonly start: number;
  readonly end: number;
  /** Seconds of it the line is open. */
  readonly openSeconds: number;
  /** Mean arrival rate over its open time, calls per second (0 when closed). */
  readonly arrivalRate: number;
}

/** Every reporting interval of the day with its open time and arrival rate. */
export function intervalTraffic(scenario: ScenarioConfig): IntervalTraffic[] {
  const length = scenario.run.intervalMinutes * 60;
  const count = Math.ceil(86_400 / length);
  const windows = openingWindows(scenario);
  const segments = daySegments(scenario);
  return Array.from({ length: count }, (_, index) => {
    const start = index * length;
    const end = Math.min(86_400, start + length);
    const overlap = (a: number, b: number): number => Math.max(0, Math.min(end, b) - Math.max(start, a));
    const openSeconds = windows.reduce((sum, [a, b]) => sum + overlap(a, b), 0);
    const calls = segments.reduce((sum, segment) => sum + overlap(segment.start, segment.end) * segment.ratePerSecond, 0);
    return { index, start, end, openSeconds, arrivalRate: openSeconds > 0 ? calls / openSeconds : 0 };
  });
}

/** The caller mix's mean handle time (seconds), each type weighted by its share. */
export function meanHandleTime(scenario: ScenarioConfig): number {
  const problems = new Map(scenario.problemTypes.map((problem) => [problem.id, problem]));
  const totalShare = scenario.callerTypes.reduce((sum, type) => sum + type.share, 0);
  return scenario.callerTypes.reduce((sum, type) => sum + (type.share / totalShare) * meanOf(problems.get(type.problem)!.handleTime), 0);
}

/**
 * The mix's mean patience for Erlang A: the reciprocal of the share-weighted abandonment
 * rates 1/patience (callers who never hang up add 0). Infinity when nobody hangs up (Erlang C).
 */
export function meanPatience(scenario: ScenarioConfig): number {
  const totalShare = scenario.callerTypes.reduce((sum, type) => sum + type.share, 0);
  const rate = scenario.callerTypes.reduce(
    (sum, type) => sum + (type.patience === 'infinite' ? 0 : type.share / totalShare / meanOf(type.patience)),
    0,
  );
  return rate > 0 ? 1 / rate : Infinity;
}
