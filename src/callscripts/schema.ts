/**
 * The call-script format: a zod schema that *is* the type (STYLE.md §7).
 *
 * A script is a graph of nodes. At each node the caller says one of several line variants
 * and the agent picks one of the options available; an option has rubric tags, effects on
 * the caller, a duration, conditions, `once` and a `goto`. Nodes may have a fallback (used
 * when no option is available), a timeout (when the agent takes too long) or an outcome
 * (the call ends: resolved, sale, callback, escalated, hung-up).
 *
 * The schema checks the shape. What needs the whole graph (gotos, reachability, conditions
 * that can never hold, translations, tags, effect keys, duplicate ids) is `lint` (lint.ts),
 * so that those findings get their own codes and advice.
 */
import { z } from 'zod';
import { rubricRefSchema } from './rubrics.ts';

/** Languages a script can be written in. */
export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);

const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)\s*$/;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** A duration: seconds, or text such as `20s`, `1.5min`, `1h`. Parsed to seconds. */
export const durationSchema = z.union([
  z.number().nonnegative().max(86_400),
  z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 20s, 1.5min or 1h')
    .transform((text) => {
      const [, amount, unit] = DURATION_PATTERN.exec(text)!;
      return Number(amount) * SECONDS_PER_UNIT[unit!]!;
    }),
]);

/** Id of a node, option or placeholder. Letters, digits, `-` and `_`. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _ (e.g. ask-order)');

/** A reference to an earlier choice: `option` (at any node) or `node.option`. */
export const choiceRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)?$/, 'a choice reference: option, or node.option (e.g. greeting.listen)');

/**
 * Text shown to the trainee or said by the caller: a plain string (single-language scripts)
 * or one string per language. May contain placeholders such as `{name}` or `{orderNumber}`.
 */
export const textSchema = z.union([
  z.string().min(1),
  z
    .object({
      it: z.string().min(1).optional().describe('Italian text.'),
      en: z.string().min(1).optional().describe('English text.'),
    })
    .strict(),
]);
export type Text = z.output<typeof textSchema>;

const unit = z.number().min(0).max(1);

function bounds<T extends z.ZodType>(value: T, what: string) {
  return z
    .object({
      min: value.optional().describe(`The option is available only if ${what} is at least this.`),
      max: value.optional().describe(`The option is available only if ${what} is at most this.`),
    })
    .strict();
}

/** When an option is available: every condition written must hold. */
export const conditionSchema = z
  .object({
    patience: bounds(durationSchema, "the caller's remaining patience (seconds)").optional(),
    mood: bounds(unit, "the caller's mood (0 furious … 1 delighted)").optional(),
    intent: bounds(unit, "the caller's purchase intent (0 … 1)").optional(),
    elapsed: bounds(durationSchema, 'the time since the call was answered (seconds)').optional(),
    chose: z.array(choiceRefSchema).min(1).optional().describe('Options the agent must have chosen earlier in the call (option, or node.option).'),
    notChose: z.array(choiceRefSchema).min(1).optional().describe('Options the agent must not have chosen earlier in the call.'),
  })
  .strict();
export type Condition = z.output<typeof conditionSchema>;

/** Effect keys the walker applies; other keys are reported by lint (SCRIPT_UNKNOWN_EFFECT). */
export const EFFECT_KEYS = ['patience', 'mood', 'intent', 'value'] as const;
export type EffectKey = (typeof EFFECT_KEYS)[number];

/**
 * Changes to the caller, added to their state (then clamped: mood and intent to 0…1,
 * patience and value to 0 or more). Unknown keys are accepted here so that lint can
 * report them with a suggestion.
 */
export const effectsSchema = z
  .object({
    patience: z.number().min(-86_400).max(86_400).optional().describe('Seconds added to (+) or taken from (−) the caller’s patience, on top of the time the reply takes.'),
    mood: z.number().min(-1).max(1).optional().describe('Change of mood, −1 … +1.'),
    intent: z.number().min(-1).max(1).optional().describe('Change of purchase intent, −1 … +1.'),
    value: z.number().min(-1_000_000).max(1_000_000).optional().describe('Change of the order value (an upsell), in the currency of the scenario.'),
  })
  .catchall(z.number());
export type Effects = z.output<typeof effectsSchema>;

/** What the agent can say or do at a node. */
export const optionSchema = z
  .object({
    id: idSchema.describe('Id of the option, unique in its node; conditions refer to it as option or node.option.'),
    text: textSchema.describe('What the agent says or does, as shown to the trainee.'),
    tags: z.array(z.string().min(1)).default([]).describe('Rubric tags: listen, acknowledge, empathize, apologize, take-action, explain, thank… (see the rubric).'),
    effects: effectsSchema.default({}).describe('Effects on the caller: patience (seconds), mood, intent (−1 … +1), value.'),
    duration: durationSchema.default(20).describe('Simulated time the reply takes, in seconds or text such as 45s; it is taken from the caller’s patience. Default 20 s.'),
    when: conditionSchema.optional().describe('Conditions on the caller state or earlier choices; the option is offered only when all hold.'),
    once: z.boolean().default(false).describe('Offer the option at most once in a call.'),
    goto: idSchema.describe('Node the call moves to after this option.'),
  })
  .strict();
