/**
 * The book of one replication: the only writer of its tallies (whole run, per reporting
 * interval, per caller type, per agent group) and of its call records. The replication and the
 * feature modules tell it what happened; every KPI is then computed once, from what it holds
 * (`closeBook`), and the money ledger, `run`, `compare`, `sweep`, `staff` and `report` read those
 * figures.
 *
 * Calls are counted when they arrive after the warm-up; a call that arrived before it is not
 * counted, whenever it ends.
 */
import type { CallRecord, Outcome } from '../domain/call.ts';
import { addOpenTime, bucketEndOf, bucketOf, SECONDS_PER_DAY, singleOpenBucket } from '../kernel/openHours.ts';
import { QuantileSketch } from '../kernel/quantileSketch.ts';
import { Tally, type TallyFigures } from '../metrics/tally.ts';
import type { LiveCaller } from './liveCaller.ts';
import type { SimulationModel } from './model.ts';

/** Counters a feature adds to for one counted call: in the whole run and for the caller's type. */
export type CallCounter = 'callbacksRequested' | 'abandonedAfterAnnouncement' | 'retrials';

/** Seconds kept from the bounds of a remembered reporting interval, well above rounding (see `Book.bucketAt`). */
const BOUND_MARGIN = 1e-3;

export class Book {
  readonly total = new Tally();
  readonly intervals: Tally[];
  /** One tally per caller type when there are several (fairness between tiers), else null. */
  readonly types: Tally[] | null;
  /** Per agent group under skill-based routing (empty arrays without it). */
  readonly groupAnswered: Float64Array;
  readonly groupOverflowAnswered: Float64Array;
  readonly groupBusy: Float64Array;
  /** The group of each agent, or null without groups. */
  private readonly agentGroup: Int32Array | null;
  readonly records: CallRecord[] | undefined;
  private onRecord: ((record: CallRecord) => void) | undefined;
  /** Whether records are built at all (someone asked for them; the summary needs none). */
  private recording: boolean;
  /** Calls counted in the statistics that have not ended yet. */
  alive = 0;
  /**
   * Waits of the answered calls counted in the statistics, for their 90th percentile: a
   * streaming sketch within 0.5% of the exact value, in constant memory (kernel/quantileSketch.ts).
   */
  readonly answeredWaits = new QuantileSketch();
  private queueChangedAt: number;
  /** The reporting interval the queue's last change fell in, and when it ends. */
  private queueBucket = 0;
  private queueBucketEnd = -Infinity;
  private readonly warmup: number;
  private readonly thresholdSeconds: number;
  /** The reporting interval of the last call offered, and the times from and to which it is known to hold (see {@link bucketAt}). */
  private offerBucket = 0;
  private offerBucketFrom = Infinity;
  private offerBucketTo = -Infinity;
  private readonly addBusy = (bucket: number, seconds: number): void => {
    this.intervals[bucket]!.busySeconds += seconds;
  };

  /** The group {@link groupTime} adds to, read by its callback (one callback for all calls, not a closure per call). */
  private busyGroup = 0;
  private readonly addGroupBusy = (_bucket: number, seconds: number): void => {
    addAt(this.groupBusy, this.busyGroup, seconds);
  };

  constructor(
    private readonly model: SimulationModel,
    private readonly replication: number,
    options: { readonly collectRecords?: boolean; readonly onRecord?: (record: CallRecord) => void },
  ) {
    this.intervals = Array.from({ length: model.intervalsPerDay }, () => new Tally());
    this.types = model.callerTypes.length > 1 ? model.callerTypes.map(() => new Tally()) : null;
    const groups = model.routing?.groups.length ?? 0;
    this.groupAnswered = new Float64Array(groups);
    this.groupOverflowAnswered = new Float64Array(groups);
    this.groupBusy = new Float64Array(groups);
    this.agentGroup = model.routing?.agentGroup ?? null;
    this.records = options.collectRecords ? [] : undefined;
    this.onRecord = options.onRecord;
    this.recording = this.records !== undefined || this.onRecord !== undefined;
    this.queueChangedAt = model.warmup;
    this.warmup = model.warmup;
    this.thresholdSeconds = model.thresholdSeconds;
  }

