/**
 * "How many people do I need on the phone, interval by interval?" Starts from Erlang A (or C)
 * per interval, then corrects by simulating the whole day with that staffing: queues that
 * spill from one interval into the next, lognormal handle times and patience, a finite queue
 * — what the formulas leave out. Every candidate runs on the same callers (common random
 * numbers), so comparing two staffings compares staffings, not luck.
 *
 * Objectives:
 * - `service`: the fewest agents per interval whose simulated service level (mean over
 *   replications) meets the target, and abandonment the cap if one is given. At the answer,
 *   taking one agent away from any single interval misses a target (checked by simulation).
 * - `profit`: the agents per interval that maximise the day's
 *   margin made − staff cost − lost customer lifetime margin − cost of retries
 *   ({@link profitTerms}), by local search one agent at a time: at the answer no single
 *   interval gains from one agent more or fewer. Lost sales are not a separate term because
 *   they are already inside "margin made": every sale not lost is margin made, so maximising
 *   margin made is minimising lost sales (margin made + lost margin = the margin callers meant
 *   to spend, the same for every staffing since every candidate meets the same callers). Lost lifetime margin (customers who switch,
 *   skip their next purchase or tell others; nonzero only with an `afterCall` section) and
 *   the cost of customers calling again are future money the day's margin does not see.
 */
import type { Kpis } from '../metrics/kpis.ts';
import type { RunManyOptions } from '../parallel/runScenarios.ts';
import { runScenarios } from '../parallel/runScenarios.ts';
import type { ScenarioConfig, ServiceLevelDenominator } from '../scenario/schema.ts';
import type { RunResult } from '../sim/run.ts';
import { minimumAgents } from '../staffing/index.ts';
import { withStaffing } from './schedule.ts';
import { intervalTraffic, meanHandleTime, meanPatience, type IntervalTraffic } from './traffic.ts';

/** Service targets per interval. */
export interface ServiceTarget {
  /** Required service level, 0–1 (0.8 for 80/20). */
  readonly serviceLevel: number;
  readonly thresholdSeconds: number;
  /** Optional cap on the abandonment rate, 0–1. */
  readonly maxAbandonment?: number;
}

export interface StaffingOptions extends RunManyOptions {
  readonly objective: 'service' | 'profit';
  readonly target: ServiceTarget;
  /** Most rounds of simulation before giving up (each round runs a batch of candidates). */
  readonly maxRounds?: number;
  /** Told of each round: its number, what it did and how many candidates it ran. */
  readonly onRound?: (round: number, what: string, candidates: number) => void;
}

/** One interval of the answer. */
export interface IntervalStaffing {
  readonly interval: IntervalTraffic;
  /** Erlang A (or C) minimum for the target, from the interval's mean traffic. */
  readonly erlang: number;
  /** The answer after simulation. */
  readonly agents: number;
  /** Simulated figures of the interval with the answer. */
  readonly kpis: { readonly [K in keyof Kpis]: number };
  /** Whether the interval meets the targets (service objective). */
  readonly meets: boolean;
}

export interface StaffingResult {
  readonly objective: 'service' | 'profit';
  readonly target: ServiceTarget;
  /** The scenario as simulated: the service-level definition set from the target. */
  readonly scenario: ScenarioConfig;
  /** The scenario with the answer as its staffing schedule. */
  readonly staffed: ScenarioConfig;
  readonly intervals: readonly IntervalStaffing[];
  readonly run: RunResult;
  /** The formula of the starting point: Erlang A, or Erlang C when nobody hangs up. */
  readonly formula: 'Erlang A' | 'Erlang C';
  readonly rounds: number;
  readonly simulations: number;
  /** Every interval meets the targets (service objective), or the search converged (profit). */
  readonly converged: boolean;
}

const DEFAULT_MAX_ROUNDS = 40;

