/**
 * Maximum-likelihood fits for calibration, pure functions of plain arrays.
 *
 * - Handle times (complete data): lognormal (closed form) and gamma (Newton on the shape
 *   with digamma/trigamma), compared by AIC = 2·parameters − 2·ln L.
 * - Patience (right-censored data): an abandoned call shows the caller's patience (the
 *   wait until they hung up); an answered call only shows that patience was longer than
 *   the wait. Weibull and exponential are fitted by censored maximum likelihood and
 *   compared by AIC; Kaplan–Meier gives the distribution-free survival curve. The naive
 *   mean of the abandoners' waits is computed only to show how wrong it is: it ignores
 *   every patient caller who was answered first, so it is biased low.
 */
import { digamma, logGamma, normalCdf, regularizedLowerGamma, trigamma } from './special.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** A fitted handle-time distribution, by the mean and cv the scenario uses. */
export interface CompleteFit {
  readonly dist: 'lognormal' | 'gamma';
  readonly mean: number;
  readonly cv: number;
  /** Native parameters: lognormal μ, σ of ln x; gamma shape k and scale θ. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly logLikelihood: number;
  readonly aic: number;
  /** Kolmogorov–Smirnov distance between the data and the fitted CDF (descriptive: the parameters come from the same data). */
  readonly ksDistance: number;
}

