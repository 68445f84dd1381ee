/**
 * A customer calls again: the same caller object, a new call with the intent left after the
 * time that passed since the customer's first call. Shared by the features whose customers call
 * again (retrials after a busy signal, a hang-up or a dropped line; calls while closed).
 */
import type { RandomStream } from '../../kernel/rng.ts';
import type { Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';

/**
 * The stream a customer's new call draws its patience from: the retrial stream when some
 * caller type retries, else the after-hours choices' stream (so other callers' draws do not shift).
 */
export function recallDraws(host: Host): RandomStream {
  const retrials = host.model.callerTypes.some((type) => type.retrial !== null);
  return host.streams.get(retrials ? 'retrial' : 'afterHoursChoice');
}

/** The customer of `caller` calls again now. */
export function callAgain(host: Host, caller: LiveCaller, draws: RandomStream): void {
  const now = host.now;
  const type = host.model.callerTypes[caller.typeIndex]!;
  const previous = caller.context;
  const input = host.input;
  input.patience = type.patience === null ? Infinity : type.patience(draws);
  input.purchaseProbability = caller.basePurchaseProbability * Math.pow(0.5, (now - caller.firstArrival) / type.intentHalfLife);
  input.resolutionProbability = type.problem.resolution;
  input.orderValue = previous.orderValue;
  input.mood = previous.mood;
  input.intentHalfLife = type.intentHalfLife;
  input.callerType = type.id;
  input.problem = type.problem.id;
  const { customer, attempt, firstArrival, basePurchaseProbability } = caller;
  caller.start(host.nextCallId(), now, caller.handleTime, caller.saleDraw, caller.resolutionDraw, caller.hadIntent);
  caller.customer = customer;
  caller.attempt = attempt + 1;
  caller.firstArrival = firstArrival;
  caller.basePurchaseProbability = basePurchaseProbability;
  caller.viaCallback = false;
  host.book.count('retrials', caller);
  host.offer(caller);
}

/**
 * Sets `owner`'s timer for the customer of `caller` to call again at `at`; false (no timer) when
 * that is not before the end of the run: the call is never made and the customer counts as lost.
 */
export function callAgainAt(host: Host, owner: TimerOwner, caller: LiveCaller, at: number): boolean {
  if (!(at < host.model.horizon)) return false;
  host.setTimer(caller, owner, 0, at - host.now);
  return true;
}
