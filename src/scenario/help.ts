/**
 * Help texts of scenario diagnostics, by the path of the setting: examples of settings,
 * names of list items, advice for formats and for settings that accept several kinds of
 * value, and what replaced settings that no longer exist.
 */
import { suggestDuration, suggestId, type FormatIssue } from '../yaml/zodIssues.ts';

/** Example text for required settings, keyed by path with list indices as `[]`. */
export const EXAMPLES: Record<string, string> = {
  name: 'name: My call centre',
  arrivals: 'arrivals: { callsPerHour: 30 }',
  callerTypes: 'callerTypes: with at least one caller type, e.g. - { id: buyer, share: 1, patience: { dist: exponential, mean: 120 }, problem: sale }',
  problemTypes: 'problemTypes: with at least one problem type, e.g. - { id: sale, handleTime: { dist: lognormal, mean: 240, cv: 0.5 } }',
  agents: 'agents: { count: 2 }',
  'agents.count': 'count: 2 (the number of agents answering)',
  'arrivals.callsPerHour': 'callsPerHour: 30',
  'arrivals.profile': 'profile: a list of steps such as - { at: "09:00", callsPerHour: 20 }',
  'arrivals.profile[].at': 'at: "09:00" (the time of day from which the rate applies)',
  'arrivals.profile[].callsPerHour': 'callsPerHour: 20',
  'arrivals.weekly': 'weekly: { monday: [40, 60, 80], tuesday: [30, 45, 60] } (calls per interval from the first opening time)',
  'arrivals.csv': 'csv: counts.csv (columns date or weekday, start, calls)',
  'callerTypes[].id': 'id: buyer (a short name for the caller type)',
  'callerTypes[].share': 'share: 0.5 (the fraction of all calls made by this caller type)',
  'callerTypes[].patience': 'patience: { dist: exponential, mean: 120 } (seconds a caller waits before hanging up), or patience: infinite',
  'callerTypes[].problem': 'problem: with the id of one of the problemTypes',
  'problemTypes[].id': 'id: sale (a short name for the problem type)',
  'problemTypes[].handleTime': 'handleTime: { dist: lognormal, mean: 240, cv: 0.5 } (seconds of talk plus wrap-up)',
  'plans[].name': 'name: three-agents (a short name for the plan)',
  'plans[].set': 'set: with the settings the plan changes, e.g. set: { agents.count: 3 }',
};

/** What one item of a list is called, by the list's key. */
export const ITEM_NOUNS: Record<string, string> = {
  callerTypes: 'caller type',
  problemTypes: 'problem type',
  openingHours: 'opening window such as "09:00-18:00"',
  profile: 'step such as { at: "09:00", callsPerHour: 20 }',
  values: 'value',
  weights: 'weight',
};

/** An example of each distribution, by its name. */
export const DISTRIBUTION_EXAMPLES: Record<string, string> = {
  exponential: '{ dist: exponential, mean: 120 }',
  deterministic: '{ dist: deterministic, value: 60 }',
  uniform: '{ dist: uniform, min: 30, max: 90 }',
  lognormal: '{ dist: lognormal, mean: 240, cv: 0.5 }',
  gamma: '{ dist: gamma, mean: 240, cv: 0.5 }',
  weibull: '{ dist: weibull, shape: 0.8, scale: 120 }',
  empirical: '{ dist: empirical, values: [60, 120, 300], weights: [1, 2, 1] }',
};

/** Advice for settings that accept several kinds of value, by path pattern. */
export const ALTERNATIVE_HINTS: Record<string, string> = {
  'callerTypes[].patience':
    'write infinite for callers who never hang up, or a distribution of waiting times in seconds such as { dist: exponential, mean: 120 }',
  'queue.capacity': 'write a whole number of places in the queue (0 for no queue), or unlimited',
  arrivals: 'write arrivals: { callsPerHour: 30 } for a constant rate, arrivals: with profile: a list of steps such as - { at: "09:00", callsPerHour: 20 }, weekly: calls per interval for each weekday, or csv: a file of historical counts',
};

/** Advice for a map with the settings of two alternatives at once, by path pattern. */
export const CONFLICT_HINTS: Record<string, string> = {
  arrivals: 'keep only one: callsPerHour for a constant rate, or profile for rates that change during the day',
};

/** Settings that were replaced, by their path: what replaced them and what to write instead. */
export const REPLACED_SETTINGS: Record<string, string> = {
  'channels.blended.phoneIdleShare':
    'it was replaced by channels.blended.agents (how many phone agents answer chat and tickets when no call waits: a number, or all) and keepFree (idle agents kept free for calls), now simulated with the phone instead of estimated from its idle time: write agents: all, or a number of agents',
};

/** Advice for each format of the scenario. */
export const FORMAT_HINTS: Record<string, string> = {
  duration: 'write a number of seconds, or a number with a unit s, min, h or d, such as 20s, 15min or 1.5h',
  time: 'write a 24-hour time with two-digit hours, quoted, such as "09:00"',
  window: 'write start-end in 24-hour time, such as "09:00-13:00"; the end may be 24:00',
  currency: 'write a three-letter ISO 4217 code in capitals, such as EUR',
  id: 'use letters, digits, - and _ only, starting with a letter or digit, such as pre-sale',
};

/** Which of the scenario's formats an invalid_format issue is about. */
export function formatKind(issue: FormatIssue): string {
  const pattern = 'pattern' in issue ? String(issue.pattern ?? '') : '';
  const text = `${issue.message} ${pattern}`;
  if (/duration/.test(text)) return 'duration';
  if (/opening window/.test(text)) return 'window';
  if (/time of day/.test(text)) return 'time';
  if (/currency/.test(text)) return 'currency';
  if (/\bid\b/.test(text)) return 'id';
  return 'other';
}

/** Guesses the value the user meant for a badly formatted duration, time, window, currency or id. */
export function suggestFormat(kind: string, raw: string): string | undefined {
  const time = (text: string): string | undefined => {
    const match = /^\s*(\d{1,2})\s*[:.h]\s*(\d{2})\s*$/i.exec(text) ?? /^\s*(\d{1,2})\s*$/.exec(text);
    if (!match) return undefined;
    const hours = Number(match[1]);
    const minutes = Number(match[2] ?? 0);
    if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  };
  switch (kind) {
    case 'duration':
      return suggestDuration(raw, { days: true });
    case 'time':
      return time(raw);
    case 'window': {
      const parts = raw.split(/\s*(?:-|–|—|to)\s*/);
      if (parts.length !== 2) return undefined;
      const from = time(parts[0]!);
      const to = time(parts[1]!);
      return from && to ? `${from}-${to}` : undefined;
    }
    case 'currency':
      return /^\s*[a-z]{3}\s*$/i.test(raw) ? raw.trim().toUpperCase() : undefined;
    case 'id':
      return suggestId(raw);
    default:
      return undefined;
  }
}
