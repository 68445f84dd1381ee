/**
 * Callbacks waiting to be made: customers who accepted a callback offered in the queue, left a
 * message with the virtual secretary, or a voicemail while the line was closed. Free agents call
 * them back once they fall due and nobody they could answer waits on the line; the callback
 * reaches the customer with the chance its source gave (an attempt that does not reach them
 * still takes the agent's time).
 */
import type { RandomStream } from '../../kernel/rng.ts';
import type { Feature, Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';

/**
 * Callbacks waiting to be made, in request order. Every callback in one list has the same
 * delay, so request order is also the order in which they fall due.
 */
export class CallbackList {
  private readonly callers: Array<LiveCaller | undefined> = [];
  private head = 0;

  push(caller: LiveCaller): void {
    this.callers.push(caller);
  }

  /** Time the next callback falls due, Infinity when none is waiting. */
  nextDue(): number {
    return this.head < this.callers.length ? this.callers[this.head]!.callbackReadyAt : Infinity;
  }

  /** The next callback to make (due or not), left in the list. */
  peek(): LiveCaller | undefined {
    return this.callers[this.head];
  }

  take(): LiveCaller {
    const caller = this.callers[this.head]!;
    this.callers[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.callers.length) {
      this.callers.splice(0, this.head);
      this.head = 0;
    }
    return caller;
  }
}

export class CallbackDesk implements Feature, TimerOwner {
  /** Callbacks accepted in the queue, messages left with the secretary, voicemails left while closed (each list in due order). */
  readonly queueCallbacks = new CallbackList();
  readonly messageCallbacks = new CallbackList();
  readonly voicemailCallbacks = new CallbackList();
  private readonly lists = [this.queueCallbacks, this.messageCallbacks, this.voicemailCallbacks];
  private readonly callBackEvent = { type: 'CALL_BACK' as const, waited: 0, reached: false };

  constructor(
    private readonly host: Host,
    /** Whether a callback reaches the customer. */
    private readonly reachDraws: RandomStream,
  ) {}

  /** Puts a caller who is off the line on a callback list, due `delay` seconds from now. */
  request(caller: LiveCaller, list: CallbackList, delay: number, reach: number, attemptTime: number): void {
    caller.callbackReadyAt = this.host.now + delay;
    caller.callbackReach = reach;
    caller.callbackAttemptTime = attemptTime;
    list.push(caller);
    if (delay > 0) this.host.setTimer(caller, this, 0, delay);
    else this.dispatchCallbacks();
  }

  /** A callback fell due. */
  onTimer(): void {
    this.dispatchCallbacks();
  }

  /** A free agent with nobody waiting: the callback due the longest that the agent may make. */
  giveWork(agent: number): boolean {
    if (this.host.draining) return false;
    const list = this.dueList(agent);
    if (list === null) return false;
    this.callBack(list.take(), agent);
    return true;
  }

  /** Idle agents call back the customers whose callbacks are due, while nobody waits on the line for them. */
  private dispatchCallbacks(): void {
    const host = this.host;
    // Past the horizon no callback is started: the customers still waiting for one stay in the system.
    if (host.draining) return;
    const dispatch = host.dispatch;
    while (dispatch.callbacksMayStart()) {
      const list = this.dueList(-1);
      if (list === null) return;
      const problem = list.peek()!.problemIndex;
      host.idleCount--;
      this.callBack(list.take(), dispatch.takeAgentForCallback(problem));
    }
  }

  /**
   * Among the lists whose next callback is due and about a problem that can be called back, the
   * one due first (so a callback nobody free can make does not hold up the others); null when
   * none. With `agent` ≥ 0 the problem is one that agent may call back about, with -1 one
   * somebody free can. (A mode, not a predicate: a closure per call was allocated on every
   * agent's idle moment.)
   */
  private dueList(agent: number): CallbackList | null {
    const host = this.host;
    const now = host.now;
    const dispatch = host.dispatch;
    const lists = this.lists;
    let best: CallbackList | null = null;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!;
      const due = list.nextDue();
      if (due <= now && (best === null || due < best.nextDue())) {
        const problem = list.peek()!.problemIndex;
        if (agent >= 0 ? dispatch.mayCallBack(agent, problem) : dispatch.idleForCallback(problem)) best = list;
      }
    }
    return best;
  }

  /** `agent` calls the customer back; whoever picks up is served, otherwise the attempt takes `attemptTime`. */
  private callBack(caller: LiveCaller, agent: number): void {
    const host = this.host;
    const event = this.callBackEvent;
    event.waited = host.now - caller.arrival;
    event.reached = this.reachDraws.next() < caller.callbackReach;
    host.step(caller, event);
    caller.viaCallback = true;
    caller.offLine = true;
    host.busyOffLine++;
    host.startService(caller, agent, event.reached ? caller.handleTime : caller.callbackAttemptTime, event.reached);
  }
}
