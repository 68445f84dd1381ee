/**
 * The call-script error catalogue: every problem the script loader and `lint` can report.
 *
 * Diagnostics have exactly the shape and the one-line format of scenario diagnostics
 * (src/scenario/errors.ts), so `validate` and `lint` read alike and tools can parse both.
 * File, YAML and schema codes keep the scenario's names (FILE_*, YAML_*, SCHEMA_*); the
 * codes only scripts have start with SCRIPT_. Codes are stable: tools and tests match on them.
 */
import { compareFileDiagnostics, formatFileDiagnostic, type ErrorCodeInfo, type FileDiagnostic } from '../yaml/diagnostic.ts';

export type { ErrorCodeInfo, Severity } from '../yaml/diagnostic.ts';

/** Every code the script loader and linter report, with why it exists and the default advice. */
export const scriptErrorCatalogue = {
  FILE_NOT_FOUND: {
    severity: 'error',
    title: 'File not found',
    why: 'There is no file at the given path, so there is no call script to read.',
    whatToDo: 'check the path and the file name (call scripts end in .yaml)',
  },
  FILE_UNREADABLE: {
    severity: 'error',
    title: 'File cannot be read',
    why: 'The file exists but cannot be read as UTF-8 text (permissions, a folder, binary or wrongly encoded content, or too large).',
    whatToDo: 'make sure the path names a readable YAML text file saved as UTF-8',
  },
  FILE_TOO_LARGE: {
    severity: 'error',
    title: 'File too large',
    why: 'A call script is a few kilobytes; a file of megabytes is almost surely the wrong file, and reading it could exhaust memory.',
    whatToDo: 'check that the path names the call script you meant',
  },
  FILE_EMPTY: {
    severity: 'error',
    title: 'File is empty',
    why: 'The file has no content besides whitespace and comments, so it describes no call script.',
    whatToDo: 'write a call script with at least id, title, language, rubric, caller, start and nodes',
  },
  YAML_SYNTAX: {
    severity: 'error',
    title: 'YAML syntax error',
    why: 'The text is not valid YAML, so it cannot be turned into a script.',
    whatToDo: 'fix the YAML at this position (indentation with spaces, matching quotes and brackets)',
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error',
    title: 'Duplicate key',
    why: 'A key appears twice in the same map; one of the two values would be silently ignored.',
    whatToDo: 'remove or rename one of the two keys',
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error',
    title: 'Too many alias expansions',
    why: 'Aliases (*name) expand to so many nodes that reading the file could exhaust memory (an "alias bomb").',
    whatToDo: 'write the values out, or use far fewer nested aliases',
  },
  YAML_UNDEFINED_ALIAS: {
    severity: 'error',
    title: 'Alias to an undefined anchor',
    why: 'An alias (*name) refers to an anchor (&name) that is not defined before it.',
    whatToDo: 'define the anchor &name before the alias, or fix the spelling',
  },
  YAML_TOO_DEEP: {
    severity: 'error',
    title: 'Nested too deeply',
    why: 'Lists and maps nest far deeper than any call script needs; reading such a file could exhaust the stack.',
    whatToDo: 'flatten the nesting',
  },
  YAML_WARNING: {
    severity: 'warning',
    title: 'YAML warning',
    why: 'The YAML is readable but contains something the reader ignored or interpreted (for example an unknown !tag).',
    whatToDo: 'remove the construct the warning points at',
  },
  SCHEMA_MISSING: {
    severity: 'error',
    title: 'Required setting missing',
    why: 'A setting that has no sensible default is missing.',
    whatToDo: 'add the setting',
  },
  SCHEMA_TYPE: {
    severity: 'error',
    title: 'Wrong kind of value',
    why: 'A setting has the wrong kind of value (text where a number is needed, a list where a map is needed…).',
    whatToDo: 'give the setting a value of the right kind',
  },
  SCHEMA_UNKNOWN_KEY: {
    severity: 'error',
    title: 'Unknown setting',
    why: 'A key is not a setting of call scripts; a misspelt setting would otherwise be silently ignored.',
    whatToDo: 'fix the spelling or remove the key',
  },
  SCHEMA_RANGE: {
    severity: 'error',
    title: 'Value out of range',
    why: 'A number, list or text is outside the range the setting allows (mood above 1, negative durations, empty lists…).',
    whatToDo: 'use a value inside the allowed range',
  },
  SCHEMA_FORMAT: {
    severity: 'error',
    title: 'Badly formatted text',
    why: 'A text setting (id, duration, choice reference) does not follow its format.',
    whatToDo: 'write the value in the format shown',
  },
  SCHEMA_ENUM: {
    severity: 'error',
    title: 'Not one of the allowed words',
    why: 'The setting accepts only a fixed set of words (a language, a built-in rubric, an outcome).',
    whatToDo: 'use one of the allowed words',
  },
  SCRIPT_UNKNOWN_GOTO: {
    severity: 'error',
    title: 'Goto to an unknown node',
    why: 'start, an option, a fallback or a timeout names a node that does not exist, so the call would stop there.',
    whatToDo: 'use the id of a node, or add a node with this id',
  },
  SCRIPT_UNREACHABLE_NODE: {
    severity: 'warning',
    title: 'Node never reached',
    why: 'No path of gotos from the start node leads to this node, so nobody will ever hear it (often a misspelt goto).',
    whatToDo: 'point a goto at it, or remove the node',
  },
  SCRIPT_DEAD_END: {
    severity: 'error',
    title: 'Node with no way out',
    why: 'The node is not an outcome but has no options, no fallback and no timeout, so the call gets stuck there.',
    whatToDo: 'add options, a fallback or a timeout, or give the node an outcome',
  },
  SCRIPT_CYCLE_WITHOUT_EXIT: {
    severity: 'error',
    title: 'Loop that never ends the call',
    why: 'Once the call enters these nodes no goto ever leads to an outcome: only the caller running out of patience ends it.',
    whatToDo: 'add an option, fallback or timeout that leads out of the loop to an outcome',
  },
  SCRIPT_OPTION_NEVER_AVAILABLE: {
    severity: 'warning',
    title: 'Option that can never be chosen',
    why: 'The option’s conditions can never all hold (contradictory bounds, a choice that cannot have been made before this node, `once` with its own choice required…), so the agent never sees it.',
    whatToDo: 'fix or remove the condition, or remove the option',
  },
  SCRIPT_CONDITION_PROFILE: {
    severity: 'warning',
    title: 'Condition never met by the expected caller',
    why: 'With the caller profile the script declares and the effects its options have, the caller’s mood, intent or patience never gets where the condition needs it.',
    whatToDo: 'change the bound, the caller profile, or add options whose effects get the caller there',
  },
  SCRIPT_NO_FALLBACK: {
    severity: 'error',
    title: 'All options may be unavailable, and no fallback',
    why: 'Every option of the node has conditions (or is `once` on a node that can be revisited) and together they do not cover every caller state; when none holds, the call would be stuck.',
    whatToDo: 'add a fallback (fallback: { goto: … }) or an option without conditions',
  },
  SCRIPT_UNKNOWN_TAG: {
    severity: 'error',
    title: 'Unknown rubric tag',
    why: 'Options are scored by their tags; a tag that is neither in the tag vocabulary nor in the script’s own rubric would never score (often a typo).',
    whatToDo: 'use a known tag, or add it to a criterion of a custom rubric',
  },
  SCRIPT_UNKNOWN_EFFECT: {
    severity: 'error',
    title: 'Unknown effect',
    why: 'Effects change the caller’s patience, mood, intent or order value; any other key would be silently ignored.',
    whatToDo: 'use patience, mood, intent or value',
  },
  SCRIPT_DUPLICATE_ID: {
    severity: 'error',
    title: 'Duplicate id',
    why: 'Gotos, conditions and reports name nodes, options and rubric criteria by id, so each must be unique where it is defined.',
    whatToDo: 'give each one a different id',
  },
  SCRIPT_MISSING_TRANSLATION: {
    severity: 'error',
    title: 'Missing translation',
    why: 'The script declares several languages, but this text is not written in one of them, so that language would show nothing or the wrong language.',
    whatToDo: 'write the text in every language of the script, e.g. { it: "…", en: "…" }',
  },
  SCRIPT_UNKNOWN_PLACEHOLDER: {
    severity: 'error',
    title: 'Unknown placeholder',
    why: 'A {placeholder} in a text is neither built in nor defined under placeholders:, so it would be shown as written.',
    whatToDo: 'use a built-in placeholder or define it under placeholders:',
  },
  SCRIPT_UNKNOWN_CHOICE: {
    severity: 'error',
    title: 'Condition on an unknown option',
    why: 'chose/notChose name options as option or node.option; this one names no option of the script, so the condition is meaningless.',
    whatToDo: 'use the id of an option (node.option to name the one of a given node)',
  },
  SCRIPT_TERMINAL_WITH_OPTIONS: {
    severity: 'error',
    title: 'Outcome node with options',
    why: 'A node with an outcome ends the call, so its options, fallback and timeout could never be used.',
    whatToDo: 'remove the outcome, or move the options to another node',
  },
  INTERNAL_ERROR: {
    severity: 'error',
    title: 'Internal error in the script loader',
    why: 'The loader failed unexpectedly on this input; this is a bug in callfloor, not in the script.',
    whatToDo: 'please report it with the script file attached',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** Stable identifier of a kind of script problem; see {@link scriptErrorCatalogue}. */
export type ScriptErrorCode = keyof typeof scriptErrorCatalogue;

/** Every script code, in catalogue order. */
export const scriptErrorCodes = Object.keys(scriptErrorCatalogue) as ScriptErrorCode[];

export function isScriptErrorCode(code: string): code is ScriptErrorCode {
  return Object.hasOwn(scriptErrorCatalogue, code);
}

/** A problem found in a call script: the shared {@link FileDiagnostic} shape with a script code. */
export type ScriptDiagnostic = FileDiagnostic<ScriptErrorCode>;

/** `file:line:col  CODE  message — hint` (warnings: `warning CODE`), exactly as for scenarios. */
export function formatScriptDiagnostic(d: ScriptDiagnostic): string {
  return formatFileDiagnostic(d);
}

/** One line per diagnostic, no trailing newline. */
export function formatScriptDiagnostics(diagnostics: readonly ScriptDiagnostic[]): string {
  return diagnostics.map(formatScriptDiagnostic).join('\n');
}

/** Position order; ties keep their order (Array.prototype.sort is stable). */
export const compareScriptDiagnostics: (a: ScriptDiagnostic, b: ScriptDiagnostic) => number = compareFileDiagnostics;
