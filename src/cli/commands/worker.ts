import type { Command } from 'commander';
import { DEFAULT_QUEUE_NAME, QueueUnreachableError, QueueUrlError, startQueueWorker } from '../../distributed/queue.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { workersOption } from '../options.ts';

interface WorkerOptions {
  queue: string;
  queueName?: string;
  workers?: number;
}

/**
 * `callfloor worker --queue redis://HOST:PORT`: runs replications that `callfloor sweep
 * --queue` puts on the queue, until Ctrl-C (SIGINT) or SIGTERM; it finishes the jobs it holds first.
 */
export function registerWorker(program: Command, io: Io, stopSignal: () => Promise<string> = untilSignal): void {
  program
    .command('worker')
    .description('run replications from a Redis queue for callfloor sweep --queue (on this or any machine)')
    .requiredOption('--queue <url>', 'the Redis address, e.g. redis://localhost:6379')
    .option('--queue-name <name>', `BullMQ queue name (default ${DEFAULT_QUEUE_NAME})`)
    .option('--workers <n>', 'replications at once on this machine, each on a thread (default 1)', workersOption)
    .action(async (options: WorkerOptions) => {
      let done = 0;
      let failed = 0;
      let worker;
      try {
        worker = await startQueueWorker(options.queue, {
          ...(options.queueName !== undefined ? { queueName: options.queueName } : {}),
          ...(options.workers !== undefined ? { concurrency: options.workers } : {}),
          onJob: (task, error) => {
            if (error === undefined) done++;
            else {
              failed++;
              io.stderr(`worker: ${task.scenario.name} replication ${task.replication} failed: ${error}\n`);
            }
          },
        });
      } catch (error) {
        if (error instanceof QueueUrlError || error instanceof QueueUnreachableError) throw new CliError(error.message);
        throw error;
      }
      io.stderr(`worker: waiting for jobs on ${options.queue} (queue ${options.queueName ?? DEFAULT_QUEUE_NAME}, ${options.workers ?? 1} at once); Ctrl-C to stop.\n`);
      const signal = await stopSignal();
      io.stderr(`worker: ${signal}, finishing the jobs in hand…\n`);
      await worker.close();
      io.stderr(`worker: stopped after ${done} replications${failed > 0 ? ` (${failed} failed)` : ''}.\n`);
    });
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
