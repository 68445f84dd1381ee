/**
 * Chat and e-mail/tickets: a discrete-event simulation of the written channels of one
 * replication, stepped by the phone engine inside its own event loop (src/sim/replication.ts, features/blending.ts), so
 * both share one clock and the same phone agents.
 *
 * Agents: each channel's dedicated agents work its staffedHours and live here. Blended agents
 * are the phone engine's agents (`blended.agents` of them): when one would go idle with no
 * caller waiting, it takes the next waiting contact by `priority` ({@link ChannelSimulation.takeContact})
 * and the engine books the agent time as busy; the phone keeps priority, but a contact in
 * progress is not interrupted by a call. An unanswered contact older than `callAfter.after`
 * makes the customer phone: {@link ChannelSimulation.step} tells the engine, which puts a real
 * caller in the phone queue. Every draw comes from the channels' own named streams, so a phone
 * plan compared on the same seed sees the same contacts (common random numbers).
 *
 * One channel's queue and backlog live in channel.ts, a contact's state in liveContact.ts, the
 * closing of the books in result.ts; this module is the event loop that ties them together.
 */
import { nextOpenTime, SECONDS_PER_DAY } from '../kernel/openHours.ts';
import type { SimulationModel } from '../sim/model.ts';
import { RandomStreams } from '../kernel/rng.ts';
import { changeBacklog, enqueue, nextWaiting, noteDayEnd, prepareChannel, respond, type CausedCall, type ChannelState } from './channel.ts';
import type { ContactRecord } from './contact.ts';
import { ChannelEvents, type PendingEvent } from './events.ts';
import { inWindows, windowEndAfter } from './hours.ts';
import { CHANNEL_NAMES } from './kpis.ts';
import { openContact, setStatus, type LiveContact } from './liveContact.ts';
import { closeChannels, type ChannelReplication } from './result.ts';

export type { CausedCall } from './channel.ts';
export { CHANNEL_NAMES, type ChannelKpis } from './kpis.ts';
export type { ChannelReplication } from './result.ts';

/** Whether the scenario has a chat or ticket channel to simulate. */
export function hasChannels(model: SimulationModel): boolean {
  const config = model.config.channels;
  return config !== undefined && (config.chat !== undefined || config.tickets !== undefined);
}

/** Phone agents who blend (the first N of the engine's agents), from `channels.blended.agents`. */
export function blendedAgentsOf(model: SimulationModel): number {
  const agents = model.config.channels?.blended.agents ?? 0;
  return agents === 'all' ? model.agents : Math.min(agents, model.agents);
}

/**
 * The chat and ticket channels of one replication, stepped event by event by the phone engine:
 * it handles whichever comes first, its own next event or {@link nextTime} (ties: the phone).
 */
export class ChannelSimulation {
  private readonly events: ChannelEvents;
  private readonly channels: ChannelState[] = [];
  /** Channel indices in the order blended agents take them. */
  private readonly priority: number[];
  private readonly horizon: number;
  private readonly records: ContactRecord[] | undefined;
  private readonly contacts: LiveContact[] = [];
  /** The contact each blended phone agent is handling, by the engine's agent number. */
  private readonly inService = new Map<number, LiveContact>();
  private waitingContacts = 0;
  private now = 0;

  constructor(
    private readonly model: SimulationModel,
    private readonly replication: number,
    collectRecords = false,
  ) {
    const scenario = model.config;
    const channels = scenario.channels!;
    const streams = new RandomStreams(scenario.run.seed, replication);
    this.horizon = model.horizon;
    this.events = new ChannelEvents(this.horizon);
    this.records = collectRecords ? [] : undefined;
    for (const name of CHANNEL_NAMES) {
      const channel = channels[name];
      if (channel !== undefined) this.channels.push(prepareChannel(name, channel, model, streams));
    }
    this.priority = channels.priority
      .map((name) => this.channels.findIndex((channel) => channel.name === name))
      .filter((index) => index >= 0);
    for (let index = 0; index < this.channels.length; index++) if (!this.priority.includes(index)) this.priority.push(index);
    this.channels.forEach((_channel, index) => this.scheduleArrival(index));
    this.scheduleShifts();
  }

