/**
 * Refuses runs that would not fit in memory, before they start, with a clear message.
 *
 * What a replication keeps (measured with `node --expose-gc`, see README "What callfloor
 * guarantees"): about 170 bytes per caller alive at once (waiting or in service), and,
 * when every call record is kept in memory, about 260 bytes per record. Replications run
 * one after the other and keep only their summaries, so the estimate is per replication;
 * `callfloor run --records` streams records to the file and keeps none.
 */
import { expectedCallsPerDay, peakCallsPerHour } from '../sim/calendar.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { CliError } from './cliError.ts';

/** Stable code printed when a run is refused. */
export const MEMORY_LIMIT_CODE = 'MEMORY_LIMIT';
/** Default for `--max-memory`: 2 GiB. */
export const DEFAULT_MAX_MEMORY_BYTES = 2 * 1024 ** 3;

/**
 * Per call of a replication. The waits for the 90th percentile used to be kept (16 bytes a call);
 * a constant-size sketch replaced them, so this is now an allowance rather than a measurement.
 * It is kept so that a run of tens of billions of calls is still refused at once, not left to
 * run for days.
 */
export const BYTES_PER_CALL = 16;
export const BYTES_PER_LIVE_CALLER = 170;
export const BYTES_PER_KEPT_RECORD = 260;

export interface MemoryEstimate {
  /** Expected calls of one replication (all simulated days, warm-up included). */
  readonly callsPerReplication: number;
  /** Callers that may be alive at once in the worst case. */
  readonly liveCallers: number;
  readonly bytes: number;
}

/**
 * Upper estimate of the memory one run needs. Callers alive at once are bounded by the
 * agents plus the queue's places; with an unlimited queue, by an hour of arrivals at the
 * busiest rate — or by every call of the replication if some callers never hang up.
 */
export function estimateRunMemory(scenario: ScenarioConfig, options: { replications?: number; recordsKept?: boolean } = {}): MemoryEstimate {
  const callsPerReplication = expectedCallsPerDay(scenario) * scenario.run.days;
  const agents = scenario.agents.count;
  const peakPerHour = peakCallsPerHour(scenario);
  const neverHangUp = scenario.callerTypes.some((type) => type.share > 0 && type.patience === 'infinite');
  const capacity = scenario.queue.capacity;
  const liveCallers = Math.min(
    callsPerReplication + agents,
    capacity !== 'unlimited' ? agents + capacity : neverHangUp ? callsPerReplication + agents : agents + peakPerHour,
  );
  const records = options.recordsKept ? callsPerReplication * (options.replications ?? scenario.run.replications) * BYTES_PER_KEPT_RECORD : 0;
  return { callsPerReplication, liveCallers, bytes: callsPerReplication * BYTES_PER_CALL + liveCallers * BYTES_PER_LIVE_CALLER + records };
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** `512MB`, `2GB`, `1.5g`, `800m` or a number of bytes → bytes; undefined if it is none of those. */
export function parseMemorySize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase().replace(/ib$/, 'b')];
  if (unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

/** `1.5 GB`, `640 MB`, `3.2 TB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : Number(value.toPrecision(3))} ${units[unit]}`;
}

function formatCount(value: number): string {
  return value >= 1e6 ? value.toExponential(2).replace('e+', 'e') : String(Math.round(value));
}

/** Throws a CliError (exit code 2) when the estimate is above the limit. */
export function guardMemory(file: string, estimate: MemoryEstimate, limitBytes: number): void {
  if (estimate.bytes <= limitBytes) return;
  throw new CliError(
    `${MEMORY_LIMIT_CODE}  ${file}: the run would need about ${formatBytes(estimate.bytes)} of memory ` +
      `(${formatCount(estimate.callsPerReplication)} calls per replication, up to ${formatCount(estimate.liveCallers)} callers at once), ` +
      `more than the limit of ${formatBytes(limitBytes)} — simulate fewer days (run.days, --days) or a lower call rate, ` +
      `bound the queue (queue.capacity) if callers never hang up, or raise the limit with --max-memory.`,
  );
}
