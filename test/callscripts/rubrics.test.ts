import { describe, expect, it } from 'vitest';
import {
  bandOf,
  BELOW_BANDS,
  BUILT_IN_RUBRICS,
  customRubricSchema,
  DEFAULT_BANDS,
  isRubricTag,
  rateTags,
  resolveRubric,
  rubricRefSchema,
  scoreRubric,
  type Rubric,
} from '../../src/callscripts/rubrics.ts';

const weighted = (rubric: Rubric): string[] => rubric.criteria.filter((c) => c.fatal === undefined).map((c) => c.id);

describe('built-in rubrics', () => {
  it('map the steps of LATTE, LEARN and HEARD to tags of the vocabulary', () => {
    expect(weighted(BUILT_IN_RUBRICS.LATTE)).toEqual(['listen', 'acknowledge', 'take-action', 'thank', 'explain']);
    expect(weighted(BUILT_IN_RUBRICS.LEARN)).toEqual(['listen', 'empathize', 'apologize', 'react', 'notify']);
    expect(weighted(BUILT_IN_RUBRICS.HEARD)).toEqual(['hear', 'empathize', 'apologize', 'resolve', 'diagnose']);
    for (const rubric of Object.values(BUILT_IN_RUBRICS)) {
      for (const criterion of rubric.criteria) for (const tag of criterion.tags) expect(isRubricTag(tag), `${rubric.id}.${criterion.id}: ${tag}`).toBe(true);
      expect(rubric.bands).toEqual(DEFAULT_BANDS);
      expect(rubric.criteria.filter((c) => c.fatal === 'if-chosen').map((c) => c.id)).toEqual(['courtesy', 'accuracy']);
    }
    expect(resolveRubric('HEARD')).toBe(BUILT_IN_RUBRICS.HEARD);
  });

  it('score each step from the tags chosen, equally weighted', () => {
    const latte = BUILT_IN_RUBRICS.LATTE;
    expect(scoreRubric(latte, [['listen'], ['acknowledge', 'take-action'], ['thank'], ['explain']])).toMatchObject({ raw: 100, score: 100, band: 'expert', fatal: [] });
    expect(scoreRubric(latte, ['listen', 'empathize', 'reassure', 'explain'])).toMatchObject({ score: 80, band: 'proficient' });
    expect(scoreRubric(latte, [['listen'], ['listen'], ['thank'], ['explain']])).toMatchObject({ score: 60, band: 'developing' });
    expect(scoreRubric(latte, [['greet', 'offer']])).toMatchObject({ score: 0, band: 'novice' });
    expect(scoreRubric(latte, []).criteria.map((c) => c.met)).toEqual([false, false, false, false, false, false, false]);
  });

  it('zero the score when a fatal criterion is triggered, keeping the raw score', () => {
    const result = scoreRubric(BUILT_IN_RUBRICS.HEARD, [['listen'], ['empathize', 'apologize'], ['take-action'], ['diagnose'], ['blame']]);
    expect(result).toMatchObject({ raw: 100, score: 0, fatal: ['courtesy'], band: BELOW_BANDS });
    expect(result.criteria.find((c) => c.id === 'courtesy')).toEqual({ id: 'courtesy', fatal: 'if-chosen', met: true, weight: 0, points: 0 });
    expect(scoreRubric(BUILT_IN_RUBRICS.LEARN, [['wrong-info'], ['rude']]).fatal).toEqual(['courtesy', 'accuracy']);
  });
});

