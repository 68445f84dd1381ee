import { callerMachine, type CallerContext, type CallerEvent, type CallerInput } from '../callers/caller.ts';
import { compileMachine, type CompiledMachine, type MachineInstance, type StepRecord } from '../callers/compile.ts';
import type { CallRecord, Outcome } from '../domain/call.ts';
import { kpisOf, type KpiSettings, type Kpis } from '../metrics/kpis.ts';
import { Tally } from '../metrics/tally.ts';
import { ArrivalProcess, SECONDS_PER_DAY } from './calendar.ts';
import { EventHeap } from './eventHeap.ts';
import type { SimulationModel } from './model.ts';
import { FifoQueue, LifoQueue, RandomQueue, type QueueDiscipline, type Waiting } from './queue.ts';
import { RandomStreams, type RandomStream } from './rng.ts';
import { addStaffedTime, StaffingClock } from './staffingClock.ts';

/** Options for one replication. */
export interface SimulationOptions {
  /** Replication number: selects independent random streams derived from the scenario seed. */
  readonly replication?: number;
  /** Keep every CallRecord in the result (memory grows with the number of calls). */
  readonly collectRecords?: boolean;
  /** Called with each finished call counted in the statistics (streams records without keeping them). */
  readonly onRecord?: (record: CallRecord) => void;
  /** Stop creating callers after this many arrivals (the benchmark uses it). */
  readonly maxCallers?: number;
}

/** What one replication produced. */
export interface ReplicationResult {
  readonly replication: number;
  readonly kpis: Kpis;
  /** 90th percentile of the wait of answered calls (seconds). */
  readonly p90Wait: number;
  /** KPIs per reporting interval of the day (summed over all simulated days). */
  readonly intervals: readonly Kpis[];
  readonly total: Tally;
  readonly intervalTallies: readonly Tally[];
  /** Callers counted in the statistics still waiting or in service when the horizon ended. */
  readonly inSystem: number;
  /** Every caller created, warm-up included. */
  readonly callersSimulated: number;
  readonly eventsProcessed: number;
  readonly records?: readonly CallRecord[];
}

/**
 * The engine's view of a live caller, from arrival to the end of the call. The objects are
 * recycled (see {@link Replication.spareCallers}): `start` sets every field of a new call but
 * the machine's, which `initialInPlace` sets.
 */
class LiveCaller implements Waiting, MachineInstance<CallerContext> {
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
  answer = NaN;
  agent = -1;
  /** Reporting interval of the day of the arrival (set for callers counted in the statistics). */
  bucket = -1;
  /**
   * Heap slot of the first pending delayed event (e.g. patience), -1 if none, so leaving a
   * state can cancel it. The caller machine has at most one pending at a time; `moreTimers`
   * holds any further ones, in the order they were set, for machines with several.
   */
  timer = -1;
  moreTimers: number[] | null = null;

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
  }
}

/** Adds a timer slot at the end of the caller's pending timers. */
function addTimer(caller: LiveCaller, slot: number): void {
  if (caller.timer === -1) caller.timer = slot;
  else (caller.moreTimers ??= []).push(slot);
}

/** Removes the caller's `index`-th pending timer (0 is `timer`, then `moreTimers` in order). */
function removeTimer(caller: LiveCaller, index: number): void {
  const more = caller.moreTimers;
  if (index > 0) more!.splice(index - 1, 1);
  else caller.timer = more !== null && more.length > 0 ? more.shift()! : -1;
}

/** The caller's `index`-th pending timer slot, or -1 past the last one. */
function timerAt(caller: LiveCaller, index: number): number {
  if (index === 0) return caller.timer;
  const more = caller.moreTimers;
  return more !== null && index - 1 < more.length ? more[index - 1]! : -1;
}

const ARRIVAL_HANDLE = -1;
/** Service ends are encoded as handle = -(agent + 2); timers use handles ≥ 0 (slots). */
const serviceHandle = (agent: number): number => -(agent + 2);

/**
 * Events handled per call of {@link Replication.runEvents}. The event loop returns to its
 * caller this often so that V8 optimises it as an ordinary hot method and re-optimises it after
 * a deopt. As one long loop it relied on on-stack replacement: after its first deopt (a call
 * site first reached late, e.g. the first abandonment) the benchmark ran the rest of its
 * million callers in baseline code, ~10% of the run in that loop alone (CPU profile).
 */
