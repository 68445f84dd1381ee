/**
 * Checks of opening hours: each window must open before it closes, and windows must not
 * overlap. Also the time arithmetic the arrival checks share.
 */
import type { Finding } from '../finding.ts';
import { openingWindowSchema } from '../schema.ts';
import { items, parsedOr } from './values.ts';

/** A valid opening window, in minutes of the day. */
export interface OpeningWindow {
  readonly index: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** `"09:30"` → 570. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.trim().split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** 570 → `"09:30"`. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `"09:00-13:00"` → its start and end in minutes of the day. */
export function windowMinutes(text: string): { start: number; end: number } {
  const [from, to] = text.split('-') as [string, string];
  return { start: minutesOfDay(from), end: minutesOfDay(to) };
}

/** The windows of `openingHours` that are valid and open before they close, and findings for those that do not. */
function readWindows(openingHours: unknown): { windows: OpeningWindow[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const windows: OpeningWindow[] = [];
  items(openingHours).forEach((entry, index) => {
    const text = parsedOr(openingWindowSchema, entry);
    if (text === undefined) return;
    const { start, end } = windowMinutes(text);
    const label = `openingHours[${index}]`;
    if (end <= start) {
      findings.push({
        code: 'OPENING_HOURS',
        path: ['openingHours', index],
        message:
          end === start
            ? `${label} ${JSON.stringify(text.trim())} is empty: it opens and closes at ${clock(start)}`
            : `${label} ${JSON.stringify(text.trim())} ends at ${clock(end)}, before it starts at ${clock(start)}`,
        hint:
          end === start
            ? 'give the window a closing time after its opening time, or remove it'
            : `write the earlier time first; a window across midnight must be split in two, e.g. "${clock(start)}-24:00" and "00:00-${clock(end)}"`,
      });
      return;
    }
    windows.push({ index, text: text.trim(), start, end });
  });
  return { windows, findings };
}

/** The valid windows written in openingHours (none when it is absent). */
export function writtenWindows(data: Record<string, unknown>): OpeningWindow[] {
  return readWindows(data.openingHours).windows;
}

export function openingHoursFindings(data: Record<string, unknown>): Finding[] {
  const { windows, findings } = readWindows(data.openingHours);
  for (let j = 0; j < windows.length; j++) {
    for (let i = 0; i < j; i++) {
      const earlier = windows[i]!;
      const later = windows[j]!;
      const overlapStart = Math.max(earlier.start, later.start);
      const overlapEnd = Math.min(earlier.end, later.end);
      if (overlapStart >= overlapEnd) continue;
      findings.push({
        code: 'OPENING_HOURS',
        path: ['openingHours', later.index],
        message: `openingHours[${later.index}] "${later.text}" overlaps openingHours[${earlier.index}] "${earlier.text}" from ${clock(overlapStart)} to ${clock(overlapEnd)}`,
        hint: `make the windows separate, or merge them into "${clock(Math.min(earlier.start, later.start))}-${clock(Math.max(earlier.end, later.end))}"`,
      });
    }
  }
  return findings;
}
