/**
 * Time helpers of a simulation open on some hours of some days: when the line opens next,
 * which reporting interval a time falls in, and how a stretch of time splits into open time per
 * interval. They know no feature: any model with opening hours, a warm-up and a horizon will do.
 */

export const SECONDS_PER_DAY = 86_400;

/** Opening hours of a run, and the part of it that is measured. */
export interface OpenHours {
  /** Opening windows of a day, sorted: seconds from midnight. */
  readonly windows: ReadonlyArray<readonly [number, number]>;
  readonly days: number;
  /** Arrival factor of each day (0: closed), or null for 1 every day. */
  readonly dayFactors: Float64Array | null;
  /** Statistics count from `warmup` to `horizon` (seconds from the start). */
  readonly warmup: number;
  readonly horizon: number;
  readonly intervalSeconds: number;
}

/**
 * The first time at or after `t` when the line is open (`windows` sorted, seconds from
 * midnight, repeated on each of `days` days but closed days), or Infinity after the last day.
 */
export function nextOpenTime(
  windows: ReadonlyArray<readonly [number, number]>,
  days: number,
  t: number,
  dayFactors: Float64Array | null = null,
): number {
  for (let day = Math.max(0, Math.floor(t / SECONDS_PER_DAY)); day < days; day++) {
    if (dayFactors !== null && dayFactors[day] === 0) continue;
    const offset = day * SECONDS_PER_DAY;
    for (const [start, end] of windows) {
      if (t < offset + end) return Math.max(t, offset + start);
    }
  }
  return Infinity;
}

/**
 * When reporting interval `bucket` (the one `t` falls in) ends: the next interval's start, or
 * midnight for a day's last interval.
 */
export function bucketEndOf(t: number, bucket: number, intervalSeconds: number): number {
  const dayStart = Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return Math.min(dayStart + (bucket + 1) * intervalSeconds, dayStart + SECONDS_PER_DAY);
}

/**
 * Reporting interval of the day that time `t` falls in. Written without `%`: on doubles V8
 * calls out to fmod, which showed up in the benchmark's profile.
 */
export function bucketOf(t: number, intervalSeconds: number): number {
  return Math.floor((t - Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY) / intervalSeconds);
}

/**
 * The reporting interval holding all of [start, end) when that stretch lies in one interval
 * of one opening window of one day (most calls do), or -1.
 */
export function singleOpenBucket(model: OpenHours, start: number, end: number): number {
  const offset = Math.floor(start / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const bucket = Math.floor((start - offset) / model.intervalSeconds);
  if (end > offset + (bucket + 1) * model.intervalSeconds) return -1;
  const windows = model.windows;
  for (let i = 0; i < windows.length; i++) {
    const window = windows[i]!;
    if (start >= offset + window[0] && end <= offset + window[1]) return bucket;
  }
  return -1;
}

/**
 * Splits [from, to) into the parts that fall in opening hours after the warm-up, per
 * reporting interval of the day, and hands each part to `add(bucket, seconds)`.
 */
export function addOpenTime(
  model: OpenHours,
  from: number,
  to: number,
  add: (bucket: number, seconds: number) => void,
): void {
  const start = from > model.warmup ? from : model.warmup;
  const end = to < model.horizon ? to : model.horizon;
  if (!(end > start)) return;
  const dayFactors = model.dayFactors;
  const single = dayFactors === null ? singleOpenBucket(model, start, end) : -1;
  if (single >= 0) {
    add(single, end - start);
    return;
  }
  const firstDay = Math.floor(start / SECONDS_PER_DAY);
  const lastDay = Math.min(Math.floor(end / SECONDS_PER_DAY), model.days - 1);
  for (let day = firstDay; day <= lastDay; day++) {
    // A closed day (holiday, factor 0) has no open time: nobody is paid, nothing is measured.
    if (dayFactors !== null && dayFactors[day] === 0) continue;
    const offset = day * SECONDS_PER_DAY;
    for (const [windowStart, windowEnd] of model.windows) {
      let a = Math.max(start, offset + windowStart);
      const b = Math.min(end, offset + windowEnd);
      while (a < b) {
        const bucket = Math.floor((a - offset) / model.intervalSeconds);
        const bucketEnd = Math.min(b, offset + (bucket + 1) * model.intervalSeconds);
        add(bucket, bucketEnd - a);
        a = bucketEnd;
      }
    }
  }
}

