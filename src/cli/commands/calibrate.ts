import { InvalidArgumentError, type Command } from 'commander';
import { calibrateFile, CALIBRATE_DEFAULTS, type CalibrateOptions } from '../../calibrate/calibrate.ts';
import { checkCalibration, scenarioFromYaml, type CheckResult } from '../../calibrate/check.ts';
import { formatLogDiagnostic, LogError } from '../../calibrate/diagnostics.ts';
import { parseColumnMap, type ColumnMap, type GenericField } from '../../calibrate/formats/generic.ts';
import { LOG_FORMATS, type LogFormat } from '../../calibrate/readLog.ts';
import { calibrationToJson, calibrationToMarkdown, renderCalibrationSummary, renderCheck } from '../../calibrate/report.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { numberOption, parseDurationOption } from '../options.ts';
import { writeFileAtomic } from '../writeAtomic.ts';

interface CalibrateCommandOptions {
  format: LogFormat;
  map?: { map: ColumnMap; explicit: Set<GenericField> };
  tz?: string;
  out?: string;
  report?: string;
  check?: boolean;
  checkReplications: number;
  tolerance: number;
  interval: number;
  threshold: number;
  retrialWindow: number;
  agents?: number;
  open?: string[];
  maxErrors: number;
  maxSamples: number;
  minAbandons: number;
  seed: number;
}

/**
 * `callfloor calibrate <log>`: estimates a scenario from a call log (Asterisk CDR CSV, a
 * generic CSV, or an Asterisk queue_log) and writes it, commented, to `--out` or standard
 * output; `--report` writes the fit report (JSON or Markdown); `--check` simulates the
 * scenario and compares it with the log. Nothing is written unless the whole log was read
 * without errors and fitted.
 */
export function registerCalibrate(program: Command, io: Io): void {
  program
    .command('calibrate')
    .description('estimate a scenario from a call log (Asterisk CDR, generic CSV or queue_log)')
    .argument('<log>', 'call log file')
    .option('--format <format>', 'asterisk (cdr_csv Master.csv), generic (CSV with a header) or queue_log', parseFormat, CALIBRATE_DEFAULTS.format)
    .option('--map <pairs>', 'generic format: columns, e.g. arrival=start_time,answer=answer_time,end=end_time,queue=queue,caller=caller_id,outcome=status', parseMap)
    .option('--tz <zone>', 'IANA time zone (e.g. Europe/Rome): convert every time to its local time; required for queue_log', parseZone)
    .option('-o, --out <file>', 'write the scenario YAML to this file (default: standard output)')
    .option('--report <file>', 'write the fit report: .md for Markdown, otherwise JSON')
    .option('--check', 'simulate the calibrated scenario and compare it with the log, per interval')
    .option('--check-replications <n>', 'replications for --check', numberOption('--check-replications', { min: 1, max: 1000, integer: true }), 20)
    .option('--tolerance <share>', 'largest relative error --check accepts on abandonment and service level', numberOption('--tolerance', { min: 0, max: 10 }), 0.1)
    .option('--interval <minutes>', 'interval of the estimates and the scenario (divides 1440)', parseInterval, CALIBRATE_DEFAULTS.intervalMinutes)
    .option('--threshold <seconds>', 'service-level threshold', numberOption('--threshold', { min: 0, max: 86_400 }), CALIBRATE_DEFAULTS.thresholdSeconds)
    .option('--retrial-window <duration>', 'a call this soon after the same caller’s previous one is a retrial (seconds, or 30min…)', parseWindow, CALIBRATE_DEFAULTS.retrialWindowSeconds)
    .option('--agents <n>', 'agents in the scenario (default: the most calls in conversation at once)', numberOption('--agents', { min: 1, max: 100_000, integer: true }))
    .option('--open <windows>', 'opening hours, e.g. 08:00-13:00,14:00-18:00 (default: estimated from the arrivals)', parseOpen)
    .option('--max-errors <n>', 'list at most this many problems in a bad log (all are counted)', numberOption('--max-errors', { min: 1, max: 100_000, integer: true }), CALIBRATE_DEFAULTS.maxErrors)
    .option('--max-samples <n>', 'largest random sample per queue kept for the fits (bounds memory)', numberOption('--max-samples', { min: 100, max: 100_000_000, integer: true }), CALIBRATE_DEFAULTS.maxSamples)
    .option('--min-abandons <n>', 'abandoned calls a queue needs for its own patience fit (else all queues pooled)', numberOption('--min-abandons', { min: 2, max: 1_000_000, integer: true }), CALIBRATE_DEFAULTS.minAbandons)
    .option('--seed <n>', 'seed of the random sampling (reservoir) and of the scenario', numberOption('--seed', { min: 0, max: 2 ** 32 - 1, integer: true }), CALIBRATE_DEFAULTS.seed)
    .action(async (file: string, options: CalibrateCommandOptions) => {
      if (options.map && options.format !== 'generic') throw new CliError('--map applies to --format generic only.');
      const settings: CalibrateOptions = {
        format: options.format,
        ...(options.map ? { columnMap: options.map.map, explicitColumns: options.map.explicit } : {}),
        ...(options.tz ? { timeZone: options.tz } : {}),
        intervalMinutes: options.interval,
        thresholdSeconds: options.threshold,
        retrialWindowSeconds: options.retrialWindow,
        maxErrors: options.maxErrors,
        maxSamples: options.maxSamples,
        minAbandons: options.minAbandons,
        seed: options.seed,
        ...(options.agents !== undefined ? { agents: options.agents } : {}),
        ...(options.open ? { openingHours: options.open } : {}),
      };
      let calibration;
      try {
        calibration = await calibrateFile(file, settings);
      } catch (error) {
        if (error instanceof LogError) {
          for (const diagnostic of error.diagnostics) io.stderr(formatLogDiagnostic(diagnostic) + '\n');
          const more = error.total - error.diagnostics.length;
          const rows = `${error.total} ${error.total === 1 ? 'problem' : 'problems'}`;
          throw new CliError(`${file}: ${rows}${more > 0 ? ` (${error.diagnostics.length} listed; --max-errors to see more)` : ''}; nothing was written.`);
        }
        if (error instanceof RangeError) throw new CliError(`${file}: ${error.message}; nothing was written.`);
        throw error;
      }
      const { estimates, yaml } = calibration;
      // The summary goes where the scenario does not: stdout when the scenario goes to a file.
      const say = options.out ? io.stdout : io.stderr;
      say(renderCalibrationSummary(estimates));
      let check: CheckResult | undefined;
      if (options.check) {
        const scenario = scenarioFromYaml(yaml, options.out ?? 'calibrated.yaml');
        check = checkCalibration(estimates, { ...scenario, run: { ...scenario.run, replications: options.checkReplications } }, {
          replications: options.checkReplications,
          tolerance: options.tolerance,
        });
        say('\n' + renderCheck(check, estimates));
      }
      if (options.report) {
        const report = options.report.toLowerCase().endsWith('.md')
          ? calibrationToMarkdown(estimates, check)
          : JSON.stringify(calibrationToJson(estimates, check), null, 2) + '\n';
        await writeFileAtomic(options.report, report);
      }
      if (options.out) {
        await writeFileAtomic(options.out, yaml);
        say(`Wrote ${options.out}${options.report ? ` and ${options.report}` : ''}.\n`);
      } else {
        if (options.report) say(`Wrote ${options.report}.\n`);
        io.stdout(yaml);
      }
      if (check && !check.pass) {
        throw new CliError(
          `the calibration check did not pass: the simulated abandonment or service level is more than ${Math.round(check.tolerance * 100)}% off the observed one (see the table above); the files were written so you can adjust them.`,
          3,
        );
      }
    });
}

