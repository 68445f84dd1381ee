/**
 * Overrides applied to a validated scenario and checked with every check of the loader:
 * what a plan changes, and what a sweep or a comparison builds in code.
 */
import { isDeepStrictEqual } from 'node:util';
import { describeValue, valueAt, type Anchor, type Path } from '../../yaml/index.ts';
import { scenarioDataFindings } from '../dataFindings.ts';
import { errorCatalogue, type Diagnostic } from '../errors.ts';
import type { Finding } from '../finding.ts';
import type { ScenarioConfig } from '../schema.ts';
import { formatPath } from '../words.ts';
import { applyOverride } from './applyOverride.ts';
import { OVERRIDE_PATH_HINT, parseOverridePath } from './overridePath.ts';

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

/** A scenario with overrides applied, or every problem found. */
export type OverrideResult =
  | { ok: true; scenario: ScenarioConfig; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** Where a finding about the overridden scenario is shown: at a `set` entry (its key or value), or at the plan's `set`. */
export interface OverrideTarget {
  /** The `set` key the finding is about; undefined for the plan as a whole. */
  readonly entry?: string;
  /** Path inside the entry's value. */
  readonly rest: Path;
  readonly anchor: Anchor;
}

export type OverridePlacer = (finding: Finding, target: OverrideTarget) => Diagnostic;

function isPathPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

function findingKey(finding: Finding): string {
  return `${finding.code}\u0000${formatPath(finding.path)}\u0000${finding.message}`;
}

function withoutPlans(scenario: ScenarioConfig): Record<string, unknown> {
  const { plans: _plans, ...rest } = scenario;
  return structuredClone(rest) as Record<string, unknown>;
}

/** Keys of the warnings the base scenario already has, so a plan reports only its own. */
export function baselineWarnings(base: ScenarioConfig): Set<string> {
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
export function overrideScenario(
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
