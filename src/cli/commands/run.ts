import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { ContactRecord } from '../../channels/contact.ts';
import type { CallRecord } from '../../domain/call.ts';
import { contactsToCsv } from '../../report/contactsCsv.ts';
import type { Language } from '../../report/format.ts';
import { renderRunText, runToCsv, runToJson, runToMarkdown } from '../../report/runReport.ts';
import { recordsToCsv } from '../../report/recordsCsv.ts';
import { runTerminalCharts } from '../../report/terminalCharts.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { recordColumnsOf } from '../../sim/recordColumns.ts';
import { prepareModel } from '../../sim/model.ts';
import { replicate, summariseRun, type RunResult } from '../../sim/run.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { errorCatalogue } from '../../scenario/errors.ts';
import { resolvePlans } from '../../scenario/load.ts';
import { locatorFor } from '../../yaml/index.ts';
import { numberOption, workersOption, warmupOption, warmupProblem } from '../options.ts';
import { DEFAULT_MAX_MEMORY_BYTES, estimateRunMemory, formatBytes, guardMemory, parseMemorySize } from '../memoryGuard.ts';
import { openAtomicWriter, writeFileAtomic, type AtomicWriter } from '../writeAtomic.ts';
import { KPI_LABELS, type Kpis } from '../../metrics/kpis.ts';
import { autoWorkers } from '../../parallel/pool.ts';
import { runScenarioParallel, runToPrecision, type PrecisionRun } from '../../parallel/runScenarios.ts';
import { terminalProgress } from '../progress.ts';

