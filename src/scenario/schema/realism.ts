/**
 * Scenario settings for the realism features of the queue and of callers: phone lines,
 * maximum wait, announcements, offered callbacks, retrials and priorities. Kept apart from
 * schema.ts so each feature's settings read in one place; schema.ts spreads these shapes
 * into its `queue` and `callerTypes` objects.
 */
import { z } from 'zod';
import { distributionSchema } from '../../dists/schema.ts';
import { durationSchema } from './primitives.ts';

const probability = z.number().min(0).max(1);

/**
 * Recorded messages played to waiting callers. Each announcement gives a waiting caller an
 * extra chance to hang up right then (real abandonment peaks just after an announcement):
 * `hangUp`, plus `hangUpPerCallerAhead` for each caller the message says is ahead, plus
 * `hangUpPerMinuteOfExpectedWait` for each minute of the wait it announces (queue position ×
 * the average handle time so far ÷ agents). The chance is capped at 1.
 */
export const announcementsSchema = z
  .object({
    /** Wait before the first announcement. */
    first: durationSchema.default(30).describe('Wait before the first announcement (seconds or 30s, 1min…).'),
    /** Time between announcements after the first; 0 plays it once. */
    every: durationSchema.default(60).describe('Time between announcements after the first; 0 plays it only once.'),
    /** What the message says: the caller's position, the expected wait, or a plain "please hold". */
    says: z.enum(['position', 'expected-wait', 'please-hold']).default('position').describe('What the message says: position ("you are caller number N"), expected-wait, or please-hold.'),
    /** Chance that a caller hangs up right after any announcement. */
    hangUp: probability.default(0).describe('Chance (0–1) that a waiting caller hangs up right after hearing an announcement.'),
    /** Extra chance per caller announced as ahead (position messages). */
    hangUpPerCallerAhead: probability.default(0).describe('Extra chance to hang up for each caller the message says is ahead (says: position).'),
    /** Extra chance per minute of announced expected wait (expected-wait messages). */
    hangUpPerMinuteOfExpectedWait: probability.default(0).describe('Extra chance to hang up per minute of expected wait announced (says: expected-wait).'),
  })
  .strict();

/**
 * "Press 1 and we will call you back": offered to callers who join the queue with at least
 * `offerWhenAhead` callers waiting before them. Those who accept leave the line; an agent calls
 * them back once no live caller waits and at least `delay` has passed, and reaches them with
 * probability `reach` (an unreached attempt still takes `attemptTime` of the agent's time).
 * Purchase intent keeps decaying until the callback, with the caller type's half-life.
 */
export const callbackSchema = z
  .object({
    /** Offer the callback when at least this many callers are waiting ahead. */
    offerWhenAhead: z.number().int().nonnegative().default(1).describe('Offer the callback to callers who find at least this many callers waiting ahead of them.'),
    /** Share of callers offered a callback who accept it (about a third in practice). */
    acceptance: probability.default(0.33).describe('Share of the callers offered a callback who accept it (about a third in practice).'),
    /** Earliest callback after the request. */
    delay: durationSchema.default(0).describe('Earliest time an agent calls back after the request (seconds or 10min, 2h…).'),
    /** Chance the caller picks up when called back. */
    reach: probability.default(0.8).describe('Chance the caller picks up when called back.'),
    /** Agent time spent on a callback attempt that does not reach the caller. */
    attemptTime: durationSchema.default(30).describe('Agent time spent on a callback attempt that does not reach the caller.'),
  })
  .strict();

/**
 * An outsourced "virtual secretary": answers at once (up to `seats` calls at a time) but
 * cannot sell or solve anything beyond simple information (`solves`). Everyone else leaves a
 * message and the company calls back after `callbackDelay` (an in-house agent, when free),
 * reaching the caller with probability `reach`; purchase intent decays meanwhile.
 */
