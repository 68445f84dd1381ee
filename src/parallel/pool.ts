/**
 * Replications over all cores: a pool of worker threads, each running one task at a time
 * and asking for the next when done. Results come back in task order whatever the number of
 * workers or the order they finish in, and each task's result depends only on the task, so
 * the output is byte-identical for 1, 2 or N workers.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplicationOutput } from '../sim/run.ts';
import { ReplicationRunner, type ReplicationTask } from './replicationTask.ts';

/** How a batch of tasks runs. */
export interface PoolOptions {
  /**
   * Worker threads; default: every core (`os.availableParallelism()`). With 1, or a single
   * task, the tasks run on the calling thread and no worker starts.
   */
  readonly workers?: number;
  /** Called after each finished task with the count done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** A pool kept for several batches; `workers` is then ignored. */
  readonly pool?: WorkerPool;
}

/** Cores this machine offers: the default number of workers. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Calls below which a batch runs on the calling thread by default: a worker thread takes
 * about a second to start (loading tsx and the sources), about as long as simulating this
 * many calls.
 */
export const SMALL_BATCH_CALLS = 300_000;

/** Workers for a batch of about `calls` simulated calls when the user did not say: 1 for small batches, else every core. */
export function autoWorkers(calls: number): number {
  return calls < SMALL_BATCH_CALLS ? 1 : defaultWorkers();
}

/**
 * Workers run the TypeScript sources as they are, through tsx, like the CLI (bin/callfloor).
 * `execArgv: ['--import', 'tsx']` is not enough on Node 20: the worker's entry is resolved
 * before the hooks that --import registers are active ("Unknown file extension .ts"). So
 * each worker starts from a tiny ES module (a data: URL) that registers tsx and then imports
 * the entry; absolute URLs, so it works from any working directory.
 */
const TSX_ESM_API = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
const WORKER_BOOT = new URL(
  'data:text/javascript,' +
    encodeURIComponent(
      `import { register } from ${JSON.stringify(TSX_ESM_API)};\n` +
        `register();\n` +
        `await import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)});\n`,
    ),
);

/**
 * Runs every task and returns their results in task order, on a pool started for this batch
 * and closed after it (see {@link WorkerPool} to keep one for many batches).
 */
export async function runTasks(tasks: readonly ReplicationTask[], options: PoolOptions = {}): Promise<ReplicationOutput[]> {
  if (options.pool !== undefined) return options.pool.run(tasks, options.onProgress);
  const workers = Math.min(options.workers ?? defaultWorkers(), tasks.length);
  if (workers <= 1) return runHere(tasks, options.onProgress);
  const pool = new WorkerPool(workers);
  try {
    return await pool.run(tasks, options.onProgress);
  } finally {
    await pool.close();
  }
}

function runHere(tasks: readonly ReplicationTask[], onProgress: PoolOptions['onProgress']): ReplicationOutput[] {
  const runner = new ReplicationRunner();
  return tasks.map((task, i) => {
    const result = runner.run(task);
    onProgress?.(i + 1, tasks.length);
    return result;
  });
}

interface WorkerReply {
  readonly index: number;
  readonly result?: ReplicationOutput;
  readonly error?: string;
}

/**
 * Worker threads kept for several batches (an optimizer runs dozens): each thread starts
 * once (loading tsx and the sources takes about a second) and keeps its prepared models.
 * One batch at a time; close it when done, or the process does not exit.
 */
export class WorkerPool {
  private readonly threads: Worker[] = [];
  private batch: Promise<unknown> = Promise.resolve();

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`a pool needs 1 or more workers, got ${size}`);
  }

  /** Runs every task on the pool's threads; results in task order. Batches queue up. */
  run(tasks: readonly ReplicationTask[], onProgress?: (done: number, total: number) => void): Promise<ReplicationOutput[]> {
    const next = this.batch.then(() => this.runBatch(tasks, onProgress));
    this.batch = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private runBatch(tasks: readonly ReplicationTask[], onProgress?: (done: number, total: number) => void): Promise<ReplicationOutput[]> {
    if (tasks.length === 0) return Promise.resolve([]);
    while (this.threads.length < Math.min(this.size, tasks.length)) this.threads.push(new Worker(WORKER_BOOT));
    const threads = this.threads.slice(0, Math.min(this.size, tasks.length));
    return new Promise((resolve, reject) => {
      const results = new Array<ReplicationOutput>(tasks.length);
      let next = 0;
      let done = 0;
      let settled = false;
      // Only this batch's own listeners go: a Worker keeps internal ones (newListener) that must stay.
      type Listener = Parameters<Worker['on']>[1];
      const listeners: Array<{ thread: Worker; event: string; listener: Listener }> = [];
      const listen = (thread: Worker, event: string, listener: Listener): void => {
        thread.on(event, listener);
        listeners.push({ thread, event, listener });
      };
      const detach = (): void => {
        for (const { thread, event, listener } of listeners) thread.off(event, listener);
      };
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        detach();
        // A failed thread may be mid-task: start afresh next batch.
        void this.close();
        reject(error);
      };
      const feed = (thread: Worker): void => {
        if (next < tasks.length) {
          const index = next++;
          thread.postMessage({ index, task: tasks[index]! });
        }
      };
      for (const thread of threads) {
        listen(thread, 'message', (reply: WorkerReply) => {
          if (settled) return;
          if (reply.error !== undefined) {
            fail(new Error(`replication ${tasks[reply.index]!.replication} failed in a worker: ${reply.error}`));
            return;
          }
          // Results are plain data (figures, no methods): a structured clone is the result itself.
          results[reply.index] = reply.result!;
          done++;
          onProgress?.(done, tasks.length);
          if (done === tasks.length) {
            settled = true;
            detach();
            resolve(results);
          } else feed(thread);
        });
        listen(thread, 'error', fail);
        listen(thread, 'exit', (code: number) => fail(new Error(`a worker thread stopped with exit code ${code} before the run ended`)));
        feed(thread);
      }
    });
  }
}
