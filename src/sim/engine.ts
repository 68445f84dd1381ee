import { blendedAgentsOf, ChannelSimulation, hasChannels, type CausedCall, type ChannelReplication } from '../channels/simulate.ts';
import type { ChannelName } from '../scenario/schema/channels.ts';
import { callerMachine, type CallerContext, type CallerEvent, type CallerInput } from '../callers/caller.ts';
import { compileMachine, type CompiledMachine, type MachineInstance, type StepRecord } from '../callers/compile.ts';
import type { CallRecord, Outcome } from '../domain/call.ts';
import { kpisOf, type KpiSettings, type Kpis } from '../metrics/kpis.ts';
import { Tally } from '../metrics/tally.ts';
import { ArrivalProcess } from '../kernel/arrivals.ts';
import { addOpenTime, bucketOf, nextOpenTime, SECONDS_PER_DAY, singleOpenBucket } from '../kernel/openHours.ts';
import { quantile } from '../kernel/quantile.ts';
import { EventHeap } from '../kernel/eventHeap.ts';
import type { PreparedSecretary, SimulationModel } from './model.ts';
import type { AnnouncementsConfig, CallbackConfig } from '../scenario/schema/realism.ts';
import { FifoQueue, LifoQueue, PriorityQueue, RandomQueue, type QueueDiscipline, type Waiting } from './queue.ts';
import { RandomStreams, type RandomStream } from '../kernel/rng.ts';
import { AgentPool, takeIdleBelow } from './agentPool.ts';
import type { RosterStep } from './roster.ts';
import { SkillRouter, type GroupRosterStep } from './routing.ts';
import { ScriptedService } from './scriptedService.ts';

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
  /** Keep every chat and ticket record in the channels' result (scenario `channels`). */
  readonly collectContacts?: boolean;
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
  /** KPIs per caller type, in the scenario's order (empty when there is only one type). */
  readonly byCallerType: readonly Kpis[];
  /** Chat and tickets, simulated in the same event loop (scenario `channels`). */
  readonly channels?: ChannelReplication;
  /** Per agent group under skill-based routing (empty without it). */
  readonly byGroup: readonly GroupFigures[];
}

/** What one agent group did in a replication (skill-based routing). Counted after the warm-up. */
export interface GroupFigures {
  readonly id: string;
  /** Calls the group answered, and those of them that came by overflow. */
  readonly answered: number;
  readonly overflowAnswered: number;
  /** Agent time on calls, and paid time, in opening hours (seconds). */
  readonly busySeconds: number;
  readonly paidSeconds: number;
  /** busySeconds / paidSeconds (0 without paid time). */
  readonly occupancy: number;
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
  queuedIn: unknown = null;
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
    this.causedBy = null;
  }
}

/**
 * Callbacks waiting to be made, in request order. Every callback in one list has the same
 * delay, so request order is also the order in which they fall due.
 */
class CallbackList {
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
/** The next change of the duty roster (shift start or end, break, shrinkage). */
const ROSTER_HANDLE = -2;
/** The next call while the line is closed. */
const AFTER_HOURS_HANDLE = -3;
/**
 * Timers the engine sets for itself (not the caller machine's delays), told apart by the `$`
 * their names start with: the maximum wait, announcements, a callback becoming due, a retrial.
 */
const DROP_TIMER = '$drop';
const ANNOUNCE_TIMER = '$announce';
const CALLBACK_READY_TIMER = '$callbackReady';
const RETRY_TIMER = '$retry';
const MESSAGE_TAKEN_TIMER = '$messageTaken';
const OVERFLOW_TIMER = '$overflow';
const ENGINE_TIMER_MARK = 36; // '$'
/** Service ends are encoded as handle = -(agent + 4); timers use handles ≥ 0 (slots). */
const serviceHandle = (agent: number): number => -(agent + 4);

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
  /** Serves the calls whose problem type has a call script; null when none has (scriptedService.ts). */
  private readonly scriptedService: ScriptedService | null;
  private readonly QUEUED: number;
  private readonly IN_SERVICE: number;

  // Realism features; each costs nothing per call while off (null / Infinity / false).
  private readonly lines: number;
  private readonly maxWait: number;
  private readonly announcements: AnnouncementsConfig | null;
  private readonly callback: CallbackConfig | null;
  /** A caller who joins the queue gets engine timers (maximum wait, announcements). */
  private readonly queueTimers: boolean;
  private readonly retrials: boolean;
  private readonly announcementDraws: RandomStream | null;
  private readonly callbackDraws: RandomStream | null;
  private readonly retrialDraws: RandomStream | null;
  private readonly secretary: PreparedSecretary | null;
  private readonly secretaryDraws: RandomStream | null;
  private seatsBusy = 0;
  /** Some callbacks may be made: accepted in the queue, or messages left with the secretary. */
  private readonly callbacksPossible: boolean;
  /** Callbacks accepted in the queue, and messages left with the secretary (each list in due order). */
  private readonly queueCallbacks = new CallbackList();
  private readonly messageCallbacks = new CallbackList();
  /** Voicemails left while closed, due when the line opens. */
  private readonly voicemailCallbacks = new CallbackList();
  /** Agents busy on a callback (they hold no inbound line). */
  private callbackCallsInService = 0;
  /** Service time ended so far, for the expected wait an announcement gives. */
  private serviceSeconds = 0;
  private servicesEnded = 0;
  private customersCreated = 0;
  /** One tally per caller type when there are several (fairness between tiers), else null. */
  private readonly typeTallies: Tally[] | null;
  private readonly hangUpEvent = { type: 'HANG_UP' as const, waited: 0 };
  private readonly dropEvent = { type: 'DROP' as const, waited: 0 };
  private readonly acceptCallbackEvent = { type: 'ACCEPT_CALLBACK' as const, waited: 0 };
  private readonly callBackEvent = { type: 'CALL_BACK' as const, waited: 0, reached: false };
  private readonly takeMessageEvent = { type: 'TAKE_MESSAGE' as const };
  private readonly messageTakenEvent = { type: 'MESSAGE_TAKEN' as const, solved: false };
  private readonly closedEvent = { type: 'CLOSED' as const };

