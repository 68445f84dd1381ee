/**
 * `lint`: every problem of a call script, each at its exact YAML position.
 *
 * Pure: text in, diagnostics out (no I/O). Three stages, each collecting findings:
 * 1. YAML (syntax, duplicate keys, aliases) — yamlSource.ts;
 * 2. shape (zod schema: kinds of value, ranges, formats, unknown keys) — issues.ts;
 * 3. the script as a graph ({@link lintFindings}), once the shape is right:
 *
 * | code | what is detected |
 * | --- | --- |
 * | SCRIPT_DUPLICATE_ID | two nodes, two options of one node, or two criteria of a custom rubric with one id |
 * | SCRIPT_UNKNOWN_GOTO | `start`, an option's, fallback's or timeout's `goto` naming no node |
 * | SCRIPT_TERMINAL_WITH_OPTIONS | a node with an `outcome` that also has options, fallback or timeout |
 * | SCRIPT_UNREACHABLE_NODE | a node no chain of gotos from `start` leads to (warning) |
 * | SCRIPT_DEAD_END | a node without outcome, options, fallback or timeout |
 * | SCRIPT_CYCLE_WITHOUT_EXIT | a loop of nodes from which no goto leads to an outcome |
 * | SCRIPT_UNKNOWN_TAG | an option tag neither in the vocabulary nor in the script's custom rubric |
 * | SCRIPT_UNKNOWN_EFFECT | an effect key other than patience, mood, intent, value |
 * | SCRIPT_MISSING_TRANSLATION | a text (or placeholder pool) lacking a language the script declares |
 * | SCRIPT_UNKNOWN_PLACEHOLDER | a `{key}` that is neither built in nor under `placeholders:` |
 * | SCRIPT_UNKNOWN_CHOICE | a `chose`/`notChose` reference to no option |
 * | SCRIPT_OPTION_NEVER_AVAILABLE | (warning) conditions that can never hold, see below |
 * | SCRIPT_CONDITION_PROFILE | (warning) a bound the declared caller can never reach, see below |
 * | SCRIPT_NO_FALLBACK | a node without fallback where some caller state leaves no option available |
 *
 * "Never available" is decided conservatively — only what holds whatever the caller does:
 * a `min` above the `max` of the same bound; `patience.max: 0` (a caller with no patience
 * left has hung up); the same option in `chose` and `notChose`; `once` together with
 * `chose` of the option itself; `chose` of an option whose goto cannot lead (through any
 * chain of gotos) back to this node, so it can never have been chosen before; `elapsed.max`
 * below the shortest time in which any path of gotos reaches the node.
 *
 * "Condition profile": with the caller the script declares (`caller:`), mood, intent and
 * patience can only rise if some option, fallback or timeout raises them (and only fall if
 * some lowers them; patience always falls with time). A bound beyond what that allows is
 * reported as a warning: another caller (from a scenario) might still meet it.
 *
 * "No fallback" is exact for the bounds and `once` of the node's own options: every
 * combination of values at the bounds they mention (and between them) and of the choices
 * they name is tried; if one leaves no option available, the node needs a fallback. Choices
 * named are treated as independent, so a combination the script's paths rule out may still
 * be reported (add a fallback, it is never wrong). A `once` option counts as possibly used
 * up only if its own goto leads, through any chain of gotos, back to its node.
 *
 * The rules live in lint/ by what they look at: the graph of gotos (scriptGraph.ts) and its
 * structure (structure.ts), tags and effects (vocabulary.ts), texts and placeholders
 * (texts.ts), conditions (conditions.ts) and missing fallbacks (fallback.ts). This module runs
 * the stages and the rules in order, and is the entry: import from here.
 */
