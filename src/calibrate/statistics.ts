/**
 * Everything calibration keeps while it streams through a log, in bounded memory:
 *
 * - per interval of the day and weekday: arrival counts, and the days each weekday occurs;
 * - per interval of the day: a {@link Tally} of the observed calls (the same sums the
 *   simulator keeps, so observed and simulated KPIs share one definition);
 * - per queue: counts, and reservoir samples of talk times and of (wait, abandoned) pairs
 *   for the fits (at most `maxSamples` each; see reservoir.ts);
 * - the most calls in conversation and the most callers waiting at once, per interval,
 *   from a sweep over each day's calls (only the last few days are held);
 * - per caller id, their last call within the retrial window, and for the retrials: the
 *   delays (reservoir), the chains' lengths, the unanswered calls per queue and outcome and
 *   how many were followed by a retrial, and when the retrials arrived.
 *
 * Memory is O(intervals × weekdays + queues × maxSamples + calls in ~3 days + callers in
 * one retrial window), whatever the number of rows.
 */
import { Tally } from '../metrics/tally.ts';
import { createStream } from '../kernel/rng.ts';
import type { CallObservation, ObservedOutcome } from './observation.ts';
import { Reservoir } from './reservoir.ts';

export const SECONDS_PER_DAY = 86_400;

export interface StatisticsSettings {
  readonly intervalSeconds: number;
  readonly thresholdSeconds: number;
  readonly retrialWindowSeconds: number;
  /** Cap of each reservoir sample. */
  readonly maxSamples: number;
  /** Seed of the reservoir streams. */
  readonly seed: number;
}

export interface QueueStatistics {
  readonly id: string;
  calls: number;
  answered: number;
  abandoned: number;
  blocked: number;
  /** Answered calls whose talk time was 0 s (left out of the handle-time fit: ln 0). */
  zeroTalk: number;
  /** Talk times of answered calls (seconds, > 0). */
  readonly talk: Reservoir;
  /** (wait, 1 if the caller hung up) of every call that reached the queue. */
  readonly patience: Reservoir;
}

export interface RetrialCounts {
  /** Calls with a caller id. */
  identified: number;
  /** Unanswered calls (abandoned or busy) with a caller id. */
  unansweredIdentified: number;
  /** Calls from a caller whose previous call, ended within the window, was unanswered. */
  afterUnanswered: number;
  /** Calls from a caller whose previous call, ended within the window, was answered. */
  afterAnswered: number;
  /** Seconds from the end of the unanswered call to the retrial, of every retrial after an unanswered call (a reservoir sample). */
  readonly delays: Reservoir;
  /**
   * Identified calls by their place in a chain of retrials after unanswered calls: first
   * calls, first retrials, second retrials… (chains longer than {@link MAX_CHAIN_COUNTED}
   * count in the last slot).
   */
  readonly byAttempt: number[];
  /** Per queue of the unanswered call: identified unanswered calls by outcome and place in the chain, and how many were followed by a retrial. */
  readonly byQueue: Map<string, QueueRetrials>;
  /** Retrials after an unanswered call, per weekday (0 = Sunday) and interval of arrival. */
  readonly arrivals: number[][];
}

/** Chains of calls longer than this are counted together. */
export const MAX_CHAIN_COUNTED = 20;

export interface OutcomeRetrials {
  /** Identified unanswered calls with this outcome, by place in the chain (0 = a first call). */
  readonly calls: number[];
  /** Of them, how many were followed by a retrial within the window, by the same place. */
  readonly retried: number[];
}

export interface QueueRetrials {
  readonly abandoned: OutcomeRetrials;
  readonly blocked: OutcomeRetrials;
}

/** Days of calls kept for the concurrency sweep before the oldest is swept and dropped. */
const DAYS_HELD = 2;

export class LogStatistics {
  readonly intervalsPerDay: number;
  calls = 0;
  /** Observed KPIs per interval of the day (all days together). */
  readonly byInterval: Tally[];
  readonly total = new Tally();
  /** arrivals[weekday][interval], weekday 0 = Sunday. */
  readonly arrivals: number[][];
  /** Distinct dates with calls, per weekday (day numbers since 1970-01-01). */
  readonly datesByWeekday: Array<Set<number>> = Array.from({ length: 7 }, () => new Set<number>());
  readonly queues = new Map<string, QueueStatistics>();
  readonly pooledPatience: Reservoir;
  readonly pooledTalk: Reservoir;
  readonly retrials: RetrialCounts;
  /** Most calls in conversation at once, per interval of the day. */
  readonly maxInService: number[];
  /** Most callers waiting at once, per interval of the day. */
  readonly maxWaiting: number[];
  /** Calls that came more than two days out of order, left out of the concurrency sweep. */
  outOfOrder = 0;
  firstArrival = Infinity;
  lastArrival = -Infinity;

