import { z } from 'zod';

/**
 * Probability distributions a scenario can use, by name in the `dist` key.
 * Times are in seconds, money in the scenario's currency.
 */
export const exponentialSchema = z
  .object({
    dist: z.literal('exponential'),
    /** Mean of the distribution (1 / rate). */
    mean: z.number().positive().describe('Mean of the distribution (1 / rate).'),
  })
  .strict();

export const deterministicSchema = z
  .object({
    dist: z.literal('deterministic'),
    value: z.number().nonnegative().describe('The one value every draw returns.'),
  })
  .strict();

export const uniformSchema = z
  .object({
    dist: z.literal('uniform'),
    min: z.number().nonnegative().describe('Smallest value.'),
    max: z.number().nonnegative().describe('Largest value.'),
  })
  .strict();

export const lognormalSchema = z
  .object({
    dist: z.literal('lognormal'),
    /** Mean of the distribution itself (not of its logarithm). */
    mean: z.number().positive().describe('Mean of the values themselves (not of their logarithm).'),
    /** Coefficient of variation: standard deviation / mean. */
    cv: z.number().positive().describe('Coefficient of variation: standard deviation / mean.'),
  })
  .strict();

export const gammaSchema = z
  .object({
    dist: z.literal('gamma'),
    mean: z.number().positive().describe('Mean of the distribution.'),
    /** Coefficient of variation: standard deviation / mean (shape = 1 / cv²). */
    cv: z.number().positive().describe('Coefficient of variation: standard deviation / mean (shape = 1 / cv²).'),
  })
  .strict();

export const empiricalSchema = z
  .object({
    dist: z.literal('empirical'),
    values: z.array(z.number().nonnegative()).min(1).describe('The values a draw can return.'),
    /** Relative weights, one per value; equal weights when omitted. */
    weights: z.array(z.number().nonnegative()).min(1).optional().describe('Relative weights, one per value; equal weights when omitted.'),
  })
  .strict();

export const distributionSchema = z.discriminatedUnion('dist', [
  exponentialSchema,
  deterministicSchema,
  uniformSchema,
  lognormalSchema,
  gammaSchema,
  empiricalSchema,
]).describe('A probability distribution: dist is exponential, deterministic, uniform, lognormal, gamma or empirical.');

export type Distribution = z.infer<typeof distributionSchema>;
export type DistributionName = Distribution['dist'];
