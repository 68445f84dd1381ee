/**
 * Simulated agents for the walker: strategies that pick an option (STYLE.md §6).
 *
 * - {@link bestRated}: always the option its rubric rates best now;
 * - {@link proficient}: the best-rated option with probability = proficiency, otherwise any
 *   available option at random — an untrained agent (proficiency 0.3) and an expert (0.95)
 *   run through the same script;
 * - {@link scripted} and {@link firstOption}: fixed choices, for tests and replays.
 */
import type { RandomStream } from '../kernel/rng.ts';
import { rateTags, resolveRubric, type Rubric } from './rubrics.ts';
import type { AvailableOption, Chooser, WalkState } from './walk.ts';

/** Tags already said in the call. */
function saidTags(state: WalkState): Set<string> {
  const said = new Set<string>();
  for (const entry of state.transcript) if (entry.action.kind === 'option') for (const tag of entry.action.tags) said.add(tag);
  return said;
}

/**
 * How good an option is now: rubric criteria it newly meets (−Infinity if it triggers a
 * fatal criterion), then, to break ties, its effect on the caller (mood and intent changes,
 * patience gained minus the time taken, in units of ten minutes (time matters less than mood).
 */
export function rateOption(option: AvailableOption, state: WalkState, rubric: Rubric = resolveRubric(state.script.rubric)): number {
  return rateAgainst(option, saidTags(state), rubric);
}

/** {@link rateOption} with the tags already said computed once for all the options of a step. */
function rateAgainst(option: AvailableOption, said: ReadonlySet<string>, rubric: Rubric): number {
  const rubricPart = rateTags(rubric, option.tags, said);
  if (rubricPart === -Infinity) return -Infinity;
  const { effects } = option;
  const effectPart = (effects.mood ?? 0) + (effects.intent ?? 0) + ((effects.patience ?? 0) - option.duration) / 600;
  return rubricPart * 10 + effectPart;
}

/** The best-rated option; ties go to the first in script order. */
export function bestOption(options: readonly AvailableOption[], state: WalkState, rubric: Rubric = resolveRubric(state.script.rubric)): AvailableOption {
  const said = saidTags(state);
  let best = options[0]!;
  let bestRating = rateAgainst(best, said, rubric);
  for (let i = 1; i < options.length; i++) {
    const option = options[i]!;
    const rating = rateAgainst(option, said, rubric);
    if (rating > bestRating) {
      best = option;
      bestRating = rating;
    }
  }
  return best;
}

/** Always the best-rated option (by the script's rubric unless another is given). */
export function bestRated(rubric?: Rubric): Chooser {
  return (options, state) => bestOption(options, state, rubric).id;
}

export interface ProficientOptions {
  /** Probability of choosing the best-rated option at each step, 0 … 1. */
  readonly proficiency: number;
  /** Stream for the agent's own draws (e.g. `streams.get('agent-choices')`). */
  readonly rng: RandomStream;
  readonly rubric?: Rubric;
  /** Thinking seconds at each step (default 0); may trigger timeouts. */
  readonly thinking?: (state: WalkState) => number;
}

/** The best-rated option with probability `proficiency`, otherwise one at random (possibly the best too). */
export function proficient(options: ProficientOptions): Chooser {
  const { proficiency, rng, rubric, thinking } = options;
  if (!(proficiency >= 0 && proficiency <= 1)) throw new RangeError(`proficiency must be between 0 and 1, not ${proficiency}`);
  return (available, state) => {
    // Two draws every step, whatever the branch, so one agent's choices do not shift the stream's later draws.
    const skilled = rng.next() < proficiency;
    const pick = rng.next();
    const option = skilled ? bestOption(available, state, rubric) : available[Math.floor(pick * available.length)]!;
    return thinking !== undefined ? { option: option.id, thinking: thinking(state) } : option.id;
  };
}

/** Always the first available option. */
export const firstOption: Chooser = (options) => options[0]!.id;

/** Chooses the given option ids in order (`id` or `{ option, thinking }`); throws when they run out. */
export function scripted(choices: ReadonlyArray<string | { readonly option: string; readonly thinking?: number }>): Chooser {
  let next = 0;
  return () => {
    const choice = choices[next++];
    if (choice === undefined) throw new Error(`scripted chooser: only ${choices.length} choices were given`);
    return choice;
  };
}