export const secretarySchema = z
  .object({
    /** Calls the service can take at the same time; callers who find every seat taken go to the queue. */
    seats: z.number().int().nonnegative().max(100_000).default(10).describe('Calls the secretary service can take at the same time (0: none, e.g. in a plan without it); callers who find every seat busy go to the normal queue.'),
    /** all: the service answers every call; overflow: only calls no in-house agent is free for. */
    answers: z.enum(['all', 'overflow']).default('all').describe('all: the service answers every call (in-house agents only call back); overflow: only calls no in-house agent is free for.'),
    /** Time to take a message. */
    messageTime: distributionSchema.default({ dist: 'lognormal', mean: 90, cv: 0.4 }).describe('Time the secretary spends taking a message (seconds).'),
    /** Share of callers satisfied by the secretary (simple information): no callback needed, no sale. */
    solves: probability.default(0.4).describe('Share of callers the secretary satisfies with simple information: no callback needed, and no sale.'),
    /** When the company calls back after the message. */
    callbackDelay: durationSchema.default(7200).describe('How long after the message an in-house agent calls back (seconds or 2h…), at the earliest.'),
    /** Chance the caller picks up the callback. */
    reach: probability.default(0.7).describe('Chance the caller picks up when called back.'),
    /** Agent time on a callback nobody answers. */
    attemptTime: durationSchema.default(30).describe('In-house agent time spent on a callback attempt that does not reach the caller.'),
    /** Fee per call the service answers. */
    costPerCall: z.number().nonnegative().default(0).describe('Fee per call the service answers (currency units).'),
    /** Fixed fee per open hour. */
    costPerHour: z.number().nonnegative().default(0).describe('Fixed fee per hour the line is open (currency units).'),
  })
  .strict();

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day such as 09:00 or 18:30');

/** People on duty from `from` to `to` every day; overlapping shifts add up. */
export const shiftSchema = z
  .object({
    from: timeOfDay.describe('Start of the shift, HH:MM.'),
    to: timeOfDay.describe('End of the shift, HH:MM (24:00 for midnight).'),
    count: z.number().int().nonnegative().max(100_000).describe('People on duty in this shift.'),
  })
  .strict();

/** People away from the phone (break, lunch, meeting) but paid, from `from` to `to` every day. */
export const breakSchema = z
  .object({
    from: timeOfDay.describe('Start of the break, HH:MM.'),
    to: timeOfDay.describe('End of the break, HH:MM.'),
    count: z.number().int().positive().max(100_000).default(1).describe('People on this break at the same time.'),
  })
  .strict();

/**
 * A group of people with the same training and pay. `handleTimeFactor` is their proficiency
 * on calls: 1 for fully trained staff, 1.5 for a newcomer whose calls take half as long again.
 */
const problemId = z.string().min(1).describe('A problem type id (problemTypes[].id).');

export const agentGroupSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _').describe('Name of the group, e.g. esperti or nuovi.'),
    count: z.number().int().positive().max(100_000).describe('People in the group.'),
    costPerHour: z.number().nonnegative().default(0).describe('Cost of one person of the group per paid hour.'),
    handleTimeFactor: z.number().positive().max(10).default(1).describe('Proficiency as a factor on handle time: 1 fully trained, 1.5 calls take 50% longer.'),
    skills: z.array(problemId).min(1).optional().describe('Problem types (problemTypes[].id) this group answers at once; every problem type when omitted.'),
    overflowSkills: z.array(problemId).min(1).optional().describe('Problem types this group also answers once a caller has waited queue.overflowAfter (overflow); none when omitted.'),
    // Keys are checked against the problem type ids by the loader (UNKNOWN_PROBLEM).
    proficiency: z.object({}).catchall(z.number().positive().max(10)).optional().describe('Handle-time factor per problem type for this group, e.g. { reclamo: 1.4 }; handleTimeFactor for the others.'),
    shifts: z.array(shiftSchema).min(1).optional().describe('When this group is on duty (as agents.shifts, for this group only); count people all day when omitted.'),
    breaks: z.array(breakSchema).optional().describe('Breaks of this group: { from, to, count } people away from the phone but paid.'),
    shrinkage: probability.optional().describe('Share of paid time each person of this group is away from the phone; agents.shrinkage when omitted.'),
    profile: z.string().min(1).optional().describe('Id of an agents.profiles entry: how the people of this group follow call scripts (proficiency, speed); the profiles by share when omitted.'),
  })
  .strict();

/**
 * Fields added to `agents:`. With `shifts`, the people on duty follow the shifts (and `count`
 * is the most on duty at once, for the one-more-person comparison); breaks take people off
 * the phone while they are paid; `shrinkage` takes each person off the phone for that share
 * of every hour (staggered, so the team is never all away at once). A person due off the phone
 * during a call finishes the call first.
 */
