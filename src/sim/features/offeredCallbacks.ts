/**
 * A callback offered to a caller about to join the queue (`queue.callback`): offered when at
 * least `offerWhenAhead` callers wait for the same agents, accepted with probability
 * `acceptance`; a caller who accepts leaves the line and waits on the callback desk instead.
 */
import type { RandomStream } from '../../kernel/rng.ts';
import type { CallbackConfig } from '../../scenario/schema/realism.ts';
import type { Feature, Host } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { CallbackDesk } from './callbackDesk.ts';

export class OfferedCallbacks implements Feature {
  private readonly draws: RandomStream;
  private readonly acceptEvent = { type: 'ACCEPT_CALLBACK' as const, waited: 0 };

  constructor(
    private readonly host: Host,
    private readonly callback: CallbackConfig,
    private readonly desk: CallbackDesk,
  ) {
    this.draws = host.streams.get('callback');
  }

  takeQueued(caller: LiveCaller): boolean {
    const callback = this.callback;
    const host = this.host;
    if (host.dispatch.waitingFor(caller) < callback.offerWhenAhead) return false;
    if (!(this.draws.next() < callback.acceptance)) return false;
    this.acceptEvent.waited = 0;
    host.step(caller, this.acceptEvent);
    host.book.count('callbacksRequested', caller);
    this.desk.request(caller, this.desk.queueCallbacks, callback.delay, callback.reach, callback.attemptTime);
    return true;
  }
}
