/**
 * Plans: named overrides of the base scenario, each applied to it and validated, with
 * problems at the plan's lines in the file when its text is at hand.
 */
import { dedupeDiagnostics as dedupe, locatorFor, type Anchor, type Locator, type Path } from '../../yaml/index.ts';
import { compareDiagnostics, errorCatalogue, type Diagnostic, type ErrorCode } from '../errors.ts';
import type { Finding } from '../finding.ts';
import type { ScenarioConfig } from '../schema.ts';
import { baselineWarnings, overrideScenario } from './override.ts';

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

/**
 * Applies each of a scenario's `plans` to it and validates the results. With the file's
 * `source` (from a `LoadResult`), problems point at the plan's lines in the file;
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

/** {@link resolvePlans} with a locator made on demand (the loader passes the one it has). */
export function resolvePlansWith(scenario: ScenarioConfig, file: string, locate: () => Locator<ErrorCode> | undefined): PlansResult {
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
