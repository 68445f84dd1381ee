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

/**
 * Weibull by shape k and scale λ: P(X > x) = exp(−(x/λ)^k), mean λ·Γ(1 + 1/k).
 * Shape < 1: the hazard falls with time (many hang up early, the rest hold on); shape 1 is
 * the exponential; shape > 1: the hazard grows (patience runs out after a while). Common
 * for patience, which real call logs show is rarely exponential; `callfloor calibrate`
 * fits it to censored waits and writes it in this form.
 */
export const weibullSchema = z
  .object({
    dist: z.literal('weibull'),
    /** Shape k: below 1 the hazard falls with time, 1 is exponential, above 1 it rises. */
    shape: z.number().positive().describe('Shape k: below 1 the hazard (chance of ending now) falls with time, 1 is the exponential, above 1 it rises.'),
    /** Scale λ: the value 63.2% of draws stay below, whatever the shape. */
    scale: z.number().positive().describe('Scale λ: 63.2% of the values are below it, whatever the shape (mean = scale·Γ(1 + 1/shape)).'),
  })
  .strict();

export const distributionSchema = z.discriminatedUnion('dist', [
  exponentialSchema,
  deterministicSchema,
  uniformSchema,
  lognormalSchema,
  gammaSchema,
  empiricalSchema,
  weibullSchema,
]).describe('A probability distribution: dist is exponential, deterministic, uniform, lognormal, gamma, empirical or weibull.');

export type Distribution = z.infer<typeof distributionSchema>;
export type DistributionName = Distribution['dist'];
