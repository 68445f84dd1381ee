/**
 * YAML → typed scenario, with every problem reported at once and at its position.
 *
 * Stages, each collecting diagnostics instead of throwing:
 * 1. text → YAML document (syntax, duplicate keys, alias limits);
 * 2. document → plain data → zod schema (types, ranges, formats, unknown keys);
 * 3. semantic checks that the schema cannot express (shares sum to 1, references,
 *    opening hours, distribution parameters…). They run on every part of the file that
 *    is well formed, so one typo does not hide the other problems.
 * Every finding carries the path of the setting; positions come from the YAML nodes.
 */
import { realismFindings } from './realismChecks.ts';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { checkDistribution } from '../dists/sample.ts';
import { distributionSchema } from '../dists/schema.ts';
import {
  closest,
  dedupeDiagnostics as dedupe,
  defOf,
  describeValue,
  errorText,
  formatNumber,
  hasValueAt,
  isPlainObject,
  listWords,
  locatorFor,
  makeFileDiagnostic,
  parseYamlText,
  pathPattern,
  readTextFile,
  stripBom,
  unwrapSchema as unwrap,
  valueAt,
  type Anchor,
  type Finding as YamlFinding,
  type Locator,
  type Path,
  type SchemaDef,
} from '../yaml/index.ts';
import { compareDiagnostics, errorCatalogue, isErrorCode, type Diagnostic, type ErrorCode } from './errors.ts';
import { attachScripts } from './scripts.ts';
import { attachArrivalsCsv } from './arrivalsCsv.ts';
import type { LoadResult } from './loadResult.ts';
import { formatPath } from './words.ts';
import {
  agentsSchema,
  callerTypeSchema,
  durationSchema,
  openingWindowSchema,
  problemTypeSchema,
  runSchema,
  scenarioSchema,
  timeOfDaySchema,
  type ScenarioConfig,
} from './schema.ts';

export type { LoadResult };

/** Aliases may expand to at most this many nodes (protects against "billion laughs" files). */
export const MAX_ALIAS_COUNT = 100;
/** Arrival rates above this are reported as SCHEMA_RANGE: almost surely a unit mistake. */
export const MAX_CALLS_PER_HOUR = 1_000_000;
/** Files larger than this are not read (a scenario is a few kilobytes). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Lists and maps may nest at most this deep (a scenario needs about 6). */
export const MAX_DEPTH = 64;
/** Tolerance on the sum of caller type shares. */
export const SHARES_TOLERANCE = 1e-6;

type Finding = YamlFinding<ErrorCode>;

export { closest };

// ---------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------

/**
 * Parses and validates scenario text. Pure: no I/O, never throws; `file` is only used
 * to label diagnostics. A leading byte-order mark is ignored.
 */
export function parseScenario(text: string, file: string): LoadResult {
  try {
    return parseScenarioText(text, file);
  } catch (error) {
    return { ok: false, errors: [crashDiagnostic(file, error)], warnings: [] };
  }
}

/**
 * Reads a scenario file and validates it. Problems with the file itself (missing,
 * unreadable, not UTF-8) are diagnostics too; the promise never rejects for bad input.
 */
export async function loadScenarioFile(path: string): Promise<LoadResult> {
  try {
    const read = await readScenarioText(path);
    if ('error' in read) return { ok: false, errors: [read.error], warnings: [] };
    return await attachArrivalsCsv(await attachScripts(parseScenario(read.text, path)));
  } catch (error) {
    return { ok: false, errors: [crashDiagnostic(path, error)], warnings: [] };
  }
}

// ---------------------------------------------------------------------------------------
// Reading and parsing (src/yaml does the YAML; this module the scenario)
// ---------------------------------------------------------------------------------------

function fileDiagnostic(code: ErrorCode, file: string, message: string, hint?: string): Diagnostic {
  return makeFileDiagnostic(errorCatalogue, code, file, message, hint);
}

function readScenarioText(path: string): Promise<{ text: string } | { error: Diagnostic }> {
  return readTextFile(path, { noun: 'scenario', maxBytes: MAX_FILE_BYTES, catalogue: errorCatalogue });
}

function parseScenarioText(rawText: string, file: string): LoadResult {
  const yaml = parseYamlText(rawText, file, { noun: 'scenario', catalogue: errorCatalogue, maxAliasCount: MAX_ALIAS_COUNT, maxDepth: MAX_DEPTH });
  if (!yaml.ok) return failure(yaml.errors, yaml.warnings);
  const { data, locator, warnings } = yaml;

  if (!isPlainObject(data)) {
    return failure(
      [
        locator.diagnostic({
          code: 'SCHEMA_TYPE',
          path: [],
          message: `the file holds ${describeValue(data)}, not a scenario`,
          hint: 'write a map of settings starting with name:, arrivals:, callerTypes:, problemTypes: and agents:',
        }),
      ],
      warnings,
    );
  }

  const findings: Finding[] = [];
  const parsed = scenarioSchema.safeParse(data);
  const context: IssueContext = { data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) findings.push(...issueFindings(issue, [], context));
  }
  findings.push(...semanticFindings(data, (path) => locator.position(path, 'value').line));

  const diagnostics = dedupe(findings.map((finding) => locator.diagnostic(finding)));
  const errors = diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
  warnings.push(...diagnostics.filter((d) => d.severity === 'warning'));
  warnings.sort(compareDiagnostics);
  if (errors.length > 0 || !parsed.success) return failure(errors, warnings);
  if (parsed.data.plans !== undefined && parsed.data.plans.length > 0) {
    // Plans are checked once the base is valid: each is the base with its overrides applied.
    const plans = resolvePlansWith(parsed.data, file, () => locator);
    warnings.push(...plans.warnings);
    warnings.sort(compareDiagnostics);
    if (!plans.ok) return failure(plans.errors, warnings);
  }
  return { ok: true, scenario: parsed.data, warnings, source: { file, text: stripBom(rawText) } };
}

function failure(errors: Diagnostic[], warnings: Diagnostic[]): LoadResult {
  return { ok: false, errors: [...errors].sort(compareDiagnostics), warnings: [...warnings].sort(compareDiagnostics) };
}

// ---------------------------------------------------------------------------------------
// Words: paths, values, suggestions
// ---------------------------------------------------------------------------------------

export { formatPath };

function crashDiagnostic(file: string, error: unknown): Diagnostic {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return fileDiagnostic('YAML_TOO_DEEP', file, 'the file is nested too deeply to be read', 'flatten the deeply nested lists or maps');
  }
  return fileDiagnostic('INTERNAL_ERROR', file, `the loader failed on this file (${errorText(error)})`, errorCatalogue.INTERNAL_ERROR.whatToDo);
}

// ---------------------------------------------------------------------------------------
// Schema introspection (for allowed keys, bounds and field kinds)
// ---------------------------------------------------------------------------------------

/** Union members that can apply to `raw` (for a discriminated union, the one its discriminator names). */
function expandUnion(schema: unknown, raw: unknown): unknown[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def?.type !== 'union' || !def.options) return [inner];
  let options = def.options;
  if (def.discriminator && isPlainObject(raw) && typeof raw[def.discriminator] === 'string') {
    const wanted = raw[def.discriminator];
    const matching = options.filter((option) => {
      const field = defOf(unwrap(option))?.shape?.[def.discriminator!];
      return defOf(field)?.values?.includes(wanted) ?? false;
    });
    if (matching.length > 0) options = matching;
  }
  return options.flatMap((option) => expandUnion(option, raw));
}

/** The field schemas (before union expansion) that apply at `path`. */
function fieldSchemasAt(data: unknown, path: Path): unknown[] {
  let current: unknown[] = [scenarioSchema];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const raw = valueAt(data, path.slice(0, i));
    const next: unknown[] = [];
    for (const schema of current.flatMap((s) => expandUnion(s, raw))) {
      const def = defOf(schema);
      if (def?.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(def.shape[segment]);
      if (def?.type === 'array' && typeof segment === 'number' && def.element) next.push(def.element);
    }
    current = next;
  }
  return current;
}

function objectSchemasAt(data: unknown, path: Path): Array<Record<string, unknown>> {
  const raw = valueAt(data, path);
  return fieldSchemasAt(data, path)
    .flatMap((schema) => expandUnion(schema, raw))
    .map((schema) => defOf(schema))
    .filter((def): def is SchemaDef & { shape: Record<string, unknown> } => def?.type === 'object' && def.shape !== undefined)
    .map((def) => def.shape);
}

function allowedKeysAt(data: unknown, path: Path): string[] {
  return [...new Set(objectSchemasAt(data, path).flatMap((shape) => Object.keys(shape)))];
}

/** Whether a distribution (`{ dist: … }`) is accepted at `path`. */
function acceptsDistribution(data: unknown, path: Path): boolean {
  return fieldSchemasAt(data, path).some((schema) =>
    expandUnion(schema, undefined).some((option) => defOf(option)?.type === 'object' && defOf(option)?.shape?.dist !== undefined),
  );
}

function isDurationField(data: unknown, path: Path): boolean {
  return fieldSchemasAt(data, path).some((schema) => unwrapDefaults(schema) === durationSchema);
}

