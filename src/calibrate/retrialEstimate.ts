/**
 * Retrials for the calibrated scenario (the caller type's `retrial:`), from calls with a
 * caller id: a call within the retrial window W of the end of the same caller's unanswered
 * call is a retrial of it.
 *
 * - `afterAbandoned` (and `afterBlocked` when the log has busy signals): retrials seen after
 *   such calls ÷ those calls, divided by the share F(W) of delays the window catches (the
 *   callers who called back later are not seen as retrials), at most 1. Per queue when the
 *   queue has at least {@link MIN_RETRIALS} retrials after a hang-up, otherwise all queues pooled.
 * - `delay`: seconds from the end of the unanswered call to the retrial, fitted truncated
 *   at W (delayFit.ts).
 * - `maxAttempts`: the longest chain of calls seen (first call, retrial, retrial of the
 *   retrial…), at most {@link MAX_ATTEMPTS_CAP}; the calls that were the last allowed attempt
 *   are left out of the probability, as the simulator never retries them.
 *
 * Retrials are only written with at least {@link MIN_RETRIALS} of them, and when the window
 * catches at least {@link MIN_WRITTEN_COVERAGE} of the fitted delays; otherwise the reason is
 * kept, and the arrivals keep counting every call.
 */
import { fitDelay, type DelayFit } from './delayFit.ts';
import type { LogStatistics, OutcomeRetrials } from './statistics.ts';

/** Retrials after an unanswered call needed to write `retrial:` (and for a queue's own probability). */
export const MIN_RETRIALS = 30;
/** Below this share of delays within the window (of the chosen fit), no `retrial:` is written: it would be mostly extrapolation. */
export const MIN_WRITTEN_COVERAGE = 0.5;
/** Below this share of delays within the window, the scenario and the summary warn that the tail is extrapolated. */
export const LOW_COVERAGE = 0.8;
/** Largest `maxAttempts` written, however long the longest chain seen. */
export const MAX_ATTEMPTS_CAP = 10;

export interface RetrialProbability {
  /** Identified unanswered calls that could still be retried (not the last allowed attempt). */
  readonly calls: number;
  /** Of them, followed by a retrial within the window. */
  readonly retried: number;
  /** retried ÷ calls. */
  readonly seen: number;
  /** seen ÷ F(W), at most 1: the probability written. */
  readonly probability: number;
}

export interface QueueRetrialEstimate {
  readonly id: string;
  /** This queue's own figures (always computed, for the comments). */
  readonly own: RetrialProbability;
  /** What is written: this queue's, or all queues pooled (fewer than MIN_RETRIALS of its own). */
  readonly afterAbandoned: RetrialProbability;
  readonly from: 'queue' | 'pooled';
}

export interface RetrialModel {
  readonly written: true;
  readonly windowSeconds: number;
  readonly delay: DelayFit;
  /** F(W) of the chosen delay distribution. */
  readonly coverage: number;
  readonly longestChain: number;
  readonly maxAttempts: number;
  /** Identified calls by place in their chain: first calls, first retrials… */
  readonly chains: readonly number[];
  readonly pooled: RetrialProbability;
  /** All queues pooled; null when the log has no busy signals from identified callers. */
  readonly afterBlocked: RetrialProbability | null;
  readonly queues: readonly QueueRetrialEstimate[];
  /** All calls ÷ identified calls: retrials of hidden numbers are as frequent, but not seen. */
  readonly hiddenFactor: number;
  /** Retrials taken out of the arrivals (seen ones × hiddenFactor ÷ coverage). */
  readonly removed: number;
  /** Factor from a retrial seen in an interval to the calls taken out of it (hiddenFactor ÷ coverage). */
  readonly removedPerSeen: number;
}

export type RetrialEstimate = RetrialModel | { readonly written: false; readonly reason: string };

function probabilityOf(outcomes: readonly OutcomeRetrials[], maxAttempts: number, coverage: number): RetrialProbability {
  let calls = 0;
  let retried = 0;
  for (const outcome of outcomes) {
    for (let place = 0; place < maxAttempts - 1; place++) {
      calls += outcome.calls[place]!;
      retried += outcome.retried[place]!;
    }
  }
  const seen = calls > 0 ? retried / calls : 0;
  return { calls, retried, seen, probability: Math.min(1, seen / coverage) };
}

/** The retrial settings the log supports, or why there are none. */
export function estimateRetrials(statistics: LogStatistics, queueIds: readonly string[], windowSeconds: number): RetrialEstimate {
  const counts = statistics.retrials;
  const windowMinutes = Math.round(windowSeconds / 60);
  if (counts.identified === 0) {
    return { written: false, reason: 'no call in the log has a caller id (hidden numbers, or a format without them), so no call can be matched to an earlier one' };
  }
  if (counts.afterUnanswered < MIN_RETRIALS) {
    return {
      written: false,
      reason: `only ${counts.afterUnanswered} call(s) came from a caller whose unanswered call had ended within ${windowMinutes} min, fewer than the ${MIN_RETRIALS} needed to estimate how often and when callers call again`,
    };
  }
  const delay = fitDelay(counts.delays.sampleValues, windowSeconds);
  const coverage = delay.chosen.windowCoverage;
  if (coverage < MIN_WRITTEN_COVERAGE) {
    return {
      written: false,
      reason:
        `the ${windowMinutes}-min retrial window is too short for these callers: the best fit of the ${counts.afterUnanswered} delays seen (${delay.chosen.dist}) puts only ` +
        `${(coverage * 100).toFixed(1)}% of delays within it, so the probability of calling again would be mostly extrapolation; rerun with a longer --retrial-window (e.g. ${Math.max(2 * windowMinutes, 30)}min)`,
    };
  }
  let longestChain = 1;
  counts.byAttempt.forEach((calls, place) => {
    if (calls > 0) longestChain = place + 1;
  });
  const maxAttempts = Math.min(MAX_ATTEMPTS_CAP, longestChain);
  const byQueue = (id: string) => counts.byQueue.get(id);
  const all = [...counts.byQueue.values()];
  const pooled = probabilityOf(all.map((q) => q.abandoned), maxAttempts, coverage);
  const blocked = probabilityOf(all.map((q) => q.blocked), maxAttempts, coverage);
  const queues = queueIds.map((id): QueueRetrialEstimate => {
    const counted = byQueue(id);
    const own = probabilityOf(counted ? [counted.abandoned] : [], maxAttempts, coverage);
    const mine = own.retried >= MIN_RETRIALS;
    return { id, own, afterAbandoned: mine ? own : pooled, from: mine ? 'queue' : 'pooled' };
  });
  const hiddenFactor = statistics.calls / counts.identified;
  const removedPerSeen = hiddenFactor / coverage;
  return {
    written: true,
    windowSeconds,
    delay,
    coverage,
    longestChain,
    maxAttempts,
    chains: counts.byAttempt.slice(0, longestChain),
    pooled,
    afterBlocked: blocked.calls > 0 ? blocked : null,
    queues,
    hiddenFactor,
    removed: counts.afterUnanswered * removedPerSeen,
    removedPerSeen,
  };
}
