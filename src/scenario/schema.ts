import { z } from 'zod';
import { distributionSchema } from '../dists/schema.ts';
import { agentProfilesSchema, scriptRefSchema } from './callScriptsSchema.ts';
import { durationSchema, openingWindowSchema, timeOfDaySchema } from './schema/primitives.ts';
import { afterCallSchema } from './schema/afterCall.ts';
import { channelsSchema } from './schema/channels.ts';
import { costsSchema } from './schema/costs.ts';
import { afterHoursSchema, agentsRealismFields, calendarSchema, callerTypeRealismFields, csvArrivalsSchema, queueRealismFields, secretarySchema, weeklyArrivalsSchema } from './schema/realism.ts';

// Durations, times of day and opening windows are shared with the section schemas in
// ./schema/, which cannot import this file (it imports them).
export { durationSchema, openingWindowSchema, timeOfDaySchema } from './schema/primitives.ts';

/**
 * Id of a caller or problem type: letters, digits, `-` and `_`, starting with a letter or digit.
 * Spelled without the `i` flag because JSON Schema patterns carry no flags: with `/i` the
 * exported schema would reject upper-case ids that the loader accepts.
 */
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _ (e.g. pre-sale)');

export const runSchema = z
  .object({
    /** Number of consecutive days simulated; each day repeats the opening hours and arrival profile. */
    days: z.number().int().positive().max(3660).default(1).describe('Number of consecutive days simulated; each day repeats the opening hours and arrival profile.'),
    /** Calls arriving before this time from the start are simulated but not counted (lets the queue reach steady state). */
    warmup: durationSchema
      .optional()
      .describe(
        'Calls arriving before this time from the start are simulated but not counted (lets the queue reach steady state). Default: 0 when the line closes every day; around the clock, 10 × the longest mean handle time or patience (at least 1 h).',
      ),
    /** Independent replications (each with its own random streams derived from the seed). */
    replications: z.number().int().positive().max(10_000).default(1).describe('Independent replications (each with its own random streams derived from the seed).'),
    /** Master seed: the same seed gives byte-identical results. */
    seed: z.number().int().nonnegative().max(2 ** 32 - 1).default(1).describe('Master seed: the same seed gives byte-identical results.'),
    /** Length of the reporting interval in minutes (15, 30, 60...). */
    intervalMinutes: z.number().int().positive().max(1440).default(60).describe('Length of the reporting interval in minutes (15, 30, 60...).'),
  })
  .strict();

export const arrivalStepSchema = z
  .object({
    /** Time of day from which this rate applies, until the next step. */
    at: timeOfDaySchema.describe('Time of day from which this rate applies, until the next step.'),
    callsPerHour: z.number().nonnegative(),
  })
  .strict();

/**
 * Poisson arrivals: a constant rate, a piecewise-constant profile over the day, calls per
 * interval for each weekday, or historical counts from a CSV file (read by the file loader
 * into the weekly form).
 */
export const arrivalsSchema = z.union([
  z.object({ callsPerHour: z.number().nonnegative() }).strict(),
  z.object({ profile: z.array(arrivalStepSchema).min(1) }).strict(),
  weeklyArrivalsSchema,
  csvArrivalsSchema,
]);

export const patienceSchema = z.union([distributionSchema, z.literal('infinite')]);

export const callerTypeSchema = z
  .object({
    id,
    /** Share of all calls made by this caller type (shares of all types sum to 1). */
    share: z.number().min(0).max(1).describe('Share of all calls made by this caller type (shares of all types sum to 1).'),
    /** How long the caller is willing to wait in the queue before hanging up (seconds). */
    patience: patienceSchema.describe('How long the caller is willing to wait in the queue before hanging up (seconds).'),
    /** Probability that the caller means to buy on this call. */
    purchaseIntent: z.number().min(0).max(1).default(0).describe('Probability that the caller means to buy on this call.'),
    /** Value of the order if the caller buys (currency units). */
    orderValue: distributionSchema.default({ dist: 'deterministic', value: 0 }).describe('Value of the order if the caller buys (currency units).'),
    /** Id of the caller's problem type. */
    problem: id.describe('Id of the caller\'s problem type.'),
    /** Starting mood, 0 (furious) to 1 (delighted). */
    mood: z.number().min(0).max(1).default(0.7).describe('Starting mood, 0 (furious) to 1 (delighted).'),
    /**
     * Waiting time (seconds) that halves the chance the caller still buys once answered:
     * buyers rethink, find another offer, or a competitor calls them.
     */
    intentHalfLife: durationSchema.default(900).describe('Waiting time (seconds) that halves the chance the caller still buys once answered: buyers rethink, find another offer, or a competitor calls them.'),
    ...callerTypeRealismFields,
  })
  .strict();

