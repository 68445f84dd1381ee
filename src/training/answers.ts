/**
 * Answers files: a call played without a terminal (CI, pipes, demos).
 *
 * Two forms, both YAML (or JSON):
 *
 * ```yaml
 * # the options in the order they are chosen
 * - hear
 * - empathize
 * - { option: ship-parts, thinking: 12s }   # hesitated 12 s before answering
 * ```
 *
 * ```yaml
 * # per node: what to answer whenever the call is at that node
 * opening: hear
 * vent: empathize
 * fix: [ship-parts, ship-parts]             # a node reached twice: one choice per visit
 * ```
 *
 * or JSON lines (`--answers -`): one choice per line, `"hear"` or `{"option":"hear","thinking":3}`.
 * The zod schemas below are the format; problems are diagnostics with file:line:col and a
 * stable code, like script and scenario problems.
 */
import { z } from 'zod';
import { formatDiagnostic, type Diagnostic, type ErrorCodeInfo } from '../scenario/errors.ts';
import { scriptErrorCatalogue, type ScriptErrorCode } from '../callscripts/errors.ts';
import { describeValue, isPlainObject } from '../callscripts/issues.ts';
import { durationSchema, idSchema } from '../callscripts/schema.ts';
import { parseYaml, type Locator, type Path } from '../callscripts/yamlSource.ts';
import { deepestBranchIssue, SCHEMA_CODES, terseFinding, type TerseWording } from '../yaml/zodIssues.ts';

