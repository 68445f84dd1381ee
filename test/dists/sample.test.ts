/**
 * Distribution samplers against theory: sample moments within 4 standard errors of the
 * analytic ones (standard errors computed from the analytic variance and fourth central
 * moment), Kolmogorov–Smirnov against the analytic CDF and chi-square against the
 * weights at the 0.1% level. Streams are seeded, so every check is reproducible.
 */
import { errorFunction, gammaln } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  checkDistribution,
  DistributionError,
  meanOf,
  samplerFor,
  varianceOf,
  type Distribution,
  type Sampler,
} from '../../src/dists/index.ts';
import { createStream, type RandomStream } from '../../src/kernel/rng.ts';

const N = 200_000;

function drawMany(sampler: Sampler, rng: RandomStream, count = N): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = sampler(rng);
  return out;
}

function momentsOf(sample: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const value of sample) mean += value;
  mean /= sample.length;
  let squares = 0;
  for (const value of sample) squares += (value - mean) * (value - mean);
  return { mean, variance: squares / (sample.length - 1) };
}

/** Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
function ksDistance(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const p = cdf(sorted[i]!);
    distance = Math.max(distance, p - i / n, (i + 1) / n - p);
  }
  return distance;
}

/** Asymptotic KS critical value at the 0.1% level. */
function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Regularised lower incomplete gamma P(a, x), by its power series (fine for moderate x). */
function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return Math.min(1, sum * Math.exp(a * Math.log(x) - x - gammaln(a)));
}

/** Upper-tail probability of the chi-square distribution. */
function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return 1 - regularizedLowerGamma(degreesOfFreedom / 2, statistic / 2);
}

const normalCdf = (z: number): number => 0.5 * (1 + errorFunction(z / Math.SQRT2));

/** A stream that replays given uniforms and counts how many were drawn. */
class ScriptedStream implements RandomStream {
  readonly name = 'scripted';
  draws = 0;
  constructor(private readonly values: readonly number[]) {}
  next(): number {
    const value = this.values[this.draws % this.values.length]!;
    this.draws++;
    return value;
  }
}

/** A stream wrapper that counts draws. */
class CountingStream implements RandomStream {
  readonly name: string;
  draws = 0;
  constructor(private readonly inner: RandomStream) {
    this.name = inner.name;
  }
  next(): number {
    this.draws++;
    return this.inner.next();
  }
}

interface MomentCase {
  label: string;
  spec: Distribution;
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the sample variance. */
  fourthMoment: number;
}

function lognormalCase(mean: number, cv: number): MomentCase {
  const variance = (cv * mean) ** 2;
  const w = 1 + cv * cv; // e^{σ²}
  return {
    label: `lognormal mean ${mean} cv ${cv}`,
    spec: { dist: 'lognormal', mean, cv },
    mean,
    variance,
    fourthMoment: variance * variance * (w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 3),
  };
}

function gammaCase(mean: number, cv: number): MomentCase {
  const variance = (cv * mean) ** 2;
  const shape = 1 / (cv * cv);
  return {
    label: `gamma mean ${mean} cv ${cv} (shape ${shape})`,
    spec: { dist: 'gamma', mean, cv },
    mean,
    variance,
    fourthMoment: variance * variance * (3 + 6 / shape),
  };
}

function empiricalCase(values: number[], weights?: number[]): MomentCase {
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  const mean = values.reduce((sum, value, i) => sum + (w[i]! * value) / total, 0);
  const central = (power: number): number =>
    values.reduce((sum, value, i) => sum + (w[i]! * (value - mean) ** power) / total, 0);
  return {
    label: `empirical ${weights ? 'weighted' : 'equal weights'}`,
    spec: weights ? { dist: 'empirical', values, weights } : { dist: 'empirical', values },
    mean,
    variance: central(2),
    fourthMoment: central(4),
  };
}

const momentCases: MomentCase[] = [
  { label: 'exponential mean 180', spec: { dist: 'exponential', mean: 180 }, mean: 180, variance: 180 ** 2, fourthMoment: 9 * 180 ** 4 },
  {
    label: 'uniform 30..90',
    spec: { dist: 'uniform', min: 30, max: 90 },
    mean: 60,
    variance: 60 ** 2 / 12,
    fourthMoment: 60 ** 4 / 80,
  },
  lognormalCase(200, 0.8),
  lognormalCase(45, 0.01),
  gammaCase(120, 0.5),
  gammaCase(60, 2),
  gammaCase(300, 0.01),
  empiricalCase([30, 60, 120, 300, 600], [5, 0, 3, 1.5, 0.5]),
  empiricalCase([0, 10, 25, 40]),
];

