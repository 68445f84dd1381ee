/**
 * A streaming quantile of non-negative values with a stated error bound, in constant memory: a
 * histogram with logarithmically spaced bins (the idea of DDSketch, Masson, Rim and Lee, VLDB
 * 2019). A positive value x goes to bin ⌈log_γ x⌉ with γ = (1 + α)/(1 − α); every value of a bin
 * is within a relative distance α of the bin's representative 2γⁱ/(γ + 1). So the sketch's
 * q-quantile is within α (0.5%) of the exact order statistic at rank ⌊q(n − 1)⌋, for values from
 * {@link MIN_VALUE} up; zeros are counted exactly, and values between 0 and MIN_VALUE count as
 * MIN_VALUE. It replaces an array of every wait (8 MB a million calls).
 */

/** Relative accuracy of the quantiles. */
export const RELATIVE_ACCURACY = 0.005;
/** Smallest value told apart from its neighbours (a millisecond of wait). */
export const MIN_VALUE = 1e-3;
/** Largest value kept exactly in its bin: larger ones go to the last bin (about 11 years in seconds). */
const MAX_VALUE = 3.6e8;

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
const FIRST_INDEX = Math.ceil(Math.log(MIN_VALUE) / LOG_GAMMA);
const BINS = Math.ceil(Math.log(MAX_VALUE) / LOG_GAMMA) - FIRST_INDEX + 1;

export class QuantileSketch {
  private readonly bins = new Float64Array(BINS);
  private zeros = 0;
  private count = 0;

  /** Adds a value (≥ 0). */
  add(value: number): void {
    this.count++;
    if (value === 0) {
      this.zeros++;
      return;
    }
    const index = value <= MIN_VALUE ? 0 : Math.min(BINS - 1, Math.ceil(Math.log(value) / LOG_GAMMA) - FIRST_INDEX);
    this.bins[index]! += 1;
  }

  /** Adds `count` zeros. */
  addZeros(count: number): void {
    this.zeros += count;
    this.count += count;
  }

  get size(): number {
    return this.count;
  }

  /** The q-quantile (0 ≤ q ≤ 1): the value at rank ⌊q(n − 1)⌋ within {@link RELATIVE_ACCURACY}; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.floor(q * (this.count - 1));
    if (rank < this.zeros) return 0;
    let seen = this.zeros;
    const bins = this.bins;
    for (let index = 0; index < BINS; index++) {
      seen += bins[index]!;
      if (seen > rank) return (2 * Math.pow(GAMMA, index + FIRST_INDEX)) / (GAMMA + 1);
    }
    return MAX_VALUE;
  }
}
