/**
 * The vocabulary of the shared zod-issue wording ({@link ./zodIssues.ts}): what a loader
 * tells it (codes, the name of its document, examples, schema knowledge) and the phrases
 * both the plain findings and the union findings use.
 */
import type { z } from 'zod';
import type { Finding } from './locator.ts';
import { describeValue, formatNumber, formatPath, pathPattern, type Path } from './values.ts';

export type Issue = z.core.$ZodIssue;

/** The code a loader's catalogue gives each kind of schema problem. */
export interface SchemaCodes<C extends string> {
  readonly missing: C;
  readonly type: C;
  readonly range: C;
  readonly format: C;
  readonly enum: C;
  readonly unknownKey: C;
  /** Settings that exclude each other; without it, such findings get `type`. */
  readonly conflict?: C;
}

/** The codes every catalogue has. */
export const SCHEMA_CODES = {
  missing: 'SCHEMA_MISSING',
  type: 'SCHEMA_TYPE',
  range: 'SCHEMA_RANGE',
  format: 'SCHEMA_FORMAT',
  enum: 'SCHEMA_ENUM',
  unknownKey: 'SCHEMA_UNKNOWN_KEY',
} as const;

/** The range of a number setting, as the schema declares it. */
export interface NumberBounds {
  min?: number;
  max?: number;
  isInt?: boolean;
}

/** Advice for a badly formatted text: what to write, and the value the user probably meant. */
export interface FormatAdvice {
  advice: string;
  suggestion?: string | undefined;
}

export type FormatIssue = Extract<Issue, { code: 'invalid_format' }>;

/** What differs between loaders. Optional hooks are schema knowledge; without them the advice is plainer. */
export interface IssueWording<C extends string> {
  readonly codes: SchemaCodes<C>;
  /**
   * `detailed` (scenarios): an example or the whole allowed range in every hint, 70 read as
   * 70 %, a decimal comma, a negative value, NaN and infinity each named; `brief` (call
   * scripts): the rule that was broken, and the example only for a missing or empty setting.
   */
  readonly advice: 'detailed' | 'brief';
  /**
   * Which branches of a union are not the one the author meant: `whole`, those whose every
   * issue rejects the value as a whole, its kind or its word (so `"unlimted"` gets what would
   * fit: a whole number or the word unlimited); `kind`, those that reject the kind of value
   * written (so `"fr"` gets the word branch's own finding: not it or en).
   */
  readonly unionMismatch: 'whole' | 'kind';
  /** The whole document, in messages about its root: `the scenario`. */
  readonly root: string;
  /** A map with settings, as values are described: `a map of settings`. */
  readonly map: string;
  /** Example settings by path pattern (`nodes[].id` → `id: greeting`). */
  readonly examples: Readonly<Record<string, string>>;
  /** One item of a list, by the list's key (`callerTypes` → `caller type`); default `item`. */
  readonly itemNouns?: Readonly<Record<string, string>>;
  /** Advice for settings that accept several kinds of value, by path pattern (detailed advice). */
  readonly alternativeHints?: Readonly<Record<string, string>>;
  /** Advice for a map with settings of two alternatives at once, by path pattern. */
  readonly conflictHints?: Readonly<Record<string, string>>;
  /** "Did you mean": the candidate the user probably meant. */
  suggest(input: string, candidates: readonly string[]): string | undefined;
  /** The keys the schema allows in the map at `path`. */
  allowedKeys(data: unknown, path: Path): string[];
  /** Advice for a text in the wrong format; `described` is the format as the schema names it. */
  formatAdvice(issue: FormatIssue, raw: unknown, described: string): FormatAdvice;
  /** The schema's bounds of the number at `path`, to state the whole allowed range. */
  numberBounds?(data: unknown, path: Path): NumberBounds;
  /** A phrase for the kind of value expected at `path` when the generic one says too little. */
  phrase?(expected: string, data: unknown, path: Path): string | undefined;
  /** The advice on durations, when `path` is a duration. */
  durationAdvice?(data: unknown, path: Path): string | undefined;
  /** The seconds a text such as `10 min` stands for, to suggest them where a number is expected. */
  secondsOf?(text: string): number | undefined;
  /** Advice for a number written where a map such as a distribution is expected. */
  numberInsteadOfMap?(data: unknown, path: Path, value: number): string | undefined;
  /** Advice for a missing setting when an example says too little (a distribution's fields). */
  missingHint?(data: unknown, path: Path): string | undefined;
  /** What replaced a setting that no longer exists, by its path. */
  replaced?(path: Path): string | undefined;
  /** For a misplaced top-level key: the section whose settings include it. */
  home?(key: string): string | undefined;
  /** The noun and the list of known values of a discriminator (`dist` → distribution). */
  discriminated?(discriminator: string): { noun: string; known: string } | undefined;
  /** Phrases and advice for a union of these kinds of value (`string`, `object`) when the generic ones say too little (brief advice). */
  alternatives?(expected: readonly string[]): { shown: string[]; hint: string } | undefined;
}

