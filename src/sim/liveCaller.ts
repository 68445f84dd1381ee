import type { CallerContext } from '../callers/caller.ts';
import type { MachineInstance } from '../callers/compile.ts';
import type { ChannelName } from '../scenario/schema/channels.ts';
import type { Timed } from '../kernel/timers.ts';
import type { Waiting } from './queue.ts';

/**
 * The replication's view of a live call, from arrival to its end. The objects are recycled
 * (see `Replication.spareCallers`): `start` sets every field of a new call but the machine's,
 * which the compiled machine's `initialInPlace` sets. Feature modules read and write the
 * fields documented as theirs; the replication names none of them.
 */
export class LiveCaller implements Waiting, MachineInstance<CallerContext>, Timed {
  id = 0;
  arrival = 0;
  handleTime = 0;
  saleDraw = 0;
  resolutionDraw = 0;
  hadIntent = false;
  /** The caller machine's leaf state and context, updated in place by each step. */
  state = 0;
  context!: CallerContext;
  queueSlot = -1;
  queuedIn: unknown = null;
  answer = NaN;
  agent = -1;
  /** Reporting interval of the day of the arrival (set for callers counted in the statistics). */
  bucket = -1;
  /**
   * Heap slot of the first pending timer (a machine delay such as patience, or a feature's
   * timer), -1 if none, so leaving a state can cancel it. `moreTimers` holds any further ones,
   * in the order they were set.
   */
  timer = -1;
  moreTimers: number[] | null = null;
  /** The customer making this call: the same through a customer's retrials. */
  customer = 0;
  /** 0 for a customer's first call, 1 for the first retrial… */
  attempt = 0;
  firstArrival = 0;
  typeIndex = 0;
  /** The problem type's index: its queue under skill-based routing. */
  problemIndex = 0;
  /** Answered by an agent group that has the problem among its overflow skills. */
  viaOverflow = false;
  /** Purchase probability at the customer's first call, before any wait. */
  basePurchaseProbability = 0;
  /** Being served on a callback (does not hold an inbound phone line). */
  viaCallback = false;
  /** The agent's work on this call holds no inbound phone line (a callback). */
  offLine = false;
  /** Earliest time of the callback this caller accepted. */
  callbackReadyAt = 0;
  /** Chance the callback reaches the caller, and the agent time of an attempt that does not. */
  callbackReach = 0;
  callbackAttemptTime = 0;
  /** The channel whose unanswered contact made this customer phone, or null. */
  causedBy: ChannelName | null = null;

  start(id: number, arrival: number, handleTime: number, saleDraw: number, resolutionDraw: number, hadIntent: boolean): void {
    this.id = id;
    this.arrival = arrival;
    this.handleTime = handleTime;
    this.saleDraw = saleDraw;
    this.resolutionDraw = resolutionDraw;
    this.hadIntent = hadIntent;
    this.queueSlot = -1;
    this.answer = NaN;
    this.agent = -1;
    this.bucket = -1;
    this.timer = -1;
    this.moreTimers = null;
    this.viaOverflow = false;
    this.offLine = false;
    this.causedBy = null;
  }
}
