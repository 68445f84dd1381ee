/**
 * zod issues → findings with a code, the path of the setting and advice, for call scripts.
 *
 * The wording is the one every loader shares (src/yaml/zodIssues.ts); this module gives it
 * the words of scripts: examples by path, the formats (durations, ids, choice references,
 * tags), the keys allowed at a path, and "did you mean" that also catches swapped letters.
 */
import {
  closest,
  defOf,
  describeValue as describeAnyValue,
  formatNumber,
  formatPath,
  isPlainObject,
  listWords,
  SCHEMA_CODES,
  suggestDuration,
  suggestId,
  unwrapSchema as unwrap,
  valueAt,
  zodIssueFindings,
  type FormatAdvice,
  type Issue,
  type IssueWording,
} from '../yaml/index.ts';
import type { ScriptErrorCode } from './errors.ts';
import { callScriptSchema } from './schema.ts';
import type { Finding, Path } from './yamlSource.ts';

export { formatNumber, isPlainObject, listWords, valueAt };

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
// Issues: the shared wording (src/yaml/zodIssues.ts) in the words of call scripts
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

function formatAdvice(described: string, raw: unknown): FormatAdvice {
  if (/duration/.test(described)) {
    const suggestion = typeof raw === 'string' ? suggestDuration(raw, { days: false }) : undefined;
    return suggestion !== undefined
      ? { suggestion, advice: 'write seconds, or a number with s, min or h' }
      : { advice: 'write a number of seconds, or a number with a unit s, min or h, such as 45s or 2min' };
  }
  if (/choice reference/.test(described)) return { advice: 'write the id of an option, or node.option' };
  if (/\bid\b/.test(described) && typeof raw === 'string') {
    const suggestion = suggestId(raw);
    return suggestion !== undefined ? { suggestion, advice: 'letters, digits, - and _ only' } : { advice: 'use letters, digits, - and _ only, starting with a letter or digit' };
  }
  if (/tag/.test(described)) return { advice: 'write the tag in lower case, words joined by -' };
  return { advice: `write ${described}` };
}

/** Call scripts get brief advice; of a union, the branch for the kind of value written is reported. */
const SCRIPT_WORDING: IssueWording<ScriptErrorCode> = {
  codes: SCHEMA_CODES,
  advice: 'brief',
  unionMismatch: 'kind',
  root: 'the script',
  map: 'a map',
  examples: EXAMPLES,
  suggest,
  allowedKeys: (_data, path) => allowedKeysAt(path),
  formatAdvice: (_issue, raw, described) => formatAdvice(described, raw),
  alternatives: (expected) =>
    expected.includes('string') && expected.includes('object')
      ? { shown: ['text', 'a map with it: and en:'], hint: 'write the text (in quotes if it contains ": " or starts with {), or { it: "…", en: "…" }' }
      : undefined,
};

/** Findings for every issue of a failed parse. */
export function issueFindings(issues: readonly Issue[], data: unknown): Finding[] {
  return zodIssueFindings(issues, data, SCRIPT_WORDING);
}
