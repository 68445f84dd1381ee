/**
 * One written channel in one replication: its arrivals and draws, its queue of waiting
 * contacts, its dedicated agents and its backlog of unanswered contacts.
 */
import type { Sampler } from '../dists/sample.ts';
import { samplerFor } from '../dists/sample.ts';
import type { ChannelConfig, ChannelName } from '../scenario/schema/channels.ts';
import { ArrivalProcess, type RateSegment } from '../kernel/arrivals.ts';
import type { SimulationModel } from '../sim/model.ts';
import type { RandomStream, RandomStreams } from '../kernel/rng.ts';
import { windowsOf, type DailyWindows } from './hours.ts';
import { emptyKpis, type ChannelKpis } from './kpis.ts';
import type { LiveContact } from './liveContact.ts';

/** A phone call an unanswered contact causes now: its channel and the caller type (index in the model) that calls. */
export interface CausedCall {
  readonly channel: ChannelName;
  readonly callerType: number;
}

export interface ChannelState {
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
  readonly staffed: DailyWindows;
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

/**
 * The channel `name` before its first contact. Chat keeps the phone's opening hours unless it
 * has its own, tickets come in around the clock; dedicated agents work `staffedHours`.
 */
export function prepareChannel(name: ChannelName, channel: ChannelConfig, model: SimulationModel, streams: RandomStreams): ChannelState {
  const scenario = model.config;
  const hours = windowsOf(channel.hours ?? (name === 'chat' ? scenario.openingHours : ['00:00-24:00']));
  const segments: RateSegment[] = hours.map(([start, end]) => ({ start, end, ratePerSecond: channel.perHour / 3600 }));
  return {
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
  };
}

/** The caller type the calls caused by a channel's unanswered contacts are made by: `callAfter.callerType`, else the first. */
function callerTypeIndex(model: SimulationModel, channel: ChannelName, id: string | undefined): number {
  if (id === undefined) return 0;
  const index = model.callerTypes.findIndex((type) => type.id === id);
  if (index < 0) throw new Error(`channels.${channel}.callAfter.callerType is ${JSON.stringify(id)}, but no caller type has that id`);
  return index;
}

/** Adds `delta` unanswered contacts to the backlog at time `now`, keeping its time integral and maximum. */
export function changeBacklog(channel: ChannelState, delta: number, now: number): void {
  channel.backlogArea += channel.backlog * (now - channel.backlogChangedAt);
  channel.backlogChangedAt = now;
  channel.backlog += delta;
  if (channel.backlog > channel.kpis.maxBacklog) channel.kpis.maxBacklog = channel.backlog;
}

/** A new contact joins the end of the queue and the backlog. */
export function enqueue(channel: ChannelState, contact: LiveContact, now: number): void {
  channel.waiting.push(contact);
  channel.waitingCount++;
  changeBacklog(channel, 1, now);
}

/**
 * Takes the oldest contact still waiting off the queue (call only while waitingCount is above 0).
 * Contacts that left or aged out stay in the queue until they reach its head, and are skipped.
 */
export function nextWaiting(channel: ChannelState): LiveContact {
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

/** The customer gets a response now: the contact leaves the backlog and its age counts in the response figures. */
export function respond(channel: ChannelState, contact: LiveContact, now: number): void {
  contact.responded = now;
  contact.open = false;
  changeBacklog(channel, -1, now);
  const age = now - contact.opened;
  const kpis = channel.kpis;
  kpis.responded++;
  if (age <= channel.config.target) kpis.respondedWithinTarget++;
  kpis.meanResponseTime += age;
  if (age > kpis.maxResponseTime) kpis.maxResponseTime = age;
}

/** Notes each channel's backlog as the one `day` (from 0) ended with. */
export function noteDayEnd(channels: readonly ChannelState[], day: number): void {
  for (const channel of channels) if (day < channel.kpis.backlogByDay.length) channel.kpis.backlogByDay[day] = channel.backlog;
}
