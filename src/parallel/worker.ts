/**
 * Entry of a worker thread of the local pool ({@link ./pool.ts}): receives tasks, runs them,
 * answers with the result or the error message. Loaded through tsx (see `pool.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { ReplicationRunner, type ReplicationTask } from './replicationTask.ts';

export interface TaskMessage {
  readonly index: number;
  readonly task: ReplicationTask;
}

const runner = new ReplicationRunner();
parentPort!.on('message', ({ index, task }: TaskMessage) => {
  try {
    parentPort!.postMessage({ index, result: runner.run(task) });
  } catch (error) {
    parentPort!.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
