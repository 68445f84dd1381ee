/**
 * The grid of a sweep: each `--set PATH=VALUES` gives a setting and the values it takes;
 * the points are every combination, in the order the settings were given (the last one
 * varies fastest). Values: a list `2,3,4`, a range `2..8` or `10..60:10` (whole steps), or
 * words: `true`, `false`, `unlimited`, any other text as a string.
 */
import { parseOverridePath } from '../scenario/load.ts';

/** One swept setting: an override path and its values. */
export interface SweepAxis {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** One point of the grid: override path → value, in axis order. */
export type SweepPoint = Readonly<Record<string, unknown>>;

/** Short names for the settings swept most often. */
export const SWEEP_ALIASES: Readonly<Record<string, string>> = {
  agents: 'agents.count',
  capacity: 'queue.capacity',
};

/** Most points a sweep may have: beyond it, the grid is surely a typo (2..8000). */
export const MAX_SWEEP_POINTS = 10_000;

/** A `--set` that cannot be read, with what to do. */
export class SweepSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepSetError';
  }
}

function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

function parseValues(text: string, setting: string): unknown[] {
  const range = /^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*(?::\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] !== undefined ? Number(range[3]) : 1;
    if (!(step > 0)) throw new SweepSetError(`--set ${setting}: the step of ${text} must be more than 0, e.g. 10..60:10.`);
    if (to < from) throw new SweepSetError(`--set ${setting}: the range ${text} runs backwards; write the smaller value first, e.g. 2..8.`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_SWEEP_POINTS) throw new SweepSetError(`--set ${setting}: ${text} has ${count} values, more than ${MAX_SWEEP_POINTS}; use a step, e.g. ${from}..${to}:${Math.ceil((to - from) / 20)}.`);
    // Multiplying rather than adding keeps 0.1 steps free of drift (0.30000000000000004).
    return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
  }
  const values = text.split(',').map(parseValue);
  if (values.some((value) => value === '')) throw new SweepSetError(`--set ${setting}: ${JSON.stringify(text)} has an empty value; write values as 2,3,4 or a range 2..8.`);
  return values;
}

/** `agents.count=2..8` → the axis; aliases such as `agents` are expanded. */
export function parseSetOption(text: string): SweepAxis {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new SweepSetError(`--set ${JSON.stringify(text)} needs PATH=VALUES, e.g. --set agents.count=2..8 or --set queue.capacity=5,10,unlimited.`);
  const written = text.slice(0, equals).trim();
  const path = SWEEP_ALIASES[written] ?? written;
  const parsed = parseOverridePath(path);
  if ('problem' in parsed) throw new SweepSetError(`--set ${written}: the path ${parsed.problem}; write a dotted path such as agents.count or problemTypes[pre-vendita].handleTime.mean.`);
  return { path, values: parseValues(text.slice(equals + 1), written) };
}

/** Every combination of the axes' values; the last axis varies fastest. */
export function gridPoints(axes: readonly SweepAxis[]): SweepPoint[] {
  const seen = new Set<string>();
  for (const axis of axes) {
    if (seen.has(axis.path)) throw new SweepSetError(`--set ${axis.path} is given twice; give all its values in one --set, e.g. ${axis.path}=2,3,4.`);
    seen.add(axis.path);
  }
  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (total > MAX_SWEEP_POINTS) throw new SweepSetError(`the sweep has ${total} points, more than ${MAX_SWEEP_POINTS}; sweep fewer values or settings.`);
  let points: Array<Record<string, unknown>> = [{}];
  for (const axis of axes) points = points.flatMap((point) => axis.values.map((value) => ({ ...point, [axis.path]: value })));
  return points;
}

/** `agents.count=3, queue.capacity=unlimited`: a point as people read it. */
export function pointLabel(point: SweepPoint): string {
  return Object.entries(point)
    .map(([path, value]) => `${path}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