function unwrapDefaults(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 8; i++) {
    const def = defOf(current);
    if (def && ['default', 'optional', 'nullable', 'prefault'].includes(def.type)) current = def.innerType;
    else return current;
  }
  return current;
}

function numberBoundsAt(data: unknown, path: Path): { min?: number; max?: number; isInt?: boolean } {
  for (const schema of fieldSchemasAt(data, path).flatMap((s) => expandUnion(s, undefined))) {
    if (defOf(schema)?.type !== 'number') continue;
    const { minValue, maxValue, isInt } = schema as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
    return {
      isInt: isInt === true,
      ...(typeof minValue === 'number' && Number.isFinite(minValue) ? { min: minValue } : {}),
      ...(typeof maxValue === 'number' && Number.isFinite(maxValue) && maxValue < Number.MAX_SAFE_INTEGER ? { max: maxValue } : {}),
    };
  }
  return {};
}

/** `exponential (mean), …, empirical (values, weights?)`, from the distribution schema itself. */
function distributionCatalogue(): Array<{ name: string; fields: string[] }> {
  return (defOf(distributionSchema)?.options ?? []).map((option) => {
    const shape = defOf(option)?.shape ?? {};
    const name = String(defOf(shape.dist)?.values?.[0] ?? '?');
    const fields = Object.entries(shape)
      .filter(([key]) => key !== 'dist')
      .map(([key, field]) => (defOf(field)?.type === 'optional' ? `${key}?` : key));
    return { name, fields };
  });
}

const DISTRIBUTION_EXAMPLES: Record<string, string> = {
  exponential: '{ dist: exponential, mean: 120 }',
  deterministic: '{ dist: deterministic, value: 60 }',
  uniform: '{ dist: uniform, min: 30, max: 90 }',
  lognormal: '{ dist: lognormal, mean: 240, cv: 0.5 }',
  gamma: '{ dist: gamma, mean: 240, cv: 0.5 }',
  weibull: '{ dist: weibull, shape: 0.8, scale: 120 }',
  empirical: '{ dist: empirical, values: [60, 120, 300], weights: [1, 2, 1] }',
};

function distributionList(): string {
  return distributionCatalogue()
    .map(({ name, fields }) => `${name} (${fields.join(', ')})`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------
// zod issues → findings
// ---------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

interface IssueContext {
  data: unknown;
}

/** Example text for required settings, keyed by path with list indices as `[]`. */
const EXAMPLES: Record<string, string> = {
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

const ITEM_NOUNS: Record<string, string> = {
  callerTypes: 'caller type',
  problemTypes: 'problem type',
  openingHours: 'opening window such as "09:00-18:00"',
  profile: 'step such as { at: "09:00", callsPerHour: 20 }',
  values: 'value',
  weights: 'weight',
};

function issuePath(base: Path, issue: { path: PropertyKey[] }): Path {
  return [...base, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
}

function issueFindings(issue: Issue, base: Path, context: IssueContext): Finding[] {
  const path = issuePath(base, issue);
  const raw = valueAt(context.data, path);
  switch (issue.code) {
    case 'invalid_type':
      return [typeFinding(issue, path, raw, context)];
    case 'too_small':
    case 'too_big':
      // z.int() adds a safe-integer maximum; a whole number with its own maximum reports only that one.
      if (issue.code === 'too_big' && Number(issue.maximum) >= Number.MAX_SAFE_INTEGER && numberBoundsAt(context.data, path).max !== undefined) return [];
      return [rangeFinding(issue, path, raw, context)];
    case 'not_multiple_of':
      return [
        {
          code: 'SCHEMA_RANGE',
          path,
          message: `${formatPath(path)} is ${describeValue(raw)}, not a multiple of ${String(issue.divisor)}`,
          hint: `use a multiple of ${String(issue.divisor)}`,
        },
      ];
    case 'invalid_format':
      return [formatFinding(issue, path, raw)];
    case 'invalid_value':
      return [enumFinding(issue.values, path, raw)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKeyFinding(path, key, context));
    case 'invalid_union':
      return unionFindings(issue, path, raw, context);
    default:
      return [
        {
          code: 'SCHEMA_TYPE',
          path,
          message: `${formatPath(path)} is ${describeValue(raw)}: ${issue.message}`,
        },
      ];
  }
}

function missingFinding(path: Path, context: IssueContext): Finding {
  const key = String(path[path.length - 1] ?? '');
  const parentPath = path.slice(0, -1);
  const where = parentPath.length === 0 ? 'at the top level' : `to ${formatPath(parentPath)}`;
  const parent = valueAt(context.data, parentPath);
  let hint: string;
  if (isPlainObject(parent) && typeof parent.dist === 'string' && DISTRIBUTION_EXAMPLES[parent.dist]) {
    const entry = distributionCatalogue().find((d) => d.name === parent.dist);
    hint = `a ${parent.dist} distribution needs ${listWords(entry?.fields.filter((f) => !f.endsWith('?')) ?? [key], 'and')}, e.g. ${DISTRIBUTION_EXAMPLES[parent.dist]}`;
  } else {
    hint = `add ${where}: ${EXAMPLES[pathPattern(path)] ?? `${key}: …`}`;
  }
  return { code: 'SCHEMA_MISSING', path, anchor: 'parent', message: `${formatPath(path)} is missing`, hint };
}

function expectedPhrase(expected: string, path: Path, context: IssueContext): string {
  if (expected === 'object' && acceptsDistribution(context.data, path)) return 'a distribution such as { dist: exponential, mean: 120 }';
  if ((expected === 'number' || expected === 'string') && isDurationField(context.data, path)) {
    return 'a duration: a number of seconds, or text such as 20s, 15min or 1.5h';
  }
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'object':
      return 'a map of settings (key: value lines)';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function typeFinding(issue: Extract<Issue, { code: 'invalid_type' }>, path: Path, raw: unknown, context: IssueContext): Finding {
  const label = formatPath(path);
  if (!hasValueAt(context.data, path)) return missingFinding(path, context);
  if (typeof raw === 'number' && Number.isNaN(raw)) {
    return { code: 'SCHEMA_TYPE', path, message: `${label} is .nan (not a number)`, hint: 'write a number' };
  }
  if (raw === Infinity || raw === -Infinity) {
    const bounds = rangeRule(numberBoundsAt(context.data, path));
    return {
      code: 'SCHEMA_RANGE',
      path,
      message: `${label} is ${formatNumber(raw)} (infinite)`,
      hint: `use a finite number${bounds ? `, ${bounds}` : ''}`,
    };
  }
  const expected = String(issue.expected);
  const phrase = expectedPhrase(expected, path, context);
  if (raw === null) {
    const example = EXAMPLES[pathPattern(path)];
    return {
      code: 'SCHEMA_TYPE',
      path,
      message: `${label} is empty`,
      hint: example ? `write ${example}` : `give it a value: ${phrase}`,
    };
  }
  if (expected === 'int' && typeof raw === 'number') {
    return {
      code: 'SCHEMA_TYPE',
      path,
      message: `${label} is ${formatNumber(raw)}, not a whole number`,
      hint: `use a whole number such as ${Math.max(0, Math.round(raw))}`,
    };
  }
  let hint = `write ${phrase}`;
  if ((expected === 'number' || expected === 'int') && typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed !== '' && Number.isFinite(Number(trimmed))) hint = `write the number without quotes: ${trimmed}`;
    else if (/^-?\d+,\d+$/.test(trimmed)) hint = `use a decimal point, not a comma: ${trimmed.replace(',', '.')}`;
    else {
      const seconds = durationSchema.safeParse(trimmed);
      if (seconds.success) hint = `write the number of seconds: ${formatNumber(seconds.data)}`;
    }
  } else if (expected === 'object' && acceptsDistribution(context.data, path) && typeof raw === 'number') {
    hint = `a number alone is not a distribution: write { dist: deterministic, value: ${formatNumber(raw)} } for a fixed value, or { dist: exponential, mean: ${formatNumber(raw)} } for a random one`;
  } else if (expected === 'array') {
    const example = EXAMPLES[pathPattern(path)];
    hint = example !== undefined ? `write ${example}` : 'write a list, one item per line starting with "- " (or [a, b] on one line)';
  } else if (expected === 'object') {
    const example = EXAMPLES[pathPattern(path)];
    hint = example !== undefined ? `write ${example}` : `write ${phrase}, each setting indented on its own line under the key`;
  }
  return { code: 'SCHEMA_TYPE', path, message: `${label} is ${describeValue(raw)}, but it must be ${phrase}`, hint };
}

function rangeRule(bounds: { min?: number; max?: number }, exclusiveMin = false): string | undefined {
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined && !exclusiveMin) return `between ${formatNumber(min)} and ${formatNumber(max)}`;
  if (min !== undefined && exclusiveMin) return `more than ${formatNumber(min)}`;
  if (min !== undefined) return `${formatNumber(min)} or more`;
  if (max !== undefined) return `${formatNumber(max)} or less`;
  return undefined;
}

/** `0 or more` → `a value of 0 or more`; `between 0 and 1` → `a value between 0 and 1`. */
function aValue(rule: string): string {
  return /^(between|more than|less than)/.test(rule) ? `a value ${rule}` : `a value of ${rule}`;
}

function rangeFinding(
  issue: Extract<Issue, { code: 'too_small' | 'too_big' }>,
  path: Path,
  raw: unknown,
  context: IssueContext,
): Finding {
  const label = formatPath(path);
  const last = String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    const noun = ITEM_NOUNS[last] ?? 'item';
    if (issue.code === 'too_small') {
      return {
        code: 'SCHEMA_RANGE',
        path,
        message: `${label} is ${describeValue(raw)}, but it needs at least ${limit} ${limit === 1 ? 'item' : 'items'}`,
        hint: `add at least one ${noun}`,
      };
    }
    return {
      code: 'SCHEMA_RANGE',
      path,
      message: `${label} has ${Array.isArray(raw) ? raw.length : '?'} items, more than the ${limit} allowed`,
      hint: `keep at most ${limit} items`,
    };
  }
  if (issue.origin === 'string') {
    if (issue.code === 'too_small' && typeof raw === 'string' && raw.length === 0) {
      const example = EXAMPLES[pathPattern(path)];
      return { code: 'SCHEMA_RANGE', path, message: `${label} is empty text`, hint: example ? `write ${example}` : 'write some text' };
    }
    return {
      code: 'SCHEMA_RANGE',
      path,
      message: `${label} is ${issue.code === 'too_small' ? 'too short' : 'too long'} (${issue.code === 'too_small' ? 'at least' : 'at most'} ${limit} characters)`,
      hint: 'change its length',
    };
  }
  // Numbers: say the whole allowed range when the schema has one.
  const bounds = numberBoundsAt(context.data, path);
  const exclusiveMin = issue.code === 'too_small' && !issue.inclusive;
  let rule: string;
  if (issue.code === 'too_small' && !issue.inclusive && bounds.isInt) rule = `${formatNumber(Math.floor(limit) + 1)} or more`;
  else if (issue.code === 'too_small') rule = issue.inclusive ? `${formatNumber(limit)} or more` : `more than ${formatNumber(limit)}`;
  else rule = issue.inclusive ? `${formatNumber(limit)} or less` : `less than ${formatNumber(limit)}`;
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.max <= 1_000 && !exclusiveMin) {
    rule = `between ${formatNumber(bounds.min)} and ${formatNumber(bounds.max)}`;
  }
  let hint = `use ${aValue(rule)}`;
  if (typeof raw === 'number' && bounds.min === 0 && bounds.max === 1 && Number.isInteger(raw) && raw > 1 && raw <= 100) {
    hint = `write it as a fraction of 1: ${formatNumber(raw)}% is ${formatNumber(raw / 100)}`;
  } else if (typeof raw === 'number' && raw < 0 && issue.code === 'too_small') {
    hint = `use ${aValue(rule)}; a negative value has no meaning here`;
  }
  return { code: 'SCHEMA_RANGE', path, message: `${label} is ${describeValue(raw)}, but it must be ${rule}`, hint };
}

/** Guesses the value the user meant for a badly formatted duration, time, window, currency or id. */
function suggestFormat(kind: string, raw: string): string | undefined {
  const time = (text: string): string | undefined => {
    const match = /^\s*(\d{1,2})\s*[:.h]\s*(\d{2})\s*$/i.exec(text) ?? /^\s*(\d{1,2})\s*$/.exec(text);
    if (!match) return undefined;
    const hours = Number(match[1]);
    const minutes = Number(match[2] ?? 0);
    if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  };
  switch (kind) {
    case 'duration': {
      const match = /^\s*(\d+(?:[.,]\d+)?)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|hr|days?)\s*$/i.exec(raw);
      if (!match) return undefined;
      const unit = match[2]!.toLowerCase();
      const short = unit.startsWith('s') ? 's' : unit.startsWith('m') ? 'min' : unit.startsWith('h') ? 'h' : 'd';
      return `${match[1]!.replace(',', '.')}${short}`;
    }
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
    case 'id': {
      const cleaned = raw
        .trim()
        .replace(/\s+/g, '-')
        .replace(/[^A-Za-z0-9_-]/g, '')
        .replace(/^[-_]+/, '');
      return cleaned !== '' && cleaned !== raw ? cleaned : undefined;
    }
    default:
      return undefined;
  }
}