describe('custom rubrics', () => {
  const custom = resolveRubric(
    customRubricSchema.parse({
      id: 'message-taking',
      criteria: [
        { id: 'greeting', tags: ['greet'], weight: 10 },
        { id: 'details', tags: ['verify'], weight: 30 },
        { id: 'next', tags: ['explain'], weight: 60 },
        { id: 'contact', tags: ['verify'], fatal: 'if-missing' },
        { id: 'honesty', tags: ['wrong-info'], fatal: 'if-chosen' },
      ],
      bands: [{ min: 50, name: 'ok' }, { min: 95, name: 'star' }],
    }),
  );

  it('weigh criteria and apply their own bands', () => {
    expect(custom.title).toBe('message-taking');
    expect(scoreRubric(custom, [['greet', 'verify']])).toMatchObject({ raw: 40, score: 40, band: BELOW_BANDS });
    expect(scoreRubric(custom, [['verify'], ['explain']])).toMatchObject({ score: 90, band: 'ok' });
    expect(scoreRubric(custom, [['greet'], ['verify'], ['explain']])).toMatchObject({ score: 100, band: 'star' });
  });

  it('fail a call that skips a compulsory step (fatal if-missing)', () => {
    expect(scoreRubric(custom, [['greet'], ['explain']])).toMatchObject({ raw: 70, score: 0, fatal: ['contact'] });
  });

  it('default the weight to 1 and the bands to the standard ones', () => {
    const parsed = rubricRefSchema.parse({ id: 'x', criteria: [{ id: 'a', tags: ['listen'] }] });
    expect(typeof parsed === 'string' ? undefined : parsed.criteria[0]!.weight).toBe(1);
    expect(resolveRubric(parsed).bands).toEqual(DEFAULT_BANDS);
    expect(rubricRefSchema.safeParse({ id: 'x', criteria: [{ id: 'a', tags: ['listen'], weight: 0 }] }).success).toBe(false);
    expect(rubricRefSchema.safeParse({ id: 'x', criteria: [{ id: 'a', tags: ['listen'], fatal: 'always' }] }).success).toBe(false);
    expect(rubricRefSchema.safeParse({ id: 'x', criteria: [{ id: 'a', tags: ['Listen'] }] }).success).toBe(false);
    expect(rubricRefSchema.safeParse('LATE').success).toBe(false);
  });
});

describe('bands', () => {
  it('≥90 expert, ≥75 proficient, ≥50 developing, below that novice', () => {
    expect([100, 90, 89.99, 75, 74.99, 50, 49.99, 0].map((score) => bandOf(score))).toEqual([
      'expert', 'expert', 'proficient', 'proficient', 'developing', 'developing', 'novice', 'novice',
    ]);
  });

  it('do not depend on the order bands are listed in', () => {
    expect(bandOf(80, [{ min: 50, name: 'b' }, { min: 80, name: 'a' }])).toBe('a');
    expect(bandOf(10, [{ min: 50, name: 'b' }])).toBe(BELOW_BANDS);
  });

  it('round scores to two decimals', () => {
    const thirds = resolveRubric({ id: 't', criteria: [{ id: 'a', tags: ['listen'], weight: 1 }, { id: 'b', tags: ['thank'], weight: 1 }, { id: 'c', tags: ['explain'], weight: 1 }] });
    expect(scoreRubric(thirds, ['listen']).score).toBe(33.33);
    expect(scoreRubric(thirds, ['listen', 'thank', 'explain']).score).toBe(100);
  });
});

describe('rateTags', () => {
  const latte = BUILT_IN_RUBRICS.LATTE;
  it('values the steps an option would newly meet', () => {
    expect(rateTags(latte, ['listen', 'thank'])).toBe(2);
    expect(rateTags(latte, ['listen', 'thank'], new Set(['listen']))).toBe(1);
    expect(rateTags(latte, ['offer'])).toBe(0);
  });

  it('never wants a fatal option, and wants a compulsory step more than all the rest', () => {
    expect(rateTags(latte, ['listen', 'rude'])).toBe(-Infinity);
    const compulsory = resolveRubric({ id: 'c', criteria: [{ id: 'a', tags: ['listen'], weight: 5 }, { id: 'v', tags: ['verify'], weight: 1, fatal: 'if-missing' }] });
    expect(rateTags(compulsory, ['verify'])).toBeGreaterThan(rateTags(compulsory, ['listen']));
    expect(rateTags(compulsory, ['verify'], new Set(['verify']))).toBe(0);
  });
});
