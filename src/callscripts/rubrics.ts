/**
 * Service rubrics: how a call is scored from the tags of the options the agent chose.
 *
 * A rubric is a list of criteria. A weighted criterion (a step such as LATTE's "Listen") is
 * met when the agent chose at least one option carrying one of its tags; the score is the
 * met weight over the total weight, 0–100. A fatal criterion (rudeness, wrong information,
 * a compulsory check skipped) zeroes the whole score when triggered, as in contact-centre
 * QA scorecards. Bands turn the score into a word (≥90 expert, ≥75 proficient, ≥50 developing).
 *
 * The built-ins LATTE (Starbucks), LEARN (Marriott) and HEARD (Disney) map their steps to the
 * shared tag vocabulary {@link RUBRIC_TAGS}; a script may instead define its own rubric.
 * Pure data and pure functions: no I/O, no randomness.
 */
import { z } from 'zod';

/**
 * The tag vocabulary: what an agent's reply does. Options carry tags; rubrics score them.
 * Negative tags (rude, interrupt, blame, wrong-info) exist so that scripts can offer bad
 * replies for trainees to avoid, and rubrics can make them fatal.
 */
export const RUBRIC_TAGS = {
  greet: 'opens the call: greeting, name of the business and of the agent',
  listen: 'lets the caller explain, asks open questions, does not interrupt',
  acknowledge: 'says back what the problem is, so the caller knows it was understood',
  empathize: 'recognises how the caller feels',
  apologize: 'apologises for the problem or the wait',
  'take-action': 'does something that solves or advances the problem',
  explain: 'tells the caller what was done, what happens next and when',
  diagnose: 'finds out why it happened, so it does not happen again',
  verify: 'checks identity, order number or contact details',
  reassure: 'answers a doubt that holds back a purchase (delivery, returns, payment, fit)',
  offer: 'proposes a product, an alternative or an upgrade',
  thank: 'thanks the caller',
  close: 'closes the call properly: summary, goodbye',
  rude: 'is rude or dismissive',
  interrupt: 'talks over the caller',
  blame: 'blames the caller, a colleague or the courier',
  'wrong-info': 'gives information that is wrong or not known to be true',
} as const satisfies Record<string, string>;

export type RubricTag = keyof typeof RUBRIC_TAGS;
export const rubricTagNames = Object.keys(RUBRIC_TAGS) as RubricTag[];

export function isRubricTag(tag: string): tag is RubricTag {
  return Object.hasOwn(RUBRIC_TAGS, tag);
}

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _ (e.g. take-action)');
const tag = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a tag of lower-case letters, digits and - (e.g. take-action)');

/** A criterion of a rubric. */
export const rubricCriterionSchema = z
  .object({
    id,
    /** Shown in score reports; a plain string or { it, en }. */
    title: z.union([z.string().min(1), z.object({ it: z.string().min(1).optional(), en: z.string().min(1).optional() }).strict()]).optional().describe('Shown in score reports; a plain string or { it, en }.'),
    /** The criterion is met (or, if fatal, triggered) by an option carrying any of these tags. */
    tags: z.array(tag).min(1).describe('The criterion is met (or, if fatal, triggered) by an option carrying any of these tags.'),
    /** Relative weight of a weighted criterion (ignored for fatal criteria). */
    weight: z.number().positive().max(1000).default(1).describe('Relative weight of a weighted criterion (ignored for fatal criteria).'),
    /**
     * Makes the criterion fatal: `if-chosen` zeroes the score when an option with one of the
     * tags was chosen (rudeness, wrong information); `if-missing` when none was (a compulsory check).
     */
    fatal: z.enum(['if-chosen', 'if-missing']).optional().describe('Makes the criterion fatal: if-chosen zeroes the score when an option with one of the tags was chosen (rudeness, wrong information); if-missing when none was (a compulsory check).'),
  })
  .strict();

/** A proficiency band: scores at or above `min` (and below the next band) get `name`. */
export const rubricBandSchema = z
  .object({
    min: z.number().min(0).max(100).describe('Lowest score (0–100) of the band.'),
    name: id.describe('Name of the band, e.g. expert.'),
  })
  .strict();

/** The default bands of QA scorecards. Below the lowest band a score is `novice`. */
export const DEFAULT_BANDS: readonly RubricBand[] = [
  { min: 90, name: 'expert' },
  { min: 75, name: 'proficient' },
  { min: 50, name: 'developing' },
];
/** Band name for scores below every band (and for a fatal result). */
export const BELOW_BANDS = 'novice';