  /** Time of the next channel event, Infinity when none is due within the run. */
  nextTime(): number {
    return this.events.nextTime();
  }

  /** Handles the next channel event. Returns the phone call it causes (a customer phoning about an unanswered contact now), or null. */
  step(): CausedCall | null {
    this.now = this.events.nextTime();
    return this.handle(this.events.pop());
  }

  /** Contacts waiting for an agent, all channels together. */
  waiting(): number {
    return this.waitingContacts;
  }

  /**
   * The blended phone agent `agentKey` takes the next waiting contact, channels in `priority`
   * order (call only while {@link waiting} is above 0). Returns the agent time it takes; the
   * contact is in service until {@link finishContact}.
   */
  takeContact(now: number, agentKey: number): number {
    this.now = now;
    for (const index of this.priority) {
      const channel = this.channels[index]!;
      if (channel.waitingCount === 0) continue;
      const contact = this.assign(channel, true);
      this.inService.set(agentKey, contact);
      return contact.handleTime;
    }
    throw new Error('takeContact: no contact is waiting');
  }

  /** The blended phone agent `agentKey` has finished its contact. */
  finishContact(now: number, agentKey: number): void {
    this.now = now;
    const contact = this.inService.get(agentKey)!;
    this.inService.delete(agentKey);
    this.endService(contact);
  }

  /** The channels' figures, records and money once the run is over. */
  result(blendedHoursOffered = 0): ChannelReplication {
    this.now = this.horizon;
    noteDayEnd(this.channels, this.model.days - 1);
    const books = { model: this.model, replication: this.replication, channels: this.channels, contacts: this.contacts, records: this.records };
    return closeChannels(books, blendedHoursOffered);
  }

  private scheduleArrival(channel: number): void {
    const prepared = this.channels[channel]!;
    this.events.push(prepared.arrivals.next(-Math.log(1 - prepared.arrivalDraws.next())), 'arrival', channel, null);
  }

  /**
   * An event at midnight (the day's backlog), at every staffed-window edge (dedicated agents
   * come and go) and at every phone opening (the engine's idle blended agents take the contacts
   * that came in overnight) of every day.
   */
  private scheduleShifts(): void {
    const times = new Set<number>([0]);
    for (const channel of this.channels) for (const [start, end] of channel.staffed) times.add(start).add(end % SECONDS_PER_DAY);
    for (const [start] of this.model.windows) times.add(start);
    const ordered = [...times].sort((a, b) => a - b);
    for (let day = 0; day < this.model.days; day++) for (const t of ordered) this.events.push(day * SECONDS_PER_DAY + t, 'shift', -1, null);
  }

  private handle(event: PendingEvent): CausedCall | null {
    const contact = event.contact;
    switch (event.kind) {
      case 'arrival':
        this.arrive(event.channel);
        break;
      case 'shift':
        this.shift();
        break;
      case 'end':
        this.endService(contact!);
        break;
      case 'patience':
        if (contact!.status === 'opened') this.giveUp(contact!, 'left');
        break;
      case 'ageOut':
        if (contact!.status === 'opened') this.giveUp(contact!, 'agedOut');
        break;
      case 'call': {
        if (!contact!.open) break;
        // The customer phones now, or at a moment of the line's next opening window (a call after the run is never made).
        const opens = nextOpenTime(this.model.windows, this.model.days, this.now, this.model.dayFactors);
        if (opens === this.now) return this.placeCall(contact!);
        this.events.push(opens + contact!.callMoment * (windowEndAfter(this.model.windows, opens) - opens), 'phoneCall', event.channel, contact);
        break;
      }
      case 'phoneCall':
        // A reply sent since (blended agents at the opening) spares the call.
        return contact!.open ? this.placeCall(contact!) : null;
      case 'complaint':
        if (contact!.open) {
          contact!.complained = true;
          this.channels[contact!.channel]!.kpis.complaints++;
        }
        break;
    }
    return null;
  }