  private readonly warmup: number;
  private readonly horizon: number;
  private readonly intervalSeconds: number;
  private readonly thresholdSeconds: number;
  private readonly callerTypes: SimulationModel['callerTypes'];
  private readonly maxCallers: number;
  private readonly heap = new EventHeap(4096);
  private readonly queue: QueueDiscipline<LiveCaller>;
  /** Skill-based routing (also `queue`), or null for one queue and one pool of agents. */
  private readonly router: SkillRouter<LiveCaller> | null;
  private readonly overflowAfter: number;
  private readonly groupAnswered: Float64Array;
  private readonly groupOverflowAnswered: Float64Array;
  private readonly groupBusy: Float64Array;
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
  /** One pool for the whole team, or under routing the router's, one per agent group. */
  private readonly pools: readonly AgentPool[];
  /** The whole team's pool (without routing). */
  private readonly team: AgentPool;
  /** Over all pools: idle agents, agents on the phone (idle or busy, not counting `leaving`), busy agents due off once their call ends. */
  private idleCount: number;
  private onDuty: number;
  private leaving = 0;
  private rosterStep = 0;
  private rosterDay = 0;

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
  /** Calls while the line is closed, with their own stream (their callers draw from the usual ones). */
  private readonly afterHoursArrivals: ArrivalProcess | null;
  private readonly afterHoursDraws: RandomStream | null;
  /** The after-hours callers' choices (voicemail, calling again and when), apart from their arrival times. */
  private readonly afterHoursChoices: RandomStream | null;
  /**
   * Chat and tickets (channels/simulate.ts), stepped in this event loop; null without them.
   * The first `blendedAgents` agents take a waiting contact instead of going idle, while more
   * than `keepFree` agents are idle; the calls unanswered contacts cause draw from their own stream.
   */
  private readonly channels: ChannelSimulation | null;
  private readonly blendedAgents: number;
  private readonly keepFree: number;
  private readonly contactCallDraws: RandomStream | null;
  /** Agents on a chat or ticket (they hold no inbound line), and when each started it (-1: none). */
  private contactsInService = 0;
  private readonly contactStart: Float64Array;
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
    this.scriptedService = model.scripted === null ? null : new ScriptedService(model.scripted, model.config.run.seed, this.replication);
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
    this.lines = model.lines;
    this.maxWait = model.maxWait;
    this.announcements = model.announcements;
    this.callback = model.callback;
    this.queueTimers = model.maxWait < Infinity || model.announcements !== null;
    this.retrials = model.callerTypes.some((type) => type.retrial !== null) || model.afterHours !== null;
    this.announcementDraws = model.announcements !== null ? streams.get('announcement') : null;
    this.callbackDraws = model.callback !== null ? streams.get('callback') : null;
    this.retrialDraws = model.callerTypes.some((type) => type.retrial !== null) ? streams.get('retrial') : null;
    this.secretary = model.secretary;
    this.secretaryDraws = model.secretary !== null ? streams.get('secretary') : null;
    this.callbacksPossible = model.callback !== null || model.secretary !== null || model.afterHours !== null;
    this.typeTallies = model.callerTypes.length > 1 ? model.callerTypes.map(() => new Tally()) : null;

    this.warmup = model.warmup;
    this.horizon = model.horizon;
    this.intervalSeconds = model.intervalSeconds;
    this.thresholdSeconds = model.thresholdSeconds;
    this.callerTypes = model.callerTypes;
    this.maxCallers = options.maxCallers ?? Infinity;
    const routing = model.routing;
    if (routing !== null) {
      const priorities = model.callerTypes.map((type) => type.priority);
      this.router = new SkillRouter<LiveCaller>(routing, model.config.queue.discipline === 'priority' ? (caller) => priorities[caller.typeIndex]! : null);
      this.queue = this.router;
    } else {
      this.router = null;
      this.queue = createQueue(model, streams);
    }
    this.overflowAfter = routing?.overflowAfter ?? Infinity;
    const groupCount = routing?.groups.length ?? 0;
    this.groupAnswered = new Float64Array(groupCount);
    this.groupOverflowAnswered = new Float64Array(groupCount);
    this.groupBusy = new Float64Array(groupCount);
    this.intervalTallies = Array.from({ length: model.intervalsPerDay }, () => new Tally());
    this.records = options.collectRecords ? [] : undefined;
    this.onRecord = options.onRecord;

    this.agentCount = model.agents;
    this.agentCaller = new Array<LiveCaller | null>(this.agentCount).fill(null);
    const roster = model.roster;
    this.onDuty = roster === null ? this.agentCount : roster.steps[0]!.available;
    this.idleCount = this.onDuty;
    this.pools = this.router !== null ? this.router.pools : [new AgentPool(this.agentCount)];
    this.team = this.pools[0]!;
    // Each pool's first people on duty are idle, the others off the phone.
    const firstStep = roster === null ? null : (roster.steps[0] as GroupRosterStep);
    const layout =
      routing !== null
        ? routing.groups.map((group, g) => ({ first: group.firstAgent, size: group.size, available: firstStep === null ? group.size : firstStep.groups[g]!.available }))
        : [{ first: 0, size: this.agentCount, available: this.onDuty }];
    layout.forEach(({ first, size, available }, p) => {
      const pool = this.pools[p]!;
      pool.onDuty = available;
      for (let k = 0; k < size; k++) {
        if (k < available) pool.release(first + k, 0);
        else pool.offDuty.push(first + k);
      }
    });
    if (roster !== null) this.scheduleRosterChange();

