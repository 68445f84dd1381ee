/**
 * Loading the call scripts a scenario names (I/O, used by `loadScenarioFile`): every
 * `problemTypes[].script` and every plan setting whose path ends in `script` is a path relative
 * to the scenario file; each is read and linted like `callfloor lint` does, and the loaded
 * script takes the path's place in the scenario, so the simulator (pure) has everything it
 * needs. A missing or broken script is reported at the scenario's file:line:col.
 */
import { dirname, join } from 'node:path';
import { loadCallScriptFile, type ScriptLoadResult } from '../callscripts/load.ts';
import type { CallScript } from '../callscripts/schema.ts';
import { compareDiagnostics, errorCatalogue, type Diagnostic, type ErrorCode } from './errors.ts';
import type { LoadResult } from './loadResult.ts';
import { positions } from './positions.ts';
import type { ScenarioConfig } from './schema.ts';
import { formatPath } from './words.ts';

/** A script path written in the scenario, and where. */
interface ScriptReference {
  readonly path: readonly (string | number)[];
  readonly written: string;
}

/** A plan setting that replaces a problem type's script, e.g. `problemTypes[pre-vendita].script`. */
const PLAN_SCRIPT_KEY = /(^|[.\]])script$/;

function references(scenario: ScenarioConfig): ScriptReference[] {
  const found: ScriptReference[] = [];
  scenario.problemTypes.forEach((problem, index) => {
    if (typeof problem.script === 'string') found.push({ path: ['problemTypes', index, 'script'], written: problem.script });
  });
  (scenario.plans ?? []).forEach((plan, index) => {
    for (const [key, value] of Object.entries(plan.set)) {
      if (PLAN_SCRIPT_KEY.test(key) && typeof value === 'string') found.push({ path: ['plans', index, 'set', key], written: value });
    }
  });
  return found;
}

/** Reads the scripts a valid scenario names and puts them in place of their paths; diagnostics for those that do not load. */
export async function attachScripts(result: LoadResult): Promise<LoadResult> {
  if (!result.ok) return result;
  const found = references(result.scenario);
  if (found.length === 0) return result;
  const folder = dirname(result.source.file);
  const loads = new Map<string, Promise<ScriptLoadResult>>();
  for (const { written } of found) {
    const file = join(folder, written);
    if (!loads.has(file)) loads.set(file, loadCallScriptFile(file));
  }
  const scripts = new Map<string, CallScript>();
  const errors: Diagnostic[] = [];
  const position = positions(result.source.text);
  for (const reference of found) {
    const loaded = await loads.get(join(folder, reference.written))!;
    if (loaded.ok) {
      scripts.set(reference.written, loaded.script);
      continue;
    }
    const first = loaded.errors[0]!;
    const code: ErrorCode = first.code.startsWith('FILE_') ? 'SCRIPT_NOT_FOUND' : 'SCRIPT_INVALID';
    const more = loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more)` : '';
    const { line, column } = position(reference.path);
    errors.push({
      code,
      severity: 'error',
      file: result.source.file,
      line,
      column,
      message: `${formatPath(reference.path)} is ${JSON.stringify(reference.written)}, which does not load: ${first.file}:${first.line}:${first.column}  ${first.code}  ${first.message}${more}`,
      hint:
        code === 'SCRIPT_NOT_FOUND'
          ? errorCatalogue.SCRIPT_NOT_FOUND.whatToDo
          : `run callfloor lint ${join(folder, reference.written)} and fix what it reports`,
      path: [...reference.path],
    });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort(compareDiagnostics), warnings: result.warnings };
  return { ...result, scenario: withScripts(result.scenario, scripts) };
}

/** The scenario with every script path replaced by its loaded script. */
function withScripts(scenario: ScenarioConfig, scripts: ReadonlyMap<string, CallScript>): ScenarioConfig {
  const loaded = (value: unknown): unknown => (typeof value === 'string' && scripts.has(value) ? scripts.get(value) : value);
  return {
    ...scenario,
    problemTypes: scenario.problemTypes.map((problem) => (problem.script === undefined ? problem : { ...problem, script: loaded(problem.script) as CallScript })),
    ...(scenario.plans !== undefined
      ? {
          plans: scenario.plans.map((plan) => ({
            ...plan,
            set: Object.fromEntries(Object.entries(plan.set).map(([key, value]) => [key, PLAN_SCRIPT_KEY.test(key) ? loaded(value) : value])),
          })),
        }
      : {}),
  };
}