import {
  compareScriptDiagnostics,
  type ScriptDiagnostic,
} from './errors.ts';
import { issueFindings, isPlainObject } from './issues.ts';
import { callScriptSchema, type CallScript } from './schema.ts';
import { dedupeDiagnostics as dedupe } from '../yaml/diagnostic.ts';
import { makeDiagnostic, parseYaml, type Finding, type Locator } from './yamlSource.ts';
import { conditionFindings } from './lint/conditions.ts';
import { fallbackFindings } from './lint/fallback.ts';
import { buildGraph } from './lint/scriptGraph.ts';
import { cyclesWithoutExit, duplicateIds, findDeadEnds, terminalsWithOptions, unknownGotos, unreachableNodes } from './lint/structure.ts';
import { placeholderFindings, translationFindings } from './lint/texts.ts';
import { effectFindings, tagFindings } from './lint/vocabulary.ts';

/** Result of checking a script's text: the typed script if its shape is right, and every diagnostic. */
export interface ScriptCheck {
  /** The parsed script when YAML and schema passed (lint errors may remain in `errors`). */
  readonly script: CallScript | undefined;
  readonly errors: readonly ScriptDiagnostic[];
  readonly warnings: readonly ScriptDiagnostic[];
}

/** Checks a call script's text: YAML, schema and every lint rule. Pure; never throws. */
export function lintScriptText(text: string, file: string): ScriptCheck {
  try {
    const parsed = parseYaml(text, file);
    if (!parsed.ok) return split([...parsed.errors, ...parsed.warnings], undefined);
    const { data, locator } = parsed;
    if (!isPlainObject(data)) {
      const diagnostic = locator.diagnostic({
        code: 'SCHEMA_TYPE',
        path: [],
        message: `the file holds ${Array.isArray(data) ? 'a list' : 'a single value'}, not a call script`,
        hint: 'write a map of settings starting with id:, title:, language:, rubric:, caller:, start: and nodes:',
      });
      return split([diagnostic, ...parsed.warnings], undefined);
    }
    const result = callScriptSchema.safeParse(data);
    if (!result.success) {
      const diagnostics = dedupe(issueFindings(result.error.issues, data).map((finding) => locator.diagnostic(finding)));
      return split([...diagnostics, ...parsed.warnings], undefined);
    }
    return split([...lintCallScript(result.data, locator), ...parsed.warnings], result.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return split([makeDiagnostic('INTERNAL_ERROR', file, `the script checker failed on this file (${message})`)], undefined);
  }
}

function split(diagnostics: ScriptDiagnostic[], script: CallScript | undefined): ScriptCheck {
  const sorted = [...diagnostics].sort(compareScriptDiagnostics);
  return {
    script,
    errors: sorted.filter((d) => d.severity === 'error'),
    warnings: sorted.filter((d) => d.severity === 'warning'),
  };
}

/**
 * Lint rules on a script that already matches the schema, positioned with `locator`
 * (without one, every diagnostic is at 1:1 of `<script>`: useful for scripts built in code).
 */
export function lintCallScript(script: CallScript, locator?: Locator): ScriptDiagnostic[] {
  const findings = lintFindings(script);
  const diagnostics = findings.map((finding) =>
    locator !== undefined
      ? locator.diagnostic(finding)
      : makeDiagnostic(finding.code, '<script>', finding.message, finding.hint, 1, 1, finding.path),
  );
  return dedupe(diagnostics).sort(compareScriptDiagnostics);
}

/** Every lint finding of a script (paths, no positions), in rule order. */
export function lintFindings(script: CallScript): Finding[] {
  const findings: Finding[] = [];
  const graph = buildGraph(script);
  const nodeIds = [...graph.index.keys()];

  findings.push(...duplicateIds(script));
  findings.push(...unknownGotos(script, graph, nodeIds));
  findings.push(...terminalsWithOptions(script));

  const start = graph.index.get(script.start);
  findings.push(...unreachableNodes(script, graph, start));

  const deadEnds = findDeadEnds(script);
  findings.push(...deadEnds.findings);
  findings.push(...cyclesWithoutExit(graph, deadEnds.nodes));

  findings.push(...tagFindings(script));
  findings.push(...effectFindings(script));
  findings.push(...translationFindings(script));
  findings.push(...placeholderFindings(script));
  findings.push(...conditionFindings(script, graph, start));
  findings.push(...fallbackFindings(script, graph, start));
  return findings;
}
