/**
 * Dispatch: which agent an arriving caller gets, and which waiting work a free agent takes.
 * One interface, two strategies: a single pool where every agent answers every caller
 * (`singlePool.ts`), and skill-based routing with agent groups and overflow (`skillRouting.ts`).
 * Within a strategy, who among the free agents answers is an agent-selection policy
 * (`agentSelection.ts`: longest idle, or random among the free eligible agents).
 */
import type { AgentPool } from '../agentPool.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { QueueDiscipline } from '../queue.ts';

export interface Dispatch {
  /** The callers waiting (size, removal of a caller who leaves, callers ahead of one). */
  readonly queue: QueueDiscipline<LiveCaller>;
  /** The agents, pool by pool (one pool, or one per agent group). */
  readonly pools: readonly AgentPool[];
  /** An idle agent may answer `caller` now. */
  idleFor(caller: LiveCaller): boolean;
  /** Takes the idle agent who answers `caller` (call only when {@link idleFor}). */
  takeAgentFor(caller: LiveCaller): number;
  /** Puts `caller` in the queue. */
  enqueue(caller: LiveCaller): void;
  /** The waiting caller `agent` answers next, taken out of the queue (marked `viaOverflow` if they came by overflow); undefined when none. */
  nextFor(agent: number): LiveCaller | undefined;
  /** The pool `agent` belongs to. */
  poolOf(agent: number): AgentPool;
  /** How long `agent` takes over a call that takes an average agent `duration` (proficiency). */
  serviceTime(caller: LiveCaller, agent: number, duration: number): number;
  /** Callers waiting for the agents who would answer `caller`. */
  waitingFor(caller: LiveCaller): number;
  /** People on the phone who would answer `caller` at once. */
  servingFor(caller: LiveCaller): number;
  /** Whether a free agent may start a callback now (not while callers it could answer wait). */
  callbacksMayStart(): boolean;
  /** An idle agent may call back a customer about `problem` now. */
  idleForCallback(problem: number): boolean;
  /** Takes the idle agent who calls back about `problem` (call only when {@link idleForCallback}). */
  takeAgentForCallback(problem: number): number;
  /** Whether `agent` may call back a customer about `problem`. */
  mayCallBack(agent: number, problem: number): boolean;
}
