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
    callAfter: escalationStepSchema.optional().describe('Unanswered contacts that make the customer phone instead (these calls are counted and priced, not added to the phone simulation).'),
    /** Unanswered contacts that turn into a complaint. */
    complaintAfter: escalationStepSchema.optional().describe('Unanswered contacts that turn into a complaint (a dissatisfied customer who complains in public).'),
    /** Agents working only on this channel, during staffedHours. */
    dedicatedAgents: z.number().int().nonnegative().max(10_000).default(0).describe('Agents working only on this channel, during staffedHours.'),
    /** When the dedicated agents work; default: openingHours. */
    staffedHours: z.array(window).min(1).optional().describe('When the dedicated agents work (default: openingHours).'),
  })
  .strict();

/**
 * Chat and e-mail/tickets beside the phone. Agents are dedicated to a channel, or blended:
 * phone agents who take chats and tickets when no call is waiting, modelled as the share
 * `blended.phoneIdleShare` of the phone agents' idle time measured in the same replication.
 */
export const channelsSchema = z
  .object({
    chat: channelSchema.optional().describe('Live chat: short patience, a target in minutes.'),
    tickets: channelSchema.optional().describe('E-mail and tickets: arrive around the clock, a target in hours.'),
    blended: z
      .object({
        /** Share of the phone agents' idle time they spend on chat and tickets (0: nobody does). */
        phoneIdleShare: probability.default(0).describe('Share of the phone agents\' idle time spent on chat and tickets (0: no blending).'),
      })
      .strict()
      .default({ phoneIdleShare: 0 })
      .describe('Blending: phone agents answer chat and tickets in their idle time; the phone keeps priority.'),
    /** Order in which free agents take waiting contacts. */
    priority: z.array(z.enum(['chat', 'tickets'])).min(1).max(2).default(['chat', 'tickets']).describe('Order in which a blended agent takes waiting contacts.'),
    /** Cost of a dedicated channel agent per hour; default: agents.costPerHour. */
    costPerAgentHour: z.number().nonnegative().optional().describe('Cost of one dedicated channel agent per paid hour (default: agents.costPerHour).'),
  })
  .strict();

export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelsConfig = z.output<typeof channelsSchema>;
export type ChannelName = 'chat' | 'tickets';