export interface HandleTimeFit {
  readonly n: number;
  readonly sampleMean: number;
  readonly sampleCv: number;
  readonly lognormal: CompleteFit;
  readonly gamma: CompleteFit;
  /** The fit with the lower AIC. */
  readonly chosen: CompleteFit;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

/** Mean and coefficient of variation (sample standard deviation / mean). */
export function meanAndCv(values: ArrayLike<number>): { mean: number; cv: number } {
  const n = values.length;
  const mean = sum(values) / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { mean, cv: n > 1 ? Math.sqrt(squares / (n - 1)) / mean : 0 };
}

/** Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
export function ksDistance(values: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const p = cdf(sorted[i]!);
    distance = Math.max(distance, p - i / n, (i + 1) / n - p);
  }
  return distance;
}

/** Lognormal MLE: μ and σ are the mean and (n-denominator) standard deviation of ln x. Values must be > 0. */
export function fitLognormal(values: ArrayLike<number>): CompleteFit {
  const n = values.length;
  let logSum = 0;
  for (let i = 0; i < n; i++) logSum += Math.log(values[i]!);
  const mu = logSum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (Math.log(values[i]!) - mu) ** 2;
  const sigma = Math.max(Math.sqrt(squares / n), 1e-9);
  const logLikelihood = -logSum - n * Math.log(sigma) - n * HALF_LOG_TWO_PI - n / 2;
  return {
    dist: 'lognormal',
    mean: Math.exp(mu + (sigma * sigma) / 2),
    cv: Math.sqrt(Math.expm1(sigma * sigma)),
    parameters: { mu, sigma },
    logLikelihood,
    aic: 2 * 2 - 2 * logLikelihood,
    ksDistance: ksDistance(values, (x) => normalCdf((Math.log(x) - mu) / sigma)),
  };
}

/**
 * Gamma MLE. The scale is mean/shape; the shape solves ln k − ψ(k) = ln(mean) − mean(ln x),
 * found by Newton's method (derivative 1/k − ψ′(k)) from Minka's closed-form start, which
 * is already within a few percent. Values must be > 0.
 */
export function fitGamma(values: ArrayLike<number>): CompleteFit {
  const n = values.length;
  const mean = sum(values) / n;
  let logSum = 0;
  for (let i = 0; i < n; i++) logSum += Math.log(values[i]!);
  const s = Math.max(Math.log(mean) - logSum / n, 1e-12);
  let shape = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
  for (let iteration = 0; iteration < 100; iteration++) {
    const f = Math.log(shape) - digamma(shape) - s;
    const derivative = 1 / shape - trigamma(shape);
    let next = shape - f / derivative;
    if (!(next > 0)) next = shape / 2;
    const converged = Math.abs(next - shape) < 1e-12 * shape;
    shape = next;
    if (converged) break;
  }
  const scale = mean / shape;
  const logLikelihood = (shape - 1) * logSum - (n * mean) / scale - n * shape * Math.log(scale) - n * logGamma(shape);
  return {
    dist: 'gamma',
    mean,
    cv: 1 / Math.sqrt(shape),
    parameters: { shape, scale },
    logLikelihood,
    aic: 2 * 2 - 2 * logLikelihood,
    ksDistance: ksDistance(values, (x) => regularizedLowerGamma(shape, x / scale)),
  };
}

/** Fits lognormal and gamma to positive handle times and picks the lower AIC. */
export function fitHandleTime(values: ArrayLike<number>): HandleTimeFit {
  if (values.length < 2) throw new RangeError(`fitHandleTime needs at least 2 values, got ${values.length}`);
  const lognormal = fitLognormal(values);
  const gamma = fitGamma(values);
  const { mean, cv } = meanAndCv(values);
  return {
    n: values.length,
    sampleMean: mean,
    sampleCv: cv,
    lognormal,
    gamma,
    chosen: lognormal.aic <= gamma.aic ? lognormal : gamma,
  };
}

// ---------------------------------------------------------------------------------------
// Censored data: patience
// ---------------------------------------------------------------------------------------

/**
 * Right-censored observations: `times[i]` is the wait of call i; `events[i]` is 1 if the
 * caller hung up then (patience observed), 0 if they were answered (patience > wait).
 */
export interface CensoredSample {
  readonly times: ArrayLike<number>;
  readonly events: ArrayLike<number>;
}

export interface WeibullFit {
  readonly dist: 'weibull';
  readonly shape: number;
  readonly scale: number;
  /** Standard errors from the observed information (inverse Hessian of ln L). */
  readonly shapeStandardError: number;
  readonly scaleStandardError: number;
  readonly mean: number;
  readonly logLikelihood: number;
  readonly aic: number;
}

export interface ExponentialFit {
  readonly dist: 'exponential';
  readonly mean: number;
  readonly meanStandardError: number;
  readonly logLikelihood: number;
  readonly aic: number;
}

export interface KaplanMeierPoint {
  /** Seconds of waiting. */
  readonly time: number;
  /** Estimated share of callers whose patience exceeds `time`. */
  readonly survival: number;
  /** Greenwood standard error of `survival`. */
  readonly standardError: number;
  readonly atRisk: number;
}

export interface KaplanMeier {
  /** The step function, one point per distinct event time (survival just after it). */
  readonly steps: readonly KaplanMeierPoint[];
  /** S(t) at time t (1 before the first event). */
  survivalAt(time: number): number;
  /** Median patience, if the curve falls to 0.5 within the observed waits; otherwise null (more than half never abandoned). */
  readonly median: number | null;
  /** ∫₀^τ S(t) dt: mean patience restricted to waits up to τ, the mean the data can support without a model. */
  restrictedMean(tau: number): number;
  /** Longest wait observed (events and censored). */
  readonly maxTime: number;
}

export interface PatienceFit {
  /** Calls with a wait (abandoned, or answered after some wait). */
  readonly n: number;
  /** Abandoned calls: patience observed. */
  readonly events: number;
  /** Answered calls: patience only known to exceed the wait. */
  readonly censored: number;
  readonly weibull: WeibullFit | null;
  readonly exponential: ExponentialFit | null;
  /** The parametric fit with the lower AIC, or null with no abandonment at all. */
  readonly chosen: WeibullFit | ExponentialFit | null;
  readonly kaplanMeier: KaplanMeier;
  /** Mean of the abandoners' waits: the naive, biased estimate, reported only for comparison. */
  readonly naiveMean: number;
}

/** Whole-second waits of abandoners at 0 s would put ln 0 in the likelihood: they are taken as this. */
export const ZERO_WAIT_AS = 0.5;

function cleanCensored(sample: CensoredSample): { times: Float64Array; events: Uint8Array } {
  const n = sample.times.length;
  const times = new Float64Array(n);
  const events = new Uint8Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = sample.times[i]!;
    const event = sample.events[i]! ? 1 : 0;
    // A call answered at once says nothing about patience (patience > 0 is always true).
    if (!event && !(t > 0)) continue;
    times[k] = event && !(t > 0) ? ZERO_WAIT_AS : t;
    events[k] = event;
    k++;
  }
  return { times: times.subarray(0, k), events: events.subarray(0, k) };
}

