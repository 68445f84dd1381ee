/**
 * The estimators on their own, against data drawn from known distributions with the
 * project's seeded samplers: special functions against reference values, lognormal and
 * gamma MLE (and AIC picking the family the data came from), censored Weibull and
 * exponential MLE, Kaplan–Meier against a hand-computed example, and the naive patience
 * estimate's bias. Tolerances are a few standard errors of each estimator at the sample size.
 */
import { gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  fitExponentialCensored,
  fitGamma,
  fitHandleTime,
  fitLognormal,
  fitPatience,
  fitWeibullCensored,
  kaplanMeier,
  weibullRestrictedMean,
  weibullSurvival,
} from '../../src/calibrate/fit.ts';
import { digamma, normalCdf, regularizedLowerGamma, trigamma } from '../../src/calibrate/special.ts';
import { samplerFor, type Distribution } from '../../src/dists/index.ts';
import { createStream } from '../../src/kernel/rng.ts';

function draw(spec: Distribution, n: number, name: string): Float64Array {
  const sampler = samplerFor(spec);
  const rng = createStream(4242, name);
  return Float64Array.from({ length: n }, () => sampler(rng));
}

/** Patience draws censored by independent waits: the data a call log gives. */
function censored(patience: Distribution, waitMean: number, n: number, name: string) {
  const patienceDraws = draw(patience, n, `${name}:patience`);
  const waits = draw({ dist: 'exponential', mean: waitMean }, n, `${name}:wait`);
  const times = new Float64Array(n);
  const events = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    events[i] = patienceDraws[i]! < waits[i]! ? 1 : 0;
    times[i] = Math.min(patienceDraws[i]!, waits[i]!);
  }
  return { times, events, patienceDraws };
}

describe('special functions', () => {
  it('digamma and trigamma match reference values', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 12);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 12);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 12);
    expect(digamma(0.25)).toBeCloseTo(-eulerGamma - Math.PI / 2 - 3 * Math.log(2), 11);
    for (const x of [0.05, 0.7, 3.3, 42]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 10);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 12);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 11);
    // ψ′ is the derivative of ψ.
    for (const x of [0.3, 2, 15]) expect(trigamma(x)).toBeCloseTo((digamma(x + 1e-5) - digamma(x - 1e-5)) / 2e-5, 5);
  });

  it('normal CDF and regularised incomplete gamma match closed forms', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 12);
    expect(regularizedLowerGamma(1, 2.5)).toBeCloseTo(1 - Math.exp(-2.5), 13);
    expect(regularizedLowerGamma(3, 7)).toBeCloseTo(1 - Math.exp(-7) * (1 + 7 + 49 / 2), 12);
    expect(regularizedLowerGamma(2.5, 0.1)).toBeCloseTo(Math.exp(-0.1) * 0.1 ** 2.5 / Math.exp(gammaln(3.5)) * (1 + 0.1 / 3.5 + 0.01 / (3.5 * 4.5) + 0.001 / (3.5 * 4.5 * 5.5)), 8);
  });
});

