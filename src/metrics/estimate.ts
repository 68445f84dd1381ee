import { studentTQuantile } from './studentT.ts';

/** A KPI over replications: mean and a Student-t confidence interval. */
export interface Estimate {
  readonly mean: number;
  /** Half-width of the confidence interval (0 with a single replication: unknown, not exact). */
  readonly halfWidth: number;
  readonly stdDev: number;
  readonly replications: number;
  readonly confidence: number;
}

/** Mean ± t·s/√n over replication values. */
export function estimateOf(values: readonly number[], confidence = 0.95): Estimate {
  const n = values.length;
  if (n === 0) return { mean: NaN, halfWidth: NaN, stdDev: NaN, replications: 0, confidence };
  let mean = 0;
  for (const value of values) mean += value;
  mean /= n;
  if (n === 1) return { mean, halfWidth: 0, stdDev: 0, replications: 1, confidence };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const stdDev = Math.sqrt(squares / (n - 1));
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (stdDev / Math.sqrt(n));
  return { mean, halfWidth, stdDev, replications: n, confidence };
}
