/**
 * Chat and e-mail/tickets: a discrete-event simulation of the written channels of one
 * replication, on the same event heap and named random streams as the phone engine.
 *
 * Agents: each channel's dedicated agents work its staffedHours; blended agents are phone
 * agents answering chats and tickets when no call waits. The phone engine is not shared
 * with this module, so blending is modelled from the phone replication's own idle time: in
 * every reporting interval of every day, the blended agents available are
 * `blended.phoneIdleShare` × the phone agents' mean idle agents in that interval of the day
 * (idle agent-seconds / (days × interval length)), rounded up or down at random in
 * proportion to the fraction (stream `blended`), so the blended agent-hours offered equal,
 * on average, that share of the phone's idle hours. The phone keeps its full capacity:
 * chat and tickets never delay a call, and the calls they cause are counted and priced but
 * not added to the phone queue.
 */
import type { Sampler } from '../dists/sample.ts';
import { samplerFor } from '../dists/sample.ts';
import type { AfterCallConfig } from '../scenario/schema/afterCall.ts';
import type { ChannelConfig, ChannelName } from '../scenario/schema/channels.ts';
import { averageCallCost, callPricesOf } from '../money/costs.ts';
import { addFate } from '../money/ledger.ts';
import { afterCallDraws, fateOf } from '../money/afterCall.ts';
import { Tally } from '../metrics/tally.ts';
import { ArrivalProcess, parseOpeningWindow, SECONDS_PER_DAY, type RateSegment } from '../sim/calendar.ts';
import type { ReplicationResult } from '../sim/engine.ts';
import { EventHeap } from '../sim/eventHeap.ts';
import type { SimulationModel } from '../sim/model.ts';
import { RandomStreams, type RandomStream } from '../sim/rng.ts';
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
  /** Calls made because a contact stayed unanswered. */
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
  /** Blended agent hours made available from the phone's idle time. */
  readonly blendedHoursOffered: number;
  /** Money and customers for the whole run's tally: dissatisfied, lost lifetime value, calls caused, staff. */
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

type EventKind = 'arrival' | 'end' | 'patience' | 'ageOut' | 'call' | 'complaint' | 'shift';
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

/** Simulates the chat and ticket channels of one replication, given that replication's phone result. */
export function simulateChannels(
  model: SimulationModel,
  phone: ReplicationResult,
  options: { readonly collectRecords?: boolean } = {},
): ChannelReplication | undefined {
  const config = model.config.channels;
  if (config === undefined || (config.chat === undefined && config.tickets === undefined)) return undefined;
  return new ChannelRun(model, phone, options.collectRecords ?? false).run();
}

class ChannelRun {
  private readonly heap = new EventHeap(256);
  private readonly events: PendingEvent[] = [];
  private readonly freeEvents: number[] = [];
  private readonly channels: PreparedChannel[] = [];
  /** Channel indices in the order blended agents take them. */
  private readonly priority: number[];
  private readonly blendedDraws: RandomStream;
  private readonly horizon: number;
  private readonly records: ContactRecord[] | undefined;
  private readonly contacts: LiveContact[] = [];
  private now = 0;
  private blendedCapacity = 0;
  private blendedBusy = 0;
  private blendedHoursOffered = 0;
  private blendedChangedAt = 0;

  constructor(
    private readonly model: SimulationModel,
    private readonly phone: ReplicationResult,
    collectRecords: boolean,
  ) {
    const scenario = model.config;
    const channels = scenario.channels!;
    const streams = new RandomStreams(scenario.run.seed, phone.replication);
    this.blendedDraws = streams.get('blended');
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
  }

