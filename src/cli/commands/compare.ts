import { InvalidArgumentError, type Command } from 'commander';
import { COMPARED_FIGURES, incomparability, type FigureKey, type Variant } from '../../compare/compare.ts';
import { compareVariantsParallel } from '../../compare/compareParallel.ts';
import { autoWorkers } from '../../parallel/pool.ts';
import { expectedCallsPerDay } from '../../sim/calendar.ts';
import { compareToCsv, compareToJson, compareToMarkdown, renderCompareText } from '../../report/compareReport.ts';
import type { Language } from '../../report/format.ts';
import { formatDiagnostic } from '../../scenario/errors.ts';
import { closest, loadScenarioFile, resolvePlans } from '../../scenario/load.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { loadScenarioOrFail } from '../loadScenario.ts';
import { numberOption, warmupOption, warmupProblem, workersOption } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { DEFAULT_MAX_MEMORY_BYTES, estimateRunMemory, formatBytes, guardMemory } from '../memoryGuard.ts';
import { writeFileAtomic } from '../writeAtomic.ts';
import { compareTerminalChart } from '../../report/terminalCharts.ts';
import { colorWanted, parseLanguage, parseMaxMemory } from './run.ts';

interface CompareOptions {
  warmup?: number;
  plan?: string[];
  replications?: number;
  seed?: number;
  confidence: number;
  precision: number;
  kpi: FigureKey;
  format: 'text' | 'json' | 'csv' | 'markdown';
  lang?: Language;
  out?: string;
  maxMemory: number;
  chart?: boolean;
  workers?: number;
}

/** Default relative half-width for the replications-needed figures: ±5%. */
export const DEFAULT_PRECISION = 0.05;

/**
 * `callfloor compare SCENARIO [--plan NAME …]`: the scenario against each of its plans;
 * `callfloor compare BASE OTHER …`: the first file against each of the others. Every variant
 * runs with the same seed and replications (common random numbers).
 */
export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description("compare a scenario's plans (or other scenario files) with it, on the same callers, in calls and in money")
    .argument('<scenarios...>', 'a scenario with plans:, or a base scenario followed by the scenarios to compare with it')
    .option('-p, --plan <name>', 'compare only this plan (repeat for several; default: every plan)', collect)
    .option('-r, --replications <n>', 'replications of every variant, at least 2 (default: the base run.replications)', numberOption('--replications', { min: 2, max: 10_000, integer: true }))
    .option('--warmup <duration>', 'warm-up of every variant: calls arriving before it are not counted, e.g. 0, 30min, 2h (default: the base run.warmup: 0, or about an hour for a line open around the clock)', warmupOption)
    .option('--seed <n>', 'master seed of every variant (default: the base run.seed)', numberOption('--seed', { min: 0, max: 2 ** 32 - 1, integer: true }))
    .option('--confidence <level>', 'confidence level of the intervals, e.g. 0.95 or 0.99', parseConfidence, 0.95)
    .option('--precision <share>', 'relative half-width for "replications needed", e.g. 0.05 for ±5%', numberOption('--precision', { min: 1e-6, max: 10 }), DEFAULT_PRECISION)
    .option('--kpi <figure>', 'the figure whose replications needed the text spells out', parseFigure, 'lostMargin')
    .option('-f, --format <format>', 'text, json, csv (one row per plan and figure) or markdown', parseFormat, 'text')
    .option('--lang <lang>', 'it or en (default: the base scenario language)', parseLanguage)
    .option('--chart', "add a terminal chart of each plan's net benefit a year to the text output")
    .option('-o, --out <file>', 'write the result to this file instead of standard output')
    .option('--max-memory <size>', `refuse comparisons estimated to need more memory than this, e.g. 512MB, 4GB (default ${formatBytes(DEFAULT_MAX_MEMORY_BYTES)})`, parseMaxMemory, DEFAULT_MAX_MEMORY_BYTES)
    .option('--workers <n>', 'worker threads for the replications (default: every core for big comparisons, 1 for small ones); the result is the same for any number', workersOption)
    .action(async (files: string[], options: CompareOptions) => {
      const chosen = files.length === 1 ? await planVariants(files[0]!, options.plan, io) : await fileVariants(files, options.plan, io);
      // --warmup applies to every variant alike (plans must keep the base's run settings).
      const warmed = <T extends { scenario: ScenarioConfig }>(variant: T): T =>
        options.warmup === undefined ? variant : { ...variant, scenario: { ...variant.scenario, run: { ...variant.scenario.run, warmup: options.warmup } } };
      const warmupTooLong = warmupProblem(options.warmup, chosen.base.scenario.run.days);
      if (warmupTooLong !== undefined) throw new CliError(warmupTooLong);
      const base = warmed(chosen.base);
      const plans = chosen.plans.map(warmed);
      for (const variant of [base, ...plans]) guardMemory(files[0]!, estimateRunMemory(variant.scenario), options.maxMemory);
      const replications = options.replications ?? Math.max(2, base.scenario.run.replications);
      const calls = [base, ...plans].reduce((sum, variant) => sum + expectedCallsPerDay(variant.scenario) * variant.scenario.run.days * replications, 0);
      const onProgress = terminalProgress('compare');
      const comparison = await compareVariantsParallel(
        base,
        plans,
        { seed: options.seed ?? base.scenario.run.seed, replications, confidence: options.confidence, precision: options.precision },
        { workers: options.workers ?? autoWorkers(calls), ...(onProgress ? { onProgress } : {}) },
      );
      const language = options.lang ?? base.scenario.language;
      const output =
        options.format === 'json'
          ? JSON.stringify(compareToJson(comparison, language), null, 2) + '\n'
          : options.format === 'csv'
            ? compareToCsv(comparison)
            : options.format === 'markdown'
              ? compareToMarkdown(comparison, language, { kpi: options.kpi })
              : renderCompareText(comparison, language, { kpi: options.kpi }) +
                (options.chart ? `\n${compareTerminalChart(comparison, language, { color: colorWanted(options.out) })}` : '');
      if (options.out) await writeFileAtomic(options.out, output);
      else io.stdout(output);
    });
}

