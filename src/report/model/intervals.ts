/**
 * The average simulated day, interval by interval, and every open interval of every simulated
 * day (the week chart).
 *
 * @module
 */
import type { RunResult } from '../../sim/run.ts';
import type { CallDigest } from '../callDigest.ts';
import { clock } from '../runReport.ts';

/** One reporting interval of an average simulated day. */
export interface IntervalRow {
  readonly start: string;
  readonly end: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly blocked: number;
  readonly serviceLevel: number;
  readonly asa: number;
  readonly occupancy: number;
  readonly meanQueueLength: number;
  readonly maxQueueLength: number;
  readonly lostMargin: number;
}

/** One open interval of one simulated day (mean over replications). */
export interface WeekPoint {
  readonly day: number;
  readonly start: string;
  readonly offered: number;
  readonly answered: number;
}

/** The open intervals of the average day, and of each simulated day (means over replications). */
export function intervalsOf(result: RunResult, digest: CallDigest, days: number, replications: number): { intervals: IntervalRow[]; week: WeekPoint[] } {
  const seconds = result.model.intervalSeconds;
  const intervals: IntervalRow[] = [];
  const openIntervals: number[] = [];
  result.intervals.forEach((kpis, index) => {
    if (kpis.offered.mean === 0 && kpis.occupancy.mean === 0) return;
    openIntervals.push(index);
    intervals.push({
      start: clock(index * seconds),
      end: clock((index + 1) * seconds),
      offered: kpis.offered.mean / days,
      answered: kpis.answered.mean / days,
      abandoned: kpis.abandoned.mean / days,
      blocked: kpis.blocked.mean / days,
      serviceLevel: kpis.serviceLevel.mean,
      asa: kpis.asa.mean,
      occupancy: kpis.occupancy.mean,
      // The simulation's own figure (the book keeps the queue's caller-seconds per interval), as `run` shows it.
      meanQueueLength: kpis.meanQueueLength.mean,
      maxQueueLength: kpis.maxQueueLength.mean,
      lostMargin: kpis.lostMargin.mean / days,
    });
  });

  const week: WeekPoint[] = [];
  for (let day = 0; day < days; day++) {
    for (const index of openIntervals) {
      const slot = digest.slots.get(day * result.model.intervalsPerDay + index);
      week.push({ day: day + 1, start: clock(index * seconds), offered: (slot?.offered ?? 0) / replications, answered: (slot?.answered ?? 0) / replications });
    }
  }
  return { intervals, week };
}