describe('meanOf and varianceOf', () => {
  it.each(momentCases)('$label', ({ spec, mean, variance }) => {
    expect(meanOf(spec)).toBeCloseTo(mean, 9);
    expect(varianceOf(spec)).toBeCloseTo(variance, 6);
  });

  it('deterministic has its value as mean and no variance', () => {
    expect(meanOf({ dist: 'deterministic', value: 42 })).toBe(42);
    expect(varianceOf({ dist: 'deterministic', value: 42 })).toBe(0);
  });
});

describe('sample moments within 4 standard errors of theory (200,000 draws)', () => {
  it.each(momentCases)('$label', ({ label, spec, mean, variance, fourthMoment }) => {
    const sample = drawMany(samplerFor(spec), createStream(20_240_601, label));
    const observed = momentsOf(sample);
    const meanError = Math.sqrt(variance / N);
    const varianceError = Math.sqrt((fourthMoment - variance * variance) / N);
    expect(Math.abs(observed.mean - mean)).toBeLessThan(4 * meanError);
    expect(Math.abs(observed.variance - variance)).toBeLessThan(4 * varianceError);
  });

  it('deterministic always returns its value and draws nothing', () => {
    const rng = new CountingStream(createStream(1, 'deterministic'));
    const sampler = samplerFor({ dist: 'deterministic', value: 42 });
    for (let i = 0; i < 1000; i++) expect(sampler(rng)).toBe(42);
    expect(rng.draws).toBe(0);
  });
});