const EVENT_BATCH = 4096;

/**
 * Simulates one replication of a scenario: a discrete-event loop over a binary heap with
 * a virtual clock. Agents and the queue live here; each caller is the XState caller
 * machine, compiled once and stepped per event, and decides what the caller does.
 */
export function simulate(model: SimulationModel, options: SimulationOptions = {}): ReplicationResult {
  const replication = new Replication(model, options);
  replication.run();
  return replication.result();
}

/** The state of one replication while it runs (one instance per `simulate` call). */
class Replication {
  private readonly replication: number;
  // Draws used per caller, each from its own stream so plans compared with the same seed see the same callers.
  private readonly arrivalDraws: RandomStream;
  private readonly callerTypeDraws: RandomStream;
  private readonly patienceDraws: RandomStream;
  private readonly intentDraws: RandomStream;
  /**
   * Draws whose value cannot matter are skipped: the caller type when there is one, the intent
   * when every type's purchase intent is 0 (the default) or 1. Each kind of draw has a stream of
   * its own, used nowhere else, so no other draw shifts. (Those two draws were ~4% of the
   * benchmark's instructions per caller, callgrind.)
   */
  private readonly intentDecided: boolean;
  private readonly orderValueDraws: RandomStream;
  private readonly handleTimeDraws: RandomStream;
  private readonly saleDraws: RandomStream;
  private readonly resolutionDraws: RandomStream;

  private readonly compiled: CompiledMachine<CallerContext, CallerEvent, CallerInput>;
  private readonly QUEUED: number;
  private readonly IN_SERVICE: number;

  private readonly warmup: number;
  private readonly horizon: number;
  private readonly intervalSeconds: number;
  private readonly thresholdSeconds: number;
  private readonly callerTypes: SimulationModel['callerTypes'];
  private readonly maxCallers: number;
  private readonly heap = new EventHeap(4096);
  private readonly queue: QueueDiscipline<LiveCaller>;
  private readonly total = new Tally();
  private readonly intervalTallies: Tally[];
  private readonly records: CallRecord[] | undefined;
  private readonly onRecord: ((record: CallRecord) => void) | undefined;
  /**
   * Waits of the answered calls counted in the statistics, for their 90th percentile: calls
   * answered at once (most, when staffing is right) are only counted, the others' waits kept.
   * Keeping every wait took an 8 MB array per million calls; counting the zeros made the
   * benchmark ~5% faster (medians of 9 runs).
   */
  private answeredAtOnce = 0;
  private answeredWaits = new Float64Array(1024);
  private answeredWaitCount = 0;

  // Agents: who each is serving, since when, and the idle ones in order of becoming free.
  private readonly agentCount: number;
  private readonly agentCaller: (LiveCaller | null)[];
  private readonly idleAgents: Int32Array;
  private idleHead = 0;
  private idleCount: number;
  /**
   * Staffing by time of day (scenario `staffing`). `onDuty` counts agents answering or about to
   * (idle and busy); when the schedule drops, idle agents leave at once and busy ones when their
   * call ends; off-duty agents wait in `offDuty`. Without a schedule nobody ever leaves.
   */
  private readonly staffing: StaffingClock;
  private onDuty: number;
  private readonly offDuty: number[] = [];

  // Timer slots for delayed machine events (lazy cancellation: a cancelled slot is skipped when it fires).
  private readonly slotCaller: (LiveCaller | null)[] = [];
  private readonly slotEvent: string[] = [];
  private readonly freeSlots: number[] = [];

  // One mutable object per event type, filled in before each step: the compiled machine reads
  // events synchronously and keeps no reference to them (the caller machine's actions copy
  // the numbers they need into context), so this saves an allocation per step.
  private readonly offerEvent = { type: 'OFFER' as const, agentFree: false, queueHasRoom: false };
  private readonly answerEvent = { type: 'ANSWER' as const, waited: 0 };
  private readonly serviceEndEvent = { type: 'SERVICE_END' as const, saleDraw: 0, resolutionDraw: 0 };

