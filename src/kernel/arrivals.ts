import { SECONDS_PER_DAY } from './openHours.ts';

/** A stretch of the day with a constant arrival rate (calls per second). */
export interface RateSegment {
  /** Seconds from midnight. */
  readonly start: number;
  readonly end: number;
  readonly ratePerSecond: number;
}

/**
 * Non-homogeneous Poisson arrivals over a piecewise-constant rate, by inverting the
 * cumulative intensity: one unit-exponential draw per arrival, carried across segment
 * boundaries (exact, because the exponential is memoryless).
 */
export class ArrivalProcess {
  private day = 0;
  private segmentIndex = 0;
  private time: number;

  constructor(
    private readonly segments: readonly RateSegment[],
    private readonly days: number,
    /** Arrival factor of each day (0: closed), or null for 1 every day. */
    private readonly dayFactors: Float64Array | null = null,
    /** Segments of each weekday (0 = monday) and the weekday of day 0, or null when every day has `segments`. */
    private readonly week: { readonly segments: readonly (readonly RateSegment[])[]; readonly firstWeekday: number } | null = null,
    /** Segments of the closed days (day factor 0), taken at factor 1; null: no arrivals on closed days. */
    private readonly closedDays: readonly RateSegment[] | null = null,
  ) {
    const first = this.segmentsOf(0);
    this.time = first.length > 0 ? first[0]!.start : Infinity;
  }

  private segmentsOf(day: number): readonly RateSegment[] {
    if (this.closedDays !== null && this.dayFactors !== null && this.dayFactors[day] === 0) return this.closedDays;
    return this.week === null ? this.segments : this.week.segments[(this.week.firstWeekday + day) % 7]!;
  }

  /** Time of the next arrival given a unit-exponential draw, or Infinity when the horizon is over. */
  next(unitExponential: number): number {
    let remaining = unitExponential;
    const perDay = this.week !== null || this.closedDays !== null;
    let segments = this.segmentsOf(this.day);
    while (this.day < this.days && segments.length > 0) {
      const segment = segments[this.segmentIndex]!;
      const offset = this.day * SECONDS_PER_DAY;
      const segmentEnd = offset + segment.end;
      if (this.time < offset + segment.start) this.time = offset + segment.start;
      const factor = this.dayFactors === null ? 1 : this.dayFactors[this.day]!;
      const rate = factor === 0 && this.closedDays !== null ? segment.ratePerSecond : segment.ratePerSecond * factor;
      const available = (segmentEnd - this.time) * rate;
      if (remaining < available) {
        this.time += remaining / rate;
        return this.time;
      }
      remaining -= available;
      this.segmentIndex++;
      if (this.segmentIndex === segments.length) {
        this.segmentIndex = 0;
        this.day++;
        if (perDay) segments = this.segmentsOf(this.day);
      }
      if (segments.length > 0) this.time = this.day * SECONDS_PER_DAY + segments[this.segmentIndex]!.start;
    }
    return Infinity;
  }
}
