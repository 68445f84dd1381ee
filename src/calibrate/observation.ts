/**
 * What calibration keeps of one call from any log format: when it arrived (wall clock),
 * how long the caller waited, how long the agent talked, how it ended, the queue, the
 * caller id. Every format reader turns its rows into these, or into a skip with a reason,
 * or into diagnostics.
 */
import type { LogDiagnostic } from './diagnostics.ts';

export type ObservedOutcome = 'answered' | 'abandoned' | 'blocked';

export interface CallObservation {
  /** Line of the file the call comes from (its last line, for queue_log). */
  readonly line: number;
  /** Arrival, wall-clock seconds (see time.ts): fixes the interval and weekday. */
  readonly arrival: number;
  /** Seconds from arrival to answer (answered) or hang-up (abandoned); 0 for blocked. */
  readonly wait: number;
  /** Seconds from answer to end (talk time); NaN unless answered. */
  readonly talk: number;
  readonly outcome: ObservedOutcome;
  readonly queue: string;
  /** Caller id (number), or null when hidden or unknown. */
  readonly caller: string | null;
  /**
   * True when the call left the queue unanswered but not by the caller's choice (queue_log
   * EXITWITHTIMEOUT, EXITEMPTY): an abandonment in the KPIs, a censored wait for patience.
   */
  readonly patienceCensored?: boolean;
}

/** What a reader makes of one row. */
export type RowResult =
  | { readonly kind: 'call'; readonly call: CallObservation }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'error'; readonly diagnostics: LogDiagnostic[] }
  | { readonly kind: 'none' };

/** Caller ids that identify nobody, so they never count as the same caller calling again. */
const ANONYMOUS = new Set(['', 'anonymous', 'unknown', '<unknown>', 'private', 'restricted', 'unavailable', 'withheld']);

/** The caller id, or null when it is hidden. */
export function callerIdOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  return ANONYMOUS.has(trimmed.toLowerCase()) ? null : trimmed;
}

/**
 * A queue name made usable as a scenario id (letters, digits, `-`, `_`): other characters
 * become `-`; an empty name becomes `queue`.
 */
export function queueIdOf(name: string): string {
  const id = name
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
  return id.length > 0 ? id : 'queue';
}
