/**
 * Skill-based routing: agent groups with skills (the problem types they answer at once) and
 * overflow skills (the ones they answer once a caller has waited `queue.overflowAfter`), each
 * group with its own shifts, breaks and shrinkage. One queue per problem type, one pool of idle
 * agents per group (`skillQueues.ts`).
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
import type { AgentPool } from '../agentPool.ts';
import type { Host, TimerOwner } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { PreparedRouting } from '../routing.ts';
import type { AgentSelection } from './agentSelection.ts';
import type { Dispatch } from './dispatch.ts';
import { SkillRouter } from './skillQueues.ts';

export class SkillRouting implements Dispatch, TimerOwner {
  readonly queue: SkillRouter<LiveCaller>;
  readonly pools: readonly AgentPool[];
  private readonly overflowAfter: number;
  /** A caller overflows as soon as they join the queue. */
  private readonly overflowAtOnce: boolean;

  constructor(
    private readonly routing: PreparedRouting,
    priorities: readonly number[] | null,
    selection: AgentSelection,
    private readonly host: () => Host,
  ) {
    this.queue = new SkillRouter<LiveCaller>(routing, priorities === null ? null : (caller) => priorities[caller.typeIndex]!, selection);
    this.pools = this.queue.pools;
    this.overflowAfter = routing.overflowAfter;
    this.overflowAtOnce = routing.overflowAfter === 0;
  }

  idleFor(caller: LiveCaller): boolean {
    return this.queue.idleFor(caller.problemIndex, this.overflowAtOnce);
  }

  takeAgentFor(caller: LiveCaller): number {
    return this.queue.takeAgentFor(caller.problemIndex, this.overflowAtOnce);
  }

  enqueue(caller: LiveCaller): void {
    this.queue.push(caller);
    if (this.routing.overflowGroups[caller.problemIndex]!.length === 0) return;
    if (this.overflowAtOnce) this.queue.markOverflowed(caller);
    else this.host().setTimer(caller, this, 0, this.overflowAfter);
  }

  /**
   * A caller has waited `queue.overflowAfter`: answered at once by an idle agent of an overflow
   * group if there is one, else marked so the next free one takes them.
   */
  onTimer(caller: LiveCaller): void {
    if (caller.queueSlot === -1) return;
    const queue = this.queue;
    if (!queue.idleFor(caller.problemIndex, true)) {
      queue.markOverflowed(caller);
      return;
    }
    const host = this.host();
    host.book.queueChange(host.now, queue.size);
    queue.remove(caller);
    host.idleCount--;
    const agent = queue.takeAgentFor(caller.problemIndex, true);
    caller.viaOverflow = true;
    if (!host.answer(caller, agent)) host.nextJob(agent);
  }

  nextFor(agent: number): LiveCaller | undefined {
    const caller = this.queue.nextFor(agent);
    if (caller !== undefined) caller.viaOverflow = this.queue.lastWasOverflow;
    return caller;
  }

  poolOf(agent: number): AgentPool {
    return this.queue.poolOf(agent);
  }

  serviceTime(caller: LiveCaller, agent: number, duration: number): number {
    const routing = this.routing;
    return routing.plainFactors ? duration : duration * routing.groups[routing.agentGroup[agent]!]!.factors[caller.problemIndex]!;
  }

  waitingFor(caller: LiveCaller): number {
    return this.queue.waiting(caller.problemIndex);
  }

  servingFor(caller: LiveCaller): number {
    return this.queue.onDutyFor(caller.problemIndex);
  }

  /** An idle agent under routing has nobody waiting for its skills: it may always call back. */
  callbacksMayStart(): boolean {
    return true;
  }

  idleForCallback(problem: number): boolean {
    return this.queue.idleFor(problem, true);
  }

  takeAgentForCallback(problem: number): number {
    return this.queue.takeAgentFor(problem, true);
  }

  mayCallBack(agent: number, problem: number): boolean {
    return this.queue.answers(agent, problem);
  }
}