const FORMAT_HINTS: Record<string, string> = {
  duration: 'write a number of seconds, or a number with a unit s, min, h or d, such as 20s, 15min or 1.5h',
  time: 'write a 24-hour time with two-digit hours, quoted, such as "09:00"',
  window: 'write start-end in 24-hour time, such as "09:00-13:00"; the end may be 24:00',
  currency: 'write a three-letter ISO 4217 code in capitals, such as EUR',
  id: 'use letters, digits, - and _ only, starting with a letter or digit, such as pre-sale',
};

function formatKind(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const pattern = 'pattern' in issue ? String(issue.pattern ?? '') : '';
  const text = `${issue.message} ${pattern}`;
  if (/duration/.test(text)) return 'duration';
  if (/opening window/.test(text)) return 'window';
  if (/time of day/.test(text)) return 'time';
  if (/currency/.test(text)) return 'currency';
  if (/\bid\b/.test(text)) return 'id';
  return 'other';
}

function formatFinding(issue: Extract<Issue, { code: 'invalid_format' }>, path: Path, raw: unknown): Finding {
  const kind = formatKind(issue);
  const described = issue.message.startsWith('Invalid') ? `in the expected format (${issue.format})` : issue.message;
  const suggestion = typeof raw === 'string' ? suggestFormat(kind, raw) : undefined;
  const base = FORMAT_HINTS[kind] ?? `write ${described}`;
  return {
    code: 'SCHEMA_FORMAT',
    path,
    message: `${formatPath(path)} is ${describeValue(raw)}, not ${described}`,
    hint: suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}? (${base})` : base,
  };
}

function enumFinding(values: readonly unknown[], path: Path, raw: unknown): Finding {
  const words = values.map((value) => String(value));
  const suggestion = typeof raw === 'string' ? closest(raw, words) : undefined;
  return {
    code: 'SCHEMA_ENUM',
    path,
    message: `${formatPath(path)} is ${describeValue(raw)}, not ${words.length === 1 ? words[0] : `one of ${listWords(words)}`}`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (allowed: ${words.join(', ')})` : `use ${listWords(words)}`,
  };
}

/** Settings that were replaced, by their path: what replaced them and what to write instead. */
const REPLACED_SETTINGS: Record<string, string> = {
  'channels.blended.phoneIdleShare':
    'it was replaced by channels.blended.agents (how many phone agents answer chat and tickets when no call waits: a number, or all) and keepFree (idle agents kept free for calls), now simulated with the phone instead of estimated from its idle time: write agents: all, or a number of agents',
};

function unknownKeyFinding(path: Path, key: string, context: IssueContext): Finding {
  const replaced = REPLACED_SETTINGS[formatPath([...path, key])];
  if (replaced !== undefined) {
    return { code: 'SCHEMA_UNKNOWN_KEY', path: [...path, key], anchor: 'key', message: `${key} is no longer a setting in ${formatPath(path)}`, hint: replaced };
  }
  const allowed = allowedKeysAt(context.data, path);
  const suggestion = closest(key, allowed);
  const where = path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
  let hint: string;
  if (suggestion !== undefined) hint = `did you mean ${suggestion}? (settings ${where}: ${allowed.join(', ')})`;
  else {
    const home = path.length === 0 ? sectionOwning(key) : undefined;
    hint = home
      ? `${key} belongs under ${home}: move it there`
      : `remove it, or use one of the settings ${where}: ${allowed.join(', ')}`;
  }
  return {
    code: 'SCHEMA_UNKNOWN_KEY',
    path: [...path, key],
    anchor: 'key',
    message: `${key} is not a setting ${where}`,
    hint,
  };
}

/** For a misplaced top-level key: the section whose settings include it (`seed` → `run`). */
function sectionOwning(key: string): string | undefined {
  const shape = defOf(scenarioSchema)?.shape ?? {};
  for (const [section, schema] of Object.entries(shape)) {
    const def = defOf(unwrap(schema));
    if (def?.type === 'object' && def.shape && Object.hasOwn(def.shape, key)) return section;
  }
  return undefined;
}