/** Codes only answers files have; file, YAML and schema problems keep the script codes. */
export const answersErrorCatalogue = {
  ANSWERS_SHAPE: {
    severity: 'error',
    title: 'Not an answers file',
    why: 'An answers file is a list of option ids, or a map from node id to option id(s); this is neither.',
    whatToDo: 'write a list such as [hear, empathize, ship-parts], or a map such as { opening: hear }',
  },
  ANSWERS_JSON_LINE: {
    severity: 'error',
    title: 'Line is not JSON',
    why: 'With --answers - every line of standard input is one choice in JSON.',
    whatToDo: 'write one choice per line, e.g. "hear" or {"option":"hear","thinking":3}',
  },
  ANSWERS_UNKNOWN_NODE: {
    severity: 'error',
    title: 'Answer for a node the script does not have',
    why: 'Per-node answers are looked up by node id; an answer under an id that is no node would never be used (often a typo).',
    whatToDo: 'use a node id of the script (callfloor graph shows them)',
  },
  ANSWERS_OPTION_UNAVAILABLE: {
    severity: 'error',
    title: 'Option not available at that point of the call',
    why: 'The option is not one of those on screen when the call reaches this answer (another node, a condition that does not hold, or a once-only option already used).',
    whatToDo: 'choose one of the available options listed',
  },
  ANSWERS_TOO_FEW: {
    severity: 'error',
    title: 'The answers run out before the call ends',
    why: 'The call is still going and there is no answer left for the node it is at.',
    whatToDo: 'add an answer for that node',
  },
  ANSWERS_TOO_MANY: {
    severity: 'error',
    title: 'Answers left over after the call ended',
    why: 'The call ended before this answer was used, so the file does not describe the call that was played (a wrong option earlier often causes it).',
    whatToDo: 'remove the extra answers, or fix the earlier ones so the call goes where you meant',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type AnswersErrorCode = keyof typeof answersErrorCatalogue | ScriptErrorCode;
export type AnswersDiagnostic = Omit<Diagnostic, 'code'> & { code: AnswersErrorCode };

function infoOf(code: AnswersErrorCode): ErrorCodeInfo {
  return code in answersErrorCatalogue ? answersErrorCatalogue[code as keyof typeof answersErrorCatalogue] : scriptErrorCatalogue[code as ScriptErrorCode];
}

export function answersDiagnostic(code: AnswersErrorCode, file: string, message: string, position: { line: number; column: number }, path: Path = [], hint?: string): AnswersDiagnostic {
  const info = infoOf(code);
  return { code, severity: info.severity, file, line: position.line, column: position.column, message, hint: hint ?? info.whatToDo, path };
}

/** `file:line:col  CODE  message — hint`, as for scripts and scenarios. */
export function formatAnswersDiagnostic(d: AnswersDiagnostic): string {
  return formatDiagnostic(d as unknown as Diagnostic);
}

/** One choice: an option id, or the option with the seconds the trainee hesitated first. */
export const answerChoiceSchema = z.union([
  idSchema,
  z
    .object({
      option: idSchema.describe('Id of the option chosen.'),
      thinking: durationSchema.optional().describe('Seconds of hesitation before answering (costs patience; at the node timeout the caller moves on).'),
    })
    .strict(),
]);
export type AnswerChoice = z.output<typeof answerChoiceSchema>;

/** The list form: options in the order they are chosen. */
export const answerListSchema = z.array(answerChoiceSchema).min(1);
/** The per-node form: node id → the choice (or one choice per visit). */
export const answerMapSchema = z.record(idSchema, z.union([answerChoiceSchema, z.array(answerChoiceSchema).min(1)]));

/** A choice with where it was written. */
export interface LocatedChoice {
  readonly option: string;
  readonly thinking: number;
  readonly line: number;
  readonly column: number;
  readonly path: Path;
}

export type AnswerPlan =
  | { readonly kind: 'list'; readonly file: string; readonly choices: readonly LocatedChoice[] }
  | { readonly kind: 'per-node'; readonly file: string; readonly nodes: ReadonlyMap<string, readonly LocatedChoice[]>; readonly keyPositions: ReadonlyMap<string, { line: number; column: number }> };

export type AnswersParse = { ok: true; plan: AnswerPlan } | { ok: false; errors: readonly AnswersDiagnostic[] };

/** Answers files get the short form of the shared zod wording: zod's message after the path. */
const ANSWERS_WORDING: TerseWording<ScriptErrorCode> = {
  codes: SCHEMA_CODES,
  root: 'the answers',
  map: 'a map',
  unknownKeyNote: 'a choice has only option and thinking',
  unionNote: 'a choice: write an option id, or { option: id, thinking: 5s }',
};

function valueAtPath(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

function toLocated(choice: AnswerChoice, position: { line: number; column: number }, path: Path): LocatedChoice {
  return typeof choice === 'string'
    ? { option: choice, thinking: 0, ...position, path }
    : { option: choice.option, thinking: choice.thinking ?? 0, ...position, path };
}

/** Parses an answers file's text (YAML or JSON). Pure; never throws. */
export function parseAnswersText(text: string, file: string): AnswersParse {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { data, locator } = parsed;
  const schema = Array.isArray(data) ? answerListSchema : isPlainObject(data) ? answerMapSchema : undefined;
  if (schema === undefined) {
    return { ok: false, errors: [answersDiagnostic('ANSWERS_SHAPE', file, `the file holds ${describeValue(data)}, not a list of option ids or a map of node → option`, locator.position([]))] };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const errors = result.error.issues.map(deepestBranchIssue).map((issue) => {
      const finding = terseFinding(issue, valueAtPath(data, issue.path), ANSWERS_WORDING);
      return answersDiagnostic(finding.code, file, finding.message, locator.position(finding.path, finding.anchor), finding.path);
    });
    return { ok: false, errors };
  }
  return { ok: true, plan: planOf(result.data, file, locator) };
}

function planOf(data: z.output<typeof answerListSchema> | z.output<typeof answerMapSchema>, file: string, locator: Locator): AnswerPlan {
  if (Array.isArray(data)) {
    return { kind: 'list', file, choices: data.map((choice, index) => toLocated(choice, locator.position([index]), [index])) };
  }
  const nodes = new Map<string, LocatedChoice[]>();
  const keyPositions = new Map<string, { line: number; column: number }>();
  for (const [node, value] of Object.entries(data)) {
    keyPositions.set(node, locator.position([node], 'key'));
    const list = Array.isArray(value) ? value : [value];
    nodes.set(
      node,
      list.map((choice, index) => {
        const path: Path = Array.isArray(value) ? [node, index] : [node];
        return toLocated(choice, locator.position(path), path);
      }),
    );
  }
  return { kind: 'per-node', file, nodes, keyPositions };
}

/** Parses JSON lines (one choice per line; blank lines are skipped). */
export function parseAnswersJsonLines(text: string, file: string): AnswersParse {
  const choices: LocatedChoice[] = [];
  const errors: AnswersDiagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const position = { line: index + 1, column: raw.length - raw.trimStart().length + 1 };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push(answersDiagnostic('ANSWERS_JSON_LINE', file, `line ${index + 1} is not JSON (${(error as Error).message})`, position));
      return;
    }
    const result = answerChoiceSchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const finding = terseFinding(issue, valueAtPath(value, issue.path), ANSWERS_WORDING);
      errors.push(answersDiagnostic(finding.code, file, finding.message, position, [choices.length]));
      return;
    }
    choices.push(toLocated(result.data, position, [choices.length]));
  });
  if (errors.length > 0) return { ok: false, errors };
  if (choices.length === 0) return { ok: false, errors: [answersDiagnostic('ANSWERS_SHAPE', file, 'no choices: standard input was empty', { line: 1, column: 1 }, [], 'send one choice per line, e.g. "hear"')] };
  return { ok: true, plan: { kind: 'list', file, choices } };
}
