import type { ServiceLevelDenominator } from '../scenario/schema.ts';
import type { TallyFigures } from './tally.ts';

/** Key figures of a run or of one reporting interval. Rates are fractions 0–1, times seconds, money in the scenario currency. */
export interface Kpis {
  /** Calls that reached the switchboard (every arrival after the warm-up). */
  offered: number;
  answered: number;
  abandoned: number;
  /** Calls that found the queue full (busy signal). */
  blocked: number;
  /** abandoned / offered. */
  abandonmentRate: number;
  /** blocked / offered. */
  blockingRate: number;
  /** Share answered within the threshold, over the denominator the scenario chose. */
  serviceLevel: number;
  /** Average speed of answer: mean wait of answered calls. */
  asa: number;
  /** Mean time abandoners waited before hanging up. */
  meanWaitAbandoned: number;
  /** Average handle time of answered calls. */
  aht: number;
  /** Agent busy time / agent paid time during opening hours (in-house agents only). */
  occupancy: number;
  /** Time-average number of callers waiting. */
  meanQueueLength: number;
  maxQueueLength: number;
  purchases: number;
  /** purchases / answered callers who meant to buy. */
  conversionRate: number;
  /** (resolved + purchased) / answered. */
  resolutionRate: number;
  /** Scripted calls in which the caller hung up during the conversation. */
  hungUpInCall: number;
  /** Scripted calls that ended with a call back promised. */
  callbacks: number;
  /** Scripted calls passed on to someone else. */
  escalations: number;
  revenue: number;
  /** Margin on revenue made. */
  margin: number;
  /** Revenue callers meant to spend, had every call been answered at once. */
  potentialRevenue: number;
  /** Expected revenue lost to abandonment, blocking and waiting. */
  lostRevenue: number;
  /** lostRevenue × margin: the money the business actually loses. */
  lostMargin: number;
  staffCost: number;
  /** Customers who left a call or a chat/ticket dissatisfied (afterCall.dissatisfiedWhen). */
  dissatisfied: number;
  /** Dissatisfied customers who switched to a competitor. */
  customersLost: number;
  /** Expected future customers lost to public complaints (word of mouth). */
  wordOfMouthLost: number;
  /** Future revenue lost: lifetime value of customers who switched, skipped purchases, word of mouth. */
  lostLifetimeValue: number;
  /** lostLifetimeValue × margin. */
  lostLifetimeMargin: number;
  /** Future revenue gained from well-served customers who spend more. */
  goodServiceValue: number;
  /** Retrial calls, plus calls caused by unanswered chats and tickets. */
  retryCalls: number;
  /** What those extra calls cost: agent time, line minutes, outsourcing fees. */
  retryCost: number;
  /** Line minutes × costs.telephonyPerMinute. */
  telephonyCost: number;
  /** Outsourcing fees: per answered call and per month. */
  outsourcingCost: number;
  /** Agents dedicated to chat and tickets. */
  channelStaffCost: number;
  /** Staff, channel staff, telephony, outsourcing and other monthly costs. */
  serviceCost: number;
  /** Margin made − service cost. */
  marginAfterCosts: number;
  /** The cost of poor service: lost margin + lost lifetime margin + cost of retries. */
  costOfPoorService: number;
  /** Calls dropped by the phone system after the maximum wait. */
  dropped: number;
  /** dropped / offered. */
  dropRate: number;
  /** Callers who hung up right after an announcement (part of `abandoned`). */
  abandonedAfterAnnouncement: number;
  /** Callers who accepted a callback and left the line. */
  callbacksRequested: number;
  /** Callbacks that reached the customer. */
  callbacksReached: number;
  /** Callback attempts nobody answered. */
  unreached: number;
  /** Distinct customers who called (first calls); `offered` counts every call, retrials included. */
  customers: number;
  /** Calls that were customers calling again. */
  retrials: number;
  /** Customers who gave up without being served. */
  customersGaveUp: number;
  /** customersGaveUp / customers. */
  customerGiveUpRate: number;
  /** Calls that came in while the line was closed and ended with the closed message. */
  closedLine: number;
  /** Voicemails left while the line was closed. */
  voicemails: number;
  /** Calls answered by the virtual secretary. */
  secretaryCalls: number;
  /** The virtual secretary's fees (included in `staffCost`). */
  secretaryCost: number;
}

