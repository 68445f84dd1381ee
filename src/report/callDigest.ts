/**
 * What the consultant report needs from the call records, gathered while the simulation
 * streams them (`runScenario(…, { onRecord: digest.add })`), so no record is kept: waits of
 * answered and abandoned calls (for the waiting-time distribution and the abandonment
 * curve) and calls per day and interval (for the week chart).
 */
import type { CallRecord } from '../domain/call.ts';

const SECONDS_PER_DAY = 86_400;

/** Calls of one reporting interval of one simulated day, summed over replications. */
export interface SlotCount {
  offered: number;
  answered: number;
  abandoned: number;
  blocked: number;
}

export class CallDigest {
  readonly answeredWaits: number[] = [];
  readonly abandonedWaits: number[] = [];
  blocked = 0;
  /** Key `day * intervalsPerDay + interval`. */
  readonly slots = new Map<number, SlotCount>();
  constructor(
    readonly intervalSeconds: number,
    readonly intervalsPerDay: number,
  ) {}

  /** Counts one finished call (bound, so it can be passed as `onRecord`). */
  readonly add = (record: CallRecord): void => {
    const day = Math.floor(record.arrival / SECONDS_PER_DAY);
    const interval = Math.floor((record.arrival - day * SECONDS_PER_DAY) / this.intervalSeconds);
    const key = day * this.intervalsPerDay + interval;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { offered: 0, answered: 0, abandoned: 0, blocked: 0 };
      this.slots.set(key, slot);
    }
    slot.offered++;
    if (record.outcome === 'blocked') {
      slot.blocked++;
      this.blocked++;
    } else if (record.outcome === 'abandoned') {
      slot.abandoned++;
      this.abandonedWaits.push(record.wait);
    } else {
      slot.answered++;
      this.answeredWaits.push(record.wait);
    }
  };

  /** Finished calls of every kind. */
  get calls(): number {
    return this.answeredWaits.length + this.abandonedWaits.length + this.blocked;
  }
}
