/**
 * The delay before a caller calls again, fitted like the other distributions of calibration
 * (lognormal, gamma and exponential by maximum likelihood, the lowest AIC wins), but
 * truncated at the retrial window W: a call counts as a retrial only when it comes within W
 * of the unanswered call, so every delay seen is ≤ W and its likelihood is f(x)/F(W).
 * Fitting the plain density instead would make the delays look shorter than they are and,
 * since the callers who called back after W are missing, the retrial probability too low;
 * with the truncation, F(W) of the fit is the share of retrials the window catches and the
 * probability seen is divided by it.
 *
 * The choice guards against fits that put most of their delays past the window (see
 * chooseDelay). The maximum is found by Nelder–Mead on the logarithms of the parameters, started from the
 * untruncated closed-form fit (which is exact when F(W) is 1).
 */
import { fitGamma, fitLognormal, ksDistance, meanAndCv, ZERO_WAIT_AS } from './fit.ts';
import { logGamma, normalCdf, regularizedLowerGamma } from './special.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface DelayCandidate {
  readonly dist: 'lognormal' | 'gamma' | 'exponential';
  /** Mean and cv of the whole distribution (not only of its part below the window). */
  readonly mean: number;
  readonly cv: number;
  /** Native parameters: lognormal μ, σ of ln s; gamma shape, scale; exponential mean. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly logLikelihood: number;
  readonly aic: number;
  /** F(W): the share of delays shorter than the window, i.e. of retrials the window catches. */
  readonly windowCoverage: number;
  /** Kolmogorov–Smirnov distance between the delays and the truncated CDF F(x)/F(W). */
  readonly ksDistance: number;
}

export interface DelayFit {
  readonly n: number;
  /** The truncation point W, seconds (Infinity: none). */
  readonly windowSeconds: number;
  readonly sampleMean: number;
  readonly sampleCv: number;
  /** Shortest and longest delay seen: the range the data supports. */
  readonly min: number;
  readonly max: number;
  readonly lognormal: DelayCandidate;
  readonly gamma: DelayCandidate;
  readonly exponential: DelayCandidate;
  /** The candidate with the lowest AIC (see {@link chooseDelay} for the guards). */
  readonly chosen: DelayCandidate;
}

/** Minimises `cost` from `start` by Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½). */
export function nelderMead(cost: (point: readonly number[]) => number, start: readonly number[], step = 0.1, maxIterations = 2000): number[] {
  const dimension = start.length;
  const value = (point: number[]): number => {
    const c = cost(point);
    return Number.isFinite(c) ? c : Infinity;
  };
  let simplex = [start.slice(), ...start.map((_, i) => start.map((x, j) => (i === j ? x + step : x)))];
  let costs = simplex.map(value);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const order = costs.map((_, i) => i).sort((a, b) => costs[a]! - costs[b]!);
    simplex = order.map((i) => simplex[i]!);
    costs = order.map((i) => costs[i]!);
    const best = costs[0]!;
    const worst = costs[dimension]!;
    if (Math.abs(worst - best) <= 1e-11 * (Math.abs(best) + 1e-11)) break;
    const centroid = Array.from({ length: dimension }, (_, j) => simplex.slice(0, dimension).reduce((sum, p) => sum + p[j]!, 0) / dimension);
    const along = (factor: number): number[] => centroid.map((c, j) => c + factor * (simplex[dimension]![j]! - c));
    const reflected = along(-1);
    const reflectedCost = value(reflected);
    if (reflectedCost < best) {
      const expanded = along(-2);
      const expandedCost = value(expanded);
      [simplex[dimension], costs[dimension]] = expandedCost < reflectedCost ? [expanded, expandedCost] : [reflected, reflectedCost];
    } else if (reflectedCost < costs[dimension - 1]!) {
      [simplex[dimension], costs[dimension]] = [reflected, reflectedCost];
    } else {
      const contracted = reflectedCost < worst ? along(-0.5) : along(0.5);
      const contractedCost = value(contracted);
      if (contractedCost < Math.min(reflectedCost, worst)) {
        [simplex[dimension], costs[dimension]] = [contracted, contractedCost];
      } else {
        for (let i = 1; i <= dimension; i++) {
          simplex[i] = simplex[i]!.map((x, j) => simplex[0]![j]! + 0.5 * (x - simplex[0]![j]!));
          costs[i] = value(simplex[i]!);
        }
      }
    }
  }
  const bestIndex = costs.indexOf(Math.min(...costs));
  return simplex[bestIndex]!;
}

interface Family {
  readonly dist: DelayCandidate['dist'];
  /** Starting point in log-parameter space. */
  readonly start: number[];
  /** Σ ln f(x) for the parameters (log space), and ln F(W). */
  logDensitySum(point: readonly number[]): number;
  logCoverage(point: readonly number[]): number;
  cdf(point: readonly number[]): (x: number) => number;
  describe(point: readonly number[]): Pick<DelayCandidate, 'mean' | 'cv' | 'parameters'>;
}

function fitFamily(family: Family, values: Float64Array, windowSeconds: number): DelayCandidate {
  const n = values.length;
  const logLikelihoodAt = (point: readonly number[]): number => family.logDensitySum(point) - n * family.logCoverage(point);
  const best = nelderMead((point) => -logLikelihoodAt(point), family.start);
  const logLikelihood = logLikelihoodAt(best);
  const coverage = Number.isFinite(windowSeconds) ? Math.exp(family.logCoverage(best)) : 1;
  const cdf = family.cdf(best);
  return {
    dist: family.dist,
    ...family.describe(best),
    logLikelihood,
    aic: 2 * family.start.length - 2 * logLikelihood,
    windowCoverage: coverage,
    ksDistance: ksDistance(values, (x) => Math.min(1, cdf(x) / coverage)),
  };
}

