/**
 * One replication of one scenario as a unit of work that any process can run: the local
 * worker threads, a BullMQ worker on another machine, or the calling thread itself. The
 * result depends only on the scenario and the replication number (replication i always
 * draws from seed stream i), so where a task runs never changes what it returns.
 */
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { ReplicationResult } from '../sim/results.ts';
import { prepareModel, type SimulationModel } from '../sim/model.ts';
import { runReplication, type ReplicationOutput } from '../sim/run.ts';

/** What to simulate: a validated scenario and the replication number. */
export interface ReplicationTask {
  readonly scenario: ScenarioConfig;
  readonly replication: number;
}

/** Prepared models kept per runner; a sweep sends many scenarios, so only the latest few stay. */
const MODEL_CACHE_SIZE = 8;

/**
 * Runs replication tasks, preparing each distinct scenario's model once. One per thread
 * or process: it holds no shared state.
 */
export class ReplicationRunner {
  private readonly models = new Map<string, SimulationModel>();

  run(task: ReplicationTask): ReplicationOutput {
    return runReplication(this.modelOf(task.scenario), task.replication);
  }

  private modelOf(scenario: ScenarioConfig): SimulationModel {
    const key = JSON.stringify(scenario);
    let model = this.models.get(key);
    if (model === undefined) {
      model = prepareModel(scenario);
      if (this.models.size >= MODEL_CACHE_SIZE) this.models.delete(this.models.keys().next().value!);
      this.models.set(key, model);
    }
    return model;
  }
}