  /**
   * Callers whose call ended, reused for new arrivals. A fresh caller per arrival put ~200
   * bytes (the object and its number boxes) into the young generation, and touching it again at
   * the end of service, hundreds of arrivals later, was a cache miss; the few hundred recycled
   * objects mostly stay cached. Without recycling the benchmark ran ~6% slower (9 runs each).
   */
  private readonly spareCallers: LiveCaller[] = [];
  /**
   * The input of the caller being created, refilled per arrival: the caller machine's context
   * factory copies its fields (caller.ts) and keeps no reference to it.
   */
  private readonly input: { -readonly [K in keyof CallerInput]: CallerInput[K] } = {
    patience: 0,
    purchaseProbability: 0,
    resolutionProbability: 0,
    orderValue: 0,
    mood: 0,
    intentHalfLife: 0,
    callerType: '',
    problem: '',
  };

  private readonly arrivals: ArrivalProcess;
  private now = 0;
  private callersCreated = 0;
  private countedAlive = 0;
  private eventsProcessed = 0;
  private queueChangedAt: number;
  private readonly addBusy = (bucket: number, seconds: number): void => {
    this.intervalTallies[bucket]!.busySeconds += seconds;
  };

  constructor(
    private readonly model: SimulationModel,
    options: SimulationOptions,
  ) {
    this.replication = options.replication ?? 0;
    const streams = new RandomStreams(model.config.run.seed, this.replication);
    this.arrivalDraws = streams.get('arrivals');
    this.callerTypeDraws = streams.get('callerType');
    this.patienceDraws = streams.get('patience');
    this.intentDraws = streams.get('intent');
    this.intentDecided = model.callerTypes.every((type) => type.purchaseIntent <= 0 || type.purchaseIntent >= 1);
    this.orderValueDraws = streams.get('orderValue');
    this.handleTimeDraws = streams.get('handleTime');
    this.saleDraws = streams.get('sale');
    this.resolutionDraws = streams.get('resolution');
    this.compiled = compileMachine(callerMachine);
    this.QUEUED = this.compiled.stateId('queued');
    this.IN_SERVICE = this.compiled.stateId('inService');

    this.warmup = model.warmup;
    this.horizon = model.horizon;
    this.intervalSeconds = model.intervalSeconds;
    this.thresholdSeconds = model.thresholdSeconds;
    this.callerTypes = model.callerTypes;
    this.maxCallers = options.maxCallers ?? Infinity;
    this.queue = createQueue(model, streams);
    this.intervalTallies = Array.from({ length: model.intervalsPerDay }, () => new Tally());
    this.records = options.collectRecords ? [] : undefined;
    this.onRecord = options.onRecord;

    this.agentCount = model.agents;
    this.agentCaller = new Array<LiveCaller | null>(this.agentCount).fill(null);
    this.idleAgents = new Int32Array(Math.max(this.agentCount, 1));
    this.staffing = new StaffingClock(model.staffing, this.agentCount);
    this.onDuty = Math.min(this.staffing.target, this.agentCount);
    this.idleCount = this.onDuty;
    for (let i = 0; i < this.agentCount; i++) {
      if (i < this.onDuty) this.idleAgents[i] = i;
      else this.offDuty.push(i);
    }

    this.arrivals = new ArrivalProcess(model.segments, model.days);
    this.queueChangedAt = model.warmup;
  }

  run(): void {
    this.nextArrival();
    while (this.runEvents(EVENT_BATCH));
  }

  /** Handles up to `budget` events in time order; false once the run is over. */
  private runEvents(budget: number): boolean {
    const heap = this.heap;
    const horizon = this.horizon;
    for (let i = 0; i < budget; i++) {
      if (heap.size === 0) return false;
      const time = heap.peekTime();
      if (time > horizon) return false;
      if (time >= this.staffing.nextChange) {
        this.now = this.staffing.nextChange;
        this.changeStaffing();
        continue;
      }
      this.now = time;
      const handle = heap.pop();
      this.eventsProcessed++;
      if (handle === ARRIVAL_HANDLE) this.arrive();
      else if (handle >= 0) this.fireTimer(handle);
      else this.endService(-handle - 2);
    }
    return true;
  }

