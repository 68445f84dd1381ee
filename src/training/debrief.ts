/**
 * The debrief of a finished call: score per rubric step, what went well, what to do
 * differently at each turn (with the better option the trainee had on screen), and the
 * outcome in money. Pure: a finished session in, a plain record out.
 *
 * "Better" is judged as the simulated expert agent judges (src/callscripts/choosers.ts
 * `rateOption`): rubric steps an option newly meets, −∞ for one that triggers a fatal
 * criterion, then its effect on the caller's mood, intent and patience.
 */
import { bestOption, rateOption } from '../callscripts/choosers.ts';
import type { Rubric, RubricCriterion, RubricScore } from '../callscripts/rubrics.ts';
import { scoreRubric } from '../callscripts/rubrics.ts';
import { normalizeOutcome, textIn, type CallScript, type Language } from '../callscripts/schema.ts';
import { available, chosenTags, type Outcome, type WalkState } from '../callscripts/walk.ts';
import { sessionRubric, type TrainingSession } from './session.ts';

/** A rubric step and whether the call met it (for a fatal criterion: whether it was triggered). */
export interface StepResult {
  readonly id: string;
  readonly title: string;
  readonly fatal: 'if-chosen' | 'if-missing' | undefined;
  readonly met: boolean;
  readonly weight: number;
}

/** An option as the debrief shows it. */
export interface OptionSummary {
  readonly id: string;
  readonly text: string;
  readonly tags: readonly string[];
}

/** One decision of the trainee, reviewed. */
export interface TurnReview {
  /** 1-based turn number. */
  readonly turn: number;
  readonly node: string;
  readonly callerLine: string | undefined;
  /** What the trainee said; undefined when they said nothing in time. */
  readonly chosen: OptionSummary | undefined;
  readonly thinking: number;
  /** Titles of the rubric steps this answer met for the first time in the call. */
  readonly met: readonly string[];
  /** Titles of the fatal criteria this answer triggered. */
  readonly triggered: readonly string[];
  /** The best option that was on screen, when it is better than what was chosen. */
  readonly better: (OptionSummary & { readonly wouldMeet: readonly string[] }) | undefined;
}

/** What the call was worth. */
export interface MoneyOutcome {
  /**
   * sale-made: the caller bought; sale-lost: a sale was possible and did not happen;
   * customer-kept / customer-lost: a customer worth `amount` stayed or went; none: no money at stake.
   */
  readonly kind: 'sale-made' | 'sale-lost' | 'customer-kept' | 'customer-lost' | 'none';
  readonly amount: number;
}

export interface Debrief {
  readonly scriptId: string;
  readonly title: string;
  readonly language: Language;
  readonly rubric: { readonly id: string; readonly title: string };
  readonly score: number;
  /** Score before fatal criteria. */
  readonly raw: number;
  readonly band: string;
  readonly steps: readonly StepResult[];
  readonly outcome: Outcome;
  readonly money: MoneyOutcome;
  /** Seconds from answer to end. */
  readonly elapsed: number;
  readonly turns: readonly TurnReview[];
  /** Turns that met rubric steps without triggering a fatal criterion. */
  readonly wentWell: readonly TurnReview[];
  /** Turns where a better option was on screen. */
  readonly doDifferently: readonly TurnReview[];
}

/** A title of a rubric or criterion in `language`. */
export function titleIn(title: string | { readonly it?: string; readonly en?: string } | undefined, fallback: string, language: Language): string {
  if (title === undefined) return fallback;
  return textIn(title, language) || fallback;
}

function saidBefore(state: WalkState): Set<string> {
  return new Set(chosenTags(state.transcript).flat());
}

