/**
 * Closing the channels' books at the end of a replication: each contact's dissatisfaction,
 * money and record, then each channel's backlog, rates and staff cost.
 */
import { Tally, type TallyFigures } from '../metrics/tally.ts';
import type { AfterCallConfig } from '../scenario/schema/afterCall.ts';
import type { ChannelName } from '../scenario/schema/channels.ts';
import type { SimulationModel } from '../sim/model.ts';
import type { ChannelState } from './channel.ts';
import type { ContactRecord } from './contact.ts';
import { bookContactFate } from './contactFate.ts';
import { staffedHours } from './hours.ts';
import type { ChannelKpis } from './kpis.ts';
import { ageOf, contactRecord, isDissatisfied, type LiveContact } from './liveContact.ts';

/** What the written channels produced in one replication. */
export interface ChannelReplication {
  readonly replication: number;
  readonly channels: Partial<Record<ChannelName, ChannelKpis>>;
  /**
   * Paid hours of the blended phone agents in opening hours (the phone's staffed hours ×
   * blended agents ÷ agents), of which the channels' blendedHoursUsed is the part spent on contacts.
   */
  readonly blendedHoursOffered: number;
  /**
   * Money and customers for the whole run's tally: dissatisfied, lost lifetime value, staff.
   * The calls caused are not here: they are phone calls, priced from their records (money/ledger.ts).
   */
  readonly money: TallyFigures;
  readonly records?: readonly ContactRecord[];
}

/** Everything the books are closed from, at the end of the run. */
export interface ChannelBooks {
  readonly model: SimulationModel;
  readonly replication: number;
  readonly channels: readonly ChannelState[];
  /** Every contact of the run, in order of arrival. */
  readonly contacts: readonly LiveContact[];
  /** Where the contact records go, or undefined when they are not collected. */
  readonly records: ContactRecord[] | undefined;
}

/** Closes the books: backlog, rates, dissatisfied customers and their money. */
export function closeChannels(books: ChannelBooks, blendedHoursOffered: number): ChannelReplication {
  const { model, replication, channels, records } = books;
  const scenario = model.config;
  const horizon = model.horizon;
  const money = new Tally();
  const afterCall: AfterCallConfig | undefined = scenario.afterCall;
  const costPerAgentHour = scenario.channels!.costPerAgentHour ?? scenario.agents.costPerHour;
  const result: Partial<Record<ChannelName, ChannelKpis>> = {};
  const openYoungAtEnd = new Array<number>(channels.length).fill(0);
  for (const contact of books.contacts) {
    const channel = channels[contact.channel]!;
    const kpis = channel.kpis;
    const target = channel.config.target;
    const age = ageOf(contact, horizon);
    if (contact.open && age <= target) openYoungAtEnd[contact.channel]!++;
    const dissatisfied = isDissatisfied(contact, age, target);
    if (dissatisfied) kpis.dissatisfied++;
    bookContactFate(money, kpis, contact, channel.name, dissatisfied, afterCall, scenario.run.seed, replication);
    records?.push(contactRecord(contact, replication, channel.name, age, target, dissatisfied));
  }
  channels.forEach((channel, index) => {
    const kpis = channel.kpis;
    channel.backlogArea += channel.backlog * (horizon - channel.backlogChangedAt);
    kpis.openAtEnd = channel.backlog;
    kpis.meanBacklog = channel.backlogArea / horizon;
    const known = kpis.offered - openYoungAtEnd[index]!;
    kpis.withinTargetRate = known > 0 ? kpis.respondedWithinTarget / known : 0;
    kpis.meanResponseTime = kpis.responded > 0 ? kpis.meanResponseTime / kpis.responded : 0;
    kpis.staffCost = staffedHours(channel.staffed, model.days) * channel.config.dedicatedAgents * costPerAgentHour;
    money.channelStaffCost += kpis.staffCost;
    result[channel.name] = kpis;
  });
  return {
    replication,
    channels: result,
    blendedHoursOffered,
    money,
    ...(records ? { records } : {}),
  };
}
