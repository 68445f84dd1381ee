import { describe, expect, it } from 'vitest';
import { studentTQuantile, studentTQuantileCacheSize, studentTQuantileUncached } from '../../src/metrics/studentT.ts';

describe('studentTQuantile (memoised)', () => {
  it('gives the reference values', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8);
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313751515, 8);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 8);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('returns exactly the uncached value, on the first call and on later ones', () => {
    const cases: Array<[number, number]> = [
      [0.975, 1], [0.975, 2], [0.975, 29], [0.995, 5], [0.95, 10], [0.9995, 19], [0.025, 10], [0.8, 3.5], [0.999, 1000],
    ];
    for (const [p, df] of cases) {
      const fresh = studentTQuantileUncached(p, df);
      expect(studentTQuantile(p, df)).toBe(fresh);
      expect(studentTQuantile(p, df)).toBe(fresh);
    }
  });

  it('keeps p and degrees apart in its key, and still refuses a probability outside (0, 1)', () => {
    expect(studentTQuantile(0.975, 10)).not.toBe(studentTQuantile(0.975, 11));
    expect(studentTQuantile(0.975, 10)).not.toBe(studentTQuantile(0.9751, 10));
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
  });

  it('stays bounded', () => {
    for (let df = 1; df <= 5000; df++) studentTQuantile(0.9, df);
    expect(studentTQuantileCacheSize()).toBeLessThanOrEqual(4096);
    expect(studentTQuantile(0.9, 1)).toBe(studentTQuantileUncached(0.9, 1));
  });
});
