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
import { AgentPool } from './agentPool.ts';
import { FifoQueue, PriorityQueue, type QueueDiscipline, type Waiting } from './queue.ts';
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

/** What routing needs of a waiting caller. */
export interface Routed extends Waiting {
  /** Unique per call (a recycled caller object gets a new one). */
  readonly id: number;
  readonly arrival: number;
  readonly problemIndex: number;
}

/**
 * The queues (one per problem type) and the groups' idle agents of one replication. It is the
 * engine's queue too: `size`, `push`, `remove` and `ahead` work on the caller's own queue.
 */
export class SkillRouter<T extends Routed> implements QueueDiscipline<T> {
  private readonly queues: Array<FifoQueue<T> | PriorityQueue<T>>;
  /** Per problem type: callers who have overflowed (with their call id, to skip stale entries), in order. */
  private readonly overflowed: Array<{ callers: T[]; ids: number[]; head: number }>;
  private live = 0;
  /** Each group's agents: idle ones (longest idle first), on duty, due off, off the phone. */
  readonly pools: AgentPool[];

  constructor(
    readonly model: PreparedRouting,
    priorityOf: ((item: T) => number) | null,
  ) {
    const problems = model.primaryGroups.length;
    this.queues = Array.from({ length: problems }, () => (priorityOf === null ? new FifoQueue<T>() : new PriorityQueue<T>(priorityOf)));
    this.overflowed = Array.from({ length: problems }, () => ({ callers: [], ids: [], head: 0 }));
    this.pools = model.groups.map((group) => new AgentPool(group.size));
    this.priorityOf = priorityOf;
  }

  private readonly priorityOf: ((item: T) => number) | null;

  get size(): number {
    return this.live;
  }

  push(item: T): void {
    this.queues[item.problemIndex]!.push(item);
    this.live++;
  }

  pop(): T | undefined {
    throw new Error('SkillRouter.pop: a caller is taken for an agent (nextFor)');
  }

  remove(item: T): void {
    if (item.queueSlot === -1) return;
    this.queues[item.problemIndex]!.remove(item);
    this.live--;
  }

  ahead(item: T): number {
    return this.queues[item.problemIndex]!.ahead(item);
  }

  /** Callers waiting for a problem type. */
  waiting(problem: number): number {
    return this.queues[problem]!.size;
  }

  /** People on the phone in the groups that answer `problem` at once (for the expected wait an announcement gives). */
  onDutyFor(problem: number): number {
    const groups = this.model.primaryGroups[problem]!;
    let people = 0;
    for (let i = 0; i < groups.length; i++) people += this.pools[groups[i]!]!.onDuty;
    return people;
  }

  /** A caller who waited `overflowAfter` and found no agent: overflow groups may now take them. */
  markOverflowed(item: T): void {
    const list = this.overflowed[item.problemIndex]!;
    list.callers.push(item);
    list.ids.push(item.id);
  }

  /** An idle agent can answer a caller of `problem` now (overflow groups too once `overflowed`). */
  idleFor(problem: number, overflowed: boolean): boolean {
    if (this.longestIdle(this.model.primaryGroups[problem]!) >= 0) return true;
    return overflowed && this.longestIdle(this.model.overflowGroups[problem]!) >= 0;
  }

  /** The group among `groups` whose next idle agent has been idle longest, or -1 when none is idle. */
  private longestIdle(groups: readonly number[]): number {
    let best = -1;
    let since = Infinity;
    for (let i = 0; i < groups.length; i++) {
      const pool = this.pools[groups[i]!]!;
      if (pool.idle > 0 && pool.longestIdleSince() < since) {
        since = pool.longestIdleSince();
        best = groups[i]!;
      }
    }
    return best;
  }

  /** Takes the idle agent that answers a caller of `problem` (see the rules above); call only when {@link idleFor}. */
  takeAgentFor(problem: number, overflowed: boolean): number {
    let g = this.longestIdle(this.model.primaryGroups[problem]!);
    if (g < 0 && overflowed) g = this.longestIdle(this.model.overflowGroups[problem]!);
    return this.pools[g]!.take();
  }

  /** The pool of `agent`'s group. */
  poolOf(agent: number): AgentPool {
    return this.pools[this.model.agentGroup[agent]!]!;
  }

  /** Whether `agent` may answer a caller of `problem` (a callback): skill or overflow skill. */
  answers(agent: number, problem: number): boolean {
    const group = this.model.groups[this.model.agentGroup[agent]!]!;
    return group.skills.includes(problem) || group.overflowSkills.includes(problem);
  }

  /**
   * The caller `agent` answers next, taken out of its queue: the best head of the agent's
   * skills' queues, else the overflowed caller waiting longest among its overflow skills;
   * undefined when there is none. `overflow` is then true when the caller came by overflow.
   */
  nextFor(agent: number): T | undefined {
    const group = this.model.groups[this.model.agentGroup[agent]!]!;
    let best: T | undefined;
    let bestQueue = -1;
    const skills = group.skills;
    for (let i = 0; i < skills.length; i++) {
      const head = this.queues[skills[i]!]!.peek();
      if (head !== undefined && (best === undefined || this.before(head, best))) {
        best = head;
        bestQueue = skills[i]!;
      }
    }
    if (best !== undefined) {
      this.queues[bestQueue]!.pop();
      this.live--;
      this.lastWasOverflow = false;
      return best;
    }
    const overflowSkills = group.overflowSkills;
    for (let i = 0; i < overflowSkills.length; i++) {
      const head = this.overflowHead(overflowSkills[i]!);
      if (head !== undefined && (best === undefined || this.before(head, best))) best = head;
    }
    if (best === undefined) return undefined;
    this.remove(best);
    this.lastWasOverflow = true;
    return best;
  }

  /** Whether the caller last returned by {@link nextFor} came by overflow. */
  lastWasOverflow = false;

  /** The first still-waiting overflowed caller of a problem type (stale entries dropped). */
  private overflowHead(problem: number): T | undefined {
    const list = this.overflowed[problem]!;
    while (list.head < list.callers.length) {
      const caller = list.callers[list.head]!;
      if (caller.id === list.ids[list.head] && caller.queueSlot !== -1) return caller;
      list.head++;
      if (list.head > 1024 && list.head * 2 > list.callers.length) {
        list.callers.splice(0, list.head);
        list.ids.splice(0, list.head);
        list.head = 0;
      }
    }
    return undefined;
  }

  /** `a` is answered before `b`: higher priority, then earlier arrival. */
  private before(a: T, b: T): boolean {
    if (this.priorityOf !== null) {
      const pa = this.priorityOf(a);
      const pb = this.priorityOf(b);
      if (pa !== pb) return pa > pb;
    }
    return a.arrival < b.arrival;
  }
}