  /** Also hands every call record to `listener` (before the caller's own `onRecord`); call while the replication is built. */
  listen(listener: (record: CallRecord) => void): void {
    const next = this.onRecord;
    this.onRecord = next === undefined ? listener : (record) => {
      listener(record);
      next(record);
    };
    this.recording = true;
  }

  /** Adds tallies counted elsewhere (the money ledger's, chat and tickets'): `intervals` to the intervals, `total` to the run. */
  addTallies(total: TallyFigures, intervals: readonly TallyFigures[] = []): void {
    this.total.merge(total);
    intervals.forEach((tally, index) => this.intervals[index]!.merge(tally));
  }

  /** A call (first or retrial) reaches the line at `now`. */
  offered(caller: LiveCaller, now: number): void {
    if (now < this.warmup) return;
    this.alive++;
    this.total.offered++;
    const bucket = (caller.bucket = this.bucketAt(now));
    this.intervals[bucket]!.offered++;
    if (this.types !== null) this.types[caller.typeIndex]!.offered++;
  }

  /** A new customer's first call (the most frequent count: written out, not by key). */
  customer(caller: LiveCaller): void {
    if (caller.arrival < this.warmup) return;
    this.total.customers++;
    if (this.types !== null) this.types[caller.typeIndex]!.customers++;
  }

  /** Adds one to a counter of the whole run and of the caller's type, for a counted call. */
  count(counter: CallCounter, caller: LiveCaller): void {
    if (caller.arrival < this.warmup) return;
    this.total[counter]++;
    if (this.types !== null) this.types[caller.typeIndex]![counter]++;
  }

  /** A voicemail left while the line was closed. */
  voicemail(caller: LiveCaller): void {
    if (caller.arrival >= this.warmup) this.total.voicemails++;
  }

  /** The virtual secretary answered a counted call, for `fee`. */
  secretaryCall(caller: LiveCaller, fee: number): void {
    if (caller.arrival < this.warmup) return;
    const tally = this.intervals[caller.bucket]!;
    this.total.secretaryCalls++;
    tally.secretaryCalls++;
    this.total.secretaryFees += fee;
    tally.secretaryFees += fee;
    if (this.types !== null) this.types[caller.typeIndex]!.secretaryCalls++;
  }

  /** The virtual secretary's fee per open hour, per interval and in all. */
  secretaryHourlyFee(hourly: number): void {
    const { total, intervals, model } = this;
    addOpenTime(model, 0, model.horizon, (bucket, seconds) => (intervals[bucket]!.secretaryFees += (seconds / 3600) * hourly));
    total.secretaryFees = intervals.reduce((sum, tally) => sum + tally.secretaryFees, 0);
  }

  /**
   * The queue is about to change (it held `size` callers since the last change): the
   * caller-seconds waiting since then go to the whole run and, split at their boundaries, to
   * the reporting intervals they fall in.
   */
  queueChange(time: number, size: number): void {
    // Measured up to the horizon (callers still waiting then go on until they are answered or give up).
    const now = time < this.model.horizon ? time : this.model.horizon;
    const from = this.queueChangedAt;
    if (!(now > from)) return;
    this.queueChangedAt = now;
    if (size === 0) return;
    this.total.queueLengthArea += size * (now - from);
    if (now <= this.queueBucketEnd) {
      this.intervals[this.queueBucket]!.queueLengthArea += size * (now - from);
      return;
    }
    // The stretch crosses interval boundaries: from its start, interval by interval.
    const intervalSeconds = this.model.intervalSeconds;
    let start = from;
    while (start < now) {
      const bucket = bucketOf(start, intervalSeconds);
      const bucketEnd = bucketEndOf(start, bucket, intervalSeconds);
      const end = bucketEnd < now ? bucketEnd : now;
      this.intervals[bucket]!.queueLengthArea += size * (end - start);
      this.queueBucket = bucket;
      this.queueBucketEnd = bucketEnd;
      start = end;
    }
  }

  /** A counted caller joined the queue, which now holds `size`. */
  queueJoined(now: number, size: number): void {
    if (size > this.total.maxQueueLength) this.total.maxQueueLength = size;
    const tally = this.intervals[this.bucketAt(now)]!;
    if (size > tally.maxQueueLength) tally.maxQueueLength = size;
  }