  private nextArrival(): void {
    if (this.callersCreated >= this.maxCallers) return;
    const time = this.arrivals.next(-Math.log(1 - this.arrivalDraws.next()));
    if (time <= this.horizon) this.heap.push(time, ARRIVAL_HANDLE);
  }

  private noteQueueChange(): void {
    const now = this.now;
    if (now > this.queueChangedAt) {
      this.total.queueLengthArea += this.queue.size * (now - this.queueChangedAt);
      this.queueChangedAt = now;
    }
  }

  /** Cancels and sets the caller's timers as the step asked (read before the machine steps again). */
  private schedule(caller: LiveCaller, step: StepRecord): void {
    const cancelled = step.cancelled;
    if (cancelled.length > 0 && caller.timer !== -1) {
      const slotCaller = this.slotCaller;
      const slotEvent = this.slotEvent;
      for (const id of cancelled) {
        for (let i = 0, slot = caller.timer; slot !== -1; slot = timerAt(caller, ++i)) {
          if (slotEvent[slot] === id && slotCaller[slot] === caller) {
            slotCaller[slot] = null;
            removeTimer(caller, i);
            break;
          }
        }
      }
    }
    const scheduled = step.scheduled;
    for (let i = 0; i < scheduled.length; i++) {
      const request = scheduled[i]!;
      const delaySeconds = request.delayMs / 1000;
      if (!(delaySeconds < Infinity)) continue;
      const freeSlots = this.freeSlots;
      const slot = freeSlots.length > 0 ? freeSlots.pop()! : this.slotCaller.length;
      this.slotCaller[slot] = caller;
      this.slotEvent[slot] = request.event;
      addTimer(caller, slot);
      this.heap.push(this.now + delaySeconds, slot);
    }
  }

  private startService(caller: LiveCaller, agent: number): void {
    caller.answer = this.now;
    caller.agent = agent;
    this.agentCaller[agent] = caller;
    this.heap.push(this.now + caller.handleTime, serviceHandle(agent));
  }

  private takeIdleAgent(): number {
    const agent = this.idleAgents[this.idleHead]!;
    this.idleHead = (this.idleHead + 1) % this.idleAgents.length;
    this.idleCount--;
    return agent;
  }

  private releaseAgent(agent: number): void {
    this.idleAgents[(this.idleHead + this.idleCount) % this.idleAgents.length] = agent;
    this.idleCount++;
  }

  /** Agent time [from, to) spent on a call, counted in opening hours after the warm-up. */
  private recordBusy(from: number, to: number): void {
    const model = this.model;
    const start = from > model.warmup ? from : model.warmup;
    const end = to < model.horizon ? to : model.horizon;
    if (!(end > start)) return;
    // Most calls lie in one reporting interval of one opening window: added here without the
    // callback of the general case.
    const bucket = singleOpenBucket(model, start, end);
    if (bucket >= 0) this.intervalTallies[bucket]!.busySeconds += end - start;
    else addOpenTime(model, from, to, this.addBusy);
  }

  private finish(caller: LiveCaller): void {
    const context = caller.context;
    const outcome = context.outcome as Outcome;
    const answered = caller.agent >= 0;
    const potentialRevenue = context.purchaseProbability * context.orderValue;
    const lostRevenue = answered
      ? (context.purchaseProbability - context.purchaseProbabilityNow) * context.orderValue
      : potentialRevenue;
    if (caller.timer !== -1) {
      this.slotCaller[caller.timer] = null;
      if (caller.moreTimers !== null) for (const slot of caller.moreTimers) this.slotCaller[slot] = null;
    }
    if (caller.arrival < this.warmup) return;
    this.countedAlive--;
    const now = this.now;
    const wait = answered ? caller.answer - caller.arrival : outcome === 'abandoned' ? now - caller.arrival : 0;
    const revenue = outcome === 'purchased' ? context.orderValue : 0;
    const handleTime = answered ? now - caller.answer : NaN;
    const bucket = caller.bucket;
    const hadIntent = caller.hadIntent;
    const thresholdSeconds = this.thresholdSeconds;
    this.total.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    this.intervalTallies[bucket]!.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    if (answered && wait === 0) this.answeredAtOnce++;
    else if (answered) {
      if (this.answeredWaitCount === this.answeredWaits.length) {
        const grown = new Float64Array(this.answeredWaits.length * 2);
        grown.set(this.answeredWaits);
        this.answeredWaits = grown;
      }
      this.answeredWaits[this.answeredWaitCount++] = wait;
    }
    const records = this.records;
    const onRecord = this.onRecord;
    if (records === undefined && onRecord === undefined) return;
    // Records are built only when someone asked for them: the summary needs none.
    const record: CallRecord = {
      id: caller.id,
      replication: this.replication,
      callerType: context.callerType,
      problem: context.problem,
      arrival: caller.arrival,
      answer: answered ? caller.answer : NaN,
      end: now,
      wait,
      agent: caller.agent,
      outcome,
      orderValue: context.orderValue,
      potentialRevenue,
      revenue,
      lostRevenue,
      mood: context.mood,
    };
    if (records) records.push(record);
    if (onRecord) onRecord(record);
  }

