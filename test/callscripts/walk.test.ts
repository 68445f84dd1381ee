import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bestRated, firstOption, proficient, scripted } from '../../src/callscripts/choosers.ts';
import { formatScriptDiagnostics } from '../../src/callscripts/errors.ts';
import { loadCallScriptFile, parseCallScript } from '../../src/callscripts/load.ts';
import type { CallScript } from '../../src/callscripts/schema.ts';
import {
  available,
  choose,
  chosenTags,
  expire,
  profileCaller,
  scoreCall,
  start,
  timeoutSeconds,
  walk,
  WalkError,
  type WalkState,
} from '../../src/callscripts/walk.ts';
import { createStream } from '../../src/kernel/rng.ts';

const SHOP = `id: walk-test
title: { it: "Prova", en: "Test" }
language: [it, en]
rubric: LATTE
caller: { problem: test, patience: 100, mood: 0.5, intent: 0.5, value: 200 }
placeholders:
  colour: { it: [rosso, blu, verde], en: [red, blue, green] }
start: hello
nodes:
  - id: hello
    lines:
      - { it: "Ciao, sono {name}, ordine {orderNumber}.", en: "Hi, I'm {name}, order {orderNumber}." }
      - { it: "Buongiorno, sono {name}, per il divano {colour}.", en: "Morning, I'm {name}, about the {colour} sofa." }
      - { it: "Salve, qui {name}.", en: "Hello, {name} here." }
    options:
      - { id: listen, text: { it: "Mi dica, {name}.", en: "Go ahead, {name}." }, tags: [listen], effects: { mood: 0.2, patience: 10, intent: 0.1 }, duration: 30, goto: ask }
      - { id: rude, text: { it: "Che vuole?", en: "What do you want?" }, tags: [rude], effects: { mood: -0.9, patience: -50, intent: -0.9 }, duration: 5, goto: ask }
      - { id: hold, text: { it: "Attenda.", en: "Please hold." }, duration: 20, once: true, goto: hello }
    timeout: { after: 15, goto: gone, line: { it: "Pronto?", en: "Hello?" }, effects: { mood: -0.2 } }
  - id: ask
    lines: [{ it: "Allora?", en: "So?" }]
    options:
      - { id: sell, text: { it: "Lo ordino io.", en: "I'll order it." }, tags: [take-action], when: { intent: { min: 0.6 } }, effects: { value: 50 }, duration: 20, goto: sold }
      - { id: thank, text: { it: "Grazie.", en: "Thanks." }, tags: [thank], when: { chose: [listen] }, duration: 5, goto: done }
      - { id: quick, text: { it: "Subito.", en: "Right away." }, when: { elapsed: { max: 10 } }, duration: 5, goto: done }
    fallback: { goto: later, line: { it: "Mi richiami.", en: "Call me back." }, duration: 10 }
  - { id: sold, lines: [{ it: "Grazie!", en: "Thanks!" }], outcome: sale }
  - { id: done, outcome: resolved }
  - { id: later, outcome: callback }
  - { id: gone, outcome: hung-up }
`;

function load(text: string): CallScript {
  const result = parseCallScript(text, 'test.yaml');
  if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
  return result.script;
}

const shop = load(SHOP);
const caller = { patience: 100, mood: 0.5, intent: 0.5, value: 200 };
const rng = (seed = 1): ReturnType<typeof createStream> => createStream(seed, 'walk-test');