/** What the findings of one parse share: the data, the loader's wording, and the way back in for nested issues. */
export interface Context<C extends string> {
  readonly data: unknown;
  readonly wording: IssueWording<C>;
  /** Findings of an issue inside a union branch, its path relative to `base`. */
  readonly findingsOf: (issue: Issue, base: Path) => Finding<C>[];
}

/** A path as the user reads it; `[]` is the whole document. */
export function label(context: Context<string>, path: Path): string {
  return formatPath(path, context.wording.root);
}

/** A value as the user wrote it. */
export function describe(context: Context<string>, value: unknown): string {
  return describeValue(value, context.wording.map);
}

/** The bounds the loader knows for the number at `path`; none without schema knowledge. */
export function boundsAt(context: Context<string>, path: Path): NumberBounds {
  return context.wording.numberBounds?.(context.data, path) ?? {};
}

/** `x is missing`, with an example of the setting to add. */
export function missingFinding<C extends string>(path: Path, context: Context<C>): Finding<C> {
  const { wording } = context;
  const key = String(path[path.length - 1] ?? '');
  const parentPath = path.slice(0, -1);
  const where = parentPath.length === 0 ? 'at the top level' : `to ${label(context, parentPath)}`;
  const hint = wording.missingHint?.(context.data, path) ?? `add ${where}: ${wording.examples[pathPattern(path)] ?? `${key}: …`}`;
  return { code: wording.codes.missing, path, anchor: 'parent', message: `${label(context, path)} is missing`, hint };
}

/** `a number`, `text`, `a list`…: the kind of value expected, in words. */
export function phraseOf(expected: string, path: Path, context: Context<string>): string {
  const special = context.wording.phrase?.(expected, context.data, path);
  if (special !== undefined) return special;
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'object':
      return `${context.wording.map} (key: value lines)`;
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

/** `between 0 and 1`, `more than 0`, `0 or more`…; undefined without bounds. */
export function rangeRule(bounds: NumberBounds, exclusiveMin = false): string | undefined {
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined && !exclusiveMin) return `between ${formatNumber(min)} and ${formatNumber(max)}`;
  if (min !== undefined && exclusiveMin) return `more than ${formatNumber(min)}`;
  if (min !== undefined) return `${formatNumber(min)} or more`;
  if (max !== undefined) return `${formatNumber(max)} or less`;
  return undefined;
}

/** `20 seconds` → `20s`, `1,5 hours` → `1.5h` (and `2 days` → `2d` where days are allowed). */
export function suggestDuration(raw: string, options: { days: boolean }): string | undefined {
  const units = options.days ? 'seconds?|secs?|minutes?|mins?|hours?|hrs?|hr|days?' : 'seconds?|secs?|minutes?|mins?|hours?|hrs?';
  const match = new RegExp(`^\\s*(\\d+(?:[.,]\\d+)?)\\s*(${units})\\s*$`, 'i').exec(raw);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const short = unit.startsWith('s') ? 's' : unit.startsWith('m') ? 'min' : unit.startsWith('h') ? 'h' : 'd';
  return `${match[1]!.replace(',', '.')}${short}`;
}

/** `pre sale!` → `pre-sale`: the id the user probably meant, if it differs from what they wrote. */
export function suggestId(raw: string): string | undefined {
  const cleaned = raw
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .replace(/^[-_]+/, '');
  return cleaned !== '' && cleaned !== raw ? cleaned : undefined;
}