describe('handle-time fits (complete data)', () => {
  const n = 20_000;

  it('lognormal MLE recovers mean and cv, and AIC prefers lognormal for lognormal data', () => {
    const data = draw({ dist: 'lognormal', mean: 240, cv: 0.8 }, n, 'lognormal');
    const fit = fitHandleTime(data);
    expect(fit.chosen.dist).toBe('lognormal');
    // Standard error of the lognormal MLE mean ≈ mean·√((σ² + σ⁴/2)/n) ≈ 1.2% here.
    expect(Math.abs(fit.lognormal.mean / 240 - 1)).toBeLessThan(0.03);
    expect(Math.abs(fit.lognormal.cv / 0.8 - 1)).toBeLessThan(0.05);
    expect(fit.lognormal.ksDistance).toBeLessThan(0.015);
    expect(fit.gamma.aic - fit.lognormal.aic).toBeGreaterThan(10);
  });

  it('gamma MLE (Newton on the shape) recovers mean and cv, and AIC prefers gamma for gamma data', () => {
    for (const cv of [0.4, 1, 1.8]) {
      const data = draw({ dist: 'gamma', mean: 180, cv }, n, `gamma ${cv}`);
      const fit = fitHandleTime(data);
      expect(fit.chosen.dist).toBe('gamma');
      expect(Math.abs(fit.gamma.mean / 180 - 1)).toBeLessThan(4 * cv / Math.sqrt(n));
      expect(Math.abs(fit.gamma.cv / cv - 1)).toBeLessThan(0.04);
      // The MLE shape solves ln k − ψ(k) = ln(mean) − mean(ln x).
      const k = fit.gamma.parameters.shape!;
      const logMean = Array.from(data).reduce((a, x) => a + Math.log(x), 0) / n;
      expect(Math.log(k) - digamma(k)).toBeCloseTo(Math.log(fit.gamma.mean) - logMean, 9);
    }
  });

  it('log-likelihoods are the sums of the log-densities', () => {
    const data = [12, 30, 45, 60, 300];
    const lognormal = fitLognormal(data);
    const { mu, sigma } = lognormal.parameters as { mu: number; sigma: number };
    const lognormalSum = data.reduce((a, x) => a - Math.log(x * sigma * Math.sqrt(2 * Math.PI)) - (Math.log(x) - mu) ** 2 / (2 * sigma * sigma), 0);
    expect(lognormal.logLikelihood).toBeCloseTo(lognormalSum, 10);
    const gamma = fitGamma(data);
    const { shape, scale } = gamma.parameters as { shape: number; scale: number };
    const gammaSum = data.reduce((a, x) => a + (shape - 1) * Math.log(x) - x / scale - shape * Math.log(scale) - gammaln(shape), 0);
    expect(gamma.logLikelihood).toBeCloseTo(gammaSum, 8);
    expect(lognormal.aic).toBeCloseTo(4 - 2 * lognormalSum, 8);
  });
});