function unionFindings(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, raw: unknown, context: IssueContext): Finding[] {
  const discriminator = 'discriminator' in issue ? (issue.discriminator as string | undefined) : undefined;
  if (discriminator !== undefined && issue.errors.length === 0) return [discriminatorFinding(discriminator, issue, path, raw, context)];

  if (!hasValueAt(context.data, path)) return [missingFinding(path, context)];
  const branches = issue.errors;
  if (branches.length === 0) {
    return [{ code: 'SCHEMA_TYPE', path, message: `${formatPath(path)} is ${describeValue(raw)}, which is not valid here` }];
  }
  const isMismatch = (branch: readonly Issue[]): boolean =>
    branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const unrecognized = (branch: readonly Issue[]): string[] =>
    branch.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []));
  const isMissing = (i: Issue): boolean =>
    i.code === 'invalid_type' && i.path.length === 1 && isPlainObject(raw) && !Object.hasOwn(raw, String(i.path[0]));

  const candidates = branches.filter((branch) => !isMismatch(branch));
  if (candidates.length === 0) return [alternativesFinding(branches, path, raw, context)];

  if (isPlainObject(raw) && candidates.length > 1) {
    // Keys that belong to different branches: e.g. arrivals with both callsPerHour and profile.
    const rejectedBy = candidates.map((branch) => new Set(unrecognized(branch)));
    const everyBranchRejects = rejectedBy.every((set) => set.size > 0);
    const keys = Object.keys(raw);
    const unknownEverywhere = keys.filter((key) => rejectedBy.every((set) => set.has(key)));
    if (everyBranchRejects && unknownEverywhere.length === 0) {
      const conflicting = keys.filter((key) => rejectedBy.some((set) => set.has(key)));
      const label = formatPath(path);
      const hint =
        pathPattern(path) === 'arrivals'
          ? 'keep only one: callsPerHour for a constant rate, or profile for rates that change during the day'
          : `keep only one of ${listWords(conflicting)}`;
      return [{ code: 'SCHEMA_CONFLICT', path, message: `${label} has both ${listWords(conflicting, 'and')}`, hint }];
    }
    if (candidates.every((branch) => branch.length > 0 && branch.every(isMissing))) {
      const needed = candidates.map((branch) => branch.map((i) => String(i.path[0])).join(' and '));
      const examples = needed.map((key) => EXAMPLES[`${pathPattern(path)}.${key}`] ?? `${key}: …`);
      return [
        {
          code: 'SCHEMA_MISSING',
          path,
          message: `${formatPath(path)} needs ${listWords(needed)}`,
          hint: `add ${listWords(examples)}`,
        },
      ];
    }
  }

  const score = (branch: readonly Issue[]): number =>
    unrecognized(branch).length + branch.filter(isMissing).length;
  let best = candidates[0]!;
  for (const branch of candidates) {
    if (score(branch) < score(best) || (score(branch) === score(best) && branch.length < best.length)) best = branch;
  }
  return best.flatMap((inner) => issueFindings(inner, path, context));
}

