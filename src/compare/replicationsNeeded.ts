/**
 * How many replications a figure needs for a given precision, from a pilot run.
 *
 * A confidence interval's half-width shrinks as 1/√n: a pilot of n₀ replications with
 * half-width h₀ needs about n ≈ n₀ · (h₀ / h)² replications for half-width h (Law, Simulation
 * Modeling and Analysis, §9.4.1, with the pilot's t quantile kept: slightly conservative,
 * since t falls as n grows). The pilot's variance is itself an estimate, so treat the answer as
 * a good first guess; run it, and check the half-width you get.
 */

/** What the formula needs from a pilot: its mean, CI half-width and number of replications. */
export interface Pilot {
  readonly mean: number;
  readonly halfWidth: number;
  readonly replications: number;
}

/**
 * Replications for a confidence interval of half-width `targetHalfWidth` (in the figure's
 * unit): ⌈n₀ · (h₀ / h)²⌉, at least 2. Null when the pilot has fewer than 2 replications
 * (no variance to go on); Infinity when a positive half-width must shrink to 0.
 */
export function replicationsForHalfWidth(pilot: Pilot, targetHalfWidth: number): number | null {
  if (!(targetHalfWidth >= 0)) throw new RangeError(`target half-width ${targetHalfWidth} must be 0 or more`);
  if (pilot.replications < 2 || !Number.isFinite(pilot.halfWidth)) return null;
  if (pilot.halfWidth === 0) return 2;
  if (targetHalfWidth === 0) return Infinity;
  // Rounding noise (1e-12 of a ratio that is a whole number) must not add a replication.
  const exact = pilot.replications * (pilot.halfWidth / targetHalfWidth) ** 2;
  return Math.max(2, Math.ceil(exact - 1e-9));
}

/**
 * Replications for a relative precision: a half-width of `relativeHalfWidth` × |mean|
 * (0.05: the mean ± 5%). Null with fewer than 2 pilot replications; Infinity when the mean
 * is 0 but varies (no relative precision exists around 0).
 */
export function replicationsNeeded(pilot: Pilot, relativeHalfWidth: number): number | null {
  if (!(relativeHalfWidth > 0)) throw new RangeError(`relative half-width ${relativeHalfWidth} must be more than 0`);
  return replicationsForHalfWidth(pilot, relativeHalfWidth * Math.abs(pilot.mean));
}

/**
 * Replications for a difference to become significant: its interval must shrink below its
 * own size, h < |mean| (the relative precision 1). The pilot's own count when it already is;
 * Infinity for a difference of exactly 0.
 */
export function replicationsForSignificance(pilot: Pilot): number | null {
  if (pilot.replications < 2) return null;
  if (pilot.halfWidth < Math.abs(pilot.mean)) return pilot.replications;
  if (pilot.mean === 0) return Infinity;
  return Math.max(pilot.replications + 1, replicationsForHalfWidth(pilot, Math.abs(pilot.mean))!);
}
