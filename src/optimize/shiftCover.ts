/**
 * Which shifts to roster so that enough people answer in every interval: the classic
 * shift-scheduling covering problem (Dantzig, 1954), solved as an integer programme:
 *
 *   minimise  Σ x_s                      (shift assignments: people on shift)
 *   such that Σ_{s covers i} x_s ≥ r_i   for every interval i
 *             x_s ≥ 0 and whole.
 *
 * javascript-lp-solver solves it by branch and bound to optimality (no tolerance, no time
 * limit); a second solve keeps that count and picks, among the optimal rosters, one with the
 * fewest paid hours. The LP relaxation's bound (rounded up) shows how far from it the answer
 * could be: the gap.
 */
import lpSolver, { type Model, type SolveResult } from 'javascript-lp-solver';
import { parseTimeOfDay } from '../sim/calendar.ts';
import { clockOf } from './schedule.ts';
import type { IntervalTraffic } from './traffic.ts';

/**
 * The package's types describe an ES module, but under NodeNext TypeScript reads them as
 * CommonJS and puts the solver under `default`; at run time tsx hands over the solver itself.
 */
interface LpSolver {
  Solve(model: Model): SolveResult;
}
const solver = ((lpSolver as unknown as { default?: LpSolver }).default ?? lpSolver) as unknown as LpSolver;

/** A shift pattern: a name and the stretches of the day it works (a split shift has two). */
export interface ShiftPattern {
  readonly name: string;
  /** [start, end) seconds from midnight, sorted. */
  readonly parts: ReadonlyArray<readonly [number, number]>;
}

/** One pattern in the roster, with the people on it. */
export interface ShiftAssignment {
  readonly shift: ShiftPattern;
  readonly people: number;
}

export interface ShiftCover {
  readonly assignments: readonly ShiftAssignment[];
  /** Σ people on shift. */
  readonly people: number;
  /** Paid hours in a day (each person's hours in the interval grid). */
  readonly paidHours: number;
  /** People on shift in each interval, and the surplus over the requirement. */
  readonly onShift: readonly number[];
  /** ⌈LP relaxation⌉: no roster needs fewer. */
  readonly lowerBound: number;
  /** (people − lowerBound) / people; 0 proves the roster optimal by the bound alone. */
  readonly gap: number;
  /** Branch and bound ran to the end: the count is optimal, whatever the gap. */
  readonly optimal: boolean;
}

/** A requirement no pattern can cover. */
export class ShiftCoverError extends Error {}

/** `09:00-13:00` or a split shift `09:00-13:00+15:30-19:30` → a pattern. */
export function parseShift(text: string): ShiftPattern {
  const parts = text.split('+').map((part) => {
    const match = /^\s*(([01]\d|2[0-3]):[0-5]\d)\s*-\s*(([01]\d|2[0-3]):[0-5]\d|24:00)\s*$/.exec(part);
    if (!match) throw new ShiftCoverError(`shift ${JSON.stringify(text)}: write HH:MM-HH:MM, or a split shift 09:00-13:00+15:30-19:30.`);
    const start = parseTimeOfDay(match[1]!);
    const end = parseTimeOfDay(match[3]!);
    if (!(end > start)) throw new ShiftCoverError(`shift ${JSON.stringify(text)}: ${part.trim()} ends before it starts.`);
    return [start, end] as const;
  });
  parts.sort((a, b) => a[0] - b[0]);
  return { name: parts.map(([a, b]) => `${clockOf(a)}-${clockOf(b)}`).join('+'), parts };
}

/** Shift lengths tried by the default set, in hours. */
export const DEFAULT_SHIFT_HOURS: readonly number[] = [2, 3, 4, 6, 8];

/**
 * The default patterns when none are given: within each opening window, every stretch of
 * 2, 3, 4, 6 or 8 hours that starts on an interval boundary, plus the whole window; and,
 * with several windows, the split shift that works all of them (the shop's usual day).
 */