/** The terms of the profit objective, means over replications of a run's KPIs. */
export interface ProfitTerms {
  /** Margin made on the sales of the simulated days (lost sales are the margin not made). */
  readonly margin: number;
  readonly staffCost: number;
  /** Future margin lost with dissatisfied customers (afterCall); 0 without an afterCall section. */
  readonly lostLifetimeMargin: number;
  /** What customers calling again cost (agent time, line minutes, fees). */
  readonly retryCost: number;
  /** margin − staffCost − lostLifetimeMargin − retryCost: what the profit objective maximises. */
  readonly objective: number;
}

/** The profit objective of a run and its terms. */
export function profitTerms(run: RunResult): ProfitTerms {
  const { margin, staffCost, lostLifetimeMargin, retryCost } = run.kpis;
  return {
    margin: margin.mean,
    staffCost: staffCost.mean,
    lostLifetimeMargin: lostLifetimeMargin.mean,
    retryCost: retryCost.mean,
    objective: margin.mean - staffCost.mean - lostLifetimeMargin.mean - retryCost.mean,
  };
}

const profitOf = (run: RunResult): number => profitTerms(run).objective;

/** The scenario with the target's threshold and level as its service-level definition. */
export function scenarioForTarget(scenario: ScenarioConfig, target: ServiceTarget): ScenarioConfig {
  return {
    ...scenario,
    plans: undefined,
    serviceLevel: { ...scenario.serviceLevel, thresholdSeconds: target.thresholdSeconds, target: target.serviceLevel },
  };
}

/** Erlang A (Erlang C when nobody hangs up) minimum per interval; 0 where the line is closed or silent. */
export function erlangStaffing(scenario: ScenarioConfig, target: ServiceTarget, intervals = intervalTraffic(scenario)): number[] {
  const handle = meanHandleTime(scenario);
  const patience = meanPatience(scenario);
  const denominator: ServiceLevelDenominator = scenario.serviceLevel.denominator;
  return intervals.map((interval) => {
    if (interval.openSeconds === 0 || interval.arrivalRate === 0) return 0;
    return minimumAgents({
        arrivalRate: interval.arrivalRate,
        meanHandleTime: handle,
        ...(Number.isFinite(patience) ? { meanPatience: patience } : {}),
        thresholdSeconds: target.thresholdSeconds,
        targetServiceLevel: target.serviceLevel,
        ...(target.maxAbandonment !== undefined ? { maxAbandonment: target.maxAbandonment } : {}),
        serviceLevelDenominator: denominator,
        maxAgents: 100_000,
      }).agents;
  });
}

/** Whether an interval of a run meets the targets (an interval without calls always does). */
export function intervalMeets(run: RunResult, index: number, target: ServiceTarget): boolean {
  const kpis = run.intervals[index]!;
  if (!(kpis.offered.mean > 0)) return true;
  // A hair of tolerance: 0.8 computed as 4/5 of counts must count as 80%.
  if (kpis.serviceLevel.mean < target.serviceLevel - 1e-12) return false;
  return target.maxAbandonment === undefined || kpis.abandonmentRate.mean <= target.maxAbandonment + 1e-12;
}

