/**
 * What one replication produces, as plain data (no class instances to revive across worker
 * threads but the tallies, which are plain sums), and the closing of its book at the horizon:
 * every KPI is computed here, once, from the book.
 */
import type { CallRecord } from '../domain/call.ts';
import type { ChannelReplication } from '../channels/simulate.ts';
import { addOpenTime, SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { kpisOf, type KpiSettings, type Kpis } from '../metrics/kpis.ts';
import { kpiSettingsOf } from '../money/ledger.ts';
import type { TallyFigures } from '../metrics/tally.ts';
import { addAt, type Book } from './book.ts';
import type { Closing, Feature, Host } from './feature.ts';
import type { SimulationModel } from './model.ts';
import type { RosterStep } from './roster.ts';
import type { GroupRosterStep } from './routing.ts';

/** Options for one replication. */
export interface SimulationOptions {
  /** Replication number: selects independent random streams derived from the scenario seed. */
  readonly replication?: number;
  /** Keep every CallRecord in the result (memory grows with the number of calls). */
  readonly collectRecords?: boolean;
  /** Called with each finished call counted in the statistics (streams records without keeping them). */
  readonly onRecord?: (record: CallRecord) => void;
  /** Stop creating callers after this many arrivals (the benchmark uses it). */
  readonly maxCallers?: number;
  /** Keep every chat and ticket record in the channels' result (scenario `channels`). */
  readonly collectContacts?: boolean;
  /**
   * Further features, built after the scenario's own (an extension, or a test of the feature
   * interface). In-process only: functions do not cross to worker threads.
   */
  readonly features?: (host: Host) => readonly Feature[];
}

/** What one replication produced. */
export interface ReplicationResult {
  readonly replication: number;
  readonly kpis: Kpis;
  /** 90th percentile of the wait of answered calls (seconds), within 0.5% (a streaming sketch). */
  readonly p90Wait: number;
  /** KPIs per reporting interval of the day (summed over all simulated days). */
  readonly intervals: readonly Kpis[];
  readonly total: TallyFigures;
  readonly intervalTallies: readonly TallyFigures[];
  /** Callers counted in the statistics still waiting or in service when the horizon ended. */
  readonly inSystem: number;
  /** Every caller created, warm-up included. */
  readonly callersSimulated: number;
  readonly eventsProcessed: number;
  readonly records?: readonly CallRecord[];
  /** KPIs per caller type, in the scenario's order (empty when there is only one type). */
  readonly byCallerType: readonly Kpis[];
  /** Chat and tickets, simulated in the same event loop (scenario `channels`). */
  readonly channels?: ChannelReplication;
  /** Per agent group under skill-based routing (empty without it). */
  readonly byGroup: readonly GroupFigures[];
}

/** What one agent group did in a replication (skill-based routing). Counted after the warm-up. */
export interface GroupFigures {
  readonly id: string;
  /** Calls the group answered, and those of them that came by overflow. */
  readonly answered: number;
  readonly overflowAnswered: number;
  /** Agent time on calls, and paid time, in opening hours (seconds). */
  readonly busySeconds: number;
  readonly paidSeconds: number;
  /** busySeconds / paidSeconds (0 without paid time). */
  readonly occupancy: number;
}

/** What the replication hands over when it closes its book. */
export interface ClosingState {
  readonly replication: number;
  /** When each agent began the work it is still on at the end, -1 when free. */
  readonly busySince: Float64Array;
  /** Callers waiting at the end. */
  readonly queueSize: number;
  readonly callersSimulated: number;
  readonly eventsProcessed: number;
  /** Lets every feature add what it counted; returns what they added to the result. */
  readonly closeFeatures: () => Closing;
}

/** Closes the books at the horizon and computes the KPIs. */
export function closeBook(book: Book, model: SimulationModel, state: ClosingState): ReplicationResult {
  const { horizon } = model;
  const { total, intervals } = book;
  // Queue area up to the end, busy time of the work still in progress.
  book.queueChange(horizon, state.queueSize);
  const busySince = state.busySince;
  const addBusy = (bucket: number, seconds: number): void => {
    intervals[bucket]!.busySeconds += seconds;
  };
  for (let agent = 0; agent < busySince.length; agent++) {
    const since = busySince[agent]!;
    if (since >= 0) addOpenTime(model, since, horizon, addBusy);
  }
  addPaidTime(model, model.agents, (step) => step.paid, (bucket, seconds) => (intervals[bucket]!.staffedSeconds += seconds));
  for (const tally of intervals) {
    total.busySeconds += tally.busySeconds;
    total.staffedSeconds += tally.staffedSeconds;
  }
  // Queue length is averaged over opening hours (a closed line has nobody waiting by definition).
  addOpenTime(model, 0, horizon, (bucket, seconds) => {
    total.observedSeconds += seconds;
    intervals[bucket]!.observedSeconds += seconds;
  });
  const closing = state.closeFeatures();

  // Every KPI computed once, here. An hour of staff costs what the model says (the groups'
  // average rate with groups); monthly fees count in the whole run, not per interval.
  const costPerAgentHour = model.costPerAgentHour;
  const runSettings: KpiSettings = { ...kpiSettingsOf(model.config), costPerAgentHour };
  const intervalSettings: KpiSettings = { ...kpiSettingsOf(model.config, false), costPerAgentHour };
  // Per caller type, phone figures only (telephony and fees are not split by type yet).
  const typeSettings: KpiSettings = {
    thresholdSeconds: model.thresholdSeconds,
    denominator: model.config.serviceLevel.denominator,
    marginRate: model.config.money.margin,
    costPerAgentHour,
  };
  const records = book.records;
  return {
    replication: state.replication,
    kpis: kpisOf(total, runSettings),
    p90Wait: book.answeredWaits.quantile(0.9),
    intervals: intervals.map((tally) => kpisOf(tally, intervalSettings)),
    total,
    intervalTallies: intervals,
    inSystem: book.alive,
    callersSimulated: state.callersSimulated,
    eventsProcessed: state.eventsProcessed,
    ...(records ? { records } : {}),
    byCallerType: book.types?.map((tally) => kpisOf(tally, typeSettings)) ?? [],
    byGroup: groupFigures(book, model, busySince),
    ...(closing.channels !== undefined ? { channels: closing.channels } : {}),
  };
}

/**
 * Hands paid people × seconds in opening hours after the warm-up to `add(bucket, seconds)`:
 * `paidOf` each roster step's people (shifts; breaks and shrinkage are paid), or `fixed`
 * people all day without a roster.
 */
function addPaidTime(model: SimulationModel, fixed: number, paidOf: (step: RosterStep) => number, add: (bucket: number, seconds: number) => void): void {
  const steps = model.roster?.steps;
  if (steps === undefined) {
    if (fixed > 0) addOpenTime(model, 0, model.horizon, (bucket, seconds) => add(bucket, seconds * fixed));
    return;
  }
  for (let day = 0; day < model.days; day++) {
    steps.forEach((step, index) => {
      const from = day * SECONDS_PER_DAY + step.at;
      const to = day * SECONDS_PER_DAY + (steps[index + 1]?.at ?? SECONDS_PER_DAY);
      const people = paidOf(step);
      if (people > 0) addOpenTime(model, from, to, (bucket, seconds) => add(bucket, seconds * people));
    });
  }
}

/** Per agent group: calls answered (by overflow too), busy and paid time in opening hours. */
function groupFigures(book: Book, model: SimulationModel, busySince: Float64Array): GroupFigures[] {
  const routing = model.routing;
  if (routing === null) return [];
  const { horizon } = model;
  for (let agent = 0; agent < busySince.length; agent++) {
    // Calls and contacts still in progress at the end.
    const since = busySince[agent]!;
    if (since >= 0) addOpenTime(model, since, horizon, (_bucket, seconds) => addAt(book.groupBusy, routing.agentGroup[agent]!, seconds));
  }
  const paid = new Float64Array(routing.groups.length);
  routing.groups.forEach((group, g) =>
    addPaidTime(model, group.size, (step) => (step as GroupRosterStep).groups[g]!.paid, (_bucket, seconds) => addAt(paid, g, seconds)),
  );
  return routing.groups.map((group, g) => ({
    id: group.id,
    answered: book.groupAnswered[g]!,
    overflowAnswered: book.groupOverflowAnswered[g]!,
    busySeconds: book.groupBusy[g]!,
    paidSeconds: paid[g]!,
    occupancy: paid[g]! > 0 ? book.groupBusy[g]! / paid[g]! : 0,
  }));
}
