import type { ChannelName } from '../scenario/schema/channels.ts';

/**
 * Where a chat or ticket is in its life:
 * opened → assigned → answered → closed, or assigned → escalated → closed (second level);
 * an unanswered one ends as `left` (a chat customer gave up) or `agedOut` (closed unanswered).
 */
export type ContactStatus = 'opened' | 'assigned' | 'answered' | 'escalated' | 'closed' | 'left' | 'agedOut';

/** One status change: the status and the simulation time (seconds) it began. */
export interface StatusChange {
  readonly status: ContactStatus;
  readonly at: number;
}

/**
 * One chat or ticket from opening to its last status: the single source of truth for the
 * channel KPIs, as CallRecord is for the phone. Times are simulation seconds; NaN where a
 * time does not apply.
 */
export interface ContactRecord {
  /** Number of the contact within its channel and replication, in order of arrival from 0. */
  readonly id: number;
  readonly replication: number;
  readonly channel: ChannelName;
  readonly opened: number;
  /** An agent took it (NaN if never). */
  readonly assigned: number;
  /** The customer got a response: chat when an agent joins, tickets when the reply is sent (NaN if never). */
  readonly responded: number;
  /** Last status the contact reached within the run. */
  readonly status: ContactStatus;
  /** Every status in order, `opened` first. */
  readonly history: readonly StatusChange[];
  /** Age at the response, or NaN. */
  readonly responseTime: number;
  readonly withinTarget: boolean;
  /** The customer phoned because it stayed unanswered. */
  readonly causedCall: boolean;
  /** The contact turned into a complaint. */
  readonly complained: boolean;
  /** The customer ended up dissatisfied (gave up, aged out, complained, or answered after the target). */
  readonly dissatisfied: boolean;
  /** Served by a blended phone agent rather than a dedicated one. */
  readonly blended: boolean;
}
