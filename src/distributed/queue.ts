/**
 * Replications over many machines: a BullMQ queue on Redis. `callfloor sweep --queue URL`
 * (or any caller of {@link queueExecutor}) puts each replication task on the queue as a
 * job; `callfloor worker --queue URL`, on as many machines as you like, takes jobs, runs
 * them with the same {@link ReplicationRunner} as the local pool and sends back the result.
 * The results are gathered in task order, and a task's result depends only on the task, so
 * a sweep through the queue prints exactly what the local pool prints.
 *
 * This is the effectful edge of the simulator (network, Redis): the core stays pure.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { ReplicationOutput } from '../sim/run.ts';
import type { TaskExecutor } from '../parallel/runScenarios.ts';
import { WorkerPool } from '../parallel/pool.ts';
import { ReplicationRunner, type ReplicationTask } from '../parallel/replicationTask.ts';

/** The queue every callfloor client and worker use (one Redis can serve several teams with `--queue-name`). */
export const DEFAULT_QUEUE_NAME = 'callfloor-replications';

/** What a job carries: the task, JSON with non-finite numbers kept (see {@link encode}). */
interface JobData {
  readonly batch: string;
  readonly index: number;
  readonly task: string;
}

/** A bad `--queue` address, with what to do. */
export class QueueUrlError extends Error {}

/** `redis://[user:password@]host[:port][/db]` → BullMQ connection options. */
export function connectionFromUrl(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUrlError(`--queue ${JSON.stringify(url)} is not an address; write redis://HOST:PORT, e.g. redis://localhost:6379.`);
  }
  if (parsed.protocol !== 'redis:') throw new QueueUrlError(`--queue ${JSON.stringify(url)} must start with redis://, e.g. redis://localhost:6379.`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new QueueUrlError(`--queue ${JSON.stringify(url)}: the database after the / must be a number, e.g. redis://localhost:6379/0.`);
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(db !== '' ? { db: Number(db) } : {}),
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== '' ? { password: decodeURIComponent(parsed.password) } : {}),
    // BullMQ workers block on Redis: ioredis must not give up on a command after retries.
    maxRetriesPerRequest: null,
  };
}

/**
 * JSON that keeps NaN and ±Infinity (plain JSON turns them into null, and then a result
 * from the queue would differ from the local one).
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? { $number: String(item) } : item));
}

export function decode<T>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && '$number' in item && Object.keys(item).length === 1 ? Number((item as { $number: string }).$number) : item,
  ) as T;
}

export interface QueueClientOptions {
  readonly queueName?: string;
  /** Give up connecting after this long (ms); default 5000. */
  readonly connectTimeoutMs?: number;
}

/** Redis did not answer at the address. */
export class QueueUnreachableError extends Error {}

/**
 * Checks that Redis answers before any BullMQ object connects: BullMQ's clients retry a dead
 * address forever, and closing them then waits for a connection that never comes. One PING
 * from a client that does not retry gives a clear answer within the timeout.
 */
async function reachable(url: string, connection: ConnectionOptions, timeoutMs = 5000): Promise<void> {
  const options = connection as RedisOptions;
  const probe = new Redis({ ...options, lazyConnect: true, connectTimeout: timeoutMs, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch {
    throw new QueueUnreachableError(
      `no Redis answered at ${url} within ${timeoutMs / 1000} s — start one with tools/start-redis.sh (it prints the address), or check the host and port.`,
    );
  } finally {
    probe.disconnect();
  }
}

/** A task executor over the queue, and the means to close its connections. */
export interface QueueClient {
  readonly execute: TaskExecutor;
  close(): Promise<void>;
}

/**
 * Connects to the queue as a client: `execute` enqueues a batch of tasks and resolves with
 * their results in task order once workers have run them all. Fails fast if Redis is not
 * there; a job that fails in a worker fails the batch with the worker's message.
 */
export async function queueClient(url: string, options: QueueClientOptions = {}): Promise<QueueClient> {
  const connection = connectionFromUrl(url);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  await reachable(url, connection, options.connectTimeoutMs);
  const queue = new Queue<JobData, string>(name, { connection });
  const events = new QueueEvents(name, { connection });
  // Connection errors are retried by ioredis and reported by `ready`; unheard, they would crash the process.
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const execute: TaskExecutor = async (tasks, onProgress) => {
    const batch = randomUUID();
    const jobs = await queue.addBulk(
      tasks.map((task, index) => ({
        name: 'replication',
        data: { batch, index, task: encode(task) },
        opts: { jobId: `${batch}-${index}`, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 }, attempts: 1 },
      })),
    );
    let done = 0;
    return Promise.all(
      jobs.map(async (job) => {
        const result = decode<ReplicationOutput>(await job.waitUntilFinished(events));
        onProgress?.(++done, tasks.length);
        return result;
      }),
    );
  };
  return {
    execute,
    close: async () => {
      await Promise.all([events.close(), queue.close()]);
    },
  };
}

export interface QueueWorkerOptions extends QueueClientOptions {
  /** Replications run at once on this machine, each in a worker thread; default 1 (on the worker's own thread). */
  readonly concurrency?: number;
  /** Called after each job, with the task's replication and whether it failed. */
  readonly onJob?: (task: ReplicationTask, error?: string) => void;
}

/** A running queue worker: stop it with `close` (it finishes the jobs it holds first). */
export interface QueueWorker {
  close(): Promise<void>;
}

/**
 * Takes replication jobs off the queue and runs them. With concurrency above 1 each job runs
 * in a worker thread of a local pool, so the event loop stays free to renew job locks.
 */
export async function startQueueWorker(url: string, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const connection = connectionFromUrl(url);
  await reachable(url, connection, options.connectTimeoutMs);
  const concurrency = options.concurrency ?? 1;
  // One single-thread pool per job slot: BullMQ runs at most `concurrency` jobs at once, so a
  // free one is always there.
  const free = concurrency > 1 ? Array.from({ length: concurrency }, () => new WorkerPool(1)) : [];
  const pools = [...free];
  const runner = new ReplicationRunner();
  const run = async (task: ReplicationTask): Promise<ReplicationOutput> => {
    const pool = free.pop();
    if (pool === undefined) return runner.run(task);
    try {
      return (await pool.run([task]))[0]!;
    } finally {
      free.push(pool);
    }
  };
  const worker = new Worker<JobData, string>(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job: Job<JobData, string>) => {
      const task = decode<ReplicationTask>(job.data.task);
      try {
        const result = await run(task);
        options.onJob?.(task);
        return encode(result);
      } catch (error) {
        options.onJob?.(task, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    // A long replication on the worker's own thread blocks lock renewal: give jobs 10 minutes.
    { connection, concurrency, lockDuration: 10 * 60_000 },
  );
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await Promise.all(pools.map((pool) => pool.close()));
    },
  };
}
