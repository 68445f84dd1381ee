/**
 * Named random streams: determinism (same seed, name and replication give the same
 * sequence on any machine), independence of streams, and uniformity of `next()`.
 * Statistical checks use fixed seeds, so they are reproducible; their tolerances come
 * from the sampling distribution of the statistic, not from magic numbers.
 */
import { describe, expect, it } from 'vitest';
import { createStream, RandomStreams, type RandomStream } from '../../src/kernel/rng.ts';

const TWO_POW_53 = 2 ** 53;

function draw(stream: RandomStream, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = stream.next();
  return out;
}

/** Kolmogorov–Smirnov distance of a sample from U(0,1). */
function ksUniform(sample: Float64Array): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const cdf = sorted[i]!;
    distance = Math.max(distance, cdf - i / n, (i + 1) / n - cdf);
  }
  return distance;
}

/** Asymptotic KS critical value at significance level alpha. */
function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Pearson correlation of two equally long samples. */
function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i]!;
    meanB += b[i]!;
  }
  meanA /= n;
  meanB /= n;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - meanA;
    const db = b[i]! - meanB;
    covariance += da * db;
    varianceA += da * da;
    varianceB += db * db;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}

describe('createStream determinism', () => {
  it('pins the first values of createStream(42, "arrivals", 0) across machines (golden)', () => {
    const stream = createStream(42, 'arrivals', 0);
    expect(Array.from(draw(stream, 5))).toEqual([
      0.26391260655812243, 0.5776656043280144, 0.07765517392598476, 0.8414673047208859, 0.5064714093024615,
    ]);
  });

  it('gives the same 1000 values for the same seed, name and replication', () => {
    const a = draw(createStream(7, 'patience', 3), 1000);
    const b = draw(createStream(7, 'patience', 3), 1000);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('defaults the replication to 0', () => {
    expect(Array.from(draw(createStream(7, 'patience'), 100))).toEqual(
      Array.from(draw(createStream(7, 'patience', 0), 100)),
    );
  });

  it('gives different sequences for different names, replications and seeds', () => {
    const base = Array.from(draw(createStream(7, 'patience', 0), 1000));
    const variants = [
      createStream(7, 'handleTime', 0),
      createStream(7, 'patiencf', 0),
      createStream(7, 'patience', 1),
      createStream(8, 'patience', 0),
      createStream(7 + 2 ** 32, 'patience', 0),
    ];
    for (const variant of variants) {
      const values = Array.from(draw(variant, 1000));
      // Not merely a different start: no value in common at the same position.
      const samePosition = values.filter((value, i) => value === base[i]).length;
      expect(samePosition).toBe(0);
    }
  });

  it('rejects a seed or replication that is not an integer', () => {
    expect(() => createStream(1.5, 'arrivals')).toThrow(RangeError);
    expect(() => createStream(Number.NaN, 'arrivals')).toThrow(/not an integer/);
    expect(() => createStream(1, 'arrivals', 0.5)).toThrow(RangeError);
    expect(() => new RandomStreams(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('keeps the name on the stream', () => {
    expect(createStream(1, 'sale').name).toBe('sale');
  });
});

describe('RandomStreams', () => {
  it('creates a stream lazily and returns the same one for the same name', () => {
    const streams = new RandomStreams(11, 2);
    const first = streams.get('arrivals');
    expect(streams.get('arrivals')).toBe(first);
    expect(streams.get('patience')).not.toBe(first);
  });

  it('matches createStream with the same seed, name and replication', () => {
    const streams = new RandomStreams(11, 2);
    expect(Array.from(draw(streams.get('intent'), 200))).toEqual(Array.from(draw(createStream(11, 'intent', 2), 200)));
  });

  it('does not let one stream shift another (common random numbers)', () => {
    const quiet = new RandomStreams(5, 0);
    const busy = new RandomStreams(5, 0);
    draw(busy.get('handleTime'), 12_345); // e.g. more agents, more service draws
    expect(Array.from(draw(busy.get('patience'), 100))).toEqual(Array.from(draw(quiet.get('patience'), 100)));
  });
});

describe('next()', () => {
  const n = 1_000_000;
  const sample = draw(createStream(2024, 'range'), n);

  it('is always in [0, 1) and a multiple of 2^-53', () => {
    let min = Infinity;
    let max = -Infinity;
    let offGrid = 0;
    for (const value of sample) {
      if (value < min) min = value;
      if (value > max) max = value;
      if (!Number.isInteger(value * TWO_POW_53)) offGrid++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(offGrid).toBe(0);
  });

  it('uses more than 32 random bits', () => {
    // With 53 random bits, value·2^32 is an integer with probability 2^-21 per draw.
    const integral = sample.filter((value) => Number.isInteger(value * 2 ** 32)).length;
    expect(integral).toBeLessThan(10);
    // The lowest bit of the 53 is set about half the time (binomial, 4 standard errors).
    const odd = sample.filter((value) => (value * TWO_POW_53) % 2 === 1).length;
    expect(Math.abs(odd - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });

  it('is uniform: mean, variance and Kolmogorov–Smirnov at the 0.1% level', () => {
    let sum = 0;
    let squares = 0;
    for (const value of sample) {
      sum += value;
      squares += value * value;
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    // U(0,1): variance 1/12; the variance of the sample variance is (μ4 − σ⁴)/n with μ4 = 1/80.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(ksUniform(sample)).toBeLessThan(ksCritical(n));
  });

  it('has no lag-1 correlation within a stream', () => {
    const head = sample.subarray(0, n - 1);
    const tail = sample.subarray(1);
    // Under independence the sample correlation has standard error ≈ 1/√n.
    expect(Math.abs(correlation(head, tail))).toBeLessThan(4 / Math.sqrt(n - 1));
  });
});

describe('independence of streams', () => {
  const n = 200_000;

  it.each([
    ['neighbouring names', createStream(3, 'a'), createStream(3, 'b')],
    ['neighbouring replications', createStream(3, 'arrivals', 0), createStream(3, 'arrivals', 1)],
    ['neighbouring seeds', createStream(3, 'arrivals'), createStream(4, 'arrivals')],
  ])('%s are uncorrelated', (_label, a, b) => {
    expect(Math.abs(correlation(draw(a, n), draw(b, n)))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('the first draws of 20,000 replications are uniform (the seeding mix leaves no pattern)', () => {
    const count = 20_000;
    const first = new Float64Array(count);
    for (let replication = 0; replication < count; replication++) {
      first[replication] = createStream(1, 'arrivals', replication).next();
    }
    expect(ksUniform(first)).toBeLessThan(ksCritical(count));
    const firstBySeed = new Float64Array(count);
    for (let seed = 0; seed < count; seed++) firstBySeed[seed] = createStream(seed, 'patience').next();
    expect(ksUniform(firstBySeed)).toBeLessThan(ksCritical(count));
    // Consecutive replications' first draws are not related either.
    expect(Math.abs(correlation(first.subarray(0, count - 1), first.subarray(1)))).toBeLessThan(4 / Math.sqrt(count));
  });
});