function discriminatorFinding(
  discriminator: string,
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: Path,
  raw: unknown,
  context: IssueContext,
): Finding {
  const objectPath = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
  const object = valueAt(context.data, objectPath);
  const value = isPlainObject(object) ? object[discriminator] : undefined;
  const options = ('options' in issue && Array.isArray(issue.options) ? issue.options : []).map(String);
  const isDist = discriminator === 'dist';
  const known = isDist ? `distributions: ${distributionList()}` : `allowed: ${options.join(', ')}`;
  if (!isPlainObject(object)) {
    return {
      code: 'SCHEMA_TYPE',
      path: objectPath,
      message: `${formatPath(objectPath)} is ${describeValue(object ?? raw)}, but it must be a map with ${discriminator}:`,
      hint: known,
    };
  }
  if (value === undefined) {
    return {
      code: 'SCHEMA_MISSING',
      path: [...objectPath, discriminator],
      anchor: 'parent',
      message: `${formatPath(objectPath)} has no ${discriminator}`,
      hint: `add ${discriminator}: with one of the ${known}`,
    };
  }
  const suggestion = typeof value === 'string' ? closest(value, options) : undefined;
  return {
    code: 'SCHEMA_ENUM',
    path: [...objectPath, discriminator],
    message: `${formatPath([...objectPath, discriminator])} is ${describeValue(value)}, not a known ${isDist ? 'distribution' : discriminator}`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (${known})` : known,
  };
}

/** Advice for settings that accept several kinds of value, by path pattern. */
const ALTERNATIVE_HINTS: Record<string, string> = {
  'callerTypes[].patience':
    'write infinite for callers who never hang up, or a distribution of waiting times in seconds such as { dist: exponential, mean: 120 }',
  'queue.capacity': 'write a whole number of places in the queue (0 for no queue), or unlimited',
  arrivals: 'write arrivals: { callsPerHour: 30 } for a constant rate, arrivals: with profile: a list of steps such as - { at: "09:00", callsPerHour: 20 }, weekly: calls per interval for each weekday, or csv: a file of historical counts',
};

/** The value fits none of the union's members at all: list what would fit. */
function alternativesFinding(branches: readonly (readonly Issue[])[], path: Path, raw: unknown, context: IssueContext): Finding {
  const phrases: string[] = [];
  const words: string[] = [];
  for (const branch of branches) {
    for (const inner of branch) {
      if (inner.code === 'invalid_type') phrases.push(expectedPhrase(String(inner.expected), path, context));
      if (inner.code === 'invalid_value') {
        for (const value of inner.values) {
          words.push(String(value));
          phrases.push(typeof value === 'string' ? `the word ${value}` : String(value));
        }
      }
    }
  }
  const unique = [...new Set(phrases)];
  const label = formatPath(path);
  const suggestion = typeof raw === 'string' ? closest(raw, words) : undefined;
  if (typeof raw === 'string' && words.length > 0 && !isDurationField(context.data, path)) {
    return {
      code: 'SCHEMA_ENUM',
      path,
      message: `${label} is ${describeValue(raw)}, but it must be ${listWords(unique)}`,
      hint: suggestion !== undefined ? `did you mean ${suggestion}?` : ALTERNATIVE_HINTS[pathPattern(path)] ?? `write ${listWords(unique)}`,
    };
  }
  const example = EXAMPLES[pathPattern(path)];
  let hint =
    ALTERNATIVE_HINTS[pathPattern(path)] ??
    (isDurationField(context.data, path) ? FORMAT_HINTS.duration! : example !== undefined ? `write ${example}` : `write ${listWords(unique)}`);
  if (typeof raw === 'number' && acceptsDistribution(context.data, path)) {
    hint = `a number alone is not a distribution: write { dist: deterministic, value: ${formatNumber(raw)} } for a fixed value, or { dist: exponential, mean: ${formatNumber(raw)} } for a random one`;
  } else if (Number.isNaN(raw)) {
    return { code: 'SCHEMA_TYPE', path, message: `${label} is .nan (not a number)`, hint };
  } else if (raw === Infinity || raw === -Infinity) {
    return { code: 'SCHEMA_RANGE', path, message: `${label} is ${formatNumber(raw as number)} (infinite)`, hint: `use a finite number, or ${hint}` };
  } else if (raw === null) {
    return { code: 'SCHEMA_TYPE', path, message: `${label} is empty`, hint };
  }
  return { code: 'SCHEMA_TYPE', path, message: `${label} is ${describeValue(raw)}, but it must be ${listWords(unique)}`, hint };
}

// ---------------------------------------------------------------------------------------
// Semantic checks: run on every part that is well formed
// ---------------------------------------------------------------------------------------

function parsedOr<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.trim().split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function windowMinutes(text: string): { start: number; end: number } {
  const [from, to] = text.split('-') as [string, string];
  return { start: minutesOfDay(from), end: minutesOfDay(to) };
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return isPlainObject(value) ? value[key] : undefined;
}

function semanticFindings(data: Record<string, unknown>, lineOf: (path: Path) => number): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemTypes = items(data.problemTypes);

  // Shares must split every call: sum to 1. Only when every share is itself valid.
  const shares = callerTypes.map((caller) => parsedOr(callerTypeSchema.shape.share, field(caller, 'share')));
  if (callerTypes.length > 0 && shares.every((share) => share !== undefined)) {
    const values = shares as number[];
    const sum = values.reduce((total, share) => total + share, 0);
    if (Math.abs(sum - 1) > SHARES_TOLERANCE) {
      const names = callerTypes.map((caller, i) => {
        const id = field(caller, 'id');
        return typeof id === 'string' ? id : `callerTypes[${i}]`;
      });
      const terms = names.map((name, i) => `${name} ${formatNumber(values[i]!)}`).join(' + ');
      const hint =
        sum > 0
          ? `adjust them to add up to 1; scaled in proportion they would be ${names
              .map((name, i) => `${name} ${formatNumber(Number((values[i]! / sum).toFixed(4)))}`)
              .join(', ')}`
          : 'give at least one caller type a positive share, and make them add up to 1';
      findings.push({
        code: 'SHARES_SUM',
        path: ['callerTypes'],
        message: `caller type shares add up to ${formatNumber(sum)} (${terms}), not 1`,
        hint,
      });
    }
  }

  // Ids must be unique within each list.
  for (const [listName, list, noun] of [
    ['callerTypes', callerTypes, 'caller type'],
    ['problemTypes', problemTypes, 'problem type'],
  ] as const) {
    const firstIndex = new Map<string, number>();
    list.forEach((entry, i) => {
      const id = field(entry, 'id');
      if (typeof id !== 'string') return;
      const first = firstIndex.get(id);
      if (first === undefined) {
        firstIndex.set(id, i);
        return;
      }
      findings.push({
        code: 'DUPLICATE_ID',
        path: [listName, i, 'id'],
        message: `${listName}[${i}].id is ${JSON.stringify(id)}, already the id of ${listName}[${first}] (line ${lineOf([listName, first, 'id'])})`,
        hint: `give each ${noun} a different id`,
      });
    });
  }

  // A caller type's problem must name a problem type; a problem type nobody has is suspicious.
  const problemIds = problemTypes.map((problem) => field(problem, 'id')).filter((id): id is string => typeof id === 'string');
  if (Array.isArray(data.problemTypes)) {
    callerTypes.forEach((caller, i) => {
      const problem = field(caller, 'problem');
      if (typeof problem !== 'string' || problemIds.includes(problem)) return;
      const suggestion = closest(problem, problemIds);
      const known = problemIds.length > 0 ? `problem types: ${problemIds.join(', ')}` : 'there are no problem types yet';
      findings.push({
        code: 'UNKNOWN_PROBLEM',
        path: ['callerTypes', i, 'problem'],
        message: `callerTypes[${i}].problem is ${JSON.stringify(problem)}, but no problem type has that id`,
        hint:
          suggestion !== undefined
            ? `did you mean ${suggestion}? (${known})`
            : `use one of the ids (${known}), or add a problem type with id: ${problem}`,
      });
    });
  }
  // Skills of agent groups must name problem types.
  const groups = field(data.agents, 'groups');
  if (Array.isArray(data.problemTypes) && Array.isArray(groups)) {
    groups.forEach((group, g) => {
      for (const key of ['skills', 'overflowSkills'] as const) {
        const list = field(group, key);
        if (!Array.isArray(list)) continue;
        list.forEach((skill, k) => {
          if (typeof skill !== 'string' || problemIds.includes(skill)) return;
          findings.push(unknownSkill(skill, ['agents', 'groups', g, key, k], `agents.groups[${g}].${key}[${k}]`, problemIds));
        });
      }
      const profile = field(group, 'profile');
      const profileIds = (Array.isArray(field(data.agents, 'profiles')) ? (field(data.agents, 'profiles') as unknown[]) : []).map((entry) => field(entry, 'id'));
      if (typeof profile === 'string' && !profileIds.includes(profile)) {
        const known = profileIds.filter((id): id is string => typeof id === 'string');
        const suggestion = closest(profile, known);
        findings.push({
          code: 'UNKNOWN_PROFILE',
          path: ['agents', 'groups', g, 'profile'],
          message: `agents.groups[${g}].profile is ${JSON.stringify(profile)}, but ${known.length > 0 ? 'no agents.profiles entry has that id' : 'agents.profiles is not given'}`,
          hint: known.length > 0 ? `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(profiles: ${known.join(', ')})` : `add agents.profiles with an entry id: ${profile} (proficiency, speed)`,
        });
      }
      const proficiency = field(group, 'proficiency');
      if (!isPlainObject(proficiency)) return;
      for (const skill of Object.keys(proficiency)) {
        if (problemIds.includes(skill)) continue;
        findings.push({ ...unknownSkill(skill, ['agents', 'groups', g, 'proficiency', skill], `a key of agents.groups[${g}].proficiency`, problemIds), anchor: 'key' });
      }
    });
  }
  // Lifetime values by caller type must name caller types.
  const callerIds = callerTypes.map((caller) => field(caller, 'id')).filter((id): id is string => typeof id === 'string');
  const byType = field(data.afterCall, 'lifetimeValueByCallerType');
  if (isPlainObject(byType) && callerIds.length === callerTypes.length) {
    for (const id of Object.keys(byType)) {
      if (callerIds.includes(id)) continue;
      const suggestion = closest(id, callerIds);
      findings.push({
        code: 'UNKNOWN_CALLER_TYPE',
        path: ['afterCall', 'lifetimeValueByCallerType', id],
        anchor: 'key',
        message: `afterCall.lifetimeValueByCallerType names ${JSON.stringify(id)}, but no caller type has that id`,
        hint: `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(caller types: ${callerIds.join(', ')})`,
      });
    }
  }
  // A channel that takes contacts and has nobody to answer them; the caller type of the calls it causes.
  const blended = field(data.channels, 'blended');
  const blendedAgents = field(blended, 'agents');
  // A scenario still written with phoneIdleShare gets the error saying what replaced it, not this warning too.
  const legacyBlending = field(blended, 'phoneIdleShare') !== undefined;
  for (const channel of ['chat', 'tickets']) {
    const config = field(data.channels, channel);
    const callerType = field(field(config, 'callAfter'), 'callerType');
    if (typeof callerType === 'string' && callerIds.length === callerTypes.length && !callerIds.includes(callerType)) {
      const suggestion = closest(callerType, callerIds);
      findings.push({
        code: 'UNKNOWN_CALLER_TYPE',
        path: ['channels', channel, 'callAfter', 'callerType'],
        message: `channels.${channel}.callAfter.callerType is ${JSON.stringify(callerType)}, but no caller type has that id`,
        hint: `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(caller types: ${callerIds.join(', ')})`,
      });
    }
    const perHour = field(config, 'perHour');
    const dedicated = field(config, 'dedicatedAgents');
    if (typeof perHour !== 'number' || perHour <= 0) continue;
    if ((dedicated === undefined || dedicated === 0) && (blendedAgents === undefined || blendedAgents === 0) && !legacyBlending) {
      findings.push({
        code: 'CHANNEL_UNSTAFFED',
        path: ['channels', channel],
        anchor: 'key',
        message: `channels.${channel} takes ${formatNumber(perHour)} contacts an hour, but no agent answers them: no dedicatedAgents and channels.blended.agents is 0`,
      });
    }
  }
  // Blending sized for another team: more blended agents than agents, or the whole team kept free.
  const team = field(data.agents, 'count');
  if (typeof team === 'number' && data.staffing === undefined && field(data.agents, 'groups') === undefined && isPlainObject(blended)) {
    const keepFree = field(blended, 'keepFree');
    if (typeof blendedAgents === 'number' && blendedAgents > team) {
      findings.push({
        code: 'BLENDING_TEAM',
        path: ['channels', 'blended', 'agents'],
        message: `channels.blended.agents is ${formatNumber(blendedAgents)}, but the team has ${formatNumber(team)} agents: all ${formatNumber(team)} blend`,
        hint: `write agents: all, or a number up to ${formatNumber(team)}`,
      });
    }
    if (typeof keepFree === 'number' && keepFree >= team && blendedAgents !== undefined && blendedAgents !== 0) {
      findings.push({
        code: 'BLENDING_TEAM',
        path: ['channels', 'blended', 'keepFree'],
        message: `channels.blended.keepFree is ${formatNumber(keepFree)}, but the team has ${formatNumber(team)} agents: no blended agent ever takes a chat or ticket`,
        hint: `keep fewer than ${formatNumber(team)} agents free, or set agents: 0 to turn blending off`,
      });
    }
  }
  const usedProblems = callerTypes.map((caller) => field(caller, 'problem'));
  if (callerTypes.length > 0 && usedProblems.every((problem) => typeof problem === 'string')) {
    problemTypes.forEach((problem, i) => {
      const id = field(problem, 'id');
      if (typeof id !== 'string' || usedProblems.includes(id)) return;
      if (problemIds.indexOf(id) !== i) return; // a duplicate id is already reported
      if (parsedOr(problemTypeSchema.shape.id, id) === undefined) return; // a malformed id is already reported
      findings.push({
        code: 'UNUSED_PROBLEM',
        path: ['problemTypes', i, 'id'],
        message: `problem type ${id} is not the problem of any caller type, so it never occurs`,
        hint: `remove it, or set problem: ${id} on a caller type`,
      });
    });
  }

  // Purchase intent with a problem type that never converts: no sale can ever happen.
  callerTypes.forEach((caller, i) => {
    const intent = parsedOr(callerTypeSchema.shape.purchaseIntent, field(caller, 'purchaseIntent'));
    const problemId = field(caller, 'problem');
    if (intent === undefined || intent <= 0 || typeof problemId !== 'string') return;
    const problem = problemTypes.find((entry) => field(entry, 'id') === problemId);
    if (problem === undefined) return;
    const conversion = parsedOr(problemTypeSchema.shape.conversion, field(problem, 'conversion'));
    // A call script decides sales itself (scripts.ts): conversion does not apply to it.
    if (conversion !== 0 || field(problem, 'script') !== undefined) return;
    findings.push({
      code: 'NO_SALES',
      path: ['callerTypes', i, 'purchaseIntent'],
      message: `callerTypes[${i}].purchaseIntent is ${formatNumber(intent)}, but problem type ${problemId} has conversion 0, so these callers never buy`,
      hint: `set conversion on problem type ${problemId} (the chance an intending buyer, answered at once, buys), or set purchaseIntent to 0`,
    });
  });

  // Arrival rates: absurdly high rates, and calls with nobody to answer them.
  const arrivals = data.arrivals;
  const rates: Array<{ path: Path; rate: number }> = [];
  const constantRate = field(arrivals, 'callsPerHour');
  if (typeof constantRate === 'number') rates.push({ path: ['arrivals', 'callsPerHour'], rate: constantRate });
  const profile = field(arrivals, 'profile');
  items(profile).forEach((step, i) => {
    const rate = field(step, 'callsPerHour');
    if (typeof rate === 'number') rates.push({ path: ['arrivals', 'profile', i, 'callsPerHour'], rate });
  });
  for (const { path, rate } of rates) {
    if (Number.isFinite(rate) && rate > MAX_CALLS_PER_HOUR) {
      findings.push({
        code: 'SCHEMA_RANGE',
        path,
        message: `${formatPath(path)} is ${formatNumber(rate)}, more than ${MAX_CALLS_PER_HOUR.toLocaleString('en')} calls per hour`,
        hint: 'check the unit: callsPerHour counts calls per hour for the whole line; divide a daily or yearly volume by the hours the line is open',
      });
    }
  }
  const agentCount = parsedOr(agentsSchema.shape.count, field(data.agents, 'count'));
  const maxRate = Math.max(0, ...rates.map(({ rate }) => (Number.isFinite(rate) ? rate : 0)));
  if (agentCount === 0 && maxRate > 0) {
    findings.push({
      code: 'NO_AGENTS',
      path: ['agents', 'count'],
      message: `agents.count is 0, but up to ${formatNumber(maxRate)} calls arrive per hour and nobody can answer them`,
      hint: 'set agents.count to 1 or more (to model a closed line, set the arrival rates to 0 instead)',
    });
  }

  // Opening hours: each window must have start < end; windows must not overlap.
  const windows: Array<{ index: number; text: string; start: number; end: number }> = [];
  const openingHours = data.openingHours;
  items(openingHours).forEach((entry, index) => {
    const text = parsedOr(openingWindowSchema, entry);
    if (text === undefined) return;
    const { start, end } = windowMinutes(text);
    const label = `openingHours[${index}]`;
    if (end <= start) {
      findings.push({
        code: 'OPENING_HOURS',
        path: ['openingHours', index],
        message:
          end === start
            ? `${label} ${JSON.stringify(text.trim())} is empty: it opens and closes at ${clock(start)}`
            : `${label} ${JSON.stringify(text.trim())} ends at ${clock(end)}, before it starts at ${clock(start)}`,
        hint:
          end === start
            ? 'give the window a closing time after its opening time, or remove it'
            : `write the earlier time first; a window across midnight must be split in two, e.g. "${clock(start)}-24:00" and "00:00-${clock(end)}"`,
      });
      return;
    }
    windows.push({ index, text: text.trim(), start, end });
  });
  for (let j = 0; j < windows.length; j++) {
    for (let i = 0; i < j; i++) {
      const earlier = windows[i]!;
      const later = windows[j]!;
      const overlapStart = Math.max(earlier.start, later.start);
      const overlapEnd = Math.min(earlier.end, later.end);
      if (overlapStart >= overlapEnd) continue;
      findings.push({
        code: 'OPENING_HOURS',
        path: ['openingHours', later.index],
        message: `openingHours[${later.index}] "${later.text}" overlaps openingHours[${earlier.index}] "${earlier.text}" from ${clock(overlapStart)} to ${clock(overlapEnd)}`,
        hint: `make the windows separate, or merge them into "${clock(Math.min(earlier.start, later.start))}-${clock(Math.max(earlier.end, later.end))}"`,
      });
    }
  }

  // Arrival profile: strictly increasing times; steps that never apply are suspicious.
  const steps: Array<{ index: number; at: number }> = [];
  let profileOrdered = true;
  items(profile).forEach((step, index) => {
    const at = parsedOr(timeOfDaySchema, field(step, 'at'));
    if (at === undefined) {
      profileOrdered = false;
      return;
    }
    const minutes = minutesOfDay(at);
    const previous = steps[steps.length - 1];
    if (previous !== undefined && minutes <= previous.at) {
      profileOrdered = false;
      findings.push({
        code: 'ARRIVAL_PROFILE',
        path: ['arrivals', 'profile', index, 'at'],
        message:
          minutes === previous.at
            ? `arrivals.profile[${index}].at is ${clock(minutes)}, the same time as arrivals.profile[${previous.index}]`
            : `arrivals.profile[${index}].at is ${clock(minutes)}, earlier than arrivals.profile[${previous.index}] at ${clock(previous.at)}`,
        hint: 'list the steps in time order, each later than the one before (merge steps that share a time)',
      });
    }
    steps.push({ index, at: minutes });
  });
  const allHours = parsedOr(scenarioSchema.shape.openingHours, openingHours);
  // With openingHours absent, the default windows apply.
  const openWindows = openingHours === undefined ? (allHours ?? []).map(windowMinutes) : windows;
  if (profileOrdered && steps.length > 0 && allHours !== undefined && openWindows.length === allHours.length) {
    steps.forEach((step, i) => {
      const from = i === 0 ? 0 : step.at; // the first step also covers earlier opening times
      const to = steps[i + 1]?.at ?? 24 * 60;
      if (openWindows.some((window) => window.start < to && window.end > from)) return;
      const rate = field(items(profile)[step.index], 'callsPerHour');
      if (rate === 0) return; // a zero-rate step changes nothing either way
      findings.push({
        code: 'ARRIVAL_STEP_UNUSED',
        path: ['arrivals', 'profile', step.index, 'at'],
        message: `arrivals.profile[${step.index}] (from ${clock(step.at)}) never applies: the line is closed from ${clock(from)} to ${clock(to)}`,
        hint: 'move the step into the opening hours, change openingHours, or remove the step',
      });
    });
  }

  // Run: warm-up shorter than the run; interval dividing the day.
  const run = data.run;
  const days = parsedOr(runSchema.shape.days, field(run, 'days'));
  const warmup = parsedOr(runSchema.shape.warmup, field(run, 'warmup'));
  if (days !== undefined && warmup !== undefined && warmup >= days * 86_400) {
    const written = field(run, 'warmup');
    findings.push({
      code: 'WARMUP_TOO_LONG',
      path: ['run', 'warmup'],
      message: `run.warmup is ${typeof written === 'string' ? `${written.trim()} (${formatNumber(warmup)} s)` : `${formatNumber(warmup)} s`}, at least as long as the whole run (${days} ${days === 1 ? 'day' : 'days'} = ${formatNumber(days * 86_400)} s), so nothing would be measured`,
      hint: 'shorten run.warmup (an hour or two is usually plenty) or increase run.days',
    });
  }
  const interval = parsedOr(runSchema.shape.intervalMinutes, field(run, 'intervalMinutes'));
  if (interval !== undefined && 1440 % interval !== 0) {
    const divisors = Array.from({ length: 1440 }, (_, i) => i + 1).filter((d) => 1440 % d === 0);
    const nearest = divisors.reduce((best, d) => (Math.abs(d - interval) < Math.abs(best - interval) ? d : best));
    findings.push({
      code: 'INTERVAL',
      path: ['run', 'intervalMinutes'],
      message: `run.intervalMinutes is ${interval}, which does not divide the 1440-minute day into equal intervals`,
      hint: `use a divisor of 1440, e.g. ${nearest} (common: 15, 30, 60)`,
    });
  }

  // Distribution parameters the schema cannot check (min ≤ max, weights match values…).
  const distributions: Array<{ path: Path; value: unknown }> = [];
  callerTypes.forEach((caller, i) => {
    distributions.push({ path: ['callerTypes', i, 'patience'], value: field(caller, 'patience') });
    distributions.push({ path: ['callerTypes', i, 'orderValue'], value: field(caller, 'orderValue') });
  });
  problemTypes.forEach((problem, i) => distributions.push({ path: ['problemTypes', i, 'handleTime'], value: field(problem, 'handleTime') }));
  for (const channel of ['chat', 'tickets']) {
    const config = field(data.channels, channel);
    for (const key of ['handleTime', 'patience']) distributions.push({ path: ['channels', channel, key], value: field(config, key) });
  }
  for (const { path, value } of distributions) {
    const spec = parsedOr(distributionSchema, value);
    if (spec === undefined) continue;
    for (const problem of checkDistribution(spec)) {
      const [what, ...advice] = problem.message.split(' — ');
      findings.push({
        code: isErrorCode(problem.code) ? problem.code : 'SCHEMA_RANGE',
        path: [...path, ...problem.path],
        message: `${formatPath(path)}: ${(what ?? problem.message).replace(/\.$/, '')}`,
        hint: advice.length > 0 ? advice.join(' — ').replace(/\.$/, '') : errorCatalogue[isErrorCode(problem.code) ? problem.code : 'SCHEMA_RANGE'].whatToDo,
      });
    }
  }

  findings.push(...realismFindings(data));
  return findings;
}

// ---------------------------------------------------------------------------------------
// Plans: named overrides of the base scenario
// ---------------------------------------------------------------------------------------

/** One step of an override path: a setting name, a list index (`[0]`) or a list entry's id (`[pre-sale]`). */
export type OverrideSegment =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'id'; readonly id: string };

/**
 * Settings a plan cannot change. With them equal, every plan meets the same callers over
 * the same days (common random numbers), and its money is counted in the same currency
 * and scaled to the same year, so plans can be compared call by call and euro by euro.
 */
export const FIXED_PLAN_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['run', 'seed'],
  ['run', 'days'],
  ['run', 'warmup'],
  ['run', 'replications'],
  ['money', 'currency'],
  ['money', 'openDaysPerYear'],
];

/** A plan of a scenario file, applied to its base scenario and validated. */
export interface ResolvedPlan {
  /** Position in the file's `plans` list. */
  readonly index: number;
  readonly name: string;
  readonly description?: string;
  /** The overrides as written: dotted path → value. */
  readonly set: Readonly<Record<string, unknown>>;
  /** The base scenario with the overrides applied (and no `plans`). */
  readonly scenario: ScenarioConfig;
}

/** Every plan of a scenario, or every problem found in them. Warnings are only those the base does not already have. */
export type PlansResult =
  | { ok: true; plans: ResolvedPlan[]; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** A scenario with overrides applied, or every problem found. */
export type OverrideResult =
  | { ok: true; scenario: ScenarioConfig; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

const OVERRIDE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OVERRIDE_SELECTOR = /^\[\s*([^\]]*?)\s*\]/;
const OVERRIDE_PATH_HINT =
  'write a dotted path such as agents.count, callerTypes[0].share or problemTypes[pre-sale].handleTime.mean (list entries by index [0] or by id [pre-sale])';

/**
 * `callerTypes[buyer].patience.mean` → segments. Names are settings; `[n]` selects a list
 * entry by index, `[id]` by its `id`. Returns what is wrong with the text otherwise.
 */
export function parseOverridePath(text: string): { segments: OverrideSegment[] } | { problem: string } {
  const segments: OverrideSegment[] = [];
  const first = OVERRIDE_NAME.exec(text);
  if (!first) return { problem: text.trim() === '' ? 'is empty' : 'does not start with the name of a setting' };
  segments.push({ kind: 'key', name: first[0] });
  let position = first[0].length;
  while (position < text.length) {
    const character = text[position]!;
    const rest = text.slice(position);
    if (character === '.') {
      const name = OVERRIDE_NAME.exec(rest.slice(1));
      if (!name) return { problem: `has no setting name after the dot at character ${position + 1}` };
      segments.push({ kind: 'key', name: name[0] });
      position += 1 + name[0].length;
    } else if (character === '[') {
      const selector = OVERRIDE_SELECTOR.exec(rest);
      if (!selector) return { problem: `opens a [ at character ${position + 1} that is never closed` };
      const inner = selector[1]!;
      if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(inner)) segments.push({ kind: 'id', id: inner });
      else return { problem: `has ${JSON.stringify(`[${inner}]`)} at character ${position + 1}, which is neither an index such as [0] nor an id such as [pre-sale]` };
      position += selector[0].length;
    } else {
      return { problem: `has an unexpected ${JSON.stringify(character)} at character ${position + 1}` };
    }
  }
  return { segments };
}

/** Segments → the text of the path, e.g. `problemTypes[sale].handleTime.mean`. */
export function formatOverridePath(segments: readonly OverrideSegment[]): string {
  return segments
    .map((segment, i) =>
      segment.kind === 'key' ? (i === 0 ? segment.name : `.${segment.name}`) : segment.kind === 'index' ? `[${segment.index}]` : `[${segment.id}]`,
    )
    .join('');
}

type OverrideProblem = { code: ErrorCode; message: string; hint: string };

function idsOf(list: readonly unknown[]): string[] {
  return list.map((entry) => field(entry, 'id')).filter((id): id is string => typeof id === 'string');
}

/**
 * Writes `value` at the path in `data` (in place) and returns the path with list entries as
 * indices; or what is wrong with the path. Setting names are checked against the schema,
 * so a setting the base leaves at its default (or an optional one) can be set too.
 */
function applyOverride(data: Record<string, unknown>, segments: readonly OverrideSegment[], value: unknown): { path: Path } | OverrideProblem {
  const path: Path = [];
  let container: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    const here = formatPath(path);
    if (segment.kind === 'key') {
      if (Array.isArray(container)) {
        const ids = idsOf(container);
        return {
          code: 'SCHEMA_TYPE',
          message: `${here} is a list, so .${segment.name} selects nothing in it`,
          hint: ids.includes(segment.name)
            ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'id', id: segment.name }, ...segments.slice(i + 1)])}?`
            : `pick an entry by index, ${here}[0]${ids.length > 0 ? `, or by id (${ids.join(', ')})` : ''}`,
        };
      }
      if (!isPlainObject(container)) {
        return {
          code: 'SCHEMA_TYPE',
          message: `${here} is ${describeValue(container)}, a single value with no settings inside, so it has no ${segment.name}`,
          hint: `set ${formatOverridePath(segments.slice(0, i))} itself`,
        };
      }
      if (path.length === 0 && segment.name === 'plans') {
        return { code: 'SCHEMA_CONFLICT', message: 'a plan cannot change the list of plans', hint: 'remove this entry; declare every plan in the base scenario' };
      }
      const allowed = allowedKeysAt(data, path).filter((key) => path.length > 0 || key !== 'plans');
      if (!allowed.includes(segment.name)) {
        const suggestion = closest(segment.name, allowed);
        const where = path.length === 0 ? 'at the top level' : `in ${here}`;
        return {
          code: 'SCHEMA_UNKNOWN_KEY',
          message: `${segment.name} is not a setting ${where}`,
          hint:
            suggestion !== undefined
              ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'key', name: suggestion }, ...segments.slice(i + 1)])}? (settings ${where}: ${allowed.join(', ')})`
              : `use one of the settings ${where}: ${allowed.join(', ')}`,
        };
      }
      path.push(segment.name);
      if (last) {
        container[segment.name] = value;
        return { path };
      }
      // An optional section the base does not have: start it empty, the value fills it in.
      if (container[segment.name] === undefined) container[segment.name] = {};
      container = container[segment.name];
      continue;
    }
    const selector = segment.kind === 'index' ? `[${segment.index}]` : `[${segment.id}]`;
    if (!Array.isArray(container)) {
      return {
        code: 'SCHEMA_TYPE',
        message: `${here} is ${describeValue(container)}, not a list, so ${selector} selects nothing`,
        hint: isPlainObject(container) ? `name one of its settings: ${Object.keys(container).map((key) => `${here}.${key}`).join(', ')}` : `set ${here} itself`,
      };
    }
    let index: number;
    if (segment.kind === 'index') {
      index = segment.index;
      if (index >= container.length) {
        const ids = idsOf(container);
        return {
          code: 'SCHEMA_RANGE',
          message: `${here} has ${container.length} ${container.length === 1 ? 'entry' : 'entries'}, so there is no ${here}${selector}`,
          hint: `use an index from 0 to ${container.length - 1}${ids.length > 0 ? `, or an id: ${ids.join(', ')}` : ''}; to add an entry, set the whole list, ${here}: [ … ]`,
        };
      }
    } else {
      const ids = idsOf(container);
      index = container.findIndex((entry) => field(entry, 'id') === segment.id);
      if (index < 0) {
        const suggestion = closest(segment.id, ids);
        return {
          code: 'SCHEMA_UNKNOWN_KEY',
          message: `no entry of ${here} has the id ${segment.id}`,
          hint:
            ids.length === 0
              ? `the entries of ${here} have no ids: select one by index, ${here}[0]`
              : suggestion !== undefined
                ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'id', id: suggestion }, ...segments.slice(i + 1)])}? (ids: ${ids.join(', ')})`
                : `use one of the ids: ${ids.join(', ')}`,
        };
      }
    }
    path.push(index);
    if (last) {
      container[index] = value;
      return { path };
    }
    container = container[index];
  }
  return { path };
}