export type ScriptOption = z.output<typeof optionSchema>;

/** Used when no option of the node is available. */
export const fallbackSchema = z
  .object({
    goto: idSchema.describe('Node the call moves to.'),
    line: textSchema.optional().describe('What the caller says when this happens.'),
    effects: effectsSchema.default({}),
    duration: durationSchema.default(0),
  })
  .strict();
export type Fallback = z.output<typeof fallbackSchema>;

/** What happens if the agent takes too long to answer at this node. */
export const timeoutSchema = z
  .object({
    after: durationSchema.describe('Seconds the agent may take before the timeout applies.'),
    goto: idSchema.describe('Node the call moves to.'),
    line: textSchema.optional().describe('What the caller says, e.g. "Hello? Are you still there?"'),
    effects: effectsSchema.default({}),
  })
  .strict();
export type Timeout = z.output<typeof timeoutSchema>;

export const OUTCOME_KINDS = ['resolved', 'sale', 'callback', 'escalated', 'hung-up'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** How the call ends at a terminal node: a word, or `{ kind: sale, value: 240 }`. */
export const outcomeSchema = z.union([
  z.enum(OUTCOME_KINDS),
  z
    .object({
      kind: z.enum(OUTCOME_KINDS),
      value: z.number().nonnegative().optional().describe('Order value of a sale; default: the caller’s order value.'),
    })
    .strict(),
]);

export const nodeSchema = z
  .object({
    id: idSchema.describe('Id of the node, unique in the script.'),
    title: textSchema.optional().describe('Short name for graphs and the trainer.'),
    lines: z.array(textSchema).default([]).describe('What the caller says on reaching the node; one variant is picked at random.'),
    options: z.array(optionSchema).default([]).describe('What the agent can reply.'),
    fallback: fallbackSchema.optional().describe('Where the call goes when no option is available.'),
    timeout: timeoutSchema.optional().describe('What happens if the agent takes too long.'),
    outcome: outcomeSchema.optional().describe('Ends the call here: resolved, sale, callback, escalated or hung-up.'),
  })
  .strict();
export type ScriptNode = z.output<typeof nodeSchema>;

/** The caller the script is written for (the simulator or the trainer may pass another). */
export const callerProfileSchema = z
  .object({
    problem: idSchema.describe('Problem type, as in scenarios (e.g. pre-sale).'),
    patience: durationSchema.describe('Patience left when the call is answered: seconds, or text such as 3min.'),
    mood: unit.default(0.7).describe('Starting mood, 0 (furious) … 1 (delighted).'),
    intent: unit.default(0).describe('Starting purchase intent, 0 … 1.'),
    value: z.number().nonnegative().default(0).describe('Order value if the caller buys.'),
  })
  .strict();
export type CallerProfile = z.output<typeof callerProfileSchema>;

/** Pool of values for a custom placeholder: one list, or one list per language. */
export const placeholderPoolSchema = z.union([
  z.array(z.string().min(1)).min(1),
  z
    .object({
      it: z.array(z.string().min(1)).min(1).optional(),
      en: z.array(z.string().min(1)).min(1).optional(),
    })
    .strict(),
]);

export const callScriptSchema = z
  .object({
    id: idSchema.describe('Id of the script.'),
    title: textSchema.describe('Title of the script.'),
    description: textSchema.optional(),
    language: z.union([languageSchema, z.array(languageSchema).min(1)]).describe('Language(s) of the texts: it, en, or [it, en].'),
    rubric: rubricRefSchema.describe('LATTE, LEARN, HEARD, or a custom rubric { id, criteria: [...], bands: [...] }.'),
    caller: callerProfileSchema.describe('The caller the script expects.'),
    placeholders: z.record(idSchema, placeholderPoolSchema).optional().describe('Custom placeholders: {key} in texts is replaced with a value drawn from the list.'),
    start: idSchema.describe('Id of the first node.'),
    nodes: z.array(nodeSchema).min(1).describe('The nodes of the call.'),
  })
  .strict();

/** A call script as loaded: durations in seconds, defaults filled in. */
export type CallScript = z.output<typeof callScriptSchema>;
/** A call script as written. */
export type CallScriptInput = z.input<typeof callScriptSchema>;

/** The script's languages, in the order written. */
export function scriptLanguages(script: Pick<CallScript, 'language'>): Language[] {
  return typeof script.language === 'string' ? [script.language] : [...new Set(script.language)];
}

/** A terminal node's outcome as `{ kind, value? }`. */
export function normalizeOutcome(outcome: ScriptNode['outcome']): { kind: OutcomeKind; value?: number } | undefined {
  if (outcome === undefined) return undefined;
  return typeof outcome === 'string' ? { kind: outcome } : outcome;
}

/** The text in `language`, else in the other language written (never undefined for a valid text). */
export function textIn(text: Text, language: Language): string {
  if (typeof text === 'string') return text;
  return text[language] ?? text.it ?? text.en ?? '';
}