    this.arrivals = new ArrivalProcess(model.segments, model.days, model.dayFactors, model.week);
    this.afterHoursArrivals = model.afterHours !== null ? new ArrivalProcess(model.afterHours.segments, model.days, model.dayFactors, null, model.afterHours.closedDaySegments) : null;
    this.afterHoursDraws = model.afterHours !== null ? streams.get('afterHours') : null;
    this.afterHoursChoices = model.afterHours !== null ? streams.get('afterHoursChoice') : null;
    this.queueChangedAt = model.warmup;
    this.channels = hasChannels(model) ? new ChannelSimulation(model, this.replication, options.collectContacts ?? false) : null;
    this.blendedAgents = this.channels !== null ? blendedAgentsOf(model) : 0;
    this.keepFree = model.config.channels?.blended.keepFree ?? 0;
    this.contactCallDraws = this.channels !== null ? streams.get('contactCalls') : null;
    this.contactStart = new Float64Array(this.channels !== null ? this.agentCount : 0).fill(-1);
  }

  run(): void {
    this.nextArrival();
    if (this.afterHoursArrivals !== null) this.nextAfterHoursCall();
    while (this.runEvents(EVENT_BATCH));
  }

  /** Handles up to `budget` events in time order; false once the run is over. */
  private runEvents(budget: number): boolean {
    const heap = this.heap;
    const horizon = this.horizon;
    const channels = this.channels;
    for (let i = 0; i < budget; i++) {
      // Ties: the phone's event first.
      if (channels !== null && channels.nextTime() < (heap.size > 0 ? heap.peekTime() : Infinity)) {
        if (channels.nextTime() > horizon) return false;
        this.channelEvent(channels);
        continue;
      }
      if (heap.size === 0) return false;
      const time = heap.peekTime();
      if (time > horizon) return false;
      this.now = time;
      const handle = heap.pop();
      this.eventsProcessed++;
      if (handle === ARRIVAL_HANDLE) this.arrive();
      else if (handle >= 0) this.fireTimer(handle);
      else if (handle === ROSTER_HANDLE) this.rosterChange();
      else if (handle === AFTER_HOURS_HANDLE) this.afterHoursCall();
      else this.endService(-handle - 4);
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

  /** `conversation`: false for a callback attempt nobody picks up (no script is walked). */
  private startService(caller: LiveCaller, agent: number, duration = caller.handleTime, conversation = true): void {
    caller.answer = this.now;
    caller.agent = agent;
    this.agentCaller[agent] = caller;
    // A scripted call lasts as long as its walk (the agent profile's speed applies there).
    const scripted = conversation && this.scriptedService !== null ? this.scriptedService.startService(caller, agent) : undefined;
    const factors = this.model.agentHandleTimeFactors;
    const routing = this.model.routing;
    // A less proficient agent takes longer over the same call.
    const time =
      scripted ??
      (routing !== null
        ? routing.plainFactors
          ? duration
          : duration * routing.groups[routing.agentGroup[agent]!]!.factors[caller.problemIndex]!
        : factors === null
          ? duration
          : duration * factors[agent]!);
    this.heap.push(this.now + time, serviceHandle(agent));
  }

  /** Takes the idle agent who answers `caller` (any idle agent without routing). */
  private takeIdleAgent(caller: LiveCaller): number {
    this.idleCount--;
    return this.router !== null ? this.router.takeAgentFor(caller.problemIndex, this.overflowAfter === 0) : this.team.take();
  }

  private releaseAgent(agent: number): void {
    this.poolOf(agent).release(agent, this.now);
    this.idleCount++;
  }

  /** The pool `agent` belongs to. */
  private poolOf(agent: number): AgentPool {
    return this.router !== null ? this.router.poolOf(agent) : this.team;
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

  /**
   * Books a call that ended. Returns true when the customer will call again (a retrial is
   * scheduled on the same caller object, which must then not be recycled).
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
    const retryAt = this.retrials ? this.retrialTime(caller, outcome) : Infinity;
    const retry = retryAt < Infinity;
    const basePurchaseProbability = caller.basePurchaseProbability;
    const potentialRevenue = caller.attempt === 0 ? basePurchaseProbability * context.orderValue : 0;
    const lostRevenue = retry
      ? 0
      : answered
        ? (basePurchaseProbability - context.purchaseProbabilityNow) * context.orderValue
        : basePurchaseProbability * context.orderValue;
    if (caller.timer !== -1) {
      this.slotCaller[caller.timer] = null;
      if (caller.moreTimers !== null) for (const slot of caller.moreTimers) this.slotCaller[slot] = null;
    }
    if (retry) {
      caller.timer = -1;
      caller.moreTimers = null;
      this.addEngineTimer(caller, RETRY_TIMER, retryAt - this.now);
    }
    if (caller.arrival < this.warmup) return retry;
    this.countedAlive--;
    const now = this.now;
    const wait = answered ? caller.answer - caller.arrival : outcome === 'blocked' ? 0 : now - caller.arrival;
    const revenue = outcome === 'purchased' ? context.orderValue : 0;
    const handleTime = answered ? now - caller.answer : NaN;
    const bucket = caller.bucket;
    const hadIntent = caller.hadIntent;
    const thresholdSeconds = this.thresholdSeconds;
    this.total.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    this.intervalTallies[bucket]!.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    const served = answered && outcome !== 'unreached';
    if (this.router !== null && caller.agent >= 0) {
      const group = this.model.routing!.agentGroup[caller.agent]!;
      addAt(this.groupAnswered, group, 1);
      if (caller.viaOverflow) addAt(this.groupOverflowAnswered, group, 1);
    }
    if (this.typeTallies !== null || !served || caller.viaCallback) {
      this.bookCustomer(caller, outcome, served, retry, wait, handleTime, revenue, potentialRevenue, lostRevenue);
    }
    if (served && wait === 0) this.answeredAtOnce++;
    else if (served) {
      if (this.answeredWaitCount === this.answeredWaits.length) {
        const grown = new Float64Array(this.answeredWaits.length * 2);
        grown.set(this.answeredWaits);
        this.answeredWaits = grown;
      }
      this.answeredWaits[this.answeredWaitCount++] = wait;
    }
    const records = this.records;
    const onRecord = this.onRecord;
    if (records === undefined && onRecord === undefined) return retry;
    // Records are built only when someone asked for them: the summary needs none.
    const record: CallRecord = {
      id: caller.id,
      replication: this.replication,
      callerType: context.callerType,
      problem: context.problem,
      customer: caller.customer,
      attempt: caller.attempt,
      callback: caller.viaCallback,
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
    const booked = caller.causedBy === null ? record : { ...record, causedBy: caller.causedBy };
    if (records) records.push(booked);
    if (onRecord) onRecord(booked);
    return retry;
  }

  /**
   * When a caller whose call just ended calls again, or Infinity if they do not (drawn from
   * the retrial stream). A retrial due while the line is closed is made when it opens again;
   * one due after the end of the run is never made, and the customer counts as lost.
   */
  private retrialTime(caller: LiveCaller, outcome: Outcome): number {
    if (outcome === 'closed') {
      const afterHours = this.model.afterHours!;
      if (!(this.afterHoursChoices!.next() < afterHours.callAgain)) return Infinity;
      const opens = nextOpenTime(this.model.windows, this.model.days, this.now, this.model.dayFactors);
      const at = nextOpenTime(this.model.windows, this.model.days, opens + afterHours.delay(this.afterHoursChoices!), this.model.dayFactors);
      return at < this.horizon ? at : Infinity;
    }
    const retrial = this.callerTypes[caller.typeIndex]!.retrial;
    if (retrial === null || caller.attempt + 1 >= retrial.maxAttempts) return Infinity;
    const probability =
      outcome === 'blocked'
        ? retrial.afterBlocked
        : outcome === 'abandoned'
          ? retrial.afterAbandoned
          : outcome === 'dropped'
            ? retrial.afterDropped
            : 0;
    if (!(probability > 0 && this.retrialDraws!.next() < probability)) return Infinity;
    const at = nextOpenTime(this.model.windows, this.model.days, this.now + retrial.delay(this.retrialDraws!), this.model.dayFactors);
    return at < this.horizon ? at : Infinity;
  }

  /** The per-customer and per-caller-type figures of a counted call that ended. */
  private bookCustomer(
    caller: LiveCaller,
    outcome: Outcome,
    served: boolean,
    retry: boolean,
    wait: number,
    handleTime: number,
    revenue: number,
    potentialRevenue: number,
    lostRevenue: number,
  ): void {
    const total = this.total;
    const typeTally = this.typeTallies?.[caller.typeIndex];
    const reached = served && caller.viaCallback;
    const lost = !served && !retry;
    if (reached) total.callbacksReached++;
    if (lost) total.customersGaveUp++;
    if (typeTally === undefined) return;
    typeTally.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, caller.hadIntent, this.thresholdSeconds);
    if (reached) typeTally.callbacksReached++;
    if (lost) typeTally.customersGaveUp++;
  }

  /** Takes in what the caller machine did: timers, the end of the call, queueing, an agent. */
  private afterStep(caller: LiveCaller, step: StepRecord): void {
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(caller, step);
    if (step.done) {
      if (!this.finish(caller)) this.spareCallers.push(caller);
      return;
    }
    const state = caller.state;
    if (state === this.QUEUED && caller.queueSlot === -1) {
      if (this.callback !== null && this.offerCallback(caller)) return;
      if (this.queueTimers) this.setQueueTimers(caller);
      this.noteQueueChange();
      const queue = this.queue;
      queue.push(caller);
      if (this.router !== null && this.model.routing!.overflowGroups[caller.problemIndex]!.length > 0) {
        if (this.overflowAfter === 0) this.router.markOverflowed(caller);
        else this.addEngineTimer(caller, OVERFLOW_TIMER, this.overflowAfter);
      }
      if (caller.arrival >= this.warmup) {
        const size = queue.size;
        if (size > this.total.maxQueueLength) this.total.maxQueueLength = size;
        const tally = this.intervalTallies[bucketOf(this.now, this.intervalSeconds)]!;
        if (size > tally.maxQueueLength) tally.maxQueueLength = size;
      }
    } else if (state === this.IN_SERVICE && caller.agent === -1) {
      this.startService(caller, this.takeIdleAgent(caller));
    }
  }

  private arrive(): void {
    this.offer(this.newCustomer());
    this.nextArrival();
  }

  private nextAfterHoursCall(): void {
    const time = this.afterHoursArrivals!.next(-Math.log(1 - this.afterHoursDraws!.next()));
    if (time <= this.horizon) this.heap.push(time, AFTER_HOURS_HANDLE);
  }

  /**
   * A call while the line is closed: counted as offered, it hears the closed message; the
   * caller leaves a voicemail (called back once the line opens), or not (and may call again,
   * see `retrialTime`).
   */
  private afterHoursCall(): void {
    const afterHours = this.model.afterHours!;
    const caller = this.newCustomer();
    this.countOffered(caller);
    this.compiled.initialInPlace(caller, this.input);
    if (this.afterHoursChoices!.next() < afterHours.voicemail) {
      if (caller.arrival >= this.warmup) this.total.voicemails++;
      this.compiled.stepInPlace(caller, this.takeMessageEvent);
      const event = this.messageTakenEvent;
      event.solved = false;
      this.compiled.stepInPlace(caller, event);
      const opens = nextOpenTime(this.model.windows, this.model.days, this.now, this.model.dayFactors);
      // Never called back within the run: the voicemail stays unanswered (the caller is still in the system).
      if (opens < this.horizon) this.requestCallback(caller, this.voicemailCallbacks, opens - this.now, afterHours.reach, afterHours.attemptTime);
    } else {
      this.afterStep(caller, this.compiled.stepInPlace(caller, this.closedEvent));
    }
    this.nextAfterHoursCall();
  }

  /**
   * A new customer's first call, drawn from the usual streams; or, given `draws`, a customer of
   * caller type `fixedType` whose every draw comes from that stream (calls caused by chat and tickets).
   */
  private newCustomer(fixedType = -1, draws: RandomStream | null = null): LiveCaller {
    const now = this.now;
    const id = this.callersCreated++;
    const callerTypes = this.callerTypes;
    let typeIndex = fixedType < 0 ? 0 : fixedType;
    if (fixedType < 0 && callerTypes.length > 1) {
      const shareDraw = this.callerTypeDraws.next();
      while (typeIndex < callerTypes.length - 1 && shareDraw >= callerTypes[typeIndex]!.cumulativeShare) typeIndex++;
    }
    const type = callerTypes[typeIndex]!;
    const input = this.input;
    input.patience = type.patience === null ? Infinity : type.patience(draws ?? this.patienceDraws);
    // A uniform draw in [0, 1) is below an intent of 1 and never below 0.
    const hadIntent = this.intentDecided ? type.purchaseIntent >= 1 : (draws ?? this.intentDraws).next() < type.purchaseIntent;
    input.purchaseProbability = hadIntent ? type.problem.conversion : 0;
    input.resolutionProbability = type.problem.resolution;
    input.orderValue = type.orderValue(draws ?? this.orderValueDraws);
    input.mood = type.mood;
    input.intentHalfLife = type.intentHalfLife;
    input.callerType = type.id;
    input.problem = type.problem.id;
    const handleTime = type.problem.handleTime(draws ?? this.handleTimeDraws);
    const saleDraw = (draws ?? this.saleDraws).next();
    const resolutionDraw = (draws ?? this.resolutionDraws).next();
    const caller = this.spareCallers.pop() ?? new LiveCaller();
    caller.start(id, now, handleTime, saleDraw, resolutionDraw, hadIntent);
    caller.customer = this.customersCreated++;
    caller.attempt = 0;
    caller.firstArrival = now;
    caller.typeIndex = typeIndex;
    caller.problemIndex = type.problemIndex;
    caller.basePurchaseProbability = input.purchaseProbability;
    caller.viaCallback = false;
    if (now >= this.warmup) {
      this.total.customers++;
      if (this.typeTallies !== null) this.typeTallies[typeIndex]!.customers++;
    }
    return caller;
  }

  /** Counts a call (first or retrial) that reaches the switchboard and steps its machine to the offer. */
  private offer(caller: LiveCaller): void {
    this.countOffered(caller);
    const compiled = this.compiled;
    const initial = compiled.initialInPlace(caller, this.input);
    if (initial.scheduled.length > 0) this.schedule(caller, initial);
    if (this.secretary !== null && this.takeMessage(caller)) return;
    const offerEvent = this.offerEvent;
    const queueSize = this.queue.size;
    // Inbound lines hold the callers waiting and those talking to an agent (not callbacks).
    const lineFree = queueSize + (this.onDuty + this.leaving - this.idleCount - this.callbackCallsInService - this.contactsInService) < this.lines;
    offerEvent.agentFree = this.agentFreeFor(caller) && lineFree;
    offerEvent.queueHasRoom = queueSize < this.model.queueCapacity && lineFree;
    this.afterStep(caller, compiled.stepInPlace(caller, offerEvent));
  }

  /** An idle agent may answer the caller now (under routing, one with the caller's skill). */
  private agentFreeFor(caller: LiveCaller): boolean {
    if (this.router === null) return this.idleCount > 0;
    return this.idleCount > 0 && this.router.idleFor(caller.problemIndex, this.overflowAfter === 0);
  }

  /** Counts a call that reaches the line (after the warm-up). */
  private countOffered(caller: LiveCaller): void {
    const now = this.now;
    if (now >= this.warmup) {
      this.countedAlive++;
      this.total.offered++;
      caller.bucket = bucketOf(now, this.intervalSeconds);
      this.intervalTallies[caller.bucket]!.offered++;
      if (this.typeTallies !== null) this.typeTallies[caller.typeIndex]!.offered++;
    }
  }

  /** A customer calls again: the same caller object, a new call with the intent left after the time passed. */
  private retry(caller: LiveCaller): void {
    const now = this.now;
    const type = this.callerTypes[caller.typeIndex]!;
    const previous = caller.context;
    const input = this.input;
    // The retrial's draws come from the retrial stream, so other callers' draws do not shift.
    input.patience = type.patience === null ? Infinity : type.patience((this.retrialDraws ?? this.afterHoursChoices)!);
    input.purchaseProbability = caller.basePurchaseProbability * Math.pow(0.5, (now - caller.firstArrival) / type.intentHalfLife);
    input.resolutionProbability = type.problem.resolution;
    input.orderValue = previous.orderValue;
    input.mood = previous.mood;
    input.intentHalfLife = type.intentHalfLife;
    input.callerType = type.id;
    input.problem = type.problem.id;
    const { customer, attempt, firstArrival, basePurchaseProbability } = caller;
    caller.start(this.callersCreated++, now, caller.handleTime, caller.saleDraw, caller.resolutionDraw, caller.hadIntent);
    caller.customer = customer;
    caller.attempt = attempt + 1;
    caller.firstArrival = firstArrival;
    caller.basePurchaseProbability = basePurchaseProbability;
    caller.viaCallback = false;
    if (now >= this.warmup) {
      this.total.retrials++;
      if (this.typeTallies !== null) this.typeTallies[caller.typeIndex]!.retrials++;
    }
    this.offer(caller);
  }

  /** Sets an engine timer (name starting with `$`) for the caller, `delay` seconds from now. */
  private addEngineTimer(caller: LiveCaller, event: string, delay: number): void {
    const freeSlots = this.freeSlots;
    const slot = freeSlots.length > 0 ? freeSlots.pop()! : this.slotCaller.length;
    this.slotCaller[slot] = caller;
    this.slotEvent[slot] = event;
    addTimer(caller, slot);
    this.heap.push(this.now + delay, slot);
  }

  /** A caller joins the queue: the maximum wait and the first announcement start counting. */
  private setQueueTimers(caller: LiveCaller): void {
    if (this.maxWait < Infinity) this.addEngineTimer(caller, DROP_TIMER, this.maxWait);
    if (this.announcements !== null) this.addEngineTimer(caller, ANNOUNCE_TIMER, this.announcements.first);
  }

  /** An engine timer fired for a caller (stale ones, for a caller no longer waiting, do nothing). */
  private engineTimer(caller: LiveCaller, event: string): void {
    switch (event) {
      case DROP_TIMER:
        if (caller.queueSlot === -1) return;
        this.dropEvent.waited = this.now - caller.arrival;
        this.leaveQueue(caller, this.dropEvent);
        return;
      case ANNOUNCE_TIMER:
        if (caller.queueSlot !== -1) this.announce(caller);
        return;
      case CALLBACK_READY_TIMER:
        this.dispatchCallbacks();
        return;
      case RETRY_TIMER:
        this.retry(caller);
        return;
      case MESSAGE_TAKEN_TIMER:
        this.messageTaken(caller);
        return;
      case OVERFLOW_TIMER:
        if (caller.queueSlot !== -1) this.overflow(caller);
        return;
    }
  }

  /**
   * A caller has waited `queue.overflowAfter`: answered at once by an idle agent of an overflow
   * group if there is one, else marked so the next free one takes them.
   */
  private overflow(caller: LiveCaller): void {
    const router = this.router!;
    if (!router.idleFor(caller.problemIndex, true)) {
      router.markOverflowed(caller);
      return;
    }
    this.noteQueueChange();
    router.remove(caller);
    this.idleCount--;
    const agent = router.takeAgentFor(caller.problemIndex, true);
    if (!this.answer(caller, agent, true)) this.nextJob(agent);
  }

  /** `agent` answers a caller taken out of the queue; false when the caller's machine did not go into service. */
  private answer(caller: LiveCaller, agent: number, overflow: boolean): boolean {
    const answerEvent = this.answerEvent;
    answerEvent.waited = this.now - caller.arrival;
    const step = this.compiled.stepInPlace(caller, answerEvent);
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(caller, step);
    if (caller.state === this.IN_SERVICE) {
      caller.viaOverflow = overflow;
      this.startService(caller, agent);
      return true;
    }
    this.afterStep(caller, step);
    return false;
  }

  /** A waiting caller leaves the queue on an event from the engine (hang-up after an announcement, dropped line). */
  private leaveQueue(caller: LiveCaller, event: CallerEvent): void {
    const step = this.compiled.stepInPlace(caller, event);
    this.noteQueueChange();
    this.queue.remove(caller);
    this.afterStep(caller, step);
  }

  /**
   * Plays the announcement to a waiting caller, who may hang up right after it: the chance
   * grows with the callers announced ahead or the expected wait announced.
   */
  private announce(caller: LiveCaller): void {
    const announcements = this.announcements!;
    let probability = announcements.hangUp;
    if (announcements.says === 'position') {
      probability += announcements.hangUpPerCallerAhead * this.queue.ahead(caller);
    } else if (announcements.says === 'expected-wait') {
      probability += (announcements.hangUpPerMinuteOfExpectedWait * this.expectedWait(caller)) / 60;
    }
    if (this.announcementDraws!.next() < probability) {
      if (caller.arrival >= this.warmup) {
        this.total.abandonedAfterAnnouncement++;
        if (this.typeTallies !== null) this.typeTallies[caller.typeIndex]!.abandonedAfterAnnouncement++;
      }
      this.hangUpEvent.waited = this.now - caller.arrival;
      this.leaveQueue(caller, this.hangUpEvent);
      return;
    }
    if (announcements.every > 0) this.addEngineTimer(caller, ANNOUNCE_TIMER, announcements.every);
  }

  /**
   * The wait a phone system would announce: the caller's place in line times the average
   * handle time so far, spread over the agents.
   */
  private expectedWait(caller: LiveCaller): number {
    const averageHandleTime = this.servicesEnded > 0 ? this.serviceSeconds / this.servicesEnded : 0;
    // Under routing the wait is for the groups with the caller's skill.
    const serving = this.router !== null ? this.router.onDutyFor(caller.problemIndex) : this.onDuty;
    return ((this.queue.ahead(caller) + 1) * averageHandleTime) / Math.max(serving, 1);
  }

  /**
   * Offers a callback to a caller about to join the queue; true when accepted (the caller
   * leaves the line and waits in the callback list instead).
   */
  private offerCallback(caller: LiveCaller): boolean {
    const callback = this.callback!;
    const ahead = this.router !== null ? this.router.waiting(caller.problemIndex) : this.queue.size;
    if (ahead < callback.offerWhenAhead) return false;
    if (!(this.callbackDraws!.next() < callback.acceptance)) return false;
    const event = this.acceptCallbackEvent;
    event.waited = 0;
    const step = this.compiled.stepInPlace(caller, event);
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(caller, step);
    if (caller.arrival >= this.warmup) {
      this.total.callbacksRequested++;
      if (this.typeTallies !== null) this.typeTallies[caller.typeIndex]!.callbacksRequested++;
    }
    this.requestCallback(caller, this.queueCallbacks, callback.delay, callback.reach, callback.attemptTime);
    return true;
  }

  /** Puts a caller who is off the line on a callback list, due `delay` seconds from now. */
  private requestCallback(caller: LiveCaller, list: CallbackList, delay: number, reach: number, attemptTime: number): void {
    caller.callbackReadyAt = this.now + delay;
    caller.callbackReach = reach;
    caller.callbackAttemptTime = attemptTime;
    list.push(caller);
    if (delay > 0) this.addEngineTimer(caller, CALLBACK_READY_TIMER, delay);
    else this.dispatchCallbacks();
  }

  /**
   * The virtual secretary answers the call if a seat is free (and, answering overflow only,
   * no agent is): true when it did. The caller's `answer` marks the start of the message.
   */
  private takeMessage(caller: LiveCaller): boolean {
    const secretary = this.secretary!;
    if (this.seatsBusy >= secretary.seats) return false;
    if (secretary.answers === 'overflow' && this.agentFreeFor(caller)) return false;
    this.seatsBusy++;
    caller.answer = this.now;
    this.compiled.stepInPlace(caller, this.takeMessageEvent);
    if (caller.arrival >= this.warmup) {
      const tally = this.intervalTallies[caller.bucket]!;
      this.total.secretaryCalls++;
      tally.secretaryCalls++;
      this.total.secretaryFees += secretary.costPerCall;
      tally.secretaryFees += secretary.costPerCall;
      if (this.typeTallies !== null) this.typeTallies[caller.typeIndex]!.secretaryCalls++;
    }
    this.addEngineTimer(caller, MESSAGE_TAKEN_TIMER, secretary.messageTime(this.secretaryDraws!));
    return true;
  }

  /** The secretary hangs up: the caller was told what they needed, or a callback is due. */
  private messageTaken(caller: LiveCaller): void {
    const secretary = this.secretary!;
    this.seatsBusy--;
    const event = this.messageTakenEvent;
    event.solved = this.secretaryDraws!.next() < secretary.solves;
    const step = this.compiled.stepInPlace(caller, event);
    if (step.done) {
      this.afterStep(caller, step);
      return;
    }
    this.requestCallback(caller, this.messageCallbacks, secretary.callbackDelay, secretary.reach, secretary.attemptTime);
  }

  /**
   * The callback due the longest (each list is in due order), taken off its list, or null when none is due. Live callers
   * come first: call only with an empty queue.
   */
  private dueCallback(agent: number): LiveCaller | null {
    const router = this.router;
    // Under routing an agent calls back only about a problem it has the skill for.
    const list = router === null ? this.dueList() : this.dueListFor((problem) => router.answers(agent, problem));
    return list === null ? null : list.take();
  }

  /** The callback list whose next callback fell due first, or null when none is due. */
  private dueList(): CallbackList | null {
    let list = this.queueCallbacks;
    if (this.messageCallbacks.nextDue() < list.nextDue()) list = this.messageCallbacks;
    if (this.voicemailCallbacks.nextDue() < list.nextDue()) list = this.voicemailCallbacks;
    return list.nextDue() <= this.now ? list : null;
  }

  /**
   * Under routing: among the lists whose next callback is due and about a problem `accepts`
   * takes, the one due first (so a callback nobody free can make does not hold up the others).
   */
  private dueListFor(accepts: (problem: number) => boolean): CallbackList | null {
    let best: CallbackList | null = null;
    for (const list of [this.queueCallbacks, this.messageCallbacks, this.voicemailCallbacks]) {
      const due = list.nextDue();
      if (due <= this.now && (best === null || due < best.nextDue()) && accepts(list.peek()!.problemIndex)) best = list;
    }
    return best;
  }

  /** Idle agents call back the customers whose callbacks are due, while nobody waits on the line. */
  private dispatchCallbacks(): void {
    const router = this.router;
    if (router !== null) {
      // Under routing an idle agent has nobody waiting for its skills: it may call back whoever it has a skill for.
      const someoneFree = (problem: number): boolean => router.idleFor(problem, true);
      for (let list = this.dueListFor(someoneFree); list !== null; list = this.dueListFor(someoneFree)) {
        const problem = list.peek()!.problemIndex;
        this.idleCount--;
        this.callBack(list.take(), router.takeAgentFor(problem, true));
      }
      return;
    }
    while (this.idleCount > 0 && this.queue.size === 0) {
      const list = this.dueList();
      if (list === null) return;
      const caller = list.take();
      this.callBack(caller, this.takeIdleAgent(caller));
    }
  }

  /** `agent` calls the customer back; whoever picks up is served, otherwise the attempt takes `attemptTime`. */
  private callBack(caller: LiveCaller, agent: number): void {
    const event = this.callBackEvent;
    event.waited = this.now - caller.arrival;
    event.reached = (this.callbackDraws ?? this.secretaryDraws ?? this.afterHoursChoices)!.next() < caller.callbackReach;
    const step = this.compiled.stepInPlace(caller, event);
    if (step.scheduled.length > 0 || step.cancelled.length > 0) this.schedule(caller, step);
    caller.viaCallback = true;
    this.callbackCallsInService++;
    this.startService(caller, agent, event.reached ? caller.handleTime : caller.callbackAttemptTime, event.reached);
  }

  /** Puts the next change of the duty roster on the heap. */
  private scheduleRosterChange(): void {
    const steps = this.model.roster!.steps;
    this.rosterStep++;
    if (this.rosterStep === steps.length) {
      this.rosterStep = 0;
      this.rosterDay++;
    }
    const time = this.rosterDay * SECONDS_PER_DAY + steps[this.rosterStep]!.at;
    if (time <= this.horizon) this.heap.push(time, ROSTER_HANDLE);
  }

  /** A roster change: agents come on the phone (and take waiting callers) or go off it, pool by pool. */
  private rosterChange(): void {
    const step = this.model.roster!.steps[this.rosterStep]!;
    this.scheduleRosterChange();
    if (this.router === null) {
      this.staffPool(this.team, step.available);
      return;
    }
    const groups = (step as GroupRosterStep).groups;
    for (let g = 0; g < groups.length; g++) this.staffPool(this.pools[g]!, groups[g]!.available);
  }

  /** Brings `pool` to `target` people on the phone: idle agents leave at once, busy ones when their call ends. */
  private staffPool(pool: AgentPool, target: number): void {
    while (pool.onDuty > target) {
      pool.onDuty--;
      this.onDuty--;
      if (pool.idle > 0) {
        this.idleCount--;
        pool.offDuty.push(pool.take());
      } else {
        pool.leaving++;
        this.leaving++;
      }
    }
    while (pool.onDuty < target) {
      pool.onDuty++;
      this.onDuty++;
      if (pool.leaving > 0) {
        // A busy agent due off stays on instead.
        pool.leaving--;
        this.leaving--;
        continue;
      }
      this.nextJob(pool.offDuty.pop()!);
    }
  }

  private endService(agent: number): void {
    const now = this.now;
    const caller = this.agentCaller[agent] ?? null;
    // No caller: the agent was on a chat or ticket.
    if (caller === null) {
      this.endContact(agent);
      return;
    }
    this.agentCaller[agent] = null;
    this.recordBusy(caller.answer, now);
    this.serviceSeconds += now - caller.answer;
    this.servicesEnded++;
    if (caller.viaCallback) this.callbackCallsInService--;
    const compiled = this.compiled;
    const serviceEndEvent = this.serviceEndEvent;
    serviceEndEvent.saleDraw = caller.saleDraw;
    serviceEndEvent.resolutionDraw = caller.resolutionDraw;
    const scriptedEnd = this.scriptedService === null ? undefined : this.scriptedService.endService(agent, caller);
    this.afterStep(caller, scriptedEnd ?? compiled.stepInPlace(caller, serviceEndEvent));
    this.agentDone(agent, caller.answer);
  }

  /**
   * An agent ended a call or a contact begun at `since`: counted as the group's busy time under
   * routing; off the phone if due off (end of shift, break) now that it is over, else the next job.
   */
  private agentDone(agent: number, since: number): void {
    if (this.router !== null) {
      const g = this.model.routing!.agentGroup[agent]!;
      addOpenTime(this.model, since, this.now, (_bucket, seconds) => addAt(this.groupBusy, g, seconds));
    }
    const pool = this.poolOf(agent);
    if (pool.leaving > 0) {
      pool.leaving--;
      this.leaving--;
      pool.offDuty.push(agent);
      return;
    }
    this.nextJob(agent);
  }

  /** The agent takes the next waiting caller the discipline picks, else a due callback, or goes idle. */
  private nextJob(agent: number): void {
    const router = this.router;
    if (router !== null) {
      // The queue's length so far is counted before the agent takes someone out of it.
      this.noteQueueChange();
      for (let next = router.nextFor(agent); next !== undefined; next = router.nextFor(agent)) {
        if (this.answer(next, agent, router.lastWasOverflow)) return;
      }
      const due = this.callbacksPossible ? this.dueCallback(agent) : null;
      if (due !== null) this.callBack(due, agent);
      else if (this.channels !== null) this.releaseOrBlend(agent);
      else this.releaseAgent(agent);
      return;
    }
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
    if (this.callbacksPossible) {
      const due = this.dueCallback(agent);
      if (due !== null) {
        this.callBack(due, agent);
        return;
      }
    }
    if (this.channels !== null) this.releaseOrBlend(agent);
    else this.releaseAgent(agent);
  }

  /**
   * Chat and tickets. A channel event: a call it causes comes in as a new customer (all its
   * draws from the `contactCalls` stream, so other callers' draws do not shift), then idle
   * blended agents take waiting contacts.
   */
  private channelEvent(channels: ChannelSimulation): void {
    this.now = channels.nextTime();
    this.eventsProcessed++;
    const caused = channels.step();
    if (caused !== null) this.contactCall(caused);
    this.blendIdleAgents();
  }

  private contactCall(caused: CausedCall): void {
    const caller = this.newCustomer(caused.callerType, this.contactCallDraws);
    caller.causedBy = caused.channel;
    this.offer(caller);
  }

  /** A contact may be taken now: one waits, and the line is open (blended agents work in opening hours). */
  private contactWaiting(): boolean {
    const model = this.model;
    return this.channels!.waiting() > 0 && nextOpenTime(model.windows, model.days, this.now, model.dayFactors) === this.now;
  }

  /**
   * An agent with no caller waiting and no callback due: a blended one takes a waiting contact
   * (while at least `keepFree` other agents stay idle), else it goes idle, and an idle blended
   * agent may take the contact instead.
   */
  private releaseOrBlend(agent: number): void {
    if (agent < this.blendedAgents && this.idleCount >= this.keepFree && this.contactWaiting()) {
      this.startContact(agent);
      return;
    }
    this.releaseAgent(agent);
    this.blendIdleAgents();
  }

  /** Idle blended agents take waiting contacts while no caller waits and more than `keepFree` agents are idle. */
  private blendIdleAgents(): void {
    while (this.blendedAgents > 0 && this.queue.size === 0 && this.idleCount > this.keepFree && this.contactWaiting()) {
      const agent = this.takeIdleBlendedAgent();
      if (agent < 0) return;
      this.startContact(agent);
    }
  }

  /** The longest-idle blended agent, taken out of the idle agents (the others keep their order), or -1. */
  private takeIdleBlendedAgent(): number {
    const agent = takeIdleBelow(this.pools, this.blendedAgents);
    if (agent >= 0) this.idleCount--;
    return agent;
  }

  /** The agent takes the next waiting contact; its end is the agent's service end on the heap. */
  private startContact(agent: number): void {
    const time = this.channels!.takeContact(this.now, agent);
    this.contactsInService++;
    this.contactStart[agent] = this.now;
    this.heap.push(this.now + time, serviceHandle(agent));
  }

  /** A blended agent finished a contact: its time counts as busy (occupancy), then the next job. */
  private endContact(agent: number): void {
    const since = this.contactStart[agent]!;
    this.recordBusy(since, this.now);
    this.contactStart[agent] = -1;
    this.contactsInService--;
    this.channels!.finishContact(this.now, agent);
    this.agentDone(agent, since);
  }

  private fireTimer(slot: number): void {
    const caller = this.slotCaller[slot];
    this.freeSlots.push(slot);
    if (caller == null) return;
    this.slotCaller[slot] = null;
    let index = 0;
    while (timerAt(caller, index) !== slot) index++;
    removeTimer(caller, index);
    const event = this.slotEvent[slot]!;
    if (event.charCodeAt(0) === ENGINE_TIMER_MARK) {
      this.engineTimer(caller, event);
      return;
    }
    const wasQueued = caller.queueSlot !== -1;
    const step = this.compiled.stepInPlace(caller, { type: event });
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
      const since = this.busySince(agent);
      if (since >= 0) addOpenTime(model, since, horizon, this.addBusy);
    }
    const secretaryHourly = model.secretary?.costPerHour ?? 0;
    if (secretaryHourly > 0) addOpenTime(model, 0, horizon, (bucket, seconds) => (intervalTallies[bucket]!.secretaryFees += (seconds / 3600) * secretaryHourly));
    this.addPaidTime(agentCount, (step) => step.paid, (bucket, seconds) => (intervalTallies[bucket]!.staffedSeconds += seconds));
    if (secretaryHourly > 0) total.secretaryFees = intervalTallies.reduce((sum, tally) => sum + tally.secretaryFees, 0);
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
      costPerAgentHour: model.costPerAgentHour,
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
      byCallerType: this.typeTallies?.map((tally) => kpisOf(tally, settings)) ?? [],
      byGroup: this.groupFigures(),
      ...(this.channels !== null ? { channels: this.channels.result(total.staffedSeconds * (this.blendedAgents / Math.max(agentCount, 1)) / 3600) } : {}),
    };
  }

  /** When the call or contact `agent` is on began, or -1 when the agent is free. */
  private busySince(agent: number): number {
    const caller = this.agentCaller[agent];
    if (caller) return caller.answer;
    return this.channels !== null ? this.contactStart[agent]! : -1;
  }

  /**
   * Hands paid people × seconds in opening hours after the warm-up to `add(bucket, seconds)`:
   * `paidOf` each roster step's people (shifts; breaks and shrinkage are paid), or `fixed`
   * people all day without a roster.
   */
  private addPaidTime(fixed: number, paidOf: (step: RosterStep) => number, add: (bucket: number, seconds: number) => void): void {
    const model = this.model;
    const steps = model.roster?.steps;
    if (steps === undefined) {
      if (fixed > 0) addOpenTime(model, 0, this.horizon, (bucket, seconds) => add(bucket, seconds * fixed));
      return;
    }
    for (let day = 0; day < model.days; day++) {
      steps.forEach((step, index) => {
        const from = day * SECONDS_PER_DAY + step.at;
        const to = day * SECONDS_PER_DAY + (steps[index + 1]?.at ?? SECONDS_PER_DAY);
        const people = paidOf(step);
        if (people > 0) addOpenTime(model, from, to, (bucket, seconds) => add(bucket, seconds * people));
      });
    }
  }

  /** Per agent group: calls answered (by overflow too), busy and paid time in opening hours. */
  private groupFigures(): GroupFigures[] {
    const { model, horizon } = this;
    const routing = model.routing;
    if (routing === null) return [];
    for (let agent = 0; agent < this.agentCount; agent++) {
      // Calls and contacts still in progress at the end.
      const since = this.busySince(agent);
      if (since >= 0) addOpenTime(model, since, horizon, (_bucket, seconds) => addAt(this.groupBusy, routing.agentGroup[agent]!, seconds));
    }
    const paid = new Float64Array(routing.groups.length);
    routing.groups.forEach((group, g) =>
      this.addPaidTime(group.size, (step) => (step as GroupRosterStep).groups[g]!.paid, (_bucket, seconds) => addAt(paid, g, seconds)),
    );
    return routing.groups.map((group, g) => ({
      id: group.id,
      answered: this.groupAnswered[g]!,
      overflowAnswered: this.groupOverflowAnswered[g]!,
      busySeconds: this.groupBusy[g]!,
      paidSeconds: paid[g]!,
      occupancy: paid[g]! > 0 ? this.groupBusy[g]! / paid[g]! : 0,
    }));
  }
}

/** values[index] += amount (typed arrays are read as possibly undefined under strict indexing). */
function addAt(values: Float64Array, index: number, amount: number): void {
  values[index] = values[index]! + amount;
}

function createQueue(model: SimulationModel, streams: RandomStreams): QueueDiscipline<LiveCaller> {
  switch (model.config.queue.discipline) {
    case 'fifo':
      return new FifoQueue<LiveCaller>();
    case 'lifo':
      return new LifoQueue<LiveCaller>();
    case 'random':
      return new RandomQueue<LiveCaller>(streams.get('queue'));
    case 'priority': {
      const priorities = model.callerTypes.map((type) => type.priority);
      return new PriorityQueue<LiveCaller>((caller) => priorities[caller.typeIndex]!);
    }
  }
}
