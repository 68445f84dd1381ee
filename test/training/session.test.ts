import { describe, expect, it } from 'vitest';
import { WalkError } from '../../src/callscripts/walk.ts';
import { callSeconds, isOver, patienceLeft, sessionOptions, sessionReducer, startSession, SessionError, type SessionEvent, type TrainingSession } from '../../src/training/session.ts';
import { bundled } from './helpers.ts';

const play = (session: TrainingSession, ...events: SessionEvent[]) => events.reduce(sessionReducer, session);

describe('training session reducer', () => {
  it('starts at the script start with the profile caller, in the language asked for', async () => {
    const session = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en' });
    expect(session.walk.node).toBe('opening');
    expect(session.walk.caller).toEqual({ patience: 180, mood: 0.2, intent: 0, value: 0 });
    expect(sessionOptions(session).map((o) => o.id)).toEqual(['hear', 'policy', 'blame-courier']);
    expect(session.walk.line).toMatch(/^(Finally!|Look, I have a problem)/);
    expect(session.rubric).toBe('HEARD');
  });

  it('refuses a language the script is not written in', async () => {
    const script = { ...(await bundled('missing-parts-complaint')), language: 'it' as const };
    expect(() => startSession(script, { seed: 1, language: 'en' })).toThrow(SessionError);
  });

  it('arrows move the highlight round the list; Enter answers with the highlighted option', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en' });
    expect(play(start, { type: 'move', delta: 1 }).cursor).toBe(1);
    expect(play(start, { type: 'move', delta: -1 }).cursor).toBe(2);
    expect(play(start, { type: 'move', delta: 1 }, { type: 'move', delta: 1 }, { type: 'move', delta: 1 }).cursor).toBe(0);
    const answered = play(start, { type: 'move', delta: 1 }, { type: 'confirm' });
    expect(answered.walk.chosen).toEqual(['opening.policy']);
    expect(answered.cursor).toBe(0);
    expect(answered.turns).toHaveLength(1);
    expect(answered.turns[0]).toMatchObject({ option: 'policy', thinking: 0, before: start.walk });
  });

  it('a number key answers directly; numbers beyond the list do nothing', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en' });
    expect(play(start, { type: 'select', index: 5 })).toBe(start);
    const answered = play(start, { type: 'select', index: 0 });
    expect(answered.walk.chosen).toEqual(['opening.hear']);
    // hear: 30 s, patience +20, mood +0.05.
    expect(answered.walk.caller).toEqual({ patience: 170, mood: 0.25, intent: 0, value: 0 });
    expect(answered.walk.elapsed).toBe(30);
  });

  it('without real time, ticks change nothing', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en' });
    expect(play(start, { type: 'tick', seconds: 500 })).toBe(start);
  });

  it('in real time, hesitation shows on the meters and costs patience when answering', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en', realtime: true });
    const waiting = play(start, { type: 'tick', seconds: 5 }, { type: 'tick', seconds: 7 });
    expect(waiting.thinking).toBe(12);
    expect(patienceLeft(waiting)).toBe(168);
    expect(callSeconds(waiting)).toBe(12);
    const answered = play(waiting, { type: 'select', index: 0 });
    expect(answered.walk.caller.patience).toBe(180 - 12 - 30 + 20);
    expect(answered.walk.elapsed).toBe(42);
    expect(answered.turns[0]!.thinking).toBe(12);
    expect(answered.thinking).toBe(0);
  });

  it('in real time, a node timeout fires on the wall clock: silence at "fix" and the caller leaves', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en', realtime: true });
    const atFix = play(start, { type: 'select', index: 0 }, { type: 'select', index: 0 });
    expect(atFix.walk.node).toBe('fix');
    expect(play(atFix, { type: 'tick', seconds: 59 }).walk.node).toBe('fix');
    const over = play(atFix, { type: 'tick', seconds: 59 }, { type: 'tick', seconds: 1 });
    expect(over.walk.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(over.turns.at(-1)).toMatchObject({ option: undefined, thinking: 60 });
    expect(over.walk.transcript.at(-2)!.action).toEqual({ kind: 'timeout', line: 'Hello? Is anyone still there? ...Just as I thought.' });
    expect(play(over, { type: 'confirm' })).toBe(over);
  });

  it('in real time, hesitating longer than the caller’s patience makes them hang up', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en', realtime: true });
    const over = play(start, { type: 'tick', seconds: 100 }, { type: 'tick', seconds: 100 });
    expect(isOver(over)).toBe(true);
    expect(over.walk.outcome).toEqual({ kind: 'hung-up', reason: 'patience', node: 'opening' });
    expect(over.walk.elapsed).toBe(180);
    expect(over.walk.caller.patience).toBe(0);
  });

  it('choosing an option that is not on screen is a WalkError, not a silent skip', async () => {
    const start = startSession(await bundled('missing-parts-complaint'), { seed: 7, language: 'en' });
    const { answer } = await import('../../src/training/session.ts');
    expect(() => answer(start, 'diagnose')).toThrow(WalkError);
  });
});
