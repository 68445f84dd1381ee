/**
 * Chat and e-mail/tickets: a discrete-event simulation of the written channels of one
 * replication, stepped by the phone engine inside its own event loop (src/sim/engine.ts), so
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
 */
import type { Sampler } from '../dists/sample.ts';
import { samplerFor } from '../dists/sample.ts';
import type { AfterCallConfig } from '../scenario/schema/afterCall.ts';
import type { ChannelConfig, ChannelName } from '../scenario/schema/channels.ts';
import { addFate } from '../money/ledger.ts';
import { afterCallDraws, fateOf } from '../money/afterCall.ts';
import { Tally } from '../metrics/tally.ts';
import { ArrivalProcess, type RateSegment } from '../kernel/arrivals.ts';
import { nextOpenTime, SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { parseOpeningWindow } from '../sim/calendar.ts';
import { EventHeap } from '../kernel/eventHeap.ts';
import type { SimulationModel } from '../sim/model.ts';
import { RandomStreams, type RandomStream } from '../kernel/rng.ts';
import type { ContactRecord, ContactStatus, StatusChange } from './contact.ts';

export const CHANNEL_NAMES: readonly ChannelName[] = ['chat', 'tickets'];

/** Key figures of one channel in one replication. Times in seconds, money in the scenario currency. */
export interface ChannelKpis {
  offered: number;
  /** Contacts that got a response. */
  responded: number;
  respondedWithinTarget: number;
  /** respondedWithinTarget / (offered − contacts still open at the end and younger than the target). */
  withinTargetRate: number;
  /** Mean age at the response of contacts that got one. */
  meanResponseTime: number;
  maxResponseTime: number;
  /** Chat customers who gave up waiting. */
  left: number;
  agedOut: number;
  escalated: number;
  /** Unanswered contacts (waiting or being handled) when the run ended. */
  openAtEnd: number;
  /** Time-average of unanswered contacts over the whole run. */
  meanBacklog: number;
  maxBacklog: number;
  /** Unanswered contacts at the end of each simulated day (midnight). */
  backlogByDay: number[];
  /** Phone calls made because a contact stayed unanswered (simulated in the phone queue, counted in its figures). */
  callsCaused: number;
  complaints: number;
  dissatisfied: number;
  /** Future revenue lost through those customers (afterCall). */
  lostLifetimeValue: number;
  /** Cost of this channel's dedicated agents. */
  staffCost: number;
  /** Agent hours blended phone agents spent on this channel. */
  blendedHoursUsed: number;
}

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
  readonly money: Tally;
  readonly records?: readonly ContactRecord[];
}

interface LiveContact {
  id: number;
  channel: number;
  opened: number;
  handleTime: number;
  assigned: number;
  responded: number;
  status: ContactStatus;
  history: StatusChange[];
  causedCall: boolean;
  complained: boolean;
  blended: boolean;
  /** Drawn at arrival: passed to the second level once answered. */
  escalates: boolean;
  /** Drawn at arrival: where in the next opening window the customer phones, if the line is closed when they decide to (0 to 1). */
  callMoment: number;
  /** Not yet responded and not closed: counts in the backlog. */
  open: boolean;
}

interface PreparedChannel {
  readonly name: ChannelName;
  readonly config: ChannelConfig;
  readonly arrivals: ArrivalProcess;
  readonly arrivalDraws: RandomStream;
  readonly handleTime: Sampler;
  readonly handleDraws: RandomStream;
  readonly patience: Sampler | null;
  readonly patienceDraws: RandomStream;
  readonly escalationDraws: RandomStream;
  readonly callDraws: RandomStream;
  /** The phone call this channel's unanswered contacts cause (the same object every time). */
  readonly causedCall: CausedCall;
  readonly complaintDraws: RandomStream;
  readonly staffed: ReadonlyArray<readonly [number, number]>;
  /** Chat responds when an agent joins; a ticket when the reply is sent. */
  readonly respondsOnAssignment: boolean;
  readonly waiting: LiveContact[];
  waitingHead: number;
  waitingCount: number;
  dedicatedCapacity: number;
  dedicatedBusy: number;
  backlog: number;
  backlogArea: number;
  backlogChangedAt: number;
  readonly kpis: ChannelKpis;
}

/** A phone call an unanswered contact causes now: its channel and the caller type (index in the model) that calls. */
export interface CausedCall {
  readonly channel: ChannelName;
  readonly callerType: number;
}

/** `call`: the contact reached callAfter.after unanswered; `phoneCall`: its customer phones, if still unanswered, once the line is open. */
type EventKind = 'arrival' | 'end' | 'patience' | 'ageOut' | 'call' | 'phoneCall' | 'complaint' | 'shift';
interface PendingEvent {
  kind: EventKind;
  channel: number;
  contact: LiveContact | null;
}

