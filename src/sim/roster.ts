/**
 * The duty roster: how many people are paid and how many are on the phone at each moment of
 * the day, from the shifts, breaks and shrinkage of a scenario. A step function over one day,
 * repeated every day; null when the scenario has none of these (a fixed team all day).
 */
import type { ScenarioConfig } from '../scenario/schema.ts';
import { SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { parseTimeOfDay } from './calendar.ts';

/** From `at` (seconds from midnight) until the next step: `paid` people, `available` of them on the phone. */
export interface RosterStep {
  readonly at: number;
  readonly paid: number;
  readonly available: number;
}

export interface Roster {
  /** Steps in time order; the first at 0. */
  readonly steps: readonly RosterStep[];
  /** The most people on the phone at once (the size of the agent pool). */
  readonly maxAvailable: number;
}

const SECONDS_PER_HOUR = 3600;

/**
 * How many of persons 0…present−1 are away at `t`: person k is away from k·spacing into each
 * hour for `away` seconds, i.e. when k·spacing lies in (t − away, t] modulo the hour. Counted
 * in closed form: with hundreds of people and a step every few seconds a loop took ~0.5 s.
 */
function awayAt(t: number, present: number, spacing: number, away: number): number {
  // Persons whose start k·spacing ≤ y (y < 1 hour).
  const startedBy = (y: number): number => (y < 0 ? 0 : Math.min(present, Math.floor(y / spacing) + 1));
  const x = t % SECONDS_PER_HOUR;
  if (x - away >= 0) return startedBy(x) - startedBy(x - away);
  return startedBy(x) + (present - startedBy(SECONDS_PER_HOUR + x - away));
}

export function rosterOf(agents: ScenarioConfig['agents']): Roster | null {
  const shrinkage = agents.shrinkage ?? 0;
  if (agents.shifts === undefined && (agents.breaks ?? []).length === 0 && shrinkage === 0) return null;
  const spans = (list: ReadonlyArray<{ from: string; to: string; count: number }>) =>
    list.map((item) => ({ from: parseTimeOfDay(item.from), to: parseTimeOfDay(item.to), count: item.count }));
  const shifts = agents.shifts !== undefined ? spans(agents.shifts) : [{ from: 0, to: SECONDS_PER_DAY, count: agents.count }];
  const breaks = spans(agents.breaks ?? []);
  // A span whose end is before its start runs over midnight.
  const covers = (span: { from: number; to: number }, t: number): boolean =>
    span.from <= span.to ? t >= span.from && t < span.to : t >= span.from || t < span.to;
  const sum = (list: typeof shifts, t: number): number => list.reduce((total, span) => total + (covers(span, t) ? span.count : 0), 0);

  const maxPaid = Math.max(0, ...shifts.map((shift) => sum(shifts, shift.from)));
  const away = shrinkage * SECONDS_PER_HOUR;
  // Person k steps away from the phone at k/maxPaid of every hour, for `away` seconds.
  const offset = (k: number): number => (k * SECONDS_PER_HOUR) / Math.max(maxPaid, 1);
  const boundaries = new Set<number>([0, SECONDS_PER_DAY]);
  for (const span of [...shifts, ...breaks]) boundaries.add(span.from).add(span.to);
  if (away > 0) {
    for (let hour = 0; hour < 24; hour++) {
      for (let k = 0; k < maxPaid; k++) {
        boundaries.add(hour * SECONDS_PER_HOUR + offset(k));
        boundaries.add((hour * SECONDS_PER_HOUR + offset(k) + away) % SECONDS_PER_DAY);
      }
    }
  }
  const times = [...boundaries].filter((t) => t >= 0 && t <= SECONDS_PER_DAY).sort((a, b) => a - b);
  const steps: RosterStep[] = [];
  let maxAvailable = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const at = times[i]!;
    const middle = (at + times[i + 1]!) / 2;
    const paid = sum(shifts, middle);
    const present = Math.max(0, paid - sum(breaks, middle));
    const available = away > 0 ? present - awayAt(middle, present, SECONDS_PER_HOUR / Math.max(maxPaid, 1), away) : present;
    maxAvailable = Math.max(maxAvailable, available);
    const last = steps.at(-1);
    if (last !== undefined && last.paid === paid && last.available === available) continue;
    steps.push({ at, paid, available });
  }
  return { steps, maxAvailable };
}

/**
 * A staffing schedule (scenario `staffing`: steps sorted by time of day, repeated every day,
 * the last one in force over midnight until the first) as a roster: everyone scheduled is paid
 * and on the phone. Agents above a lower step leave when their call ends, as with shifts.
 */
export function rosterOfSchedule(schedule: ReadonlyArray<{ readonly at: number; readonly agents: number }>): Roster {
  const overnight = schedule[schedule.length - 1]!.agents;
  const steps: RosterStep[] = [];
  if (schedule[0]!.at > 0) steps.push({ at: 0, paid: overnight, available: overnight });
  for (const { at, agents } of schedule) {
    if (steps.at(-1)?.available === agents) continue;
    steps.push({ at, paid: agents, available: agents });
  }
  return { steps, maxAvailable: Math.max(...steps.map((step) => step.available)) };
}