/** Weighted steps `tags` newly meet given what was already said; fatal `if-chosen` criteria they trigger. */
function effectOf(rubric: Rubric, tags: readonly string[], said: ReadonlySet<string>): { met: RubricCriterion[]; triggered: RubricCriterion[] } {
  const hits = (criterion: RubricCriterion) => criterion.tags.some((tag) => tags.includes(tag));
  const saidAlready = (criterion: RubricCriterion) => criterion.tags.some((tag) => said.has(tag));
  return {
    met: rubric.criteria.filter((c) => c.fatal !== 'if-chosen' && hits(c) && !saidAlready(c)),
    triggered: rubric.criteria.filter((c) => c.fatal === 'if-chosen' && hits(c)),
  };
}

/** What the call was worth, from its outcome and the script's caller. */
export function moneyOutcome(script: CallScript, walk: WalkState): MoneyOutcome {
  const outcome = walk.outcome;
  if (outcome?.kind === 'sale') return { kind: 'sale-made', amount: outcome.value };
  const value = walk.caller.value > 0 ? walk.caller.value : script.caller.value;
  if (value <= 0) return { kind: 'none', amount: 0 };
  const sellingScript = script.nodes.some((node) => normalizeOutcome(node.outcome)?.kind === 'sale');
  if (sellingScript) return { kind: 'sale-lost', amount: value };
  return { kind: outcome?.kind === 'hung-up' ? 'customer-lost' : 'customer-kept', amount: value };
}

/** Turns that met rubric steps and triggered nothing fatal. */
export function turnsWentWell(turns: readonly TurnReview[]): TurnReview[] {
  return turns.filter((turn) => turn.met.length > 0 && turn.triggered.length === 0);
}

/** Turns where a better option was on screen, or a fatal criterion was triggered. */
export function turnsToImprove(turns: readonly TurnReview[]): TurnReview[] {
  return turns.filter((turn) => turn.better !== undefined || turn.triggered.length > 0);
}

/** The debrief of a finished session. */
export function debrief(session: TrainingSession): Debrief {
  const { walk, script } = session;
  if (walk.outcome === undefined) throw new Error('debrief: the call is not over');
  const language = walk.language;
  const rubric = sessionRubric(session);
  const score: RubricScore = scoreRubric(rubric, chosenTags(walk.transcript));
  const titleOf = (criterion: RubricCriterion) => titleIn(criterion.title, criterion.id, language);
  const steps: StepResult[] = rubric.criteria.map((criterion, index) => {
    const result = score.criteria[index]!;
    return { id: criterion.id, title: titleOf(criterion), fatal: criterion.fatal, met: result.met, weight: result.weight };
  });
  const turns = session.turns.map((turn, index): TurnReview => {
    const options = available(turn.before);
    const said = saidBefore(turn.before);
    const chosen = turn.option === undefined ? undefined : options.find((option) => option.id === turn.option);
    const effect = chosen === undefined ? { met: [], triggered: [] } : effectOf(rubric, chosen.tags, said);
    const best = options.length > 0 ? bestOption(options, turn.before, rubric) : undefined;
    const isBetter =
      best !== undefined && (chosen === undefined || (best.id !== chosen.id && rateOption(best, turn.before, rubric) > rateOption(chosen, turn.before, rubric)));
    return {
      turn: index + 1,
      node: turn.before.node,
      callerLine: turn.before.line,
      chosen: chosen === undefined ? undefined : { id: chosen.id, text: chosen.text, tags: chosen.tags },
      thinking: turn.thinking,
      met: effect.met.map(titleOf),
      triggered: effect.triggered.map(titleOf),
      better: isBetter && best !== undefined ? { id: best.id, text: best.text, tags: best.tags, wouldMeet: effectOf(rubric, best.tags, said).met.map(titleOf) } : undefined,
    };
  });
  return {
    scriptId: script.id,
    title: textIn(script.title, language),
    language,
    rubric: { id: rubric.id, title: titleIn(rubric.title, rubric.id, language) },
    score: score.score,
    raw: score.raw,
    band: score.band,
    steps,
    outcome: walk.outcome,
    money: moneyOutcome(script, walk),
    elapsed: walk.elapsed,
    turns,
    wentWell: turnsWentWell(turns),
    doDifferently: turnsToImprove(turns),
  };
}
