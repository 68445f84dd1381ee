/**
 * One replication: the discrete-event loop over a binary heap with a virtual clock, and the
 * life of one call (arrival, offer, queue, answer, service, end). It names no feature: queue
 * timers, callbacks, the virtual secretary, calls while closed, retrials, chat and tickets,
 * scripted service and shifts are modules behind the {@link Feature} interface, built only when
 * the scenario uses them (`features/index.ts`); which agent answers whom is the {@link Dispatch}
 * strategy; every figure goes to the {@link Book}.
 *
 * Each caller is the XState caller machine, compiled once per process and stepped in place per
 * event (callers/compile.ts): it decides what the caller does.
 */
import { callerMachine, type CallerContext, type CallerEvent, type CallerInput } from '../callers/caller.ts';
import { compileMachine, type CompiledMachine, type StepRecord } from '../callers/compile.ts';
import type { Outcome } from '../domain/call.ts';
import { ArrivalProcess } from '../kernel/arrivals.ts';
import { EventHeap } from '../kernel/eventHeap.ts';
import { SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { RandomStreams, type RandomStream } from '../kernel/rng.ts';
import { TimerSlots } from '../kernel/timers.ts';
import { staffAtStart } from './agentPool.ts';
import { Book } from './book.ts';
import type { Dispatch } from './dispatch/dispatch.ts';
import { dispatchFor } from './dispatch/index.ts';
import type { Clock, Closing, Feature, Host, TimerOwner } from './feature.ts';
import { buildFeatures } from './features/index.ts';
import type { LiveCaller } from './liveCaller.ts';
import { Callers, type MutableCallerInput } from './callers.ts';
import type { SimulationModel } from './model.ts';
import { closeBook, type ReplicationResult, type SimulationOptions } from './results.ts';

/** Heap events: the kind in the low bits of the handle, its argument above them. */
const KIND_BITS = 4;
const KIND_MASK = (1 << KIND_BITS) - 1;
const ARRIVAL = 0;
/** A timer set for a caller (argument: its slot). */
const TIMER = 1;
/** An agent ends a call (argument: the agent). */
const SERVICE_END = 2;
/** Kinds from here on belong to features (`eventKind`). */
const FIRST_FEATURE_KIND = 3;

/**
 * Events handled per call of {@link Replication.runEvents}. The event loop returns to its
 * caller this often so that V8 optimises it as an ordinary hot method and re-optimises it after
 * a deopt. As one long loop it relied on on-stack replacement: after its first deopt (a call
 * site first reached late, e.g. the first abandonment) the benchmark ran the rest of its
 * million callers in baseline code, ~10% of the run in that loop alone (CPU profile).
 */
const EVENT_BATCH = 4096;

let compiledCaller: CompiledMachine<CallerContext, CallerEvent, CallerInput> | null = null;

/** The caller machine, compiled once per process (~1 ms) and shared by every replication: it is pure. */
function callerTable(): CompiledMachine<CallerContext, CallerEvent, CallerInput> {
  compiledCaller ??= compileMachine(callerMachine);
  return compiledCaller;
}

/** Simulates one replication of a scenario. */
export function simulate(model: SimulationModel, options: SimulationOptions = {}): ReplicationResult {
  const replication = new Replication(model, options);
  replication.run();
  return replication.result();
}

/** The state of one replication while it runs (one instance per `simulate` call). */
export class Replication implements Host {
  readonly replication: number;
  readonly streams: RandomStreams;
  readonly compiled = callerTable();
  readonly book: Book;
  readonly dispatch: Dispatch;
  now = 0;
  idleCount: number;
  onDuty: number;
  leaving = 0;
  busyOffLine = 0;
  serviceSeconds = 0;
  servicesEnded = 0;
  /** When each agent began the work it is on (a call, a contact), -1 when free. */
  readonly busySince: Float64Array;
  readonly input: MutableCallerInput;

  private readonly arrivalDraws: RandomStream;
  private readonly callers: Callers;
  private readonly QUEUED: number;
  private readonly IN_SERVICE: number;
  private readonly warmup: number;
  private readonly horizon: number;
  private readonly lines: number;
  private readonly queueCapacity: number;
  private readonly maxCallers: number;
  private readonly arrivals: ArrivalProcess;
  private readonly heap = new EventHeap(4096);
  private readonly agentCaller: (LiveCaller | null)[];

  // The features the scenario uses, by hook (empty lists cost one length test).
  private readonly features: readonly Feature[];
  private readonly offerTakers: Feature[] = [];
  private readonly queueTakers: Feature[] = [];
  private readonly queueJoiners: Feature[] = [];
  private readonly workGivers: Feature[] = [];
  private readonly idleWatchers: Feature[] = [];
  private readonly retryDeciders: Feature[] = [];
  /** The feature that times and ends calls itself (a call script), or null. */
  private readonly service: Feature | null = null;
  private readonly eventHandlers: Array<(arg: number) => void> = [];
  private clock: Clock | null = null;
  /** The horizon has passed: see {@link drain}. */
  draining = false;
  private readonly drainUntil: number;

  /** Timers set for callers: the machine's delays, and features' timers (with their owner and tag). */
  private readonly timers = new TimerSlots<LiveCaller, TimerOwner>();

  // One mutable object per event type, filled in before each step: the compiled machine reads
  // events synchronously and keeps no reference to them.
  private readonly offerEvent = { type: 'OFFER' as const, agentFree: false, queueHasRoom: false };
  private readonly answerEvent = { type: 'ANSWER' as const, waited: 0 };
  private readonly serviceEndEvent = { type: 'SERVICE_END' as const, saleDraw: 0, resolutionDraw: 0 };
  private readonly delayedEvents = new Map<string, { type: string }>();
  private callersCreated = 0;
  private customersCreated = 0;
  private eventsProcessed = 0;

  constructor(
    readonly model: SimulationModel,
    options: SimulationOptions,
  ) {
    this.replication = options.replication ?? 0;
    const streams = (this.streams = new RandomStreams(model.config.run.seed, this.replication));
    this.arrivalDraws = streams.get('arrivals');
    this.callers = new Callers(model, streams);
    this.input = this.callers.input;
    this.QUEUED = this.compiled.stateId('queued');
    this.IN_SERVICE = this.compiled.stateId('inService');
    this.warmup = model.warmup;
    this.horizon = model.horizon;
    this.drainUntil = model.horizon + SECONDS_PER_DAY;
    this.lines = model.lines;
    this.queueCapacity = model.queueCapacity;
    this.maxCallers = options.maxCallers ?? Infinity;
    this.book = new Book(model, this.replication, options);
    this.dispatch = dispatchFor(model, streams, () => this);
    const agents = model.agents;
    this.agentCaller = new Array<LiveCaller | null>(agents).fill(null);
    this.busySince = new Float64Array(agents).fill(-1);
    this.onDuty = this.idleCount = staffAtStart(model, this.dispatch.pools);
    this.arrivals = new ArrivalProcess(model.segments, model.days, model.dayFactors, model.week);
    this.features = buildFeatures(this, options);
    for (const feature of this.features) {
      if (feature.takeOffer) this.offerTakers.push(feature);
      if (feature.takeQueued) this.queueTakers.push(feature);
      if (feature.joiningQueue) this.queueJoiners.push(feature);
      if (feature.giveWork) this.workGivers.push(feature);
      if (feature.agentIdle) this.idleWatchers.push(feature);
      if (feature.callAgain) this.retryDeciders.push(feature);
      if (feature.serveCall) this.service = feature;
    }
  }

  run(): void {
    this.nextArrival();
    for (const feature of this.features) feature.start?.();
    while (this.runEvents(EVENT_BATCH));
  }

  // ---------------------------------------------------------------------------------------
  // What features schedule
  // ---------------------------------------------------------------------------------------

  eventKind(handler: (arg: number) => void): number {
    const kind = FIRST_FEATURE_KIND + this.eventHandlers.length;
    if (kind > KIND_MASK) throw new Error(`more than ${KIND_MASK - FIRST_FEATURE_KIND + 1} kinds of feature events`);
    this.eventHandlers.push(handler);
    return kind;
  }

  schedule(kind: number, time: number, arg: number): void {
    this.heap.push(time, (arg << KIND_BITS) | kind);
  }

  addClock(clock: Clock): void {
    if (this.clock !== null) throw new Error('one clock of its own per replication');
    this.clock = clock;
  }

  setTimer(caller: LiveCaller, owner: TimerOwner, tag: number, delay: number): void {
    const slot = this.timers.add(caller, '', owner, tag);
    this.heap.push(this.now + delay, (slot << KIND_BITS) | TIMER);
  }

  // ---------------------------------------------------------------------------------------
  // The event loop
  // ---------------------------------------------------------------------------------------

  /** Handles up to `budget` events in time order; false once the run is over. */
  private runEvents(budget: number): boolean {
    const heap = this.heap;
    const horizon = this.horizon;
    let clock = this.clock;
    for (let i = 0; i < budget; i++) {
      // Ties: the heap's event first.
      if (clock !== null && clock.nextTime() < (heap.size > 0 ? heap.peekTime() : Infinity)) {
        const time = clock.nextTime();
        if (time > horizon) {
          // The other clock stops at the horizon; the heap drains (see `drain`).
          clock = this.clock = null;
          continue;
        }
        this.now = time;
        this.eventsProcessed++;
        clock.fire();
        continue;
      }
      if (heap.size === 0) return false;
      const time = heap.peekTime();
      if (time > horizon && !this.drain(time)) return false;
      this.now = time;
      const handle = heap.pop();
      this.eventsProcessed++;
      const kind = handle & KIND_MASK;
      if (kind === ARRIVAL) this.arrive();
      else if (kind === TIMER) this.fireTimer(handle >> KIND_BITS);
      else if (kind === SERVICE_END) this.endService(handle >> KIND_BITS);
      else this.eventHandlers[kind - FIRST_FEATURE_KIND]!(handle >> KIND_BITS);
    }
    return true;
  }

  /**
   * Whether the event at `time`, past the horizon, is handled. From the horizon on the
   * replication drains: no call arrives and the other clock (chat and tickets) has stopped, but
   * the heap's events go on — callers waiting are answered or give up, calls in service end —
   * so that every call offered has an outcome and no ratio is biased by calls cut off at the
   * end. Features start nothing new then ({@link draining}). A day past the horizon, whatever is
   * left stays in the system (counted in `inSystem`).
   */
  private drain(time: number): boolean {
    this.draining = true;
    this.clock = null;
    return time <= this.drainUntil;
  }

  private nextArrival(): void {
    if (this.callersCreated >= this.maxCallers) return;
    const time = this.arrivals.next(-Math.log(1 - this.arrivalDraws.next()));
    if (time <= this.horizon) this.heap.push(time, ARRIVAL);
  }

  private arrive(): void {
    this.offer(this.newCustomer());
    this.nextArrival();
  }

  private fireTimer(slot: number): void {
    const timers = this.timers;
    const caller = timers.fire(slot);
    if (caller === null) return;
    const owner = timers.ownerOf(slot);
    if (owner !== null) {
      owner.onTimer(caller, timers.tagOf(slot));
      return;
    }
    const wasQueued = caller.queueSlot !== -1;
    const step = this.compiled.stepInPlace(caller, this.delayedEvent(timers.eventOf(slot)));
    if (wasQueued && caller.state !== this.QUEUED) {
      this.book.queueChange(this.now, this.dispatch.queue.size);
      this.dispatch.queue.remove(caller);
    }
    this.afterStep(caller, step);
  }

  /** The event object of a machine's delayed event, one per event type (the machine keeps no reference to events). */
  private delayedEvent(type: string): { type: string } {
    let event = this.delayedEvents.get(type);
    if (event === undefined) this.delayedEvents.set(type, (event = { type }));
    return event;
  }

  // ---------------------------------------------------------------------------------------
  // The life of a call
  // ---------------------------------------------------------------------------------------

  nextCallId(): number {
    return this.callersCreated++;
  }

  newCustomer(fixedType = -1, draws: RandomStream | null = null): LiveCaller {
    const caller = this.callers.create(this.callersCreated++, this.customersCreated++, this.now, fixedType, draws);
    this.book.customer(caller);
    return caller;
  }

  offer(caller: LiveCaller): void {
    this.book.offered(caller, this.now);
    const compiled = this.compiled;
    const initial = compiled.initialInPlace(caller, this.input);
    if (initial.scheduled.length > 0) this.applyTimers(caller, initial);
    const takers = this.offerTakers;
    for (let i = 0; i < takers.length; i++) if (takers[i]!.takeOffer!(caller)) return;
    const offerEvent = this.offerEvent;
    const queueSize = this.dispatch.queue.size;
    // Inbound lines hold the callers waiting and those talking to an agent (not callbacks, chat or tickets).
    const lineFree = queueSize + (this.onDuty + this.leaving - this.idleCount - this.busyOffLine) < this.lines;
    offerEvent.agentFree = this.idleCount > 0 && this.dispatch.idleFor(caller) && lineFree;
    offerEvent.queueHasRoom = queueSize < this.queueCapacity && lineFree;
    this.afterStep(caller, compiled.stepInPlace(caller, offerEvent));
  }

  step(caller: LiveCaller, event: CallerEvent | { type: string }): StepRecord {
    const step = this.compiled.stepInPlace(caller, event);
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.applyTimers(caller, step);
    return step;
  }

  /** Cancels and sets the caller's machine timers as the step asked (read before the machine steps again). */
  private applyTimers(caller: LiveCaller, step: StepRecord): void {
    const cancelled = step.cancelled;
    if (cancelled.length > 0 && caller.timer !== -1) for (const event of cancelled) this.timers.cancel(caller, event);
    const scheduled = step.scheduled;
    for (let i = 0; i < scheduled.length; i++) {
      const request = scheduled[i]!;
      const delaySeconds = request.delayMs / 1000;
      if (!(delaySeconds < Infinity)) continue;
      const slot = this.timers.add(caller, request.event, null, 0);
      this.heap.push(this.now + delaySeconds, (slot << KIND_BITS) | TIMER);
    }
  }

  afterStep(caller: LiveCaller, step: StepRecord): void {
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.applyTimers(caller, step);
    this.settle(caller, step);
  }

  /** What a step whose timers are applied leads to: the end of the call, joining the queue, an agent. */
  private settle(caller: LiveCaller, step: StepRecord): void {
    if (step.done) {
      if (!this.finish(caller)) this.callers.recycle(caller);
      return;
    }
    const state = caller.state;
    if (state === this.QUEUED && caller.queueSlot === -1) this.joinQueue(caller);
    else if (state === this.IN_SERVICE && caller.agent === -1) this.startService(caller, this.takeIdleAgent(caller));
  }

  private joinQueue(caller: LiveCaller): void {
    const takers = this.queueTakers;
    for (let i = 0; i < takers.length; i++) if (takers[i]!.takeQueued!(caller)) return;
    const joiners = this.queueJoiners;
    for (let i = 0; i < joiners.length; i++) joiners[i]!.joiningQueue!(caller);
    const dispatch = this.dispatch;
    this.book.queueChange(this.now, dispatch.queue.size);
    dispatch.enqueue(caller);
    if (caller.arrival >= this.warmup) this.book.queueJoined(this.now, dispatch.queue.size);
  }

  takeIdleAgent(caller: LiveCaller): number {
    this.idleCount--;
    return this.dispatch.takeAgentFor(caller);
  }

  startService(caller: LiveCaller, agent: number, duration = caller.handleTime, conversation = true): void {
    const now = this.now;
    caller.answer = now;
    caller.agent = agent;
    this.agentCaller[agent] = caller;
    this.busySince[agent] = now;
    // A feature may time the call itself (a call script: as long as its walk).
    const timed = conversation && this.service !== null ? this.service.serveCall!(caller, agent) : undefined;
    // A less proficient agent takes longer over the same call.
    const time = timed ?? this.dispatch.serviceTime(caller, agent, duration);
    this.heap.push(now + time, (agent << KIND_BITS) | SERVICE_END);
  }

  answer(caller: LiveCaller, agent: number): boolean {
    const answerEvent = this.answerEvent;
    answerEvent.waited = this.now - caller.arrival;
    const step = this.step(caller, answerEvent);
    if (caller.state === this.IN_SERVICE) {
      this.startService(caller, agent);
      return true;
    }
    // Its timers are set already: applying them again (as afterStep would) would set them twice.
    this.settle(caller, step);
    return false;
  }

  leaveQueue(caller: LiveCaller, event: CallerEvent): void {
    const step = this.compiled.stepInPlace(caller, event);
    this.book.queueChange(this.now, this.dispatch.queue.size);
    this.dispatch.queue.remove(caller);
    this.afterStep(caller, step);
  }

  private endService(agent: number): void {
    const now = this.now;
    const caller = this.agentCaller[agent]!;
    this.agentCaller[agent] = null;
    this.busySince[agent] = -1;
    const since = caller.answer;
    this.book.busy(since, now);
    this.serviceSeconds += now - since;
    this.servicesEnded++;
    if (caller.offLine) this.busyOffLine--;
    const ending = this.service === null ? undefined : this.service.endCall!(agent, caller);
    if (ending !== undefined) this.afterStep(caller, ending);
    else {
      const serviceEndEvent = this.serviceEndEvent;
      serviceEndEvent.saleDraw = caller.saleDraw;
      serviceEndEvent.resolutionDraw = caller.resolutionDraw;
      this.afterStep(caller, this.compiled.stepInPlace(caller, serviceEndEvent));
    }
    this.agentDone(agent, since);
  }

  agentDone(agent: number, since: number): void {
    this.book.groupTime(agent, since, this.now);
    const pool = this.dispatch.poolOf(agent);
    if (pool.leaving > 0) {
      pool.leaving--;
      this.leaving--;
      pool.offDuty.push(agent);
      return;
    }
    this.nextJob(agent);
  }

  nextJob(agent: number): void {
    const dispatch = this.dispatch;
    // The queue's length so far is counted before the agent takes someone out of it.
    this.book.queueChange(this.now, dispatch.queue.size);
    for (let next = dispatch.nextFor(agent); next !== undefined; next = dispatch.nextFor(agent)) {
      if (this.answer(next, agent)) return;
    }
    const givers = this.workGivers;
    for (let i = 0; i < givers.length; i++) if (givers[i]!.giveWork!(agent)) return;
    this.release(agent);
    const watchers = this.idleWatchers;
    for (let i = 0; i < watchers.length; i++) watchers[i]!.agentIdle!();
  }

  release(agent: number): void {
    this.dispatch.poolOf(agent).release(agent, this.now);
    this.idleCount++;
  }

  /**
   * Books a call that ended. Returns true when the customer will call again (a feature set a
   * timer on the same caller object, which must then not be recycled).
   *
   * Money is booked per customer: the potential revenue on the first call, the loss on the
   * last (a caller who will call again has lost nothing yet; the retrial starts with the
   * intent left after the time that passed).
   */
  private finish(caller: LiveCaller): boolean {
    const context = caller.context;
    const outcome = context.outcome as Outcome;
    // Answered by an agent, or satisfied by the virtual secretary (the only other way to `resolved`).
    const answered = caller.agent >= 0 || outcome === 'resolved';
    this.timers.cancelAll(caller);
    let retry = false;
    const deciders = this.retryDeciders;
    for (let i = 0; i < deciders.length && !retry; i++) retry = deciders[i]!.callAgain!(caller, outcome);
    const base = caller.basePurchaseProbability;
    const potentialRevenue = caller.attempt === 0 ? base * context.orderValue : 0;
    const lostRevenue = retry ? 0 : answered ? (base - context.purchaseProbabilityNow) * context.orderValue : base * context.orderValue;
    this.book.finished(caller, outcome, answered, retry, potentialRevenue, lostRevenue, this.now);
    return retry;
  }

  /** Closes the books at the horizon and computes the KPIs. */
  result(): ReplicationResult {
    const closing: Closing = {};
    return closeBook(this.book, this.model, {
      replication: this.replication,
      busySince: this.busySince,
      queueSize: this.dispatch.queue.size,
      callersSimulated: this.callersCreated,
      eventsProcessed: this.eventsProcessed,
      closeFeatures: () => {
        for (const feature of this.features) feature.close?.(closing);
        return closing;
      },
    });
  }
}
