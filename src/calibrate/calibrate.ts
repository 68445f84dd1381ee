/**
 * Calibration end to end: read a call log, estimate, write the scenario text. Nothing is
 * written anywhere here: the caller (the CLI) writes the result once everything succeeded.
 */
import { estimate, type Estimates } from './estimate.ts';
import type { ColumnMap, GenericField } from './formats/generic.ts';
import { readLogFile, readLogLines, type LogFormat, type LogReading } from './readLog.ts';
import { scenarioYaml } from './scenarioYaml.ts';

/** Settings of a calibration; every one has a documented default. */
export interface CalibrateOptions {
  /** `asterisk` (default), `generic` or `queue_log`. */
  readonly format?: LogFormat;
  /** Generic format: which column holds what. */
  readonly columnMap?: ColumnMap;
  readonly explicitColumns?: ReadonlySet<GenericField>;
  /** IANA time zone to convert every time to (required for queue_log). */
  readonly timeZone?: string;
  /** Interval of the estimates and of the scenario's reports, minutes (30). Must divide 1440. */
  readonly intervalMinutes?: number;
  /** Service-level threshold, seconds (20). */
  readonly thresholdSeconds?: number;
  /** A call within this many seconds of the end of the same caller's previous call is a retrial (1800). */
  readonly retrialWindowSeconds?: number;
  /** Most diagnostics listed (20); all are counted. */
  readonly maxErrors?: number;
  /** Largest sample kept per queue for each fit (200,000): bounds memory on huge logs. */
  readonly maxSamples?: number;
  /** Seed of the reservoir sampling, and `run.seed` of the scenario written (1). */
  readonly seed?: number;
  /** Abandoned calls a queue needs for its own patience fit (30); fewer → all queues pooled. */
  readonly minAbandons?: number;
  /** Agents in the scenario (otherwise the most calls in conversation at once). */
  readonly agents?: number;
  /** Opening windows such as `08:00-13:00` (otherwise estimated from the arrivals). */
  readonly openingHours?: readonly string[];
}

export const CALIBRATE_DEFAULTS = {
  format: 'asterisk',
  intervalMinutes: 30,
  thresholdSeconds: 20,
  retrialWindowSeconds: 1800,
  maxErrors: 20,
  maxSamples: 200_000,
  seed: 1,
  minAbandons: 30,
} as const;

export interface Calibration {
  readonly estimates: Estimates;
  /** The scenario, as commented YAML. */
  readonly yaml: string;
}

function readOptions(options: CalibrateOptions) {
  const settings = { ...CALIBRATE_DEFAULTS, ...withoutUndefined(options) };
  if (1440 % settings.intervalMinutes !== 0) throw new RangeError(`the interval (${settings.intervalMinutes} min) must divide 1440 minutes`);
  return {
    settings,
    read: {
      format: settings.format,
      ...(options.columnMap ? { columnMap: options.columnMap } : {}),
      ...(options.explicitColumns ? { explicitColumns: options.explicitColumns } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      maxErrors: settings.maxErrors,
      intervalSeconds: settings.intervalMinutes * 60,
      thresholdSeconds: settings.thresholdSeconds,
      retrialWindowSeconds: settings.retrialWindowSeconds,
      maxSamples: settings.maxSamples,
      seed: settings.seed,
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function finish(reading: LogReading, settings: ReturnType<typeof readOptions>['settings'], options: CalibrateOptions): Calibration {
  const estimates = estimate(reading, {
    intervalMinutes: settings.intervalMinutes,
    thresholdSeconds: settings.thresholdSeconds,
    retrialWindowSeconds: settings.retrialWindowSeconds,
    minAbandons: settings.minAbandons,
    seed: settings.seed,
    ...(options.agents !== undefined ? { agents: options.agents } : {}),
    ...(options.openingHours ? { openingHours: options.openingHours } : {}),
  });
  return { estimates, yaml: scenarioYaml(estimates) };
}

/** Calibrates from a log file. Throws LogError for bad logs, RangeError for bad settings or a log with nothing to fit. */
export async function calibrateFile(path: string, options: CalibrateOptions = {}): Promise<Calibration> {
  const { settings, read } = readOptions(options);
  return finish(await readLogFile(path, read), settings, options);
}

/** Calibrates from lines of text (tests, or logs from elsewhere than a file); `file` labels diagnostics. */
export async function calibrateLines(lines: AsyncIterable<string> | Iterable<string>, file: string, options: CalibrateOptions = {}): Promise<Calibration> {
  const { settings, read } = readOptions(options);
  return finish(await readLogLines(lines, file, read), settings, options);
}
