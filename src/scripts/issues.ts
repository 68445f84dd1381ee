/**
 * zod issues → findings with a code, the path of the setting and advice.
 *
 * A leaner sibling of the scenario loader's mapping: missing settings, wrong kinds of value,
 * ranges, formats, allowed words (with a "did you mean"), unknown keys (with the settings
 * allowed there) and unions (text or { it, en }, a word or a custom rubric…), where the
 * branch matching the kind of value written is the one reported.
 */
import type { z } from 'zod';
import {
  closest,
  defOf,
  describeValue as describeAnyValue,
  formatNumber,
  formatPath,
  hasValueAt,
  isPlainObject,
  listWords,
  pathPattern,
  unwrapSchema as unwrap,
  valueAt,
} from '../yaml/index.ts';
import { callScriptSchema } from './schema.ts';
import type { Finding, Path } from './yamlSource.ts';

export { formatNumber, isPlainObject, listWords, valueAt };

type Issue = z.core.$ZodIssue;

/**
 * The candidate the user probably meant: the scenario loader's edit-distance match, or
 * else one with the same letters in another order (`nmae` → `name`).
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const found = closest(input, candidates);
  if (found !== undefined) return found;
  const letters = (word: string): string => [...word.toLowerCase()].sort().join('');
  return candidates.find((candidate) => candidate !== input && letters(candidate) === letters(input));
}

/** `['nodes', 0, 'options', 1, 'goto']` → `nodes[0].options[1].goto`. */
export function formatScriptPath(path: readonly (string | number)[]): string {
  return formatPath(path, 'the script');
}

/** A value as the user would recognise it from their file. */
export function describeValue(value: unknown): string {
  return describeAnyValue(value, 'a map');
}

// ---------------------------------------------------------------------------------------
// Schema introspection: the keys allowed at a path
// ---------------------------------------------------------------------------------------

function expand(schema: unknown): unknown[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  return def?.type === 'union' && def.options ? def.options.flatMap(expand) : [inner];
}

function schemasAt(path: Path): unknown[] {
  let current: unknown[] = [callScriptSchema];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const schema of current.flatMap(expand)) {
      const def = defOf(schema);
      if (def?.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(def.shape[segment]);
      if (def?.type === 'array' && typeof segment === 'number' && def.element) next.push(def.element);
      if (def?.type === 'record' && typeof segment === 'string' && def.valueType) next.push(def.valueType);
    }
    current = next;
  }
  return current;
}

export function allowedKeysAt(path: Path): string[] {
  const keys = schemasAt(path)
    .flatMap(expand)
    .map(defOf)
    .flatMap((def) => (def?.type === 'object' && def.shape ? Object.keys(def.shape) : []));
  return [...new Set(keys)];
}

// ---------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------

const EXAMPLES: Record<string, string> = {
  id: 'id: order-status',
  title: 'title: { it: "Stato dell\'ordine", en: "Order status" }',
  language: 'language: [it, en]',
  rubric: 'rubric: LATTE (or LEARN, HEARD, or a custom rubric)',
  caller: 'caller: { problem: order-status, patience: 3min, mood: 0.6 }',
  start: 'start: greeting (the id of the first node)',
  nodes: 'nodes: a list of nodes, each - { id: greeting, lines: [...], options: [...] }',
  'caller.problem': 'problem: order-status',
  'caller.patience': 'patience: 3min',
  'nodes[].id': 'id: greeting',
  'nodes[].options[].id': 'id: listen',
  'nodes[].options[].text': 'text: { it: "…", en: "…" }',
  'nodes[].options[].goto': 'goto: with the id of the next node',
  'nodes[].fallback.goto': 'goto: with the id of the next node',
  'nodes[].timeout.goto': 'goto: with the id of the next node',
  'nodes[].timeout.after': 'after: 30s',
};

