import { and, assign, not, or, raise, setup, stateIn, type AnyEventObject } from 'xstate';

/**
 * A deliberately awkward machine for the differential test of the compiler. The caller
 * machine alone is too simple to catch a broken compiler; this one exercises, on purpose:
 * compound states three levels deep, `always` chains with guards (and a targetless `always`
 * that only raises), `after` with named and numeric delays at several levels, `raise`,
 * nested final states → `onDone` (with output), `and`/`or`/`not`/`stateIn` and parameterised
 * guards, re-entering and non-re-entering self-transitions on atomic and compound states,
 * targets in a sibling subtree / an ancestor / the root, a forbidden transition, a wildcard
 * descriptor, initial-transition actions, and entry/exit actions at every level that append
 * to `context.log`, so any order mistake shows in the context.
 */

export interface AwkwardInput {
  readonly n: number;
}

export interface AwkwardContext {
  /** Entry ('a'), exit ('x:a') and transition ('t:…') actions in the order they ran (last 40). */
  readonly log: readonly string[];
  readonly n: number;
  readonly flag: boolean;
  readonly pongs: number;
  readonly flagged: number;
  readonly lastOutput: number;
}

export type AwkwardEvent =
  | { type: 'INC'; by: number }
  | { type: 'DEC' }
  | { type: 'TOGGLE' }
  | { type: 'GO_B' }
  | { type: 'SELF' }
  | { type: 'SELF_RE' }
  | { type: 'UP' }
  | { type: 'BACK' }
  | { type: 'DEEP_DONE' }
  | { type: 'FINISH_A' }
  | { type: 'NEXT' }
  | { type: 'PING' }
  | { type: 'PONG' }
  | { type: 'BUMP' }
  | { type: 'FLAGGED' }
  | { type: 'KICK' }
  | { type: 'END' }
  | { type: 'RESET' }
  | { type: 'CHECK' }
  | { type: 'WILD.one' }
  | { type: 'WILD.two.three' };

const KEEP = 40;

function append(log: readonly string[], entry: string): readonly string[] {
  const next = log.length >= KEEP ? log.slice(log.length - KEEP + 1) : log.slice();
  next.push(entry);
  return next;
}

/** Inline recorder (function-form assign). */
const rec = (label: string) =>
  assign<AwkwardContext, AnyEventObject, undefined, AwkwardEvent, never>(({ context }) => ({ log: append(context.log, label) }));

