/**
 * The retrial-delay fit on its own: delays drawn from known distributions with the
 * project's seeded samplers, kept only when within a window W (as calibration sees them),
 * then fitted truncated at W. The truncated fit must find the whole distribution (mean, cv,
 * F(W)) where the plain sample mean is biased short; AIC must pick the family the data came
 * from; without a window it must equal the closed-form fits. Tolerances are a few standard
 * errors at the sample size.
 */
import { describe, expect, it } from 'vitest';
import { fitDelay, nelderMead } from '../../src/calibrate/delayFit.ts';
import { fitGamma, fitLognormal } from '../../src/calibrate/fit.ts';
import { normalCdf } from '../../src/calibrate/special.ts';
import { samplerFor, type Distribution } from '../../src/dists/index.ts';
import { createStream } from '../../src/kernel/rng.ts';

/** n draws of `spec` that fall within `window` (the others are never seen). */
function drawWithin(spec: Distribution, n: number, window: number, name: string): Float64Array {
  const sampler = samplerFor(spec);
  const rng = createStream(777, name);
  const values: number[] = [];
  while (values.length < n) {
    const x = sampler(rng);
    if (x <= window) values.push(x);
  }
  return Float64Array.from(values);
}

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const [x, y] = nelderMead(([a, b]) => (1 - a!) ** 2 + 100 * (b! - a! * a!) ** 2, [-1.2, 1], 0.5, 5000);
    expect(x).toBeCloseTo(1, 3);
    expect(y).toBeCloseTo(1, 3);
  });
});

describe('fitDelay', () => {
  it('lognormal mean 600 s, cv 1, seen only within 30 min: recovers mean, cv and F(W); the sample mean is far too short', () => {
    const delays = drawWithin({ dist: 'lognormal', mean: 600, cv: 1 }, 4000, 1800, 'lognormal');
    const fit = fitDelay(delays, 1800);
    expect(fit.chosen.dist).toBe('lognormal');
    expect(Math.abs(fit.chosen.mean / 600 - 1)).toBeLessThan(0.06);
    expect(Math.abs(fit.chosen.cv - 1)).toBeLessThan(0.08);
    const sigma = Math.sqrt(Math.log(2));
    const trueCoverage = normalCdf((Math.log(1800) - (Math.log(600) - (sigma * sigma) / 2)) / sigma);
    expect(Math.abs(fit.chosen.windowCoverage - trueCoverage)).toBeLessThan(0.01);
    expect(fit.sampleMean).toBeLessThan(0.9 * 600);
    expect(fit.max).toBeLessThanOrEqual(1800);
    expect(fit.chosen.ksDistance).toBeLessThan(0.03);
  });

  it('exponential mean 300 s seen within 10 min (F(W) = 0.865): mean within 6%, lognormal not chosen', () => {
    const delays = drawWithin({ dist: 'exponential', mean: 300 }, 4000, 600, 'exponential');
    const fit = fitDelay(delays, 600);
    expect(fit.chosen.dist).not.toBe('lognormal');
    expect(Math.abs(fit.exponential.mean / 300 - 1)).toBeLessThan(0.06);
    expect(Math.abs(fit.exponential.windowCoverage - (1 - Math.exp(-2)))).toBeLessThan(0.02);
    expect(fit.sampleMean).toBeLessThan(0.8 * 300);
  });

  it('gamma mean 400 s, cv 0.5 seen within 15 min: gamma chosen, mean within 4%, cv within 8%', () => {
    const delays = drawWithin({ dist: 'gamma', mean: 400, cv: 0.5 }, 4000, 900, 'gamma');
    const fit = fitDelay(delays, 900);
    expect(fit.chosen.dist).toBe('gamma');
    expect(Math.abs(fit.chosen.mean / 400 - 1)).toBeLessThan(0.04);
    expect(Math.abs(fit.chosen.cv / 0.5 - 1)).toBeLessThan(0.08);
  });

  it('without a window, equals the closed-form maximum-likelihood fits', () => {
    const delays = drawWithin({ dist: 'lognormal', mean: 500, cv: 0.8 }, 2000, Infinity, 'plain');
    const fit = fitDelay(delays, Infinity);
    const lognormal = fitLognormal(delays);
    const gamma = fitGamma(delays);
    expect(fit.lognormal.windowCoverage).toBe(1);
    expect(fit.lognormal.mean).toBeCloseTo(lognormal.mean, 2);
    expect(fit.lognormal.logLikelihood).toBeCloseTo(lognormal.logLikelihood, 4);
    expect(fit.gamma.mean).toBeCloseTo(gamma.mean, 2);
    expect(fit.gamma.logLikelihood).toBeCloseTo(gamma.logLikelihood, 4);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(fit.exponential.mean).toBeCloseTo(mean, 2);
  });

  it('takes delays of 0 s as 0.5 s and needs at least 2 delays', () => {
    expect(fitDelay([0, 10, 20, 40], 1800).min).toBe(0.5);
    expect(() => fitDelay([5], 1800)).toThrow(RangeError);
  });
});
