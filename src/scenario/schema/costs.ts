import { z } from 'zod';

/**
 * What the service costs besides the agents' hours (agents.costPerHour): the phone line,
 * an outsourced answering service, fixed monthly fees. Months are counted from the
 * simulated days and money.openDaysPerYear (a month is openDaysPerYear / 12 open days).
 */
export const costsSchema = z
  .object({
    /** Price of one minute of line time. */
    telephonyPerMinute: z.number().nonnegative().default(0).describe('Price of one minute of line time (currency units).'),
    /** Whether the line is paid while callers wait (toll-free and inbound numbers) or only while they talk. */
    chargeWaitingTime: z.boolean().default(true).describe('Whether the line is paid while callers wait (toll-free numbers), not only while they talk.'),
    /** Fee per answered call paid to an outsourced answering service. */
    outsourcingPerCall: z.number().nonnegative().default(0).describe('Fee per answered call paid to an outsourced answering service (virtual secretary, call centre).'),
    /** Fixed monthly fee of the outsourced service. */
    outsourcingPerMonth: z.number().nonnegative().default(0).describe('Fixed monthly fee of the outsourced answering service.'),
    /** Other fixed monthly costs of the service: phone system, software licences. */
    otherPerMonth: z.number().nonnegative().default(0).describe('Other fixed monthly costs of the service: phone system, software licences.'),
  })
  .strict();

export type CostsConfig = z.output<typeof costsSchema>;
