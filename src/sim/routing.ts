/**
 * Skill-based routing: agent groups with skills (the problem types they answer at once) and
 * overflow skills (the ones they answer once a caller has waited `queue.overflowAfter`), each
 * group with its own shifts, breaks and shrinkage. One queue per problem type, one pool of
 * idle agents per group.
 *
 * Rules, as a phone system's skill routing applies them:
 * - A caller is answered by an idle agent of a group with the caller's problem among its
 *   skills (the one idle longest among those groups); once overflowed, by an idle agent of a
 *   group with it among its overflow skills if no skilled agent is free.
 * - A free agent takes, first, the next caller of its skills' queues (highest priority, then
 *   longest waiting, across those queues); then the overflowed caller waiting longest among its
 *   overflow skills; else a due callback it has the skill for; else it goes idle.
 * - Within a problem type's queue the order is fifo or priority (`queue.discipline`).
 */
import type { ScenarioConfig } from '../scenario/schema.ts';
import { SECONDS_PER_DAY } from '../kernel/openHours.ts';
import { rosterOf, type Roster, type RosterStep } from './roster.ts';

/** An agent group as the engine uses it. Its agents are `firstAgent … firstAgent + size − 1` in the pool. */
export interface PreparedGroup {
  readonly id: string;
  readonly firstAgent: number;
  /** Places in the pool: the most of the group ever on the phone at once. */
  readonly size: number;
  /** Problem type indexes answered at once, and after overflow. */
  readonly skills: readonly number[];
  readonly overflowSkills: readonly number[];
  /** Handle-time factor per problem type index. */
  readonly factors: Float64Array;
  readonly costPerHour: number;
}

export interface PreparedRouting {
  readonly groups: readonly PreparedGroup[];
  /** The group of each agent of the pool. */
  readonly agentGroup: Int32Array;
  /** Per problem type index: the groups that answer it at once, and after overflow. */
  readonly primaryGroups: readonly (readonly number[])[];
  readonly overflowGroups: readonly (readonly number[])[];
  /** Wait after which a caller overflows; Infinity for never. */
  readonly overflowAfter: number;
  /** The groups' rosters merged: each step lists every group's people; null when every group is on duty all day. */
  readonly roster: Roster | null;
  /** Every handle-time factor is 1. */
  readonly plainFactors: boolean;
}

/** A roster step with each group's people (routing only). */
export interface GroupRosterStep extends RosterStep {
  readonly groups: readonly { readonly paid: number; readonly available: number }[];
}

/**
 * Whether the scenario's groups need the routing engine: skills, overflow skills, per-problem
 * proficiency, or shifts of their own. Groups that only differ in pay and handle-time factor run
 * on the single-pool engine (every agent answers every caller).
 */
export function needsRouting(config: ScenarioConfig): boolean {
  const groups = config.agents.groups;
  if (groups === undefined) return false;
  return groups.some(
    (group) =>
      group.skills !== undefined ||
      group.overflowSkills !== undefined ||
      group.proficiency !== undefined ||
      group.shifts !== undefined ||
      group.breaks !== undefined ||
      group.shrinkage !== undefined ||
      group.profile !== undefined,
  );
}

/** The routing model of a scenario with groups that need it, or null. */
export function prepareRouting(config: ScenarioConfig): PreparedRouting | null {
  if (!needsRouting(config)) return null;
  const groups = config.agents.groups!;
  const problemIds = config.problemTypes.map((problem) => problem.id);
  const indexOf = (id: string): number => {
    const index = problemIds.indexOf(id);
    if (index < 0) throw new Error(`agent group skill ${id}: unknown problem type`);
    return index;
  };
  const rosters = groups.map((group) =>
    rosterOf({ count: group.count, costPerHour: group.costPerHour, shifts: group.shifts, breaks: group.breaks, shrinkage: group.shrinkage ?? config.agents.shrinkage }),
  );
  let next = 0;
  const prepared = groups.map((group, g): PreparedGroup => {
    const size = rosters[g] === null ? group.count : rosters[g]!.maxAvailable;
    const factors = new Float64Array(problemIds.length).fill(group.handleTimeFactor);
    for (const [id, factor] of Object.entries(group.proficiency ?? {})) factors[indexOf(id)] = factor;
    const firstAgent = next;
    next += size;
    return {
      id: group.id,
      firstAgent,
      size,
      skills: group.skills === undefined ? problemIds.map((_, index) => index) : group.skills.map(indexOf),
      overflowSkills: (group.overflowSkills ?? []).map(indexOf),
      factors,
      costPerHour: group.costPerHour,
    };
  });
  const agentGroup = new Int32Array(next);
  prepared.forEach((group, g) => agentGroup.fill(g, group.firstAgent, group.firstAgent + group.size));
  const overflowAfter = config.queue.overflowAfter === undefined || config.queue.overflowAfter === 'never' ? Infinity : config.queue.overflowAfter;
  return {
    groups: prepared,
    agentGroup,
    primaryGroups: problemIds.map((_, p) => prepared.flatMap((group, g) => (group.skills.includes(p) ? [g] : []))),
    overflowGroups: problemIds.map((_, p) =>
      overflowAfter < Infinity ? prepared.flatMap((group, g) => (group.overflowSkills.includes(p) && !group.skills.includes(p) ? [g] : [])) : [],
    ),
    overflowAfter,
    roster: mergeRosters(rosters, groups.map((group) => group.count)),
    plainFactors: prepared.every((group) => group.factors.every((factor) => factor === 1)),
  };
}

/**
 * The groups' rosters as one: a step wherever any group's changes, listing every group's
 * people (a group without a roster has `count` paid and on the phone all day). Null when no
 * group has a roster.
 */
function mergeRosters(rosters: readonly (Roster | null)[], counts: readonly number[]): Roster | null {
  if (rosters.every((roster) => roster === null)) return null;
  const times = [...new Set(rosters.flatMap((roster) => (roster === null ? [0] : roster.steps.map((step) => step.at))))].sort((a, b) => a - b);
  const at = (roster: Roster | null, count: number, t: number): { paid: number; available: number } => {
    if (roster === null) return { paid: count, available: count };
    let found = roster.steps[0]!;
    for (const step of roster.steps) if (step.at <= t) found = step;
    return { paid: found.paid, available: found.available };
  };
  const steps: GroupRosterStep[] = times
    .filter((t) => t < SECONDS_PER_DAY)
    .map((t) => {
      const groups = rosters.map((roster, g) => at(roster, counts[g]!, t));
      return { at: t, groups, paid: groups.reduce((sum, group) => sum + group.paid, 0), available: groups.reduce((sum, group) => sum + group.available, 0) };
    });
  return { steps, maxAvailable: Math.max(...steps.map((step) => step.available)) };
}

/**
 * Paid hours of each group in one day's opening hours, for the staff cost's average rate
 * (the rate of each paid hour is its group's).
 */
export function paidOpenSecondsPerGroup(routing: PreparedRouting, counts: readonly number[], windows: ReadonlyArray<readonly [number, number]>): number[] {
  const open = (from: number, to: number): number => windows.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0);
  const roster = routing.roster;
  if (roster === null) return counts.map((count) => count * open(0, SECONDS_PER_DAY));
  const steps = roster.steps as readonly GroupRosterStep[];
  return routing.groups.map((_, g) =>
    steps.reduce((sum, step, index) => sum + step.groups[g]!.paid * open(step.at, steps[index + 1]?.at ?? SECONDS_PER_DAY), 0),
  );
}
