import type { ContactRecord } from '../channels/contact.ts';
import type { ChannelReplication } from '../channels/simulate.ts';
import { summarizeChannels, type ChannelsSummary } from '../channels/summary.ts';
import type { CallRecord } from '../domain/call.ts';
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import { KPI_LABELS, type Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { simulate } from './replication.ts';
import { type GroupFigures, type ReplicationResult } from './results.ts';
import { prepareModel, type SimulationModel } from './model.ts';

export type KpiEstimates = { readonly [K in keyof Kpis]: Estimate };

/** Result of all replications of a scenario. */
export interface RunResult {
  readonly scenario: ScenarioConfig;
  readonly model: SimulationModel;
  readonly replications: readonly ReplicationResult[];
  /** Each KPI as mean ± 95% CI over replications. */
  readonly kpis: KpiEstimates;
  readonly p90Wait: Estimate;
  /** Per reporting interval of the day. */
  readonly intervals: readonly KpiEstimates[];
  /** Chat and tickets (scenario `channels`): each channel's figures over replications. */
  readonly channels?: ChannelsSummary;
  /** Chat and tickets, replication by replication. */
  readonly channelReplications?: readonly ChannelReplication[];
  /** Per caller type, in the scenario's order (empty when there is only one type). */
  readonly byCallerType: readonly KpiEstimates[];
  /** Per agent group under skill-based routing, in the scenario's order (empty without it). */
  readonly byGroup: readonly GroupEstimates[];
}

/** An agent group's figures over replications (skill-based routing). */
export interface GroupEstimates {
  readonly id: string;
  readonly answered: Estimate;
  readonly overflowAnswered: Estimate;
  /** Busy time / paid time in opening hours. */
  readonly occupancy: Estimate;
  readonly paidHours: Estimate;
}

export interface RunOptions {
  /** Overrides `run.replications` of the scenario. */
  readonly replications?: number;
  readonly collectRecords?: boolean;
  readonly onRecord?: (record: CallRecord) => void;
  /** Called with each chat and ticket of every replication (scenario `channels`). */
  readonly onContact?: (record: ContactRecord) => void;
  readonly confidence?: number;
}

export function estimatesOf(samples: readonly Kpis[], confidence = 0.95): KpiEstimates {
  const result: Partial<Record<keyof Kpis, Estimate>> = {};
  for (const { key } of KPI_LABELS) result[key] = estimateOf(samples.map((kpis) => kpis[key]), confidence);
  return result as KpiEstimates;
}

/** One replication's results: the phone (with after-call money) and, when configured, chat and tickets. */
export interface ReplicationOutput {
  readonly phone: ReplicationResult;
  readonly channels?: ChannelReplication;
}

/**
 * The replications of a run, one at a time, so that a caller can pause between them (the
 * CLI yields to the event loop there, so Ctrl-C is handled within one replication).
 */
export function* replicate(model: SimulationModel, count: number, options: RunOptions = {}): Generator<ReplicationOutput> {
  for (let replication = 0; replication < count; replication++) yield runReplication(model, replication, options);
}

/** Replication `replication` of the model: the phone with chat and tickets in the same event loop, after-call effects and costs in its book. */
export function runReplication(model: SimulationModel, replication: number, options: RunOptions = {}): ReplicationOutput {
  const { channels, ...phone } = simulate(model, {
    replication,
    ...(options.collectRecords ? { collectRecords: true } : {}),
    ...(options.onRecord ? { onRecord: options.onRecord } : {}),
    ...(options.onContact ? { collectContacts: true } : {}),
  });
  if (!channels) return { phone };
  const { records, ...rest } = channels;
  if (records && options.onContact) records.forEach(options.onContact);
  return { phone, channels: rest };
}

/** Summarises finished replications: each KPI as mean ± CI. */
export function summariseRun(scenario: ScenarioConfig, model: SimulationModel, outputs: readonly ReplicationOutput[], confidence = 0.95): RunResult {
  const replications = outputs.map((output) => output.phone);
  const channelReplications = outputs.flatMap((output) => (output.channels ? [output.channels] : []));
  return {
    ...(channelReplications.length > 0
      ? { channels: summarizeChannels(channelReplications, confidence), channelReplications }
      : {}),
    scenario,
    model,
    replications,
    kpis: estimatesOf(replications.map((r) => r.kpis), confidence),
    p90Wait: estimateOf(replications.map((r) => r.p90Wait), confidence),
    intervals: Array.from({ length: model.intervalsPerDay }, (_, index) =>
      estimatesOf(replications.map((r) => r.intervals[index]!), confidence),
    ),
    byCallerType: replications[0]!.byCallerType.map((_, index) =>
      estimatesOf(replications.map((r) => r.byCallerType[index]!), confidence),
    ),
    byGroup: replications[0]!.byGroup.map((group, index) => {
      const figures = replications.map((r) => r.byGroup[index]!);
      const estimate = (pick: (figure: GroupFigures) => number): Estimate => estimateOf(figures.map(pick), confidence);
      return {
        id: group.id,
        answered: estimate((figure) => figure.answered),
        overflowAnswered: estimate((figure) => figure.overflowAnswered),
        occupancy: estimate((figure) => figure.occupancy),
        paidHours: estimate((figure) => figure.paidSeconds / 3600),
      };
    }),
  };
}

/** Runs every replication of a scenario and summarises the KPIs. */
export function runScenario(scenario: ScenarioConfig, options: RunOptions = {}): RunResult {
  const model = prepareModel(scenario);
  const count = options.replications ?? scenario.run.replications;
  return summariseRun(scenario, model, [...replicate(model, count, options)], options.confidence ?? 0.95);
}