function windowsOf(hours: readonly string[]): Array<[number, number]> {
  return hours.map(parseOpeningWindow).sort((a, b) => a[0] - b[0]);
}

function emptyKpis(days: number): ChannelKpis {
  return {
    offered: 0,
    responded: 0,
    respondedWithinTarget: 0,
    withinTargetRate: 0,
    meanResponseTime: 0,
    maxResponseTime: 0,
    left: 0,
    agedOut: 0,
    escalated: 0,
    openAtEnd: 0,
    meanBacklog: 0,
    maxBacklog: 0,
    backlogByDay: new Array<number>(days).fill(0),
    callsCaused: 0,
    complaints: 0,
    dissatisfied: 0,
    lostLifetimeValue: 0,
    staffCost: 0,
    blendedHoursUsed: 0,
  };
}

function inWindows(timeOfDay: number, windows: ReadonlyArray<readonly [number, number]>): boolean {
  return windows.some(([start, end]) => timeOfDay >= start && timeOfDay < end);
}

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
  private readonly heap = new EventHeap(256);
  private readonly events: PendingEvent[] = [];
  private readonly freeEvents: number[] = [];
  private readonly channels: PreparedChannel[] = [];
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
    this.records = collectRecords ? [] : undefined;
    for (const name of CHANNEL_NAMES) {
      const channel = channels[name];
      if (channel === undefined) continue;
      const hours = windowsOf(channel.hours ?? (name === 'chat' ? scenario.openingHours : ['00:00-24:00']));
      const segments: RateSegment[] = hours.map(([start, end]) => ({ start, end, ratePerSecond: channel.perHour / 3600 }));
      this.channels.push({
        name,
        config: channel,
        arrivals: new ArrivalProcess(segments, model.days),
        arrivalDraws: streams.get(`${name}.arrivals`),
        handleTime: samplerFor(channel.handleTime),
        handleDraws: streams.get(`${name}.handleTime`),
        patience: channel.patience === 'infinite' ? null : samplerFor(channel.patience),
        patienceDraws: streams.get(`${name}.patience`),
        escalationDraws: streams.get(`${name}.escalation`),
        callDraws: streams.get(`${name}.callAfter`),
        causedCall: { channel: name, callerType: callerTypeIndex(model, name, channel.callAfter?.callerType) },
        complaintDraws: streams.get(`${name}.complaintAfter`),
        staffed: windowsOf(channel.staffedHours ?? scenario.openingHours),
        respondsOnAssignment: name === 'chat',
        waiting: [],
        waitingHead: 0,
        waitingCount: 0,
        dedicatedCapacity: 0,
        dedicatedBusy: 0,
        backlog: 0,
        backlogArea: 0,
        backlogChangedAt: 0,
        kpis: emptyKpis(model.days),
      });
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
    return this.heap.size > 0 ? this.heap.peekTime() : Infinity;
  }

  /** Handles the next channel event. Returns the phone call it causes (a customer phoning about an unanswered contact now), or null. */
  step(): CausedCall | null {
    this.now = this.heap.peekTime();
    const handle = this.heap.pop();
    const event = this.events[handle]!;
    this.freeEvents.push(handle);
    return this.handle(event);
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
    return this.close(blendedHoursOffered);
  }

  private push(time: number, kind: EventKind, channel: number, contact: LiveContact | null): void {
    if (!(time <= this.horizon)) return;
    const handle = this.freeEvents.length > 0 ? this.freeEvents.pop()! : this.events.length;
    this.events[handle] = { kind, channel, contact };
    this.heap.push(time, handle);
  }

  private scheduleArrival(channel: number): void {
    const prepared = this.channels[channel]!;
    this.push(prepared.arrivals.next(-Math.log(1 - prepared.arrivalDraws.next())), 'arrival', channel, null);
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
    for (let day = 0; day < this.model.days; day++) for (const t of ordered) this.push(day * SECONDS_PER_DAY + t, 'shift', -1, null);
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
        this.push(opens + contact!.callMoment * (windowEndAfter(this.model.windows, opens) - opens), 'phoneCall', event.channel, contact);
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

  private setStatus(contact: LiveContact, status: ContactStatus, at = this.now): void {
    contact.status = status;
    contact.history.push({ status, at });
  }

  private changeBacklog(channel: PreparedChannel, delta: number): void {
    channel.backlogArea += channel.backlog * (this.now - channel.backlogChangedAt);
    channel.backlogChangedAt = this.now;
    channel.backlog += delta;
    if (channel.backlog > channel.kpis.maxBacklog) channel.kpis.maxBacklog = channel.backlog;
  }

  private arrive(index: number): void {
    const channel = this.channels[index]!;
    const config = channel.config;
    // Every draw of a contact is taken at its arrival, so plans on the same seed see the same contacts.
    const contact: LiveContact = {
      // Numbered per channel, so a change to one channel does not renumber the other's contacts (and their draws).
      id: channel.kpis.offered,
      channel: index,
      opened: this.now,
      handleTime: channel.handleTime(channel.handleDraws),
      assigned: NaN,
      responded: NaN,
      status: 'opened',
      history: [{ status: 'opened', at: this.now }],
      causedCall: false,
      complained: false,
      blended: false,
      escalates: false,
      callMoment: 0,
      open: true,
    };
    const patience = channel.patience === null ? Infinity : channel.patience(channel.patienceDraws);
    contact.escalates = channel.escalationDraws.next() < config.escalation;
    const calls = config.callAfter !== undefined && channel.callDraws.next() < config.callAfter.probability;
    const complains = config.complaintAfter !== undefined && channel.complaintDraws.next() < config.complaintAfter.probability;
    this.contacts.push(contact);
    channel.kpis.offered++;
    channel.waiting.push(contact);
    channel.waitingCount++;
    this.waitingContacts++;
    this.changeBacklog(channel, 1);
    if (patience < Infinity) this.push(this.now + patience, 'patience', index, contact);
    if (config.ageOut !== undefined) this.push(this.now + config.ageOut, 'ageOut', index, contact);
    if (calls) {
      contact.callMoment = channel.callDraws.next();
      this.push(this.now + config.callAfter!.after, 'call', index, contact);
    }
    if (complains) this.push(this.now + config.complaintAfter!.after, 'complaint', index, contact);
    this.scheduleArrival(index);
    this.dispatch();
  }

  private giveUp(contact: LiveContact, status: 'left' | 'agedOut'): void {
    const channel = this.channels[contact.channel]!;
    this.setStatus(contact, status);
    contact.open = false;
    channel.waitingCount--;
    this.waitingContacts--;
    this.changeBacklog(channel, -1);
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
    if (timeOfDay === 0 && this.now > 0) this.noteDayEnd(this.now / SECONDS_PER_DAY - 1);
    this.dispatch();
  }

  private noteDayEnd(day: number): void {
    for (const channel of this.channels) if (day < channel.kpis.backlogByDay.length) channel.kpis.backlogByDay[day] = channel.backlog;
  }

  /** Each channel's free dedicated agents take its waiting contacts. */
  private dispatch(): void {
    for (const index of this.priority) {
      const channel = this.channels[index]!;
      while (channel.waitingCount > 0 && channel.dedicatedBusy < channel.dedicatedCapacity) {
        channel.dedicatedBusy++;
        const contact = this.assign(channel, false);
        this.push(this.now + contact.handleTime, 'end', index, contact);
      }
    }
  }

  /** The next waiting contact of the channel goes to an agent now. */
  private assign(channel: PreparedChannel, blended: boolean): LiveContact {
    const contact = this.nextWaiting(channel);
    channel.waitingCount--;
    this.waitingContacts--;
    contact.blended = blended;
    contact.assigned = this.now;
    this.setStatus(contact, 'assigned');
    if (channel.respondsOnAssignment) this.respond(channel, contact);
    if (blended) channel.kpis.blendedHoursUsed += contact.handleTime / 3600;
    return contact;
  }

  private nextWaiting(channel: PreparedChannel): LiveContact {
    for (;;) {
      const contact = channel.waiting[channel.waitingHead++]!;
      if (contact.status === 'opened') {
        if (channel.waitingHead > 1024 && channel.waitingHead * 2 > channel.waiting.length) {
          channel.waiting.splice(0, channel.waitingHead);
          channel.waitingHead = 0;
        }
        return contact;
      }
    }
  }

  private respond(channel: PreparedChannel, contact: LiveContact): void {
    contact.responded = this.now;
    contact.open = false;
    this.changeBacklog(channel, -1);
    const age = this.now - contact.opened;
    const kpis = channel.kpis;
    kpis.responded++;
    if (age <= channel.config.target) kpis.respondedWithinTarget++;
    kpis.meanResponseTime += age;
    if (age > kpis.maxResponseTime) kpis.maxResponseTime = age;
  }

  private endService(contact: LiveContact): void {
    const channel = this.channels[contact.channel]!;
    if (!contact.blended) channel.dedicatedBusy--;
    if (!channel.respondsOnAssignment) this.respond(channel, contact);
    if (contact.escalates) {
      this.setStatus(contact, 'escalated');
      channel.kpis.escalated++;
      const closeAt = this.now + channel.config.escalationTime;
      if (closeAt <= this.horizon) this.setStatus(contact, 'closed', closeAt);
    } else {
      this.setStatus(contact, 'answered');
      this.setStatus(contact, 'closed');
    }
    this.dispatch();
  }

  /** Closes the books: backlog, rates, dissatisfied customers and their money. */
  private close(blendedHoursOffered: number): ChannelReplication {
    const scenario = this.model.config;
    const channelsConfig = scenario.channels!;
    this.noteDayEnd(this.model.days - 1);
    const money = new Tally();
    const afterCall: AfterCallConfig | undefined = scenario.afterCall;
    const costPerAgentHour = channelsConfig.costPerAgentHour ?? scenario.agents.costPerHour;
    const result: Partial<Record<ChannelName, ChannelKpis>> = {};
    const openYoungAtEnd = new Array<number>(this.channels.length).fill(0);
    for (const contact of this.contacts) {
      const channel = this.channels[contact.channel]!;
      const kpis = channel.kpis;
      const target = channel.config.target;
      const age = (Number.isNaN(contact.responded) ? this.horizon : contact.responded) - contact.opened;
      const unanswered = Number.isNaN(contact.responded);
      if (contact.open && age <= target) openYoungAtEnd[contact.channel]!++;
      const dissatisfied = contact.status === 'left' || contact.status === 'agedOut' || contact.complained || age > target;
      if (dissatisfied) kpis.dissatisfied++;
      // Answered within the target and solved at once: the written-channel equivalent of good service.
      const wellServed = !dissatisfied && !unanswered && !contact.escalates;
      if ((dissatisfied || wellServed) && afterCall !== undefined) {
        const draws = afterCallDraws(scenario.run.seed, this.replication, `${channel.name}#${contact.id}`);
        const fate = fateOf(dissatisfied ? 'dissatisfied' : 'wellServed', afterCall.lifetimeValue, 0, draws, afterCall, contact.complained);
        addFate(money, fate);
        kpis.lostLifetimeValue += fate.lostValue;
      } else if (dissatisfied) {
        money.dissatisfied++;
        if (contact.complained) money.complaints++;
      }
      this.records?.push({
        id: contact.id,
        replication: this.replication,
        channel: channel.name,
        opened: contact.opened,
        assigned: contact.assigned,
        responded: contact.responded,
        status: contact.status,
        history: contact.history.map(({ status, at }) => ({ status, at })),
        responseTime: unanswered ? NaN : age,
        withinTarget: !unanswered && age <= target,
        causedCall: contact.causedCall,
        complained: contact.complained,
        dissatisfied,
        blended: contact.blended,
      });
    }
    this.channels.forEach((channel, index) => {
      const kpis = channel.kpis;
      channel.backlogArea += channel.backlog * (this.horizon - channel.backlogChangedAt);
      kpis.openAtEnd = channel.backlog;
      kpis.meanBacklog = channel.backlogArea / this.horizon;
      const known = kpis.offered - openYoungAtEnd[index]!;
      kpis.withinTargetRate = known > 0 ? kpis.respondedWithinTarget / known : 0;
      kpis.meanResponseTime = kpis.responded > 0 ? kpis.meanResponseTime / kpis.responded : 0;
      kpis.staffCost = staffedHours(channel.staffed, this.model.days) * channel.config.dedicatedAgents * costPerAgentHour;
      money.channelStaffCost += kpis.staffCost;
      result[channel.name] = kpis;
    });
    return {
      replication: this.replication,
      channels: result,
      blendedHoursOffered,
      money,
      ...(this.records ? { records: this.records } : {}),
    };
  }
}

/** End of the opening window that starts at (or contains) time `t`. */
function windowEndAfter(windows: ReadonlyArray<readonly [number, number]>, t: number): number {
  const offset = Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const window = windows.find(([start, end]) => t >= offset + start && t < offset + end);
  return window === undefined ? t : offset + window[1];
}

/** The caller type the calls caused by a channel's unanswered contacts are made by: `callAfter.callerType`, else the first. */
function callerTypeIndex(model: SimulationModel, channel: ChannelName, id: string | undefined): number {
  if (id === undefined) return 0;
  const index = model.callerTypes.findIndex((type) => type.id === id);
  if (index < 0) throw new Error(`channels.${channel}.callAfter.callerType is ${JSON.stringify(id)}, but no caller type has that id`);
  return index;
}

function staffedHours(windows: ReadonlyArray<readonly [number, number]>, days: number): number {
  return (windows.reduce((sum, [start, end]) => sum + (end - start), 0) * days) / 3600;
}
