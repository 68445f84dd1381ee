/**
 * Calls while the line is closed (scenario `afterHours`): nights, breaks of the opening hours
 * and whole closed days. Each is counted as offered and hears the closed message; the caller
 * leaves a voicemail (called back once the line opens), or calls again after it opens, or is lost.
 */
import type { Outcome } from '../../domain/call.ts';
import { ArrivalProcess } from '../../kernel/arrivals.ts';
import { nextOpenTime } from '../../kernel/openHours.ts';
import type { RandomStream } from '../../kernel/rng.ts';
import type { Feature, Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { PreparedAfterHours } from '../model.ts';
import type { CallbackDesk } from './callbackDesk.ts';
import { callAgain, callAgainAt, recallDraws } from './recall.ts';

export class AfterHours implements Feature, TimerOwner {
  private readonly arrivals: ArrivalProcess;
  /** The calls' arrival times, with their own stream (their callers draw from the usual ones). */
  private readonly arrivalDraws: RandomStream;
  /** The callers' choices (voicemail, calling again and when). */
  private readonly choices: RandomStream;
  private readonly recall: RandomStream;
  private readonly kind: number;
  private readonly takeMessageEvent = { type: 'TAKE_MESSAGE' as const };
  private readonly messageTakenEvent = { type: 'MESSAGE_TAKEN' as const, solved: false };
  private readonly closedEvent = { type: 'CLOSED' as const };

  constructor(
    private readonly host: Host,
    private readonly afterHours: PreparedAfterHours,
    private readonly desk: CallbackDesk,
  ) {
    const model = host.model;
    this.arrivals = new ArrivalProcess(afterHours.segments, model.days, model.dayFactors, null, afterHours.closedDaySegments);
    this.arrivalDraws = host.streams.get('afterHours');
    this.choices = host.streams.get('afterHoursChoice');
    this.recall = recallDraws(host);
    this.kind = host.eventKind(() => this.call());
  }

  start(): void {
    this.next();
  }

  private next(): void {
    const time = this.arrivals.next(-Math.log(1 - this.arrivalDraws.next()));
    if (time <= this.host.model.horizon) this.host.schedule(this.kind, time, 0);
  }

  /** A call while the line is closed. */
  private call(): void {
    const host = this.host;
    const model = host.model;
    const afterHours = this.afterHours;
    const caller = host.newCustomer();
    host.book.offered(caller, host.now);
    host.compiled.initialInPlace(caller, host.input);
    if (this.choices.next() < afterHours.voicemail) {
      host.book.voicemail(caller);
      host.compiled.stepInPlace(caller, this.takeMessageEvent);
      this.messageTakenEvent.solved = false;
      host.compiled.stepInPlace(caller, this.messageTakenEvent);
      const opens = nextOpenTime(model.windows, model.days, host.now, model.dayFactors);
      // Never called back within the run: the voicemail stays unanswered (the caller is still in the system).
      if (opens < model.horizon) this.desk.request(caller, this.desk.voicemailCallbacks, opens - host.now, afterHours.reach, afterHours.attemptTime);
    } else {
      host.afterStep(caller, host.compiled.stepInPlace(caller, this.closedEvent));
    }
    this.next();
  }

  /** A caller who heard the closed message calls again once the line is open, or not. */
  callAgain(caller: LiveCaller, outcome: Outcome): boolean {
    if (outcome !== 'closed') return false;
    const host = this.host;
    const model = host.model;
    if (!(this.choices.next() < this.afterHours.callAgain)) return false;
    const opens = nextOpenTime(model.windows, model.days, host.now, model.dayFactors);
    const at = nextOpenTime(model.windows, model.days, opens + this.afterHours.delay(this.choices), model.dayFactors);
    return callAgainAt(host, this, caller, at);
  }

  onTimer(caller: LiveCaller): void {
    callAgain(this.host, caller, this.recall);
  }
}