export interface KpiSettings {
  readonly thresholdSeconds: number;
  readonly denominator: ServiceLevelDenominator;
  readonly marginRate: number;
  readonly costPerAgentHour: number;
  /** Price of a minute of line time (costs.telephonyPerMinute); 0 when absent. */
  readonly telephonyPerMinute?: number;
  /** Whether waiting time is paid line time (costs.chargeWaitingTime). */
  readonly chargeWaitingTime?: boolean;
  /** Outsourcing fee per answered call. */
  readonly outsourcingPerCall?: number;
  /** Monthly outsourcing fee over the simulated days (0 for a reporting interval). */
  readonly outsourcingFixed?: number;
  /** Other monthly costs over the simulated days (0 for a reporting interval). */
  readonly otherFixed?: number;
}

/** Seconds of paid line time in a tally: talk (handle) time, plus waiting if it is paid. */
export function lineSecondsOf(tally: TallyFigures, chargeWaitingTime: boolean): number {
  return tally.handleTimeSum + (chargeWaitingTime ? tally.waitOfAnsweredSum + tally.waitOfAbandonedSum : 0);
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** Service level under the chosen definition (see README, "Service level"). */
export function serviceLevelOf(tally: TallyFigures, denominator: ServiceLevelDenominator): number {
  switch (denominator) {
    case 'offered':
      return ratio(tally.answeredWithinThreshold, tally.offered);
    case 'answered':
      return ratio(tally.answeredWithinThreshold, tally.answered);
    case 'offered-excluding-short-abandons':
      return ratio(tally.answeredWithinThreshold, tally.offered - tally.abandonedWithinThreshold);
  }
}

export function kpisOf(tally: TallyFigures, settings: KpiSettings): Kpis {
  const margin = tally.revenue * settings.marginRate;
  const lostMargin = tally.lostRevenue * settings.marginRate;
  // The virtual secretary's fees count as staff: the service answers the phone in the agents' place.
  const staffCost = (tally.staffedSeconds / 3600) * settings.costPerAgentHour + tally.secretaryFees;
  const telephonyCost = (lineSecondsOf(tally, settings.chargeWaitingTime ?? true) / 60) * (settings.telephonyPerMinute ?? 0);
  const outsourcingCost = tally.answered * (settings.outsourcingPerCall ?? 0) + (settings.outsourcingFixed ?? 0);
  const serviceCost = staffCost + tally.channelStaffCost + telephonyCost + outsourcingCost + (settings.otherFixed ?? 0);
  const lostLifetimeMargin = tally.lostLifetimeValue * settings.marginRate;
  return {
    offered: tally.offered,
    answered: tally.answered,
    abandoned: tally.abandoned,
    blocked: tally.blocked,
    abandonmentRate: ratio(tally.abandoned, tally.offered),
    blockingRate: ratio(tally.blocked, tally.offered),
    serviceLevel: serviceLevelOf(tally, settings.denominator),
    asa: ratio(tally.waitOfAnsweredSum, tally.answered),
    meanWaitAbandoned: ratio(tally.waitOfAbandonedSum, tally.abandoned),
    aht: ratio(tally.handleTimeSum, tally.answered),
    occupancy: ratio(tally.busySeconds, tally.staffedSeconds),
    meanQueueLength: ratio(tally.queueLengthArea, tally.observedSeconds),
    maxQueueLength: tally.maxQueueLength,
    purchases: tally.purchased,
    conversionRate: ratio(tally.purchased, tally.answeredWithIntent),
    resolutionRate: ratio(tally.resolved + tally.purchased, tally.answered),
    hungUpInCall: tally.hungUpInCall,
    callbacks: tally.callbacks,
    escalations: tally.escalated,
    revenue: tally.revenue,
    margin,
    potentialRevenue: tally.potentialRevenue,
    lostRevenue: tally.lostRevenue,
    lostMargin,
    staffCost,
    dissatisfied: tally.dissatisfied,
    customersLost: tally.customersLost,
    wordOfMouthLost: tally.wordOfMouthLost,
    lostLifetimeValue: tally.lostLifetimeValue,
    lostLifetimeMargin,
    goodServiceValue: tally.goodServiceValue,
    retryCalls: tally.retryCalls,
    retryCost: tally.retryCost,
    telephonyCost,
    outsourcingCost,
    channelStaffCost: tally.channelStaffCost,
    serviceCost,
    marginAfterCosts: margin - serviceCost,
    costOfPoorService: lostMargin + lostLifetimeMargin + tally.retryCost,
    dropped: tally.dropped,
    dropRate: ratio(tally.dropped, tally.offered),
    abandonedAfterAnnouncement: tally.abandonedAfterAnnouncement,
    callbacksRequested: tally.callbacksRequested,
    callbacksReached: tally.callbacksReached,
    unreached: tally.unreached,
    customers: tally.customers,
    retrials: tally.retrials,
    customersGaveUp: tally.customersGaveUp,
    customerGiveUpRate: ratio(tally.customersGaveUp, tally.customers),
    closedLine: tally.closedLine,
    voicemails: tally.voicemails,
    secretaryCalls: tally.secretaryCalls,
    secretaryCost: tally.secretaryFees,
  };
}

/** Human names and units of every KPI, in display order (used by tables, CSV and the README). */
export const KPI_LABELS: ReadonlyArray<{
  key: keyof Kpis;
  label: string;
  unit: 'count' | 'rate' | 'seconds' | 'money' | 'number';
  /**
   * A figure of an optional feature (retrials, callbacks…): printed tables show it only when
   * this KPI (often the figure itself) is not 0 in some replication.
   */
  shownWhen?: keyof Kpis;
}> = [
  { key: 'offered', label: 'Calls offered', unit: 'count' },
  { key: 'answered', label: 'Answered', unit: 'count' },
  { key: 'abandoned', label: 'Abandoned', unit: 'count' },
  { key: 'blocked', label: 'Blocked (busy)', unit: 'count' },
  { key: 'abandonmentRate', label: 'Abandonment rate', unit: 'rate' },
  { key: 'blockingRate', label: 'Blocking rate', unit: 'rate' },
  { key: 'serviceLevel', label: 'Service level', unit: 'rate' },
  { key: 'asa', label: 'ASA (avg speed of answer)', unit: 'seconds' },
  { key: 'meanWaitAbandoned', label: 'Avg wait of abandoners', unit: 'seconds' },
  { key: 'aht', label: 'AHT (avg handle time)', unit: 'seconds' },
  { key: 'occupancy', label: 'Agent occupancy', unit: 'rate' },
  { key: 'meanQueueLength', label: 'Avg queue length', unit: 'number' },
  { key: 'maxQueueLength', label: 'Max queue length', unit: 'count' },
  { key: 'purchases', label: 'Sales', unit: 'count' },
  { key: 'conversionRate', label: 'Conversion (buyers answered)', unit: 'rate' },
  { key: 'resolutionRate', label: 'Resolved on the call', unit: 'rate' },
  { key: 'hungUpInCall', label: 'Hung up during the call', unit: 'count' },
  { key: 'callbacks', label: 'Call back promised', unit: 'count' },
  { key: 'escalations', label: 'Escalated', unit: 'count' },
  { key: 'revenue', label: 'Revenue made', unit: 'money' },
  { key: 'margin', label: 'Margin made', unit: 'money' },
  { key: 'lostRevenue', label: 'Lost sales (revenue)', unit: 'money' },
  { key: 'lostMargin', label: 'Lost sales (margin)', unit: 'money' },
  { key: 'staffCost', label: 'Staff cost', unit: 'money' },
  { key: 'dissatisfied', label: 'Dissatisfied customers', unit: 'count' },
  { key: 'customersLost', label: 'Customers who switched', unit: 'count' },
  { key: 'wordOfMouthLost', label: 'Customers lost to word of mouth', unit: 'number' },
  { key: 'lostLifetimeValue', label: 'Lost lifetime value (revenue)', unit: 'money' },
  { key: 'lostLifetimeMargin', label: 'Lost lifetime value (margin)', unit: 'money' },
  { key: 'goodServiceValue', label: 'Extra spend from good service', unit: 'money' },
  { key: 'retryCalls', label: 'Retry calls', unit: 'count' },
  { key: 'retryCost', label: 'Cost of retries', unit: 'money' },
  { key: 'telephonyCost', label: 'Telephony cost', unit: 'money' },
  { key: 'outsourcingCost', label: 'Outsourcing cost', unit: 'money' },
  { key: 'channelStaffCost', label: 'Chat and ticket staff cost', unit: 'money' },
  { key: 'serviceCost', label: 'Service cost', unit: 'money' },
  { key: 'marginAfterCosts', label: 'Margin after service cost', unit: 'money' },
  { key: 'costOfPoorService', label: 'Cost of poor service', unit: 'money' },
  { key: 'dropped', label: 'Dropped after the maximum wait', unit: 'count', shownWhen: 'dropped' },
  { key: 'dropRate', label: 'Drop rate', unit: 'rate', shownWhen: 'dropped' },
  { key: 'abandonedAfterAnnouncement', label: 'Hung up right after an announcement', unit: 'count', shownWhen: 'abandonedAfterAnnouncement' },
  { key: 'callbacksRequested', label: 'Callbacks requested', unit: 'count', shownWhen: 'callbacksRequested' },
  { key: 'callbacksReached', label: 'Callbacks that reached the customer', unit: 'count', shownWhen: 'callbacksRequested' },
  { key: 'unreached', label: 'Callbacks not reached', unit: 'count', shownWhen: 'callbacksRequested' },
  { key: 'customers', label: 'Customers (distinct callers)', unit: 'count', shownWhen: 'retrials' },
  { key: 'retrials', label: 'Repeat calls (retrials)', unit: 'count', shownWhen: 'retrials' },
  { key: 'customersGaveUp', label: 'Customers who gave up', unit: 'count', shownWhen: 'retrials' },
  { key: 'customerGiveUpRate', label: 'Customers who gave up (share)', unit: 'rate', shownWhen: 'retrials' },
  { key: 'closedLine', label: 'Calls while closed (closed message)', unit: 'count', shownWhen: 'closedLine' },
  { key: 'voicemails', label: 'Voicemails left while closed', unit: 'count', shownWhen: 'voicemails' },
  { key: 'secretaryCalls', label: 'Calls answered by the virtual secretary', unit: 'count', shownWhen: 'secretaryCalls' },
  { key: 'secretaryCost', label: 'Virtual secretary fees (in staff cost)', unit: 'money', shownWhen: 'secretaryCalls' },
];

/**
 * KPIs that exist only when the scenario has an afterCall, costs or channels section;
 * reports leave them out otherwise, so a plain phone scenario reads as before.
 */
export const MONEY_KPIS: ReadonlySet<keyof Kpis> = new Set<keyof Kpis>([
  'dissatisfied',
  'customersLost',
  'wordOfMouthLost',
  'lostLifetimeValue',
  'lostLifetimeMargin',
  'goodServiceValue',
  'retryCalls',
  'retryCost',
  'telephonyCost',
  'outsourcingCost',
  'channelStaffCost',
  'serviceCost',
  'marginAfterCosts',
  'costOfPoorService',
]);