  run(): ChannelReplication {
    this.channels.forEach((_channel, index) => this.scheduleArrival(index));
    this.scheduleShifts();
    while (this.heap.size > 0 && this.heap.peekTime() <= this.horizon) {
      this.now = this.heap.peekTime();
      const handle = this.heap.pop();
      const event = this.events[handle]!;
      this.freeEvents.push(handle);
      this.handle(event);
    }
    this.now = this.horizon;
    return this.close();
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

  /** A capacity change at every reporting-interval start and every staffed-window edge of every day. */
  private scheduleShifts(): void {
    const times = new Set<number>();
    for (let t = 0; t < SECONDS_PER_DAY; t += this.model.intervalSeconds) times.add(t);
    for (const channel of this.channels) for (const [start, end] of channel.staffed) times.add(start).add(end % SECONDS_PER_DAY);
    const ordered = [...times].sort((a, b) => a - b);
    for (let day = 0; day < this.model.days; day++) for (const t of ordered) this.push(day * SECONDS_PER_DAY + t, 'shift', -1, null);
  }

  private handle(event: PendingEvent): void {
    const contact = event.contact;
    switch (event.kind) {
      case 'arrival':
        this.arrive(event.channel);
        return;
      case 'shift':
        this.shift();
        return;
      case 'end':
        this.endService(contact!);
        return;
      case 'patience':
        if (contact!.status === 'opened') this.giveUp(contact!, 'left');
        return;
      case 'ageOut':
        if (contact!.status === 'opened') this.giveUp(contact!, 'agedOut');
        return;
      case 'call':
        if (contact!.open) {
          contact!.causedCall = true;
          this.channels[contact!.channel]!.kpis.callsCaused++;
        }
        return;
      case 'complaint':
        if (contact!.open) {
          contact!.complained = true;
          this.channels[contact!.channel]!.kpis.complaints++;
        }
        return;
    }
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
    this.changeBacklog(channel, 1);
    if (patience < Infinity) this.push(this.now + patience, 'patience', index, contact);
    if (config.ageOut !== undefined) this.push(this.now + config.ageOut, 'ageOut', index, contact);
    if (calls) this.push(this.now + config.callAfter!.after, 'call', index, contact);
    if (complains) this.push(this.now + config.complaintAfter!.after, 'complaint', index, contact);
    this.scheduleArrival(index);
    this.dispatch();
  }

  private giveUp(contact: LiveContact, status: 'left' | 'agedOut'): void {
    const channel = this.channels[contact.channel]!;
    this.setStatus(contact, status);
    contact.open = false;
    channel.waitingCount--;
    this.changeBacklog(channel, -1);
    if (status === 'left') channel.kpis.left++;
    else channel.kpis.agedOut++;
  }

  private noteBlended(): void {
    this.blendedHoursOffered += (this.blendedCapacity * (this.now - this.blendedChangedAt)) / 3600;
    this.blendedChangedAt = this.now;
  }

  /** Sets each pool's agents for the stretch of the day that starts now. */
  private shift(): void {
    const model = this.model;
    const timeOfDay = this.now - Math.floor(this.now / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    for (const channel of this.channels) {
      channel.dedicatedCapacity = inWindows(timeOfDay, channel.staffed) ? channel.config.dedicatedAgents : 0;
    }
    if (timeOfDay % model.intervalSeconds === 0) {
      // Midnight: the backlog each day ends with.
      if (timeOfDay === 0 && this.now > 0) this.noteDayEnd(this.now / SECONDS_PER_DAY - 1);
      const bucket = Math.floor(timeOfDay / model.intervalSeconds);
      const tally = this.phone.intervalTallies[bucket]!;
      const idleAgents = (tally.staffedSeconds - tally.busySeconds) / (model.days * model.intervalSeconds);
      const share = model.config.channels!.blended.phoneIdleShare;
      const mean = Math.max(0, share * idleAgents);
      const whole = Math.floor(mean);
      this.noteBlended();
      this.blendedCapacity = whole + (this.blendedDraws.next() < mean - whole ? 1 : 0);
    }
    this.dispatch();
  }

  private noteDayEnd(day: number): void {
    for (const channel of this.channels) if (day < channel.kpis.backlogByDay.length) channel.kpis.backlogByDay[day] = channel.backlog;
  }

  /** Free agents take waiting contacts: each channel's own agents first, then blended agents, in priority order. */
  private dispatch(): void {
    for (const index of this.priority) {
      const channel = this.channels[index]!;
      while (channel.waitingCount > 0) {
        let blended: boolean;
        if (channel.dedicatedBusy < channel.dedicatedCapacity) blended = false;
        else if (this.blendedBusy < this.blendedCapacity) blended = true;
        else break;
        const contact = this.nextWaiting(channel);
        channel.waitingCount--;
        if (blended) this.blendedBusy++;
        else channel.dedicatedBusy++;
        contact.blended = blended;
        contact.assigned = this.now;
        this.setStatus(contact, 'assigned');
        if (channel.respondsOnAssignment) this.respond(channel, contact);
        if (blended) channel.kpis.blendedHoursUsed += contact.handleTime / 3600;
        this.push(this.now + contact.handleTime, 'end', index, contact);
      }
    }
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
    if (contact.blended) this.blendedBusy--;
    else channel.dedicatedBusy--;
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
  private close(): ChannelReplication {
    const scenario = this.model.config;
    const channelsConfig = scenario.channels!;
    this.noteBlended();
    this.noteDayEnd(this.model.days - 1);
    const money = new Tally();
    const afterCall: AfterCallConfig | undefined = scenario.afterCall;
    const costPerAgentHour = channelsConfig.costPerAgentHour ?? scenario.agents.costPerHour;
    const phoneKpis = this.phone.kpis;
    const costPerCausedCall = averageCallCost(phoneKpis.aht, phoneKpis.asa, callPricesOf(scenario));
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
        const draws = afterCallDraws(scenario.run.seed, this.phone.replication, `${channel.name}#${contact.id}`);
        const fate = fateOf(dissatisfied ? 'dissatisfied' : 'wellServed', afterCall.lifetimeValue, 0, draws, afterCall, contact.complained);
        addFate(money, fate);
        kpis.lostLifetimeValue += fate.lostValue;
      } else if (dissatisfied) {
        money.dissatisfied++;
        if (contact.complained) money.complaints++;
      }
      this.records?.push({
        id: contact.id,
        replication: this.phone.replication,
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
      money.retryCalls += kpis.callsCaused;
      money.retryCost += kpis.callsCaused * costPerCausedCall;
      money.channelStaffCost += kpis.staffCost;
      result[channel.name] = kpis;
    });
    return {
      replication: this.phone.replication,
      channels: result,
      blendedHoursOffered: this.blendedHoursOffered,
      money,
      ...(this.records ? { records: this.records } : {}),
    };
  }
}

function staffedHours(windows: ReadonlyArray<readonly [number, number]>, days: number): number {
  return (windows.reduce((sum, [start, end]) => sum + (end - start), 0) * days) / 3600;
}
