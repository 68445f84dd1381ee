import type { SimulationModel } from './model.ts';
import type { GroupRosterStep } from './routing.ts';

/**
 * The agents of one pool — the whole team, or one agent group under skill-based routing: the
 * idle ones in the order they became free (a ring, longest idle first), how many are on the
 * phone, how many busy ones are due off once their call ends, and who is off the phone.
 */
export class AgentPool {
  private readonly ring: Int32Array;
  /** When the agent at each place of the ring became free. */
  private readonly since: Float64Array;
  private head = 0;
  /** Idle agents. */
  idle = 0;
  /** On the phone (idle or busy), not counting busy ones due off (`leaving`). */
  onDuty = 0;
  leaving = 0;
  readonly offDuty: number[] = [];

  constructor(capacity: number) {
    this.ring = new Int32Array(Math.max(capacity, 1));
    this.since = new Float64Array(this.ring.length);
  }

  /** When the agent idle longest became free (call only with an idle agent). */
  longestIdleSince(): number {
    return this.since[this.head]!;
  }

  /** Takes the agent idle longest (call only with an idle agent). */
  take(): number {
    const agent = this.ring[this.head]!;
    // Compared, not `%`: an integer division per call on the hot path.
    const next = this.head + 1;
    this.head = next === this.ring.length ? 0 : next;
    this.idle--;
    return agent;
  }

  /** The agent becomes idle at `now`, behind the others. */
  release(agent: number, now: number): void {
    // head < length and idle < length here, so one subtraction wraps the place (no `%`).
    const sum = this.head + this.idle;
    const place = sum >= this.ring.length ? sum - this.ring.length : sum;
    this.ring[place] = agent;
    this.since[place] = now;
    this.idle++;
  }

  /** Place in idle order of the idle agent idle longest whose number is below `limit`, or -1. */
  firstBelow(limit: number): number {
    for (let place = 0; place < this.idle; place++) if (this.ring[(this.head + place) % this.ring.length]! < limit) return place;
    return -1;
  }

  /** When the idle agent at `place` (in idle order) became free. */
  sinceAt(place: number): number {
    return this.since[(this.head + place) % this.ring.length]!;
  }

  /** Takes the idle agent at `place` in idle order; the others keep their order. */
  takeAt(place: number): number {
    const ring = this.ring;
    const since = this.since;
    const length = ring.length;
    const agent = ring[(this.head + place) % length]!;
    for (let i = place; i > 0; i--) {
      ring[(this.head + i) % length] = ring[(this.head + i - 1) % length]!;
      since[(this.head + i) % length] = since[(this.head + i - 1) % length]!;
    }
    this.head = (this.head + 1) % length;
    this.idle--;
    return agent;
  }
}

/**
 * Takes, among `pools`, the idle agent numbered below `limit` who has been idle longest (the
 * blended agents of chat and tickets), or -1 when there is none.
 */
export function takeIdleBelow(pools: readonly AgentPool[], limit: number): number {
  let best = -1;
  let bestPlace = -1;
  let since = Infinity;
  for (let p = 0; p < pools.length; p++) {
    const place = pools[p]!.firstBelow(limit);
    if (place >= 0 && pools[p]!.sinceAt(place) < since) {
      since = pools[p]!.sinceAt(place);
      best = p;
      bestPlace = place;
    }
  }
  return best < 0 ? -1 : pools[best]!.takeAt(bestPlace);
}

/**
 * Puts each pool's first people on duty (idle from time 0) and the others off the phone, as the
 * roster's first step says (everyone without a roster); returns how many are on duty.
 */
export function staffAtStart(model: SimulationModel, pools: readonly AgentPool[]): number {
  const first = model.roster === null ? null : model.roster.steps[0]!;
  const groups = model.routing?.groups;
  const layout =
    groups !== undefined
      ? groups.map((group, g) => ({ firstAgent: group.firstAgent, size: group.size, available: first === null ? group.size : (first as GroupRosterStep).groups[g]!.available }))
      : [{ firstAgent: 0, size: model.agents, available: first === null ? model.agents : first.available }];
  layout.forEach(({ firstAgent, size, available }, p) => {
    const pool = pools[p]!;
    pool.onDuty = available;
    for (let k = 0; k < size; k++) {
      if (k < available) pool.release(firstAgent + k, 0);
      else pool.offDuty.push(firstAgent + k);
    }
  });
  return first === null ? model.agents : first.available;
}