/**
 * Weibull by censored maximum likelihood. With d events, ln L(k, λ) =
 * d·ln k − d·k·ln λ + (k−1)·Σ_events ln t − Σ_all (t/λ)^k. For a fixed k the best λ is
 * (Σ_all t^k / d)^(1/k); substituting it leaves one equation in k,
 * 1/k + mean_events(ln t) − Σ t^k ln t / Σ t^k = 0, whose left side falls with k, so
 * bisection on ln k always finds the root. Times are divided by the largest first, so
 * t^k neither overflows nor underflows.
 */
export function fitWeibullCensored(sample: CensoredSample): WeibullFit | null {
  const { times, events } = cleanCensored(sample);
  const n = times.length;
  let d = 0;
  let eventLogSum = 0;
  let maxTime = 0;
  for (let i = 0; i < n; i++) {
    if (times[i]! > maxTime) maxTime = times[i]!;
    if (events[i]) {
      d++;
      eventLogSum += Math.log(times[i]!);
    }
  }
  if (d < 2) return null;
  const logScaled = new Float64Array(n);
  for (let i = 0; i < n; i++) logScaled[i] = Math.log(times[i]! / maxTime);
  const meanEventLog = eventLogSum / d - Math.log(maxTime);
  const profile = (shape: number): number => {
    let powerSum = 0;
    let weightedLog = 0;
    for (let i = 0; i < n; i++) {
      const power = Math.exp(shape * logScaled[i]!);
      powerSum += power;
      weightedLog += power * logScaled[i]!;
    }
    return 1 / shape + meanEventLog - weightedLog / powerSum;
  };
  let low = Math.log(0.01);
  let high = Math.log(100);
  if (profile(Math.exp(high)) > 0) low = high;
  else if (profile(Math.exp(low)) < 0) high = low;
  for (let iteration = 0; iteration < 200 && high - low > 1e-13; iteration++) {
    const middle = (low + high) / 2;
    if (profile(Math.exp(middle)) > 0) low = middle;
    else high = middle;
  }
  const shape = Math.exp((low + high) / 2);
  let powerSum = 0;
  for (let i = 0; i < n; i++) powerSum += Math.exp(shape * logScaled[i]!);
  const scale = maxTime * Math.pow(powerSum / d, 1 / shape);
  const logLikelihoodAt = (k: number, lambda: number): number => {
    let total = d * Math.log(k) - d * k * Math.log(lambda) + (k - 1) * eventLogSum;
    const logRatio = Math.log(maxTime / lambda);
    for (let i = 0; i < n; i++) total -= Math.exp(k * (logScaled[i]! + logRatio));
    return total;
  };
  const logLikelihood = logLikelihoodAt(shape, scale);
  const [shapeStandardError, scaleStandardError] = standardErrors(
    (a, b) => logLikelihoodAt(Math.exp(a), Math.exp(b)),
    Math.log(shape),
    Math.log(scale),
  ).map((logError, index) => logError * (index === 0 ? shape : scale)) as [number, number];
  return {
    dist: 'weibull',
    shape,
    scale,
    shapeStandardError,
    scaleStandardError,
    mean: scale * Math.exp(logGamma(1 + 1 / shape)),
    logLikelihood,
    aic: 2 * 2 - 2 * logLikelihood,
  };
}

/**
 * Standard errors of two log-parameters from the numerical Hessian of ln L at its maximum
 * (observed information); multiplied by the parameter they give the delta-method errors.
 */
function standardErrors(logLikelihood: (a: number, b: number) => number, a: number, b: number): [number, number] {
  const h = 1e-4;
  const f = (x: number, y: number): number => logLikelihood(x, y);
  const f0 = f(a, b);
  const faa = (f(a + h, b) - 2 * f0 + f(a - h, b)) / (h * h);
  const fbb = (f(a, b + h) - 2 * f0 + f(a, b - h)) / (h * h);
  const fab = (f(a + h, b + h) - f(a + h, b - h) - f(a - h, b + h) + f(a - h, b - h)) / (4 * h * h);
  // Information matrix I = −Hessian; its inverse's diagonal holds the variances.
  const determinant = faa * fbb - fab * fab;
  if (!(determinant > 0)) return [NaN, NaN];
  return [Math.sqrt(-fbb / determinant), Math.sqrt(-faa / determinant)];
}

