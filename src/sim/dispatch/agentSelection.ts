/**
 * Agent selection: which of the free agents who may answer a caller does. Longest idle (the
 * agent free longest, what most phone systems do and spreads the work evenly) or random among
 * the free eligible agents (several published reference models, e.g. ContactCenters' examples,
 * assume it). A policy takes from the pools it is given (one pool, or the groups that may answer).
 */
import type { RandomStream } from '../../kernel/rng.ts';
import type { AgentPool } from '../agentPool.ts';

export interface AgentSelection {
  /** Takes a free agent from the pools numbered `groups` (call only when one of them has one). */
  take(pools: readonly AgentPool[], groups: readonly number[]): number;
  /** The pool among `groups` the next agent would come from, or -1 when none has a free agent. */
  poolFor(pools: readonly AgentPool[], groups: readonly number[]): number;
}

/** The agent idle longest (across pools, the pool whose next agent has been idle longest). */
export const longestIdle: AgentSelection = {
  poolFor(pools, groups) {
    let best = -1;
    let since = Infinity;
    for (let i = 0; i < groups.length; i++) {
      const pool = pools[groups[i]!]!;
      if (pool.idle > 0 && pool.longestIdleSince() < since) {
        since = pool.longestIdleSince();
        best = groups[i]!;
      }
    }
    return best;
  },
  take(pools, groups) {
    return pools[this.poolFor(pools, groups)]!.take();
  },
};

/** Any free eligible agent, each as likely (one draw per answer, from the `agentSelection` stream). */
export class RandomIdle implements AgentSelection {
  constructor(private readonly draws: RandomStream) {}

  poolFor(pools: readonly AgentPool[], groups: readonly number[]): number {
    for (let i = 0; i < groups.length; i++) if (pools[groups[i]!]!.idle > 0) return groups[i]!;
    return -1;
  }

  take(pools: readonly AgentPool[], groups: readonly number[]): number {
    let free = 0;
    for (let i = 0; i < groups.length; i++) free += pools[groups[i]!]!.idle;
    let place = Math.floor(this.draws.next() * free);
    for (let i = 0; i < groups.length; i++) {
      const pool = pools[groups[i]!]!;
      if (place < pool.idle) return pool.takeAt(place);
      place -= pool.idle;
    }
    throw new Error('RandomIdle.take: no free agent');
  }
}