function parseFormat(text: string): LogFormat {
  if ((LOG_FORMATS as readonly string[]).includes(text)) return text as LogFormat;
  throw new InvalidArgumentError(`--format must be ${LOG_FORMATS.join(', ')}, got "${text}".`);
}

function parseMap(text: string): { map: ColumnMap; explicit: Set<GenericField> } {
  try {
    return parseColumnMap(text);
  } catch (error) {
    throw new InvalidArgumentError(`--map ${(error as Error).message}; write field=column pairs separated by commas, e.g. arrival=start_time,end=end_time.`);
  }
}

function parseZone(text: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
    return text;
  } catch {
    throw new InvalidArgumentError(`--tz "${text}" is not a time zone: use an IANA name such as Europe/Rome or UTC.`);
  }
}

function parseInterval(text: string): number {
  const minutes = numberOption('--interval', { min: 1, max: 1440, integer: true })(text);
  if (1440 % minutes !== 0) throw new InvalidArgumentError(`--interval must divide 1440 minutes (15, 30, 60…), got ${text}.`);
  return minutes;
}

function parseWindow(text: string): number {
  const seconds = parseDurationOption('--retrial-window')(text);
  if (!Number.isFinite(seconds)) throw new InvalidArgumentError('--retrial-window must be finite, e.g. 30min.');
  return seconds;
}

function parseOpen(text: string): string[] {
  const windows = text.split(',').map((w) => w.trim()).filter((w) => w.length > 0);
  const pattern = /^(([01]\d|2[0-3]):[0-5]\d)-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
  const bad = windows.find((w) => !pattern.test(w));
  if (windows.length === 0 || bad !== undefined) {
    throw new InvalidArgumentError(`--open must be windows such as 08:00-13:00,14:00-18:00${bad ? `, got "${bad}"` : ''}.`);
  }
  return windows;
}