/** A custom rubric, written inline in a call script. */
export const customRubricSchema = z
  .object({
    id,
    title: z.union([z.string().min(1), z.object({ it: z.string().min(1).optional(), en: z.string().min(1).optional() }).strict()]).optional(),
    criteria: z.array(rubricCriterionSchema).min(1).describe('Weighted and fatal criteria.'),
    bands: z.array(rubricBandSchema).min(1).optional().describe('Proficiency bands; default ≥90 expert, ≥75 proficient, ≥50 developing.'),
  })
  .strict();

export const BUILT_IN_RUBRIC_NAMES = ['LATTE', 'LEARN', 'HEARD'] as const;
export type BuiltInRubricName = (typeof BUILT_IN_RUBRIC_NAMES)[number];

/** A built-in rubric by name, or a custom rubric. */
export const rubricRefSchema = z.union([z.enum(BUILT_IN_RUBRIC_NAMES), customRubricSchema]);

export type RubricCriterion = z.output<typeof rubricCriterionSchema>;
export type RubricBand = z.output<typeof rubricBandSchema>;
export type CustomRubric = z.output<typeof customRubricSchema>;
export type RubricRef = z.output<typeof rubricRefSchema>;

/** A rubric ready to score with: criteria and bands filled in. */
export interface Rubric {
  readonly id: string;
  readonly title: string | { readonly it?: string; readonly en?: string };
  readonly criteria: readonly RubricCriterion[];
  readonly bands: readonly RubricBand[];
}

/** Fatal criteria shared by the built-ins: rudeness and wrong information zero the score. */
const COMMON_FATAL: readonly RubricCriterion[] = [
  { id: 'courtesy', title: { it: 'Cortesia', en: 'Courtesy' }, tags: ['rude', 'blame'], weight: 1, fatal: 'if-chosen' },
  { id: 'accuracy', title: { it: 'Informazioni corrette', en: 'Accurate information' }, tags: ['wrong-info'], weight: 1, fatal: 'if-chosen' },
];

function step(stepId: string, it: string, en: string, tags: string[]): RubricCriterion {
  return { id: stepId, title: { it, en }, tags, weight: 1 };
}

/** The built-in rubrics (DOMAIN.md), every step weighing the same. */
export const BUILT_IN_RUBRICS: Readonly<Record<BuiltInRubricName, Rubric>> = {
  LATTE: {
    id: 'LATTE',
    title: { it: 'LATTE (Starbucks)', en: 'LATTE (Starbucks)' },
    criteria: [
      step('listen', 'Ascoltare', 'Listen', ['listen']),
      step('acknowledge', 'Riconoscere il problema', 'Acknowledge', ['acknowledge', 'empathize']),
      step('take-action', 'Agire', 'Take action', ['take-action', 'reassure']),
      step('thank', 'Ringraziare', 'Thank', ['thank']),
      step('explain', 'Spiegare cosa si è fatto', 'Explain', ['explain']),
      ...COMMON_FATAL,
    ],
    bands: DEFAULT_BANDS,
  },
  LEARN: {
    id: 'LEARN',
    title: { it: 'LEARN (Marriott)', en: 'LEARN (Marriott)' },
    criteria: [
      step('listen', 'Ascoltare', 'Listen', ['listen']),
      step('empathize', 'Immedesimarsi', 'Empathize', ['empathize', 'acknowledge']),
      step('apologize', 'Scusarsi', 'Apologize', ['apologize']),
      step('react', 'Reagire', 'React', ['take-action']),
      step('notify', 'Informare', 'Notify', ['explain']),
      ...COMMON_FATAL,
    ],
    bands: DEFAULT_BANDS,
  },
  HEARD: {
    id: 'HEARD',
    title: { it: 'HEARD (Disney)', en: 'HEARD (Disney)' },
    criteria: [
      step('hear', 'Ascoltare', 'Hear', ['listen']),
      step('empathize', 'Immedesimarsi', 'Empathize', ['empathize', 'acknowledge']),
      step('apologize', 'Scusarsi', 'Apologize', ['apologize']),
      step('resolve', 'Risolvere', 'Resolve', ['take-action']),
      step('diagnose', 'Capire la causa', 'Diagnose', ['diagnose']),
      ...COMMON_FATAL,
    ],
    bands: DEFAULT_BANDS,
  },
};

