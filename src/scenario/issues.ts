/**
 * zod issues → scenario findings: the wording every loader shares (src/yaml/zodIssues.ts),
 * with detailed advice in the words of scenarios — examples by path, the whole range of a
 * number, distributions and durations, formats of times and windows, settings that moved.
 */
import { closest, formatNumber, isPlainObject, listWords, valueAt, type Path } from '../yaml/index.ts';
import { SCHEMA_CODES, zodIssueFindings, type Issue, type IssueWording } from '../yaml/zodIssues.ts';
import type { ErrorCode } from './errors.ts';
import type { Finding } from './finding.ts';
import { ALTERNATIVE_HINTS, CONFLICT_HINTS, DISTRIBUTION_EXAMPLES, EXAMPLES, FORMAT_HINTS, formatKind, ITEM_NOUNS, REPLACED_SETTINGS, suggestFormat } from './help.ts';
import { durationSchema } from './schema.ts';
import {
  acceptsDistribution,
  allowedKeysAt,
  distributionCatalogue,
  distributionList,
  isDurationField,
  numberBoundsAt,
  sectionOwning,
} from './schemaPaths.ts';
import { formatPath } from './words.ts';

/** A missing field of a distribution: the fields that distribution needs, with an example. */
function missingDistributionField(data: unknown, path: Path): string | undefined {
  const parent = valueAt(data, path.slice(0, -1));
  if (!isPlainObject(parent) || typeof parent.dist !== 'string' || !DISTRIBUTION_EXAMPLES[parent.dist]) return undefined;
  const key = String(path[path.length - 1] ?? '');
  const entry = distributionCatalogue().find((d) => d.name === parent.dist);
  return `a ${parent.dist} distribution needs ${listWords(entry?.fields.filter((f) => !f.endsWith('?')) ?? [key], 'and')}, e.g. ${DISTRIBUTION_EXAMPLES[parent.dist]}`;
}

const SCENARIO_WORDING: IssueWording<ErrorCode> = {
  codes: { ...SCHEMA_CODES, conflict: 'SCHEMA_CONFLICT' },
  advice: 'detailed',
  unionMismatch: 'whole',
  root: 'the scenario',
  map: 'a map of settings',
  examples: EXAMPLES,
  itemNouns: ITEM_NOUNS,
  alternativeHints: ALTERNATIVE_HINTS,
  conflictHints: CONFLICT_HINTS,
  suggest: closest,
  allowedKeys: allowedKeysAt,
  formatAdvice: (issue, raw, described) => {
    const kind = formatKind(issue);
    return { suggestion: typeof raw === 'string' ? suggestFormat(kind, raw) : undefined, advice: FORMAT_HINTS[kind] ?? `write ${described}` };
  },
  numberBounds: numberBoundsAt,
  phrase: (expected, data, path) => {
    if (expected === 'object' && acceptsDistribution(data, path)) return 'a distribution such as { dist: exponential, mean: 120 }';
    if ((expected === 'number' || expected === 'string') && isDurationField(data, path)) return 'a duration: a number of seconds, or text such as 20s, 15min or 1.5h';
    return undefined;
  },
  durationAdvice: (data, path) => (isDurationField(data, path) ? FORMAT_HINTS.duration : undefined),
  secondsOf: (text) => {
    const seconds = durationSchema.safeParse(text);
    return seconds.success ? seconds.data : undefined;
  },
  numberInsteadOfMap: (data, path, value) =>
    acceptsDistribution(data, path)
      ? `a number alone is not a distribution: write { dist: deterministic, value: ${formatNumber(value)} } for a fixed value, or { dist: exponential, mean: ${formatNumber(value)} } for a random one`
      : undefined,
  missingHint: missingDistributionField,
  replaced: (path) => REPLACED_SETTINGS[formatPath(path)],
  home: sectionOwning,
  discriminated: (discriminator) => (discriminator === 'dist' ? { noun: 'distribution', known: `distributions: ${distributionList()}` } : undefined),
};

/** Findings for the issues of a failed parse of scenario data. */
export function scenarioIssueFindings(issues: readonly Issue[], data: unknown): Finding[] {
  return zodIssueFindings(issues, data, SCENARIO_WORDING);
}
