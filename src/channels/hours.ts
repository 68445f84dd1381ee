/** A written channel's opening and staffed windows: seconds from midnight, the same every day. */
import { SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { parseOpeningWindow } from '../sim/calendar.ts';

/** Daily windows, as [start, end) seconds from midnight. */
export type DailyWindows = ReadonlyArray<readonly [number, number]>;

/** Parses "HH:MM-HH:MM" windows, earliest first. */
export function windowsOf(hours: readonly string[]): Array<[number, number]> {
  return hours.map(parseOpeningWindow).sort((a, b) => a[0] - b[0]);
}

export function inWindows(timeOfDay: number, windows: DailyWindows): boolean {
  return windows.some(([start, end]) => timeOfDay >= start && timeOfDay < end);
}

/** End of the opening window that starts at (or contains) time `t`. */
export function windowEndAfter(windows: DailyWindows, t: number): number {
  const offset = Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const window = windows.find(([start, end]) => t >= offset + start && t < offset + end);
  return window === undefined ? t : offset + window[1];
}

/** Hours inside the windows over the whole run. */
export function staffedHours(windows: DailyWindows, days: number): number {
  return (windows.reduce((sum, [start, end]) => sum + (end - start), 0) * days) / 3600;
}