describe('patience fits (right-censored data)', () => {
  it('censored Weibull MLE recovers shape and scale; its standard errors are honest', () => {
    for (const [shape, scale, waitMean] of [
      [0.7, 90, 60],
      [1.5, 150, 80],
    ] as const) {
      const n = 20_000;
      const data = censored({ dist: 'weibull', shape, scale }, waitMean, n, `weibull ${shape}`);
      const fit = fitWeibullCensored(data)!;
      expect(Math.abs(fit.shape - shape)).toBeLessThan(3.5 * fit.shapeStandardError);
      expect(Math.abs(fit.scale - scale)).toBeLessThan(3.5 * fit.scaleStandardError);
      expect(Math.abs(fit.shape / shape - 1)).toBeLessThan(0.05);
      expect(Math.abs(fit.scale / scale - 1)).toBeLessThan(0.05);
      // The profile equation holds at the optimum: ∂lnL/∂k = 0 and λ^k = Σ t^k / d.
      const d = data.events.reduce((a, e) => a + e, 0);
      let powerSum = 0;
      for (const t of data.times) powerSum += (t / fit.scale) ** fit.shape;
      expect(powerSum / d).toBeCloseTo(1, 6);
    }
  });

  it('censored exponential MLE is events / time at risk', () => {
    const fit = fitExponentialCensored({ times: [10, 20, 30, 40], events: [1, 0, 1, 0] })!;
    expect(fit.mean).toBeCloseTo(100 / 2, 12);
    expect(fit.logLikelihood).toBeCloseTo(2 * Math.log(2 / 100) - 2, 12);
  });

  it('AIC keeps the exponential for exponential patience and picks Weibull when the shape is far from 1', () => {
    const exponential = fitPatience(censored({ dist: 'exponential', mean: 120 }, 60, 5000, 'exp'));
    expect(exponential.weibull!.aic - exponential.exponential!.aic).toBeGreaterThan(-4);
    expect(Math.abs(exponential.weibull!.shape - 1)).toBeLessThan(4 * exponential.weibull!.shapeStandardError);
    const weibull = fitPatience(censored({ dist: 'weibull', shape: 2, scale: 100 }, 60, 5000, 'w2'));
    expect(weibull.chosen!.dist).toBe('weibull');
  });

  it('Kaplan–Meier matches a hand computation (ties: hang-ups before answers)', () => {
    // times 3,5,5,8,10,12 with events 1,1,0,1,0,1. At 3: 6 at risk, 1 hangs up → 5/6. At 5: 5 at
    // risk, 1 hangs up (the answer at 5 counts as still at risk) → ×4/5. At 8: 3 at risk → ×2/3.
    // At 12: 1 at risk → 0.
    const km = kaplanMeier({ times: [3, 5, 5, 8, 10, 12], events: [1, 1, 0, 1, 0, 1] });
    expect(km.steps.map((s) => [s.time, s.atRisk])).toEqual([
      [3, 6],
      [5, 5],
      [8, 3],
      [12, 1],
    ]);
    expect(km.survivalAt(2.9)).toBe(1);
    expect(km.survivalAt(3)).toBeCloseTo(5 / 6, 12);
    expect(km.survivalAt(7)).toBeCloseTo(2 / 3, 12);
    expect(km.survivalAt(9)).toBeCloseTo(4 / 9, 12);
    expect(km.survivalAt(12)).toBe(0);
    expect(km.median).toBe(8);
    // Greenwood at t=3: S·√(1/(6·5)); at t=5: S·√(1/30 + 1/(5·4)).
    expect(km.steps[0]!.standardError).toBeCloseTo((5 / 6) * Math.sqrt(1 / 30), 12);
    expect(km.steps[1]!.standardError).toBeCloseTo((2 / 3) * Math.sqrt(1 / 30 + 1 / 20), 12);
    // ∫₀^10 S = 3·1 + 2·5/6 + 3·2/3 + 2·4/9.
    expect(km.restrictedMean(10)).toBeCloseTo(3 + 2 * (5 / 6) + 3 * (2 / 3) + 2 * (4 / 9), 12);
  });

  it('Kaplan–Meier and censored MLE are close to the truth; the naive mean of abandoners is far below it', () => {
    const shape = 0.9;
    const scale = 150;
    const data = censored({ dist: 'weibull', shape, scale }, 50, 10_000, 'km vs naive');
    const fit = fitPatience(data);
    const trueMean = scale * Math.exp(gammaln(1 + 1 / shape));
    expect(fit.naiveMean).toBeLessThan(0.4 * trueMean);
    expect(Math.abs(fit.weibull!.mean / trueMean - 1)).toBeLessThan(0.1);
    for (const t of [10, 30, 60, 120]) {
      const step = [...fit.kaplanMeier.steps].reverse().find((s) => s.time <= t)!;
      expect(Math.abs(fit.kaplanMeier.survivalAt(t) - weibullSurvival(t, shape, scale))).toBeLessThan(4 * step.standardError);
    }
    expect(fit.kaplanMeier.restrictedMean(120) / weibullRestrictedMean(120, shape, scale)).toBeCloseTo(1, 1);
  });

  it('zero waits: answered at once says nothing, a hang-up at 0 s counts as 0.5 s', () => {
    const fit = fitPatience({ times: [0, 0, 0, 0, 5, 10, 20], events: [0, 0, 1, 1, 1, 0, 1] });
    expect(fit.n).toBe(5);
    expect(fit.events).toBe(4);
    expect(Number.isFinite(fit.weibull!.shape)).toBe(true);
  });

  it('no hang-ups at all gives no parametric fit (the scenario then says infinite)', () => {
    const fit = fitPatience({ times: [5, 10, 20], events: [0, 0, 0] });
    expect(fit.chosen).toBeNull();
    expect(fit.kaplanMeier.survivalAt(100)).toBe(1);
  });
});