describe('Kolmogorov–Smirnov against the analytic CDF (0.1% level)', () => {
  const cases: Array<[string, Distribution, (x: number) => number]> = [
    ['exponential mean 180', { dist: 'exponential', mean: 180 }, (x) => 1 - Math.exp(-x / 180)],
    ['uniform 30..90', { dist: 'uniform', min: 30, max: 90 }, (x) => Math.min(1, Math.max(0, (x - 30) / 60))],
    [
      'lognormal mean 200 cv 0.8',
      { dist: 'lognormal', mean: 200, cv: 0.8 },
      (x) => {
        const sigmaSquared = Math.log(1 + 0.64);
        const mu = Math.log(200) - sigmaSquared / 2;
        return normalCdf((Math.log(x) - mu) / Math.sqrt(sigmaSquared));
      },
    ],
    [
      'lognormal mean 30 cv 3',
      { dist: 'lognormal', mean: 30, cv: 3 },
      (x) => {
        const sigmaSquared = Math.log(1 + 9);
        const mu = Math.log(30) - sigmaSquared / 2;
        return normalCdf((Math.log(x) - mu) / Math.sqrt(sigmaSquared));
      },
    ],
    // shape 4, scale 30
    ['gamma mean 120 cv 0.5', { dist: 'gamma', mean: 120, cv: 0.5 }, (x) => regularizedLowerGamma(4, x / 30)],
    // shape 0.25, scale 240: exercises the shape < 1 boost
    ['gamma mean 60 cv 2', { dist: 'gamma', mean: 60, cv: 2 }, (x) => regularizedLowerGamma(0.25, x / 240)],
  ];

  it('the test helper P(a, x) matches closed forms', () => {
    expect(regularizedLowerGamma(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(regularizedLowerGamma(2, 3)).toBeCloseTo(1 - Math.exp(-3) * (1 + 3), 12);
    expect(regularizedLowerGamma(0.5, 2)).toBeCloseTo(errorFunction(Math.SQRT2), 6);
  });

  it.each(cases)('%s', (label, spec, cdf) => {
    const sample = drawMany(samplerFor(spec), createStream(77, `ks ${label}`));
    expect(ksDistance(sample, cdf)).toBeLessThan(ksCritical(N));
  });
});

describe('empirical frequencies match the weights (chi-square, 0.1% level)', () => {
  it.each([
    [[30, 60, 120, 300, 600], [5, 0, 3, 1.5, 0.5]],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 0]],
    [[7, 8, 9], undefined],
  ])('values %j weights %j', (values, weights) => {
    const spec: Distribution = weights ? { dist: 'empirical', values, weights } : { dist: 'empirical', values };
    const w = weights ?? values.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    const counts = new Map<number, number>();
    const sampler = samplerFor(spec);
    const rng = createStream(99, `chi ${values.join(',')}`);
    for (let i = 0; i < N; i++) {
      const value = sampler(rng);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    let statistic = 0;
    let categories = 0;
    values.forEach((value, i) => {
      const observed = counts.get(value) ?? 0;
      if (w[i] === 0) {
        expect(observed, `zero-weight value ${value} was drawn`).toBe(0);
        return;
      }
      const expected = (N * w[i]!) / total;
      statistic += (observed - expected) ** 2 / expected;
      categories++;
    });
    expect([...counts.keys()].every((value) => values.includes(value))).toBe(true);
    expect(chiSquareSurvival(statistic, categories - 1)).toBeGreaterThan(0.001);
  });

  it('is monotone in the uniform draw (inversion), skipping zero weights', () => {
    const sampler = samplerFor({ dist: 'empirical', values: [5, 1, 9, 3], weights: [1, 0, 1, 2] });
    const at = (u: number): number => sampler(new ScriptedStream([u]));
    expect([0, 0.2, 0.2499, 0.25, 0.4999, 0.5, 0.9, 1 - 2 ** -53].map(at)).toEqual([5, 5, 5, 9, 9, 3, 3, 3]);
  });
});

describe('extreme parameters never give NaN, infinities or negative values', () => {
  const extremes: Distribution[] = [
    { dist: 'exponential', mean: 1e-12 },
    { dist: 'exponential', mean: 1e6 },
    { dist: 'uniform', min: 0, max: 1e-12 },
    { dist: 'uniform', min: 5, max: 5 },
    { dist: 'lognormal', mean: 100, cv: 5 },
    { dist: 'lognormal', mean: 100, cv: 0.01 },
    { dist: 'lognormal', mean: 1e-12, cv: 1 },
    { dist: 'lognormal', mean: 1e-12, cv: 5 },
    { dist: 'gamma', mean: 100, cv: 5 },
    { dist: 'gamma', mean: 100, cv: 0.01 },
    { dist: 'gamma', mean: 1e-12, cv: 1 },
    { dist: 'gamma', mean: 1e-12, cv: 5 },
    { dist: 'empirical', values: [0, 1e-12], weights: [1e-300, 1e-300] },
  ];

  it.each(extremes)('%j', (spec) => {
    const sample = drawMany(samplerFor(spec), createStream(5, `extreme ${JSON.stringify(spec)}`), 100_000);
    let bad = 0;
    for (const value of sample) if (!Number.isFinite(value) || value < 0) bad++;
    expect(bad).toBe(0);
  });

  it('gamma with cv 5 (shape 0.04) still has the right mean', () => {
    const spec: Distribution = { dist: 'gamma', mean: 100, cv: 5 };
    const { mean } = momentsOf(drawMany(samplerFor(spec), createStream(5, 'gamma cv 5 mean')));
    expect(Math.abs(mean - 100)).toBeLessThan(4 * Math.sqrt(varianceOf(spec) / N));
  });

  it('survive the most extreme uniforms a stream can give', () => {
    // All zeros would make gamma's rejection loop reject forever (x = 0, u = 1); a real
    // stream never repeats like that, so the low script alternates with another value.
    const lowest = [0, 0.3];
    const highest = [1 - 2 ** -53];
    for (const spec of extremes) {
      const sampler = samplerFor(spec);
      for (const script of [lowest, highest]) {
        const value = sampler(new ScriptedStream(script));
        expect(Number.isFinite(value) && value >= 0, `${JSON.stringify(spec)} at ${script[0]}`).toBe(true);
      }
    }
    expect(samplerFor({ dist: 'exponential', mean: 10 })(new ScriptedStream([0]))).toBe(0);
    // min + width·u can round up to max for the largest u: the range is [min, max], documented.
    expect(samplerFor({ dist: 'uniform', min: 2, max: 4 })(new ScriptedStream([1 - 2 ** -53]))).toBeLessThanOrEqual(4);
  });
});

describe('samplers are deterministic and stateless', () => {
  const specs: Distribution[] = [
    { dist: 'exponential', mean: 3 },
    { dist: 'uniform', min: 1, max: 2 },
    { dist: 'lognormal', mean: 3, cv: 0.7 },
    { dist: 'gamma', mean: 3, cv: 0.7 },
    { dist: 'gamma', mean: 3, cv: 1.7 },
    { dist: 'empirical', values: [1, 2, 3], weights: [1, 2, 3] },
  ];

  it.each(specs)('%j gives the same values for the same stream, even when shared between streams', (spec) => {
    const sampler = samplerFor(spec);
    const alone = Array.from(drawMany(sampler, createStream(3, 'x'), 500));
    const a = createStream(3, 'x');
    const b = createStream(3, 'y');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      interleaved.push(sampler(a));
      sampler(b);
    }
    expect(interleaved).toEqual(alone);
    expect(Array.from(drawMany(samplerFor(spec), createStream(3, 'x'), 500))).toEqual(alone);
  });

  it('uses a fixed number of draws where documented', () => {
    const drawsPerSample = (spec: Distribution): number => {
      const rng = new CountingStream(createStream(8, 'count'));
      const sampler = samplerFor(spec);
      for (let i = 0; i < 1000; i++) sampler(rng);
      return rng.draws / 1000;
    };
    expect(drawsPerSample({ dist: 'exponential', mean: 1 })).toBe(1);
    expect(drawsPerSample({ dist: 'uniform', min: 0, max: 1 })).toBe(1);
    expect(drawsPerSample({ dist: 'empirical', values: [1, 2], weights: [1, 3] })).toBe(1);
    expect(drawsPerSample({ dist: 'empirical', values: [1, 2] })).toBe(1);
    expect(drawsPerSample({ dist: 'lognormal', mean: 1, cv: 1 })).toBe(2);
    expect(drawsPerSample({ dist: 'gamma', mean: 1, cv: 0.5 })).toBeGreaterThanOrEqual(3);
    expect(drawsPerSample({ dist: 'gamma', mean: 1, cv: 2 })).toBeGreaterThanOrEqual(4);
  });
});

