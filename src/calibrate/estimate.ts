/**
 * From the statistics of a whole log to the estimates a scenario needs, each with the
 * evidence behind it (counts, fits, alternatives), so the scenario writer can say how
 * every value was estimated and the fit report can show it.
 *
 * - Arrivals: calls per interval of the day and weekday (counts); the scenario's profile
 *   is the average over the days with calls, in calls per hour, or, when the weekdays
 *   differ, a weekly demand (weeklyDemand.ts).
 * - Opening hours: the intervals that had at least {@link OPEN_SHARE_OF_PEAK} of the busiest
 *   interval's calls (and at least {@link OPEN_MIN_CALLS}), joined into windows; or `--open`.
 * - Handle time per queue: talk time (answer → end) fitted by lognormal and gamma MLE,
 *   the lower AIC wins. Wrap-up is not in call logs, so it is not included.
 * - Patience per queue: Weibull and exponential by censored MLE (lower AIC wins), with
 *   Kaplan–Meier and the naive mean beside them; a queue with fewer than
 *   `minAbandons` abandoned calls uses the fit of all queues pooled.
 * - Agents: the most calls in conversation at once anywhere in the log (a CDR does not
 *   list agents), or `--agents`.
 * - Queue capacity: unlimited, unless busy signals were seen; then the most callers
 *   waiting at once.
 * - Retrials: calls from a caller id whose previous call, ended within the window, was
 *   unanswered; with enough of them, the scenario's `retrial:` (retrialEstimate.ts), and
 *   the arrivals count first calls only (the simulator adds the retrials back).
 * - Observed KPIs per interval, with the simulator's own definitions (service level over
 *   offered calls).
 */
import { kpisOf, type Kpis } from '../metrics/kpis.ts';
import { fitHandleTime, fitPatience, type HandleTimeFit, type PatienceFit } from './fit.ts';
import type { LogReading } from './readLog.ts';
import { estimateRetrials, type RetrialEstimate } from './retrialEstimate.ts';
import type { QueueStatistics } from './statistics.ts';
import { chooseDemand, type DemandChoice } from './weeklyDemand.ts';

/** An interval is open if it had at least this share of the busiest interval's calls… */
export const OPEN_SHARE_OF_PEAK = 0.02;
/** …and at least this many calls in the whole log. */
export const OPEN_MIN_CALLS = 3;

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface EstimateOptions {
  readonly intervalMinutes: number;
  readonly thresholdSeconds: number;
  readonly retrialWindowSeconds: number;
  /** Abandoned calls a queue needs for its own patience fit; fewer → the pooled fit. */
  readonly minAbandons: number;
  /** Agents given with --agents (otherwise estimated). */
  readonly agents?: number;
  /** Opening windows given with --open (otherwise estimated). */
  readonly openingHours?: readonly string[];
  /** `run.seed` of the scenario written (1). */
  readonly seed?: number;
}

export interface IntervalArrivals {
  readonly index: number;
  /** `HH:MM` start of the interval. */
  readonly start: string;
  readonly calls: number;
  /** Calls per weekday, Sunday first. */
  readonly byWeekday: readonly number[];
  /**
   * First calls: the calls less the retrials the scenario simulates (the retrials seen,
   * scaled for hidden numbers and for those after the window); the calls when no retrials
   * are written. Not whole numbers.
   */
  readonly firstCalls: number;
  /** First calls per weekday, Sunday first. */
  readonly firstCallsByWeekday: readonly number[];
  /** First calls averaged over the days with calls, per hour: the scenario's rate. */
  readonly callsPerHour: number;
  readonly open: boolean;
}

export interface QueueEstimate {
  readonly id: string;
  readonly calls: number;
  /** Calls less the retrials of its unanswered calls that the scenario simulates (= calls when none are written). */
  readonly firstCalls: number;
  /** Share of all first calls (the caller type's share). */
  readonly share: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly blocked: number;
  readonly zeroTalk: number;
  readonly handleTime: HandleTimeFit;
  /** Whether handleTime was fitted on this queue's calls or, lacking them, on all queues. */
  readonly handleTimeFrom: 'queue' | 'pooled';
  /** This queue's own patience fit (always computed, for the report). */
  readonly patience: PatienceFit;
  /** Which patience goes in the scenario: this queue's, the pooled one, or none (no abandonment seen: infinite). */
  readonly patienceFrom: 'queue' | 'pooled' | 'none';
  /** Whether the fits used a random subset (reservoir) of the calls. */
  readonly sampled: boolean;
}

export interface ObservedInterval {
  readonly index: number;
  readonly start: string;
  readonly kpis: Kpis;
}

