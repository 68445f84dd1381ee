import type { Distribution } from '../dists/schema.ts';
import { samplerFor, type Sampler } from '../dists/sample.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { AfterHoursConfig, AnnouncementsConfig, CallbackConfig, SecretaryConfig } from '../scenario/schema/realism.ts';
import type { RateSegment } from '../kernel/arrivals.ts';
import { dayFactorsOf, daySegments, firstWeekdayOf, openingWindows, parseTimeOfDay, weekSegments } from './calendar.ts';
import { rosterOf, rosterOfSchedule, type Roster } from './roster.ts';
import { warmupOf } from './warmup.ts';
import { paidOpenSecondsPerGroup, prepareRouting, type PreparedRouting } from './routing.ts';
import { prepareScripted, type ScriptedModel } from './scriptedModel.ts';

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
  /** Index of the problem type in the scenario's problemTypes (skill-based routing's queue). */
  readonly problemIndex: number;
  /** Queue priority (discipline `priority`), 0 by default. */
  readonly priority: number;
  /** Whether and when callers of this type call again, or null when they never do. */
  readonly retrial: PreparedRetrial | null;
}

export interface PreparedRetrial {
  readonly afterBlocked: number;
  readonly afterAbandoned: number;
  readonly afterDropped: number;
  readonly delay: Sampler;
  readonly maxAttempts: number;
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
  /** With a weekly demand, the segments of each weekday (0 = monday) and the weekday of day 0; null otherwise. */
  readonly week: { readonly segments: readonly (readonly RateSegment[])[]; readonly firstWeekday: number } | null;
  readonly windows: ReadonlyArray<readonly [number, number]>;
  readonly days: number;
  readonly horizon: number;
  readonly warmup: number;
  readonly intervalSeconds: number;
  readonly intervalsPerDay: number;
  /** Agents in the pool: `agents.count`, the groups' people, or the most on the phone at once in the roster. */
  readonly agents: number;
  readonly queueCapacity: number;
  readonly thresholdSeconds: number;
  /** Call scripts of the problem types that have one, and the agents' profiles; null when none has. */
  readonly scripted: ScriptedModel | null;
  /** Phone lines (callers waiting + live calls in service); Infinity when unlimited. */
  readonly lines: number;
  /** Wait after which the line is dropped; Infinity when none. */
  readonly maxWait: number;
  readonly announcements: AnnouncementsConfig | null;
  readonly callback: CallbackConfig | null;
  readonly secretary: PreparedSecretary | null;
  /** Shifts, breaks and shrinkage as a daily step function; null for a fixed team (`agents` all day). */
  readonly roster: Roster | null;
  /** Arrival factor of each simulated day (0: closed), or null for 1 every day. */
  readonly dayFactors: Float64Array | null;
  /** Handle-time factor of each agent (agent groups' proficiency), or null when every factor is 1. */
  readonly agentHandleTimeFactors: Float64Array | null;
  /** Cost of one paid agent hour: the groups' average weighted by their size, or agents.costPerHour. */
  readonly costPerAgentHour: number;
  readonly afterHours: PreparedAfterHours | null;
  /** Skill-based routing (agent groups with skills or shifts of their own), or null for one pool of agents. */
  readonly routing: PreparedRouting | null;
}

/** Calls while closed: the settings, the closed stretches of the day as arrival segments, the delay sampler. */
export interface PreparedAfterHours extends Omit<AfterHoursConfig, 'delay'> {
  readonly segments: readonly RateSegment[];
  /** The whole day on closed days (holidays): outside and during the usual opening hours. */
  readonly closedDaySegments: readonly RateSegment[];
  readonly delay: Sampler;
}

/** The stretches of the day outside the opening windows, at `callsPerHour`. */
function closedSegments(windows: ReadonlyArray<readonly [number, number]>, callsPerHour: number): RateSegment[] {
  const segments: RateSegment[] = [];
  let cursor = 0;
  for (const [start, end] of windows) {
    if (start > cursor) segments.push({ start: cursor, end: start, ratePerSecond: callsPerHour / 3600 });
    cursor = Math.max(cursor, end);
  }
  if (cursor < 86_400) segments.push({ start: cursor, end: 86_400, ratePerSecond: callsPerHour / 3600 });
  return segments;
}

/**
 * A closed day's calls (holidays): `callsPerHour` outside the opening hours and
 * `openHoursCallsPerHour` during them; all hear the closed message.
 */
function closedDaySegments(windows: ReadonlyArray<readonly [number, number]>, callsPerHour: number, openHoursCallsPerHour: number): RateSegment[] {
  const segments = [...closedSegments(windows, callsPerHour), ...windows.map(([start, end]) => ({ start, end, ratePerSecond: openHoursCallsPerHour / 3600 }))];
  return segments.sort((a, b) => a.start - b.start);
}