/** Finds the staffing per interval; see the module comment for the two objectives. */
export async function optimizeStaffing(base: ScenarioConfig, options: StaffingOptions): Promise<StaffingResult> {
  const scenario = scenarioForTarget(base, options.target);
  const intervals = intervalTraffic(scenario);
  const open = intervals.filter((interval) => interval.openSeconds > 0).map((interval) => interval.index);
  const erlang = erlangStaffing(scenario, options.target, intervals);
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  let simulations = 0;
  const simulate = async (candidates: number[][]): Promise<RunResult[]> => {
    simulations += candidates.length;
    return runScenarios(
      candidates.map((agents) => withStaffing(scenario, intervals, agents)),
      options,
    );
  };
  let agents = [...erlang];
  let [run] = await simulate([agents]);
  let rounds = 1;
  let converged = false;

  if (options.objective === 'service') {
    // Up: every interval that misses gets one more agent, until all meet.
    while (rounds < maxRounds) {
      const missing = open.filter((index) => !intervalMeets(run!, index, options.target));
      if (missing.length === 0) break;
      options.onRound?.(rounds, `adding one agent to ${missing.length} intervals that miss the target`, 1);
      agents = agents.map((count, index) => (missing.includes(index) ? count + 1 : count));
      [run] = await simulate([agents]);
      rounds++;
    }
    // Down: try one agent fewer in each interval (all at once, one batch); keep the cuts that
    // still meet every target, then check them together. Done when no single cut survives.
    while (rounds < maxRounds && open.every((index) => intervalMeets(run!, index, options.target))) {
      const cuttable = open.filter((index) => agents[index]! > 0);
      const candidates = cuttable.map((index) => agents.map((count, i) => (i === index ? count - 1 : count)));
      options.onRound?.(rounds, `trying one agent fewer in each of ${candidates.length} intervals`, candidates.length);
      const results = await simulate(candidates);
      rounds++;
      const cuts = cuttable.filter((_, k) => open.every((index) => intervalMeets(results[k]!, index, options.target)));
      if (cuts.length === 0) {
        converged = true;
        break;
      }
      const together = agents.map((count, index) => (cuts.includes(index) ? count - 1 : count));
      const [combined] = cuts.length === 1 ? [results[cuttable.indexOf(cuts[0]!)]!] : await simulate([together]);
      if (cuts.length > 1) rounds++;
      if (open.every((index) => intervalMeets(combined!, index, options.target))) {
        agents = together;
        run = combined;
      } else {
        // Cuts that pass alone but not together (a queue spilling over): take the first only.
        const first = cuts[0]!;
        agents = agents.map((count, index) => (index === first ? count - 1 : count));
        run = results[cuttable.indexOf(first)]!;
      }
    }
  } else {
    // Profit: move each interval one agent up or down while the profit objective improves.
    while (rounds < maxRounds) {
      const moves: Array<{ index: number; delta: number }> = [];
      for (const index of open) {
        moves.push({ index, delta: +1 });
        if (agents[index]! > 0) moves.push({ index, delta: -1 });
      }
      options.onRound?.(rounds, `trying one agent more or fewer in each of ${open.length} intervals`, moves.length);
      const results = await simulate(moves.map(({ index, delta }) => agents.map((count, i) => (i === index ? count + delta : count))));
      rounds++;
      const currentTotal = profitOf(run!);
      // A move's gain is the whole day's: an interval's agents also serve the queue it hands on.
      const best = new Map<number, { delta: number; gain: number; k: number }>();
      moves.forEach(({ index, delta }, k) => {
        const gain = profitOf(results[k]!) - currentTotal;
        if (gain > 1e-9 && gain > (best.get(index)?.gain ?? 0)) best.set(index, { delta, gain, k });
      });
      if (best.size === 0) {
        converged = true;
        break;
      }
      const together = agents.map((count, index) => count + (best.get(index)?.delta ?? 0));
      const [combined] = await simulate([together]);
      rounds++;
      if (profitOf(combined!) > currentTotal + 1e-9) {
        agents = together;
        run = combined;
      } else {
        const [index, move] = [...best].sort((a, b) => b[1].gain - a[1].gain)[0]!;
        agents = agents.map((count, i) => (i === index ? count + move.delta : count));
        run = results[move.k]!;
      }
    }
  }
  const finalRun = run!;
  return {
    objective: options.objective,
    target: options.target,
    scenario,
    staffed: withStaffing(scenario, intervals, agents),
    intervals: intervals.map((interval) => ({
      interval,
      erlang: erlang[interval.index]!,
      agents: agents[interval.index]!,
      kpis: Object.fromEntries(Object.entries(finalRun.intervals[interval.index]!).map(([key, estimate]) => [key, estimate.mean])) as IntervalStaffing['kpis'],
      meets: intervalMeets(finalRun, interval.index, options.target),
    })),
    run: finalRun,
    formula: Number.isFinite(meanPatience(scenario)) ? 'Erlang A' : 'Erlang C',
    rounds,
    simulations,
    converged,
  };
}
