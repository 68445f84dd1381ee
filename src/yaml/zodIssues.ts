/**
 * zod issues → findings, in the words every loader of callfloor shares (scenarios, call
 * scripts, answers files): one error map, as Astro has one.
 *
 * A loader passes an {@link IssueWording}: the codes of its catalogue, the name of its
 * document, examples by path, and what it knows about its schema (allowed keys, number
 * ranges, formats…). What it leaves out gives plainer advice, never other facts:
 * - `detailed` advice (scenarios) shows an example or the whole allowed range in every hint,
 *   turns 70 into 0.7, a decimal comma into a point, and says when a number is infinite;
 * - `brief` advice (call scripts) keeps to the rule that was broken.
 * Answers files, a list of a few ids, use the short form ({@link terseFinding}): zod's own
 * message after the path.
 */
import type { Finding } from './locator.ts';
import { describeValue, formatNumber, formatPath, hasValueAt, listWords, pathPattern, valueAt, type Path } from './values.ts';
import { unionFindings } from './zodUnions.ts';
import {
  boundsAt,
  describe,
  label,
  missingFinding,
  phraseOf,
  rangeRule,
  type Context,
  type FormatIssue,
  type Issue,
  type IssueWording,
  type SchemaCodes,
} from './zodWording.ts';

export { SCHEMA_CODES, suggestDuration, suggestId } from './zodWording.ts';
export type { FormatAdvice, FormatIssue, Issue, IssueWording, NumberBounds, SchemaCodes } from './zodWording.ts';

/** Findings for the issues of a failed parse of `data`, in the loader's wording. */
export function zodIssueFindings<C extends string>(issues: readonly Issue[], data: unknown, wording: IssueWording<C>): Finding<C>[] {
  const context: Context<C> = { data, wording, findingsOf: (issue, base) => findingsOf(issue, base, context) };
  return issues.flatMap((issue) => findingsOf(issue, [], context));
}

function issuePath(base: Path, issue: { path: PropertyKey[] }): Path {
  return [...base, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
}

function findingsOf<C extends string>(issue: Issue, base: Path, context: Context<C>): Finding<C>[] {
  const path = issuePath(base, issue);
  const raw = valueAt(context.data, path);
  const { codes } = context.wording;
  switch (issue.code) {
    case 'invalid_type':
      return [typeFinding(issue, path, raw, context)];
    case 'too_small':
    case 'too_big':
      // z.int() adds a safe-integer maximum; a whole number with its own maximum reports only that one.
      if (issue.code === 'too_big' && Number(issue.maximum) >= Number.MAX_SAFE_INTEGER && boundsAt(context, path).max !== undefined) return [];
      return [rangeFinding(issue, path, raw, context)];
    case 'not_multiple_of':
      return [
        {
          code: codes.range,
          path,
          message: `${label(context, path)} is ${describe(context, raw)}, not a multiple of ${String(issue.divisor)}`,
          hint: `use a multiple of ${String(issue.divisor)}`,
        },
      ];
    case 'invalid_format':
      return [formatFinding(issue, path, raw, context)];
    case 'invalid_value':
      return [enumFinding(issue.values, path, raw, context)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKeyFinding(path, key, context));
    case 'invalid_union':
      return unionFindings(issue, path, raw, context);
    default:
      return [{ code: codes.type, path, message: `${label(context, path)} is ${describe(context, raw)}: ${issue.message}` }];
  }
}

const LIST_HINT = 'write a list, one item per line starting with "- " (or [a, b] on one line)';

function notFiniteFinding<C extends string>(path: Path, raw: number, context: Context<C>): Finding<C> {
  const { codes } = context.wording;
  const name = label(context, path);
  if (context.wording.advice === 'brief') {
    return { code: Number.isNaN(raw) ? codes.type : codes.range, path, message: `${name} is ${formatNumber(raw)}, not a finite number`, hint: 'write a finite number' };
  }
  if (Number.isNaN(raw)) return { code: codes.type, path, message: `${name} is .nan (not a number)`, hint: 'write a number' };
  const bounds = rangeRule(boundsAt(context, path));
  return { code: codes.range, path, message: `${name} is ${formatNumber(raw)} (infinite)`, hint: `use a finite number${bounds ? `, ${bounds}` : ''}` };
}

function typeFinding<C extends string>(issue: Extract<Issue, { code: 'invalid_type' }>, path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const { wording } = context;
  const { codes } = wording;
  const detailed = wording.advice === 'detailed';
  const name = label(context, path);
  if (!hasValueAt(context.data, path)) return missingFinding(path, context);
  if (typeof raw === 'number' && !Number.isFinite(raw)) return notFiniteFinding(path, raw, context);
  const expected = String(issue.expected);
  const phrase = phraseOf(expected, path, context);
  const example = wording.examples[pathPattern(path)];
  if (raw === null) {
    return { code: codes.type, path, message: `${name} is empty`, hint: example ? `write ${example}` : `give it a value: ${phrase}` };
  }
  if (expected === 'int' && typeof raw === 'number') {
    return { code: codes.type, path, message: `${name} is ${formatNumber(raw)}, not a whole number`, hint: `use a whole number such as ${Math.max(0, Math.round(raw))}` };
  }
  const mapHint = expected === 'object' && typeof raw === 'number' ? wording.numberInsteadOfMap?.(context.data, path, raw) : undefined;
  let hint = `write ${phrase}`;
  if ((expected === 'number' || expected === 'int') && typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed !== '' && Number.isFinite(Number(trimmed))) hint = `write the number without quotes: ${trimmed}`;
    else if (detailed && /^-?\d+,\d+$/.test(trimmed)) hint = `use a decimal point, not a comma: ${trimmed.replace(',', '.')}`;
    else {
      const seconds = wording.secondsOf?.(trimmed);
      if (seconds !== undefined) hint = `write the number of seconds: ${formatNumber(seconds)}`;
    }
  } else if (mapHint !== undefined) {
    hint = mapHint;
  } else if (expected === 'array') {
    hint = detailed && example !== undefined ? `write ${example}` : LIST_HINT;
  } else if (expected === 'object' && detailed) {
    hint = example !== undefined ? `write ${example}` : `write ${phrase}, each setting indented on its own line under the key`;
  }
  return { code: codes.type, path, message: `${name} is ${describe(context, raw)}, but it must be ${phrase}`, hint };
}

