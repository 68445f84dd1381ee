/**
 * Ranges (a mean with its confidence interval) as the report shows them, and the factors that
 * scale figures of the simulated days to a week and a year.
 *
 * @module
 */
import type { Interval } from '../../compare/pairedDifference.ts';
import type { Estimate } from '../../metrics/estimate.ts';

/** A mean with the ends of its confidence interval (low = high = mean with one replication). */
export interface Range {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * A KPI's mean and interval, scaled. Every KPI is a count, rate, time or amount that cannot
 * be negative, so the interval's low end stops at 0 (with few replications the t interval
 * can reach below it).
 */
export function rangeOf(estimate: Estimate, factor = 1): Range {
  return { mean: estimate.mean * factor, low: Math.max(0, (estimate.mean - estimate.halfWidth) * factor), high: (estimate.mean + estimate.halfWidth) * factor };
}

/** A share's mean and interval, its ends kept within 0…1 (a t interval can pass 100% too). */
export function shareRangeOf(estimate: Estimate): Range {
  const range = rangeOf(estimate);
  return { ...range, high: Math.min(1, range.high) };
}

export function scaled(interval: Interval, factor = 1): Range {
  return { mean: interval.mean * factor, low: interval.low * factor, high: interval.high * factor };
}

export function sumRanges(ranges: readonly Range[]): Range {
  return ranges.reduce((sum, range) => ({ mean: sum.mean + range.mean, low: sum.low + range.low, high: sum.high + range.high }), { mean: 0, low: 0, high: 0 });
}

/** Factors from figures over the simulated days to figures a week and a year of open days. */
export interface Scale {
  readonly perWeek: number;
  readonly perYear: number;
}