export const agentsRealismFields = {
  shifts: z.array(shiftSchema).min(1).optional().describe('Who is on duty when: shifts of { from, to, count }, repeated every day; overlapping shifts add up. Without shifts, agents.count people are on duty whenever the line is open.'),
  breaks: z.array(breakSchema).optional().describe('Breaks and lunch: { from, to, count } people away from the phone but paid.'),
  groups: z.array(agentGroupSchema).min(1).optional().describe('Groups of people with their own pay, proficiency, skills and shifts; agents.count must equal their total. Put shifts and breaks in each group rather than in agents.'),
  shrinkage: probability.optional().describe('Share of paid time each person is away from the phone (meetings, admin, short breaks), 0–1; spread over every hour, staggered between people. 0 when omitted.'),
  selection: z
    .enum(['longest-idle', 'random'])
    .optional()
    .describe('Which free agent answers a caller: longest-idle (the one free longest, the default) or random (any free agent who can, as several published reference models assume).'),
} as const;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const dayFactor = z.number().nonnegative().max(100);

/**
 * Demand over the week and holidays. The arrival profile is scaled on each weekday by its
 * factor (1 when omitted; 0 closes the line that day), and the line is closed on the listed
 * days of the run. A closed day has no calls and no paid staff; callers who would call again
 * on a closed day call when the line opens.
 */
export const calendarSchema = z
  .object({
    /** Weekday of the first simulated day. */
    startsOn: z.enum(WEEKDAYS).default('monday').describe('Weekday of the first simulated day.'),
    /** Arrival factor per weekday (1 when omitted; 0 = closed that day). */
    weekdays: z
      .object(Object.fromEntries(WEEKDAYS.map((day) => [day, dayFactor.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof dayFactor>>)
      .strict()
      .default({})
      .describe('Arrival factor per weekday, e.g. monday: 1.3, saturday: 0.5, sunday: 0 (1 when omitted; 0 = closed).'),
    /** Days of the run (1 = the first simulated day) when the line is closed: holidays. */
    closedOn: z.array(z.number().int().min(1).max(3660)).default([]).describe('Days of the run (1 = the first simulated day) when the line is closed, e.g. holidays.'),
  })
  .strict();

/**
 * Calls that come in while the line is closed: nights and breaks of the opening hours, and
 * whole closed days (holidays, weekdays with factor 0). They hear the closed message: a share
 * leave a voicemail (an agent calls them back once the line opens), a share call again after
 * it opens, the rest are lost.
 */
export const afterHoursSchema = z
  .object({
    /** Calls per hour while closed. */
    callsPerHour: z.number().nonnegative().describe('Calls per hour while the line is closed (outside the opening hours, and all day on closed days unless closedDays says otherwise).'),
    /** Calls per hour during the opening hours of a closed day (holidays); callsPerHour when omitted. */
    closedDays: z.number().nonnegative().optional().describe('Calls per hour during the usual opening hours of a closed day (holidays, weekdays with factor 0); they hear the closed message too. callsPerHour when omitted; 0 for no calls.'),
    /** Share who leave a voicemail. */
    voicemail: probability.default(0).describe('Share of the callers who leave a voicemail; an agent calls them back once the line opens.'),
    /** Share who call again once the line is open. */
    callAgain: probability.default(0).describe('Share of the callers who call again after the line opens (of those who left no voicemail).'),
    /** How long after the opening they call again. */
    delay: distributionSchema.default({ dist: 'exponential', mean: 1800 }).describe('How long after the line opens they call again (seconds).'),
    /** Chance a voicemail callback reaches the caller. */
    reach: probability.default(0.7).describe('Chance the callback of a voicemail reaches the caller.'),
    attemptTime: durationSchema.default(30).describe('Agent time on a voicemail callback nobody answers.'),
  })
  .strict();

export type AfterHoursConfig = z.output<typeof afterHoursSchema>;

const intervalMinutes = z
  .union([z.literal(15), z.literal(30), z.literal(60)])
  .default(60)
  .describe('Length of each interval of the demand in minutes: 15, 30 or 60.');

/**
 * Demand per interval for each weekday: `weekly.monday[i]` calls arrive (on average) in the
 * i-th interval of `intervalMinutes` from `from` (the first opening time when omitted), as
 * a Poisson process with a constant rate inside the interval. A weekday left out has no
 * calls. Calls still arrive only while the line is open; `calendar` factors scale each day.
 */
export const weeklyArrivalsSchema = z
  .object({
    weekly: z
      .object(
        Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(z.number().nonnegative().max(1_000_000)).optional()])) as Record<
          (typeof WEEKDAYS)[number],
          z.ZodOptional<z.ZodArray<z.ZodNumber>>
        >,
      )
      .strict()
      .describe('Calls per interval for each weekday, e.g. monday: [12, 30, 41, …] (a weekday left out has no calls).'),
    intervalMinutes,
    from: timeOfDay.optional().describe('Start of the first interval of every list, HH:MM (the first opening time when omitted).'),
  })
  .strict();

