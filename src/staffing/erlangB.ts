/**
 * Erlang B: the loss formula, plus the small error catalogue shared by every staffing formula.
 *
 * This is the root module of `src/staffing/`: Erlang C and Erlang A are built on the
 * Erlang B value, so the shared error type lives here to keep imports pointing one way.
 */

/**
 * Stable codes for the ways a staffing computation can refuse to answer.
 *
 * - `STAFFING_INVALID_INPUT`: a parameter is negative, not finite, or not an integer where it must be.
 * - `STAFFING_QUEUE_TOO_LONG`: Erlang A would have to sum an absurdly long queue (patience so
 *   long and overload so high that tens of millions of callers would be waiting).
 * - `STAFFING_TARGET_UNREACHABLE`: no head count up to `maxAgents` meets the targets.
 */
export type StaffingErrorCode = 'STAFFING_INVALID_INPUT' | 'STAFFING_QUEUE_TOO_LONG' | 'STAFFING_TARGET_UNREACHABLE';

/**
 * A staffing formula refused its input. Errors are data: callers switch on `code`, show
 * `message` (what happened), `why` and `whatToDo`, and may read the offending `field`.
 * It is thrown (not returned) only because these functions return plain numbers/records
 * that the CLI and simulator tests consume directly.
 */
export class StaffingError extends Error {
  /** Stable, machine-readable code; never reworded. */
  readonly code: StaffingErrorCode;
  /** Why the input cannot be answered. */
  readonly why: string;
  /** What the caller can change to get an answer. */
  readonly whatToDo: string;
  /** Name of the offending option, when one option is to blame. */
  readonly field: string | undefined;

  constructor(issue: { code: StaffingErrorCode; message: string; why: string; whatToDo: string; field?: string }) {
    super(issue.message);
    this.name = 'StaffingError';
    this.code = issue.code;
    this.why = issue.why;
    this.whatToDo = issue.whatToDo;
    this.field = issue.field;
  }
}

/**
 * Rejects a value that is not a finite number ≥ 0, so a typo in a scenario fails loudly
 * instead of turning every probability into NaN.
 */
export function requireNonNegative(field: string, value: number, allowInfinity = false): void {
  const ok = typeof value === 'number' && value >= 0 && (allowInfinity || Number.isFinite(value));
  if (!ok) {
    throw new StaffingError({
      code: 'STAFFING_INVALID_INPUT',
      message: `${field} must be a ${allowInfinity ? '' : 'finite '}number ≥ 0, got ${String(value)}.`,
      why: 'Queueing formulas are only defined for non-negative rates, times and head counts.',
      whatToDo: `Give ${field} as a non-negative number (rates in calls per second, times in seconds).`,
      field,
    });
  }
}

/** Rejects a head count that is not a whole, finite, non-negative number: half an agent answers no calls. */
export function requireAgentCount(field: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new StaffingError({
      code: 'STAFFING_INVALID_INPUT',
      message: `${field} must be a whole number ≥ 0, got ${String(value)}.`,
      why: 'Erlang formulas count agents; a fractional or negative head count has no meaning.',
      whatToDo: `Round ${field} to a whole number of agents.`,
      field,
    });
  }
}

/**
 * Erlang B blocking probability (no queue): the chance that a call arriving at `agents`
 * lines, with Poisson arrivals and `offeredLoad` Erlang of traffic, finds every line busy
 * and is lost. Models a switchboard with no waiting room, and is the building block of
 * Erlang C and Erlang A.
 *
 * Why this recursion: `B(n) = a·B(n−1) / (n + a·B(n−1))`, `B(0) = 1` only adds and divides
 * positive numbers, so it never overflows (unlike `aⁿ/n!`) and loses no precision through
 * cancellation; it is O(agents) and fine for 10,000+ agents. When the true value is below
 * ~1e-308 it underflows to exactly 0, which callers treat as "never blocked".
 *
 * @param offeredLoad traffic in Erlang = arrival rate × mean handle time (≥ 0, finite)
 * @param agents number of lines/agents (whole number ≥ 0)
 * @returns probability in [0, 1]
 */
export function erlangB(offeredLoad: number, agents: number): number {
  requireNonNegative('offeredLoad', offeredLoad);
  requireAgentCount('agents', agents);
  let blocking = 1;
  for (let lines = 1; lines <= agents; lines += 1) {
    const carried = offeredLoad * blocking;
    blocking = carried / (lines + carried);
  }
  return blocking;
}
