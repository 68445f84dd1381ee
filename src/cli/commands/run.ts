import { InvalidArgumentError, type Command } from 'commander';
import type { CallRecord } from '../../domain/call.ts';
import type { Language } from '../../report/format.ts';
import { renderRunText, runToCsv, runToJson, runToMarkdown } from '../../report/runReport.ts';
import { recordsToCsv } from '../../report/recordsCsv.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { prepareModel } from '../../sim/model.ts';
import { replicate, summariseRun, type RunResult } from '../../sim/run.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
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
  records?: string;
  lang?: Language;
  out?: string;
  maxMemory: number;
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
    .option('--records <file>', 'write one CSV row per call (all replications) to this file')
    .option('--lang <lang>', 'it or en (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
    .option('--max-memory <size>', `refuse runs estimated to need more memory than this, e.g. 512MB, 4GB (default ${formatBytes(DEFAULT_MAX_MEMORY_BYTES)})`, parseMaxMemory, DEFAULT_MAX_MEMORY_BYTES)
    .action(async (file: string, options: RunOptions) => {
      const loaded = await loadScenarioOrFail(file, io.stderr);
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
      let result: RunResult;
      try {
        result = await simulateYielding(scenario, records);
        records?.commit();
      } catch (error) {
        records?.abort();
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
              : renderRunText(result, language, { intervals: options.intervals ?? false });
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
}

/** Records per CSV block written to the records file. */
const RECORD_BLOCK = 4096;

/**
 * Runs the replications one by one, yielding to the event loop between them so that
 * Ctrl-C is handled within one replication; records stream to the file in blocks, so
 * memory does not grow with the number of calls.
 */
async function simulateYielding(scenario: ScenarioConfig, records: AtomicWriter | undefined): Promise<RunResult> {
  let block: CallRecord[] = [];
  const flush = (): void => {
    if (records === undefined) return;
    const csv = recordsToCsv(block);
    records.write(csv.slice(csv.indexOf('\n') + 1));
    block = [];
  };
  if (records !== undefined) records.write(recordsToCsv([]));
  const onRecord = (record: CallRecord): void => {
    block.push(record);
    if (block.length >= RECORD_BLOCK) flush();
  };
  const model = prepareModel(scenario);
  const replications = [];
  for (const replication of replicate(model, scenario.run.replications, records !== undefined ? { onRecord } : {})) {
    replications.push(replication);
    flush();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return summariseRun(scenario, model, replications);
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