  /** Takes in what the caller machine did: timers, the end of the call, queueing, an agent. */
  private afterStep(caller: LiveCaller, step: StepRecord): void {
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(caller, step);
    if (step.done) {
      this.finish(caller);
      this.spareCallers.push(caller);
      return;
    }
    const state = caller.state;
    if (state === this.QUEUED && caller.queueSlot === -1) {
      this.noteQueueChange();
      const queue = this.queue;
      queue.push(caller);
      if (caller.arrival >= this.warmup) {
        const size = queue.size;
        if (size > this.total.maxQueueLength) this.total.maxQueueLength = size;
        const tally = this.intervalTallies[bucketOf(this.now, this.intervalSeconds)]!;
        if (size > tally.maxQueueLength) tally.maxQueueLength = size;
      }
    } else if (state === this.IN_SERVICE && caller.agent === -1) {
      this.startService(caller, this.takeIdleAgent());
    }
  }

  private arrive(): void {
    const now = this.now;
    const id = this.callersCreated++;
    const callerTypes = this.callerTypes;
    let typeIndex = 0;
    if (callerTypes.length > 1) {
      const shareDraw = this.callerTypeDraws.next();
      while (typeIndex < callerTypes.length - 1 && shareDraw >= callerTypes[typeIndex]!.cumulativeShare) typeIndex++;
    }
    const type = callerTypes[typeIndex]!;
    const input = this.input;
    input.patience = type.patience === null ? Infinity : type.patience(this.patienceDraws);
    // A uniform draw in [0, 1) is below an intent of 1 and never below 0.
    const hadIntent = this.intentDecided ? type.purchaseIntent >= 1 : this.intentDraws.next() < type.purchaseIntent;
    input.purchaseProbability = hadIntent ? type.problem.conversion : 0;
    input.resolutionProbability = type.problem.resolution;
    input.orderValue = type.orderValue(this.orderValueDraws);
    input.mood = type.mood;
    input.intentHalfLife = type.intentHalfLife;
    input.callerType = type.id;
    input.problem = type.problem.id;
    const handleTime = type.problem.handleTime(this.handleTimeDraws);
    const saleDraw = this.saleDraws.next();
    const resolutionDraw = this.resolutionDraws.next();
    const caller = this.spareCallers.pop() ?? new LiveCaller();
    caller.start(id, now, handleTime, saleDraw, resolutionDraw, hadIntent);
    if (now >= this.warmup) {
      this.countedAlive++;
      this.total.offered++;
      caller.bucket = bucketOf(now, this.intervalSeconds);
      this.intervalTallies[caller.bucket]!.offered++;
    }
    const compiled = this.compiled;
    const initial = compiled.initialInPlace(caller, input);
    if (initial.scheduled.length > 0) this.schedule(caller, initial);
    const offerEvent = this.offerEvent;
    offerEvent.agentFree = this.idleCount > 0;
    offerEvent.queueHasRoom = this.queue.size < this.model.queueCapacity;
    this.afterStep(caller, compiled.stepInPlace(caller, offerEvent));
    this.nextArrival();
  }

