import type { CallRecord } from '../domain/call.ts';
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import { KPI_LABELS, type Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { simulate, type ReplicationResult } from './engine.ts';
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
}

export interface RunOptions {
  /** Overrides `run.replications` of the scenario. */
  readonly replications?: number;
  readonly collectRecords?: boolean;
  readonly onRecord?: (record: CallRecord) => void;
  readonly confidence?: number;
}

export function estimatesOf(samples: readonly Kpis[], confidence = 0.95): KpiEstimates {
  const result: Partial<Record<keyof Kpis, Estimate>> = {};
  for (const { key } of KPI_LABELS) result[key] = estimateOf(samples.map((kpis) => kpis[key]), confidence);
  return result as KpiEstimates;
}

/** Runs every replication of a scenario and summarises the KPIs. */
export function runScenario(scenario: ScenarioConfig, options: RunOptions = {}): RunResult {
  const model = prepareModel(scenario);
  const count = options.replications ?? scenario.run.replications;
  const replications: ReplicationResult[] = [];
  for (let replication = 0; replication < count; replication++) {
    replications.push(
      simulate(model, {
        replication,
        ...(options.collectRecords ? { collectRecords: true } : {}),
        ...(options.onRecord ? { onRecord: options.onRecord } : {}),
      }),
    );
  }
  return summariseRun(scenario, model, replications, options.confidence);
}

/** Mean ± CI of every KPI over replications already run (in replication order). */
export function summariseRun(
  scenario: ScenarioConfig,
  model: SimulationModel,
  replications: readonly ReplicationResult[],
  confidence = 0.95,
): RunResult {
  return {
    scenario,
    model,
    replications,
    kpis: estimatesOf(replications.map((r) => r.kpis), confidence),
    p90Wait: estimateOf(replications.map((r) => r.p90Wait), confidence),
    intervals: Array.from({ length: model.intervalsPerDay }, (_, index) =>
      estimatesOf(replications.map((r) => r.intervals[index]!), confidence),
    ),
  };
}
