import { z } from 'zod';
import { durationSchema as duration, probability } from './primitives.ts';

/**
 * What makes a caller leave the call dissatisfied. Each reason can be switched off; a
 * caller is dissatisfied when any reason that is on applies.
 */
export const dissatisfiedWhenSchema = z
  .object({
    /** Answered, but only after waiting longer than this. */
    waitedLongerThan: duration.default(120).describe('A caller answered only after waiting longer than this is dissatisfied (default 2min).'),
    abandoned: z.boolean().default(true).describe('Callers who hung up while waiting are dissatisfied.'),
    blocked: z.boolean().default(true).describe('Callers who got a busy signal are dissatisfied.'),
    unresolved: z.boolean().default(true).describe('Callers whose problem was not solved on the call are dissatisfied.'),
  })
  .strict();

export const wordOfMouthSchema = z
  .object({
    /** Probability that a dissatisfied customer complains in public (reviews, social media, a newsletter). */
    complainProbability: probability.default(0.1).describe('Probability that a dissatisfied customer complains in public: reviews, social media, a newsletter.'),
    /** People who read or hear one public complaint. */
    peopleReached: z.number().nonnegative().default(50).describe('People who read or hear one public complaint.'),
    /** Share of the people reached who will not become (or stay) customers because of it. */
    lostPerPersonReached: probability.default(0.02).describe('Share of the people reached who will not become (or stay) customers because of it.'),
    /** Future revenue of one customer lost to word of mouth; default: afterCall.lifetimeValue. */
    valuePerLostCustomer: z.number().nonnegative().optional().describe('Future revenue of one customer lost to word of mouth (default: afterCall.lifetimeValue).'),
  })
  .strict();

export const goodServiceSchema = z
  .object({
    /** A resolved call answered within this wait is good service; default: the service-level threshold. */
    answeredWithin: duration.optional().describe('A call answered within this wait and resolved (or sold) is good service (default: serviceLevel.thresholdSeconds).'),
    /** Probability that a well-served customer spends more with you (survey: 7 in 10). */
    spendMoreProbability: probability.default(0.7).describe('Probability that a well-served customer spends more with you (American Express survey: 7 in 10).'),
    /** How much more, as a share of the customer's lifetime value. */
    extraSpend: z.number().min(0).max(10).default(0.1).describe('How much more a well-served customer spends, as a share of their lifetime value (0.1 = 10% more).'),
  })
  .strict();

/**
 * After the call: what service does to customers' future spending. Dissatisfied
 * customers switch brand, skip their next purchase and tell others; well-served ones
 * spend more. Every figure is revenue; the report applies money.margin.
 */
export const afterCallSchema = z
  .object({
    /** Revenue one customer brings over the rest of the relationship (currency units). */
    lifetimeValue: z.number().nonnegative().describe('Revenue one customer brings over the rest of the relationship, in the scenario currency.'),
    /** Lifetime value of the customers of some caller types, overriding lifetimeValue (Pareto: a few customers bring most of the revenue). */
    lifetimeValueByCallerType: z
      // Keys are checked against the caller type ids by the loader (UNKNOWN_CALLER_TYPE).
      .object({})
      .catchall(z.number().nonnegative())
      .optional()
      .describe('Lifetime value by caller type id, overriding lifetimeValue for those types (a few customers bring most of the revenue).'),
    dissatisfiedWhen: dissatisfiedWhenSchema.default({ waitedLongerThan: 120, abandoned: true, blocked: true, unresolved: true }).describe('What makes a caller dissatisfied.'),
    /** Probability that a dissatisfied customer switches to a competitor (survey: 33%). */
    switchProbability: probability.default(0.33).describe('Probability that a dissatisfied customer switches to a competitor and their lifetime value is lost (American Express survey: 33%).'),
    /** Probability that a dissatisfied customer who stays skips their next purchase (survey: half abandoned a purchase after bad service). */
    skipNextPurchaseProbability: probability.default(0.5).describe('Probability that a dissatisfied customer who stays skips their next purchase, worth this call\'s order value, at most the lifetime value (survey: half have abandoned a purchase after bad service).'),
    wordOfMouth: wordOfMouthSchema.default({ complainProbability: 0.1, peopleReached: 50, lostPerPersonReached: 0.02 }).describe('Public complaints and the customers they cost.'),
    goodService: goodServiceSchema.default({ spendMoreProbability: 0.7, extraSpend: 0.1 }).describe('What good service earns: well-served customers spend more.'),
  })
  .strict();

export type AfterCallConfig = z.output<typeof afterCallSchema>;
