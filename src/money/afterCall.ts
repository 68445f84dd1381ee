/**
 * After the call: what one customer's experience does to their future spending.
 *
 * Pure functions of the experience and three uniform draws. The draws of a call come from
 * the call's own named stream (`afterCall#<call id>`, see {@link afterCallDraws}), so a call
 * keeps its draws in every plan compared on the same seed (common random numbers): if a
 * plan turns a dissatisfied caller into a satisfied one, only that caller's fate changes.
 */
import type { CallRecord } from '../domain/call.ts';
import type { Tally } from '../metrics/tally.ts';
import type { AfterCallConfig } from '../scenario/schema/afterCall.ts';
import { createStream } from '../kernel/rng.ts';

/** The three uniforms that decide one customer's fate. */
export interface FateDraws {
  /** Switches brand (dissatisfied) or spends more (well served). */
  readonly first: number;
  /** Skips the next purchase (dissatisfied who stayed). */
  readonly second: number;
  /** Complains in public (dissatisfied). */
  readonly third: number;
}

/** Draws of a call (or contact) from its own stream: same id, same draws, in every plan. */
export function afterCallDraws(seed: number, replication: number, streamName: string): FateDraws {
  const stream = createStream(seed, streamName, replication);
  return { first: stream.next(), second: stream.next(), third: stream.next() };
}

/** How a customer left the call: dissatisfied, well served, or neither. */
export type Experience = 'dissatisfied' | 'wellServed' | 'neutral';

/** What the experience did to the customer's future spending. Money is revenue. */
export interface CustomerFate {
  readonly dissatisfied: boolean;
  readonly switched: boolean;
  readonly skippedPurchase: boolean;
  readonly complained: boolean;
  /** Expected future customers lost to the complaint. */
  readonly wordOfMouthLost: number;
  /** Future revenue lost (lifetime value, skipped order, word of mouth). */
  readonly lostValue: number;
  /** Future revenue gained from spending more after good service. */
  readonly gainedValue: number;
}

/** The experience of a call, by the rules in afterCall.dissatisfiedWhen and goodService. */
export function experienceOf(record: CallRecord, config: AfterCallConfig, thresholdSeconds: number): Experience {
  const when = config.dissatisfiedWhen;
  switch (record.outcome) {
    case 'abandoned':
      return when.abandoned ? 'dissatisfied' : 'neutral';
    case 'blocked':
      return when.blocked ? 'dissatisfied' : 'neutral';
    case 'unresolved':
      if (when.unresolved) return 'dissatisfied';
      break;
    case 'resolved':
    case 'purchased':
      break;
  }
  if (record.wait > when.waitedLongerThan) return 'dissatisfied';
  const goodWithin = config.goodService.answeredWithin ?? thresholdSeconds;
  return record.outcome !== 'unresolved' && record.wait <= goodWithin ? 'wellServed' : 'neutral';
}

/** Lifetime value of a customer of this caller type. */
export function lifetimeValueOf(config: AfterCallConfig, callerType: string): number {
  return config.lifetimeValueByCallerType?.[callerType] ?? config.lifetimeValue;
}

const NO_EFFECT: CustomerFate = {
  dissatisfied: false,
  switched: false,
  skippedPurchase: false,
  complained: false,
  wordOfMouthLost: 0,
  lostValue: 0,
  gainedValue: 0,
};

/**
 * One customer's fate.
 * - Dissatisfied: switches with `switchProbability` (lifetime value lost); otherwise skips the
 *   next purchase with `skipNextPurchaseProbability` (`orderValue` lost, at most the lifetime
 *   value: the purchase was part of the future spending). Independently,
 *   complains in public with `complainProbability` (always, when `complained` is already
 *   known, as for a ticket that turned into a complaint), costing
 *   peopleReached × lostPerPersonReached customers of `valuePerLostCustomer` each.
 * - Well served: spends `extraSpend` × lifetime value more with `spendMoreProbability`.
 */
export function fateOf(
  experience: Experience,
  lifetimeValue: number,
  orderValue: number,
  draws: FateDraws,
  config: AfterCallConfig,
  alreadyComplained = false,
): CustomerFate {
  if (experience === 'neutral') return NO_EFFECT;
  if (experience === 'wellServed') {
    const spendsMore = draws.first < config.goodService.spendMoreProbability;
    return spendsMore ? { ...NO_EFFECT, gainedValue: config.goodService.extraSpend * lifetimeValue } : NO_EFFECT;
  }
  const switched = draws.first < config.switchProbability;
  const skippedPurchase = !switched && draws.second < config.skipNextPurchaseProbability;
  const wordOfMouth = config.wordOfMouth;
  const complained = alreadyComplained || draws.third < wordOfMouth.complainProbability;
  const wordOfMouthLost = complained ? wordOfMouth.peopleReached * wordOfMouth.lostPerPersonReached : 0;
  const perLostCustomer = wordOfMouth.valuePerLostCustomer ?? config.lifetimeValue;
  return {
    dissatisfied: true,
    switched,
    skippedPurchase,
    complained,
    wordOfMouthLost,
    // A skipped purchase is part of the future spending, so it never exceeds the lifetime value.
    lostValue: (switched ? lifetimeValue : 0) + (skippedPurchase ? Math.min(orderValue, lifetimeValue) : 0) + wordOfMouthLost * perLostCustomer,
    gainedValue: 0,
  };
}

/** Adds one customer's fate to a tally. */
export function addFate(tally: Tally, fate: CustomerFate): void {
  if (fate.dissatisfied) tally.dissatisfied++;
  if (fate.switched) tally.customersLost++;
  if (fate.skippedPurchase) tally.purchasesSkipped++;
  if (fate.complained) tally.complaints++;
  tally.wordOfMouthLost += fate.wordOfMouthLost;
  tally.lostLifetimeValue += fate.lostValue;
  tally.goodServiceValue += fate.gainedValue;
}