/** Where a finding about the overridden scenario is shown: at a `set` entry (its key or value), or at the plan's `set`. */
interface OverrideTarget {
  /** The `set` key the finding is about; undefined for the plan as a whole. */
  readonly entry?: string;
  /** Path inside the entry's value. */
  readonly rest: Path;
  readonly anchor: Anchor;
}

type OverridePlacer = (finding: Finding, target: OverrideTarget) => Diagnostic;

function isPathPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** Schema and semantic findings for scenario data, and the typed scenario when the schema accepts it. */
function scenarioDataFindings(data: Record<string, unknown>, lineOf: (path: Path) => number): { findings: Finding[]; scenario?: ScenarioConfig } {
  const findings: Finding[] = [];
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) findings.push(...issueFindings(issue, [], { data }));
  findings.push(...semanticFindings(data, lineOf));
  return parsed.success ? { findings, scenario: parsed.data } : { findings };
}

function findingKey(finding: Finding): string {
  return `${finding.code}\u0000${formatPath(finding.path)}\u0000${finding.message}`;
}

function withoutPlans(scenario: ScenarioConfig): Record<string, unknown> {
  const { plans: _plans, ...rest } = scenario;
  return structuredClone(rest) as Record<string, unknown>;
}

/** Keys of the warnings the base scenario already has, so a plan reports only its own. */
function baselineWarnings(base: ScenarioConfig): Set<string> {
  return new Set(scenarioDataFindings(withoutPlans(base), () => 0).findings.map(findingKey));
}