/** The rubric a script names: a built-in by name, or its custom rubric with default bands filled in. */
export function resolveRubric(ref: RubricRef): Rubric {
  if (typeof ref === 'string') return BUILT_IN_RUBRICS[ref];
  return { id: ref.id, title: ref.title ?? ref.id, criteria: ref.criteria, bands: ref.bands ?? DEFAULT_BANDS };
}

/** Every tag a rubric scores (weighted and fatal). */
export function rubricTags(rubric: Rubric): Set<string> {
  return new Set(rubric.criteria.flatMap((criterion) => criterion.tags));
}

/** Result for one criterion. */
export interface CriterionScore {
  readonly id: string;
  readonly fatal: 'if-chosen' | 'if-missing' | undefined;
  /** Weighted: met. Fatal: triggered (the score was zeroed because of it). */
  readonly met: boolean;
  /** Weight of a weighted criterion, 0 for a fatal one. */
  readonly weight: number;
  /** Points earned: the weight if met, else 0 (0 for fatal criteria). */
  readonly points: number;
}

/** The score of a call. */
export interface RubricScore {
  readonly rubric: string;
  readonly criteria: readonly CriterionScore[];
  /** Ids of the fatal criteria that were triggered. */
  readonly fatal: readonly string[];
  /** Score from the weighted criteria alone, 0–100, before fatal criteria. */
  readonly raw: number;
  /** 0 if a fatal criterion was triggered, else `raw`. */
  readonly score: number;
  readonly band: string;
}

/**
 * Scores a call from the tags of the options the agent chose (one list per choice, or a
 * flat list: only which tags occurred counts, not how often).
 */
export function scoreRubric(rubric: Rubric, chosenTags: readonly (string | readonly string[])[]): RubricScore {
  const said = new Set(chosenTags.flat());
  const criteria: CriterionScore[] = rubric.criteria.map((criterion) => {
    const present = criterion.tags.some((t) => said.has(t));
    if (criterion.fatal !== undefined) {
      const triggered = criterion.fatal === 'if-chosen' ? present : !present;
      return { id: criterion.id, fatal: criterion.fatal, met: triggered, weight: 0, points: 0 };
    }
    return { id: criterion.id, fatal: undefined, met: present, weight: criterion.weight, points: present ? criterion.weight : 0 };
  });
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  const earned = criteria.reduce((sum, c) => sum + c.points, 0);
  const raw = total > 0 ? roundScore((100 * earned) / total) : 0;
  const fatal = criteria.filter((c) => c.fatal !== undefined && c.met).map((c) => c.id);
  const score = fatal.length > 0 ? 0 : raw;
  return { rubric: rubric.id, criteria, fatal, raw, score, band: bandOf(score, rubric.bands) };
}

/** Scores are kept to 2 decimals so that 3 × 33.33… does not print as 99.99999. */
function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The name of the highest band whose `min` the score reaches; {@link BELOW_BANDS} below them all. */
export function bandOf(score: number, bands: readonly RubricBand[] = DEFAULT_BANDS): string {
  let best: RubricBand | undefined;
  for (const band of bands) if (score >= band.min && (best === undefined || band.min > best.min)) best = band;
  return best?.name ?? BELOW_BANDS;
}

/**
 * How much choosing an option with these tags is worth now, given the tags already said:
 * the weight of the weighted criteria it would newly meet, or −Infinity if it triggers an
 * `if-chosen` fatal criterion. Simulated agents use it to pick the best-rated option.
 */
export function rateTags(rubric: Rubric, tags: readonly string[], alreadySaid: ReadonlySet<string> = new Set()): number {
  let rating = 0;
  // A compulsory check is worth more than every weighted step together.
  const compulsory = rubric.criteria.reduce((sum, c) => sum + (c.fatal === undefined ? c.weight : 0), 0) + 1;
  for (const criterion of rubric.criteria) {
    const hit = criterion.tags.some((t) => tags.includes(t));
    if (!hit) continue;
    if (criterion.fatal === 'if-chosen') return -Infinity;
    if (criterion.fatal === 'if-missing') {
      if (!criterion.tags.some((t) => alreadySaid.has(t))) rating += compulsory;
      continue;
    }
    if (!criterion.tags.some((t) => alreadySaid.has(t))) rating += criterion.weight;
  }
  return rating;
}
