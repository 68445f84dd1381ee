/** Paired differences, Welch's interval and replications needed, against hand computations. */
import { describe, expect, it } from 'vitest';
import { excludesZero, pairedDifference, welchDifference } from '../../src/compare/pairedDifference.ts';
import { replicationsForHalfWidth, replicationsForSignificance, replicationsNeeded } from '../../src/compare/replicationsNeeded.ts';

describe('pairedDifference', () => {
  // d = plan − base = [-2, -1, -3, -1]: mean -1.75, s² = 2.75 / 3, t(0.975, 3) = 3.182446305.
  const base = [10, 12, 9, 11];
  const plan = [8, 11, 6, 10];

  it('is the Student-t interval of the per-replication differences', () => {
    const result = pairedDifference(base, plan, 0.95);
    const s = Math.sqrt(2.75 / 3);
    const halfWidth = (3.182446305284263 * s) / 2;
    expect(result.mean).toBeCloseTo(-1.75, 12);
    expect(result.stdDev).toBeCloseTo(0.957427107756338, 12);
    expect(result.halfWidth).toBeCloseTo(halfWidth, 9);
    expect(result.halfWidth).toBeCloseTo(1.52348, 5);
    expect(result.low).toBeCloseTo(-1.75 - halfWidth, 9);
    expect(result.high).toBeCloseTo(-1.75 + halfWidth, 9);
    expect(result.replications).toBe(4);
    expect(result.confidence).toBe(0.95);
    expect(result.significant).toBe(true);
  });

  it('compares the paired variance with the variance of independent means', () => {
    const result = pairedDifference(base, plan);
    // var(base) = 5/3, var(plan) = 14.75/3, var(d) = 2.75/3; each over n = 4.
    expect(result.pairedVariance).toBeCloseTo(2.75 / 3 / 4, 12);
    expect(result.independentVariance).toBeCloseTo((5 / 3 + 14.75 / 3) / 4, 12);
    expect(result.varianceReduction).toBeCloseTo(1 - 2.75 / (5 + 14.75), 12);
    expect(result.independentHalfWidth).toBeCloseTo(welchDifference(base, plan).halfWidth, 12);
    expect(result.independentHalfWidth).toBeGreaterThan(result.halfWidth);
  });

  it('at 99% the interval is wider and here includes 0: not significant', () => {
    const result = pairedDifference(base, plan, 0.99);
    expect(result.halfWidth).toBeCloseTo((5.840909309733 * Math.sqrt(2.75 / 3)) / 2, 8);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.significant).toBe(false);
  });

  it('significance: differences around 0 are not; a constant non-zero difference is; nothing changed is not', () => {
    expect(pairedDifference([1, 2, 3, 4], [2, 1, 5, 2]).significant).toBe(false);
    const constant = pairedDifference([100, 90, 110], [150, 140, 160]);
    expect([constant.mean, constant.halfWidth, constant.significant]).toEqual([50, 0, true]);
    const same = pairedDifference([3, 4, 5], [3, 4, 5]);
    expect([same.mean, same.low, same.high, same.significant, same.varianceReduction]).toEqual([0, 0, 0, false, 1]);
    const constantBoth = pairedDifference([2, 2], [2, 2]);
    expect(constantBoth.varianceReduction).toBeNull();
    expect(excludesZero({ low: 0, high: 3 })).toBe(false);
    expect(excludesZero({ low: -3, high: -0.001 })).toBe(true);
  });

  it('refuses what cannot be paired', () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(/same replications/);
    expect(() => pairedDifference([1], [2])).toThrow(/at least 2 replications/);
    expect(() => pairedDifference([1, 2], [2, 3], 1.5)).toThrow(/confidence/);
  });
});

describe('welchDifference', () => {
  it("matches Welch's formula by hand", () => {
    const base = [10, 12, 9, 11];
    const plan = [8, 11, 6, 10, 7];
    // var(base) = 5/3 over 4; var(plan) = 17.2/4 = 4.3 over 5.
    const a = 5 / 3 / 4;
    const b = 4.3 / 5;
    const degrees = (a + b) ** 2 / (a ** 2 / 3 + b ** 2 / 4);
    const result = welchDifference(base, plan);
    expect(result.degrees).toBeCloseTo(degrees, 10);
    expect(result.mean).toBeCloseTo(8.4 - 10.5, 12);
    // t(0.975, 6.71…) (between t(6) = 2.4469 and t(7) = 2.3646).
    expect(result.halfWidth / Math.sqrt(a + b)).toBeGreaterThan(2.3646);
    expect(result.halfWidth / Math.sqrt(a + b)).toBeLessThan(2.4469);
    // -2.1 ± 2.7: independent samples this noisy cannot tell.
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.significant).toBe(false);
  });
});

describe('replicationsNeeded: n ≈ n₀ · (h₀ / h)²', () => {
  it('follows the formula, rounded up', () => {
    // 10 replications, mean 2000 ± 300 (±15%): for ±5% the half-width must shrink 3×, so 9× the replications.
    expect(replicationsNeeded({ mean: 2000, halfWidth: 300, replications: 10 }, 0.05)).toBe(90);
    // ±10%: (300 / 200)² × 10 = 22.5 → 23.
    expect(replicationsNeeded({ mean: 2000, halfWidth: 300, replications: 10 }, 0.1)).toBe(23);
    // The sign of the mean does not matter.
    expect(replicationsNeeded({ mean: -2000, halfWidth: 300, replications: 10 }, 0.1)).toBe(23);
    expect(replicationsForHalfWidth({ mean: 0, halfWidth: 4, replications: 5 }, 1)).toBe(80);
  });

  it('already precise enough: fewer than the pilot, but at least 2', () => {
    expect(replicationsNeeded({ mean: 1000, halfWidth: 25, replications: 10 }, 0.05)).toBe(3);
    expect(replicationsNeeded({ mean: 1000, halfWidth: 1, replications: 10 }, 0.05)).toBe(2);
    expect(replicationsNeeded({ mean: 1056, halfWidth: 0, replications: 10 }, 0.05)).toBe(2);
  });

  it('unknown with one replication; unreachable around a mean of 0', () => {
    expect(replicationsNeeded({ mean: 5, halfWidth: 0, replications: 1 }, 0.05)).toBeNull();
    expect(replicationsNeeded({ mean: 0, halfWidth: 2, replications: 10 }, 0.05)).toBe(Infinity);
    expect(replicationsNeeded({ mean: 0, halfWidth: 0, replications: 10 }, 0.05)).toBe(2);
    expect(() => replicationsNeeded({ mean: 5, halfWidth: 1, replications: 10 }, 0)).toThrow(RangeError);
  });

  it('replications for a difference to be significant: its half-width below its size', () => {
    expect(replicationsForSignificance({ mean: 300, halfWidth: 100, replications: 10 })).toBe(10);
    // 10 × (600 / 300)² = 40.
    expect(replicationsForSignificance({ mean: -300, halfWidth: 600, replications: 10 })).toBe(40);
    expect(replicationsForSignificance({ mean: 0, halfWidth: 0, replications: 10 })).toBe(Infinity);
    expect(replicationsForSignificance({ mean: 10, halfWidth: 10, replications: 1 })).toBeNull();
  });
});