/** Exponential by censored maximum likelihood: rate = events / total time at risk. */
export function fitExponentialCensored(sample: CensoredSample): ExponentialFit | null {
  const { times, events } = cleanCensored(sample);
  let d = 0;
  let exposure = 0;
  for (let i = 0; i < times.length; i++) {
    exposure += times[i]!;
    d += events[i]!;
  }
  if (d < 1) return null;
  const rate = d / exposure;
  const logLikelihood = d * Math.log(rate) - rate * exposure;
  return {
    dist: 'exponential',
    mean: 1 / rate,
    meanStandardError: 1 / rate / Math.sqrt(d),
    logLikelihood,
    aic: 2 * 1 - 2 * logLikelihood,
  };
}

/**
 * Kaplan–Meier product-limit estimator of the patience survival curve, with Greenwood
 * standard errors. At tied times, hang-ups are counted before answers (the usual
 * convention: a caller answered at t was still at risk of hanging up at t).
 */
export function kaplanMeier(sample: CensoredSample): KaplanMeier {
  const { times, events } = cleanCensored(sample);
  const n = times.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => times[i]! - times[j]! || events[j]! - events[i]!);
  const steps: KaplanMeierPoint[] = [];
  let atRisk = n;
  let survival = 1;
  let greenwood = 0;
  let maxTime = 0;
  let index = 0;
  while (index < n) {
    const time = times[order[index]!]!;
    let deaths = 0;
    let leaving = 0;
    while (index < n && times[order[index]!] === time) {
      deaths += events[order[index]!]!;
      leaving++;
      index++;
    }
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      if (atRisk > deaths) greenwood += deaths / (atRisk * (atRisk - deaths));
      steps.push({ time, survival, standardError: survival * Math.sqrt(greenwood), atRisk });
    }
    atRisk -= leaving;
    maxTime = time;
  }
  const survivalAt = (time: number): number => {
    let low = 0;
    let high = steps.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (steps[middle]!.time <= time) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 1 : steps[low - 1]!.survival;
  };
  const medianStep = steps.find((step) => step.survival <= 0.5);
  return {
    steps,
    survivalAt,
    median: medianStep ? medianStep.time : null,
    restrictedMean(tau: number): number {
      let area = 0;
      let previousTime = 0;
      let previousSurvival = 1;
      for (const step of steps) {
        if (step.time >= tau) break;
        area += previousSurvival * (step.time - previousTime);
        previousTime = step.time;
        previousSurvival = step.survival;
      }
      return area + previousSurvival * (tau - previousTime);
    },
    maxTime,
  };
}

/** Fits patience from censored waits: Weibull and exponential (AIC picks), Kaplan–Meier, and the naive mean for comparison. */
export function fitPatience(sample: CensoredSample): PatienceFit {
  const { times, events } = cleanCensored(sample);
  let eventCount = 0;
  let eventSum = 0;
  for (let i = 0; i < times.length; i++) {
    if (events[i]) {
      eventCount++;
      eventSum += times[i]!;
    }
  }
  const weibull = fitWeibullCensored({ times, events });
  const exponential = fitExponentialCensored({ times, events });
  const chosen = weibull && exponential ? (weibull.aic <= exponential.aic ? weibull : exponential) : (weibull ?? exponential);
  return {
    n: times.length,
    events: eventCount,
    censored: times.length - eventCount,
    weibull,
    exponential,
    chosen,
    kaplanMeier: kaplanMeier({ times, events }),
    naiveMean: eventCount > 0 ? eventSum / eventCount : NaN,
  };
}

/** Weibull survival exp(−(t/λ)^k). */
export function weibullSurvival(time: number, shape: number, scale: number): number {
  return Math.exp(-Math.pow(time / scale, shape));
}

/** ∫₀^τ exp(−(t/λ)^k) dt, by Simpson's rule on 2,000 panels (ample for a smooth integrand). */
export function weibullRestrictedMean(tau: number, shape: number, scale: number): number {
  const panels = 2000;
  const h = tau / panels;
  let total = weibullSurvival(0, shape, scale) + weibullSurvival(tau, shape, scale);
  for (let i = 1; i < panels; i++) total += (i % 2 === 1 ? 4 : 2) * weibullSurvival(i * h, shape, scale);
  return (total * h) / 3;
}