export const awkwardMachine = setup({
  types: {
    context: {} as AwkwardContext,
    events: {} as AwkwardEvent,
    input: {} as AwkwardInput,
  },
  guards: {
    isBig: ({ context }) => context.n > 10,
    isHuge: ({ context }) => context.n > 30,
    isNeg: ({ context }) => context.n < 0,
    flagOn: ({ context }) => context.flag,
    above: ({ context }, params: { value: number }) => context.n > params.value,
    /** A named guard that is itself a combinator. */
    bigOrFlag: or(['isBig', 'flagOn']),
  },
  actions: {
    /** Named, parameterised recorder. */
    record: assign(({ context }, params: { label: string }) => ({ log: append(context.log, params.label) })),
    /** Object-form assign with a property assigner. */
    decrement: assign({ n: ({ context }) => context.n - 1 }),
    /** Object-form assign with a static value and a property assigner. */
    toggle: assign({ flag: ({ context }) => !context.flag, pongs: 0 }),
    countPong: assign({ pongs: ({ context }) => context.pongs + 1 }),
  },
  delays: {
    short: ({ context }) => 100 + Math.abs(context.n),
    long: 1000,
  },
}).createMachine({
  id: 'awk',
  initial: 'a',
  context: ({ input }) => ({ log: [], n: input.n, flag: false, pongs: 0, flagged: 0, lastOutput: -1 }),
  entry: { type: 'record', params: { label: 'root' } },
  exit: { type: 'record', params: { label: 'x:root' } },
  on: {
    RESET: { target: '.a', reenter: true, actions: rec('t:RESET') },
    PING: { actions: raise({ type: 'PONG' }) },
    PONG: { actions: 'countPong' },
    KICK: { guard: 'bigOrFlag', target: '#awk.c', actions: rec('t:KICK') },
    'WILD.*': { actions: rec('t:WILD') },
  },
  states: {
    a: {
      initial: 'a1',
      entry: { type: 'record', params: ({ context }) => ({ label: `a@${context.n}` }) },
      exit: rec('x:a'),
      after: { 500: { target: 'b', actions: rec('t:a.500') } },
      on: {
        GO_B: { target: 'b', actions: rec('t:GO_B') },
        SELF: { target: 'a', actions: rec('t:a.SELF') },
        SELF_RE: { target: 'a', reenter: true, actions: rec('t:a.SELF_RE') },
        INC: { actions: assign(({ context, event }) => ({ n: context.n + event.by })) },
        FINISH_A: { target: '.aDone', actions: rec('t:FINISH_A') },
      },
      onDone: { target: 'c', actions: rec('t:a.done') },
      states: {
        a1: {
          initial: { target: 'idle', actions: rec('a1.init') },
          entry: rec('a1'),
          exit: rec('x:a1'),
          always: [{ guard: and(['isBig', not('flagOn')]), target: 'a2', actions: rec('t:a1.always') }],
          on: {
            DEEP_DONE: { target: '.fin' },
            UP: { target: '#awk.a', actions: rec('t:UP') },
          },
          onDone: { target: 'a2', actions: rec('t:a1.done') },
          states: {
            idle: {
              entry: rec('idle'),
              exit: rec('x:idle'),
              after: { short: { target: 'busy', actions: rec('t:idle.short') } },
              on: {
                INC: [
                  { guard: 'isNeg', actions: assign({ n: ({ context, event }) => context.n + event.by * 2 }) },
                  { guard: not('isNeg'), target: 'busy', actions: assign({ n: ({ context, event }) => context.n + event.by }) },
                ],
                TOGGLE: { actions: 'toggle' },
                SELF: { target: 'idle', actions: rec('t:idle.SELF') },
                SELF_RE: { target: 'idle', reenter: true, actions: rec('t:idle.SELF_RE') },
                PONG: { actions: [rec('t:idle.PONG'), raise({ type: 'BUMP' })] },
                BUMP: { guard: { type: 'above', params: { value: 5 } }, target: 'busy', actions: rec('t:BUMP') },
              },
            },
            busy: {
              entry: rec('busy'),
              exit: rec('x:busy'),
              after: { 200: { target: 'fin', actions: rec('t:busy.200') } },
              always: { guard: 'isHuge', target: '#awk.b.b2.y', actions: rec('t:busy.huge') },
              on: {
                DEC: { actions: 'decrement' },
                TOGGLE: { target: 'idle', actions: 'toggle' },
              },
            },
            fin: { type: 'final', entry: rec('fin'), exit: rec('x:fin') },
          },
        },
        a2: {
          entry: rec('a2'),
          exit: rec('x:a2'),
          always: [{ guard: 'isNeg', target: 'aDone', actions: rec('t:a2.always') }],
          on: {
            DEC: { actions: assign(({ context }) => ({ n: context.n - 7 })) },
            BACK: { target: '#awk.a.a1.busy', actions: rec('t:a2.BACK') },
            // Forbidden: a2 swallows GO_B instead of its parent taking it.
            GO_B: {},
          },
        },
        aDone: { type: 'final', entry: rec('aDone') },
      },
    },
    b: {
      initial: { target: 'b1', actions: rec('b.init') },
      entry: rec('b'),
      exit: rec('x:b'),
      on: {
        BACK: { target: 'a.a1.idle', actions: rec('t:b.BACK') },
        PONG: { target: 'c', actions: rec('t:b.PONG') },
      },
      onDone: [
        { guard: 'flagOn', target: 'end', actions: rec('t:b.done.end') },
        { target: 'c', actions: rec('t:b.done.c') },
      ],
      states: {
        b1: {
          entry: rec('b1'),
          exit: rec('x:b1'),
          after: { long: { target: 'b2' } },
          on: {
            NEXT: 'b2',
            INC: { actions: raise(({ event }) => ({ type: event.by > 0 ? ('TOGGLE' as const) : ('DEC' as const) })) },
            DEC: { actions: 'decrement' },
            TOGGLE: { actions: 'toggle' },
            CHECK: { guard: stateIn('#awk.b'), actions: rec('t:CHECK') },
          },
        },
        b2: {
          initial: 'x',
          entry: rec('b2'),
          exit: rec('x:b2'),
          after: { 300: { target: 'b1', actions: rec('t:b2.300') } },
          onDone: { target: 'b3', actions: [rec('t:b2.done'), assign(({ event }) => ({ lastOutput: (event.output as { n: number } | undefined)?.n ?? -2 }))] },
          states: {
            x: {
              entry: rec('x'),
              exit: rec('x:x'),
              always: { guard: and(['flagOn', or(['isBig', 'isNeg'])]), target: 'y', actions: rec('t:x.always') },
              on: {
                NEXT: 'y',
                SELF: { target: 'x', actions: rec('t:x.SELF') },
                SELF_RE: { target: 'x', reenter: true, actions: rec('t:x.SELF_RE') },
                TOGGLE: { actions: 'toggle' },
                INC: { actions: assign({ n: ({ context, event }) => context.n + event.by }) },
              },
            },
            y: { type: 'final', entry: rec('y'), exit: rec('x:y'), output: ({ context }) => ({ n: context.n }) },
          },
        },
        b3: { type: 'final', entry: rec('b3') },
      },
    },
    c: {
      entry: rec('c'),
      exit: rec('x:c'),
      always: [
        { guard: 'isBig', target: 'c2', actions: assign({ n: ({ context }) => context.n - 5 }) },
        // Targetless and assign-free: XState does not re-select eventless transitions after it,
        // so the raised FLAGGED is what clears the flag.
        { guard: 'flagOn', actions: raise({ type: 'FLAGGED' }) },
      ],
      on: {
        FLAGGED: { actions: assign(({ context }) => ({ flag: false, flagged: context.flagged + 1 })) },
        GO_B: { target: 'b', actions: rec('t:c.GO_B') },
        END: { target: 'end', actions: rec('t:END') },
        INC: { actions: assign({ n: ({ context, event }) => context.n + event.by }) },
        TOGGLE: { actions: 'toggle' },
        SELF_RE: { target: 'c', reenter: true, actions: rec('t:c.SELF_RE') },
      },
    },
    c2: {
      entry: rec('c2'),
      exit: rec('x:c2'),
      always: [{ guard: { type: 'above', params: { value: 10 } }, target: 'c', actions: assign({ n: ({ context }) => context.n - 5 }) }],
      on: { END: 'end', BACK: '#awk.a.a1' },
    },
    end: { type: 'final', entry: rec('end'), exit: rec('x:end') },
  },
});

export type AwkwardMachine = typeof awkwardMachine;