  private placeCall(contact: LiveContact): CausedCall {
    const channel = this.channels[contact.channel]!;
    contact.causedCall = true;
    channel.kpis.callsCaused++;
    return channel.causedCall;
  }

  private arrive(index: number): void {
    const channel = this.channels[index]!;
    const config = channel.config;
    // Every draw of a contact is taken at its arrival, so plans on the same seed see the same contacts.
    // Numbered per channel, so a change to one channel does not renumber the other's contacts (and their draws).
    const contact = openContact(channel.kpis.offered, index, this.now, channel.handleTime(channel.handleDraws));
    const patience = channel.patience === null ? Infinity : channel.patience(channel.patienceDraws);
    contact.escalates = channel.escalationDraws.next() < config.escalation;
    const calls = config.callAfter !== undefined && channel.callDraws.next() < config.callAfter.probability;
    const complains = config.complaintAfter !== undefined && channel.complaintDraws.next() < config.complaintAfter.probability;
    this.contacts.push(contact);
    channel.kpis.offered++;
    enqueue(channel, contact, this.now);
    this.waitingContacts++;
    if (patience < Infinity) this.events.push(this.now + patience, 'patience', index, contact);
    if (config.ageOut !== undefined) this.events.push(this.now + config.ageOut, 'ageOut', index, contact);
    if (calls) {
      contact.callMoment = channel.callDraws.next();
      this.events.push(this.now + config.callAfter!.after, 'call', index, contact);
    }
    if (complains) this.events.push(this.now + config.complaintAfter!.after, 'complaint', index, contact);
    this.scheduleArrival(index);
    this.dispatch();
  }

  private giveUp(contact: LiveContact, status: 'left' | 'agedOut'): void {
    const channel = this.channels[contact.channel]!;
    setStatus(contact, status, this.now);
    contact.open = false;
    channel.waitingCount--;
    this.waitingContacts--;
    changeBacklog(channel, -1, this.now);
    if (status === 'left') channel.kpis.left++;
    else channel.kpis.agedOut++;
  }

  /** Sets each channel's dedicated agents for the stretch of the day that starts now. */
  private shift(): void {
    const timeOfDay = this.now - Math.floor(this.now / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    for (const channel of this.channels) {
      channel.dedicatedCapacity = inWindows(timeOfDay, channel.staffed) ? channel.config.dedicatedAgents : 0;
    }
    // Midnight: the backlog each day ends with.
    if (timeOfDay === 0 && this.now > 0) noteDayEnd(this.channels, this.now / SECONDS_PER_DAY - 1);
    this.dispatch();
  }

  /** Each channel's free dedicated agents take its waiting contacts. */
  private dispatch(): void {
    for (const index of this.priority) {
      const channel = this.channels[index]!;
      while (channel.waitingCount > 0 && channel.dedicatedBusy < channel.dedicatedCapacity) {
        channel.dedicatedBusy++;
        const contact = this.assign(channel, false);
        this.events.push(this.now + contact.handleTime, 'end', index, contact);
      }
    }
  }

  /** The next waiting contact of the channel goes to an agent now. */
  private assign(channel: ChannelState, blended: boolean): LiveContact {
    const contact = nextWaiting(channel);
    channel.waitingCount--;
    this.waitingContacts--;
    contact.blended = blended;
    contact.assigned = this.now;
    setStatus(contact, 'assigned', this.now);
    if (channel.respondsOnAssignment) respond(channel, contact, this.now);
    if (blended) channel.kpis.blendedHoursUsed += contact.handleTime / 3600;
    return contact;
  }

  private endService(contact: LiveContact): void {
    const channel = this.channels[contact.channel]!;
    if (!contact.blended) channel.dedicatedBusy--;
    if (!channel.respondsOnAssignment) respond(channel, contact, this.now);
    if (contact.escalates) {
      setStatus(contact, 'escalated', this.now);
      channel.kpis.escalated++;
      const closeAt = this.now + channel.config.escalationTime;
      if (closeAt <= this.horizon) setStatus(contact, 'closed', closeAt);
    } else {
      setStatus(contact, 'answered', this.now);
      setStatus(contact, 'closed', this.now);
    }
    this.dispatch();
  }
}
