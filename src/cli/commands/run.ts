import { InvalidArgumentError, type Command } from 'commander';
import type { ContactRecord } from '../../channels/contact.ts';
import type { CallRecord } from '../../domain/call.ts';
import { contactsToCsv } from '../../report/contactsCsv.ts';
import type { Language } from '../../report/format.ts';
import { renderRunText, runToCsv, runToJson, runToMarkdown } from '../../report/runReport.ts';
import { recordsToCsv } from '../../report/recordsCsv.ts';
import { runTerminalCharts } from '../../report/terminalCharts.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { prepareModel } from '../../sim/model.ts';
import { replicate, summariseRun, type RunResult } from '../../sim/run.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { resolvePlans } from '../../scenario/load.ts';
import { numberOption } from '../options.ts';
import { DEFAULT_MAX_MEMORY_BYTES, estimateRunMemory, formatBytes, guardMemory, parseMemorySize } from '../memoryGuard.ts';
import { openAtomicWriter, writeFileAtomic, type AtomicWriter } from '../writeAtomic.ts';

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
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('simulate a scenario and print its service and money figures')
    .argument('<scenario>', 'scenario YAML file')
    .option('-r, --replications <n>', 'replications (overrides run.replications)', numberOption('--replications', { min: 1, max: 10_000, integer: true }))
    .option('--seed <n>', 'master seed (overrides run.seed)', numberOption('--seed', { min: 0, max: 2 ** 32 - 1, integer: true }))
    .option('--days <n>', 'days to simulate (overrides run.days)', numberOption('--days', { min: 1, max: 3660, integer: true }))
    .option('--agents <n>', 'agents answering (overrides agents.count)', numberOption('--agents', { min: 0, max: 100_000, integer: true }))
    .option('-f, --format <format>', 'text, json, csv (per interval) or markdown', parseFormat, 'text')
    .option('-i, --intervals', 'add the per-interval table to the text output')
    .option('--chart', 'add terminal charts (calls and service level per interval) to the text output')
    .option('--records <file>', 'write one CSV row per call (all replications) to this file')
    .option('--contacts <file>', 'write one CSV row per chat and ticket, with its status history, to this file')
    .option('--lang <lang>', 'it or en (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
    .option('--max-memory <size>', `refuse runs estimated to need more memory than this, e.g. 512MB, 4GB (default ${formatBytes(DEFAULT_MAX_MEMORY_BYTES)})`, parseMaxMemory, DEFAULT_MAX_MEMORY_BYTES)
    .option('--plan <name>', 'simulate one of the scenario\'s plans instead of the base')
    .action(async (file: string, options: RunOptions) => {
      const base = await loadScenarioOrFail(file, io.stderr);
      const loaded = options.plan === undefined ? base : planScenario(base, options.plan);
      const scenario = {
        ...loaded,
        agents: { ...loaded.agents, ...(options.agents !== undefined ? { count: options.agents } : {}) },
        run: {
          ...loaded.run,
          ...(options.replications !== undefined ? { replications: options.replications } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.days !== undefined ? { days: options.days } : {}),
        },
      };
      if (scenario.agents.count === 0 && expectedCallsPerDay(scenario) > 0) {
        throw new CliError('--agents 0 leaves nobody to answer the calls: give 1 or more.');
      }
      guardMemory(file, estimateRunMemory(scenario), options.maxMemory);
      const records = options.records ? openAtomicWriter(options.records) : undefined;
      const contacts = options.contacts ? openAtomicWriter(options.contacts) : undefined;
      let result: RunResult;
      try {
        result = await simulateYielding(scenario, records, contacts);
        records?.commit();
        contacts?.commit();
      } catch (error) {
        records?.abort();
        contacts?.abort();
        throw error;
      }
      const language = options.lang ?? scenario.language;
      const output =
        options.format === 'json'
          ? JSON.stringify(runToJson(result), null, 2) + '\n'
          : options.format === 'csv'
            ? runToCsv(result)
            : options.format === 'markdown'
              ? runToMarkdown(result, language)
              : renderRunText(result, language, { intervals: options.intervals ?? false }) +
                (options.chart ? `\n${runTerminalCharts(result, language, { color: colorWanted(options.out) })}` : '');
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
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
  // The header is written before any call: customer columns whenever customers can call more than once.
  const customerColumns = model.callerTypes.some((type) => type.retrial !== null) || model.callback !== null || model.secretary !== null;
  const callRows = csvStream<CallRecord>(records, (rows) => recordsToCsv(rows, customerColumns));
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
