/**
 * How a call ended. `dropped`: cut off by the phone system after the maximum wait;
 * `unreached`: a callback nobody picked up; `closed`: came in while the line was closed. Calls served by a call script can also end
 * `hung-up` (during the conversation: out of patience, or the script says so), `callback`
 * (promised a call back) or `escalated` (passed on); all three are answered calls without a sale.
 */
export type Outcome = 'purchased' | 'resolved' | 'unresolved' | 'abandoned' | 'blocked' | 'dropped' | 'unreached' | 'hung-up' | 'callback' | 'escalated' | 'closed';

export const OUTCOMES: readonly Outcome[] = ['purchased', 'resolved', 'unresolved', 'abandoned', 'blocked', 'dropped', 'unreached', 'hung-up', 'callback', 'escalated', 'closed'];

/**
 * One call, from arrival to the end. The single source of truth for every metric.
 * Times are simulation seconds from the start of the run; `NaN` where a time does not apply.
 */
export interface CallRecord {
  readonly id: number;
  readonly replication: number;
  readonly callerType: string;
  readonly problem: string;
  /** The customer making the call: the same on every retrial of one customer (absent in records from older code). */
  readonly customer?: number;
  /** 0 (or absent) for the customer's first call, 1 for the first retrial… (see {@link isRetry}). */
  readonly attempt?: number;
  /** The customer was served (or the attempt made) on a callback. */
  readonly callback?: boolean;
  /** Arrival time (seconds from run start). */
  readonly arrival: number;
  /** Time an agent answered, or NaN if never answered. */
  readonly answer: number;
  /** Time the call ended (hang-up, block, or end of service). */
  readonly end: number;
  /** Seconds spent in the queue (0 when answered at once or blocked). */
  readonly wait: number;
  /** Agent index, or -1. */
  readonly agent: number;
  readonly outcome: Outcome;
  /** Order value the caller would spend if they buy. */
  readonly orderValue: number;
  /** Expected revenue had the call been answered at once: intent × conversion × value. */
  readonly potentialRevenue: number;
  /** Revenue actually made on this call. */
  readonly revenue: number;
  /** Expected revenue lost to the service: all of the potential if abandoned or blocked, the part lost to waiting if answered. */
  readonly lostRevenue: number;
  /** Mood when the call ended, 0 to 1. */
  readonly mood: number;
  /** The customer phoned because their chat or ticket stayed unanswered (`callAfter`); absent otherwise. */
  readonly causedBy?: 'chat' | 'tickets';
}

/**
 * A retrial: the same caller calling again after an earlier attempt went wrong (`attempt`
 * 1 or more). The money module prices every retrial as an extra cost of poor service.
 */
export function isRetry(record: Pick<CallRecord, 'attempt'>): boolean {
  return (record.attempt ?? 0) > 0;
}
