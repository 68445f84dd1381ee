/**
 * Reads the time fields of a log with one time-zone policy for the whole file:
 *
 * - without `--tz`, every time must carry the same UTC offset, or none at all; the first
 *   time read sets it, and the first time with a different one is a LOG_MIXED_TIMEZONES
 *   error (reported once per offset, with the row where it was first seen);
 * - with `--tz`, times without an offset are local times of that zone and times with an
 *   offset are converted to its wall clock, so a log that crosses a daylight-saving change
 *   (+01:00 in winter, +02:00 in summer) reads correctly.
 */
import type { LogDiagnostic } from './diagnostics.ts';
import { describeOffset, parseTimestamp, type ZoneClock } from './time.ts';

export interface ReadTime {
  readonly wall: number;
  readonly instant: number;
}

/** A time, or an error (its diagnostic is null when the same problem was already reported). */
export type TimeResult = { ok: true; time: ReadTime } | { ok: false; diagnostic: LogDiagnostic | null };

export class TimeReader {
  private first: { offset: number | null; line: number } | undefined;
  private readonly reported = new Set<number | null>();

  constructor(
    private readonly file: string,
    private readonly zone: ZoneClock | null,
  ) {}

  /** Parses one time field; `what` names it in messages (e.g. `start (column 10)`). */
  read(text: string, line: number, column: number, what: string): TimeResult {
    const parsed = parseTimestamp(text);
    if (parsed === null) {
      return {
        ok: false,
        diagnostic: {
          code: 'LOG_BAD_DATE',
          file: this.file,
          line,
          column,
          field: what,
          message: `${what} is ${JSON.stringify(text)}, not a date and time`,
          hint: 'write times as YYYY-MM-DD HH:MM:SS (Asterisk, local time) or ISO 8601 such as 2026-03-02T09:15:03+01:00',
        },
      };
    }
    if (this.zone !== null) {
      if (parsed.offsetMinutes === null) return { ok: true, time: { wall: parsed.wall, instant: this.zone.instantOf(parsed.wall) } };
      return { ok: true, time: { wall: this.zone.wallOf(parsed.instant), instant: parsed.instant } };
    }
    if (this.first === undefined) this.first = { offset: parsed.offsetMinutes, line };
    if (parsed.offsetMinutes !== this.first.offset) {
      if (this.reported.has(parsed.offsetMinutes)) return { ok: false, diagnostic: null };
      this.reported.add(parsed.offsetMinutes);
      return {
        ok: false,
        diagnostic: {
          code: 'LOG_MIXED_TIMEZONES',
          file: this.file,
          line,
          column,
          field: what,
          message:
            `${what} is ${JSON.stringify(text)} with ${describeOffset(parsed.offsetMinutes)}, but the log started with ` +
            `${describeOffset(this.first.offset)} (line ${this.first.line}); later rows with ${describeOffset(parsed.offsetMinutes)} are not listed`,
          hint: 'pass --tz with the centre’s time zone (e.g. --tz Europe/Rome) to convert every time to its local time, or export the log in one offset',
        },
      };
    }
    return { ok: true, time: { wall: parsed.wall, instant: parsed.instant } };
  }

  /** The offset of the times read so far (null: local times), if any was read. */
  get offset(): number | null | undefined {
    return this.first?.offset;
  }
}
