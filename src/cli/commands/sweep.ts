import { InvalidArgumentError, type Command } from 'commander';
import { queueClient, QueueUnreachableError, QueueUrlError, type QueueClient } from '../../distributed/queue.ts';
import { renderSweepText, sweepToCsv, sweepToJson } from '../../report/sweepReport.ts';
import type { Language } from '../../report/format.ts';
import { parseSetOption, SweepSetError, type SweepAxis } from '../../sweep/grid.ts';
import { runSweep, sweepScenarios } from '../../sweep/sweep.ts';
import { autoWorkers } from '../../parallel/pool.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { numberOption, workersOption } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { writeFileAtomic } from '../writeAtomic.ts';
import { parseLanguage } from './run.ts';

interface SweepOptions {
  set: SweepAxis[];
  replications?: number;
  workers?: number;
  queue?: string;
  queueName?: string;
  format?: 'text' | 'json' | 'csv';
  lang?: Language;
  out?: string;
}

/**
 * `callfloor sweep SCENARIO --set PATH=VALUES …`: every combination of the values, run on
 * the same callers, as a table and a chart of lost sales against staff cost.
 */
export function registerSweep(program: Command, io: Io): void {
  program
    .command('sweep')
    .description('run a scenario over a grid of settings (e.g. --set agents.count=2..8) and show lost sales against staff cost')
    .argument('<scenario>', 'scenario YAML file')
    .option('-s, --set <path=values>', 'a setting and its values: agents.count=2..8, queue.capacity=5,10,unlimited, problemTypes[ordine].handleTime.mean=120..240:60 (repeat for a grid)', collectAxis, [])
    .option('-r, --replications <n>', 'replications of every point (default: run.replications)', numberOption('--replications', { min: 1, max: 10_000, integer: true }))
    .option('--workers <n>', 'worker threads (default: every core for big sweeps, 1 for small ones)', workersOption)
    .option('--queue <url>', 'run the points on callfloor workers through Redis, e.g. redis://localhost:6379 (see callfloor worker)')
    .option('--queue-name <name>', 'BullMQ queue name (default callfloor-replications)')
    .option('-f, --format <format>', 'text, json or csv (default: from the --out extension, else text)', parseFormat)
    .option('--lang <lang>', 'it or en number formats (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file (.csv or .json picks the format)')
    .action(async (file: string, options: SweepOptions) => {
      if (options.set.length === 0) throw new CliError('sweep needs at least one --set PATH=VALUES, e.g. --set agents.count=2..8.');
      const base = await loadScenarioOrFail(file, io.stderr);
      let planned: ReturnType<typeof sweepScenarios>;
      try {
        planned = sweepScenarios(base, options.set);
      } catch (error) {
        if (error instanceof SweepSetError) throw new CliError(error.message);
        throw error;
      }
      if (!planned.ok) {
        for (const problem of planned.problems) io.stderr(problem + '\n');
        throw new CliError(`${file}: the sweep has points that are not valid scenarios; nothing was simulated.`);
      }
      const format = options.format ?? formatOfFile(options.out) ?? 'text';
      let client: QueueClient | undefined;
      if (options.queue !== undefined) client = await connect(options.queue, options.queueName);
      try {
        const sweep = await runSweep(base, options.set, planned.points, {
          ...(options.replications !== undefined ? { replications: options.replications } : {}),
          workers:
            options.workers ??
            autoWorkers(planned.points.reduce((sum, point) => sum + expectedCallsPerDay(point.scenario) * point.scenario.run.days, 0) * (options.replications ?? base.run.replications)),
          ...(client ? { executor: client.execute } : {}),
          onProgress: terminalProgress(`sweep ${planned.points.length} points`),
        });
        const output =
          format === 'json'
            ? JSON.stringify(sweepToJson(sweep), null, 2) + '\n'
            : format === 'csv'
              ? sweepToCsv(sweep)
              : renderSweepText(sweep, options.lang ?? base.language);
        if (options.out) await writeFileAtomic(options.out, output);
        else io.stdout(output);
      } finally {
        await client?.close();
      }
    });
}

/** Connects to the queue, turning a bad or silent address into a usage error. */
export async function connect(url: string, queueName: string | undefined): Promise<QueueClient> {
  try {
    return await queueClient(url, queueName !== undefined ? { queueName } : {});
  } catch (error) {
    if (error instanceof QueueUrlError || error instanceof QueueUnreachableError) throw new CliError(error.message);
    throw error;
  }
}

function collectAxis(text: string, previous: SweepAxis[]): SweepAxis[] {
  try {
    return [...previous, parseSetOption(text)];
  } catch (error) {
    if (error instanceof SweepSetError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function formatOfFile(file: string | undefined): SweepOptions['format'] | undefined {
  if (file?.endsWith('.json')) return 'json';
  if (file?.endsWith('.csv')) return 'csv';
  return undefined;
}

function parseFormat(text: string): NonNullable<SweepOptions['format']> {
  if (text === 'text' || text === 'json' || text === 'csv') return text;
  throw new InvalidArgumentError(`--format must be text, json or csv, got "${text}".`);
}
