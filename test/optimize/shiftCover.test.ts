/**
 * The shift cover: feasible, and as few shift assignments as a brute-force search finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverShifts, defaultShifts, parseShift, ShiftCoverError, type ShiftPattern } from '../../src/optimize/shiftCover.ts';
import type { IntervalTraffic } from '../../src/optimize/traffic.ts';

const HALF_HOUR = 1800;

/** Intervals of 30 minutes from 08:00, all open. */
function intervals(count: number): IntervalTraffic[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    start: 8 * 3600 + index * HALF_HOUR,
    end: 8 * 3600 + (index + 1) * HALF_HOUR,
    openSeconds: HALF_HOUR,
    arrivalRate: 0,
  }));
}

function coversInterval(shift: ShiftPattern, interval: IntervalTraffic): boolean {
  return shift.parts.some(([a, b]) => a <= interval.start && b >= interval.end);
}

/** The fewest assignments by trying every x ∈ {0…max}^shifts. */
function bruteForce(slots: IntervalTraffic[], required: number[], shifts: ShiftPattern[]): number {
  const max = Math.max(...required);
  let best = Infinity;
  const x = new Array<number>(shifts.length).fill(0);
  const visit = (s: number, used: number): void => {
    if (used >= best) return;
    if (s === shifts.length) {
      const ok = slots.every((slot) => shifts.reduce((sum, shift, k) => sum + (coversInterval(shift, slot) ? x[k]! : 0), 0) >= required[slot.index]!);
      if (ok) best = used;
      return;
    }
    for (let n = 0; n <= max; n++) {
      x[s] = n;
      visit(s + 1, used + n);
    }
    x[s] = 0;
  };
  visit(0, 0);
  return best;
}

describe('coverShifts', () => {
  it('a hand-checked instance: 4 shifts of people for a peak of 4', () => {
    const slots = intervals(6); // 08:00-11:00
    const required = [1, 3, 2, 4, 2, 1];
    const shifts = ['08:00-11:00', '08:30-10:30', '09:00-10:00', '09:30-10:00', '08:00-09:00'].map(parseShift);
    const cover = coverShifts(slots, required, shifts);
    expect(cover.people).toBe(4);
    expect(cover.people).toBe(bruteForce(slots, required, shifts));
    expect(cover.onShift.every((n, i) => n >= required[i]!)).toBe(true);
    expect(cover.lowerBound).toBeLessThanOrEqual(cover.people);
    expect(cover.optimal).toBe(true);
  });

  it('matches brute force on random small instances and always covers the requirement', () => {
    const pool = ['08:00-09:00', '08:00-10:00', '08:30-10:30', '09:00-11:00', '10:00-11:00', '08:00-11:00', '09:30-10:30', '08:00-08:30+10:30-11:00'].map(parseShift);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
        fc.subarray(pool.map((_, i) => i), { minLength: 3, maxLength: 5 }),
        (required, chosen) => {
          const slots = intervals(6);
          const shifts = [pool[5]!, ...chosen.filter((i) => i !== 5).map((i) => pool[i]!)]; // 08:00-11:00 keeps it feasible
          const cover = coverShifts(slots, required, shifts);
          expect(cover.onShift.every((n, i) => n >= required[i]!)).toBe(true);
          expect(cover.people).toBe(bruteForce(slots, required, shifts));
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });

  it('says which interval no shift covers', () => {
    expect(() => coverShifts(intervals(4), [1, 1, 1, 1], [parseShift('08:00-09:00')])).toThrow(/no shift works 09:00-09:30, which needs 1 people/);
  });

  it('default patterns: blocks inside each opening window and the split day', () => {
    const shifts = defaultShifts([[9 * 3600, 13 * 3600], [15.5 * 3600, 19.5 * 3600]], HALF_HOUR).map((s) => s.name);
    expect(shifts).toContain('09:00-11:00');
    expect(shifts).toContain('09:00-13:00');
    expect(shifts).toContain('17:30-19:30');
    expect(shifts).toContain('09:00-13:00+15:30-19:30');
    expect(shifts).not.toContain('11:00-15:00'); // spans the lunch closure
    expect(() => parseShift('13:00-09:00')).toThrow(/ends before it starts/);
  });
});
