/**
 * Shifts, breaks and shrinkage (the duty roster, `model.roster`): at each change of the day's
 * step function agents come on the phone (and take waiting callers) or go off it, pool by pool;
 * an idle agent leaves at once, a busy one when their work ends.
 */
import { SECONDS_PER_DAY } from '../../kernel/openHours.ts';
import type { AgentPool } from '../agentPool.ts';
import type { Feature, Host } from '../feature.ts';
import type { Roster } from '../roster.ts';
import type { GroupRosterStep } from '../routing.ts';

export class Shifts implements Feature {
  private readonly kind: number;
  private step = 0;
  private day = 0;
  private readonly byGroup: boolean;

  constructor(
    private readonly host: Host,
    private readonly roster: Roster,
  ) {
    this.kind = host.eventKind(() => this.change());
    this.byGroup = host.model.routing !== null;
  }

  start(): void {
    this.scheduleNext();
  }

  /** Puts the next change of the roster on the heap. */
  private scheduleNext(): void {
    const steps = this.roster.steps;
    this.step++;
    if (this.step === steps.length) {
      this.step = 0;
      this.day++;
    }
    const time = this.day * SECONDS_PER_DAY + steps[this.step]!.at;
    if (time <= this.host.model.horizon) this.host.schedule(this.kind, time, 0);
  }

  private change(): void {
    const step = this.roster.steps[this.step]!;
    this.scheduleNext();
    const pools = this.host.dispatch.pools;
    if (!this.byGroup) {
      this.staff(pools[0]!, step.available);
      return;
    }
    const groups = (step as GroupRosterStep).groups;
    for (let g = 0; g < groups.length; g++) this.staff(pools[g]!, groups[g]!.available);
  }

  /** Brings `pool` to `target` people on the phone: idle agents leave at once, busy ones when their work ends. */
  private staff(pool: AgentPool, target: number): void {
    const host = this.host;
    while (pool.onDuty > target) {
      pool.onDuty--;
      host.onDuty--;
      if (pool.idle > 0) {
        host.idleCount--;
        pool.offDuty.push(pool.take());
      } else {
        pool.leaving++;
        host.leaving++;
      }
    }
    while (pool.onDuty < target) {
      pool.onDuty++;
      host.onDuty++;
      if (pool.leaving > 0) {
        // A busy agent due off stays on instead.
        pool.leaving--;
        host.leaving--;
        continue;
      }
      host.nextJob(pool.offDuty.pop()!);
    }
  }
}
