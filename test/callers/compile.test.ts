import { describe, expect, it } from 'vitest';
import { assign, createMachine, initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import { callerMachine, type CallerInput } from '../../src/callers/caller.ts';
import {
  CompileError,
  compileMachine,
  type CompiledMachine,
  type CompilerMutation,
  type DelayRequest,
  type StepResult,
} from '../../src/callers/compile.ts';
import { awkwardMachine, type AwkwardInput } from './awkwardMachine.ts';

/**
 * Differential test: the compiled stepper against XState's own `initialTransition` /
 * `transition`, on thousands of seeded random event sequences, comparing state value, context,
 * status and the delayed-event requests after every step.
 */

/** mulberry32: a small seeded PRNG, so every failure is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
type AnyEvent = { type: string; [key: string]: unknown };

const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Every `after` event id of a machine, read from XState's own state nodes. */
function afterEventTypes(machine: AnyStateMachine): string[] {
  const types: string[] = [];
  const visit = (node: { after: readonly { eventType: string }[]; states: Record<string, unknown> }): void => {
    for (const t of node.after) if (!types.includes(t.eventType)) types.push(t.eventType);
    for (const child of Object.values(node.states)) visit(child as typeof node);
  };
  visit(machine.root as unknown as Parameters<typeof visit>[0]);
  return types;
}

/** The delayed-event requests in XState's returned actions, in the compiled form. */
function xstateDelays(actions: readonly { type: string; params?: unknown }[]): { scheduled: DelayRequest[]; cancelled: string[] } {
  const scheduled: DelayRequest[] = [];
  const cancelled: string[] = [];
  for (const action of actions) {
    if (action.type === 'xstate.raise') {
      const params = action.params as { event: { type: string }; id: string; delay: unknown };
      if (typeof params.delay === 'number') {
        if (params.event.type !== params.id) throw new Error(`delayed event ${params.event.type} has id ${params.id}`);
        scheduled.push({ event: params.id, delayMs: params.delay });
      }
    } else if (action.type === 'xstate.cancel') {
      cancelled.push((action.params as { sendId: string }).sendId);
    }
  }
  return { scheduled, cancelled };
}

interface DiffCase<TInput> {
  readonly machine: AnyStateMachine;
  readonly input: (rng: Rng) => TInput;
  readonly event: (rng: Rng) => AnyEvent;
}

/**
 * Runs `sequences` random sequences; returns the first divergence (with its seed and the
 * events so far) or null. Throws only for harness bugs; a compiled stepper that throws where
 * XState does not counts as a divergence.
 */
function differential<TInput>(
  compiled: CompiledMachine<unknown, AnyEvent, TInput>,
  spec: DiffCase<TInput>,
  sequences: number,
  maxSteps: number,
  seed: number,
): string | null {
  for (let sequence = 0; sequence < sequences; sequence++) {
    const rng = prng(seed * 100_003 + sequence);
    const input = spec.input(rng);
    const trail: string[] = ['initial'];
    const where = (): string => `seed ${seed}, sequence ${sequence}, input ${JSON.stringify(input)}, events ${trail.join(' → ')}`;
    let [xs, xactions] = initialTransition(spec.machine, input);
    let result: StepResult<unknown>;
    try {
      result = compiled.initial(input);
    } catch (error) {
      return `compiled initial threw ${String(error)} (${where()})`;
    }
    const steps = 1 + Math.floor(rng() * maxSteps);
    for (let step = 0; ; step++) {
      const mismatch = compare(compiled, xs, xactions, result);
      if (mismatch !== null) return `${mismatch} (${where()})`;
      if (xs.status !== 'active') {
        // A done machine ignores further events, as an XState actor does (it stops). XState's
        // pure transition() would still take root-level transitions of a done snapshot, so the
        // comparison ends here.
        const again = compiled.step(result.snapshot, spec.event(rng));
        if (again.changed || again.snapshot !== result.snapshot || again.scheduled.length > 0) return `a done snapshot reacted to an event (${where()})`;
        break;
      }
      if (step >= steps) break;
      const event = spec.event(rng);
      trail.push(JSON.stringify(event));
      [xs, xactions] = transition(spec.machine, xs, event as never);
      try {
        result = compiled.step(result.snapshot, event);
      } catch (error) {
        return `compiled step threw ${String(error)} (${where()})`;
      }
    }
  }
  return null;
}

function compare(
  compiled: CompiledMachine<unknown, AnyEvent, unknown>,
  xs: { value: unknown; context: unknown; status: string },
  xactions: readonly { type: string; params?: unknown }[],
  result: StepResult<unknown>,
): string | null {
  const { snapshot } = result;
  const value = compiled.stateValue(snapshot.state);
  if (!deepEqual(value, xs.value)) return `state ${JSON.stringify(value)} ≠ XState ${JSON.stringify(xs.value)}`;
  if (snapshot.status !== xs.status) return `status ${snapshot.status} ≠ XState ${xs.status}`;
  if (!deepEqual(snapshot.context, xs.context)) return `context ${JSON.stringify(snapshot.context)} ≠ XState ${JSON.stringify(xs.context)}`;
  const { scheduled, cancelled } = xstateDelays(xactions);
  if (!deepEqual(result.scheduled, scheduled)) return `scheduled ${JSON.stringify(result.scheduled)} ≠ XState ${JSON.stringify(scheduled)}`;
  if (!deepEqual(result.cancelled, cancelled)) return `cancelled ${JSON.stringify(result.cancelled)} ≠ XState ${JSON.stringify(cancelled)}`;
  return null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

// --- the two machines under test -----------------------------------------------------------

const callerCase: DiffCase<CallerInput> = {
  machine: callerMachine,
  input: (rng) => ({
    patience: pick(rng, [Infinity, 0, rng() * 600, Math.floor(rng() * 300)]),
    purchaseProbability: rng(),
    resolutionProbability: pick(rng, [0, 1, rng()]),
    orderValue: Math.round(rng() * 500),
    mood: rng(),
    intentHalfLife: 1 + rng() * 300,
    callerType: pick(rng, ['new', 'loyal']),
    problem: pick(rng, ['billing', 'outage']),
  }),
  event: (rng) => {
    const draw = rng();
    if (draw < 0.2) return { type: 'OFFER', agentFree: rng() < 0.4, queueHasRoom: rng() < 0.7 };
    if (draw < 0.35) return { type: 'ANSWER', waited: pick(rng, [0, rng() * 600, 1e6]) };
    if (draw < 0.45) return { type: 'SERVICE_END', saleDraw: rng(), resolutionDraw: rng() };
    // The scripted conversation: start, steps that may exhaust patience, and every ending.
    if (draw < 0.5) return { type: 'CONVERSATION_START', patience: pick(rng, [0, rng() * 300, Infinity]), intent: pick(rng, [0, 1, rng()]), buyer: rng() < 0.6 };
    if (draw < 0.62) {
      const effects = pick(rng, [{}, { patience: rng() * 60 - 30 }, { mood: rng() * 2 - 1, intent: rng() * 2 - 1 }, { value: rng() * 200 - 100, intent: 0.3 }]);
      return { type: 'AGENT_SAYS', seconds: pick(rng, [0, rng() * 90, 400]), effects };
    }
    if (draw < 0.68) {
      const ending = pick(rng, ['sale', 'sale', 'resolved', 'callback', 'escalated', 'hung-up'] as const);
      return rng() < 0.3 ? { type: 'CONVERSATION_END', ending, saleDraw: rng(), value: Math.round(rng() * 300) } : { type: 'CONVERSATION_END', ending, saleDraw: rng() };
    }
    if (draw < 0.85) return { type: 'xstate.after.patience.caller.queued' };
    return { type: pick(rng, ['NOPE', 'xstate.after.1000.caller.queued', 'xstate.done.state.caller.outcome', 'xstate.init']) };
  },
};

const AWKWARD_EVENTS = [
  'DEC', 'TOGGLE', 'GO_B', 'SELF', 'SELF_RE', 'UP', 'BACK', 'DEEP_DONE', 'FINISH_A', 'NEXT', 'PING', 'PONG', 'BUMP',
  'FLAGGED', 'KICK', 'END', 'RESET', 'CHECK', 'WILD.one', 'WILD.two.three', 'WILD', 'NOPE',
] as const;
const AWKWARD_AFTER = afterEventTypes(awkwardMachine);

const awkwardCase: DiffCase<AwkwardInput> = {
  machine: awkwardMachine,
  input: (rng) => ({ n: Math.floor(rng() * 50) - 15 }),
  event: (rng) => {
    const draw = rng();
    if (draw < 0.2) return { type: 'INC', by: Math.floor(rng() * 41) - 20 };
    if (draw < 0.4) return { type: pick(rng, AWKWARD_AFTER) };
    if (draw < 0.42) return { type: pick(rng, ['xstate.done.state.awk.a', 'xstate.done.state.awk.b.b2', 'xstate.init']) };
    return { type: pick(rng, AWKWARD_EVENTS) };
  },
};

const compileAny = <T,>(machine: AnyStateMachine, mutation?: CompilerMutation): CompiledMachine<unknown, AnyEvent, T> =>
  compileMachine(machine, mutation === undefined ? {} : { __mutation: mutation }) as unknown as CompiledMachine<unknown, AnyEvent, T>;

// --- tests -----------------------------------------------------------------------------------

describe('compiled machines step exactly like XState', () => {
  it('the caller machine: 3,000 random sequences, including patience = Infinity and stale delayed events', () => {
    const compiled = compileAny<CallerInput>(callerMachine);
    expect(differential(compiled, callerCase, 3000, 12, 1)).toBeNull();
  });

  it('the caller machine’s random runs reach every outcome, the scripted conversation’s included', () => {
    const compiled = compileAny<CallerInput>(callerMachine);
    const outcomes = new Set<string>();
    for (let sequence = 0; sequence < 1500; sequence++) {
      const rng = prng(9_000 + sequence);
      let result = compiled.initial(callerCase.input(rng));
      for (let step = 0; step < 12 && result.snapshot.status === 'active'; step++) result = compiled.step(result.snapshot, callerCase.event(rng));
      outcomes.add((result.snapshot.context as { outcome: string }).outcome);
    }
    expect([...outcomes].sort()).toEqual(['abandoned', 'blocked', 'callback', 'escalated', 'hung-up', 'none', 'purchased', 'resolved', 'unresolved']);
  });

  it('the awkward machine: 3,000 random sequences', () => {
    const compiled = compileAny<AwkwardInput>(awkwardMachine);
    expect(differential(compiled, awkwardCase, 3000, 40, 2)).toBeNull();
  });

  it('the awkward machine reaches every leaf state and both kinds of ending during the random runs', () => {
    const compiled = compileAny<AwkwardInput>(awkwardMachine);
    const seen = new Set<string>();
    let done = 0;
    for (let sequence = 0; sequence < 800; sequence++) {
      const rng = prng(7_000 + sequence);
      let result = compiled.initial(awkwardCase.input(rng));
      for (let step = 0; step < 40 && result.snapshot.status === 'active'; step++) {
        seen.add(compiled.stateNames[result.snapshot.state]!);
        result = compiled.step(result.snapshot, awkwardCase.event(rng));
      }
      seen.add(compiled.stateNames[result.snapshot.state]!);
      if (result.snapshot.status === 'done') done++;
    }
    // Nested final states are left at once through onDone, so they are never observed at rest.
    const atRest = compiled.stateNames.filter((name) => !['a.a1.fin', 'a.aDone', 'b.b2.y', 'b.b3'].includes(name));
    expect([...seen].sort()).toEqual([...atRest].sort());
    expect(done).toBeGreaterThan(50);
  });
});

describe('the differential test can fail', () => {
  const mutations: CompilerMutation[] = ['exit-order', 'skip-always', 'entry-before-exit', 'ignore-guard-order'];
  for (const mutation of mutations) {
    it(`detects a compiler broken by '${mutation}' on the awkward machine`, () => {
      const broken = compileAny<AwkwardInput>(awkwardMachine, mutation);
      expect(differential(broken, awkwardCase, 3000, 40, 3)).not.toBeNull();
    });
  }
});

describe('compiled API', () => {
  const compiled = compileMachine(callerMachine);

  it('names leaf states by dot path and looks them up', () => {
    expect(compiled.stateNames).toContain('outcome.purchased');
    expect(compiled.stateNames[compiled.stateId('queued')]).toBe('queued');
    expect(compiled.stateValue(compiled.stateId('outcome.resolved'))).toEqual({ outcome: 'resolved' });
    expect(() => compiled.stateId('outcome')).toThrow(CompileError);
    expect(() => compiled.stateId('nowhere')).toThrow(expect.objectContaining({ code: 'XSTATE_UNKNOWN_STATE' }));
  });

  it('returns the same snapshot and shared empty lists for an ignored event', () => {
    const { snapshot } = compiled.initial({ ...baseCallerInput, patience: 10 });
    const ignored = compiled.step(snapshot, { type: 'ANSWER', waited: 3 });
    expect(ignored.changed).toBe(false);
    expect(ignored.snapshot).toBe(snapshot);
    expect(Object.isFrozen(ignored.scheduled) && Object.isFrozen(ignored.cancelled)).toBe(true);
  });

  it('asks to schedule the patience timer in XState milliseconds and cancels it on answer', () => {
    const start = compiled.initial({ ...baseCallerInput, patience: 42.5 });
    const queued = compiled.step(start.snapshot, { type: 'OFFER', agentFree: false, queueHasRoom: true });
    expect(queued.scheduled).toEqual([{ event: 'xstate.after.patience.caller.queued', delayMs: 42_500 }]);
    expect(compiled.accepts(queued.snapshot.state, 'xstate.after.patience.caller.queued')).toBe(true);
    const answered = compiled.step(queued.snapshot, { type: 'ANSWER', waited: 5 });
    expect(answered.cancelled).toEqual(['xstate.after.patience.caller.queued']);
    expect(compiled.accepts(answered.snapshot.state, 'xstate.after.patience.caller.queued')).toBe(false);
  });

  it('does not mutate the previous context', () => {
    const start = compiled.initial({ ...baseCallerInput, patience: 10 });
    const queued = compiled.step(start.snapshot, { type: 'OFFER', agentFree: false, queueHasRoom: true });
    const frozen = Object.freeze(queued.snapshot.context);
    const answered = compiled.step(queued.snapshot, { type: 'ANSWER', waited: 5 });
    expect(answered.snapshot.context).not.toBe(frozen);
    expect(frozen.waited).toBe(0);
  });
});

const baseCallerInput: CallerInput = {
  patience: 60,
  purchaseProbability: 0.5,
  resolutionProbability: 0.5,
  orderValue: 100,
  mood: 0.5,
  intentHalfLife: 60,
  callerType: 'new',
  problem: 'billing',
};

describe('unsupported machines are refused at compile time (and a few options)', () => {
  const expectRefused = (machine: AnyStateMachine, code = 'XSTATE_UNSUPPORTED'): void => {
    let caught: unknown;
    try {
      compileMachine(machine);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CompileError);
    expect((caught as CompileError).code).toBe(code);
    expect((caught as CompileError).message.length).toBeGreaterThan(40);
  };

  it('parallel states', () => {
    expectRefused(createMachine({ id: 'p', type: 'parallel', states: { left: {}, right: {} } }));
  });

  it('invoke', () => {
    expectRefused(
      setup({ actors: { child: createMachine({}) } }).createMachine({ id: 'i', initial: 'a', states: { a: { invoke: { src: 'child' } } } }),
    );
  });

  it('history states', () => {
    expectRefused(
      createMachine({ id: 'h', initial: 'a', states: { a: { initial: 'x', states: { x: {}, hist: { type: 'history' } } }, b: { on: { BACK: 'a.hist' } } } }),
    );
  });

  it('actions that need actors or an event bus, and plain side effects by default', () => {
    expectRefused(createMachine({ id: 's', initial: 'a', states: { a: { entry: () => undefined } } }));
    const withSideEffect = setup({ actions: { beep: () => undefined } }).createMachine({ id: 'b', initial: 'a', states: { a: { entry: 'beep' } } });
    expectRefused(withSideEffect);
    expect(() => compileMachine(withSideEffect, { plainActions: 'ignore' })).not.toThrow();
  });

  it("plain side-effect actions can be skipped ('ignore', as XState's pure transition) or called in order ('call')", () => {
    const calls: string[] = [];
    const machine = setup({
      types: { context: {} as { n: number } },
      actions: {
        note: (_, params: { label: string }) => void calls.push(params.label),
        bump: assign({ n: ({ context }) => context.n + 1 }),
      },
    }).createMachine({
      id: 'fx',
      context: { n: 0 },
      initial: 'a',
      states: {
        a: { exit: { type: 'note', params: { label: 'exit a' } }, on: { GO: { target: 'b', actions: [{ type: 'note', params: { label: 'go' } }, 'bump'] } } },
        b: { entry: { type: 'note', params: { label: 'enter b' } } },
      },
    });
    const ignoring = compileMachine(machine, { plainActions: 'ignore' });
    expect(ignoring.step(ignoring.initial(undefined).snapshot, { type: 'GO' }).snapshot.context).toEqual({ n: 1 });
    expect(calls).toEqual([]);
    const calling = compileMachine(machine, { plainActions: 'call' });
    calling.step(calling.initial(undefined).snapshot, { type: 'GO' });
    expect(calls).toEqual(['exit a', 'go', 'enter b']);
  });

  it('names without an implementation', () => {
    expectRefused(createMachine({ id: 'g', initial: 'a', states: { a: { on: { GO: { guard: 'nope', target: 'b' } } }, b: {} } }), 'XSTATE_NOT_IMPLEMENTED');
  });
});
