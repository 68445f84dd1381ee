import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { callerMachine, type CallerEvent, type CallerInput } from '../../src/callers/caller.ts';

/** Behaviour of the caller machine, stepped by XState's own pure transition functions. */

const PATIENCE_EVENT = 'xstate.after.patience.caller.queued';

const input: CallerInput = {
  patience: 90,
  purchaseProbability: 0.4,
  resolutionProbability: 0.7,
  orderValue: 120,
  mood: 0.6,
  intentHalfLife: 60,
  callerType: 'new',
  problem: 'billing',
};

type Snapshot = ReturnType<typeof initialTransition<typeof callerMachine>>[0];

function run(events: readonly (CallerEvent | { type: string })[], callerInput: CallerInput = input) {
  let [snapshot, actions] = initialTransition(callerMachine, callerInput);
  const allActions = [...actions];
  for (const event of events) {
    [snapshot, actions] = transition(callerMachine, snapshot as Snapshot, event as CallerEvent);
    allActions.push(...actions);
  }
  return { snapshot, actions: allActions };
}

const offer = (agentFree: boolean, queueHasRoom: boolean): CallerEvent => ({ type: 'OFFER', agentFree, queueHasRoom });
const serviceEnd = (saleDraw: number, resolutionDraw: number): CallerEvent => ({ type: 'SERVICE_END', saleDraw, resolutionDraw });

describe('caller machine', () => {
  it('starts arriving with the full purchase probability', () => {
    const { snapshot } = run([]);
    expect(snapshot.value).toBe('arriving');
    expect(snapshot.context).toMatchObject({ waited: 0, purchaseProbabilityNow: 0.4, outcome: 'none' });
  });

  it('is answered at once when an agent is free', () => {
    const { snapshot } = run([offer(true, true)]);
    expect(snapshot.value).toBe('inService');
    expect(snapshot.context.waited).toBe(0);
    expect(snapshot.context.mood).toBe(0.6);
  });

  it('queues when no agent is free but there is room, and asks for its patience timer in milliseconds', () => {
    const { snapshot, actions } = run([offer(false, true)]);
    expect(snapshot.value).toBe('queued');
    const timer = actions.find((action) => action.type === 'xstate.raise');
    expect(timer?.params).toMatchObject({ id: PATIENCE_EVENT, delay: 90_000 });
  });

  it('a caller with infinite patience gets an infinite timer', () => {
    const { actions } = run([offer(false, true)], { ...input, patience: Infinity });
    expect(actions.find((action) => action.type === 'xstate.raise')?.params).toMatchObject({ delay: Infinity });
  });

  it('abandons when patience runs out: waited = patience, mood drops, no sale', () => {
    const { snapshot } = run([offer(false, true), { type: PATIENCE_EVENT }]);
    expect(snapshot.value).toBe('abandoned');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.outcome).toBe('abandoned');
    expect(snapshot.context.waited).toBe(90);
    expect(snapshot.context.purchaseProbabilityNow).toBe(0);
    expect(snapshot.context.mood).toBeCloseTo(0.6 - 0.1 * 1.5 - 0.3, 12);
  });

  it('an answered caller no longer abandons: the timer is cancelled and a late patience event is ignored', () => {
    const answered = run([offer(false, true), { type: 'ANSWER', waited: 30 }]);
    expect(answered.actions.some((action) => (action.type as string) === 'xstate.cancel')).toBe(true);
    const late = run([offer(false, true), { type: 'ANSWER', waited: 30 }, { type: PATIENCE_EVENT }]);
    expect(late.snapshot.value).toBe('inService');
    expect(late.snapshot.context).toEqual(answered.snapshot.context);
  });

  it('is blocked when no agent is free and the queue is full', () => {
    const { snapshot } = run([offer(false, false)]);
    expect(snapshot.value).toBe('blocked');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context).toMatchObject({ outcome: 'blocked', purchaseProbabilityNow: 0 });
    expect(snapshot.context.mood).toBeCloseTo(0.4, 12);
  });

  it('purchase intent halves after each intentHalfLife of waiting', () => {
    const once = run([offer(false, true), { type: 'ANSWER', waited: 60 }]).snapshot.context;
    const twice = run([offer(false, true), { type: 'ANSWER', waited: 120 }]).snapshot.context;
    expect(once.waited).toBe(60);
    expect(once.purchaseProbabilityNow).toBeCloseTo(0.2, 12);
    expect(twice.purchaseProbabilityNow).toBeCloseTo(0.1, 12);
    expect(once.mood).toBeCloseTo(0.5, 12);
  });

  describe('service outcome', () => {
    it('buys when the sale draw is below the (decayed) purchase probability', () => {
      const { snapshot } = run([offer(true, true), serviceEnd(0.39, 0.99)]);
      expect(snapshot.value).toBe('done');
      expect(snapshot.status).toBe('done');
      expect(snapshot.context.outcome).toBe('purchased');
    });

    it('the decayed probability decides: a draw that would have bought at once does not after a long wait', () => {
      const { snapshot } = run([offer(false, true), { type: 'ANSWER', waited: 60 }, serviceEnd(0.3, 0.99)]);
      expect(snapshot.context.outcome).toBe('unresolved');
    });

    it('is resolved when there is no sale but the resolution draw is below the resolution probability', () => {
      expect(run([offer(true, true), serviceEnd(0.4, 0.69)]).snapshot.context.outcome).toBe('resolved');
    });

    it('is unresolved otherwise (draws equal to the probabilities do not count)', () => {
      expect(run([offer(true, true), serviceEnd(0.4, 0.7)]).snapshot.context.outcome).toBe('unresolved');
    });

    it('a finished call ignores further events', () => {
      const { snapshot } = run([offer(true, true), serviceEnd(0.9, 0.9)]);
      expect(snapshot.status).toBe('done');
      expect(snapshot.can({ type: 'OFFER', agentFree: true, queueHasRoom: true })).toBe(false);
    });
  });

  describe('mood stays within [0, 1]', () => {
    it('a very long wait floors it at 0', () => {
      expect(run([offer(false, true), { type: 'ANSWER', waited: 100_000 }]).snapshot.context.mood).toBe(0);
    });

    it('abandoning with little mood left floors it at 0', () => {
      expect(run([offer(false, true), { type: PATIENCE_EVENT }], { ...input, mood: 0.1 }).snapshot.context.mood).toBe(0);
    });

    it('being blocked with little mood left floors it at 0', () => {
      expect(run([offer(false, false)], { ...input, mood: 0.05 }).snapshot.context.mood).toBe(0);
    });

    it('a delighted caller answered at once stays at 1', () => {
      const { snapshot } = run([offer(false, true), { type: 'ANSWER', waited: 0 }], { ...input, mood: 1 });
      expect(snapshot.context.mood).toBe(1);
    });
  });
});
