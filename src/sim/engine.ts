import { callerMachine, type CallerContext, type CallerInput } from '../callers/caller.ts';
import { compileMachine, type CompiledSnapshot, type StepResult } from '../callers/compile.ts';
import type { CallRecord, Outcome } from '../domain/call.ts';
import { kpisOf, type KpiSettings, type Kpis } from '../metrics/kpis.ts';
import { Tally } from '../metrics/tally.ts';
import { ArrivalProcess, SECONDS_PER_DAY } from './calendar.ts';
import { EventHeap } from './eventHeap.ts';
import type { SimulationModel } from './model.ts';
import { FifoQueue, LifoQueue, RandomQueue, type QueueDiscipline } from './queue.ts';
import { RandomStreams, type RandomStream } from './rng.ts';

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

/** The engine's view of a live caller; dropped as soon as the call ends. */
interface LiveCaller {
  readonly id: number;
  snapshot: CompiledSnapshot<CallerContext>;
  readonly arrival: number;
  readonly typeIndex: number;
  readonly handleTime: number;
  readonly saleDraw: number;
  readonly resolutionDraw: number;
  readonly hadIntent: boolean;
  queueSlot: number;
  answer: number;
  agent: number;
  /** Heap slots of pending delayed events (e.g. patience), so leaving a state can cancel them. */
  timers: number[] | null;
}

const ARRIVAL_HANDLE = -1;
/** Service ends are encoded as handle = -(agent + 2); timers use handles ≥ 0 (slots). */
const serviceHandle = (agent: number): number => -(agent + 2);

/** Draws used per caller, each from its own stream so plans compared with the same seed see the same callers. */
interface CallerStreams {
  readonly arrivals: RandomStream;
  readonly callerType: RandomStream;
  readonly patience: RandomStream;
  readonly intent: RandomStream;
  readonly orderValue: RandomStream;
  readonly handleTime: RandomStream;
  readonly sale: RandomStream;
  readonly resolution: RandomStream;
}

/**
 * Simulates one replication of a scenario: a discrete-event loop over a binary heap with
 * a virtual clock. Agents and the queue live here; each caller is the XState caller
 * machine, compiled once and stepped per event, and decides what the caller does.
 */
