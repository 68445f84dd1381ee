import { z } from 'zod';
import { distributionSchema } from '../../dists/schema.ts';
import { durationSchema as duration, openingWindowSchema as window, probability } from './primitives.ts';

/** Something an unanswered contact turns into after a while: a phone call, a complaint. */
export const escalationStepSchema = z
  .object({
    /** Probability that a contact still unanswered after `after` does it. */
    probability: probability.describe('Probability that a contact still unanswered after `after` does it.'),
    /** Age of the unanswered contact at which it happens. */
    after: duration.describe('Age of the unanswered contact at which it happens (e.g. 1d).'),
  })
  .strict();

/** A phone call an unanswered contact turns into: it arrives in the phone queue of the same replication. */
export const callAfterSchema = escalationStepSchema
  .extend({
    /** Caller type of the call (its patience, handle time, purchase intent…); default: the first caller type. */
    callerType: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _ (e.g. pre-sale)')
      .optional()
      .describe('Caller type of the call this customer makes (default: the first caller type).'),
  })
  .strict();

/**
 * One written channel (chat, e-mail/tickets). Contacts arrive as a Poisson stream during
 * `hours`, wait for an agent, and are answered, escalated, abandoned (chat) or aged out.
 */
export const channelSchema = z
  .object({
    /** Contacts per hour while the channel takes them. */
    perHour: z.number().nonnegative().describe('Contacts arriving per hour while the channel takes them (see hours).'),
    /** When contacts arrive; default: chat during openingHours, tickets around the clock. */
    hours: z.array(window).min(1).optional().describe('Daily windows in which contacts arrive (default: openingHours for chat, 00:00-24:00 for tickets).'),
    /** Agent time one contact takes. */
    handleTime: distributionSchema.describe('Agent time one contact takes (seconds).'),
    /** Response-time target: first answer within this age. */
    target: duration.describe('Response-time target: answered within this age (chat: an agent joins; tickets: the reply is sent).'),
    /** How long a chat customer waits for an agent before leaving; tickets never leave by themselves. */
    patience: z.union([distributionSchema, z.literal('infinite')]).default('infinite').describe('How long a customer waits for an agent before giving up (chat); infinite for tickets.'),
    /** An unanswered contact is closed unanswered at this age (aged out). */
    ageOut: duration.optional().describe('An unanswered contact is closed unanswered at this age (aged out).'),
    /** Share of answered contacts passed to a second level instead of solved. */
    escalation: probability.default(0).describe('Share of answered contacts escalated to a second level instead of solved at the first answer.'),
    /** Time from escalation to closing. */
    escalationTime: duration.default(86_400).describe('Time an escalated contact takes to be closed by the second level.'),
    /** Unanswered contacts that make the customer phone instead. */
    callAfter: callAfterSchema.optional().describe('Unanswered contacts that make the customer phone: the call arrives in the phone queue of the same run (a customer of callerType).'),
    /** Unanswered contacts that turn into a complaint. */
    complaintAfter: escalationStepSchema.optional().describe('Unanswered contacts that turn into a complaint (a dissatisfied customer who complains in public).'),
    /** Agents working only on this channel, during staffedHours. */
    dedicatedAgents: z.number().int().nonnegative().max(10_000).default(0).describe('Agents working only on this channel, during staffedHours.'),
    /** When the dedicated agents work; default: openingHours. */
    staffedHours: z.array(window).min(1).optional().describe('When the dedicated agents work (default: openingHours).'),
  })
  .strict();

/** Phone agents who also answer chat and tickets when no call waits. */
export const blendedSchema = z
  .object({
    /** How many phone agents blend (the first N of the team), or all of them; 0: nobody. */
    agents: z
      .union([z.number().int().nonnegative().max(10_000), z.literal('all')])
      .default(0)
      .describe('How many phone agents also answer chat and tickets when no call waits (the first N of the team), or all; 0: no blending.'),
    /** Idle phone agents kept free for calls: a blended agent takes a contact only while more than this many are idle. */
    keepFree: z
      .number()
      .int()
      .nonnegative()
      .max(10_000)
      .default(0)
      .describe('Idle phone agents kept free for calls: a blended agent takes a contact only while more than this many agents are idle.'),
  })
  .strict();

/**
 * Chat and e-mail/tickets beside the phone, simulated in the same event loop as the phone.
 * Agents are dedicated to a channel, or blended: phone agents who take a chat or ticket when
 * they would otherwise go idle (no call waiting, no callback due); the phone keeps priority,
 * but a contact in progress is not interrupted by a call.
 */
export const channelsSchema = z
  .object({
    chat: channelSchema.optional().describe('Live chat: short patience, a target in minutes.'),
    tickets: channelSchema.optional().describe('E-mail and tickets: arrive around the clock, a target in hours.'),
    blended: blendedSchema
      .default({ agents: 0, keepFree: 0 })
      .describe('Blending: phone agents answer chat and tickets when no call waits; the phone keeps priority.'),
    /** Order in which free agents take waiting contacts. */
    priority: z.array(z.enum(['chat', 'tickets'])).min(1).max(2).default(['chat', 'tickets']).describe('Order in which a blended agent takes waiting contacts.'),
    /** Cost of a dedicated channel agent per hour; default: agents.costPerHour. */
    costPerAgentHour: z.number().nonnegative().optional().describe('Cost of one dedicated channel agent per paid hour (default: agents.costPerHour).'),
  })
  .strict();

export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelsConfig = z.output<typeof channelsSchema>;
export type BlendedConfig = z.output<typeof blendedSchema>;
export type ChannelName = 'chat' | 'tickets';
