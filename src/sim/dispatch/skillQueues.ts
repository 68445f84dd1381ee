/**
 * The queues of skill-based routing (one per problem type) and the agent groups' idle agents.
 * It is the dispatch's queue too: `size`, `push`, `remove` and `ahead` work on the caller's own
 * queue.
 */
import { AgentPool } from '../agentPool.ts';
import { FifoQueue, PriorityQueue, type QueueDiscipline, type Waiting } from '../queue.ts';
import type { PreparedRouting } from '../routing.ts';
import type { AgentSelection } from './agentSelection.ts';

/** What routing needs of a waiting caller. */
export interface Routed extends Waiting {
  /** Unique per call (a recycled caller object gets a new one). */
  readonly id: number;
  readonly arrival: number;
  readonly problemIndex: number;
}

/** The queues (one per problem type) and the groups' idle agents of one replication. */
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
    private readonly selection: AgentSelection,
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
    if (this.anyIdle(this.model.primaryGroups[problem]!)) return true;
    return overflowed && this.anyIdle(this.model.overflowGroups[problem]!);
  }

  private anyIdle(groups: readonly number[]): boolean {
    for (let i = 0; i < groups.length; i++) if (this.pools[groups[i]!]!.idle > 0) return true;
    return false;
  }

  /**
   * Takes the idle agent that answers a caller of `problem`, as `selection` picks among the
   * groups with the skill (and, once `overflowed` and none of them is free, among the overflow
   * groups); call only when {@link idleFor}.
   */
  takeAgentFor(problem: number, overflowed: boolean): number {
    const primary = this.model.primaryGroups[problem]!;
    const groups = overflowed && !this.anyIdle(primary) ? this.model.overflowGroups[problem]! : primary;
    return this.selection.take(this.pools, groups);
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