/** `0 or more` → `a value of 0 or more`; `between 0 and 1` → `a value between 0 and 1`. */
function aValue(rule: string): string {
  return /^(between|more than|less than)/.test(rule) ? `a value ${rule}` : `a value of ${rule}`;
}

function isPercent(raw: number): boolean {
  return raw > 1 && raw <= 100;
}

function rangeFinding<C extends string>(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const { wording } = context;
  const code = wording.codes.range;
  const detailed = wording.advice === 'detailed';
  const name = label(context, path);
  const last = String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    const noun = wording.itemNouns?.[last] ?? 'item';
    if (issue.code === 'too_small') {
      return { code, path, message: `${name} is ${describe(context, raw)}, but it needs at least ${limit} ${limit === 1 ? 'item' : 'items'}`, hint: `add at least one ${noun}` };
    }
    return { code, path, message: `${name} has ${Array.isArray(raw) ? raw.length : '?'} items, more than the ${limit} allowed`, hint: `keep at most ${limit} items` };
  }
  if (issue.origin === 'string') {
    if (issue.code === 'too_small' && typeof raw === 'string' && raw.length === 0) {
      const example = wording.examples[pathPattern(path)];
      const hint = !detailed ? 'write some text, or remove the setting' : example ? `write ${example}` : 'write some text';
      return { code, path, message: `${name} is empty text`, hint };
    }
    const short = issue.code === 'too_small';
    return { code, path, message: `${name} is ${short ? 'too short' : 'too long'} (${short ? 'at least' : 'at most'} ${limit} characters)`, hint: 'change its length' };
  }
  // Numbers: say the whole allowed range when the schema has one.
  const bounds = boundsAt(context, path);
  const exclusiveMin = issue.code === 'too_small' && !issue.inclusive;
  let rule: string;
  if (issue.code === 'too_small' && !issue.inclusive && bounds.isInt) rule = `${formatNumber(Math.floor(limit) + 1)} or more`;
  else if (issue.code === 'too_small') rule = issue.inclusive ? `${formatNumber(limit)} or more` : `more than ${formatNumber(limit)}`;
  else rule = issue.inclusive ? `${formatNumber(limit)} or less` : `less than ${formatNumber(limit)}`;
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.max <= 1_000 && !exclusiveMin) {
    rule = `between ${formatNumber(bounds.min)} and ${formatNumber(bounds.max)}`;
  }
  let hint = detailed ? `use ${aValue(rule)}` : `use a value of ${rule}`;
  const percent = typeof raw === 'number' ? `write it as a fraction of 1: ${formatNumber(raw)}% is ${formatNumber(raw / 100)}` : undefined;
  if (typeof raw === 'number' && detailed) {
    if (bounds.min === 0 && bounds.max === 1 && Number.isInteger(raw) && isPercent(raw)) hint = percent!;
    else if (raw < 0 && issue.code === 'too_small') hint = `use ${aValue(rule)}; a negative value has no meaning here`;
  } else if (typeof raw === 'number' && issue.code === 'too_big' && limit === 1 && isPercent(raw)) {
    hint = percent!;
  }
  return { code, path, message: `${name} is ${describe(context, raw)}, but it must be ${rule}`, hint };
}