describe('start', () => {
  it('enters the start node with a rendered caller line and draws exactly one number from the stream', () => {
    const stream = rng(5);
    const twin = rng(5);
    const state = start(shop, caller, stream);
    twin.next();
    expect(stream.next()).toBe(twin.next());
    expect(state.node).toBe('hello');
    expect(state.outcome).toBeUndefined();
    expect(state.line).toMatch(/^(Ciao|Buongiorno|Salve)/);
    expect(state.line).not.toContain('{');
    expect(state.language).toBe('it');
    expect(available(state).map((o) => o.id)).toEqual(['listen', 'rude', 'hold']);
  });

  it('is deterministic for a seed, in both languages, and seeds differ', () => {
    const run = (seed: number, language: 'it' | 'en'): WalkState => walk(shop, caller, rng(seed), firstOption, { language }).state;
    expect(run(7, 'en')).toEqual(run(7, 'en'));
    expect(run(7, 'it').transcript).toEqual(run(7, 'it').transcript);
    expect(run(7, 'en').line).toBe('Thanks!'); // listen, then sell: the sale node's line
    const names = new Set(Array.from({ length: 20 }, (_, seed) => start(shop, caller, rng(seed), { language: 'en' }).values.name));
    expect(names.size).toBeGreaterThan(10);
    const lines = new Set(Array.from({ length: 30 }, (_, seed) => start(shop, caller, rng(seed)).line!.split(',')[0]));
    expect(lines.size).toBe(3);
  });

  it('fills placeholders once per call: the same name in every line and option', () => {
    const state = start(shop, caller, rng(3), { language: 'en' });
    const { name } = state.values;
    expect(name).toMatch(/^\S+$/);
    expect(available(state)[0]!.text).toBe(`Go ahead, ${name}.`);
    const after = choose(state, 'listen');
    expect(after.transcript[0]!.action).toEqual({ kind: 'option', option: 'listen', text: `Go ahead, ${name}.`, tags: ['listen'] });
    expect(['red', 'blue', 'green']).toContain(state.values.colour);
    expect(state.values.orderNumber).toMatch(/^[1-9]\d{5}$/);
  });

  it('without rendering draws no placeholders and leaves lines undefined, with the same dynamics', () => {
    const rendered = walk(shop, caller, rng(9), scripted(['listen', 'sell']));
    const bare = walk(shop, caller, rng(9), scripted(['listen', 'sell']), { render: false });
    expect(bare.state.values).toEqual({});
    expect(bare.transcript.every((entry) => entry.line === undefined)).toBe(true);
    expect(bare.outcome).toEqual(rendered.outcome);
    expect(bare.transcript.map((e) => [e.node, e.caller, e.elapsed])).toEqual(rendered.transcript.map((e) => [e.node, e.caller, e.elapsed]));
  });

  it('a caller with no patience left hangs up at once', () => {
    expect(start(shop, { ...caller, patience: 0 }, rng()).outcome).toEqual({ kind: 'hung-up', reason: 'patience', node: 'hello' });
  });

  it('defaults the order value to the script profile', () => {
    expect(start(shop, { patience: 50, mood: 0.5, intent: 0.5 }, rng()).caller.value).toBe(200);
    expect(profileCaller(shop)).toEqual({ patience: 100, mood: 0.5, intent: 0.5, value: 200 });
  });
});