export const problemTypeSchema = z
  .object({
    id,
    /** Time an agent spends on the call, talk plus wrap-up (seconds). */
    handleTime: distributionSchema.describe('Time an agent spends on the call, talk plus wrap-up (seconds).'),
    /** Probability the problem is solved on the call. */
    resolution: z.number().min(0).max(1).default(1).describe('Probability the problem is solved on the call.'),
    /** Probability that a caller with purchase intent, answered without waiting, buys. */
    conversion: z.number().min(0).max(1).default(0).describe('Probability that a caller with purchase intent, answered without waiting, buys.'),
    script: scriptRefSchema.optional(),
  })
  .strict();

export const agentsSchema = z
  .object({
    /** Agents answering during opening hours. */
    count: z.number().int().nonnegative().max(100_000).describe('Agents answering during opening hours.'),
    /** Cost of one agent per paid hour (currency units). */
    costPerHour: z.number().nonnegative().default(0).describe('Cost of one agent per paid hour (currency units).'),
    profiles: agentProfilesSchema.optional(),
    ...agentsRealismFields,
  })
  .strict();

/**
 * One step of a staffing schedule: from this time of day, this many agents answer, until the
 * next step. The steps repeat every day, and the last one carries over midnight to the first.
 */
export const staffingStepSchema = z
  .object({
    /** Time of day from which this many agents answer. */
    from: timeOfDaySchema.describe('Time of day from which this many agents answer, until the next step.'),
    /** Agents answering from that time. */
    agents: z.number().int().nonnegative().max(100_000).describe('Agents answering from that time.'),
  })
  .strict();

export const queueSchema = z
  .object({
    /** Places in the queue; `unlimited`, or 0 for no queue (busy signal when all agents are busy). */
    capacity: z.union([z.number().int().nonnegative(), z.literal('unlimited')]).default('unlimited').describe('Places in the queue; `unlimited`, or 0 for no queue (busy signal when all agents are busy).'),
    /** Order in which waiting callers are answered. */
    discipline: z.enum(['fifo', 'lifo', 'random', 'priority']).default('fifo').describe('Order in which waiting callers are answered; priority answers higher caller-type priorities first (FIFO among equals).'),
    ...queueRealismFields,
  })
  .strict();

/**
 * Which calls the service-level percentage is computed over.
 * - `offered`: answered within threshold / all offered calls (abandoned and blocked calls count against you).
 * - `answered`: answered within threshold / answered calls (abandoned calls are ignored).
 * - `offered-excluding-short-abandons`: answered within threshold / (offered − calls abandoned within the threshold).
 */
export const serviceLevelDenominatorSchema = z
  .enum(['offered', 'answered', 'offered-excluding-short-abandons'])
  .describe(
    'Which calls the service level is computed over: offered (answered in time / all calls; abandoned and busy calls count against it), answered (answered in time / answered calls), offered-excluding-short-abandons (answered in time / (offered − calls abandoned within the threshold)).',
  );

export const serviceLevelSchema = z
  .object({
    /** A call answered within this many seconds counts as answered in time. */
    thresholdSeconds: z.number().nonnegative().default(20).describe('A call answered within this many seconds counts as answered in time.'),
    /** Target share of calls answered in time, 0 to 1 (0.8 for "80/20"). */
    target: z.number().min(0).max(1).default(0.8).describe('Target share of calls answered in time, 0 to 1 (0.8 for "80/20").'),
    denominator: serviceLevelDenominatorSchema.default('offered'),
  })
  .strict();

export const moneySchema = z
  .object({
    /** ISO 4217 currency code used in every money figure. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code such as EUR').default('EUR').describe('ISO 4217 currency code used in every money figure.'),
    /** Gross margin as a share of order value, 0 to 1. */
    margin: z.number().min(0).max(1).default(0.3).describe('Gross margin as a share of order value, 0 to 1.'),
    /** Days a year the line is open: scales the simulated days' money to a year. */
    openDaysPerYear: z.number().positive().max(366).default(250).describe('Days a year the line is open: scales the simulated days\' money to a year.'),
  })
  .strict();