export function simulate(model: SimulationModel, options: SimulationOptions = {}): ReplicationResult {
  const replication = options.replication ?? 0;
  const streams = new RandomStreams(model.config.run.seed, replication);
  const draw: CallerStreams = {
    arrivals: streams.get('arrivals'),
    callerType: streams.get('callerType'),
    patience: streams.get('patience'),
    intent: streams.get('intent'),
    orderValue: streams.get('orderValue'),
    handleTime: streams.get('handleTime'),
    sale: streams.get('sale'),
    resolution: streams.get('resolution'),
  };
  const compiled = compileMachine(callerMachine);
  const QUEUED = compiled.stateId('queued');
  const IN_SERVICE = compiled.stateId('inService');

  const { warmup, horizon, intervalSeconds, intervalsPerDay, thresholdSeconds, callerTypes } = model;
  const maxCallers = options.maxCallers ?? Infinity;
  const heap = new EventHeap(4096);
  const queue = createQueue(model, streams);
  const total = new Tally();
  const intervalTallies = Array.from({ length: intervalsPerDay }, () => new Tally());
  const records: CallRecord[] | undefined = options.collectRecords ? [] : undefined;
  const onRecord = options.onRecord;
  let answeredWaits = new Float64Array(1024);
  let answeredWaitCount = 0;

  // Agents: who each is serving, since when, and the idle ones in order of becoming free.
  const agentCount = model.agents;
  const agentCaller: (LiveCaller | null)[] = new Array(agentCount).fill(null);
  const idleAgents = new Int32Array(Math.max(agentCount, 1));
  let idleHead = 0;
  let idleCount = agentCount;
  for (let i = 0; i < agentCount; i++) idleAgents[i] = i;

  // Timer slots for delayed machine events (lazy cancellation: a cancelled slot is skipped when it fires).
  const slotCaller: (LiveCaller | null)[] = [];
  const slotEvent: string[] = [];
  const freeSlots: number[] = [];

  // One mutable object per event type, filled in before each step: the compiled machine reads
  // events synchronously and keeps no reference to them (the caller machine's actions copy
  // the numbers they need into context), so this saves an allocation per step.
  const offerEvent = { type: 'OFFER' as const, agentFree: false, queueHasRoom: false };
  const answerEvent = { type: 'ANSWER' as const, waited: 0 };
  const serviceEndEvent = { type: 'SERVICE_END' as const, saleDraw: 0, resolutionDraw: 0 };

  const arrivals = new ArrivalProcess(model.segments, model.days);
  let now = 0;
  let callersCreated = 0;
  let countedAlive = 0;
  let eventsProcessed = 0;
  let queueChangedAt = warmup;

  const nextArrival = (): void => {
    if (callersCreated >= maxCallers) return;
    const time = arrivals.next(-Math.log(1 - draw.arrivals.next()));
    if (time <= horizon) heap.push(time, ARRIVAL_HANDLE);
  };

  const noteQueueChange = (): void => {
    if (now > queueChangedAt) {
      total.queueLengthArea += queue.size * (now - queueChangedAt);
      queueChangedAt = now;
    }
  };

  const schedule = (caller: LiveCaller, result: StepResult<CallerContext>): void => {
    const cancelled = result.cancelled;
    if (cancelled.length > 0 && caller.timers !== null) {
      for (const id of cancelled) {
        const timers: number[] = caller.timers;
        for (let i = 0; i < timers.length; i++) {
          const slot = timers[i]!;
          if (slotEvent[slot] === id && slotCaller[slot] === caller) {
            slotCaller[slot] = null;
            timers.splice(i, 1);
            break;
          }
        }
      }
    }
    for (const request of result.scheduled) {
      const delaySeconds = request.delayMs / 1000;
      if (!(delaySeconds < Infinity)) continue;
      const slot = freeSlots.length > 0 ? freeSlots.pop()! : slotCaller.length;
      slotCaller[slot] = caller;
      slotEvent[slot] = request.event;
      (caller.timers ??= []).push(slot);
      heap.push(now + delaySeconds, slot);
    }
  };

  const startService = (caller: LiveCaller, agent: number): void => {
    caller.answer = now;
    caller.agent = agent;
    agentCaller[agent] = caller;
    heap.push(now + caller.handleTime, serviceHandle(agent));
  };

  const takeIdleAgent = (): number => {
    const agent = idleAgents[idleHead]!;
    idleHead = (idleHead + 1) % idleAgents.length;
    idleCount--;
    return agent;
  };

  const releaseAgent = (agent: number): void => {
    idleAgents[(idleHead + idleCount) % idleAgents.length] = agent;
    idleCount++;
  };

  const addBusy = (bucket: number, seconds: number): void => {
    intervalTallies[bucket]!.busySeconds += seconds;
  };
  const recordBusy = (from: number, to: number): void => addOpenTime(model, from, to, addBusy);

  const finish = (caller: LiveCaller): void => {
    const context = caller.snapshot.context;
    const outcome = context.outcome as Outcome;
    const answered = caller.agent >= 0;
    const potentialRevenue = context.purchaseProbability * context.orderValue;
    const lostRevenue = answered
      ? (context.purchaseProbability - context.purchaseProbabilityNow) * context.orderValue
      : potentialRevenue;
    if (caller.timers !== null) for (const slot of caller.timers) slotCaller[slot] = null;
    if (caller.arrival < warmup) return;
    countedAlive--;
    const wait = answered ? caller.answer - caller.arrival : outcome === 'abandoned' ? now - caller.arrival : 0;
    const revenue = outcome === 'purchased' ? context.orderValue : 0;
    const handleTime = answered ? now - caller.answer : NaN;
    const bucket = bucketOf(caller.arrival, intervalSeconds);
    const hadIntent = caller.hadIntent;
    total.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    intervalTallies[bucket]!.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    if (answered) {
      if (answeredWaitCount === answeredWaits.length) {
        const grown = new Float64Array(answeredWaits.length * 2);
        grown.set(answeredWaits);
        answeredWaits = grown;
      }
      answeredWaits[answeredWaitCount++] = wait;
    }
    if (records === undefined && onRecord === undefined) return;
    // Records are built only when someone asked for them: the summary needs none.
    const record: CallRecord = {
      id: caller.id,
      replication,
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
  };

  const afterStep = (caller: LiveCaller, result: StepResult<CallerContext>): void => {
    caller.snapshot = result.snapshot;
    if (result.scheduled.length > 0 || result.cancelled.length > 0) schedule(caller, result);
    if (result.snapshot.status === 'done') {
      finish(caller);
      return;
    }
    const state = result.snapshot.state;
    if (state === QUEUED && caller.queueSlot === -1) {
      noteQueueChange();
      queue.push(caller);
      if (caller.arrival >= warmup) {
        const size = queue.size;
        if (size > total.maxQueueLength) total.maxQueueLength = size;
        const bucket = bucketOf(now, intervalSeconds);
        const tally = intervalTallies[bucket]!;
        if (size > tally.maxQueueLength) tally.maxQueueLength = size;
      }
    } else if (state === IN_SERVICE && caller.agent === -1) {
      startService(caller, takeIdleAgent());
    }
  };

  const arrive = (): void => {
    const id = callersCreated++;
    const shareDraw = draw.callerType.next();
    let typeIndex = 0;
    while (typeIndex < callerTypes.length - 1 && shareDraw >= callerTypes[typeIndex]!.cumulativeShare) typeIndex++;
    const type = callerTypes[typeIndex]!;
    const patience = type.patience === null ? Infinity : type.patience(draw.patience);
    const hadIntent = draw.intent.next() < type.purchaseIntent;
    const input: CallerInput = {
      patience,
      purchaseProbability: hadIntent ? type.problem.conversion : 0,
      resolutionProbability: type.problem.resolution,
      orderValue: type.orderValue(draw.orderValue),
      mood: type.mood,
      intentHalfLife: type.intentHalfLife,
      callerType: type.id,
      problem: type.problem.id,
    };
    const caller: LiveCaller = {
      id,
      snapshot: undefined as unknown as CompiledSnapshot<CallerContext>,
      arrival: now,
      typeIndex,
      handleTime: type.problem.handleTime(draw.handleTime),
      saleDraw: draw.sale.next(),
      resolutionDraw: draw.resolution.next(),
      hadIntent,
      queueSlot: -1,
      answer: NaN,
      agent: -1,
      timers: null,
    };
    if (now >= warmup) {
      countedAlive++;
      total.offered++;
      intervalTallies[bucketOf(now, intervalSeconds)]!.offered++;
    }
    const initial = compiled.initial(input);
    caller.snapshot = initial.snapshot;
    if (initial.scheduled.length > 0) schedule(caller, initial);
    offerEvent.agentFree = idleCount > 0;
    offerEvent.queueHasRoom = queue.size < model.queueCapacity;
    afterStep(caller, compiled.step(caller.snapshot, offerEvent));
    nextArrival();
  };

  const endService = (agent: number): void => {
    const caller = agentCaller[agent]!;
    agentCaller[agent] = null;
    recordBusy(caller.answer, now);
    serviceEndEvent.saleDraw = caller.saleDraw;
    serviceEndEvent.resolutionDraw = caller.resolutionDraw;
    afterStep(caller, compiled.step(caller.snapshot, serviceEndEvent));
    // The agent takes the next waiting caller the discipline picks, or goes idle.
    while (queue.size > 0) {
      noteQueueChange();
      const next = queue.pop()!;
      answerEvent.waited = now - next.arrival;
      const result = compiled.step(next.snapshot, answerEvent);
      next.snapshot = result.snapshot;
      if (result.scheduled.length > 0 || result.cancelled.length > 0) schedule(next, result);
      if (result.snapshot.state === IN_SERVICE) {
        startService(next, agent);
        return;
      }
      afterStep(next, result);
    }
    releaseAgent(agent);
  };

  const fireTimer = (slot: number): void => {
    const caller = slotCaller[slot];
    freeSlots.push(slot);
    if (caller == null) return;
    slotCaller[slot] = null;
    const timers = caller.timers!;
    timers.splice(timers.indexOf(slot), 1);
    const wasQueued = caller.queueSlot !== -1;
    const result = compiled.step(caller.snapshot, { type: slotEvent[slot]! });
    if (wasQueued && result.snapshot.state !== QUEUED) {
      noteQueueChange();
      queue.remove(caller);
    }
    afterStep(caller, result);
  };

  nextArrival();
  while (heap.size > 0) {
    const time = heap.peekTime();
    if (time > horizon) break;
    now = time;
    const handle = heap.pop();
    eventsProcessed++;
    if (handle === ARRIVAL_HANDLE) arrive();
    else if (handle >= 0) fireTimer(handle);
    else endService(-handle - 2);
  }

  // Close the books at the horizon: queue area up to the end, busy time of calls still in service.
  now = horizon;
  noteQueueChange();
  for (let agent = 0; agent < agentCount; agent++) {
    const caller = agentCaller[agent];
    if (caller) recordBusy(caller.answer, horizon);
  }
  addOpenTime(model, 0, horizon, (bucket, seconds) => {
    intervalTallies[bucket]!.staffedSeconds += seconds * agentCount;
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
    thresholdSeconds,
    denominator: model.config.serviceLevel.denominator,
    marginRate: model.config.money.margin,
    costPerAgentHour: model.config.agents.costPerHour,
  };
  return {
    replication,
    kpis: kpisOf(total, settings),
    p90Wait: quantile(answeredWaits.subarray(0, answeredWaitCount), 0.9),
    intervals: intervalTallies.map((tally) => kpisOf(tally, settings)),
    total,
    intervalTallies,
    inSystem: countedAlive,
    callersSimulated: callersCreated,
    eventsProcessed,
    ...(records ? { records } : {}),
  };
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
  const firstDay = Math.floor(start / SECONDS_PER_DAY);
  // Fast path (most calls): the whole stretch lies in one reporting interval of one open window.
  const offset = firstDay * SECONDS_PER_DAY;
  const bucket = Math.floor((start - offset) / model.intervalSeconds);
  if (end <= offset + (bucket + 1) * model.intervalSeconds) {
    for (const [windowStart, windowEnd] of model.windows) {
      if (start >= offset + windowStart && end <= offset + windowEnd) {
        add(bucket, end - start);
        return;
      }
    }
  }
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

/** Linear-interpolated quantile (type 7, as in R and simple-statistics) of unsorted values. */
function quantile(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
