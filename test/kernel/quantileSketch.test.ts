import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/kernel/rng.ts';
import { MIN_VALUE, QuantileSketch, RELATIVE_ACCURACY } from '../../src/kernel/quantileSketch.ts';

/** The exact order statistic at rank ⌊q(n − 1)⌋. */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('QuantileSketch', () => {
  it('is within its stated relative accuracy of the exact order statistic', () => {
    const rng = createStream(11, 'sketch');
    for (const shape of ['exponential', 'lognormal', 'mostly zero']) {
      const values: number[] = [];
      const sketch = new QuantileSketch();
      for (let i = 0; i < 20_000; i++) {
        const u = rng.next();
        const value =
          shape === 'exponential' ? -Math.log(1 - u) * 60 : shape === 'lognormal' ? Math.exp(3 + 2 * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * rng.next())) : u < 0.8 ? 0 : 600 * rng.next();
        values.push(value);
        sketch.add(value);
      }
      for (const q of [0, 0.1, 0.5, 0.8, 0.9, 0.99, 1]) {
        const truth = exact(values, q);
        const estimate = sketch.quantile(q);
        if (truth === 0) expect(estimate, `${shape} q=${q}`).toBe(0);
        else if (truth < MIN_VALUE) expect(estimate).toBeLessThanOrEqual(MIN_VALUE * (1 + RELATIVE_ACCURACY));
        else expect(Math.abs(estimate - truth) / truth, `${shape} q=${q}: ${estimate} vs ${truth}`).toBeLessThanOrEqual(RELATIVE_ACCURACY);
      }
    }
  });

  it('counts zeros exactly and keeps constant memory', () => {
    const sketch = new QuantileSketch();
    sketch.addZeros(89);
    for (let i = 1; i <= 11; i++) sketch.add(i);
    expect(sketch.size).toBe(100);
    // Rank ⌊0.9 × 99⌋ = 89: the first positive value, 1.
    expect(Math.abs(sketch.quantile(0.9) - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    expect(sketch.quantile(0.88)).toBe(0);
    expect(new QuantileSketch().quantile(0.9)).toBe(0);
  });
});
