/**
 * Words for diagnostics: setting paths, values as the user wrote them, lists of words and
 * "did you mean" suggestions. Shared by every loader so that all files are described alike.
 */

/** A setting's path inside a document: keys and list indices. */
export type Path = (string | number)[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** `['callerTypes', 0, 'share']` → `callerTypes[0].share`; `[]` → `root` (e.g. "the scenario"). */
export function formatPath(path: readonly (string | number)[], root: string): string {
  if (path.length === 0) return root;
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** `['nodes', 0, 'id']` → `nodes[].id`: the path with list indices left out, to look up examples. */
export function pathPattern(path: Path): string {
  return path.map((segment, i) => (typeof segment === 'number' ? '[]' : i === 0 ? segment : `.${segment}`)).join('');
}

/** A number as YAML would show it (`.nan`, `.inf`), with at most 6 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** A value as the user would recognise it from their file; `map` names a non-empty map. */
export function describeValue(value: unknown, map = 'a map of settings'): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (value instanceof Uint8Array) return 'binary data';
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? 'an empty map' : map;
  return String(value);
}

/** `['a', 'b', 'c']` → `a, b or c`. */
export function listWords(words: readonly string[], joiner = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Whether `path` exists in the data (even with a null value). */
export function hasValueAt(data: unknown, path: Path): boolean {
  if (path.length === 0) return true;
  const parent = valueAt(data, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) return typeof last === 'number' && last < parent.length;
  return isPlainObject(parent) && Object.hasOwn(parent, last);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `input` by edit distance (case-insensitive), if close enough
 * to be a likely typo; a candidate that starts with a 3+ letter input also matches.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = levenshtein(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(input.length, best.length) / 3))) return best;
  if (needle.length >= 3) return candidates.find((candidate) => candidate.toLowerCase().startsWith(needle));
  return undefined;
}
