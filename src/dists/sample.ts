import type { RandomStream } from '../kernel/rng.ts';
import type { Distribution } from './schema.ts';

/**
 * Draws one value from a distribution using the given stream.
 *
 * A sampler holds only constants: all randomness comes from the stream passed in, so one
 * sampler can be shared by every replication and stream without coupling them.
 */
export type Sampler = (rng: RandomStream) => number;

/** A parameter combination the schema cannot rule out, reported as data. */
export interface DistributionProblem {
  /** Path of the offending key, relative to the distribution object. */
  readonly path: (string | number)[];
  /** Stable code: `DIST_UNIFORM_RANGE`, `DIST_WEIGHTS_LENGTH` or `DIST_WEIGHTS_ZERO`. */
  readonly code: string;
  /** What happened — what to do. */
  readonly message: string;
}

/** Thrown by {@link samplerFor}, {@link meanOf} and {@link varianceOf} for an invalid distribution. */
export class DistributionError extends Error {
  constructor(readonly problems: readonly DistributionProblem[]) {
    super(problems.map((problem) => `${problem.code}: ${problem.message}`).join('\n'));
    this.name = 'DistributionError';
  }
}

/**
 * Checks the parameter combinations the zod schema cannot express.
 * Returns an empty list when the distribution is usable.
 */
export function checkDistribution(spec: Distribution): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  if (spec.dist === 'uniform' && spec.min > spec.max) {
    problems.push({
      path: ['min'],
      code: 'DIST_UNIFORM_RANGE',
      message: `uniform min (${spec.min}) is greater than max (${spec.max}) — swap them, or make min ≤ max.`,
    });
  }
  if (spec.dist === 'empirical' && spec.weights !== undefined) {
    if (spec.weights.length !== spec.values.length) {
      problems.push({
        path: ['weights'],
        code: 'DIST_WEIGHTS_LENGTH',
        message:
          `empirical has ${spec.values.length} value(s) but ${spec.weights.length} weight(s) — ` +
          'give exactly one weight per value, or omit weights for equal weights.',
      });
    }
    if (spec.weights.every((weight) => weight === 0)) {
      problems.push({
        path: ['weights'],
        code: 'DIST_WEIGHTS_ZERO',
        message: 'empirical weights are all zero, so no value can be drawn — give at least one value a positive weight.',
      });
    }
  }
  return problems;
}

function assertValid(spec: Distribution): void {
  const problems = checkDistribution(spec);
  if (problems.length > 0) throw new DistributionError(problems);
}

/** Weights of an empirical distribution, equal ones when the spec omits them. */
function empiricalWeights(values: readonly number[], weights: readonly number[] | undefined): readonly number[] {
  return weights ?? values.map(() => 1);
}

/** Mean of the distribution. Throws {@link DistributionError} if the spec is invalid. */
export function meanOf(spec: Distribution): number {
  assertValid(spec);
  switch (spec.dist) {
    case 'exponential':
    case 'lognormal':
    case 'gamma':
      return spec.mean;
    case 'weibull':
      return spec.scale * Math.exp(logGamma(1 + 1 / spec.shape));
    case 'deterministic':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'empirical': {
      const weights = empiricalWeights(spec.values, spec.weights);
      let total = 0;
      let weighted = 0;
      spec.values.forEach((value, i) => {
        total += weights[i]!;
        weighted += weights[i]! * value;
      });
      return weighted / total;
    }
  }
}

/** Variance of the distribution. Throws {@link DistributionError} if the spec is invalid. */
export function varianceOf(spec: Distribution): number {
  assertValid(spec);
  switch (spec.dist) {
    case 'exponential':
      return spec.mean * spec.mean;
    case 'deterministic':
      return 0;
    case 'uniform': {
      const width = spec.max - spec.min;
      return (width * width) / 12;
    }
    case 'lognormal':
    case 'gamma': {
      const sd = spec.cv * spec.mean;
      return sd * sd;
    }
    case 'weibull': {
      // λ²·(Γ(1+2/k) − Γ(1+1/k)²), written as Γ(1+1/k)²·(ratio − 1) so it stays accurate for large k.
      const first = logGamma(1 + 1 / spec.shape);
      const second = logGamma(1 + 2 / spec.shape);
      return spec.scale * spec.scale * Math.exp(2 * first) * Math.expm1(second - 2 * first);
    }
    case 'empirical': {
      const mean = meanOf(spec);
      const weights = empiricalWeights(spec.values, spec.weights);
      let total = 0;
      let squares = 0;
      spec.values.forEach((value, i) => {
        total += weights[i]!;
        squares += weights[i]! * (value - mean) * (value - mean);
      });
      return squares / total;
    }
  }
}