/**
 * A plan: a named variant of the scenario, compared with it by `callfloor compare` on the
 * same callers (common random numbers). `set` maps dotted paths to new values, e.g.
 * `agents.count: 3`, `queue.capacity: 15`, `callerTypes[acquirente].patience.mean: 90`
 * (list entries by index `[0]` or by id `[acquirente]`). Each value replaces the setting
 * at its path as a whole; entries apply in the order written. The result is checked like
 * a scenario file. Run settings that make plans comparable (seed, days, warm-up,
 * replications) and the currency and open days per year cannot change in a plan.
 */
export const planSchema = z
  .object({
    /** Name of the plan, used by `compare --plan` and printed on results. */
    name: z.string().min(1).describe('Name of the plan, used by compare --plan and printed on results.'),
    /** What the plan changes and why, for the people who read the comparison. */
    description: z.string().optional().describe('What the plan changes and why, for the people who read the comparison.'),
    /** Settings to change: dotted path → new value. */
    set: z
      .object({})
      .catchall(z.unknown())
      .describe(
        'Settings to change, as dotted path: new value, e.g. agents.count: 3, queue.capacity: 15, problemTypes[pre-vendita].handleTime.mean: 180 (list entries by index [0] or by id [pre-vendita]). Each value replaces the setting at its path as a whole.',
      ),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1).describe('Name of the business or plan, printed on every result.'),
    description: z.string().optional().describe('What the scenario models, for the people who read it.'),
    language: z.enum(['it', 'en']).default('en').describe('Language of the printed results: it or en.'),
    run: runSchema.describe('Run settings: days simulated, warm-up, replications, seed, reporting interval.').default({ days: 1, replications: 1, seed: 1, intervalMinutes: 60 }),
    /** Daily opening windows; calls arrive only while open. */
    openingHours: z.array(openingWindowSchema).min(1).default(['09:00-18:00']).describe('Daily opening windows; calls arrive only while open.'),
    arrivals: arrivalsSchema.describe('Poisson call arrivals while open: a constant callsPerHour, or a profile of { at, callsPerHour } steps over the day.'),
    callerTypes: z.array(callerTypeSchema).min(1).describe('Who calls: each type with its share of calls, patience, purchase intent, order value, problem and mood.'),
    problemTypes: z.array(problemTypeSchema).min(1).describe('What calls are about: handle time, resolution and conversion on the call.'),
    agents: agentsSchema.describe('The people answering: how many and what an hour of their time costs.'),
    staffing: z
      .array(staffingStepSchema)
      .min(1)
      .optional()
      .describe(
        'Agents answering by time of day, as { from, agents } steps repeated every day (the last step carries over midnight to the first). When given, it replaces agents.count. callfloor staff prints one.',
      ),
    queue: queueSchema.describe('The queue: places before a busy signal, and who is answered next.').default({ capacity: 'unlimited', discipline: 'fifo' }),
    serviceLevel: serviceLevelSchema.describe('Service-level definition: threshold, target and which calls count (denominator).').default({ thresholdSeconds: 20, target: 0.8, denominator: 'offered' }),
    money: moneySchema.describe('Currency, margin on sales, and open days per year for yearly figures.').default({ currency: 'EUR', margin: 0.3, openDaysPerYear: 250 }),
    afterCall: afterCallSchema.optional().describe('After the call: dissatisfied customers switch brand, skip purchases and tell others; well-served ones spend more (customer lifetime value).'),
    costs: costsSchema.optional().describe('Costs besides agent hours: telephony per minute, outsourcing per call and per month, other monthly fees.'),
    channels: channelsSchema.optional().describe('Chat and e-mail/tickets beside the phone: arrivals, response-time targets, backlog, dedicated or blended agents.'),
    calendar: calendarSchema.optional().describe('Demand over the week and holidays: arrival factor per weekday, closed days.'),
    afterHours: afterHoursSchema.optional().describe('Calls while the line is closed: the closed message, voicemails, calling again after opening.'),
    secretary: secretarySchema.optional().describe('An outsourced virtual secretary: answers at once, takes messages, the company calls back later.'),
    plans: z.array(planSchema).optional().describe('Named variants of this scenario (more agents, a longer queue, shorter calls…) that callfloor compare runs on the same callers and compares in euros.'),
  })
  .strict();

/** A scenario as written in YAML (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario with defaults applied. */
export type ScenarioConfig = z.output<typeof scenarioSchema>;
export type CallerTypeConfig = ScenarioConfig['callerTypes'][number];
export type ProblemTypeConfig = ScenarioConfig['problemTypes'][number];
export type ServiceLevelDenominator = z.infer<typeof serviceLevelDenominatorSchema>;
export type PlanConfig = z.output<typeof planSchema>;
export type StaffingStep = z.output<typeof staffingStepSchema>;
