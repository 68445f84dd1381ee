/**
 * Scenario text → typed scenario, with every problem reported at once and at its position.
 *
 * Stages, each collecting diagnostics instead of throwing:
 * 1. text → YAML document (syntax, duplicate keys, alias limits; src/yaml does the YAML);
 * 2. document → plain data → zod schema (types, ranges, formats, unknown keys);
 * 3. semantic checks that the schema cannot express (checks/). They run on every part of
 *    the file that is well formed, so one typo does not hide the other problems;
 * 4. once the base is valid, its plans (plans/), each the base with its overrides applied.
 * Every finding carries the path of the setting; positions come from the YAML nodes.
 */
import { dedupeDiagnostics as dedupe, describeValue, errorText, isPlainObject, makeFileDiagnostic, parseYamlText, stripBom } from '../yaml/index.ts';
import { scenarioDataFindings } from './dataFindings.ts';
import { compareDiagnostics, errorCatalogue, type Diagnostic, type ErrorCode } from './errors.ts';
import { MAX_ALIAS_COUNT, MAX_DEPTH } from './limits.ts';
import type { LoadResult } from './loadResult.ts';
import { resolvePlansWith } from './plans/resolve.ts';

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

function fileDiagnostic(code: ErrorCode, file: string, message: string, hint?: string): Diagnostic {
  return makeFileDiagnostic(errorCatalogue, code, file, message, hint);
}

/** An exception of the loader as a diagnostic, never a stack trace. */
export function crashDiagnostic(file: string, error: unknown): Diagnostic {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return fileDiagnostic('YAML_TOO_DEEP', file, 'the file is nested too deeply to be read', 'flatten the deeply nested lists or maps');
  }
  return fileDiagnostic('INTERNAL_ERROR', file, `the loader failed on this file (${errorText(error)})`, errorCatalogue.INTERNAL_ERROR.whatToDo);
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

  const { findings, scenario } = scenarioDataFindings(data, (path) => locator.position(path, 'value').line);
  const diagnostics = dedupe(findings.map((finding) => locator.diagnostic(finding)));
  const errors = diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
  warnings.push(...diagnostics.filter((d) => d.severity === 'warning'));
  warnings.sort(compareDiagnostics);
  if (errors.length > 0 || scenario === undefined) return failure(errors, warnings);
  if (scenario.plans !== undefined && scenario.plans.length > 0) {
    // Plans are checked once the base is valid: each is the base with its overrides applied.
    const plans = resolvePlansWith(scenario, file, () => locator);
    warnings.push(...plans.warnings);
    warnings.sort(compareDiagnostics);
    if (!plans.ok) return failure(plans.errors, warnings);
  }
  return { ok: true, scenario, warnings, source: { file, text: stripBom(rawText) } };
}

function failure(errors: Diagnostic[], warnings: Diagnostic[]): LoadResult {
  return { ok: false, errors: [...errors].sort(compareDiagnostics), warnings: [...warnings].sort(compareDiagnostics) };
}
