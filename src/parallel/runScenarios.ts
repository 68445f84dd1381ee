/**
 * Whole runs over the worker pool: one or many scenarios (a sweep's points, an optimizer's
 * candidates), each with its replications, all as one batch of tasks so every core stays
 * busy. Each run is summarised exactly as `runScenario` does, from the same replications in
 * the same order: the results equal `runScenario`'s to the last bit.
 */
import { replicationsNeeded } from '../compare/replicationsNeeded.ts';
import type { Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { ReplicationOutput } from '../sim/run.ts';
import { prepareModel } from '../sim/model.ts';
import { summariseRun, type RunResult } from '../sim/run.ts';
import { runTasks, type PoolOptions } from './pool.ts';
import type { ReplicationTask } from './replicationTask.ts';

/** Runs tasks somewhere and returns their results in task order: the local pool, or a queue. */
export type TaskExecutor = (tasks: readonly ReplicationTask[], onProgress?: (done: number, total: number) => void) => Promise<ReplicationOutput[]>;

export interface RunManyOptions extends PoolOptions {
  /** Replications of every scenario; default: each scenario's `run.replications`. */
  readonly replications?: number;
  readonly confidence?: number;
  /** Where the tasks run; default: the local worker pool with `workers`. */
  readonly executor?: TaskExecutor;
}

/** The executor of the local pool with these options. */
export function localExecutor(options: PoolOptions = {}): TaskExecutor {
  return (tasks, onProgress) => runTasks(tasks, { ...options, ...(onProgress ? { onProgress } : {}) });
}

/** Runs every scenario's replications as one batch and summarises each. */
export async function runScenarios(scenarios: readonly ScenarioConfig[], options: RunManyOptions = {}): Promise<RunResult[]> {
  return runReplicationRanges(
    scenarios.map((scenario) => ({ scenario, from: 0, to: options.replications ?? scenario.run.replications })),
    options,
  ).then((groups) => groups.map((replications, i) => summariseRun(scenarios[i]!, prepareModel(scenarios[i]!), replications, options.confidence)));
}

/** `runScenario` over the worker pool. */
export async function runScenarioParallel(scenario: ScenarioConfig, options: RunManyOptions = {}): Promise<RunResult> {
  return (await runScenarios([scenario], options))[0]!;
}

/** Replications [from, to) of each scenario, run as one batch, grouped back per scenario. */
async function runReplicationRanges(
  ranges: ReadonlyArray<{ scenario: ScenarioConfig; from: number; to: number }>,
  options: RunManyOptions,
): Promise<ReplicationOutput[][]> {
  const tasks: ReplicationTask[] = [];
  for (const { scenario, from, to } of ranges) for (let replication = from; replication < to; replication++) tasks.push({ scenario, replication });
  const executor = options.executor ?? localExecutor(options);
  const results = await executor(tasks, options.onProgress);
  let next = 0;
  return ranges.map(({ from, to }) => results.slice(next, (next += to - from)));
}

/** What `runToPrecision` aims at: a KPI's mean ± `relative` × |mean|. */
export interface PrecisionTarget {
  readonly kpi: keyof Kpis;
  /** Relative half-width of the confidence interval, e.g. 0.05 for ±5%. */
  readonly relative: number;
  /** Replications of the first batch (at least 2). */
  readonly pilot: number;
  /** Never more replications than this. */
  readonly maxReplications: number;
}

/** A run to a precision, and whether it got there. */
export interface PrecisionRun {
  readonly result: RunResult;
  readonly reached: boolean;
  /** Replications the last estimate says the target needs (null: unknown; Infinity: mean 0). */
  readonly needed: number | null;
  /** Replications run after each batch. */
  readonly batches: readonly number[];
}

/**
 * Sequential replications (Law, §9.4.1): a pilot batch, then as many more as its variance
 * says the precision needs, repeated until the half-width is small enough or the cap is
 * reached. Replication i is the same in every batch plan, so the answer depends only on the
 * scenario and the target, not on the number of workers.
 */
export async function runToPrecision(scenario: ScenarioConfig, target: PrecisionTarget, options: RunManyOptions = {}): Promise<PrecisionRun> {
  const model = prepareModel(scenario);
  const replications: ReplicationOutput[] = [];
  const batches: number[] = [];
  let wanted = Math.min(Math.max(2, target.pilot), target.maxReplications);
  for (;;) {
    const [more] = await runReplicationRanges([{ scenario, from: replications.length, to: wanted }], options);
    replications.push(...more!);
    batches.push(replications.length);
    const result = summariseRun(scenario, model, replications, options.confidence);
    const estimate = result.kpis[target.kpi];
    const reached = replications.length >= 2 && estimate.halfWidth <= target.relative * Math.abs(estimate.mean);
    const needed = replicationsNeeded(estimate, target.relative);
    if (reached || replications.length >= target.maxReplications || needed === null || needed === Infinity) {
      return { result, reached, needed, batches };
    }
    // At least one more, and the formula's guess, within the cap.
    wanted = Math.min(target.maxReplications, Math.max(replications.length + 1, needed));
  }
}