/** One scenario file: the base, and its plans (all, or those named). */
async function planVariants(file: string, wanted: string[] | undefined, io: Io): Promise<{ base: Variant; plans: Variant[] }> {
  const loaded = await loadScenarioFile(file);
  for (const warning of loaded.warnings) io.stderr(formatDiagnostic(warning) + '\n');
  if (!loaded.ok) {
    for (const error of loaded.errors) io.stderr(formatDiagnostic(error) + '\n');
    const count = loaded.errors.length;
    throw new CliError(`${file}: ${count} ${count === 1 ? 'error' : 'errors'}; nothing was compared.`);
  }
  const plans = choosePlans(file, loaded.scenario, loaded.source, wanted);
  if (plans.length === 0) {
    throw new CliError(
      `${file} declares no plans: add plans: (e.g. - { name: three-agents, set: { agents.count: 3 } }), or name other scenario files to compare with it.`,
    );
  }
  return { base: { name: 'base', scenario: loaded.scenario }, plans };
}

/**
 * The plans of a loaded scenario as variants: all of them, or those named in `wanted`
 * (an unknown name is an error with a suggestion). Empty when the scenario has no plans.
 */
export function choosePlans(file: string, scenario: ScenarioConfig, source: { file: string; text: string }, wanted: readonly string[] | undefined): Variant[] {
  const resolved = resolvePlans(scenario, source);
  if (!resolved.ok) {
    // The loader has checked the plans already; this is a safety net, not a path users take.
    throw new CliError(`${file}: its plans have errors: ${resolved.errors.map(formatDiagnostic).join('; ')}`);
  }
  const names = resolved.plans.map((plan) => plan.name);
  const unknown = (wanted ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    const name = unknown[0]!;
    const suggestion = closest(name, names);
    throw new CliError(
      names.length === 0
        ? `${file} declares no plans, so there is no plan ${JSON.stringify(name)}: add plans: to the scenario (see the README).`
        : `${file} has no plan ${JSON.stringify(name)}${suggestion !== undefined ? ` — did you mean ${suggestion}?` : ''} (plans: ${names.join(', ')}).`,
    );
  }
  const chosen = wanted === undefined ? resolved.plans : resolved.plans.filter((plan) => wanted.includes(plan.name));
  return chosen.map((plan) => ({ name: plan.name, ...(plan.description !== undefined ? { description: plan.description } : {}), scenario: plan.scenario }));
}

/** Several files: the first is the base, each other file is a plan. */
async function fileVariants(files: string[], wanted: string[] | undefined, io: Io): Promise<{ base: Variant; plans: Variant[] }> {
  if (wanted !== undefined) {
    throw new CliError('--plan picks plans of a single scenario file; with several files, each file after the first is compared with it.');
  }
  const scenarios: ScenarioConfig[] = [];
  for (const file of files) scenarios.push(await loadScenarioOrFail(file, io.stderr));
  const base = scenarios[0]!;
  const problems = files.slice(1).flatMap((file, i) => incomparability(base, scenarios[i + 1]!).map((problem) => `${file}: ${problem}`));
  if (problems.length > 0) {
    throw new CliError(
      `these scenarios cannot be compared call by call with ${files[0]}:\n  ${problems.join('\n  ')}\nGive every file the same run.days, run.warmup, money.currency and money.openDaysPerYear.`,
    );
  }
  return {
    base: { name: files[0]!, scenario: base },
    plans: files.slice(1).map((file, i) => {
      const scenario = scenarios[i + 1]!;
      return { name: file, ...(scenario.name !== base.name ? { description: scenario.name } : {}), scenario };
    }),
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseConfidence(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value < 1)) {
    throw new InvalidArgumentError(`--confidence must be a level between 0 and 1 such as 0.95, got "${text}".`);
  }
  return value;
}

function parseFigure(text: string): FigureKey {
  const keys = COMPARED_FIGURES.map(({ key }) => key);
  if ((keys as string[]).includes(text)) return text as FigureKey;
  const suggestion = closest(text, keys);
  throw new InvalidArgumentError(`--kpi must be one of ${keys.join(', ')}; got "${text}"${suggestion !== undefined ? ` — did you mean ${suggestion}?` : ''}.`);
}

function parseFormat(text: string): CompareOptions['format'] {
  if (text === 'text' || text === 'json' || text === 'csv' || text === 'markdown') return text;
  throw new InvalidArgumentError(`--format must be text, json, csv or markdown, got "${text}".`);
}