/**
 * Demand from historical counts: a CSV file (path relative to the scenario) with a header
 * and the columns `weekday` or `date` (YYYY-MM-DD), `start` (HH:MM, the interval start) and
 * `calls`. The loader averages the counts per weekday and interval and uses them as a
 * `weekly` demand; with dates, an interval missing on a date counts as 0 calls that day.
 */
export const csvArrivalsSchema = z
  .object({
    csv: z.string().min(1).describe('CSV of historical call counts (columns weekday or date, start, calls), relative to the scenario file.'),
    intervalMinutes,
  })
  .strict();

export type WeeklyArrivalsConfig = z.output<typeof weeklyArrivalsSchema>;

export type CalendarConfig = z.output<typeof calendarSchema>;
export { WEEKDAYS };

/** Fields added to `queue:`. */
export const queueRealismFields = {
  /** Phone lines: callers waiting plus callers talking to an agent; a caller who finds all lines busy hears a busy signal. */
  lines: z
    .union([z.number().int().positive(), z.literal('unlimited')])
    .optional()
    .describe('Phone lines: callers waiting plus callers talking to an agent. A caller who finds every line in use hears a busy signal.'),
  /** Longest wait before the system drops the line ("operators are busy, call again later"); none when omitted. */
  maxWait: z
    .union([durationSchema, z.literal('none')])
    .optional()
    .describe('Longest wait before the phone system drops the line (e.g. 30min); none keeps callers waiting until they hang up.'),
  announcements: announcementsSchema.optional().describe('Recorded messages played while callers wait, and how they change hang-ups.'),
  callback: callbackSchema.optional().describe('Callback offered to callers who would wait: acceptance, delay, reach.'),
  /** Skill-based routing: wait after which a caller may also be answered by the groups with the problem type in overflowSkills. */
  overflowAfter: z
    .union([durationSchema, z.literal('never')])
    .optional()
    .describe('Skill-based routing: after this wait (e.g. 60 or 2min) a caller may also be answered by the agent groups that have the problem type in overflowSkills; never when omitted.'),
} as const;

/**
 * Callers who got a busy signal, hung up or were dropped may call again: with these
 * probabilities, after a delay drawn from `delay`, at most `maxAttempts` calls in all.
 */
export const retrialSchema = z
  .object({
    /** Chance of calling again after a busy signal. */
    afterBlocked: probability.default(0).describe('Chance of calling again after a busy signal.'),
    /** Chance of calling again after hanging up in the queue. */
    afterAbandoned: probability.default(0).describe('Chance of calling again after hanging up while waiting.'),
    /** Chance of calling again after the system dropped the line. */
    afterDropped: probability.default(0).describe('Chance of calling again after the phone system dropped the line (maxWait).'),
    /** Time until the next call. */
    delay: distributionSchema.default({ dist: 'exponential', mean: 600 }).describe('Time until the caller calls again (seconds).'),
    /** Most calls one customer makes, the first included. */
    maxAttempts: z.number().int().min(1).max(100).default(3).describe('Most calls one customer makes, the first included.'),
  })
  .strict();

/** Fields added to each caller type. */
export const callerTypeRealismFields = {
  /** Answered first when the queue discipline is `priority` (higher first, FIFO among equals); 0 when omitted. */
  priority: z.number().int().min(0).max(1000).optional().describe('Under queue discipline priority, callers with a higher priority are answered first (FIFO among equals).'),
  retrial: retrialSchema.optional().describe('Whether callers of this type call again after a busy signal, a hang-up or a dropped line.'),
} as const;

export type AnnouncementsConfig = z.output<typeof announcementsSchema>;
export type CallbackConfig = z.output<typeof callbackSchema>;
export type RetrialConfig = z.output<typeof retrialSchema>;
export type SecretaryConfig = z.output<typeof secretarySchema>;
