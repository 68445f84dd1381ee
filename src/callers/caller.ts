import { assign, setup } from 'xstate';

/** What the simulator knows about a caller when they dial in. */
export interface CallerInput {
  /** Seconds the caller will wait in the queue before hanging up (Infinity: never). */
  readonly patience: number;
  /** Probability that the caller, answered at once, buys (purchase intent × conversion of the problem type). */
  readonly purchaseProbability: number;
  /** Probability the problem is solved on the call. */
  readonly resolutionProbability: number;
  /** Order value if the caller buys. */
  readonly orderValue: number;
  /** Starting mood, 0 (furious) to 1 (delighted). */
  readonly mood: number;
  /** Waiting seconds that halve the purchase probability. */
  readonly intentHalfLife: number;
  readonly callerType: string;
  readonly problem: string;
}

export interface CallerContext extends CallerInput {
  /** Seconds waited before being answered or hanging up. */
  readonly waited: number;
  /** Purchase probability after the wait took its toll (and, in a scripted call, after the conversation). */
  readonly purchaseProbabilityNow: number;
  /** Scripted call: seconds of patience left in the conversation; at 0 the caller hangs up. */
  readonly callPatience: number;
  /** Scripted call: purchase intent, 0 … 1, moved by what the agent says. */
  readonly intent: number;
  readonly outcome: 'none' | 'purchased' | 'resolved' | 'unresolved' | 'abandoned' | 'blocked' | 'dropped' | 'unreached' | 'hung-up' | 'callback' | 'escalated' | 'closed';
}

/** How a call script ends (the script's outcome node), as the conversation reports it to the caller. */
export type ConversationEnding = 'sale' | 'resolved' | 'callback' | 'escalated' | 'hung-up';

/** What one step of a scripted conversation does to the caller (the script's `effects`, all optional). */
export interface ConversationEffects {
  /** Seconds added to (+) or taken from (−) the caller's patience, on top of the step's time. */
  readonly patience?: number;
  readonly mood?: number;
  readonly intent?: number;
  /** Change of the order value (an upsell). */
  readonly value?: number;
}

/**
 * Events the simulator sends. Random draws come in the events (drawn by the simulator from
 * named seeded streams), so the machine stays pure and deterministic.
 */
export type CallerEvent =
  /** The call reaches the switchboard: is an agent free, is there room in the queue? */
  | { type: 'OFFER'; agentFree: boolean; queueHasRoom: boolean }
  /** An agent picks up after `waited` seconds in the queue. */
  | { type: 'ANSWER'; waited: number }
  /** The agent finishes; `saleDraw` and `resolutionDraw` are uniform [0,1) draws. */
  | { type: 'SERVICE_END'; saleDraw: number; resolutionDraw: number }
  /**
   * A scripted conversation starts (instead of SERVICE_END's coin flips): `patience` is the
   * seconds the caller will listen, `intent` their purchase intent if answered at once, and
   * `buyer` whether they mean to buy at all (a caller who does not never buys).
   */
  | { type: 'CONVERSATION_START'; patience: number; intent: number; buyer: boolean }
  /** One step of the conversation: it takes `seconds` (taken from the caller's patience) and has `effects`. */
  | { type: 'AGENT_SAYS'; seconds: number; effects: ConversationEffects }
  /**
   * The script reached an outcome node. At a sale node the caller buys if `saleDraw` (uniform
   * [0,1)) is below their chance of buying now ({@link saleChance}); `value`, if given, is the
   * node's order value.
   */
  | { type: 'CONVERSATION_END'; ending: ConversationEnding; saleDraw: number; value?: number }
  /** The caller hangs up after `waited` seconds, right after an announcement. */
  | { type: 'HANG_UP'; waited: number }
  /** The phone system drops the line after the maximum wait, `waited` seconds. */
  | { type: 'DROP'; waited: number }
  /** The caller accepts the offered callback after `waited` seconds and leaves the line. */
  | { type: 'ACCEPT_CALLBACK'; waited: number }
  /** An agent calls back `waited` seconds after the first call; `reached`: the caller picks up. */
  | { type: 'CALL_BACK'; waited: number; reached: boolean }
  /** A virtual secretary answers instead of an agent. */
  | { type: 'TAKE_MESSAGE' }
  /** The secretary is done: `solved` when simple information was enough, otherwise a callback is due. */
  | { type: 'MESSAGE_TAKEN'; solved: boolean }
  /** The call comes in while the line is closed: the caller hears the closed message. */
  | { type: 'CLOSED' };

