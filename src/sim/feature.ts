/**
 * The one interface every feature of the simulator implements (queue timers and announcements,
 * offered callbacks, the virtual secretary, calls while closed, retrials, chat and tickets,
 * scripted service, shifts). A feature is a module that is built only when the scenario uses it
 * (`features/index.ts`), so an unused feature costs nothing; the replication calls the hooks a
 * feature has, in the order the features were built, and names no feature itself.
 *
 * Hooks come in three kinds:
 * - what a feature schedules: its own events on the heap (`Replication.eventKind`), timers set
 *   for a caller (`Replication.setTimer`, fired back to {@link TimerOwner.onTimer}), or a clock
 *   of its own (`Replication.addClock`);
 * - what it does at the moments of a call's life (the `take…`, `joined…`, `give…`, `retry…`
 *   and `serve…` hooks below);
 * - what it adds to the books: counters through the replication's `book`, and {@link close}.
 */
import type { CallerContext, CallerEvent, CallerInput } from '../callers/caller.ts';
import type { ChannelReplication } from '../channels/simulate.ts';
import type { CompiledMachine, StepRecord } from '../callers/compile.ts';
import type { Outcome } from '../domain/call.ts';
import type { RandomStream, RandomStreams } from '../kernel/rng.ts';
import type { Book } from './book.ts';
import type { MutableCallerInput } from './callers.ts';
import type { Dispatch } from './dispatch/dispatch.ts';
import type { LiveCaller } from './liveCaller.ts';
import type { SimulationModel } from './model.ts';

export interface Feature {
  /** Called once, after the first arrival is on the heap: put the feature's first events on it. */
  start?(): void;
  /**
   * A call reached the line (counted as offered, its machine at the offer): true when the feature
   * took the call instead of the queue and the agents (the virtual secretary answers it).
   */
  takeOffer?(caller: LiveCaller): boolean;
  /** A caller is about to join the queue: true when the feature took them off the line instead (a callback accepted). */
  takeQueued?(caller: LiveCaller): boolean;
  /** A caller is joining the queue (called before the dispatch queues them): timers that run while they wait. */
  joiningQueue?(caller: LiveCaller): void;
  /** A free agent for whom no caller waits: true when the feature gave the agent work (a callback, a chat). */
  giveWork?(agent: number): boolean;
  /** An agent went idle (after `giveWork` found nothing for it). */
  agentIdle?(): void;
  /**
   * A call ended with `outcome` (its timers are cancelled): true when the same customer will
   * call again, for which the feature has set a timer on the caller. The first feature that
   * answers true decides.
   */
  callAgain?(caller: LiveCaller, outcome: Outcome): boolean;
  /** An agent answers `caller`: the service time when the feature serves the call (a call script), else undefined. */
  serveCall?(caller: LiveCaller, agent: number): number | undefined;
  /** The service the feature timed ends: the machine's final step, else undefined (the replication sends SERVICE_END). */
  endCall?(agent: number, caller: LiveCaller): StepRecord | undefined;
  /** The run is over: add what the feature counted to the books (`closing` holds the figures being built). */
  close?(closing: Closing): void;
}

/** Something that set timers for callers and is told when one fires. */
export interface TimerOwner {
  /** The timer `tag` set for `caller` fired (timers of a call that ended are dropped, never fired). */
  onTimer(caller: LiveCaller, tag: number): void;
}

/** A source of events with its own clock (chat and tickets), stepped in the replication's event loop. */
export interface Clock {
  /** Time of its next event; Infinity when it has none. */
  nextTime(): number;
  /** Handles that event (the replication has set its clock to it). */
  fire(): void;
}

/** What a feature may add to the replication's result when the run is over. */
export interface Closing {
  /** Chat and tickets' own results. */
  channels?: ChannelReplication;
}

/**
 * What a feature (and a dispatch strategy) may use of the replication it is part of: the clock,
 * the book, the agents' counts, and the steps of a call's life.
 */
export interface Host {
  readonly model: SimulationModel;
  readonly replication: number;
  /** The simulation clock (seconds from the start of the run). */
  readonly now: number;
  /**
   * Past the horizon: no new calls; the calls in progress (waiting or in service) go on until
   * they end. Features start nothing new then (callbacks, contacts, further announcements).
   */
  readonly draining: boolean;
  readonly book: Book;
  readonly dispatch: Dispatch;
  readonly streams: RandomStreams;
  readonly compiled: CompiledMachine<CallerContext, CallerEvent, CallerInput>;
  /** The caller machine's input for the next call to start, refilled per call. */
  readonly input: MutableCallerInput;
  /** Over all pools: idle agents; agents on the phone (idle or busy, not counting `leaving`); busy agents due off once their work ends. */
  idleCount: number;
  onDuty: number;
  leaving: number;
  /** Agents busy on work that holds no inbound line (callbacks, chat and tickets). */
  busyOffLine: number;
  /** When each agent began the work it is on (a call, a contact), -1 when free: work still in progress at the end counts as busy. */
  readonly busySince: Float64Array;
  /** Service time ended so far and how many services ended (for the expected wait an announcement gives). */
  readonly serviceSeconds: number;
  readonly servicesEnded: number;
  /** A kind of heap event handled by `handler(arg)`; call while the replication is built. */
  eventKind(handler: (arg: number) => void): number;
  /** Puts an event of `kind` (from {@link eventKind}) with `arg` (a small non-negative integer) on the heap at `time`. */
  schedule(kind: number, time: number, arg: number): void;
  /** Sets a timer for `caller`, `delay` seconds from now; `owner.onTimer(caller, tag)` when it fires, unless the call ended. */
  setTimer(caller: LiveCaller, owner: TimerOwner, tag: number, delay: number): void;
  /** Steps another source of events with its own clock in the event loop (ties: the heap's event first). */
  addClock(clock: Clock): void;
  /** Steps the caller's machine with `event` and sets or cancels the timers the step asks for. */
  step(caller: LiveCaller, event: CallerEvent | { type: string }): StepRecord;
  /** Takes in what the caller machine did: the end of the call, joining the queue, an agent. */
  afterStep(caller: LiveCaller, step: StepRecord): void;
  /** A call's number in the replication (arrival order). */
  nextCallId(): number;
  /** A new customer's first call, drawn from the usual streams, or (with `draws`) all from `draws`, of caller type `fixedType` (≥ 0). */
  newCustomer(fixedType?: number, draws?: RandomStream | null): LiveCaller;
  /** A call (first or retrial) reaches the switchboard. */
  offer(caller: LiveCaller): void;
  /** The idle agent who answers `caller`, taken off the idle agents. */
  takeIdleAgent(caller: LiveCaller): number;
  /** `agent` starts serving `caller` for `duration` (a conversation: scripted service applies). */
  startService(caller: LiveCaller, agent: number, duration?: number, conversation?: boolean): void;
  /** `agent` answers a caller taken out of the queue; false when the caller's machine did not go into service. */
  answer(caller: LiveCaller, agent: number): boolean;
  /** A waiting caller leaves the queue on `event`. */
  leaveQueue(caller: LiveCaller, event: CallerEvent): void;
  /** The agent takes the next waiting caller, else other work, or goes idle. */
  nextJob(agent: number): void;
  /** An agent ended work begun at `since`: off the phone if due off, else the next job. */
  agentDone(agent: number, since: number): void;
  /** The agent becomes idle. */
  release(agent: number): void;
}
