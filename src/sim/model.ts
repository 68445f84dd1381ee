import type { Distribution } from '../dists/schema.ts';
import { samplerFor, type Sampler } from '../dists/sample.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { daySegments, openingWindows, parseTimeOfDay, type RateSegment } from './calendar.ts';

/** A caller type with its samplers built once and its problem type resolved. */
export interface PreparedCallerType {
  readonly id: string;
  readonly cumulativeShare: number;
  readonly patience: Sampler | null;
  readonly purchaseIntent: number;
  readonly orderValue: Sampler;
  readonly mood: number;
  readonly intentHalfLife: number;
  readonly problem: PreparedProblemType;
}

export interface PreparedProblemType {
  readonly id: string;
  readonly handleTime: Sampler;
  readonly resolution: number;
  readonly conversion: number;
}

/**
 * Everything the engine needs from a scenario, computed once and shared by all
 * replications: samplers, the day's arrival segments, opening windows, settings.
 */
export interface SimulationModel {
  readonly config: ScenarioConfig;
  readonly callerTypes: readonly PreparedCallerType[];
  readonly segments: readonly RateSegment[];
  readonly windows: ReadonlyArray<readonly [number, number]>;
  readonly days: number;
  readonly horizon: number;
  readonly warmup: number;
  readonly intervalSeconds: number;
  readonly intervalsPerDay: number;
  /** Agents in the pool: `agents.count`, or the largest step of the staffing schedule. */
  readonly agents: number;
  /** The staffing schedule, sorted by time of day (seconds from midnight), or null for `agents.count` all day. */
  readonly staffing: ReadonlyArray<{ readonly at: number; readonly agents: number }> | null;
  readonly queueCapacity: number;
  readonly thresholdSeconds: number;
}

function samplerOf(spec: Distribution): Sampler {
  return samplerFor(spec);
}

export function prepareModel(config: ScenarioConfig): SimulationModel {
  const problems = new Map<string, PreparedProblemType>();
  for (const problem of config.problemTypes) {
    problems.set(problem.id, {
      id: problem.id,
      handleTime: samplerOf(problem.handleTime),
      resolution: problem.resolution,
      conversion: problem.conversion,
    });
  }
  const totalShare = config.callerTypes.reduce((sum, type) => sum + type.share, 0);
  let cumulative = 0;
  const callerTypes = config.callerTypes.map((type, index): PreparedCallerType => {
    cumulative += type.share / totalShare;
    const problem = problems.get(type.problem);
    if (!problem) throw new Error(`caller type ${type.id}: unknown problem type ${type.problem}`);
    return {
      id: type.id,
      // The last type takes whatever rounding left, so a draw near 1 always finds a type.
      cumulativeShare: index === config.callerTypes.length - 1 ? 1 : cumulative,
      patience: type.patience === 'infinite' ? null : samplerOf(type.patience),
      purchaseIntent: type.purchaseIntent,
      orderValue: samplerOf(type.orderValue),
      mood: type.mood,
      intentHalfLife: type.intentHalfLife,
      problem,
    };
  });
  const intervalSeconds = config.run.intervalMinutes * 60;
  const staffing = staffingSchedule(config);
  return {
    config,
    callerTypes,
    segments: daySegments(config),
    windows: openingWindows(config),
    days: config.run.days,
    horizon: config.run.days * 86_400,
    warmup: config.run.warmup,
    intervalSeconds,
    intervalsPerDay: Math.ceil(86_400 / intervalSeconds),
    agents: staffing === null ? config.agents.count : Math.max(...staffing.map((step) => step.agents)),
    staffing,
    queueCapacity: config.queue.capacity === 'unlimited' ? Infinity : config.queue.capacity,
    thresholdSeconds: config.serviceLevel.thresholdSeconds,
  };
}

/**
 * The scenario's `staffing` steps sorted by time of day; for two steps at the same time the
 * later one written wins. Null without a schedule.
 */
export function staffingSchedule(config: ScenarioConfig): Array<{ at: number; agents: number }> | null {
  if (config.staffing === undefined) return null;
  const byTime = new Map<number, number>();
  for (const step of config.staffing) byTime.set(parseTimeOfDay(step.from), step.agents);
  return [...byTime].map(([at, agents]) => ({ at, agents })).sort((a, b) => a.at - b.at);
}
