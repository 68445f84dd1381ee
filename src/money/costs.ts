/**
 * What one call costs the business beyond the agents' paid hours being there anyway: the
 * agent time it takes, its line minutes and the outsourcing fee. Used to price the extra
 * calls poor service causes (retrials, calls about unanswered chats and tickets), each from its record.
 */
import type { CallRecord } from '../domain/call.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';

/** Prices of one call's parts. */
export interface CallPrices {
  /** agents.costPerHour / 3600. */
  readonly agentPerSecond: number;
  /** costs.telephonyPerMinute / 60. */
  readonly linePerSecond: number;
  readonly chargeWaitingTime: boolean;
  readonly outsourcingPerCall: number;
}

export function callPricesOf(config: ScenarioConfig): CallPrices {
  return {
    agentPerSecond: config.agents.costPerHour / 3600,
    linePerSecond: (config.costs?.telephonyPerMinute ?? 0) / 60,
    chargeWaitingTime: config.costs?.chargeWaitingTime ?? true,
    outsourcingPerCall: config.costs?.outsourcingPerCall ?? 0,
  };
}

/** Agent time + line time + outsourcing fee of one call, from its record. */
export function callCost(record: CallRecord, prices: CallPrices): number {
  const answered = record.agent >= 0;
  const handle = answered ? record.end - record.answer : 0;
  const line = handle + (prices.chargeWaitingTime ? record.wait : 0);
  return handle * prices.agentPerSecond + line * prices.linePerSecond + (answered ? prices.outsourcingPerCall : 0);
}

/** Months of open days in the simulated days (a month is openDaysPerYear / 12 open days). */
export function monthsSimulated(config: ScenarioConfig): number {
  return config.run.days / (config.money.openDaysPerYear / 12);
}