interface RunOptions {
  replications?: number;
  seed?: number;
  days?: number;
  agents?: number;
  format: 'text' | 'json' | 'csv' | 'markdown';
  intervals?: boolean;
  chart?: boolean;
  records?: string;
  contacts?: string;
  lang?: Language;
  out?: string;
  maxMemory: number;
  plan?: string;
  workers?: number;
  precision?: number;
  precisionKpi: keyof Kpis;
  maxReplications: number;
  warmup?: number;
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('simulate a scenario and print its service and money figures')
    .argument('<scenario>', 'scenario YAML file')
    .option('-r, --replications <n>', 'replications (overrides run.replications)', numberOption('--replications', { min: 1, max: 10_000, integer: true }))
    .option('--seed <n>', 'master seed (overrides run.seed)', numberOption('--seed', { min: 0, max: 2 ** 32 - 1, integer: true }))
    .option('--warmup <duration>', 'warm-up: calls arriving before it are not counted, e.g. 0, 30min, 2h (overrides run.warmup; default 0, or about an hour for a line open around the clock)', warmupOption)
    .option('--days <n>', 'days to simulate (overrides run.days)', numberOption('--days', { min: 1, max: 3660, integer: true }))
    .option('--agents <n>', 'agents answering all day (overrides agents.count; not for scenarios with agents.shifts or agents.groups)', numberOption('--agents', { min: 0, max: 100_000, integer: true }))
    .option('-f, --format <format>', 'text, json, csv (per interval) or markdown', parseFormat, 'text')
    .option('-i, --intervals', 'add the per-interval table to the text output')
    .option('--chart', 'add terminal charts (calls and service level per interval) to the text output')
    .option('--records <file>', 'write one CSV row per call (all replications) to this file')
    .option('--contacts <file>', 'write one CSV row per chat and ticket, with its status history, to this file')
    .option('--lang <lang>', 'it or en (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
    .option('--max-memory <size>', `refuse runs estimated to need more memory than this, e.g. 512MB, 4GB (default ${formatBytes(DEFAULT_MAX_MEMORY_BYTES)})`, parseMaxMemory, DEFAULT_MAX_MEMORY_BYTES)
    .option('--plan <name>', 'simulate one of the scenario\'s plans instead of the base')
    .option('--workers <n>', 'worker threads for the replications (default: every core for big runs, 1 for small ones)', workersOption)
    .option('--precision <share>', 'add replications until --precision-kpi is known to ± this share of its mean, e.g. 5% (sequential; at most --max-replications)', parsePrecision)
    .option('--precision-kpi <kpi>', 'the figure --precision is about', parseKpi, 'lostMargin')
    .option('--max-replications <n>', 'cap for --precision', numberOption('--max-replications', { min: 2, max: 10_000, integer: true }), 200)
    .action(async (file: string, options: RunOptions) => {
      const base = await loadScenarioOrFail(file, io.stderr);
      const loaded = options.plan === undefined ? base : planScenario(base, options.plan);
      if (options.agents !== undefined) {
        const plan = options.plan === undefined ? undefined : { name: options.plan, index: (base.plans ?? []).findIndex((candidate) => candidate.name === options.plan) };
        await refuseAgentsOverStaffPlan(file, loaded, plan);
      }
      const scenario = {
        ...loaded,
        agents: { ...loaded.agents, ...(options.agents !== undefined ? { count: options.agents } : {}) },
        // --agents means that many all day: it replaces a staffing schedule too.
        ...(options.agents !== undefined ? { staffing: undefined } : {}),
        run: {
          ...loaded.run,
          ...(options.replications !== undefined ? { replications: options.replications } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.days !== undefined ? { days: options.days } : {}),
          ...(options.warmup !== undefined ? { warmup: options.warmup } : {}),
        },
      };
      const warmupTooLong = warmupProblem(options.warmup, scenario.run.days);
      if (warmupTooLong !== undefined) throw new CliError(warmupTooLong);
      if (scenario.agents.count === 0 && expectedCallsPerDay(scenario) > 0) {
        throw new CliError('--agents 0 leaves nobody to answer the calls: give 1 or more.');
      }
      guardMemory(file, estimateRunMemory(scenario), options.maxMemory);
      const streamed = options.records !== undefined || options.contacts !== undefined;
      if (streamed && (options.precision !== undefined || (options.workers ?? 1) > 1)) {
        throw new CliError('--records and --contacts stream every call from this process: run them without --precision and --workers.');
      }
      const workers = options.workers ?? autoWorkers(expectedCallsPerDay(scenario) * scenario.run.days * scenario.run.replications);
      const onProgress = terminalProgress('run');
      let precision: PrecisionRun | undefined;
      let result: RunResult;
      if (streamed) {
        const records = options.records ? openAtomicWriter(options.records) : undefined;
        const contacts = options.contacts ? openAtomicWriter(options.contacts) : undefined;
        try {
          result = await simulateYielding(scenario, records, contacts);
          records?.commit();
          contacts?.commit();
        } catch (error) {
          records?.abort();
          contacts?.abort();
          throw error;
        }
      } else if (options.precision !== undefined) {
        precision = await runToPrecision(
          scenario,
          { kpi: options.precisionKpi, relative: options.precision, pilot: Math.max(2, scenario.run.replications), maxReplications: options.maxReplications },
          { workers, ...(onProgress ? { onProgress } : {}) },
        );
        result = precision.result;
      } else result = await runScenarioParallel(scenario, { workers, ...(onProgress ? { onProgress } : {}) });
      const language = options.lang ?? scenario.language;
      const output =
        options.format === 'json'
          ? JSON.stringify({ ...runToJson(result), ...(precision && options.precision !== undefined ? { precision: precisionJson(precision, options) } : {}) }, null, 2) + '\n'
          : options.format === 'csv'
            ? runToCsv(result)
            : options.format === 'markdown'
              ? runToMarkdown(result, language)
              : renderRunText(result, language, { intervals: options.intervals ?? false }) +
                (options.chart ? `\n${runTerminalCharts(result, language, { color: colorWanted(options.out) })}` : '') +
                (precision && options.precision !== undefined ? precisionText(precision, options) : '');
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
}

/**
 * `--agents N` puts N identical agents on duty whenever the line is open. A scenario whose
 * staff is shifts or groups says who is on duty or how fast they are; overriding only
 * `agents.count` would leave those in force and silently change nothing useful, so it is
 * refused with where the setting is and what to change instead (exit code 2).
 */
async function refuseAgentsOverStaffPlan(file: string, scenario: ScenarioConfig, plan: { name: string; index: number } | undefined): Promise<void> {
  const { shifts, groups } = scenario.agents;
  if (shifts === undefined && groups === undefined) return;
  const key = shifts !== undefined ? 'shifts' : 'groups';
  const where = await settingLocation(file, ['agents', key], plan);
  if (shifts !== undefined) {
    throw new CliError(
      `--agents sets one team on duty all day, but this scenario has shifts (${where}: agents.shifts, ${shifts.length} of them): ` +
        `change agents.shifts[].count in the file, or compare head counts with callfloor sweep ${file} --set "agents.shifts[0].count=1..4".`,
    );
  }
  throw new CliError(
    `--agents sets one team of identical agents, but this scenario has agent groups (${where}: agents.groups ${groups!.map((group) => `${group.id} ${group.count}`).join(', ')}): ` +
      `change agents.groups[].count and agents.count (their total) in the file, or add plans with other group sizes and run callfloor compare ${file}.`,
  );
}

/** `file:line:col` of a setting (its key), or where the plan that sets it is. */
async function settingLocation(file: string, path: readonly string[], plan: { name: string; index: number } | undefined): Promise<string> {
  const locator = locatorFor(await readFile(file, 'utf8'), file, errorCatalogue);
  const at = (setting: ReadonlyArray<string | number>, anchor: 'key' | 'value'): string => {
    const { line, column } = locator.position([...setting], anchor);
    return `${file}:${line}:${column}`;
  };
  if (locator.has([...path])) return at(path, 'key');
  return plan !== undefined && plan.index >= 0 ? `${at(['plans', plan.index], 'value')}, plan ${plan.name}` : file;
}

/** Rows per CSV block written to the records and contacts files. */
const RECORD_BLOCK = 4096;

/** Streams rows to an atomic CSV file in blocks: the header once, then the rows. */
function csvStream<T>(writer: AtomicWriter | undefined, toCsv: (rows: readonly T[]) => string): { add: (row: T) => void; flush: () => void } {
  let block: T[] = [];
  const flush = (): void => {
    if (writer === undefined || block.length === 0) return;
    const csv = toCsv(block);
    writer.write(csv.slice(csv.indexOf('\n') + 1));
    block = [];
  };
  if (writer !== undefined) writer.write(toCsv([]));
  return {
    add: (row) => {
      block.push(row);
      if (block.length >= RECORD_BLOCK) flush();
    },
    flush,
  };
}

/**
 * Runs the replications one by one, yielding to the event loop between them so that
 * Ctrl-C is handled within one replication; records and contacts stream to their files in
 * blocks, so memory does not grow with the number of calls.
 */
async function simulateYielding(scenario: ScenarioConfig, records: AtomicWriter | undefined, contacts: AtomicWriter | undefined): Promise<RunResult> {
  const model = prepareModel(scenario);
  // The header is written before any call ends: the columns the scenario's features give its records.
  const columns = recordColumnsOf(model);
  const callRows = csvStream<CallRecord>(records, (rows) => recordsToCsv(rows, columns.customers, columns.causedBy));
  const contactRows = csvStream<ContactRecord>(contacts, contactsToCsv);
  const outputs = [];
  const options = {
    ...(records !== undefined ? { onRecord: callRows.add } : {}),
    ...(contacts !== undefined ? { onContact: contactRows.add } : {}),
  };
  for (const output of replicate(model, scenario.run.replications, options)) {
    outputs.push(output);
    callRows.flush();
    contactRows.flush();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return summariseRun(scenario, model, outputs);
}

/** Commander parser for --max-memory. */
export function parseMaxMemory(text: string): number {
  const bytes = parseMemorySize(text);
  if (bytes === undefined) throw new InvalidArgumentError(`--max-memory must be a size such as 512MB or 4GB, got "${text}".`);
  return bytes;
}

function precisionJson(run: PrecisionRun, options: RunOptions): object {
  const estimate = run.result.kpis[options.precisionKpi];
  return {
    kpi: options.precisionKpi,
    relativeHalfWidth: options.precision,
    reached: run.reached,
    achieved: estimate.mean !== 0 ? estimate.halfWidth / Math.abs(estimate.mean) : null,
    replications: run.result.replications.length,
    batches: run.batches,
    needed: run.needed === Infinity ? 'infinite' : run.needed,
    maxReplications: options.maxReplications,
  };
}

/** One paragraph under the report: the precision asked, what was reached, in how many replications. */
function precisionText(run: PrecisionRun, options: RunOptions): string {
  const estimate = run.result.kpis[options.precisionKpi];
  const share = (value: number) => `${(value * 100).toFixed(1)}%`;
  const achieved = estimate.mean !== 0 ? share(estimate.halfWidth / Math.abs(estimate.mean)) : 'undefined (mean 0)';
  const head = `Precision: ${options.precisionKpi} to ± ${share(options.precision!)} of its mean (95% CI)`;
  return run.reached
    ? `\n${head}: reached, ± ${achieved}, after ${run.result.replications.length} replications (batches up to ${run.batches.join(', ')}).\n`
    : `\n${head}: NOT reached, ± ${achieved} after ${run.result.replications.length} replications; ${run.needed === null || run.needed === Infinity ? 'no finite number of replications will do' : `about ${run.needed} would be needed`} (raise --max-replications, now ${options.maxReplications}).\n`;
}

function parsePrecision(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? (match[2] === '%' ? Number(match[1]) / 100 : Number(match[1])) : NaN;
  if (!(value > 0 && value < 1)) throw new InvalidArgumentError(`--precision must be a share such as 5% or 0.05, got "${text}".`);
  return value;
}

function parseKpi(text: string): keyof Kpis {
  const keys = KPI_LABELS.map(({ key }) => key);
  if ((keys as string[]).includes(text)) return text as keyof Kpis;
  throw new InvalidArgumentError(`--precision-kpi must be one of ${keys.join(', ')}; got "${text}".`);
}

function parseFormat(text: string): RunOptions['format'] {
  if (text === 'text' || text === 'json' || text === 'csv' || text === 'markdown') return text;
  throw new InvalidArgumentError(`--format must be text, json, csv or markdown, got "${text}".`);
}

export function parseLanguage(text: string): Language {
  if (text === 'it' || text === 'en') return text;
  throw new InvalidArgumentError(`--lang must be it or en, got "${text}".`);
}

/** ANSI colours only for a terminal that wants them: stdout is a TTY, no file, no NO_COLOR. */
export function colorWanted(out: string | undefined): boolean {
  return out === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
}

/** The scenario of the plan named `name` (the loader has already checked every plan). */
function planScenario(scenario: ScenarioConfig, name: string): ScenarioConfig {
  const resolved = resolvePlans(scenario);
  const plans = resolved.ok ? resolved.plans : [];
  const plan = plans.find((candidate) => candidate.name === name);
  if (plan === undefined) {
    const names = plans.map((candidate) => candidate.name);
    throw new CliError(`--plan ${name}: the scenario has no such plan; ${names.length > 0 ? `its plans are ${names.join(', ')}` : 'it has no plans'}.`);
  }
  return { ...plan.scenario, name: `${scenario.name} — ${plan.name}` };
}