/**
 * Builds a sampler once, with its constants precomputed, for use in the hot loop.
 *
 * Draws per sample, which matters for common random numbers (a sampler that uses a fixed
 * number of draws keeps the streams of two compared plans in step):
 * - exponential, uniform, empirical, weibull: exactly 1 (by inversion, so a larger uniform
 *   always gives a larger value);
 * - deterministic: none;
 * - lognormal: exactly 2 (Box–Muller, cosine branch only; see {@link standardNormal});
 * - gamma: a variable number, at least 3, or at least 4 when cv > 1 (Marsaglia–Tsang
 *   rejection accepts more than 95% of tries, so rarely more).
 *
 * Throws {@link DistributionError} if {@link checkDistribution} reports a problem.
 */
export function samplerFor(spec: Distribution): Sampler {
  assertValid(spec);
  switch (spec.dist) {
    case 'exponential':
      return exponentialSampler(spec.mean);
    case 'deterministic': {
      const value = spec.value;
      return () => value;
    }
    case 'uniform': {
      // In [min, max]: max itself is reached only when min + width·u rounds up (u near 1).
      const { min } = spec;
      const width = spec.max - spec.min;
      return (rng) => min + width * rng.next();
    }
    case 'lognormal':
      return lognormalSampler(spec.mean, spec.cv);
    case 'gamma':
      return gammaSampler(spec.mean, spec.cv);
    case 'empirical':
      return empiricalSampler(spec.values, spec.weights);
    case 'weibull':
      return weibullSampler(spec.shape, spec.scale);
  }
}

/** Inversion: λ·(−ln(1−u))^(1/k), one draw, monotone in u (like the exponential, which is k = 1). */
function weibullSampler(shape: number, scale: number): Sampler {
  const inverseShape = 1 / shape;
  return (rng) => scale * Math.pow(-Math.log1p(-rng.next()), inverseShape);
}

const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15), with the
 * reflection formula below 0.5. Used for the Weibull mean and variance, and by
 * `callfloor calibrate` for its likelihoods.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0]!;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += LANCZOS_COEFFICIENTS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Inversion: −mean·ln(1−u). With u ∈ [0,1), 1−u ∈ (0,1], so the log is finite and the result ≥ 0. */
function exponentialSampler(mean: number): Sampler {
  return (rng) => mean * -Math.log1p(-rng.next());
}

const TWO_PI = 2 * Math.PI;

/**
 * Standard normal variate by Box–Muller, using exactly two draws and only the cosine
 * branch. The sine branch's twin variate is thrown away on purpose: caching it would be
 * hidden state in a sampler that is shared between streams and replications, and would
 * make the number of draws per sample alternate between 2 and 0.
 */
function standardNormal(rng: RandomStream): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
  return radius * Math.cos(TWO_PI * rng.next());
}

/** Lognormal by mean and cv: σ² = ln(1+cv²), μ = ln(mean) − σ²/2, so E[X] = mean and sd/mean = cv. */
function lognormalSampler(mean: number, cv: number): Sampler {
  const sigmaSquared = Math.log1p(cv * cv);
  const sigma = Math.sqrt(sigmaSquared);
  const mu = Math.log(mean) - sigmaSquared / 2;
  return (rng) => Math.exp(mu + sigma * standardNormal(rng));
}

/**
 * Gamma by mean and cv: shape k = 1/cv², scale θ = mean/k. Marsaglia & Tsang (2000) for
 * shape ≥ 1; for shape < 1, a Gamma(k+1) variate times u^(1/k) (their boost), with u drawn
 * after the Gamma(k+1) variate and taken from (0,1] so it is never 0^(1/k) by accident.
 */
function gammaSampler(mean: number, cv: number): Sampler {
  const shape = 1 / (cv * cv);
  const scale = mean / shape;
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverseShape = 1 / shape;
  const scaleTimesD = scale * d;
  return (rng) => {
    let v: number;
    for (;;) {
      const x = standardNormal(rng);
      const t = 1 + c * x;
      if (t <= 0) continue;
      v = t * t * t;
      const u = 1 - rng.next();
      const xSquared = x * x;
      if (u < 1 - 0.0331 * xSquared * xSquared) break;
      if (Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) break;
    }
    const value = scaleTimesD * v;
    return boosted ? value * Math.pow(1 - rng.next(), inverseShape) : value;
  };
}

/**
 * Discrete empirical distribution by inversion: binary search of u·total in the cumulative
 * weights. Inversion (rather than an alias table) keeps the value monotone in u, which keeps
 * common random numbers aligned when two scenarios differ slightly in their weights.
 * Zero-weight values are never drawn.
 */
function empiricalSampler(values: readonly number[], weights: readonly number[] | undefined): Sampler {
  const table = Float64Array.from(values);
  const count = table.length;
  if (weights === undefined) {
    return (rng) => table[Math.floor(rng.next() * count)]!;
  }
  const cumulative = new Float64Array(count);
  let total = 0;
  let lastPositive = 0;
  for (let i = 0; i < count; i++) {
    total += weights[i]!;
    cumulative[i] = total;
    if (weights[i]! > 0) lastPositive = i;
  }
  return (rng) => {
    const target = rng.next() * total;
    // First index whose cumulative weight exceeds the target; a zero weight never does first.
    let low = 0;
    let high = lastPositive;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return table[low]!;
  };
}
