import { InvalidArgumentError, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { dirname, extname, basename, join } from 'node:path';
import { consultantReportPausing } from '../../report/consultantReport.ts';
import type { Language } from '../../report/format.ts';
import { reportToHtml } from '../../report/html/page.ts';
import { reportToCsv } from '../../report/reportCsv.ts';
import { reportToJson } from '../../report/reportJson.ts';
import { reportToMarkdown } from '../../report/reportMarkdown.ts';
import { DEFAULT_REPORT_SETTINGS } from '../../report/reportModel.ts';
import { summaryParagraphs } from '../../report/reportText.ts';
import { trainingHistorySchema, type TrainingHistorySource, type TrainingScoreRow } from '../../report/trainingHistory.ts';
import { formatDiagnostic } from '../../scenario/errors.ts';
import { loadScenarioFile } from '../../scenario/load.ts';
import { HistoryFormatError, HistoryStore } from '../../training/history.ts';
import { rubricStepScores } from '../../training/rubricRows.ts';
import { CliError } from '../cliError.ts';
import { readHistory, resolveHistoryPath } from '../historyFile.ts';
import type { Io } from '../io.ts';
import { numberOption, warmupOption, warmupProblem } from '../options.ts';
import { writeFilesAtomic } from '../writeAtomic.ts';
import { choosePlans } from './compare.ts';
import { parseLanguage } from './run.ts';

interface ReportOptions {
  warmup?: number;
  plan?: string[];
  out: string;
  lang?: Language;
  replications?: number;
  seed?: number;
  confidence: number;
  trainingHistory?: string;
  training?: boolean;
  history?: string;
  oneOffCost?: Array<[string, number]>;
  onboardingWeeks: number;
  hoursPerWeek: number;
  switchShare: number;
}

/** The four files of a report: `x.html` and, beside it, `x.md`, `x.csv`, `x.json`. */
export function reportPaths(out: string): { html: string; markdown: string; csv: string; json: string } {
  const extension = extname(out);
  const stem = join(dirname(out), extension === '' ? basename(out) : basename(out, extension));
  return { html: extension === '' ? `${stem}.html` : out, markdown: `${stem}.md`, csv: `${stem}.csv`, json: `${stem}.json` };
}

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Rubric rows of a training history database (the file `callfloor train` writes). */
function sqliteSource(file: string, bytes: Uint8Array): Promise<TrainingHistorySource> {
  return HistoryStore.open(bytes).then(
    (store) => {
      try {
        const rows = rubricStepScores(store);
        return { rows: () => rows };
      } finally {
        store.close();
      }
    },
    (error: unknown) => {
      if (!(error instanceof HistoryFormatError)) throw error;
      throw new CliError(`${file}:1:1  HISTORY_FORMAT  ${error.message} — give --training-history the history file written by callfloor train (see callfloor progress --format json for its path) or a JSON list of rows.`);
    },
  );
}

/** Rubric rows of a JSON file (see src/report/trainingHistory.ts for the layout). */
function jsonSource(file: string, text: string): TrainingHistorySource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file}  HISTORY_NOT_JSON  the training history is neither a callfloor training database (SQLite) nor JSON (${(error as Error).message}) — give the history.sqlite written by callfloor train, or a JSON list of { trainee, script, step, score, date }.`,
    );
  }
  const parsed = trainingHistorySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    throw new CliError(`${file}  HISTORY_SHAPE  ${where}: ${issue.message} — each row needs trainee, script, step (text), score (0–100) and date (2026-11-02).`);
  }
  const rows = Array.isArray(parsed.data) ? parsed.data : parsed.data.rows;
  return { rows: () => rows };
}

/** Reads `--training-history FILE`: the SQLite history of `callfloor train` (told by its header) or JSON rows. */
async function readTrainingHistory(file: string): Promise<TrainingHistorySource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`${file}  HISTORY_UNREADABLE  cannot read the training history (${(error as NodeJS.ErrnoException).code ?? 'error'}) — check the path given to --training-history.`);
  }
  if (bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) return sqliteSource(file, bytes);
  return jsonSource(file, bytes.toString('utf8'));
}

/** The training rows the options ask for: --training-history FILE, or --training / --history (the default history). */
async function trainingRows(options: ReportOptions, io: Io): Promise<readonly TrainingScoreRow[] | undefined> {
  const fromStore = options.training === true || options.history !== undefined;
  if (options.trainingHistory !== undefined && fromStore) throw new CliError('give either --training-history FILE or --training (with --history FILE), not both.');
  if (options.trainingHistory !== undefined) return (await readTrainingHistory(options.trainingHistory)).rows();
  if (!fromStore) return undefined;
  const path = resolveHistoryPath(options.history);
  const rows = await readHistory(path, (store) => rubricStepScores(store));
  if (rows.length === 0) io.stderr(`callfloor: no training sessions in ${path}; the report says so.\n`);
  return rows;
}

/**
 * `callfloor report SCENARIO`: simulates the scenario (and its plans) and writes the
 * consultant report as one self-contained HTML file with the same figures as Markdown, CSV
 * and JSON beside it. All four are written at once, or none (errors, Ctrl-C).
 */
export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('write a consultant report (HTML, with the same figures as Markdown, CSV and JSON): costs, charts, plans and assumptions')
    .argument('<scenario>', 'scenario YAML file (its plans: are compared with it)')
    .option('-p, --plan <name>', 'compare only this plan (repeat for several; default: every plan)', collect)
    .option('-o, --out <file>', 'the HTML file; .md, .csv and .json are written beside it', 'report.html')
    .option('--lang <lang>', 'it or en (default: the scenario language)', parseLanguage)
    .option('-r, --replications <n>', 'replications (overrides run.replications; at least 2 with plans)', numberOption('--replications', { min: 1, max: 10_000, integer: true }))
    .option('--warmup <duration>', 'warm-up: calls arriving before it are not counted, e.g. 0, 30min, 2h (overrides run.warmup; default 0, or about an hour for a line open around the clock)', warmupOption)
    .option('--seed <n>', 'master seed (overrides run.seed)', numberOption('--seed', { min: 0, max: 2 ** 32 - 1, integer: true }))
    .option('--confidence <level>', 'confidence level of the intervals', numberOption('--confidence', { min: 0.5, max: 0.999 }), 0.95)
    .option('--training-history <file>', "the team's rubric scores from this file: the history.sqlite written by callfloor train, or JSON rows { trainee, script, step, score, date }")
    .option('--training', 'rubric scores from the default training history (the one callfloor train and progress use)')
    .option('--history <file>', 'with --training: this training history database instead of the default')
    .option('--one-off-cost <plan=amount>', 'one-off cost of a plan (recruiting, training…), for its payback; repeat for several', collectCost)
    .option('--onboarding-weeks <n>', 'paid weeks before a new hire answers alone (one-off cost of plans adding agents)', numberOption('--onboarding-weeks', { min: 0, max: 104 }), DEFAULT_REPORT_SETTINGS.onboardingWeeks)
    .option('--hours-per-week <n>', 'paid hours a week of a new hire', numberOption('--hours-per-week', { min: 1, max: 80 }), DEFAULT_REPORT_SETTINGS.hoursPerWeek)
    .option('--switch-share <share>', 'share of unanswered callers who switch to a competitor', numberOption('--switch-share', { min: 0, max: 1 }), DEFAULT_REPORT_SETTINGS.switchShare)
    .action(async (file: string, options: ReportOptions) => {
      const loaded = await loadScenarioFile(file);
      for (const warning of loaded.warnings) io.stderr(formatDiagnostic(warning) + '\n');
      if (!loaded.ok) {
        for (const error of loaded.errors) io.stderr(formatDiagnostic(error) + '\n');
        const count = loaded.errors.length;
        throw new CliError(`${file}: ${count} ${count === 1 ? 'error' : 'errors'}; no report was written.`);
      }
      const plans = choosePlans(file, loaded.scenario, loaded.source, options.plan);
      const costs = Object.fromEntries(options.oneOffCost ?? []);
      const unknownCost = Object.keys(costs).find((name) => !plans.some((plan) => plan.name === name));
      if (unknownCost !== undefined) {
        throw new CliError(`--one-off-cost names plan "${unknownCost}", which is not compared in this report (plans: ${plans.map((plan) => plan.name).join(', ') || 'none'}).`);
      }
      if (plans.length > 0 && options.replications === 1) throw new CliError('--replications must be at least 2 to compare plans (their intervals need 2).');
      const training = await trainingRows(options, io);
      const overrides = [
        ...(options.replications !== undefined ? [{ path: 'run.replications', value: String(options.replications), option: '--replications' }] : []),
        ...(options.seed !== undefined ? [{ path: 'run.seed', value: String(options.seed), option: '--seed' }] : []),
        ...(options.warmup !== undefined ? [{ path: 'run.warmup', value: String(options.warmup), option: '--warmup' }] : []),
      ];
      const scenario = {
        ...loaded.scenario,
        run: {
          ...loaded.scenario.run,
          ...(options.replications !== undefined ? { replications: options.replications } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.warmup !== undefined ? { warmup: options.warmup } : {}),
        },
      };
      const warmupTooLong = warmupProblem(options.warmup, scenario.run.days);
      if (warmupTooLong !== undefined) throw new CliError(warmupTooLong);
      const rerun = (variant: (typeof plans)[number]) => ({ ...variant, scenario: { ...variant.scenario, run: scenario.run } });
      const language = options.lang ?? scenario.language;
      io.stderr(`callfloor: simulating ${scenario.name}${plans.length > 0 ? ` and ${plans.length} ${plans.length === 1 ? 'plan' : 'plans'}` : ''}…\n`);
      // Pauses after every replication, so Ctrl-C stops the simulation within one replication.
      const model = await consultantReportPausing({
        scenario,
        source: loaded.source,
        plans: plans.map(rerun),
        confidence: options.confidence,
        overrides,
        ...(training ? { training } : {}),
        settings: { language, switchShare: options.switchShare, onboardingWeeks: options.onboardingWeeks, hoursPerWeek: options.hoursPerWeek, oneOffCosts: costs },
      }, () => new Promise((resolve) => setImmediate(resolve)));
      const paths = reportPaths(options.out);
      const files = [
        { path: paths.html, content: reportToHtml(model) },
        { path: paths.markdown, content: reportToMarkdown(model) },
        { path: paths.csv, content: reportToCsv(model) },
        { path: paths.json, content: reportToJson(model) },
      ];
      // writeFilesAtomic lets a Ctrl-C pressed during the (synchronous) simulation through first.
      // Ctrl-C while writing: abandon the temporary files, keep whatever was there before.
      const interrupted = new AbortController();
      const onInterrupt = (): void => interrupted.abort();
      process.once('SIGINT', onInterrupt);
      try {
        await writeFilesAtomic(files, interrupted.signal);
      } catch (error) {
        if (interrupted.signal.aborted) throw new CliError('interrupted: no report file was written.', 1);
        // writeFilesAtomic already says which file and what to do.
        if (error instanceof CliError) throw new CliError(`${error.message}; no report file was written.`);
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(`cannot write the report (${reason}) — check that the folder of ${paths.html} exists and is writable; no report file was written.`);
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
      io.stdout(`${files.map((written) => written.path).join('\n')}\n\n${summaryParagraphs(model).join('\n')}\n`);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectCost(value: string, previous: Array<[string, number]> | undefined): Array<[string, number]> {
  const match = /^(.+)=\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError(`--one-off-cost must look like PLAN=AMOUNT (e.g. tre-persone=3500), got "${value}".`);
  return [...(previous ?? []), [match[1]!.trim(), Number(match[2])]];
}
