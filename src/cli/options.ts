import { InvalidArgumentError } from 'commander';

/** Commander parser for a finite number within bounds. */
export function numberOption(name: string, { min = -Infinity, max = Infinity, integer = false } = {}) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${name} must be a number, got "${text}".`);
    }
    if (integer && !Number.isInteger(value)) throw new InvalidArgumentError(`${name} must be a whole number, got ${text}.`);
    if (value < min || value > max) {
      throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${text}.`);
    }
    return value;
  };
}

const RATE_UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };

/**
 * A call rate: `120` (calls per hour), `120/h`, `100/30min`, `2/s`. Returns calls per second.
 */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)?\s*(s|sec|m|min|h|d))?\s*$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError(`--rate must look like 120 (per hour), 120/h, 100/30min or 2/s, got "${text}".`);
  }
  const calls = Number(match[1]);
  if (!match[3]) return calls / 3600;
  const per = (match[2] ? Number(match[2]) : 1) * RATE_UNITS[match[3]]!;
  if (per <= 0) throw new InvalidArgumentError(`--rate has a zero period in "${text}".`);
  return calls / per;
}

/** A duration in seconds: `180`, `180s`, `3min`, `1.5h`. */
export function parseDurationOption(name: string) {
  return (text: string): number => {
    if (/^\s*(inf|infinite|infinity)\s*$/i.test(text)) return Infinity;
    const match = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$/.exec(text);
    if (!match) throw new InvalidArgumentError(`${name} must be seconds or a duration such as 180, 3min, 1.5h; got "${text}".`);
    return Number(match[1]) * (match[2] ? RATE_UNITS[match[2]]! : 1);
  };
}

/** `--workers N`: worker threads, 1 to 1024. */
export const workersOption = numberOption('--workers', { min: 1, max: 1024, integer: true });

/** `--warmup D`: a finite duration (seconds or 30min, 2h…). */
export function warmupOption(text: string): number {
  const seconds = parseDurationOption('--warmup')(text);
  if (!Number.isFinite(seconds)) throw new InvalidArgumentError(`--warmup must be a finite duration such as 0, 30min or 2h; got "${text}".`);
  return seconds;
}

/** A warm-up of the whole run or longer would leave nothing to measure: the message for it, or undefined. */
export function warmupProblem(warmup: number | undefined, days: number): string | undefined {
  if (warmup === undefined || warmup < days * 86_400) return undefined;
  return `--warmup ${warmup} s is at least the whole run (${days} ${days === 1 ? 'day' : 'days'} = ${days * 86_400} s), so nothing would be measured: give a shorter warm-up or more --days.`;
}