  /**
   * `bucketOf(now)`, remembered for the interval of the last call: times lie close together, so
   * most calls fall in the interval of the one before. The remembered stretch stops a
   * millisecond short of the interval's bounds, where rounding could tell `bucketOf` otherwise:
   * there it is computed afresh, so the result is always bucketOf's.
   */
  private bucketAt(now: number): number {
    if (now >= this.offerBucketFrom && now < this.offerBucketTo) return this.offerBucket;
    const intervalSeconds = this.model.intervalSeconds;
    const bucket = bucketOf(now, intervalSeconds);
    this.offerBucket = bucket;
    this.offerBucketFrom = Math.floor(now / SECONDS_PER_DAY) * SECONDS_PER_DAY + bucket * intervalSeconds + BOUND_MARGIN;
    this.offerBucketTo = bucketEndOf(now, bucket, intervalSeconds) - BOUND_MARGIN;
    return bucket;
  }

  /** Agent time [from, to) on a call, counted in opening hours after the warm-up (occupancy). */
  busy(from: number, to: number): void {
    const model = this.model;
    const start = from > model.warmup ? from : model.warmup;
    const end = to < model.horizon ? to : model.horizon;
    if (!(end > start)) return;
    // Most calls lie in one reporting interval of one opening window: added here without the
    // callback of the general case.
    const bucket = singleOpenBucket(model, start, end);
    if (bucket >= 0) this.intervals[bucket]!.busySeconds += end - start;
    else addOpenTime(model, from, to, this.addBusy);
  }

  /** Agent time [from, to) on a call or a contact, for the agent's group (skill-based routing). */
  groupTime(agent: number, from: number, to: number): void {
    const agentGroup = this.agentGroup;
    if (agentGroup === null) return;
    this.busyGroup = agentGroup[agent]!;
    addOpenTime(this.model, from, to, this.addGroupBusy);
  }

  /**
   * Books a call that ended at `now`. `retry`: the customer will call again. Money is booked per
   * customer: the potential revenue on the first call, the loss on the last.
   */
  finished(caller: LiveCaller, outcome: Outcome, answered: boolean, retry: boolean, potentialRevenue: number, lostRevenue: number, now: number): void {
    if (caller.arrival < this.warmup) return;
    this.alive--;
    const context = caller.context;
    const wait = answered ? caller.answer - caller.arrival : outcome === 'blocked' ? 0 : now - caller.arrival;
    const revenue = outcome === 'purchased' ? context.orderValue : 0;
    const handleTime = answered ? now - caller.answer : NaN;
    const hadIntent = caller.hadIntent;
    const thresholdSeconds = this.thresholdSeconds;
    this.total.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    this.intervals[caller.bucket]!.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, hadIntent, thresholdSeconds);
    const served = answered && outcome !== 'unreached';
    if (this.agentGroup !== null && caller.agent >= 0) {
      const group = this.agentGroup[caller.agent]!;
      addAt(this.groupAnswered, group, 1);
      if (caller.viaOverflow) addAt(this.groupOverflowAnswered, group, 1);
    }
    if (this.types !== null || !served || caller.viaCallback) {
      this.customerFigures(caller, outcome, served, retry, wait, handleTime, revenue, potentialRevenue, lostRevenue);
    }
    if (served) this.answeredWaits.add(wait);
    if (this.recording) this.record(caller, outcome, answered, wait, now, potentialRevenue, revenue, lostRevenue);
  }

  /** The per-customer and per-caller-type figures of a counted call that ended. */
  private customerFigures(
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
    const typeTally = this.types?.[caller.typeIndex];
    const reached = served && caller.viaCallback;
    const lost = !served && !retry;
    if (reached) total.callbacksReached++;
    if (lost) total.customersGaveUp++;
    if (typeTally === undefined) return;
    typeTally.addCall(outcome, wait, handleTime, revenue, potentialRevenue, lostRevenue, caller.hadIntent, this.thresholdSeconds);
    if (reached) typeTally.callbacksReached++;
    if (lost) typeTally.customersGaveUp++;
  }

  private record(caller: LiveCaller, outcome: Outcome, answered: boolean, wait: number, now: number, potentialRevenue: number, revenue: number, lostRevenue: number): void {
    const context = caller.context;
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
    if (this.records) this.records.push(booked);
    if (this.onRecord) this.onRecord(booked);
  }
}

/** values[index] += amount (typed arrays are read as possibly undefined under strict indexing). */
export function addAt(values: Float64Array, index: number, amount: number): void {
  values[index] = values[index]! + amount;
}