  private readonly lastCall = new Map<string, { end: number; outcome: ObservedOutcome; queue: string; attempt: number }>();
  private readonly dayEvents = new Map<number, number[]>();
  private sweptThrough = -Infinity;
  private latestDay = -Infinity;

  constructor(private readonly settings: StatisticsSettings) {
    this.intervalsPerDay = Math.ceil(SECONDS_PER_DAY / settings.intervalSeconds);
    this.byInterval = Array.from({ length: this.intervalsPerDay }, () => new Tally());
    this.arrivals = Array.from({ length: 7 }, () => new Array<number>(this.intervalsPerDay).fill(0));
    this.maxInService = new Array<number>(this.intervalsPerDay).fill(0);
    this.maxWaiting = new Array<number>(this.intervalsPerDay).fill(0);
    this.pooledPatience = new Reservoir(settings.maxSamples, createStream(settings.seed, 'reservoir:patience:*'));
    this.pooledTalk = new Reservoir(settings.maxSamples, createStream(settings.seed, 'reservoir:talk:*'));
    this.retrials = {
      identified: 0,
      unansweredIdentified: 0,
      afterUnanswered: 0,
      afterAnswered: 0,
      delays: new Reservoir(settings.maxSamples, createStream(settings.seed, 'reservoir:retrialDelay')),
      byAttempt: new Array<number>(MAX_CHAIN_COUNTED).fill(0),
      byQueue: new Map(),
      arrivals: Array.from({ length: 7 }, () => new Array<number>(this.intervalsPerDay).fill(0)),
    };
  }

