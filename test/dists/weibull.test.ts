/**
 * The Weibull distribution against theory, like test/dists/sample.test.ts: mean and
 * variance against the closed forms (raw moments λⁿ·Γ(1 + n/k), with simple-statistics'
 * gammaln as an independent ln Γ), sample moments within 4 standard errors, a
 * Kolmogorov–Smirnov test against the CDF 1 − exp(−(x/λ)^k) at the 0.1% level, one draw
 * per sample by inversion, and the schema that accepts it.
 */
import { gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { distributionSchema, logGamma, meanOf, samplerFor, varianceOf, type Distribution } from '../../src/dists/index.ts';
import { createStream, type RandomStream } from '../../src/kernel/rng.ts';

const N = 200_000;

interface WeibullCase {
  shape: number;
  scale: number;
}

const cases: WeibullCase[] = [
  { shape: 0.6, scale: 90 },
  { shape: 1, scale: 120 },
  { shape: 1.4, scale: 150 },
  { shape: 3.5, scale: 40 },
];

/** Raw moment E[Xⁿ] = λⁿ·Γ(1 + n/k). */
function rawMoment({ shape, scale }: WeibullCase, n: number): number {
  return scale ** n * Math.exp(gammaln(1 + n / shape));
}

function centralMoments(c: WeibullCase): { mean: number; variance: number; fourth: number } {
  const [m1, m2, m3, m4] = [1, 2, 3, 4].map((n) => rawMoment(c, n)) as [number, number, number, number];
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    fourth: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

const spec = ({ shape, scale }: WeibullCase): Distribution => ({ dist: 'weibull', shape, scale });

function draw(c: WeibullCase, rng: RandomStream, count = N): Float64Array {
  const sampler = samplerFor(spec(c));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = sampler(rng);
  return out;
}

describe('weibull distribution', () => {
  it('logGamma matches known values and simple-statistics', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 10);
    for (const x of [0.01, 0.3, 1.7, 4.2, 25, 170]) expect(logGamma(x)).toBeCloseTo(gammaln(x), 8);
  });

  it.each(cases)('meanOf and varianceOf match the closed forms (shape $shape, scale $scale)', (c) => {
    const { mean, variance } = centralMoments(c);
    expect(meanOf(spec(c)) / mean).toBeCloseTo(1, 10);
    expect(varianceOf(spec(c)) / variance).toBeCloseTo(1, 8);
  });

  it('shape 1 is the exponential with mean = scale', () => {
    expect(meanOf({ dist: 'weibull', shape: 1, scale: 75 })).toBeCloseTo(75, 9);
    expect(varianceOf({ dist: 'weibull', shape: 1, scale: 75 })).toBeCloseTo(75 * 75, 6);
  });

  it.each(cases)('sample mean and variance within 4 standard errors (shape $shape, scale $scale)', (c) => {
    const sample = draw(c, createStream(31, `weibull moments ${c.shape}`));
    let mean = 0;
    for (const x of sample) mean += x;
    mean /= N;
    let squares = 0;
    for (const x of sample) squares += (x - mean) ** 2;
    const variance = squares / (N - 1);
    const theory = centralMoments(c);
    expect(Math.abs(mean - theory.mean)).toBeLessThan(4 * Math.sqrt(theory.variance / N));
    expect(Math.abs(variance - theory.variance)).toBeLessThan(4 * Math.sqrt((theory.fourth - theory.variance ** 2) / N));
  });

  it.each(cases)('Kolmogorov–Smirnov against the CDF at the 0.1% level (shape $shape, scale $scale)', (c) => {
    const sorted = draw(c, createStream(32, `weibull ks ${c.shape}`)).sort();
    let distance = 0;
    for (let i = 0; i < N; i++) {
      const p = 1 - Math.exp(-((sorted[i]! / c.scale) ** c.shape));
      distance = Math.max(distance, p - i / N, (i + 1) / N - p);
    }
    const critical = Math.sqrt(-Math.log(0.001 / 2) / 2) / Math.sqrt(N);
    expect(distance).toBeLessThan(critical);
  });

  it('draws exactly once per sample, by inversion (monotone in the uniform)', () => {
    let draws = 0;
    const inner = createStream(3, 'count');
    const counting: RandomStream = { name: 'counting', next: () => (draws++, inner.next()) };
    const sampler = samplerFor({ dist: 'weibull', shape: 0.8, scale: 100 });
    for (let i = 0; i < 1000; i++) sampler(counting);
    expect(draws).toBe(1000);
    const at = (u: number): number => sampler({ name: 'fixed', next: () => u });
    expect(at(0)).toBe(0);
    expect(at(1 - Math.exp(-1))).toBeCloseTo(100, 9); // the scale is the 63.2% quantile
    const values = [0, 0.1, 0.5, 0.9, 1 - 2 ** -53].map(at);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('extreme shapes give finite, non-negative values', () => {
    for (const shape of [0.05, 0.2, 20]) {
      const sample = draw({ shape, scale: 60 }, createStream(5, `extreme ${shape}`), 20_000);
      expect(sample.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    }
  });

  it('the schema accepts shape and scale, and rejects missing, zero or unknown parameters', () => {
    expect(distributionSchema.safeParse({ dist: 'weibull', shape: 0.8, scale: 120 }).success).toBe(true);
    expect(distributionSchema.safeParse({ dist: 'weibull', shape: 0.8 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'weibull', shape: 0, scale: 120 }).success).toBe(false);
    expect(distributionSchema.safeParse({ dist: 'weibull', shape: 1, scale: 120, mean: 3 }).success).toBe(false);
  });
});