  private endService(agent: number): void {
    const now = this.now;
    const caller = this.agentCaller[agent]!;
    this.agentCaller[agent] = null;
    this.recordBusy(caller.answer, now);
    const compiled = this.compiled;
    const serviceEndEvent = this.serviceEndEvent;
    serviceEndEvent.saleDraw = caller.saleDraw;
    serviceEndEvent.resolutionDraw = caller.resolutionDraw;
    this.afterStep(caller, compiled.stepInPlace(caller, serviceEndEvent));
    if (this.onDuty > this.staffing.target) {
      this.onDuty--;
      this.offDuty.push(agent);
      return;
    }
    this.serveNextOrIdle(agent);
  }

  /** The schedule's next step: idle agents leave, or agents arrive and answer the queue. */
  private changeStaffing(): void {
    const target = this.staffing.advance();
    while (this.onDuty > target && this.idleCount > 0) {
      this.offDuty.push(this.takeIdleAgent());
      this.onDuty--;
    }
    while (this.onDuty < target && this.offDuty.length > 0) {
      this.onDuty++;
      this.serveNextOrIdle(this.offDuty.pop()!);
    }
  }

  /** The agent takes the next waiting caller the discipline picks, or goes idle. */
  private serveNextOrIdle(agent: number): void {
    const now = this.now;
    const compiled = this.compiled;
    const queue = this.queue;
    const answerEvent = this.answerEvent;
    while (queue.size > 0) {
      this.noteQueueChange();
      const next = queue.pop()!;
      answerEvent.waited = now - next.arrival;
      const step = compiled.stepInPlace(next, answerEvent);
      if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(next, step);
      if (next.state === this.IN_SERVICE) {
        this.startService(next, agent);
        return;
      }
      this.afterStep(next, step);
    }
    this.releaseAgent(agent);
  }

  private fireTimer(slot: number): void {
    const caller = this.slotCaller[slot];
    this.freeSlots.push(slot);
    if (caller == null) return;
    this.slotCaller[slot] = null;
    let index = 0;
    while (timerAt(caller, index) !== slot) index++;
    removeTimer(caller, index);
    const wasQueued = caller.queueSlot !== -1;
    const step = this.compiled.stepInPlace(caller, { type: this.slotEvent[slot]! });
    if (wasQueued && caller.state !== this.QUEUED) {
      this.noteQueueChange();
      this.queue.remove(caller);
    }
    this.afterStep(caller, step);
  }

  /** Closes the books at the horizon and computes the KPIs. */
  result(): ReplicationResult {
    const { model, horizon, total, intervalTallies, agentCount } = this;
    // Queue area up to the end, busy time of calls still in service.
    this.now = horizon;
    this.noteQueueChange();
    for (let agent = 0; agent < agentCount; agent++) {
      const caller = this.agentCaller[agent];
      if (caller) addOpenTime(model, caller.answer, horizon, this.addBusy);
    }
    addStaffedTime(model, (bucket, agentSeconds) => {
      intervalTallies[bucket]!.staffedSeconds += agentSeconds;
    });
    for (const tally of intervalTallies) {
      total.busySeconds += tally.busySeconds;
      total.staffedSeconds += tally.staffedSeconds;
    }
    // Queue length is averaged over opening hours (a closed line has nobody waiting by definition).
    addOpenTime(model, 0, horizon, (_bucket, seconds) => {
      total.observedSeconds += seconds;
    });

    const settings: KpiSettings = {
      thresholdSeconds: this.thresholdSeconds,
      denominator: model.config.serviceLevel.denominator,
      marginRate: model.config.money.margin,
      costPerAgentHour: model.config.agents.costPerHour,
    };
    const records = this.records;
    return {
      replication: this.replication,
      kpis: kpisOf(total, settings),
      p90Wait: quantile(this.answeredAtOnce, this.answeredWaits.subarray(0, this.answeredWaitCount), 0.9),
      intervals: intervalTallies.map((tally) => kpisOf(tally, settings)),
      total,
      intervalTallies,
      inSystem: this.countedAlive,
      callersSimulated: this.callersCreated,
      eventsProcessed: this.eventsProcessed,
      ...(records ? { records } : {}),
    };
  }
}