export interface Estimates {
  readonly reading: LogReading;
  readonly options: EstimateOptions;
  readonly activeDays: number;
  /** Per weekday, Monday first: the dates it occurs on in the log, and its calls. */
  readonly days: { readonly weekday: (typeof WEEKDAY_NAMES)[number]; readonly dates: number; readonly calls: number }[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly intervals: readonly IntervalArrivals[];
  readonly openingHours: readonly string[];
  readonly openingHoursFrom: 'estimated' | 'option';
  /** Calls that arrived outside the opening hours (counted in the KPIs, not in the profile). */
  readonly callsOutsideHours: number;
  readonly queues: readonly QueueEstimate[];
  readonly pooledPatience: PatienceFit;
  readonly pooledHandleTime: HandleTimeFit;
  readonly agents: { readonly count: number; readonly from: 'estimated' | 'option'; readonly maxInService: readonly number[]; readonly peak: number; readonly peakIntervals: number };
  readonly queueCapacity: { readonly capacity: number | 'unlimited'; readonly maxWaiting: readonly number[] };
  readonly retrials: {
    readonly windowSeconds: number;
    readonly identified: number;
    readonly afterUnanswered: number;
    readonly afterAnswered: number;
    /** Retrials after an unanswered call / calls with a caller id. */
    readonly share: number;
    /** Retrials after an unanswered call / unanswered calls with a caller id. */
    readonly unansweredWhoRetried: number;
  };
  /** The scenario's `retrial:` settings, or why there are none. */
  readonly retrialModel: RetrialEstimate;
  /** One daily profile, or a weekly demand (weeklyDemand.ts), and why. */
  readonly demand: DemandChoice;
  readonly observed: { readonly total: Kpis; readonly intervals: readonly ObservedInterval[] };
  readonly sampled: boolean;
}

export function timeOfDay(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function dateOf(wall: number): string {
  return new Date(Math.floor(wall) * 1000).toISOString().slice(0, 10);
}

/** Works out every estimate from a log that has been read. Throws a RangeError if there is nothing to fit handle times on. */
export function estimate(reading: LogReading, options: EstimateOptions): Estimates {
  const statistics = reading.statistics;
  const intervalSeconds = options.intervalMinutes * 60;
  const intervalHours = options.intervalMinutes / 60;
  const activeDays = statistics.activeDays;

  const counts = Array.from({ length: statistics.intervalsPerDay }, (_, i) =>
    statistics.arrivals.reduce((sum, row) => sum + row[i]!, 0),
  );
  const peak = Math.max(...counts);
  const estimatedOpen = counts.map((count) => count >= OPEN_MIN_CALLS && count >= OPEN_SHARE_OF_PEAK * peak);
  const open = options.openingHours ? intervalsInWindows(options.openingHours, statistics.intervalsPerDay, intervalSeconds) : estimatedOpen;
  const queueIds = [...statistics.queues.values()].sort((a, b) => b.calls - a.calls || a.id.localeCompare(b.id)).map((queue) => queue.id);
  const retrialModel = estimateRetrials(statistics, queueIds, options.retrialWindowSeconds);
  // Retrials the scenario simulates come out of the arrivals, or they would be counted twice.
  const removedPerSeen = retrialModel.written ? retrialModel.removedPerSeen : 0;
  const withoutRetrials = (calls: number, seen: number): number => Math.max(0, calls - seen * removedPerSeen);
  const intervals: IntervalArrivals[] = counts.map((calls, index) => {
    const byWeekday = statistics.arrivals.map((row) => row[index]!);
    const firstCallsByWeekday = byWeekday.map((n, weekday) => withoutRetrials(n, statistics.retrials.arrivals[weekday]![index]!));
    const firstCalls = firstCallsByWeekday.reduce((a, b) => a + b, 0);
    return {
      index,
      start: timeOfDay(index * intervalSeconds),
      calls,
      byWeekday,
      firstCalls,
      firstCallsByWeekday,
      callsPerHour: firstCalls / activeDays / intervalHours,
      open: open[index]!,
    };
  });
  const openingHours = options.openingHours ? [...options.openingHours] : windowsOf(open, intervalSeconds);
  const callsOutsideHours = intervals.filter((interval) => !interval.open).reduce((sum, interval) => sum + interval.calls, 0);

  const pooledPatience = fitPatience({ times: statistics.pooledPatience.sampleValues, events: statistics.pooledPatience.sampleFlags });
  if (statistics.pooledTalk.length < 2) {
    throw new RangeError(
      `only ${statistics.pooledTalk.length} answered call(s) with a talk time above 0 s: at least 2 are needed to estimate handle times`,
    );
  }
  const pooledHandleTime = fitHandleTime(statistics.pooledTalk.sampleValues);
  const totalCalls = statistics.calls;
  const queueList = queueIds.map((id) => statistics.queues.get(id)!);
  // A retrial is simulated in the caller type of the unanswered call, so it comes out of that queue's calls.
  const firstCallsOf = (queue: QueueStatistics): number => {
    const counted = statistics.retrials.byQueue.get(queue.id);
    const retried = counted ? [...counted.abandoned.retried, ...counted.blocked.retried].reduce((a, b) => a + b, 0) : 0;
    return Math.max(0, queue.calls - retried * removedPerSeen);
  };
  const totalFirstCalls = queueList.reduce((sum, queue) => sum + firstCallsOf(queue), 0);
  const queues = queueList.map((queue): QueueEstimate =>
    estimateQueue(queue, firstCallsOf(queue), totalFirstCalls > 0 ? totalFirstCalls : totalCalls, pooledHandleTime, pooledPatience, options.minAbandons),
  );

  const maxInService = statistics.maxInService;
  const peakInService = Math.max(...maxInService);
  const settings = { thresholdSeconds: options.thresholdSeconds, denominator: 'offered' as const, marginRate: 0, costPerAgentHour: 0 };
  const retrials = statistics.retrials;
  const sampled = queues.some((queue) => queue.sampled) || statistics.pooledPatience.sampled || statistics.pooledTalk.sampled;

  const weekdayCalls = statistics.arrivals.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    reading,
    options,
    activeDays,
    // Monday first, as calendars in Europe show them.
    days: [1, 2, 3, 4, 5, 6, 0].map((i) => ({ weekday: WEEKDAY_NAMES[i]!, dates: statistics.datesByWeekday[i]!.size, calls: weekdayCalls[i]! })),
    firstDate: dateOf(statistics.firstArrival),
    lastDate: dateOf(statistics.lastArrival),
    intervals,
    openingHours,
    openingHoursFrom: options.openingHours ? 'option' : 'estimated',
    callsOutsideHours,
    queues,
    pooledPatience,
    pooledHandleTime,
    agents: {
      count: options.agents ?? Math.max(1, peakInService),
      from: options.agents !== undefined ? 'option' : 'estimated',
      maxInService,
      peak: peakInService,
      peakIntervals: maxInService.filter((value) => value === peakInService).length,
    },
    queueCapacity: {
      capacity: statistics.total.blocked > 0 ? Math.max(0, ...statistics.maxWaiting) : 'unlimited',
      maxWaiting: statistics.maxWaiting,
    },
    retrials: {
      windowSeconds: options.retrialWindowSeconds,
      identified: retrials.identified,
      afterUnanswered: retrials.afterUnanswered,
      afterAnswered: retrials.afterAnswered,
      share: retrials.identified > 0 ? retrials.afterUnanswered / retrials.identified : NaN,
      unansweredWhoRetried: retrials.unansweredIdentified > 0 ? retrials.afterUnanswered / retrials.unansweredIdentified : NaN,
    },
    retrialModel,
    demand: chooseDemand({ statistics, intervalMinutes: options.intervalMinutes, intervals }),
    observed: {
      total: kpisOf(statistics.total, settings),
      intervals: statistics.byInterval
        .map((tally, index) => ({ index, start: timeOfDay(index * intervalSeconds), kpis: kpisOf(tally, settings) }))
        .filter((interval) => interval.kpis.offered > 0),
    },
    sampled,
  };
}

function estimateQueue(
  queue: QueueStatistics,
  firstCalls: number,
  totalFirstCalls: number,
  pooledHandleTime: HandleTimeFit,
  pooledPatience: PatienceFit,
  minAbandons: number,
): QueueEstimate {
  const ownHandleTime = queue.talk.length >= 2 ? fitHandleTime(queue.talk.sampleValues) : null;
  const patience = fitPatience({ times: queue.patience.sampleValues, events: queue.patience.sampleFlags });
  const patienceFrom =
    patience.events >= minAbandons && patience.chosen !== null ? 'queue' : pooledPatience.chosen !== null ? 'pooled' : 'none';
  return {
    id: queue.id,
    calls: queue.calls,
    firstCalls,
    share: firstCalls / totalFirstCalls,
    answered: queue.answered,
    abandoned: queue.abandoned,
    blocked: queue.blocked,
    zeroTalk: queue.zeroTalk,
    handleTime: ownHandleTime ?? pooledHandleTime,
    handleTimeFrom: ownHandleTime ? 'queue' : 'pooled',
    patience,
    patienceFrom,
    sampled: queue.talk.sampled || queue.patience.sampled,
  };
}

/** Marks the intervals inside the given `HH:MM-HH:MM` windows. */
function intervalsInWindows(windows: readonly string[], intervalsPerDay: number, intervalSeconds: number): boolean[] {
  const spans = windows.map((window) => {
    const [from, to] = window.split('-').map((part) => {
      const [h, m] = part.trim().split(':').map(Number) as [number, number];
      return h * 3600 + m * 60;
    }) as [number, number];
    return [from, to] as const;
  });
  return Array.from({ length: intervalsPerDay }, (_, i) => {
    const middle = (i + 0.5) * intervalSeconds;
    return spans.some(([from, to]) => middle >= from && middle < to);
  });
}

/** Runs of open intervals as `HH:MM-HH:MM` windows (`24:00` for a window open until midnight). */
function windowsOf(open: readonly boolean[], intervalSeconds: number): string[] {
  const windows: string[] = [];
  let start = -1;
  for (let i = 0; i <= open.length; i++) {
    if (i < open.length && open[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      windows.push(`${timeOfDay(start * intervalSeconds)}-${timeOfDay(i * intervalSeconds)}`);
      start = -1;
    }
  }
  return windows;
}
