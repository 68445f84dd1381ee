/**
 * Chat and tickets (scenario `channels`, simulated in channels/) stepped in the replication's
 * event loop on a clock of their own, and blended agents: the first `blended.agents` agents take
 * a waiting contact instead of going idle, while no caller waits and more than `keepFree`
 * agents are idle (a contact is never interrupted). A contact left unanswered too long makes the
 * customer phone: a new caller in the phone queue, all of whose draws come from the
 * `contactCalls` stream, so other callers' draws do not shift.
 */
import { blendedAgentsOf, ChannelSimulation, type CausedCall } from '../../channels/simulate.ts';
import { nextOpenTime } from '../../kernel/openHours.ts';
import type { RandomStream } from '../../kernel/rng.ts';
import { takeIdleBelow } from '../agentPool.ts';
import type { Closing, Feature, Host } from '../feature.ts';
import type { SimulationOptions } from '../results.ts';

export class Blending implements Feature {
  private readonly channels: ChannelSimulation;
  private readonly blendedAgents: number;
  private readonly keepFree: number;
  private readonly contactCallDraws: RandomStream;
  /** A blended agent ends a contact (argument: the agent). */
  private readonly contactEnd: number;

  constructor(
    private readonly host: Host,
    options: SimulationOptions,
  ) {
    const model = host.model;
    this.channels = new ChannelSimulation(model, host.replication, options.collectContacts ?? false);
    this.blendedAgents = blendedAgentsOf(model);
    this.keepFree = model.config.channels?.blended.keepFree ?? 0;
    this.contactCallDraws = host.streams.get('contactCalls');
    this.contactEnd = host.eventKind((agent) => this.endContact(agent));
    const channels = this.channels;
    host.addClock({ nextTime: () => channels.nextTime(), fire: () => this.channelEvent() });
  }

  /** A channel event: a call it causes comes in as a new customer, then idle blended agents take waiting contacts. */
  private channelEvent(): void {
    const caused = this.channels.step();
    if (caused !== null) this.contactCall(caused);
    this.agentIdle();
  }

  private contactCall(caused: CausedCall): void {
    const caller = this.host.newCustomer(caused.callerType, this.contactCallDraws);
    caller.causedBy = caused.channel;
    this.host.offer(caller);
  }

  /** A contact may be taken now: one waits, and the line is open (blended agents work in opening hours). */
  private contactWaiting(): boolean {
    const host = this.host;
    const model = host.model;
    return this.channels.waiting() > 0 && nextOpenTime(model.windows, model.days, host.now, model.dayFactors) === host.now;
  }

  /** A free blended agent takes a waiting contact while at least `keepFree` other agents stay idle. */
  giveWork(agent: number): boolean {
    if (this.host.draining) return false;
    if (!(agent < this.blendedAgents && this.host.idleCount >= this.keepFree && this.contactWaiting())) return false;
    this.startContact(agent);
    return true;
  }

  /** Idle blended agents take waiting contacts while no caller waits and more than `keepFree` agents are idle. */
  agentIdle(): void {
    const host = this.host;
    if (host.draining) return;
    while (this.blendedAgents > 0 && host.dispatch.queue.size === 0 && host.idleCount > this.keepFree && this.contactWaiting()) {
      const agent = takeIdleBelow(host.dispatch.pools, this.blendedAgents);
      if (agent < 0) return;
      host.idleCount--;
      this.startContact(agent);
    }
  }

  /** The agent takes the next waiting contact; its end is on the heap. */
  private startContact(agent: number): void {
    const host = this.host;
    const time = this.channels.takeContact(host.now, agent);
    host.busyOffLine++;
    host.busySince[agent] = host.now;
    host.schedule(this.contactEnd, host.now + time, agent);
  }

  /** A blended agent finished a contact: its time counts as busy (occupancy), then the next job. */
  private endContact(agent: number): void {
    const host = this.host;
    // Chat and tickets stop at the horizon: a contact still in progress then stays unfinished (its agent busy).
    if (host.draining) return;
    const since = host.busySince[agent]!;
    host.book.busy(since, host.now);
    host.busySince[agent] = -1;
    host.busyOffLine--;
    this.channels.finishContact(host.now, agent);
    host.agentDone(agent, since);
  }

  /** The channels' own results (blended agents' paid hours are the phone's, shared by head count), their money into the book. */
  close(closing: Closing): void {
    const host = this.host;
    const agents = host.model.agents;
    const channels = this.channels.result((host.book.total.staffedSeconds * (this.blendedAgents / Math.max(agents, 1))) / 3600);
    closing.channels = channels;
    // The contacts' money (fates, dedicated staff) counts in the whole run, not per interval.
    host.book.addTallies(channels.money);
  }
}