/** A candidate that puts less than this share of its delays within the window is not chosen (unless none does better). */
export const MIN_CHOSEN_COVERAGE = 0.2;
/** AIC differences below this do not tell two families apart. */
export const AIC_TIE = 2;

const parameterCount = (candidate: DelayCandidate): number => Object.keys(candidate.parameters).length;

/**
 * The lowest AIC wins, with two guards for delays seen through a short window, where the
 * tail past it is hardly constrained (a lognormal can then fit the part seen with a mean of
 * months): a candidate with under {@link MIN_CHOSEN_COVERAGE} of its delays within the window
 * is passed over, and a candidate with fewer parameters within {@link AIC_TIE} of the best is
 * preferred to it.
 */
function chooseDelay(candidates: readonly DelayCandidate[]): DelayCandidate {
  const plausible = candidates.filter((candidate) => candidate.windowCoverage >= MIN_CHOSEN_COVERAGE);
  const pool = plausible.length > 0 ? plausible : [candidates.reduce((best, c) => (c.windowCoverage > best.windowCoverage ? c : best))];
  const best = pool.reduce((winner, candidate) => (candidate.aic < winner.aic ? candidate : winner));
  return pool
    .filter((candidate) => candidate.aic - best.aic < AIC_TIE)
    .reduce((simplest, candidate) => (parameterCount(candidate) < parameterCount(simplest) || (parameterCount(candidate) === parameterCount(simplest) && candidate.aic < simplest.aic) ? candidate : simplest));
}

/**
 * Fits the retrial delays (seconds from the end of the unanswered call to the next call,
 * all ≤ `windowSeconds`). Delays of 0 s (whole-second times) are taken as 0.5 s.
 */
export function fitDelay(delays: ArrayLike<number>, windowSeconds: number): DelayFit {
  if (delays.length < 2) throw new RangeError(`fitDelay needs at least 2 delays, got ${delays.length}`);
  const values = Float64Array.from(delays, (x) => (x > 0 ? x : ZERO_WAIT_AS));
  const n = values.length;
  let logSum = 0;
  let sum = 0;
  let min = Infinity;
  let max = 0;
  let logSquareSum = 0;
  for (const x of values) {
    logSum += Math.log(x);
    logSquareSum += Math.log(x) ** 2;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const logWindow = Math.log(windowSeconds);
  const truncated = Number.isFinite(windowSeconds);

  const plainLognormal = fitLognormal(values).parameters;
  const lognormal: Family = {
    dist: 'lognormal',
    start: [plainLognormal.mu!, Math.log(plainLognormal.sigma!)],
    logDensitySum: ([mu, logSigma]) => {
      const sigma = Math.exp(logSigma!);
      // Σ (ln x − μ)² from the sums, so each step of the search is O(1) however many delays.
      const squares = Math.max(0, logSquareSum - 2 * mu! * logSum + n * mu! * mu!);
      return -logSum - n * logSigma! - n * HALF_LOG_TWO_PI - squares / (2 * sigma * sigma);
    },
    logCoverage: ([mu, logSigma]) => (truncated ? Math.log(normalCdf((logWindow - mu!) / Math.exp(logSigma!))) : 0),
    cdf: ([mu, logSigma]) => (x) => normalCdf((Math.log(x) - mu!) / Math.exp(logSigma!)),
    describe: ([mu, logSigma]) => {
      const sigma = Math.exp(logSigma!);
      return { mean: Math.exp(mu! + (sigma * sigma) / 2), cv: Math.sqrt(Math.expm1(sigma * sigma)), parameters: { mu: mu!, sigma } };
    },
  };

  const plainGamma = fitGamma(values).parameters;
  const gamma: Family = {
    dist: 'gamma',
    start: [Math.log(plainGamma.shape!), Math.log(plainGamma.scale!)],
    logDensitySum: ([logShape, logScale]) => {
      const shape = Math.exp(logShape!);
      return (shape - 1) * logSum - sum / Math.exp(logScale!) - n * shape * logScale! - n * logGamma(shape);
    },
    logCoverage: ([logShape, logScale]) => (truncated ? Math.log(regularizedLowerGamma(Math.exp(logShape!), windowSeconds / Math.exp(logScale!))) : 0),
    cdf: ([logShape, logScale]) => (x) => regularizedLowerGamma(Math.exp(logShape!), x / Math.exp(logScale!)),
    describe: ([logShape, logScale]) => {
      const shape = Math.exp(logShape!);
      const scale = Math.exp(logScale!);
      return { mean: shape * scale, cv: 1 / Math.sqrt(shape), parameters: { shape, scale } };
    },
  };

  const exponential: Family = {
    dist: 'exponential',
    start: [Math.log(sum / n)],
    logDensitySum: ([logMean]) => -n * logMean! - sum / Math.exp(logMean!),
    logCoverage: ([logMean]) => (truncated ? Math.log(-Math.expm1(-windowSeconds / Math.exp(logMean!))) : 0),
    cdf: ([logMean]) => (x) => -Math.expm1(-x / Math.exp(logMean!)),
    describe: ([logMean]) => ({ mean: Math.exp(logMean!), cv: 1, parameters: { mean: Math.exp(logMean!) } }),
  };

  const candidates = [lognormal, gamma, exponential].map((family) => fitFamily(family, values, windowSeconds));
  const chosen = chooseDelay(candidates);
  const { mean, cv } = meanAndCv(values);
  return {
    n,
    windowSeconds,
    sampleMean: mean,
    sampleCv: cv,
    min,
    max,
    lognormal: candidates[0]!,
    gamma: candidates[1]!,
    exponential: candidates[2]!,
    chosen,
  };
}