function phrase(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'object':
      return 'a map (key: value lines)';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

/** Findings for every issue of a failed parse. */
export function issueFindings(issues: readonly Issue[], data: unknown): Finding[] {
  return issues.flatMap((issue) => findingsOf(issue, [], data));
}

function findingsOf(issue: Issue, base: Path, data: unknown): Finding[] {
  const path: Path = [...base, ...issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s))];
  const raw = valueAt(data, path);
  const label = formatScriptPath(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (!hasValueAt(data, path)) return [missing(path)];
      if (raw === null) {
        const example = EXAMPLES[pathPattern(path)];
        return [{ code: 'SCHEMA_TYPE', path, message: `${label} is empty`, hint: example ? `write ${example}` : `give it a value: ${phrase(String(issue.expected))}` }];
      }
      if (typeof raw === 'number' && !Number.isFinite(raw)) {
        return [{ code: Number.isNaN(raw) ? 'SCHEMA_TYPE' : 'SCHEMA_RANGE', path, message: `${label} is ${formatNumber(raw)}, not a finite number`, hint: 'write a finite number' }];
      }
      let hint = `write ${phrase(String(issue.expected))}`;
      if (issue.expected === 'number' && typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) hint = `write the number without quotes: ${raw.trim()}`;
      if (issue.expected === 'array') hint = 'write a list, one item per line starting with "- " (or [a, b] on one line)';
      return [{ code: 'SCHEMA_TYPE', path, message: `${label} is ${describeValue(raw)}, but it must be ${phrase(String(issue.expected))}`, hint }];
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'array') {
        return [
          issue.code === 'too_small'
            ? { code: 'SCHEMA_RANGE', path, message: `${label} is ${describeValue(raw)}, but it needs at least ${limit} ${limit === 1 ? 'item' : 'items'}`, hint: 'add at least one item' }
            : { code: 'SCHEMA_RANGE', path, message: `${label} has more than the ${limit} items allowed`, hint: `keep at most ${limit} items` },
        ];
      }
      if (issue.origin === 'string') {
        return [{ code: 'SCHEMA_RANGE', path, message: `${label} is empty text`, hint: 'write some text, or remove the setting' }];
      }
      const rule = issue.code === 'too_small' ? (issue.inclusive ? `${formatNumber(limit)} or more` : `more than ${formatNumber(limit)}`) : issue.inclusive ? `${formatNumber(limit)} or less` : `less than ${formatNumber(limit)}`;
      let hint = `use a value of ${rule}`;
      if (typeof raw === 'number' && issue.code === 'too_big' && limit === 1 && raw > 1 && raw <= 100) hint = `write it as a fraction of 1: ${formatNumber(raw)}% is ${formatNumber(raw / 100)}`;
      return [{ code: 'SCHEMA_RANGE', path, message: `${label} is ${describeValue(raw)}, but it must be ${rule}`, hint }];
    }
    case 'invalid_format': {
      const described = issue.message.startsWith('Invalid') ? `in the expected format (${issue.format})` : issue.message;
      return [{ code: 'SCHEMA_FORMAT', path, message: `${label} is ${describeValue(raw)}, not ${described}`, hint: formatHint(described, raw) }];
    }
    case 'invalid_value': {
      const words = issue.values.map(String);
      const suggestion = typeof raw === 'string' ? suggest(raw, words) : undefined;
      return [
        {
          code: 'SCHEMA_ENUM',
          path,
          message: `${label} is ${describeValue(raw)}, not ${words.length === 1 ? words[0] : `one of ${listWords(words)}`}`,
          hint: suggestion !== undefined ? `did you mean ${suggestion}? (allowed: ${words.join(', ')})` : `use ${listWords(words)}`,
        },
      ];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = allowedKeysAt(path);
        const suggestion = suggest(key, allowed);
        const where = path.length === 0 ? 'at the top level' : `in ${label}`;
        return {
          code: 'SCHEMA_UNKNOWN_KEY' as const,
          path: [...path, key],
          anchor: 'key' as const,
          message: `${key} is not a setting ${where}`,
          hint: suggestion !== undefined ? `did you mean ${suggestion}? (settings ${where}: ${allowed.join(', ')})` : `remove it, or use one of the settings ${where}: ${allowed.join(', ')}`,
        };
      });
    case 'invalid_union':
      return unionFindings(issue, path, raw, data);
    default:
      return [{ code: 'SCHEMA_TYPE', path, message: `${label} is ${describeValue(raw)}: ${issue.message}` }];
  }
}

function formatHint(described: string, raw: unknown): string {
  if (/duration/.test(described)) {
    const match = typeof raw === 'string' ? /^\s*(\d+(?:[.,]\d+)?)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?)\s*$/i.exec(raw) : null;
    if (match) {
      const unitWord = match[2]!.toLowerCase();
      const short = unitWord.startsWith('s') ? 's' : unitWord.startsWith('m') ? 'min' : 'h';
      return `did you mean "${match[1]!.replace(',', '.')}${short}"? (write seconds, or a number with s, min or h)`;
    }
    return 'write a number of seconds, or a number with a unit s, min or h, such as 45s or 2min';
  }
  if (/choice reference/.test(described)) return 'write the id of an option, or node.option';
  if (/\bid\b/.test(described) && typeof raw === 'string') {
    const cleaned = raw.trim().replace(/\s+/g, '-').replace(/[^A-Za-z0-9_-]/g, '').replace(/^[-_]+/, '');
    return cleaned !== '' && cleaned !== raw ? `did you mean ${JSON.stringify(cleaned)}? (letters, digits, - and _ only)` : 'use letters, digits, - and _ only, starting with a letter or digit';
  }
  if (/tag/.test(described)) return 'write the tag in lower case, words joined by -';
  return `write ${described}`;
}

function missing(path: Path): Finding {
  const key = String(path[path.length - 1] ?? '');
  const parent = path.slice(0, -1);
  const where = parent.length === 0 ? 'at the top level' : `to ${formatScriptPath(parent)}`;
  return {
    code: 'SCHEMA_MISSING',
    path,
    anchor: 'parent',
    message: `${formatScriptPath(path)} is missing`,
    hint: `add ${where}: ${EXAMPLES[pathPattern(path)] ?? `${key}: …`}`,
  };
}

function unionFindings(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, raw: unknown, data: unknown): Finding[] {
  if (!hasValueAt(data, path)) return [missing(path)];
  const branches = issue.errors;
  // A branch that rejects the kind of value at the root is not the one the author meant.
  const rootMismatch = (branch: readonly Issue[]): boolean => branch.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  const candidates = branches.filter((branch) => !rootMismatch(branch));
  if (candidates.length > 0) {
    const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
    return best.flatMap((inner) => findingsOf(inner, path, data));
  }
  const expected = [...new Set(branches.flatMap((branch) => branch.filter((i) => i.code === 'invalid_type').map((i) => String((i as { expected: unknown }).expected))))];
  const label = formatScriptPath(path);
  const isText = expected.includes('string') && expected.includes('object');
  const shown = isText ? ['text', 'a map with it: and en:'] : expected.map(phrase);
  const hint = isText ? 'write the text (in quotes if it contains ": " or starts with {), or { it: "…", en: "…" }' : `write ${listWords(shown)}`;
  if (raw === null) return [{ code: 'SCHEMA_TYPE', path, message: `${label} is empty`, hint }];
  return [{ code: 'SCHEMA_TYPE', path, message: `${label} is ${describeValue(raw)}, but it must be ${listWords(shown)}`, hint }];
}
