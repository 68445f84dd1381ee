/**
 * Special functions the maximum-likelihood fits need: digamma and trigamma (Newton on the
 * gamma shape), the normal CDF (lognormal goodness of fit) and the regularised lower
 * incomplete gamma function (gamma goodness of fit). ln Γ comes from the distributions.
 */
import { logGamma } from '../dists/sample.ts';

export { logGamma };

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
 * asymptotic series (absolute error about 1e-15 there).
 */
export function digamma(x: number): number {
  let result = 0;
  let z = x;
  while (z < 10) {
    result -= 1 / z;
    z += 1;
  }
  const inverse = 1 / z;
  const inverseSquared = inverse * inverse;
  return (
    result +
    Math.log(z) -
    0.5 * inverse -
    inverseSquared * (1 / 12 - inverseSquared * (1 / 120 - inverseSquared * (1 / 252 - inverseSquared * (1 / 240 - inverseSquared / 132))))
  );
}

/** ψ′(x) for x > 0: the recurrence ψ′(x) = ψ′(x+1) + 1/x² up to x ≥ 10, then the asymptotic series. */
export function trigamma(x: number): number {
  let result = 0;
  let z = x;
  while (z < 10) {
    result += 1 / (z * z);
    z += 1;
  }
  const inverse = 1 / z;
  const inverseSquared = inverse * inverse;
  return (
    result +
    inverse +
    inverseSquared / 2 +
    inverse *
      inverseSquared *
      (1 / 6 - inverseSquared * (1 / 30 - inverseSquared * (1 / 42 - inverseSquared * (1 / 30 - inverseSquared * (5 / 66 - (inverseSquared * 691) / 2730)))))
  );
}

/** erf(x) = sign(x)·P(1/2, x²), through the incomplete gamma below (accurate to about 1e-14). */
export function errorFunction(x: number): number {
  const p = regularizedLowerGamma(0.5, x * x);
  return x < 0 ? -p : p;
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/**
 * Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), for a > 0 and x ≥ 0: the power
 * series below x < a + 1, the continued fraction for the upper tail above (Numerical Recipes
 * §6.2), both to about 1e-14.
 */
export function regularizedLowerGamma(a: number, x: number): number {
  if (!(x > 0)) return 0;
  if (x === Infinity) return 1;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(logPrefactor));
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefactor) * h);
}
