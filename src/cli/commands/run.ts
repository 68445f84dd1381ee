import { InvalidArgumentError, type Command } from 'commander';
import type { CallRecord } from '../../domain/call.ts';
import type { Language } from '../../report/format.ts';
import { renderRunText, runToCsv, runToJson, runToMarkdown } from '../../report/runReport.ts';
import { recordsToCsv } from '../../report/recordsCsv.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { runScenario } from '../../sim/run.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { resolvePlans } from '../../scenario/load.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { numberOption } from '../options.ts';
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
    .option('--records <file>', 'write one CSV row per call (all replications) to this file')
    .option('--lang <lang>', 'it or en (default: the scenario language)', parseLanguage)
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
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
      const records: CallRecord[] = [];
      const result = runScenario(scenario, options.records ? { onRecord: (record) => records.push(record) } : {});
      const language = options.lang ?? scenario.language;
      const output =
        options.format === 'json'
          ? JSON.stringify(runToJson(result), null, 2) + '\n'
          : options.format === 'csv'
            ? runToCsv(result)
            : options.format === 'markdown'
              ? runToMarkdown(result, language)
              : renderRunText(result, language, { intervals: options.intervals ?? false });
      if (options.records) await writeFileAtomic(options.records, recordsToCsv(records));
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
}

function parseFormat(text: string): RunOptions['format'] {
  if (text === 'text' || text === 'json' || text === 'csv' || text === 'markdown') return text;
  throw new InvalidArgumentError(`--format must be text, json, csv or markdown, got "${text}".`);
}

export function parseLanguage(text: string): Language {
  if (text === 'it' || text === 'en') return text;
  throw new InvalidArgumentError(`--lang must be it or en, got "${text}".`);
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