/** The virtual secretary's settings with the message time's sampler built. */
export interface PreparedSecretary extends Omit<SecretaryConfig, 'messageTime'> {
  readonly messageTime: Sampler;
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
      // A call script decides the sale itself (scriptedService.ts): a buyer's potential, in the
      // queue as on the call, is the whole order, so lost revenue is counted alike for both.
      conversion: problem.script !== undefined ? 1 : problem.conversion,
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
      problemIndex: config.problemTypes.findIndex((candidate) => candidate.id === type.problem),
      priority: type.priority ?? 0,
      retrial:
        type.retrial !== undefined && type.retrial.afterBlocked + type.retrial.afterAbandoned + type.retrial.afterDropped > 0 && type.retrial.maxAttempts > 1
          ? {
              afterBlocked: type.retrial.afterBlocked,
              afterAbandoned: type.retrial.afterAbandoned,
              afterDropped: type.retrial.afterDropped,
              delay: samplerOf(type.retrial.delay),
              maxAttempts: type.retrial.maxAttempts,
            }
          : null,
    };
  });
  const intervalSeconds = config.run.intervalMinutes * 60;
  // A staffing schedule (scenario `staffing`, e.g. from callfloor staff) is a roster of its own.
  const schedule = staffingSchedule(config);
  const routing = prepareRouting(config);
  const roster = routing !== null ? routing.roster : schedule !== null ? rosterOfSchedule(schedule) : rosterOf(config.agents);
  return {
    config,
    callerTypes,
    segments: daySegments(config),
    week: weekOf(config),
    windows: openingWindows(config),
    days: config.run.days,
    horizon: config.run.days * 86_400,
    warmup: warmupOf(config),
    intervalSeconds,
    intervalsPerDay: Math.ceil(86_400 / intervalSeconds),
    // With a roster, the pool holds the most people ever on the phone at once.
    // With groups, the pool is their people (agents.count must match them; --agents cannot change them).
    agents:
      routing !== null
        ? routing.agentGroup.length
        : roster !== null
          ? roster.maxAvailable
          : config.agents.groups !== undefined
            ? config.agents.groups.reduce((sum, group) => sum + group.count, 0)
            : config.agents.count,
    queueCapacity: config.queue.capacity === 'unlimited' ? Infinity : config.queue.capacity,
    thresholdSeconds: config.serviceLevel.thresholdSeconds,
    scripted: prepareScripted(config, routing),
    lines: config.queue.lines === undefined || config.queue.lines === 'unlimited' ? Infinity : config.queue.lines,
    maxWait: config.queue.maxWait === undefined || config.queue.maxWait === 'none' ? Infinity : config.queue.maxWait,
    announcements: config.queue.announcements ?? null,
    callback: config.queue.callback ?? null,
    roster,
    dayFactors: dayFactorsOf(config),
    afterHours:
      config.afterHours === undefined || (config.afterHours.callsPerHour === 0 && (config.afterHours.closedDays ?? 0) === 0)
        ? null
        : {
            ...config.afterHours,
            segments: closedSegments(openingWindows(config), config.afterHours.callsPerHour),
            closedDaySegments: closedDaySegments(openingWindows(config), config.afterHours.callsPerHour, config.afterHours.closedDays ?? config.afterHours.callsPerHour),
            delay: samplerOf(config.afterHours.delay),
          },
    ...(routing !== null ? routedGroupsOf(config, routing) : agentGroupsOf(config.agents)),
    routing,
    secretary: config.secretary === undefined ? null : { ...config.secretary, messageTime: samplerOf(config.secretary.messageTime) },
  };
}

function weekOf(config: ScenarioConfig): SimulationModel['week'] {
  const segments = weekSegments(config);
  return segments === null ? null : { segments, firstWeekday: firstWeekdayOf(config) };
}

/** Per-agent handle-time factors and the average hourly cost from the agent groups. */
function agentGroupsOf(agents: ScenarioConfig['agents']): Pick<SimulationModel, 'agentHandleTimeFactors' | 'costPerAgentHour'> {
  const groups = agents.groups;
  if (groups === undefined) return { agentHandleTimeFactors: null, costPerAgentHour: agents.costPerHour };
  const people = groups.reduce((sum, group) => sum + group.count, 0);
  const factors = new Float64Array(people);
  let next = 0;
  for (const group of groups) factors.fill(group.handleTimeFactor, next, (next += group.count));
  return {
    agentHandleTimeFactors: factors.every((factor) => factor === 1) ? null : factors,
    costPerAgentHour: groups.reduce((sum, group) => sum + group.count * group.costPerHour, 0) / people,
  };
}

/**
 * With routing the engine takes handle-time factors from the groups' skills; the hourly cost is
 * the groups' rates weighted by their paid hours in the opening hours (so shifts count).
 */
function routedGroupsOf(config: ScenarioConfig, routing: PreparedRouting): Pick<SimulationModel, 'agentHandleTimeFactors' | 'costPerAgentHour'> {
  const groups = config.agents.groups!;
  const paid = paidOpenSecondsPerGroup(routing, groups.map((group) => group.count), openingWindows(config));
  const total = paid.reduce((sum, seconds) => sum + seconds, 0);
  return {
    agentHandleTimeFactors: null,
    costPerAgentHour: total > 0 ? groups.reduce((sum, group, g) => sum + paid[g]! * group.costPerHour, 0) / total : 0,
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