function createQueue(model: SimulationModel, streams: RandomStreams): QueueDiscipline<LiveCaller> {
  switch (model.config.queue.discipline) {
    case 'fifo':
      return new FifoQueue<LiveCaller>();
    case 'lifo':
      return new LifoQueue<LiveCaller>();
    case 'random':
      return new RandomQueue<LiveCaller>(streams.get('queue'));
  }
}

/**
 * Reporting interval of the day that time `t` falls in. Written without `%`: on doubles V8
 * calls out to fmod, which showed up in the benchmark's profile.
 */
function bucketOf(t: number, intervalSeconds: number): number {
  return Math.floor((t - Math.floor(t / SECONDS_PER_DAY) * SECONDS_PER_DAY) / intervalSeconds);
}

/**
 * The reporting interval holding all of [start, end) when that stretch lies in one interval
 * of one opening window of one day (most calls do), or -1.
 */
function singleOpenBucket(model: SimulationModel, start: number, end: number): number {
  const offset = Math.floor(start / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const bucket = Math.floor((start - offset) / model.intervalSeconds);
  if (end > offset + (bucket + 1) * model.intervalSeconds) return -1;
  const windows = model.windows;
  for (let i = 0; i < windows.length; i++) {
    const window = windows[i]!;
    if (start >= offset + window[0] && end <= offset + window[1]) return bucket;
  }
  return -1;
}

/**
 * Splits [from, to) into the parts that fall in opening hours after the warm-up, per
 * reporting interval of the day, and hands each part to `add(bucket, seconds)`.
 */
export function addOpenTime(
  model: SimulationModel,
  from: number,
  to: number,
  add: (bucket: number, seconds: number) => void,
): void {
  const start = from > model.warmup ? from : model.warmup;
  const end = to < model.horizon ? to : model.horizon;
  if (!(end > start)) return;
  const single = singleOpenBucket(model, start, end);
  if (single >= 0) {
    add(single, end - start);
    return;
  }
  const firstDay = Math.floor(start / SECONDS_PER_DAY);
  const lastDay = Math.min(Math.floor(end / SECONDS_PER_DAY), model.days - 1);
  for (let day = firstDay; day <= lastDay; day++) {
    const offset = day * SECONDS_PER_DAY;
    for (const [windowStart, windowEnd] of model.windows) {
      let a = Math.max(start, offset + windowStart);
      const b = Math.min(end, offset + windowEnd);
      while (a < b) {
        const bucket = Math.floor((a - offset) / model.intervalSeconds);
        const bucketEnd = Math.min(b, offset + (bucket + 1) * model.intervalSeconds);
        add(bucket, bucketEnd - a);
        a = bucketEnd;
      }
    }
  }
}

/**
 * Linear-interpolated quantile (type 7, as in R and simple-statistics) of `zeros` zero values
 * and the positive `values` (unsorted; reordered in place). Only the two order statistics
 * around the position are needed, and selecting them is O(n), where sorting the benchmark's
 * ~1M waits took ~70 ms.
 */
function quantile(zeros: number, values: Float64Array, p: number): number {
  const n = zeros + values.length;
  if (n === 0) return 0;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  let low: number;
  let high: number;
  if (below < zeros) {
    low = 0;
    // `above` is at most `zeros`, the place of the smallest positive value.
    high = above < zeros ? 0 : smallest(values, 0);
  } else {
    const k = below - zeros;
    selectInPlace(values, k);
    low = values[k]!;
    // After the selection every value past `k` is ≥ low: the next order statistic is their minimum.
    high = above === below ? low : smallest(values, k + 1);
  }
  return low + (high - low) * (position - below);
}

/** The smallest of `values[from…]` (not empty). */
function smallest(values: Float64Array, from: number): number {
  let min = values[from]!;
  for (let i = from + 1; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}

/**
 * Hoare's selection (quickselect, median-of-three pivot): afterwards `values[k]` is the value
 * a sort would put there, with no larger value before it and no smaller one after it.
 */
function selectInPlace(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Order values[left] ≤ values[middle] ≤ values[right]; the median is the pivot.
    if (values[middle]! < values[left]!) swap(values, middle, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[middle]!) swap(values, right, middle);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] ≤ pivot ≤ values[i..right], and anything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]!;
  values[a] = values[b]!;
  values[b] = t;
}
