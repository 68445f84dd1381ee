import { InvalidArgumentError, type Command } from 'commander';
import { defaultWorkers, WorkerPool } from '../../parallel/pool.ts';
import { coverShifts, defaultShifts, parseShift, ShiftCoverError, type ShiftPattern } from '../../optimize/shiftCover.ts';
import { optimizeStaffing, type ServiceTarget } from '../../optimize/staffing.ts';
import { renderStaffText, staffToJson } from '../../report/staffReport.ts';
import type { Language } from '../../report/format.ts';
import { openingWindows } from '../../sim/calendar.ts';
import { StaffingError } from '../../staffing/index.ts';
import type { QueueClient } from '../../distributed/queue.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { numberOption, workersOption } from '../options.ts';
import { writeFileAtomic } from '../writeAtomic.ts';
import { parseLanguage } from './run.ts';
import { connect } from './sweep.ts';

interface StaffOptions {
  target?: { serviceLevel: number; thresholdSeconds: number };
  maxAbandon?: number;
  objective: 'service' | 'profit';
  shift?: ShiftPattern[];
  replications?: number;
  maxRounds?: number;
  workers?: number;
  queue?: string;
  queueName?: string;
  format: 'text' | 'json';
  lang?: Language;
  out?: string;
}

/**
 * `callfloor staff SCENARIO --target 80/20`: the fewest agents per interval meeting the
 * target (Erlang A start, corrected by simulation), or with `--objective profit` the most
 * profitable; then the fewest shifts that cover it.
 */
export function registerStaff(program: Command, io: Io): void {
  program
    .command('staff')
    .description('find the agents you need per interval (Erlang A, corrected by simulation) and the shifts that cover them')
    .argument('<scenario>', 'scenario YAML file')
    .option('-t, --target <SL/T>', 'service-level target, e.g. 80/20 (80% answered within 20 s; default: the scenario serviceLevel)', parseTarget)
    .option('--max-abandon <share>', 'also cap abandonment per interval, e.g. 5% or 0.05', parseShare)
    .option('--objective <objective>', 'service (fewest agents meeting the targets) or profit (most margin − staff cost − lost customer value − cost of retries)', parseObjective, 'service')
    .option('--shift <pattern>', 'a shift pattern, e.g. 09:00-13:00 or the split 09:00-13:00+15:30-19:30 (repeat; default: see README)', collectShift)
    .option('-r, --replications <n>', 'replications per simulated staffing (default: run.replications)', numberOption('--replications', { min: 1, max: 10_000, integer: true }))
    .option('--max-rounds <n>', 'most rounds of simulation (default 40)', numberOption('--max-rounds', { min: 1, max: 1000, integer: true }))
    .option('--workers <n>', 'worker threads (default: every core)', workersOption)
    .option('--queue <url>', 'simulate on callfloor workers through Redis, e.g. redis://localhost:6379')
    .option('--queue-name <name>', 'BullMQ queue name (default callfloor-replications)')
    .option('-f, --format <format>', 'text or json', parseFormat, 'text')
    .option('--lang <lang>', 'it or en number formats (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
    .action(async (file: string, options: StaffOptions) => {
      const loaded = await loadScenarioOrFail(file, io.stderr);
      if (loaded.agents.groups !== undefined) {
        throw new CliError(
          `${file}: staff sizes one team per interval, but this scenario has agent groups (${loaded.agents.groups.map((group) => group.id).join(', ')}). ` +
            'Compare group sizes and shifts as plans with `callfloor compare`, or try sizes with `callfloor sweep --set agents.groups[ID].count=1..5` (agents.count follows the groups\' total).',
        );
      }
      const scenario = options.replications !== undefined ? { ...loaded, run: { ...loaded.run, replications: options.replications } } : loaded;
      const target: ServiceTarget = {
        serviceLevel: options.target?.serviceLevel ?? scenario.serviceLevel.target,
        thresholdSeconds: options.target?.thresholdSeconds ?? scenario.serviceLevel.thresholdSeconds,
        ...(options.maxAbandon !== undefined ? { maxAbandonment: options.maxAbandon } : {}),
      };
      const workers = options.workers ?? defaultWorkers();
      let client: QueueClient | undefined;
      if (options.queue !== undefined) client = await connect(options.queue, options.queueName);
      const pool = client === undefined && workers > 1 ? new WorkerPool(workers) : undefined;
      try {
        const staffing = await optimizeStaffing(scenario, {
          objective: options.objective,
          target,
          workers,
          ...(pool ? { pool } : {}),
          ...(client ? { executor: client.execute } : {}),
          ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
          ...(process.stderr.isTTY && !process.env.CI ? { onRound: (round: number, what: string) => io.stderr(`staff: round ${round}: ${what}\n`) } : {}),
        });
        const shiftsFrom = options.shift !== undefined ? 'option' : 'default';
        const shifts = options.shift ?? defaultShifts(openingWindows(scenario), scenario.run.intervalMinutes * 60);
        const cover = coverShifts(staffing.intervals.map((row) => row.interval), staffing.intervals.map((row) => row.agents), shifts);
        const report = { staffing, cover, shiftsFrom } as const;
        const output = options.format === 'json' ? JSON.stringify(staffToJson(report), null, 2) + '\n' : renderStaffText(report, options.lang ?? scenario.language);
        if (options.out) await writeFileAtomic(options.out, output);
        else io.stdout(output);
      } catch (error) {
        if (error instanceof ShiftCoverError) throw new CliError(error.message);
        if (error instanceof StaffingError) throw new CliError(`${error.message} ${error.whatToDo}`);
        throw error;
      } finally {
        await pool?.close();
        await client?.close();
      }
    });
}

/** `80/20`, `80%/20s`, `0.8/20` → service level and threshold. */
export function parseTarget(text: string): { serviceLevel: number; thresholdSeconds: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*\/\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(text);
  if (!match) throw new InvalidArgumentError(`--target must look like 80/20 (80% of calls answered within 20 seconds), got "${text}".`);
  const level = Number(match[1]);
  const serviceLevel = match[2] === '%' || level > 1 ? level / 100 : level;
  if (!(serviceLevel > 0 && serviceLevel <= 1)) throw new InvalidArgumentError(`--target: the service level must be above 0% and at most 100%, got "${text}".`);
  return { serviceLevel, thresholdSeconds: Number(match[3]) };
}

/** `5%` or `0.05` → 0.05. */
export function parseShare(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? (match[2] === '%' ? Number(match[1]) / 100 : Number(match[1])) : NaN;
  if (!(value >= 0 && value <= 1)) throw new InvalidArgumentError(`--max-abandon must be a share such as 5% or 0.05, got "${text}".`);
  return value;
}

function parseObjective(text: string): StaffOptions['objective'] {
  if (text === 'service' || text === 'profit') return text;
  throw new InvalidArgumentError(`--objective must be service or profit, got "${text}".`);
}

function collectShift(text: string, previous: ShiftPattern[] | undefined): ShiftPattern[] {
  try {
    return [...(previous ?? []), parseShift(text)];
  } catch (error) {
    if (error instanceof ShiftCoverError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function parseFormat(text: string): StaffOptions['format'] {
  if (text === 'text' || text === 'json') return text;
  throw new InvalidArgumentError(`--format must be text or json, got "${text}".`);
}
