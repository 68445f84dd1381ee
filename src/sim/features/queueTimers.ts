/**
 * Timers that run while a caller waits: the maximum wait, after which the phone system drops
 * the line (`queue.maxWait`), and announcements (`queue.announcements`), after which a caller
 * may hang up: the chance grows with the callers announced ahead or the expected wait announced.
 */
import type { AnnouncementsConfig } from '../../scenario/schema/realism.ts';
import type { RandomStream } from '../../kernel/rng.ts';
import type { Feature, Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';

const DROP = 0;
const ANNOUNCE = 1;

export class QueueTimers implements Feature, TimerOwner {
  private readonly draws: RandomStream | null;
  private readonly hangUpEvent = { type: 'HANG_UP' as const, waited: 0 };
  private readonly dropEvent = { type: 'DROP' as const, waited: 0 };

  constructor(
    private readonly host: Host,
    /** Wait after which the line is dropped; Infinity when none. */
    private readonly maxWait: number,
    private readonly announcements: AnnouncementsConfig | null,
  ) {
    this.draws = announcements !== null ? host.streams.get('announcement') : null;
  }

  joiningQueue(caller: LiveCaller): void {
    if (this.maxWait < Infinity) this.host.setTimer(caller, this, DROP, this.maxWait);
    if (this.announcements !== null) this.host.setTimer(caller, this, ANNOUNCE, this.announcements.first);
  }

  /** Timers of a caller no longer waiting do nothing. */
  onTimer(caller: LiveCaller, tag: number): void {
    if (caller.queueSlot === -1) return;
    if (tag === DROP) {
      this.dropEvent.waited = this.host.now - caller.arrival;
      this.host.leaveQueue(caller, this.dropEvent);
    } else this.announce(caller);
  }

  /** Plays the announcement to a waiting caller, who may hang up right after it. */
  private announce(caller: LiveCaller): void {
    const host = this.host;
    const announcements = this.announcements!;
    let probability = announcements.hangUp;
    if (announcements.says === 'position') {
      probability += announcements.hangUpPerCallerAhead * host.dispatch.queue.ahead(caller);
    } else if (announcements.says === 'expected-wait') {
      probability += (announcements.hangUpPerMinuteOfExpectedWait * this.expectedWait(caller)) / 60;
    }
    if (this.draws!.next() < probability) {
      host.book.count('abandonedAfterAnnouncement', caller);
      this.hangUpEvent.waited = host.now - caller.arrival;
      host.leaveQueue(caller, this.hangUpEvent);
      return;
    }
    if (announcements.every > 0) host.setTimer(caller, this, ANNOUNCE, announcements.every);
  }

  /**
   * The wait a phone system would announce: the caller's place in line times the average
   * handle time so far, spread over the agents who would answer the caller.
   */
  private expectedWait(caller: LiveCaller): number {
    const host = this.host;
    const averageHandleTime = host.servicesEnded > 0 ? host.serviceSeconds / host.servicesEnded : 0;
    return ((host.dispatch.queue.ahead(caller) + 1) * averageHandleTime) / Math.max(host.dispatch.servingFor(caller), 1);
  }
}
