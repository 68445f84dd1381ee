import { describe, expect, it } from 'vitest';
import { debrief, moneyOutcome } from '../../src/training/debrief.ts';
import { recordJson, recordMarkdown, recordText, sessionRecord, transcriptLines } from '../../src/training/record.ts';
import { answer, startSession, type SessionOptions } from '../../src/training/session.ts';
import { bundled } from './helpers.ts';

async function played(id: string, options: string[], settings: Partial<SessionOptions> = {}) {
  let session = startSession(await bundled(id), { seed: 3, language: 'en', ...settings });
  for (const option of options) session = answer(session, option);
  return session;
}

const META = { trainee: 'anna', startedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-02T09:03:00.000Z' };

describe('debrief', () => {
  it('a shaky pre-sale call: 40/100 LATTE, the better option at each weak turn, and the sale lost', async () => {
    const d = debrief(await played('pre-sale-reassurance', ['brush-off', 'generic', 'check', 'confirm', 'fine-print', 'send-link']));
    expect(d.score).toBe(40);
    expect(d.band).toBe('novice');
    expect(d.rubric).toEqual({ id: 'LATTE', title: 'LATTE (Starbucks)' });
    expect(d.steps.map((s) => `${s.title}:${s.met}`)).toEqual(['Listen:false', 'Acknowledge:false', 'Take action:true', 'Thank:false', 'Explain:true', 'Courtesy:false', 'Accurate information:false']);
    expect(d.outcome).toEqual({ kind: 'resolved', node: 'link-sent' });
    expect(d.money).toEqual({ kind: 'sale-lost', amount: 890 });
    expect(d.elapsed).toBe(125);
    expect(d.turns).toHaveLength(6);
    expect(d.turns[0]!.better).toEqual({ id: 'listen', text: 'Of course, go ahead: what would you like to know?', tags: ['greet', 'listen'], wouldMeet: ['Listen'] });
    expect(d.turns[1]!.better).toMatchObject({ id: 'acknowledge', wouldMeet: ['Acknowledge', 'Take action'] });
    expect(d.turns[2]).toMatchObject({ met: ['Take action'], better: undefined });
    expect(d.turns[3]).toMatchObject({ met: ['Explain'], better: undefined });
    expect(d.wentWell.map((t) => t.turn)).toEqual([3, 4]);
    expect(d.doDifferently.map((t) => t.turn)).toEqual(d.turns.filter((t) => t.better !== undefined).map((t) => t.turn));
    expect(d.doDifferently.map((t) => t.turn)).toEqual(expect.arrayContaining([1, 2]));
  });

  it('the best call scores 100 with nothing to do differently, and makes the sale', async () => {
    const d = debrief(await played('pre-sale-reassurance', ['listen', 'acknowledge', 'confirm', 'explain-returns', 'close', 'thank-and-explain']));
    expect(d).toMatchObject({ score: 100, band: 'expert', outcome: { kind: 'sale', value: 890, node: 'sold' }, money: { kind: 'sale-made', amount: 890 } });
    expect(d.doDifferently).toEqual([]);
    expect(d.wentWell.map((t) => t.met)).toEqual([['Listen'], ['Acknowledge', 'Take action'], ['Explain'], [], [], ['Thank']].filter((m) => m.length > 0));
  });

  it('rudeness to a top-tier customer: fatal courtesy, score 0, the customer and € 12,000 lost', async () => {
    const d = debrief(await played('top-tier-switching', ['voucher', 'insist', 'dare']));
    expect(d.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(d.score).toBe(0);
    expect(d.steps.find((s) => s.id === 'courtesy')).toMatchObject({ fatal: 'if-chosen', met: true });
    expect(d.money).toEqual({ kind: 'customer-lost', amount: 12000 });
    expect(d.turns[2]).toMatchObject({ chosen: { id: 'dare' }, triggered: ['Courtesy'], better: { id: 'recover' } });
    expect(d.turns[0]!.better).toMatchObject({ id: 'listen', wouldMeet: ['Listen'] });
  });

  it('scores with another rubric when the trainee practises one: the furniture complaint under LEARN and LATTE', async () => {
    const best = ['hear', 'empathize', 'ship-parts', 'diagnose', 'thank'];
    const learn = debrief(await played('missing-parts-complaint', best, { rubric: 'LEARN' }));
    expect(learn.rubric.id).toBe('LEARN');
    expect(learn.steps.filter((s) => s.fatal === undefined).map((s) => s.title)).toEqual(['Listen', 'Empathize', 'Apologize', 'React', 'Notify']);
    expect(learn.score).toBe(100);
    const latte = debrief(await played('missing-parts-complaint', best, { rubric: 'LATTE' }));
    expect(latte.score).toBe(100);
    const heard = debrief(await played('missing-parts-complaint', ['hear', 'empathize', 'ship-parts', 'shrug', 'thank']));
    expect(heard.score).toBe(80);
    expect(heard.doDifferently.map((t) => t.better?.id)).toEqual(['diagnose']);
  });

  it('money: customer kept when a valued customer’s call ends well; nothing at stake without a value', async () => {
    const kept = await played('top-tier-switching', ['listen', 'acknowledge', 'express', 'explain', 'thank']);
    expect(moneyOutcome(kept.script, kept.walk)).toEqual({ kind: 'customer-kept', amount: 12000 });
    const complaint = await played('missing-parts-complaint', ['hear', 'empathize', 'ship-parts', 'diagnose', 'thank']);
    expect(moneyOutcome(complaint.script, complaint.walk)).toEqual({ kind: 'none', amount: 0 });
  });

  it('debrief words follow the call language', async () => {
    const d = debrief(await played('top-tier-switching', ['listen', 'acknowledge', 'express', 'explain', 'thank'], { language: 'it' }));
    expect(d.title).toBe('Cliente Platinum che minaccia di passare alla concorrenza');
    expect(d.steps[0]!.title).toBe('Ascoltare');
  });
});

describe('session record and transcript', () => {
  it('turns the walker transcript into caller / agent / note lines with call times', async () => {
    const session = await played('missing-parts-complaint', ['policy']);
    const lines = transcriptLines(session.walk.transcript, 'en');
    expect(lines.map((l) => [l.at, l.speaker])).toEqual([
      [0, 'caller'],
      [0, 'agent'],
      [10, 'caller'],
      [10, 'note'],
      [10, 'caller'],
      [10, 'caller'],
    ]);
    expect(lines[1]!.text).toBe('For missing parts you need to open a request on the website, in the support section.');
    expect(lines[3]!.text).toBe('(no reply possible)');
    expect(lines[4]!.text).toBe("That's it, forget it. See you in the reviews.");
  });

  it('renders Markdown, text and JSON with the same facts', async () => {
    const session = await played('pre-sale-reassurance', ['listen', 'acknowledge', 'confirm', 'explain-returns', 'close', 'thank-and-explain']);
    const record = sessionRecord(session, { ...META, file: 'callscripts/pre-sale-reassurance.yaml' });
    const markdown = recordMarkdown(record);
    expect(markdown.split('\n').slice(0, 7)).toEqual([
      '# Debrief: Buyer who needs reassurance before ordering',
      '',
      '- Trainee: anna · 2026-03-02T09:00:00.000Z · seed 3',
      '- Score: 100/100 (expert) · LATTE (Starbucks)',
      '- Outcome: sale · Call time 3:20',
      '- Money: Sale made: € 890',
      '',
    ]);
    expect(markdown).toContain('## What to do differently\n- Nothing: every answer was the best one available.\n');
    expect(markdown).toContain('- `0:00` **You: ');
    const text = recordText(record);
    expect(text).toContain('RUBRIC STEPS\n  ✓ Listen\n  ✓ Acknowledge\n  ✓ Take action\n  ✓ Thank\n  ✓ Explain\n  ✓ Courtesy (fatal)\n');
    const json = JSON.parse(recordJson(record)) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'callfloor-training-session', version: 1, scriptId: 'pre-sale-reassurance', trainee: 'anna', score: 100, seed: 3, file: 'callscripts/pre-sale-reassurance.yaml', money: { kind: 'sale-made', amount: 890 } });
    expect(json).not.toHaveProperty('wentWell');
    expect((json.transcript as unknown[]).length).toBe(record.transcript.length);
  });
});