const FIXED_REASONS: Record<string, string> = {
  run: "every plan runs with the base scenario's seed, days, warm-up and replications, so that all plans meet the same callers: remove it here, and change it in the base scenario (or use compare --seed / --replications)",
  money: "every plan counts money in the base scenario's currency and scales it to a year with the same open days: remove it here, and change it in the base scenario",
};

/**
 * Applies overrides (dotted path → value, in order) to a validated scenario and checks the
 * result with every check of the loader. `label` starts each message (e.g. `plans[1] (three-agents)`);
 * `place` decides where each finding is shown.
 */
function overrideScenario(
  base: ScenarioConfig,
  set: Readonly<Record<string, unknown>>,
  label: string,
  place: OverridePlacer,
  baseline: Set<string> = baselineWarnings(base),
): OverrideResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const data = withoutPlans(base);
  const applied: Array<{ key: string; path: Path }> = [];
  for (const [key, value] of Object.entries(set)) {
    const parsed = parseOverridePath(key);
    if ('problem' in parsed) {
      errors.push(
        place(
          { code: 'SCHEMA_FORMAT', path: [], message: `${label}: the path ${JSON.stringify(key)} ${parsed.problem}`, hint: OVERRIDE_PATH_HINT },
          { entry: key, rest: [], anchor: 'key' },
        ),
      );
      continue;
    }
    const result = applyOverride(data, parsed.segments, structuredClone(value));
    if ('code' in result) {
      errors.push(place({ code: result.code, path: [], message: `${label}: ${key}: ${result.message}`, hint: result.hint }, { entry: key, rest: [], anchor: 'key' }));
      continue;
    }
    applied.push({ key, path: result.path });
  }
  // With a bad path the other entries are still checked, so one typo does not hide the other
  // problems; findings about whole sections are then left out, as the missing entry may explain them.
  const pathErrors = errors.length > 0;

  // A finding belongs to the deepest entry that contains it (the last written, on a tie);
  // a finding about a whole section (shares that no longer add up) to the first entry inside it.
  const targetOf = (path: Path, anchor: Anchor): OverrideTarget & { inside?: boolean } => {
    let best: { key: string; path: Path } | undefined;
    for (const entry of applied) if (isPathPrefix(entry.path, path) && (best === undefined || entry.path.length >= best.path.length)) best = entry;
    if (best !== undefined) return { entry: best.key, rest: path.slice(best.path.length), anchor };
    const inside = applied.find((entry) => isPathPrefix(path, entry.path));
    if (inside !== undefined) return { entry: inside.key, rest: [], anchor: 'key', inside: true };
    return { rest: [], anchor: 'key' };
  };
  // Semantic checks cite other settings' lines ("already the id of … (line 12)"): the line where the plan shows them.
  const lineOf = (path: Path): number => place({ code: 'INTERNAL_ERROR', path, message: '' }, targetOf(path, 'value')).line;
  const { findings, scenario } = scenarioDataFindings(data, lineOf);
  for (const finding of dedupeFindings(findings)) {
    const severity = errorCatalogue[finding.code].severity;
    if (severity === 'warning' && baseline.has(findingKey(finding))) continue;
    const target = targetOf(finding.path, finding.anchor ?? 'value');
    if (pathErrors && (target.inside || target.entry === undefined)) continue;
    const section = formatPath(finding.path);
    const note =
      target.inside && target.entry !== undefined && finding.path.length > 0
        ? ` (the plan changes only ${target.entry}; the rest of ${section} comes from the base scenario: to replace all of it, set ${section}: …)`
        : '';
    const diagnostic = place(
      { ...finding, message: `${label}: ${finding.message}`, hint: `${finding.hint ?? errorCatalogue[finding.code].whatToDo}${note}` },
      target,
    );
    (severity === 'error' ? errors : warnings).push(diagnostic);
  }
  for (const fixed of FIXED_PLAN_SETTINGS) {
    const before = valueAt(base, [...fixed]);
    // Without a valid scenario only a value written in the plan can be compared (defaults are not applied).
    const after = valueAt(scenario ?? data, [...fixed]);
    if (isDeepStrictEqual(before, after)) continue;
    if (scenario === undefined && (after === undefined || findings.some((finding) => isPathPrefix([...fixed], finding.path)))) continue;
    errors.push(
      place(
        {
          code: 'SCHEMA_CONFLICT',
          path: [...fixed],
          message: `${label}: changes ${formatPath([...fixed])} from ${describeValue(before)} to ${describeValue(after)}, which a plan cannot change`,
          hint: FIXED_REASONS[fixed[0]]!,
        },
        targetOf([...fixed], 'value'),
      ),
    );
  }
  if (errors.length > 0 || scenario === undefined) return { ok: false, errors, warnings };
  return { ok: true, scenario, warnings };
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = findingKey(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Applies overrides (dotted path → value, applied in order) to a validated scenario and
 * validates the result with every check of the loader. Pure. For plans built in code (a
 * sweep over `agents.count`, say); diagnostics carry `label` as their file, position 1:1,
 * and the override's key as their path.
 */
export function applyOverrides(base: ScenarioConfig, set: Readonly<Record<string, unknown>>, label = 'overrides'): OverrideResult {
  return overrideScenario(base, set, label, (finding, target) => ({
    code: finding.code,
    severity: errorCatalogue[finding.code].severity,
    file: label,
    line: 1,
    column: 1,
    message: finding.message,
    hint: finding.hint ?? errorCatalogue[finding.code].whatToDo,
    path: target.entry !== undefined ? [target.entry, ...target.rest] : [],
  }));
}

/**
 * Applies each of a scenario's `plans` to it and validates the results. With the file's
 * `source` (from {@link LoadResult}), problems point at the plan's lines in the file;
 * the loader has then already reported them, so this only fails for scenarios built in code.
 */
export function resolvePlans(scenario: ScenarioConfig, source?: { file: string; text: string }): PlansResult {
  let locator: Locator<ErrorCode> | undefined;
  const locate = (): Locator<ErrorCode> | undefined => {
    if (source === undefined) return undefined;
    locator ??= locatorFor(source.text, source.file, errorCatalogue);
    return locator;
  };
  return resolvePlansWith(scenario, source?.file ?? scenario.name, locate);
}

function resolvePlansWith(scenario: ScenarioConfig, file: string, locate: () => Locator<ErrorCode> | undefined): PlansResult {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const plans: ResolvedPlan[] = [];
  const baseline = baselineWarnings(scenario);
  const placeAt = (finding: Finding, path: Path, anchor: Anchor): Diagnostic => {
    const locator = locate();
    if (locator !== undefined) return locator.diagnostic({ ...finding, path, anchor });
    return {
      code: finding.code,
      severity: errorCatalogue[finding.code].severity,
      file,
      line: 1,
      column: 1,
      message: finding.message,
      hint: finding.hint ?? errorCatalogue[finding.code].whatToDo,
      path,
    };
  };
  const firstIndex = new Map<string, number>();
  (scenario.plans ?? []).forEach((plan, index) => {
    const first = firstIndex.get(plan.name);
    if (first !== undefined) {
      errors.push(
        placeAt(
          {
            code: 'DUPLICATE_ID',
            path: [],
            message: `plans[${index}].name is ${JSON.stringify(plan.name)}, already the name of plans[${first}] (line ${placeAt({ code: 'INTERNAL_ERROR', path: [], message: '' }, ['plans', first, 'name'], 'value').line})`,
            hint: 'give each plan a different name: compare --plan picks plans by name',
          },
          ['plans', index, 'name'],
          'value',
        ),
      );
    } else firstIndex.set(plan.name, index);
    const label = `plans[${index}] (${plan.name})`;
    const result = overrideScenario(
      scenario,
      plan.set,
      label,
      (finding, target) =>
        placeAt(finding, ['plans', index, 'set', ...(target.entry !== undefined ? [target.entry, ...target.rest] : [])], target.anchor),
      baseline,
    );
    warnings.push(...result.warnings);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    plans.push({
      index,
      name: plan.name,
      ...(plan.description !== undefined ? { description: plan.description } : {}),
      set: plan.set,
      scenario: result.scenario,
    });
  });
  const sortedWarnings = dedupe(warnings).sort(compareDiagnostics);
  if (errors.length > 0) return { ok: false, errors: dedupe(errors).sort(compareDiagnostics), warnings: sortedWarnings };
  return { ok: true, plans, warnings: sortedWarnings };
}

/** An agent group's skill that names no problem type. */
function unknownSkill(skill: string, path: Array<string | number>, where: string, problemIds: readonly string[]): Finding {
  const suggestion = closest(skill, problemIds);
  const known = `problem types: ${problemIds.join(', ')}`;
  return {
    code: 'UNKNOWN_PROBLEM',
    path,
    message: `${where} is ${JSON.stringify(skill)}, but no problem type has that id`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (${known})` : `use one of the ids (${known})`,
  };
}
