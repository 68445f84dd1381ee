/**
 * Retrials (`callerTypes[].retrial`): after a busy signal, a hang-up or a dropped line a share
 * of customers call again after a delay, up to `maxAttempts` calls. A retrial due while the
 * line is closed is made when it opens again; one due after the end of the run is never made,
 * and the customer counts as lost.
 */
import type { Outcome } from '../../domain/call.ts';
import { nextOpenTime } from '../../kernel/openHours.ts';
import type { RandomStream } from '../../kernel/rng.ts';
import type { Feature, Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import { callAgain, callAgainAt, recallDraws } from './recall.ts';

export class Retrials implements Feature, TimerOwner {
  private readonly draws: RandomStream;
  private readonly recall: RandomStream;

  constructor(private readonly host: Host) {
    this.draws = host.streams.get('retrial');
    this.recall = recallDraws(host);
  }

  callAgain(caller: LiveCaller, outcome: Outcome): boolean {
    const host = this.host;
    const model = host.model;
    const retrial = model.callerTypes[caller.typeIndex]!.retrial;
    if (retrial === null || caller.attempt + 1 >= retrial.maxAttempts) return false;
    const probability =
      outcome === 'blocked' ? retrial.afterBlocked : outcome === 'abandoned' ? retrial.afterAbandoned : outcome === 'dropped' ? retrial.afterDropped : 0;
    if (!(probability > 0 && this.draws.next() < probability)) return false;
    const at = nextOpenTime(model.windows, model.days, host.now + retrial.delay(this.draws), model.dayFactors);
    return callAgainAt(host, this, caller, at);
  }

  onTimer(caller: LiveCaller): void {
    callAgain(this.host, caller, this.recall);
  }
}
