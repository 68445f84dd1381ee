/**
 * Waiting times: a histogram of the waits of callers who waited, and the abandonment curve.
 *
 * @module
 */
import type { CallDigest } from '../callDigest.ts';

export interface WaitBin {
  readonly from: number;
  readonly to: number;
  /** Calls per average day answered after waiting more than 0 s, from…to seconds. */
  readonly answered: number;
  readonly abandoned: number;
}

/** Share of all finished calls answered, and hung up, within `seconds` of waiting. */
export interface AbandonmentPoint {
  readonly seconds: number;
  readonly answered: number;
  readonly abandoned: number;
}

/** A bin width from 5 s to 10 min giving at most `bins` bins up to `upper`. */
function binWidth(upper: number, bins = 24): number {
  const steps = [5, 10, 15, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];
  return steps.find((step) => upper / step <= bins) ?? Math.ceil(upper / bins / 3600) * 3600;
}

/**
 * Waiting times of callers who waited at all (answered at once is the abandonment curve's
 * start), per average day; and the abandonment curve over all finished calls.
 */
export function waitsOf(digest: CallDigest, replications: number, days: number): { binSeconds: number; bins: WaitBin[]; abandonment: AbandonmentPoint[] } {
  // A loop, not Math.max(...waits): a long run has more waits than a call has arguments.
  let upper = 1;
  for (const wait of digest.answeredWaits) if (wait > upper) upper = wait;
  for (const wait of digest.abandonedWaits) if (wait > upper) upper = wait;
  const width = binWidth(upper);
  const count = Math.max(1, Math.ceil(upper / width));
  const answered = new Array<number>(count).fill(0);
  const abandoned = new Array<number>(count).fill(0);
  const bin = (wait: number): number => Math.min(count - 1, Math.floor(wait / width));
  let answeredAtOnce = 0;
  for (const wait of digest.answeredWaits) {
    if (wait > 0) answered[bin(wait)]!++;
    else answeredAtOnce++;
  }
  for (const wait of digest.abandonedWaits) abandoned[bin(wait)]!++;
  const runs = replications * days;
  const bins = answered.map((value, i) => ({ from: i * width, to: (i + 1) * width, answered: value / runs, abandoned: abandoned[i]! / runs }));
  const calls = Math.max(digest.calls, 1);
  let answeredSoFar = 0;
  let abandonedSoFar = 0;
  const abandonment: AbandonmentPoint[] = [{ seconds: 0, answered: answeredAtOnce / calls, abandoned: 0 }];
  answeredSoFar = answeredAtOnce;
  answered.forEach((value, i) => {
    answeredSoFar += value;
    abandonedSoFar += abandoned[i]!;
    abandonment.push({ seconds: (i + 1) * width, answered: answeredSoFar / calls, abandoned: abandonedSoFar / calls });
  });
  return { binSeconds: width, bins, abandonment };
}
