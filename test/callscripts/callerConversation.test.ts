/**
 * The caller in a scripted call is the simulator's XState caller machine: the conversation
 * events (CONVERSATION_START, AGENT_SAYS, CONVERSATION_END) move patience, mood and intent
 * with named actions, and named guards decide a hang-up and a sale. Checked here through
 * XState itself, through the compiled table, and through the script walker.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callerMachine, saleChance, type CallerEvent, type CallerInput } from '../../src/callers/caller.ts';
import { compileMachine } from '../../src/callers/compile.ts';
import { scripted } from '../../src/callscripts/choosers.ts';
import { formatScriptDiagnostics } from '../../src/callscripts/errors.ts';
import { parseCallScript } from '../../src/callscripts/load.ts';
import type { CallScript } from '../../src/callscripts/schema.ts';
import { choose, start, walk } from '../../src/callscripts/walk.ts';
import { createStream } from '../../src/kernel/rng.ts';

type Snapshot = SnapshotFrom<typeof callerMachine>;

const INPUT: CallerInput = {
  patience: 300,
  purchaseProbability: 0.6,
  resolutionProbability: 0.8,
  orderValue: 200,
  mood: 0.8,
  intentHalfLife: 600,
  callerType: 'buyer',
  problem: 'pre-sale',
};

/** Runs events through XState's own pure transition function. */
function run(events: readonly CallerEvent[], input: CallerInput = INPUT): Snapshot {
  let [snapshot] = initialTransition(callerMachine, input);
  for (const event of events) [snapshot] = transition(callerMachine, snapshot, event);
  return snapshot;
}

const queuedThenAnswered = (waited: number): CallerEvent[] => [
  { type: 'OFFER', agentFree: false, queueHasRoom: true },
  { type: 'ANSWER', waited },
];
const talk = (patience: number, intent: number, buyer = true): CallerEvent => ({ type: 'CONVERSATION_START', patience, intent, buyer });
const says = (seconds: number, effects: Record<string, number> = {}): CallerEvent => ({ type: 'AGENT_SAYS', seconds, effects });

describe('the caller machine converses', () => {
  it('starts the conversation with the wait taking its toll on intent (one half-life halves it)', () => {
    const snapshot = run([...queuedThenAnswered(600), talk(240, 0.8)]);
    expect(snapshot.value).toBe('inService');
    expect(snapshot.context.callPatience).toBe(240);
    expect(snapshot.context.intent).toBeCloseTo(0.4, 12);
    expect(snapshot.context.mood).toBe(0); // 10 minutes of wait at 0.1 a minute: 0.8 − 1.0, clamped
    // A buyer answered at once and handled perfectly would spend the whole order.
    expect(snapshot.context.purchaseProbability).toBe(1);
    const nonBuyer = run([...queuedThenAnswered(0), talk(240, 0.8, false)]);
    expect(nonBuyer.context.intent).toBe(0);
    expect(nonBuyer.context.purchaseProbability).toBe(0);
  });

  it('what the agent says moves patience (time and effect), mood, intent (clamped) and the order value', () => {
    const snapshot = run([...queuedThenAnswered(0), talk(100, 0.5), says(30, { patience: 10, mood: 0.5, intent: -0.7, value: 39 })]);
    expect(snapshot.value).toBe('inService');
    expect(snapshot.context).toMatchObject({ callPatience: 80, mood: 1, intent: 0, orderValue: 239 });
  });

  it('runs out of patience: the guard hangs up, recorded as hung-up with the sale lost', () => {
    const snapshot = run([...queuedThenAnswered(0), talk(60, 0.9), says(40), says(25, { patience: 4 })]);
    expect(snapshot.value).toEqual('done');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context).toMatchObject({ outcome: 'hung-up', callPatience: 0, purchaseProbabilityNow: 0 });
    // Exactly at zero counts too: 60 − 60 = 0.
    expect(run([...queuedThenAnswered(0), talk(60, 0.9), says(60)]).context.outcome).toBe('hung-up');
    expect(run([...queuedThenAnswered(0), talk(60, 0.9), says(59.5)]).context.outcome).toBe('none');
  });

  it('at a sale node mood and intent decide: the caller buys when the draw is below intent × (½ + ½ mood)', () => {
    const before = [...queuedThenAnswered(0), talk(300, 0.6), says(20, { mood: 0.2 })];
    // mood 0.8 + 0.2 = 1, intent 0.6: chance 0.6.
    expect(saleChance(run(before).context)).toBeCloseTo(0.6, 12);
    const bought = run([...before, { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0.59 }]);
    expect(bought.context).toMatchObject({ outcome: 'purchased', orderValue: 200 });
    expect(bought.context.purchaseProbabilityNow).toBeCloseTo(0.6, 12);
    const declined = run([...before, { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0.61 }]);
    expect(declined.context.outcome).toBe('resolved');
    // Expected revenue kept is the chance: lost revenue counts the other 40% of the order.
    expect(declined.context.purchaseProbabilityNow).toBeCloseTo(0.6, 12);
    // A furious caller (mood 0) is half as likely: intent 0.6 → 0.3.
    const furious = [...queuedThenAnswered(0), talk(300, 0.6), says(20, { mood: -1 })];
    expect(saleChance(run(furious).context)).toBeCloseTo(0.3, 12);
    expect(run([...furious, { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0.35 }]).context.outcome).toBe('resolved');
    // A sale node's own value replaces the order value.
    expect(run([...before, { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0, value: 999 }]).context.orderValue).toBe(999);
    // A caller who never meant to buy does not buy, whatever the draw.
    expect(run([...queuedThenAnswered(0), talk(300, 1, false), says(5, { intent: 1 }), { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0 }]).context.outcome).toBe('resolved');
  });

  it('every other ending is recorded as such, with no sale', () => {
    const before = [...queuedThenAnswered(0), talk(300, 0.6)];
    for (const [ending, outcome] of [['resolved', 'resolved'], ['callback', 'callback'], ['escalated', 'escalated'], ['hung-up', 'hung-up']] as const) {
      const snapshot = run([...before, { type: 'CONVERSATION_END', ending, saleDraw: 0 }]);
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.outcome).toBe(outcome);
      expect(snapshot.context.purchaseProbabilityNow).toBe(0);
    }
  });

  it('the simulator path is unchanged: SERVICE_END still decides with the problem type’s coin flips', () => {
    const snapshot = run([...queuedThenAnswered(0), { type: 'SERVICE_END', saleDraw: 0.5, resolutionDraw: 0.9 }]);
    expect(snapshot.context).toMatchObject({ outcome: 'purchased', purchaseProbabilityNow: 0.6, intent: 0, callPatience: 0 });
    // Conversation events are ignored outside service.
    expect(run([talk(100, 1)]).value).toBe('arriving');
  });

  it('the compiled table steps the conversation exactly as XState does', () => {
    const compiled = compileMachine(callerMachine);
    const sequences: CallerEvent[][] = [
      [...queuedThenAnswered(120), talk(200, 0.7), says(30, { mood: 0.1, intent: 0.2 }), says(45, { value: 39 }), { type: 'CONVERSATION_END', ending: 'sale', saleDraw: 0.2 }],
      [...queuedThenAnswered(0), talk(50, 0.7), says(30), says(30)],
      [...queuedThenAnswered(0), talk(50, 0.7), { type: 'CONVERSATION_END', ending: 'escalated', saleDraw: 0.2 }],
    ];
    for (const events of sequences) {
      let snapshot = compiled.initial(INPUT).snapshot;
      for (const event of events) snapshot = compiled.step(snapshot, event).snapshot;
      const reference = run(events);
      expect(snapshot.context).toEqual(reference.context);
      expect(compiled.stateValue(snapshot.state)).toEqual(reference.value);
    }
  });
});

