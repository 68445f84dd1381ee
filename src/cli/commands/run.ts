import { InvalidArgumentError, type Command } from 'commander';
import type { CallRecord } from '../../domain/call.ts';
import type { Language } from '../../report/format.ts';
import { renderRunText, runToCsv, runToJson, runToMarkdown } from '../../report/runReport.ts';
import { recordsToCsv } from '../../report/recordsCsv.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { KPI_LABELS, type Kpis } from '../../metrics/kpis.ts';
import { autoWorkers } from '../../parallel/pool.ts';
import { runScenarioParallel, runToPrecision, type PrecisionRun } from '../../parallel/runScenarios.ts';
import { runScenario, type RunResult } from '../../sim/run.ts';
import { terminalProgress } from '../progress.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { numberOption, workersOption } from '../options.ts';
import { writeFileAtomic } from '../writeAtomic.ts';

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
  workers?: number;
  precision?: number;
  precisionKpi: keyof Kpis;
  maxReplications: number;
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
    .option('--workers <n>', 'worker threads for the replications (default: every core for big runs, 1 for small ones)', workersOption)
    .option('--precision <share>', 'add replications until --precision-kpi is known to ± this share of its mean, e.g. 5% (sequential; at most --max-replications)', parsePrecision)
    .option('--precision-kpi <kpi>', 'the figure --precision is about', parseKpi, 'lostMargin')
    .option('--max-replications <n>', 'cap for --precision', numberOption('--max-replications', { min: 2, max: 10_000, integer: true }), 200)
    .action(async (file: string, options: RunOptions) => {
      const loaded = await loadScenarioOrFail(file, io.stderr);
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
        },
      };
      if (scenario.agents.count === 0 && expectedCallsPerDay(scenario) > 0) {
        throw new CliError('--agents 0 leaves nobody to answer the calls: give 1 or more.');
      }
      const records: CallRecord[] = [];
      if (options.records && (options.precision !== undefined || (options.workers ?? 1) > 1)) {
        throw new CliError('--records keeps every call in this process: run it without --precision and --workers.');
      }
      const workers = options.workers ?? autoWorkers(expectedCallsPerDay(scenario) * scenario.run.days * scenario.run.replications);
      const onProgress = terminalProgress('run');
      let precision: PrecisionRun | undefined;
      let result: RunResult;
      if (options.records) result = runScenario(scenario, { onRecord: (record) => records.push(record) });
      else if (options.precision !== undefined) {
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
                (precision && options.precision !== undefined ? precisionText(precision, options) : '');
      if (options.records) await writeFileAtomic(options.records, recordsToCsv(records));
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
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
