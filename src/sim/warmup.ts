/**
 * The warm-up of a run: calls arriving before it are simulated but not counted.
 *
 * A line that closes every day starts each day empty, as the real one does: no warm-up unless
 * the scenario sets one. A line open around the clock never starts empty in reality, so a run
 * that starts empty would count a start-up no business sees (too few callers in service, too
 * short waits: occupancy of a one-day run of a 290-agent line came out 0.6% low). By default it
 * warms up for 10 times the longest mean handle time or finite mean patience (the system's
 * slowest clocks: after 10 of them what it started from is forgotten to e⁻¹⁰), at least one hour,
 * at most a quarter of the run.
 */
import { meanOf } from '../dists/sample.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { openingWindows } from './calendar.ts';

const HOUR = 3600;

/** Whether the line is open all day, every day (opening hours cover 00:00–24:00). */
export function aroundTheClock(config: ScenarioConfig): boolean {
  let covered = 0;
  for (const [start, end] of openingWindows(config)) {
    if (start > covered) return false;
    covered = Math.max(covered, end);
  }
  return covered >= 86_400;
}

/** The warm-up the run uses: `run.warmup` when set, else the default described above. */
export function warmupOf(config: ScenarioConfig): number {
  if (config.run.warmup !== undefined) return config.run.warmup;
  return aroundTheClock(config) ? defaultAroundTheClockWarmup(config) : 0;
}

function defaultAroundTheClockWarmup(config: ScenarioConfig): number {
  const handleTimes = config.problemTypes.map((problem) => meanOf(problem.handleTime));
  const patiences = config.callerTypes.flatMap((type) => (type.patience === 'infinite' ? [] : [meanOf(type.patience)]));
  const slowest = Math.max(0, ...handleTimes, ...patiences);
  const run = config.run.days * 86_400;
  return Math.min(Math.max(HOUR, 10 * slowest), run / 4);
}
