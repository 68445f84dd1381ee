/**
 * Timestamps in call logs, and the two clocks calibration needs.
 *
 * - `wall`: the local date and time as written (or converted to `--tz`), counted in
 *   seconds as if it were UTC. Time of day, interval and weekday come from it, so 09:00
 *   is 09:00 whatever the offset.
 * - `instant`: the real moment (seconds since the Unix epoch). Waits and talk times are
 *   differences of instants, so a call across a daylight-saving change is not an hour off.
 *   Without an offset the two are the same number.
 */

export interface Timestamp {
  readonly wall: number;
  readonly instant: number;
  /** UTC offset written in the text, in minutes (`Z` is 0), or null when none was written. */
  readonly offsetMinutes: number | null;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses `YYYY-MM-DD HH:MM:SS` (Asterisk CDR, local time) or ISO 8601
 * `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM|±HH]`. Returns null for anything else,
 * including impossible dates such as 2026-02-30 or 25:00.
 */
export function parseTimestamp(text: string): Timestamp | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 + (fraction ? Number(`0.${fraction}`) : 0);
  let offsetMinutes: number | null = null;
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offsetMinutes = 0;
    else {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (hours > 14 || minutes > 59) return null;
      offsetMinutes = sign * (hours * 60 + minutes);
    }
  }
  return { wall, instant: offsetMinutes === null ? wall : wall - offsetMinutes * 60, offsetMinutes };
}

/** `+01:00`, `-05:30`, `Z`, or `no offset`. */
export function describeOffset(offsetMinutes: number | null): string {
  if (offsetMinutes === null) return 'no offset (local time)';
  if (offsetMinutes === 0) return 'Z (UTC)';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`;
}

/**
 * Converts between instants and the wall clock of an IANA time zone (e.g. `Europe/Rome`),
 * daylight saving included, with `Intl` (no time-zone database to ship). Offsets are cached
 * per quarter hour, so a log of millions of rows costs a few thousand `Intl` calls.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();

  /** Throws a RangeError for an unknown zone name. */
  constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Offset of the zone from UTC at this instant, in seconds (Rome in winter: 3600). */
  offsetAt(instant: number): number {
    const key = Math.floor(instant / 900);
    let offset = this.cache.get(key);
    if (offset === undefined) {
      const at = key * 900;
      const parts: Record<string, number> = {};
      for (const part of this.format.formatToParts(new Date(at * 1000))) {
        if (part.type !== 'literal') parts[part.type] = Number(part.value);
      }
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) / 1000;
      offset = wall - at;
      this.cache.set(key, offset);
    }
    return offset;
  }

  /** Wall-clock seconds of an instant in this zone. */
  wallOf(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * Instant of a local wall-clock time in this zone. In the hour skipped by a
   * daylight-saving change the result is an hour on; in the repeated hour, the first one.
   */
  instantOf(wall: number): number {
    const guess = wall - this.offsetAt(wall);
    const refined = wall - this.offsetAt(guess);
    return this.wallOf(refined) === wall ? refined : guess;
  }
}