/** How much waiting wears mood down: a caller loses this much mood per minute of wait. */
const MOOD_LOSS_PER_MINUTE = 0.1;
const MOOD_LOSS_ON_ABANDON = 0.3;
const MOOD_LOSS_ON_BLOCK = 0.2;
/** Being cut off after a long wait hurts more than hanging up by choice. */
const MOOD_LOSS_ON_DROP = 0.5;

function clampMood(mood: number): number {
  return mood < 0 ? 0 : mood > 1 ? 1 : mood;
}

/** The caller leaves the line unserved after `waited` seconds, told to by the simulator (announcement, dropped line). */
function leftTheLine(mood: number, waited: number, extraMoodLoss: number, outcome: 'abandoned' | 'dropped') {
  return {
    waited,
    purchaseProbabilityNow: 0,
    mood: clampMood(mood - (MOOD_LOSS_PER_MINUTE * waited) / 60 - extraMoodLoss),
    outcome,
  };
}

/**
 * Chance that a caller at a script's sale node buys: their intent, times a mood factor from
 * ½ (furious) to 1 (delighted), for a caller who meant to buy (0 for one who did not).
 * Mood and intent come from the conversation, so how the agent handled the call decides.
 */
export function saleChance(context: Pick<CallerContext, 'purchaseProbability' | 'intent' | 'mood'>): number {
  return context.purchaseProbability > 0 ? context.intent * (0.5 + 0.5 * context.mood) : 0;
}

/** Patience left after a conversation step (may be 0 or less: the caller hangs up). */
function patienceAfter(context: CallerContext, seconds: number, effects: ConversationEffects): number {
  return context.callPatience - seconds + (effects.patience ?? 0);
}

/**
 * The caller: arriving → queued (or blocked) → abandoned (out of patience, or right after an
 * announcement), dropped (maximum wait), off the line awaiting a callback, or answered → in
 * service → outcome (purchased / resolved / unresolved) → done. A callback that nobody picks
 * up ends unreached. In a scripted call the service is a
 * conversation (CONVERSATION_START, AGENT_SAYS…, CONVERSATION_END) that can also end in
 * hung up, callback or escalated.
 *
 * Declared with `setup()` so every guard, action and delay is a named slot. The simulator
 * steps it without timers: the `patience` delay becomes an event on the simulator's heap.
 */