  /** Interval of the day a wall-clock time falls in. */
  intervalOf(wall: number): number {
    const secondOfDay = wall - Math.floor(wall / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    return Math.min(this.intervalsPerDay - 1, Math.floor(secondOfDay / this.settings.intervalSeconds));
  }

  add(call: CallObservation): void {
    this.calls++;
    const day = Math.floor(call.arrival / SECONDS_PER_DAY);
    const weekday = (((day + 4) % 7) + 7) % 7;
    const interval = this.intervalOf(call.arrival);
    this.arrivals[weekday]![interval]!++;
    this.datesByWeekday[weekday]!.add(day);
    if (call.arrival < this.firstArrival) this.firstArrival = call.arrival;
    if (call.arrival > this.lastArrival) this.lastArrival = call.arrival;

    const threshold = this.settings.thresholdSeconds;
    const outcome = call.outcome === 'answered' ? 'resolved' : call.outcome;
    const talk = call.outcome === 'answered' ? call.talk : NaN;
    for (const tally of [this.byInterval[interval]!, this.total]) {
      tally.offered++;
      tally.addCall(outcome, call.wait, talk, 0, 0, 0, false, threshold);
    }

    const queue = this.queueOf(call.queue);
    queue.calls++;
    if (call.outcome === 'answered') {
      queue.answered++;
      if (call.talk > 0) {
        queue.talk.add(call.talk);
        this.pooledTalk.add(call.talk);
      } else queue.zeroTalk++;
    } else if (call.outcome === 'abandoned') queue.abandoned++;
    else queue.blocked++;
    if (call.outcome !== 'blocked') {
      const event = call.outcome === 'abandoned' && !call.patienceCensored ? 1 : 0;
      queue.patience.add(call.wait, event);
      this.pooledPatience.add(call.wait, event);
    }

    this.noteCaller(call, weekday, interval);
    this.noteConcurrency(call, day);
  }

  private queueOf(id: string): QueueStatistics {
    let queue = this.queues.get(id);
    if (queue === undefined) {
      const { maxSamples, seed } = this.settings;
      queue = {
        id,
        calls: 0,
        answered: 0,
        abandoned: 0,
        blocked: 0,
        zeroTalk: 0,
        talk: new Reservoir(maxSamples, createStream(seed, `reservoir:talk:${id}`)),
        patience: new Reservoir(maxSamples, createStream(seed, `reservoir:patience:${id}`)),
      };
      this.queues.set(id, queue);
    }
    return queue;
  }

  private noteCaller(call: CallObservation, weekday: number, interval: number): void {
    if (call.caller === null) return;
    const retrials = this.retrials;
    const unanswered = call.outcome !== 'answered';
    retrials.identified++;
    if (unanswered) retrials.unansweredIdentified++;
    const window = this.settings.retrialWindowSeconds;
    const previous = this.lastCall.get(call.caller);
    let attempt = 0;
    if (previous !== undefined) {
      const gap = call.arrival - previous.end;
      if (gap >= 0 && gap <= window) {
        if (previous.outcome !== 'answered') {
          retrials.afterUnanswered++;
          retrials.delays.add(gap);
          retrials.arrivals[weekday]![interval]!++;
          this.queueRetrials(previous.queue)[previous.outcome].retried[Math.min(previous.attempt, MAX_CHAIN_COUNTED - 1)]!++;
          attempt = previous.attempt + 1;
        } else retrials.afterAnswered++;
      }
    }
    const place = Math.min(attempt, MAX_CHAIN_COUNTED - 1);
    retrials.byAttempt[place]!++;
    if (call.outcome !== 'answered') this.queueRetrials(call.queue)[call.outcome].calls[place]!++;
    const end = call.arrival + call.wait + (call.outcome === 'answered' ? call.talk : 0);
    this.lastCall.delete(call.caller);
    this.lastCall.set(call.caller, { end, outcome: call.outcome, queue: call.queue, attempt });
    // Map order is insertion order, and each caller is re-inserted on every call: the
    // oldest entries come first, so pruning stops at the first one still in the window.
    if (this.lastCall.size > 50_000) {
      for (const [caller, last] of this.lastCall) {
        if (last.end >= call.arrival - window) break;
        this.lastCall.delete(caller);
      }
    }
  }

  private queueRetrials(queue: string): QueueRetrials {
    let counts = this.retrials.byQueue.get(queue);
    if (counts === undefined) {
      const outcome = (): OutcomeRetrials => ({ calls: new Array<number>(MAX_CHAIN_COUNTED).fill(0), retried: new Array<number>(MAX_CHAIN_COUNTED).fill(0) });
      counts = { abandoned: outcome(), blocked: outcome() };
      this.retrials.byQueue.set(queue, counts);
    }
    return counts;
  }

  private noteConcurrency(call: CallObservation, day: number): void {
    if (day <= this.sweptThrough) {
      this.outOfOrder++;
      return;
    }
    let events = this.dayEvents.get(day);
    if (events === undefined) {
      events = [];
      this.dayEvents.set(day, events);
    }
    if (call.outcome === 'answered') {
      const answer = call.arrival + call.wait;
      events.push(answer, 1, answer + call.talk, -1);
    }
    if (call.outcome !== 'blocked' && call.wait > 0) events.push(call.arrival, 2, call.arrival + call.wait, -2);
    if (day > this.latestDay) {
      this.latestDay = day;
      for (const held of [...this.dayEvents.keys()].sort((a, b) => a - b)) {
        if (held > day - DAYS_HELD) break;
        this.sweep(held);
      }
    }
  }

  /** Sweeps one day's start/end events in time order (ends before starts at the same second). */
  private sweep(day: number): void {
    const events = this.dayEvents.get(day)!;
    this.dayEvents.delete(day);
    this.sweptThrough = Math.max(this.sweptThrough, day);
    const count = events.length / 2;
    const order = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => events[2 * a]! - events[2 * b]! || events[2 * a + 1]! - events[2 * b + 1]!,
    );
    let inService = 0;
    let waiting = 0;
    for (const i of order) {
      const time = events[2 * i]!;
      const kind = events[2 * i + 1]!;
      if (kind === 1) {
        inService++;
        const interval = this.intervalOf(time);
        if (inService > this.maxInService[interval]!) this.maxInService[interval] = inService;
      } else if (kind === -1) inService--;
      else if (kind === 2) {
        waiting++;
        const interval = this.intervalOf(time);
        if (waiting > this.maxWaiting[interval]!) this.maxWaiting[interval] = waiting;
      } else waiting--;
    }
  }

  /** Sweeps the days still held; call once the whole log has been read. */
  finish(): void {
    for (const day of [...this.dayEvents.keys()].sort((a, b) => a - b)) this.sweep(day);
  }

  /** Distinct dates with calls. */
  get activeDays(): number {
    return this.datesByWeekday.reduce((sum, dates) => sum + dates.size, 0);
  }
}