const SHOP = `id: conversation
title: Conversation
language: en
rubric: LATTE
caller: { problem: sale, patience: 120, mood: 1, intent: 0.5, value: 300 }
start: hello
nodes:
  - id: hello
    options:
      - { id: warm, text: "Happy to help.", tags: [listen], effects: { intent: 0.2 }, duration: 20, goto: sold }
      - { id: cold, text: "Yes?", effects: { mood: -1 }, duration: 20, goto: sold }
  - { id: sold, outcome: sale }
`;

function load(text: string): CallScript {
  const result = parseCallScript(text, 'conversation.yaml');
  if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
  return result.script;
}

describe('the walker converses with the caller machine', () => {
  const script = load(SHOP);
  const rng = (): ReturnType<typeof createStream> => createStream(3, 'conversation');
  const caller = { patience: 120, mood: 1, intent: 0.5 };

  it('with a sale draw, the caller buys only when mood and intent make it likely enough', () => {
    // warm: intent 0.7, mood 1 → chance 0.7; cold: intent 0.5, mood 0 → chance 0.25.
    const outcome = (option: string, saleDraw: number): string => walk(script, caller, rng(), scripted([option]), { saleDraw }).outcome.kind;
    expect(outcome('warm', 0.69)).toBe('sale');
    expect(outcome('warm', 0.71)).toBe('resolved');
    expect(outcome('cold', 0.24)).toBe('sale');
    expect(outcome('cold', 0.26)).toBe('resolved');
  });

  it('without a sale draw (the trainer), reaching the sale node is a sale, as before', () => {
    expect(walk(script, caller, rng(), scripted(['cold'])).outcome).toEqual({ kind: 'sale', value: 300, node: 'sold' });
  });

  it('the walk state carries the machine: in service during the call, done with its outcome after it', () => {
    const compiled = compileMachine(callerMachine);
    const state = start(script, caller, rng());
    expect(compiled.stateNames[state.machine.state]).toBe('inService');
    expect(state.machine.context).toMatchObject({ callPatience: 120, intent: 0.5, mood: 1, orderValue: 300 });
    const after = choose(state, 'warm');
    // outcome.purchased is final: its onDone moves the caller on to done.
    expect(compiled.stateNames[after.machine.state]).toBe('done');
    expect(after.machine.status).toBe('done');
    expect(after.machine.context.outcome).toBe('purchased');
    expect(after.caller).toEqual({ patience: 100, mood: 1, intent: 0.7, value: 300 });
  });

  it('a caller machine from the simulator (after a wait) starts the walk with its own mood and value', () => {
    const compiled = compileMachine(callerMachine);
    let machine = compiled.initial({ ...INPUT, mood: 0.9, orderValue: 120 }).snapshot;
    machine = compiled.step(machine, { type: 'OFFER', agentFree: false, queueHasRoom: true }).snapshot;
    machine = compiled.step(machine, { type: 'ANSWER', waited: 600 }).snapshot;
    const state = start(script, caller, rng(), { machine, buyer: true, saleDraw: 0.99 });
    // Ten minutes of wait: mood 0.9 − 1 → 0; intent 0.5 halved by one half-life.
    expect(state.caller).toEqual({ patience: 120, mood: 0, intent: 0.25, value: 120 });
    expect(choose(state, 'warm').outcome).toEqual({ kind: 'resolved', node: 'sold' });
    expect(() => start(script, caller, rng(), { machine: compiled.initial(INPUT).snapshot })).toThrow(/must be in service/);
  });
});