export const callerMachine = setup({
  types: {
    context: {} as CallerContext,
    events: {} as CallerEvent,
    input: {} as CallerInput,
  },
  guards: {
    agentFree: ({ event }) => event.type === 'OFFER' && event.agentFree,
    queueHasRoom: ({ event }) => event.type === 'OFFER' && event.queueHasRoom,
    buys: ({ context, event }) =>
      event.type === 'SERVICE_END' && event.saleDraw < context.purchaseProbabilityNow,
    reached: ({ event }) => event.type === 'CALL_BACK' && event.reached,
    solvedBySecretary: ({ event }) => event.type === 'MESSAGE_TAKEN' && event.solved,
    resolves: ({ context, event }) =>
      event.type === 'SERVICE_END' && event.resolutionDraw < context.resolutionProbability,
    /** The step takes the caller's last patience: they hang up. */
    runsOutOfPatience: ({ context, event }) =>
      event.type === 'AGENT_SAYS' && patienceAfter(context, event.seconds, event.effects) <= 0,
    /** The script closed a sale and the caller, with the mood and intent the call left, buys. */
    buysAtClose: ({ context, event }) =>
      event.type === 'CONVERSATION_END' && event.ending === 'sale' && event.saleDraw < saleChance(context),
    /** The script ended in the given outcome. */
    scriptEndsIn: ({ event }, params: { ending: ConversationEnding }) =>
      event.type === 'CONVERSATION_END' && event.ending === params.ending,
  },
  actions: {
    answerAfterWait: assign(({ context, event }) => {
      const waited = event.type === 'ANSWER' || event.type === 'CALL_BACK' ? event.waited : 0;
      return {
        waited,
        purchaseProbabilityNow:
          context.purchaseProbability * Math.pow(0.5, waited / context.intentHalfLife),
        mood: clampMood(context.mood - (MOOD_LOSS_PER_MINUTE * waited) / 60),
      };
    }),
    hangUp: assign(({ context }) => ({
      waited: context.patience,
      purchaseProbabilityNow: 0,
      mood: clampMood(context.mood - (MOOD_LOSS_PER_MINUTE * context.patience) / 60 - MOOD_LOSS_ON_ABANDON),
      outcome: 'abandoned' as const,
    })),
    hangUpNow: assign(({ context, event }) =>
      leftTheLine(context.mood, event.type === 'HANG_UP' ? event.waited : 0, MOOD_LOSS_ON_ABANDON, 'abandoned'),
    ),
    dropLine: assign(({ context, event }) => leftTheLine(context.mood, event.type === 'DROP' ? event.waited : 0, MOOD_LOSS_ON_DROP, 'dropped')),
    leaveForCallback: assign(({ event }) => ({ waited: event.type === 'ACCEPT_CALLBACK' ? event.waited : 0 })),
    hearClosed: assign({ purchaseProbabilityNow: 0, outcome: 'closed' as const }),
    informedBySecretary: assign({ purchaseProbabilityNow: 0, outcome: 'resolved' as const }),
    markUnreached: assign({ purchaseProbabilityNow: 0, outcome: 'unreached' as const }),
    hearBusy: assign(({ context }) => ({
      purchaseProbabilityNow: 0,
      mood: clampMood(context.mood - MOOD_LOSS_ON_BLOCK),
      outcome: 'blocked' as const,
    })),
    startConversation: assign(({ context, event }) => {
      if (event.type !== 'CONVERSATION_START') return {};
      return {
        callPatience: event.patience,
        // The wait wears purchase intent down as it does the unscripted purchase probability.
        intent: event.buyer ? clampMood(event.intent) * Math.pow(0.5, context.waited / context.intentHalfLife) : 0,
        // A buyer answered at once and handled perfectly would spend the whole order value.
        purchaseProbability: event.buyer ? 1 : 0,
        purchaseProbabilityNow: event.buyer ? 1 : 0,
      };
    }),
    hearAgent: assign(({ context, event }) => {
      if (event.type !== 'AGENT_SAYS') return {};
      const { effects } = event;
      const patience = patienceAfter(context, event.seconds, effects);
      return {
        callPatience: patience > 0 ? patience : 0,
        mood: clampMood(context.mood + (effects.mood ?? 0)),
        intent: clampMood(context.intent + (effects.intent ?? 0)),
        orderValue: Math.max(0, context.orderValue + (effects.value ?? 0)),
      };
    }),
    /** At a sale node: the chance of buying is what the call kept of the order (lost revenue counts the rest). */
    closeSale: assign(({ context, event }) => ({
      purchaseProbabilityNow: saleChance(context),
      orderValue: event.type === 'CONVERSATION_END' && event.value !== undefined ? event.value : context.orderValue,
    })),
    /** The script ended without a sale: whatever the caller meant to spend is lost. */
    loseSale: assign({ purchaseProbabilityNow: 0 }),
    markPurchased: assign({ outcome: 'purchased' as const }),
    markResolved: assign({ outcome: 'resolved' as const }),
    markUnresolved: assign({ outcome: 'unresolved' as const }),
    markHungUp: assign({ outcome: 'hung-up' as const, purchaseProbabilityNow: 0 }),
    markCallback: assign({ outcome: 'callback' as const }),
    markEscalated: assign({ outcome: 'escalated' as const }),
  },
  delays: {
    /** XState delays are milliseconds; the simulator converts back to seconds. */
    patience: ({ context }) => context.patience * 1000,
  },
}).createMachine({
  id: 'caller',
  initial: 'arriving',
  // An explicit literal, not `{ ...input, … }`: on V8 11 the spread gives every context a
  // fresh hidden class and made each caller ~4 µs slower (measured in bench/compiledCaller.ts).
  context: ({ input }) => ({
    patience: input.patience,
    purchaseProbability: input.purchaseProbability,
    resolutionProbability: input.resolutionProbability,
    orderValue: input.orderValue,
    mood: input.mood,
    intentHalfLife: input.intentHalfLife,
    callerType: input.callerType,
    problem: input.problem,
    waited: 0,
    purchaseProbabilityNow: input.purchaseProbability,
    callPatience: 0,
    intent: 0,
    outcome: 'none',
  }),
  states: {
    arriving: {
      on: {
        TAKE_MESSAGE: 'withSecretary',
        CLOSED: { target: 'closedLine', actions: 'hearClosed' },
        OFFER: [
          // Answered at once: `waited` stays 0 and the purchase probability stays whole.
          { guard: 'agentFree', target: 'inService' },
          { guard: 'queueHasRoom', target: 'queued' },
          { target: 'blocked', actions: 'hearBusy' },
        ],
      },
    },
    queued: {
      after: { patience: { target: 'abandoned', actions: 'hangUp' } },
      on: {
        ANSWER: { target: 'inService', actions: 'answerAfterWait' },
        HANG_UP: { target: 'abandoned', actions: 'hangUpNow' },
        DROP: { target: 'dropped', actions: 'dropLine' },
        ACCEPT_CALLBACK: { target: 'awaitingCallback', actions: 'leaveForCallback' },
      },
    },
    /** Talking to the virtual secretary, who cannot sell: simple information, or a message for a callback. */
    withSecretary: {
      on: {
        MESSAGE_TAKEN: [
          { guard: 'solvedBySecretary', target: 'informed', actions: 'informedBySecretary' },
          { target: 'awaitingCallback' },
        ],
      },
    },
    /** Off the line, waiting for an agent to call back; patience no longer applies. */
    awaitingCallback: {
      on: {
        CALL_BACK: [
          { guard: 'reached', target: 'inService', actions: 'answerAfterWait' },
          { target: 'callbackAttempt' },
        ],
      },
    },
    /** An agent tries to call back and nobody picks up; the attempt still takes the agent's time. */
    callbackAttempt: {
      on: { SERVICE_END: { target: 'unreached', actions: 'markUnreached' } },
    },
    inService: {
      on: {
        // Unscripted service: the problem type's resolution and conversion decide.
        SERVICE_END: [
          { guard: 'buys', target: 'outcome.purchased' },
          { guard: 'resolves', target: 'outcome.resolved' },
          { target: 'outcome.unresolved' },
        ],
        // Scripted service: the agent's moves change patience, mood and intent; they decide.
        CONVERSATION_START: { actions: 'startConversation' },
        AGENT_SAYS: [{ guard: 'runsOutOfPatience', target: 'outcome.hungUp', actions: 'hearAgent' }, { actions: 'hearAgent' }],
        CONVERSATION_END: [
          { guard: 'buysAtClose', target: 'outcome.purchased', actions: 'closeSale' },
          { guard: { type: 'scriptEndsIn', params: { ending: 'sale' } }, target: 'outcome.resolved', actions: 'closeSale' },
          { guard: { type: 'scriptEndsIn', params: { ending: 'resolved' } }, target: 'outcome.resolved', actions: 'loseSale' },
          { guard: { type: 'scriptEndsIn', params: { ending: 'callback' } }, target: 'outcome.callback', actions: 'loseSale' },
          { guard: { type: 'scriptEndsIn', params: { ending: 'escalated' } }, target: 'outcome.escalated', actions: 'loseSale' },
          { target: 'outcome.hungUp' },
        ],
      },
    },
    outcome: {
      initial: 'unresolved',
      states: {
        purchased: { type: 'final', entry: 'markPurchased' },
        resolved: { type: 'final', entry: 'markResolved' },
        unresolved: { type: 'final', entry: 'markUnresolved' },
        /** Hung up during a scripted call (out of patience, or the script says so). */
        hungUp: { type: 'final', entry: 'markHungUp' },
        /** The agent promised a call back: no sale now. */
        callback: { type: 'final', entry: 'markCallback' },
        /** Passed on to someone else: no sale now. */
        escalated: { type: 'final', entry: 'markEscalated' },
      },
      onDone: 'done',
    },
    abandoned: { type: 'final' },
    blocked: { type: 'final' },
    dropped: { type: 'final' },
    informed: { type: 'final' },
    closedLine: { type: 'final' },
    unreached: { type: 'final' },
    done: { type: 'final' },
  },
});

export type CallerMachine = typeof callerMachine;