function formatFinding<C extends string>(issue: FormatIssue, path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const described = issue.message.startsWith('Invalid') ? `in the expected format (${issue.format})` : issue.message;
  const { advice, suggestion } = context.wording.formatAdvice(issue, raw, described);
  return {
    code: context.wording.codes.format,
    path,
    message: `${label(context, path)} is ${describe(context, raw)}, not ${described}`,
    hint: suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}? (${advice})` : advice,
  };
}

function enumFinding<C extends string>(values: readonly unknown[], path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const words = values.map((value) => String(value));
  const suggestion = typeof raw === 'string' ? context.wording.suggest(raw, words) : undefined;
  return {
    code: context.wording.codes.enum,
    path,
    message: `${label(context, path)} is ${describe(context, raw)}, not ${words.length === 1 ? words[0] : `one of ${listWords(words)}`}`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (allowed: ${words.join(', ')})` : `use ${listWords(words)}`,
  };
}

function unknownKeyFinding<C extends string>(path: Path, key: string, context: Context<C>): Finding<C> {
  const { wording } = context;
  const code = wording.codes.unknownKey;
  const replaced = wording.replaced?.([...path, key]);
  if (replaced !== undefined) {
    return { code, path: [...path, key], anchor: 'key', message: `${key} is no longer a setting in ${label(context, path)}`, hint: replaced };
  }
  const allowed = wording.allowedKeys(context.data, path);
  const suggestion = wording.suggest(key, allowed);
  const where = path.length === 0 ? 'at the top level' : `in ${label(context, path)}`;
  let hint: string;
  if (suggestion !== undefined) hint = `did you mean ${suggestion}? (settings ${where}: ${allowed.join(', ')})`;
  else {
    const home = path.length === 0 ? wording.home?.(key) : undefined;
    hint = home ? `${key} belongs under ${home}: move it there` : `remove it, or use one of the settings ${where}: ${allowed.join(', ')}`;
  }
  return { code, path: [...path, key], anchor: 'key', message: `${key} is not a setting ${where}`, hint };
}

// ---------------------------------------------------------------------------------------
// The short form: zod's own message after the path (answers files)
// ---------------------------------------------------------------------------------------

/** What the short form says in the loader's words. */
export interface TerseWording<C extends string> {
  readonly codes: SchemaCodes<C>;
  /** The whole document, in messages about its root. */
  readonly root: string;
  /** A map with settings, as values are described: `a map`. */
  readonly map: string;
  /** Why a key is unknown, after `unknown key pause`: `a choice has only option and thinking`. */
  readonly unknownKeyNote: string;
  /** What would fit, after `42 is not`: `a choice: write an option id, or …`. */
  readonly unionNote: string;
}

/** One issue in the short form, `[1].thinking: <zod's message> (got "soon")`, at the issue's path. */
export function terseFinding<C extends string>(issue: Issue, value: unknown, wording: TerseWording<C>): Finding<C> {
  const path = issue.path as Path;
  const where = path.length > 0 ? `${formatPath(path, wording.root)}: ` : '';
  const shown = describeValue(value, wording.map);
  let message: string;
  if (issue.code === 'unrecognized_keys') message = `${where}unknown key ${issue.keys.join(', ')} (${wording.unknownKeyNote})`;
  else if (issue.code === 'invalid_union') message = `${where}${shown} is not ${wording.unionNote}`;
  else message = `${where}${issue.message} (got ${shown})`;
  return { code: terseCode(issue, wording.codes), path, anchor: issue.code === 'invalid_key' ? 'key' : 'value', message };
}

function terseCode<C extends string>(issue: Issue, codes: SchemaCodes<C>): C {
  switch (issue.code) {
    case 'unrecognized_keys':
      return codes.unknownKey;
    case 'invalid_format':
      return codes.format;
    case 'too_small':
    case 'too_big':
      return codes.range;
    default:
      return codes.type;
  }
}

/**
 * A failed union says only "no branch matched". When one branch got further into the
 * value (a list whose item is wrong), that branch's issue, at its deeper path.
 */
export function deepestBranchIssue(issue: Issue): Issue {
  let current = issue;
  for (let depth = 0; depth < 8 && current.code === 'invalid_union' && current.errors.length > 0; depth++) {
    const branches = current.errors.map((branch) => ({ branch, depth: Math.max(0, ...branch.map((i) => i.path.length)) }));
    const best = branches.reduce((a, b) => (b.depth > a.depth ? b : a));
    if (best.depth === 0) break;
    const inner = best.branch.find((i) => i.path.length === best.depth)!;
    current = { ...inner, path: [...current.path, ...inner.path] } as Issue;
  }
  return current;
}
