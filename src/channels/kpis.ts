/** The key figures of one written channel in one replication, and the channels there are. */
import type { ChannelName } from '../scenario/schema/channels.ts';

export const CHANNEL_NAMES: readonly ChannelName[] = ['chat', 'tickets'];

/** Key figures of one channel in one replication. Times in seconds, money in the scenario currency. */
export interface ChannelKpis {
  offered: number;
  /** Contacts that got a response. */
  responded: number;
  respondedWithinTarget: number;
  /** respondedWithinTarget / (offered − contacts still open at the end and younger than the target). */
  withinTargetRate: number;
  /** Mean age at the response of contacts that got one. */
  meanResponseTime: number;
  maxResponseTime: number;
  /** Chat customers who gave up waiting. */
  left: number;
  agedOut: number;
  escalated: number;
  /** Unanswered contacts (waiting or being handled) when the run ended. */
  openAtEnd: number;
  /** Time-average of unanswered contacts over the whole run. */
  meanBacklog: number;
  maxBacklog: number;
  /** Unanswered contacts at the end of each simulated day (midnight). */
  backlogByDay: number[];
  /** Phone calls made because a contact stayed unanswered (simulated in the phone queue, counted in its figures). */
  callsCaused: number;
  complaints: number;
  dissatisfied: number;
  /** Future revenue lost through those customers (afterCall). */
  lostLifetimeValue: number;
  /** Cost of this channel's dedicated agents. */
  staffCost: number;
  /** Agent hours blended phone agents spent on this channel. */
  blendedHoursUsed: number;
}

/** Figures of a channel before its first contact, with one backlog entry per simulated day. */
export function emptyKpis(days: number): ChannelKpis {
  return {
    offered: 0,
    responded: 0,
    respondedWithinTarget: 0,
    withinTargetRate: 0,
    meanResponseTime: 0,
    maxResponseTime: 0,
    left: 0,
    agedOut: 0,
    escalated: 0,
    openAtEnd: 0,
    meanBacklog: 0,
    maxBacklog: 0,
    backlogByDay: new Array<number>(days).fill(0),
    callsCaused: 0,
    complaints: 0,
    dissatisfied: 0,
    lostLifetimeValue: 0,
    staffCost: 0,
    blendedHoursUsed: 0,
  };
}
