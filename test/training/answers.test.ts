import { describe, expect, it } from 'vitest';
import { formatAnswersDiagnostic, parseAnswersJsonLines, parseAnswersText, type AnswersParse } from '../../src/training/answers.ts';
import { playAnswers } from '../../src/training/play.ts';
import { bundled } from './helpers.ts';

function errorsOf(result: AnswersParse | ReturnType<typeof playAnswers>): string[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(formatAnswersDiagnostic);
}

function planOf(text: string) {
  const parsed = parseAnswersText(text, 'a.yaml');
  if (!parsed.ok) throw new Error(errorsOf(parsed).join('\n'));
  return parsed.plan;
}

describe('answers files', () => {
  it('the list form keeps each choice with its position and hesitation', () => {
    const plan = planOf('- hear\n- { option: empathize, thinking: 1.5min }\n');
    expect(plan).toMatchObject({
      kind: 'list',
      choices: [
        { option: 'hear', thinking: 0, line: 1, column: 3 },
        { option: 'empathize', thinking: 90, line: 2, column: 3 },
      ],
    });
  });

  it('the per-node form maps node ids to one choice or one per visit', () => {
    const plan = planOf('opening: hear\nfix: [ship-parts, new-ticket]\n');
    if (plan.kind !== 'per-node') throw new Error('per-node expected');
    expect(plan.nodes.get('opening')).toMatchObject([{ option: 'hear', line: 1, column: 10 }]);
    expect(plan.nodes.get('fix')!.map((c) => `${c.option}@${c.line}:${c.column}`)).toEqual(['ship-parts@2:7', 'new-ticket@2:19']);
  });

  it.each([
    ['hear: [1, 2]\n', 'a.yaml:1:8  SCHEMA_TYPE  hear[0]: 1 is not a choice: write an option id, or { option: id, thinking: 5s }'],
    ['- hear\n- { option: empathize, wait: 3 }\n', 'a.yaml:2:3  SCHEMA_UNKNOWN_KEY  [1]: unknown key wait (a choice has only option and thinking)'],
    ['- hear\n- "two words"\n', 'a.yaml:2:3  SCHEMA_FORMAT  [1]: an id of letters, digits, - and _ (e.g. ask-order) (got "two words")'],
    ['42\n', 'a.yaml:1:1  ANSWERS_SHAPE  the file holds 42, not a list of option ids or a map of node → option'],
    ['- hear\n  - bad: [\n', 'a.yaml:1:3  YAML_SYNTAX  implicit keys need to be on a single line'],
    ['[]\n', 'a.yaml:1:1  SCHEMA_RANGE'],
  ])('%j is reported as file:line:col CODE', (text, expected) => {
    const [first] = errorsOf(parseAnswersText(text, 'a.yaml'));
    expect(first!.startsWith(expected)).toBe(true);
    expect(first).toMatch(/ — .+$/);
  });

  it('JSON lines: one choice per line, errors at their line', () => {
    const parsed = parseAnswersJsonLines('"hear"\n\n{"option":"empathize","thinking":4}\n', '<stdin>');
    expect(parsed).toMatchObject({ ok: true, plan: { kind: 'list', choices: [{ option: 'hear', line: 1 }, { option: 'empathize', thinking: 4, line: 3 }] } });
    expect(errorsOf(parseAnswersJsonLines('"hear"\nhear\n', '<stdin>'))[0]).toMatch(/^<stdin>:2:1 {2}ANSWERS_JSON_LINE {2}line 2 is not JSON/);
    expect(errorsOf(parseAnswersJsonLines('\n', '<stdin>'))[0]).toMatch(/^<stdin>:1:1 {2}ANSWERS_SHAPE {2}no choices/);
  });
});

describe('playing answers against a script', () => {
  it('plays the per-node form to the end, whatever the order the nodes are written in', async () => {
    const script = await bundled('missing-parts-complaint');
    const result = playAnswers(script, planOf('closing: thank\nwhy: diagnose\nfix: ship-parts\nvent: empathize\nopening: hear\n'), { seed: 1, language: 'en' });
    if (!result.ok) throw new Error(errorsOf(result).join('\n'));
    expect(result.session.walk.outcome).toEqual({ kind: 'resolved', node: 'resolved' });
    expect(result.session.walk.chosen).toEqual(['opening.hear', 'vent.empathize', 'fix.ship-parts', 'why.diagnose', 'closing.thank']);
  });

  it('thinking in the answers costs patience as in real time, and reaching a timeout applies it', async () => {
    const script = await bundled('missing-parts-complaint');
    const slow = playAnswers(script, planOf('- { option: hear, thinking: 10 }\n- empathize\n- { option: ship-parts, thinking: 60 }\n'), { seed: 1, language: 'en' });
    if (!slow.ok) throw new Error(errorsOf(slow).join('\n'));
    expect(slow.session.turns[0]!.before.caller.patience - slow.session.turns[1]!.before.caller.patience).toBe(10 + 30 - 20);
    expect(slow.session.walk.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(slow.session.turns.at(-1)!.option).toBeUndefined();
  });

  it('an option not on screen: the answer’s position, and what was available', async () => {
    const script = await bundled('missing-parts-complaint');
    const errors = errorsOf(playAnswers(script, planOf('- hear\n- diagnose\n'), { seed: 1, language: 'en' }));
    expect(errors).toEqual(['a.yaml:2:3  ANSWERS_OPTION_UNAVAILABLE  option diagnose is not available at node vent (answer 2) — choose one of: empathize, excuse']);
  });

  it('too few, too many, and unknown nodes', async () => {
    const script = await bundled('missing-parts-complaint');
    expect(errorsOf(playAnswers(script, planOf('- hear\n'), { seed: 1, language: 'en' }))).toEqual([
      'a.yaml:1:3  ANSWERS_TOO_FEW  after 1 answer the call is at node vent and not over, but there is no answer for it — add an answer for node vent: empathize, excuse',
    ]);
    expect(errorsOf(playAnswers(script, planOf('- hear\n- excuse\n- dare\n- thank\n'), { seed: 1, language: 'en' }))).toEqual([
      'a.yaml:4:3  ANSWERS_TOO_MANY  the call ended at node gone (hung-up) after 3 answers; 1 more is left over — remove the extra answers, or fix the earlier ones so the call goes where you meant',
    ]);
    expect(errorsOf(playAnswers(script, planOf('opening: hear\nvnet: empathize\n'), { seed: 1, language: 'en' }))).toEqual([
      'a.yaml:2:1  ANSWERS_UNKNOWN_NODE  missing-parts-complaint has no node vnet — did you mean vent?',
    ]);
  });
});

describe('answers JSON Schema', () => {
  it('is committed up to date in schema/answers.schema.json, and every bundled answers file points at it', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { answersJsonSchemaText } = await import('../../src/training/answersJsonSchema.ts');
    const { bundledDir, root } = await import('./helpers.ts');
    expect(readFileSync(join(root, 'schema/answers.schema.json'), 'utf8')).toBe(answersJsonSchemaText());
    for (const file of readdirSync(join(bundledDir, 'answers'))) {
      expect(readFileSync(join(bundledDir, 'answers', file), 'utf8').split('\n')[0], file).toBe('# yaml-language-server: $schema=../../schema/answers.schema.json');
    }
  });
});
