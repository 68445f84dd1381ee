/**
 * The virtual secretary (scenario `secretary`): an outsourced service that answers calls (all
 * of them, or only those no agent is free for) while it has a seat free, takes a message, and
 * either tells the caller what they needed or leaves a callback for an in-house agent.
 */
import type { RandomStream } from '../../kernel/rng.ts';
import type { Feature, Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { PreparedSecretary } from '../model.ts';
import type { CallbackDesk } from './callbackDesk.ts';

export class Secretary implements Feature, TimerOwner {
  private readonly draws: RandomStream;
  private seatsBusy = 0;
  private readonly takeMessageEvent = { type: 'TAKE_MESSAGE' as const };
  private readonly messageTakenEvent = { type: 'MESSAGE_TAKEN' as const, solved: false };

  constructor(
    private readonly host: Host,
    private readonly secretary: PreparedSecretary,
    private readonly desk: CallbackDesk,
  ) {
    this.draws = host.streams.get('secretary');
  }

  /** Answers the call if a seat is free (and, answering overflow only, no agent is): the caller's `answer` marks the start of the message. */
  takeOffer(caller: LiveCaller): boolean {
    const secretary = this.secretary;
    const host = this.host;
    if (this.seatsBusy >= secretary.seats) return false;
    if (secretary.answers === 'overflow' && host.idleCount > 0 && host.dispatch.idleFor(caller)) return false;
    this.seatsBusy++;
    caller.answer = host.now;
    host.compiled.stepInPlace(caller, this.takeMessageEvent);
    host.book.secretaryCall(caller, secretary.costPerCall);
    host.setTimer(caller, this, 0, secretary.messageTime(this.draws));
    return true;
  }

  /** The secretary hangs up: the caller was told what they needed, or a callback is due. */
  onTimer(caller: LiveCaller): void {
    const secretary = this.secretary;
    this.seatsBusy--;
    const event = this.messageTakenEvent;
    event.solved = this.draws.next() < secretary.solves;
    const step = this.host.compiled.stepInPlace(caller, event);
    if (step.done) {
      this.host.afterStep(caller, step);
      return;
    }
    this.desk.request(caller, this.desk.messageCallbacks, secretary.callbackDelay, secretary.reach, secretary.attemptTime);
  }

  /** The service's hourly fee over the opening hours, per interval and in all. */
  close(): void {
    const hourly = this.secretary.costPerHour ?? 0;
    if (hourly > 0) this.host.book.secretaryHourlyFee(hourly);
  }
}