export function defaultShifts(windows: ReadonlyArray<readonly [number, number]>, intervalSeconds: number): ShiftPattern[] {
  const seen = new Map<string, ShiftPattern>();
  const add = (parts: Array<readonly [number, number]>): void => {
    const pattern = { name: parts.map(([a, b]) => `${clockOf(a)}-${clockOf(b)}`).join('+'), parts };
    if (!seen.has(pattern.name)) seen.set(pattern.name, pattern);
  };
  for (const [open, close] of windows) {
    for (const hours of DEFAULT_SHIFT_HOURS) {
      for (let start = open; start + hours * 3600 <= close; start += intervalSeconds) add([[start, start + hours * 3600]]);
    }
    add([[open, close]]);
  }
  if (windows.length > 1) add(windows.map(([a, b]) => [a, b] as const));
  return [...seen.values()];
}

/** Whether the pattern works the whole of an interval. */
function covers(shift: ShiftPattern, interval: IntervalTraffic): boolean {
  return shift.parts.some(([a, b]) => a <= interval.start && b >= interval.end);
}

function hoursOf(shift: ShiftPattern): number {
  return shift.parts.reduce((sum, [a, b]) => sum + (b - a), 0) / 3600;
}

/**
 * The fewest shift assignments covering `required[i]` people in every interval i (only
 * intervals with a requirement count). Throws {@link ShiftCoverError} when an interval
 * needing people is covered by no pattern.
 */
export function coverShifts(intervals: readonly IntervalTraffic[], required: readonly number[], shifts: readonly ShiftPattern[]): ShiftCover {
  const needed = intervals.filter((interval) => required[interval.index]! > 0);
  for (const interval of needed) {
    if (!shifts.some((shift) => covers(shift, interval))) {
      throw new ShiftCoverError(
        `no shift works ${clockOf(interval.start)}-${clockOf(interval.end)}, which needs ${required[interval.index]} people; add a shift that covers it (e.g. --shift ${clockOf(interval.start)}-${clockOf(interval.end)}).`,
      );
    }
  }
  const useful = shifts.filter((shift) => needed.some((interval) => covers(shift, interval)));
  const constraints: Record<string, { min: number }> = {};
  for (const interval of needed) constraints[`i${interval.index}`] = { min: required[interval.index]! };
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  useful.forEach((shift, s) => {
    const coefficients: Record<string, number> = { people: 1, hours: hoursOf(shift) };
    for (const interval of needed) if (covers(shift, interval)) coefficients[`i${interval.index}`] = 1;
    variables[`s${s}`] = coefficients;
    ints[`s${s}`] = 1;
  });
  if (needed.length === 0) return finish(intervals, required, [], 0);
  const relaxed = solver.Solve({ optimize: 'people', opType: 'min', constraints, variables });
  const lowerBound = Math.ceil(relaxed.result - 1e-6);
  const fewest = solver.Solve({ optimize: 'people', opType: 'min', constraints, variables, ints });
  if (!fewest.feasible) throw new ShiftCoverError('the shift cover has no solution (the solver found none); report this with the scenario.');
  const count = Math.round(fewest.result);
  // Among rosters of that many people, the fewest paid hours.
  const cheapest = solver.Solve({
    optimize: 'hours',
    opType: 'min',
    constraints: { ...constraints, people: { max: count } },
    variables,
    ints,
  });
  const solution = cheapest.feasible ? cheapest : fewest;
  const assignments = useful
    .map((shift, s) => ({ shift, people: Math.round(Number(solution[`s${s}`] ?? 0)) }))
    .filter((assignment) => assignment.people > 0)
    .sort((a, b) => a.shift.parts[0]![0] - b.shift.parts[0]![0] || a.shift.name.localeCompare(b.shift.name));
  return finish(intervals, required, assignments, lowerBound);
}

function finish(intervals: readonly IntervalTraffic[], required: readonly number[], assignments: ShiftAssignment[], lowerBound: number): ShiftCover {
  const onShift = intervals.map((interval) => assignments.reduce((sum, a) => sum + (covers(a.shift, interval) ? a.people : 0), 0));
  // Check the solver's answer rather than trust floating-point pivots.
  const short = intervals.find((interval) => onShift[interval.index]! < required[interval.index]!);
  if (short !== undefined) throw new ShiftCoverError(`the solver's roster leaves ${clockOf(short.start)} short; report this with the scenario.`);
  const people = assignments.reduce((sum, a) => sum + a.people, 0);
  return {
    assignments,
    people,
    paidHours: assignments.reduce((sum, a) => sum + a.people * hoursOf(a.shift), 0),
    onShift,
    lowerBound,
    gap: people > 0 ? (people - lowerBound) / people : 0,
    optimal: true,
  };
}