describe('checkDistribution', () => {
  it('accepts valid parameter combinations', () => {
    expect(checkDistribution({ dist: 'uniform', min: 3, max: 3 })).toEqual([]);
    expect(checkDistribution({ dist: 'empirical', values: [1, 2] })).toEqual([]);
    expect(checkDistribution({ dist: 'empirical', values: [1, 2], weights: [0, 1] })).toEqual([]);
    expect(checkDistribution({ dist: 'gamma', mean: 1, cv: 1 })).toEqual([]);
  });

  it('reports uniform min > max', () => {
    const problems = checkDistribution({ dist: 'uniform', min: 9, max: 3 });
    expect(problems).toEqual([{ path: ['min'], code: 'DIST_UNIFORM_RANGE', message: expect.stringContaining(' — ') }]);
    expect(problems[0]!.message).toContain('9');
  });

  it('reports weights of the wrong length', () => {
    expect(checkDistribution({ dist: 'empirical', values: [1, 2, 3], weights: [1, 2] })).toEqual([
      { path: ['weights'], code: 'DIST_WEIGHTS_LENGTH', message: expect.stringMatching(/3 value.*2 weight.* — /) },
    ]);
  });

  it('reports all-zero weights', () => {
    expect(checkDistribution({ dist: 'empirical', values: [1, 2], weights: [0, 0] }).map((p) => p.code)).toEqual([
      'DIST_WEIGHTS_ZERO',
    ]);
  });

  it('reports every problem at once', () => {
    expect(checkDistribution({ dist: 'empirical', values: [1, 2], weights: [0] }).map((p) => p.code)).toEqual([
      'DIST_WEIGHTS_LENGTH',
      'DIST_WEIGHTS_ZERO',
    ]);
  });

  it('makes samplerFor, meanOf and varianceOf throw a DistributionError carrying the problems', () => {
    const spec: Distribution = { dist: 'uniform', min: 9, max: 3 };
    for (const use of [samplerFor, meanOf, varianceOf]) {
      expect(() => use(spec)).toThrow(DistributionError);
    }
    try {
      samplerFor({ dist: 'empirical', values: [1], weights: [0] });
      expect.unreachable();
    } catch (error) {
      expect((error as DistributionError).problems.map((p) => p.code)).toEqual(['DIST_WEIGHTS_ZERO']);
      expect((error as DistributionError).message).toContain('DIST_WEIGHTS_ZERO');
    }
  });
});