describe('choose', () => {
  it('applies duration and effects to the caller, and records the step', () => {
    const after = choose(start(shop, caller, rng()), 'listen');
    expect(after.node).toBe('ask');
    expect(after.caller).toEqual({ patience: 100 - 30 + 10, mood: 0.7, intent: 0.6, value: 200 });
    expect(after.elapsed).toBe(30);
    expect(after.chosen).toEqual(['hello.listen']);
    expect(after.transcript).toHaveLength(1);
    expect(after.transcript[0]).toMatchObject({ step: 0, node: 'hello', seconds: 30, elapsed: 30, caller: after.caller });
  });

  it('clamps mood and intent to 0…1 and adds thinking time', () => {
    const after = choose(start(shop, { ...caller, patience: 300 }, rng()), 'rude', { thinking: 4 });
    expect(after.caller).toEqual({ patience: 300 - 9 - 50, mood: 0, intent: 0, value: 200 });
    expect(after.elapsed).toBe(9);
  });

  it('the caller hangs up when patience reaches 0, at the node where it ran out', () => {
    const state = choose(start(shop, { ...caller, patience: 50 }, rng()), 'rude');
    expect(state.outcome).toEqual({ kind: 'hung-up', reason: 'patience', node: 'hello' });
    expect(state.transcript.at(-1)!.caller.patience).toBe(0);
    expect(available(state)).toEqual([]);
  });

  it('honours once: the option is gone when the call comes back', () => {
    const back = choose(start(shop, caller, rng()), 'hold');
    expect(back.node).toBe('hello');
    expect(available(back).map((o) => o.id)).toEqual(['listen', 'rude']);
    expect(() => choose(back, 'hold')).toThrow(WalkError);
  });

  it('evaluates conditions on caller state, earlier choices and elapsed time', () => {
    const listened = choose(start(shop, caller, rng()), 'listen');
    expect(available(listened).map((o) => o.id)).toEqual(['sell', 'thank']);
    const sold = choose(listened, 'sell');
    expect(sold.outcome).toEqual({ kind: 'sale', value: 250, node: 'sold' });
    expect(sold.transcript.at(-1)).toMatchObject({ node: 'sold', line: 'Grazie!', action: { kind: 'end' } });
  });

  it('takes the fallback when no option is available, with its line and duration', () => {
    const held = choose(start(shop, caller, rng()), 'hold'); // 20 s, no intent gained
    const rude = choose({ ...held, caller: { ...held.caller, patience: 500 } }, 'rude');
    expect(rude.node).toBe('later');
    expect(rude.outcome).toEqual({ kind: 'callback', node: 'later' });
    const fallback = rude.transcript.find((entry) => entry.action.kind === 'fallback')!;
    expect(fallback).toMatchObject({ node: 'ask', line: 'Allora?', action: { kind: 'fallback', line: 'Mi richiami.' }, seconds: 10 });
    expect(rude.elapsed).toBe(20 + 5 + 10);
  });

  it('applies the timeout when the agent thinks too long, or when the UI says the time is up', () => {
    const state = start(shop, caller, rng(), { language: 'en' });
    expect(timeoutSeconds(state)).toBe(15);
    const slow = choose(state, 'listen', { thinking: 15 });
    expect(slow.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(slow.transcript[0]).toMatchObject({ action: { kind: 'timeout', line: 'Hello?' }, seconds: 15, elapsed: 15 });
    expect(slow.transcript[0]!.caller.mood).toBeCloseTo(0.3, 12);
    expect(expire(state)).toEqual(slow);
    const justInTime = choose(state, 'listen', { thinking: 14.9 });
    expect(justInTime.node).toBe('ask');
    expect(justInTime.elapsed).toBeCloseTo(44.9, 12);
  });

  it('leaves earlier states untouched, so any state can be resumed (undo)', () => {
    const first = start(shop, caller, rng());
    const snapshot = structuredClone({ ...first, script: undefined });
    const a = choose(first, 'listen');
    const b = choose(first, 'listen');
    expect({ ...first, script: undefined }).toEqual(snapshot);
    expect(a).toEqual(b);
    expect(choose(a, 'thank')).toEqual(choose(b, 'thank'));
  });

  it('refuses what a driver must not do', () => {
    const state = start(shop, caller, rng());
    expect(() => choose(state, 'nope')).toThrow(/option nope is not available at node hello \(available: listen, rude, hold\)/);
    expect(() => choose(state, 'listen', { thinking: -1 })).toThrow(WalkError);
    const over = choose(state, 'listen', { thinking: 99 });
    expect(() => choose(over, 'listen')).toThrow(/the call is over/);
    expect(() => expire(over)).toThrow(WalkError);
    const noTimeout = choose(state, 'listen');
    expect(timeoutSeconds(noTimeout)).toBeUndefined();
    expect(() => expire(noTimeout)).toThrow(/has no timeout/);
  });
});

describe('walk', () => {
  it('ends with the caller hanging up when the agent has nothing to say and there is no fallback', () => {
    const stuck = load(`id: stuck
title: Stuck
language: en
rubric: LATTE
caller: { problem: test, patience: 60 }
start: a
nodes:
  - id: a
    options:
      - { id: go, text: "Go.", goto: b }
  - id: b
    options:
      - { id: only, text: "Only if happy.", when: { mood: { min: 0.9 } }, goto: c }
    fallback: { goto: c }
  - id: c
    options:
      - { id: x, text: "X", when: { intent: { min: 0.5 } }, goto: end }
    fallback: { goto: end }
  - { id: end, outcome: resolved }
`);
    expect(walk(stuck, { patience: 60, mood: 0.5, intent: 0 }, rng(), firstOption).outcome).toEqual({ kind: 'resolved', node: 'end' });
    // The same graph with the fallbacks removed: lint would object (SCRIPT_NO_FALLBACK); the walker ends the call.
    const noFallback: CallScript = { ...stuck, nodes: stuck.nodes.map(({ fallback: _fallback, ...node }) => node) };
    const result = walk(noFallback, { patience: 60, mood: 0.5, intent: 0 }, rng(), firstOption);
    expect(result.outcome).toEqual({ kind: 'hung-up', reason: 'no-option', node: 'b' });
    expect(result.transcript.at(-1)!.action).toEqual({ kind: 'end' });
  });

  it('ends in each kind of outcome; a sale node with its own value overrides the order value', () => {
    const ends = load(`id: ends
title: Ends
language: en
rubric: LATTE
caller: { problem: test, patience: 60, value: 80 }
start: a
nodes:
  - id: a
    options:
      - { id: fixed, text: "Bundle.", effects: { value: 20 }, goto: fixed-sale }
      - { id: sale, text: "Order.", effects: { value: 20 }, goto: sale }
      - { id: resolve, text: "Solved.", goto: resolved }
      - { id: escalate, text: "Manager.", goto: escalated }
      - { id: promise, text: "We'll call you.", goto: callback }
      - { id: end, text: "Bye.", goto: hung-up }
  - { id: fixed-sale, outcome: { kind: sale, value: 999 } }
  - { id: sale, outcome: sale }
  - { id: resolved, outcome: resolved }
  - { id: escalated, outcome: escalated }
  - { id: callback, outcome: { kind: callback } }
  - { id: hung-up, outcome: hung-up }
`);
    const outcome = (option: string): unknown => walk(ends, profileCaller(ends), rng(), scripted([option])).outcome;
    expect(outcome('fixed')).toEqual({ kind: 'sale', value: 999, node: 'fixed-sale' });
    expect(outcome('sale')).toEqual({ kind: 'sale', value: 100, node: 'sale' });
    expect(outcome('resolve')).toEqual({ kind: 'resolved', node: 'resolved' });
    expect(outcome('escalate')).toEqual({ kind: 'escalated', node: 'escalated' });
    expect(outcome('promise')).toEqual({ kind: 'callback', node: 'callback' });
    expect(outcome('end')).toEqual({ kind: 'hung-up', reason: 'script', node: 'hung-up' });
  });

  it('stops a call that loops forever at maxSteps', () => {
    const loop = load(`id: loop
title: Loop
language: en
rubric: LATTE
caller: { problem: test, patience: 60 }
start: a
nodes:
  - id: a
    options:
      - { id: again, text: "Again.", duration: 0, effects: { patience: 1 }, goto: a }
      - { id: stop, text: "Stop.", goto: end }
  - { id: end, outcome: resolved }
`);
    const result = walk(loop, profileCaller(loop), rng(), firstOption, { maxSteps: 25 });
    expect(result.outcome).toEqual({ kind: 'hung-up', reason: 'step-limit', node: 'a' });
    expect(result.transcript).toHaveLength(25);
    expect(result.caller.patience).toBe(85);
  });

  it('lists the tags chosen and scores the call with the script rubric', () => {
    const result = walk(shop, caller, rng(), scripted(['listen', 'thank']));
    expect(chosenTags(result.transcript)).toEqual([['listen'], ['thank']]);
    expect(scoreCall(result.state)).toMatchObject({ rubric: 'LATTE', raw: 40, score: 40, band: 'novice', fatal: [] });
    const rude = walk(shop, { ...caller, patience: 500 }, rng(), scripted([{ option: 'rude', thinking: 6 }]));
    expect(rude.outcome.kind).toBe('callback');
    expect(scoreCall(rude.state)).toMatchObject({ score: 0, fatal: ['courtesy'] });
  });
});

describe('bundled scripts with simulated agents', () => {
  const folder = fileURLToPath(new URL('../../callscripts/', import.meta.url));
  const scripts = new Map<string, CallScript>();
  const get = async (id: string): Promise<CallScript> => {
    if (!scripts.has(id)) {
      const result = await loadCallScriptFile(join(folder, `${id}.yaml`));
      if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
      scripts.set(id, result.script);
    }
    return scripts.get(id)!;
  };

  it.each([
    ['pre-sale-reassurance', { kind: 'sale', value: 890, node: 'sold' }, 100],
    ['missing-parts-complaint', { kind: 'resolved', node: 'resolved' }, 100],
    ['hospital-appointment', { kind: 'resolved', node: 'prenotata' }, 100],
    ['order-status-secretary', { kind: 'callback', node: 'message-taken' }, 100],
  ] as const)('the best-rated agent takes %s to its good outcome with full marks, in every language', async (id, outcome, score) => {
    const script = await get(id);
    for (const language of typeof script.language === 'string' ? [script.language] : script.language) {
      const result = walk(script, profileCaller(script), rng(), bestRated(), { language });
      expect(result.outcome).toEqual(outcome);
      expect(scoreCall(result.state)).toMatchObject({ score, band: 'expert' });
      expect(result.caller.patience).toBeGreaterThan(0);
      for (const entry of result.transcript) expect(entry.line ?? '', `${id} ${language}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('rudeness makes the angry customer hang up, and scores 0', async () => {
    const script = await get('missing-parts-complaint');
    const result = walk(script, profileCaller(script), rng(), scripted(['hear', 'excuse', 'dare']));
    expect(result.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(result.caller.mood).toBe(0);
    expect(scoreCall(result.state)).toMatchObject({ score: 0, fatal: ['courtesy'] });
  });

  it('brushing off a furious caller leaves no option but the fallback: they hang up', async () => {
    const script = await get('missing-parts-complaint');
    const result = walk(script, profileCaller(script), rng(), scripted(['policy']), { language: 'en' });
    expect(result.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(result.transcript.map((e) => e.action.kind)).toEqual(['option', 'fallback', 'end']);
    expect(result.transcript[1]!.action).toEqual({ kind: 'fallback', line: 'That\'s it, forget it. See you in the reviews.' });
  });

  it('the virtual secretary who makes up an answer "resolves" the call but scores 0; one who takes no details fails too', async () => {
    const script = await get('order-status-secretary');
    const madeUp = walk(script, profileCaller(script), rng(), scripted(['greet', 'make-up-answer']));
    expect(madeUp.outcome.kind).toBe('resolved');
    expect(scoreCall(madeUp.state)).toMatchObject({ score: 0, fatal: ['no-made-up-answers', 'contact-taken'] });
  });

  it('every bundled script ends for every seed and agent, and more proficient agents sell more', async () => {
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.yaml'))) {
      const script = await get(file.replace(/\.yaml$/, ''));
      const agent = proficient({ proficiency: 0.5, rng: createStream(1, 'agent') });
      for (let seed = 0; seed < 100; seed++) {
        const result = walk(script, profileCaller(script), rng(seed), agent, { render: false });
        expect(result.outcome.kind === 'hung-up' ? result.outcome.reason : 'ok', file).not.toMatch(/no-option|step-limit/);
      }
    }
    const script = await get('pre-sale-reassurance');
    const sales = (proficiency: number): number => {
      const agent = proficient({ proficiency, rng: createStream(2, 'agent') });
      let sold = 0;
      for (let seed = 0; seed < 400; seed++) {
        if (walk(script, profileCaller(script), rng(seed), agent, { render: false }).outcome.kind === 'sale') sold++;
      }
      return sold;
    };
    const [novice, developing, expert] = [sales(0), sales(0.5), sales(1)];
    expect(novice).toBeLessThan(developing);
    expect(developing).toBeLessThan(expert);
    expect(expert).toBe(400);
  });

  it('a proficient agent with proficiency 1 chooses like the best-rated agent', async () => {
    const script = await get('order-status-secretary');
    const a = walk(script, profileCaller(script), rng(4), bestRated());
    const b = walk(script, profileCaller(script), rng(4), proficient({ proficiency: 1, rng: createStream(0, 'agent') }));
    expect(b.transcript).toEqual(a.transcript);
    expect(() => proficient({ proficiency: 1.5, rng: rng() })).toThrow(RangeError);
  });

  it('a slow agent triggers timeouts', async () => {
    const script = await get('order-status-secretary');
    const slow = proficient({ proficiency: 1, rng: rng(), thinking: () => 25 });
    expect(walk(script, profileCaller(script), rng(), slow).outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
  });
});
