/**
 * The money side of one replication: after-call fates and the cost of retrials and of the calls
 * unanswered chats and tickets cause, counted from the call records as the engine finishes
 * them, then added to the replication's tallies.
 */
import { isRetry, type CallRecord } from '../domain/call.ts';
import type { KpiSettings } from '../metrics/kpis.ts';
import { Tally } from '../metrics/tally.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { SimulationModel } from '../sim/model.ts';
import { addFate, afterCallDraws, experienceOf, fateOf, lifetimeValueOf } from './afterCall.ts';
import { callCost, callPricesOf, monthsSimulated, type CallPrices } from './costs.ts';

/** Moved to afterCall.ts (which channels/ can import without reaching the engine); re-exported for existing importers. */
export { addFate } from './afterCall.ts';

/** Whether a scenario needs the call records for its money (afterCall or costs sections, or calls caused by chat and tickets). */
export function needsCallRecords(config: ScenarioConfig): boolean {
  return config.afterCall !== undefined || config.costs !== undefined || contactsCauseCalls(config);
}

/** Whether unanswered chats or tickets make customers phone (`callAfter` with a chance above 0). */
export function contactsCauseCalls(config: ScenarioConfig): boolean {
  const channels = config.channels;
  return channels !== undefined && [channels.chat, channels.tickets].some((channel) => (channel?.callAfter?.probability ?? 0) > 0);
}

/** Counts the after-call effects and retrial costs of one replication's calls. */
export class MoneyLedger {
  readonly total = new Tally();
  readonly intervals: Tally[];
  private readonly prices: CallPrices;

  constructor(
    private readonly model: SimulationModel,
    private readonly replication: number,
  ) {
    this.intervals = Array.from({ length: model.intervalsPerDay }, () => new Tally());
    this.prices = callPricesOf(model.config);
  }

  /** Takes a finished call (pass it as the engine's `onRecord`). */
  add(record: CallRecord): void {
    const { config, intervalSeconds } = this.model;
    const dayTime = record.arrival - Math.floor(record.arrival / 86_400) * 86_400;
    const interval = this.intervals[Math.floor(dayTime / intervalSeconds)]!;
    // A call made again, or about an unanswered chat or ticket: an extra call poor service caused.
    const caused = record.causedBy !== undefined;
    if (isRetry(record) || caused) {
      const cost = callCost(record, this.prices);
      for (const tally of [this.total, interval]) {
        tally.retryCalls++;
        tally.retryCost += cost;
      }
    }
    const afterCall = config.afterCall;
    // The customer's fate is booked once, on the contact that went unanswered (channels/simulate.ts).
    if (afterCall === undefined || caused) return;
    const experience = experienceOf(record, afterCall, this.model.thresholdSeconds);
    if (experience === 'neutral') return;
    const draws = afterCallDraws(config.run.seed, this.replication, `afterCall#${record.id}`);
    const fate = fateOf(experience, lifetimeValueOf(afterCall, record.callerType), record.orderValue, draws, afterCall);
    addFate(this.total, fate);
    addFate(interval, fate);
  }
}

/** KPI settings of a scenario for the whole run (`fixedCosts: false` for a reporting interval). */
export function kpiSettingsOf(config: ScenarioConfig, fixedCosts = true): KpiSettings {
  const costs = config.costs;
  const months = fixedCosts ? monthsSimulated(config) : 0;
  return {
    thresholdSeconds: config.serviceLevel.thresholdSeconds,
    denominator: config.serviceLevel.denominator,
    marginRate: config.money.margin,
    costPerAgentHour: config.agents.costPerHour,
    telephonyPerMinute: costs?.telephonyPerMinute ?? 0,
    chargeWaitingTime: costs?.chargeWaitingTime ?? true,
    outsourcingPerCall: costs?.outsourcingPerCall ?? 0,
    outsourcingFixed: (costs?.outsourcingPerMonth ?? 0) * months,
    otherFixed: (costs?.otherPerMonth ?? 0) * months,
  };
}
