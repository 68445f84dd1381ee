import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { rosterOf } from '../../src/sim/roster.ts';
import { markovScenario } from './helpers.ts';

const agents = (input: Record<string, unknown>) => scenarioSchema.shape.agents.parse(input);

describe('duty roster', () => {
  it('is null for a fixed team, so the engine keeps its fast path', () => {
    expect(rosterOf(agents({ count: 3 }))).toBeNull();
  });

  it('adds overlapping shifts and takes breaks off the phone, not off the payroll', () => {
    const roster = rosterOf(
      agents({
        count: 3,
        shifts: [
          { from: '09:00', to: '13:00', count: 2 },
          { from: '12:00', to: '18:00', count: 1 },
        ],
        breaks: [{ from: '12:30', to: '13:00', count: 1 }],
      }),
    )!;
    const h = (text: string) => Number(text.slice(0, 2)) * 3600 + Number(text.slice(3)) * 60;
    expect(roster.steps).toEqual([
      { at: 0, paid: 0, available: 0 },
      { at: h('09:00'), paid: 2, available: 2 },
      { at: h('12:00'), paid: 3, available: 3 },
      { at: h('12:30'), paid: 3, available: 2 },
      { at: h('13:00'), paid: 1, available: 1 },
      { at: h('18:00'), paid: 0, available: 0 },
    ]);
    expect(roster.maxAvailable).toBe(3);
  });

  it('shrinkage takes each person off the phone for that share of every hour, staggered', () => {
    const roster = rosterOf(agents({ count: 2, shrinkage: 0.25 }))!;
    const firstHour = roster.steps.filter((step) => step.at < 3600);
    expect(firstHour).toEqual([
      { at: 0, paid: 2, available: 1 },
      { at: 900, paid: 2, available: 2 },
      { at: 1800, paid: 2, available: 1 },
      { at: 2700, paid: 2, available: 2 },
    ]);
    // On the phone 75% of the paid time.
    const onPhone = roster.steps.reduce((sum, step, i) => sum + step.available * ((roster.steps[i + 1]?.at ?? 86_400) - step.at), 0);
    expect(onPhone / (2 * 86_400)).toBeCloseTo(0.75, 10);
  });
});

describe('the engine follows the roster', () => {
  it('a shift around the clock gives exactly the fixed team’s calls', () => {
    const base = markovScenario({ arrivalRate: 1 / 50, meanHandleTime: 240, meanPatience: 180, agents: 5, days: 2, replications: 1 });
    const shifted = { ...base, agents: { ...base.agents, shifts: [{ from: '00:00', to: '24:00', count: 5 }] } };
    const outcomes = (scenario: typeof base) => {
      const records: CallRecord[] = [];
      simulate(prepareModel(scenario), { onRecord: (r) => records.push(r) });
      return records.map((r) => `${r.id}:${r.outcome}:${r.wait}`);
    };
    expect(outcomes(shifted)).toEqual(outcomes(base));
  });

  it('never starts a call with more people on the phone than the roster allows, and pays the shifts', () => {
    const scenario = markovScenario(
      { arrivalRate: 1 / 40, meanHandleTime: 240, meanPatience: 300, agents: 6, warmup: 0, days: 2, replications: 1 },
      {
        openingHours: ['08:00-20:00'],
        agents: {
          count: 6,
          costPerHour: 20,
          shifts: [
            { from: '08:00', to: '14:00', count: 4 },
            { from: '11:00', to: '20:00', count: 3 },
          ],
          breaks: [{ from: '13:00', to: '14:00', count: 2 }],
          shrinkage: 0.1,
        },
      },
    );
    const model = prepareModel(scenario);
    const records: CallRecord[] = [];
    const result = simulate(model, { onRecord: (r) => records.push(r) });
    const steps = model.roster!.steps;
    // A call started by a roster change starts at the change itself: read the roster just after it.
    const availableAt = (t: number) => [...steps].reverse().find((step) => step.at <= (t % 86_400) + 1e-6)!.available;
    const answered = records.filter((r) => r.agent >= 0);
    expect(answered.length).toBeGreaterThan(1000);
    for (const call of answered) {
      const ongoing = answered.filter((other) => other.answer <= call.answer && other.end > call.answer).length;
      expect(ongoing, `call ${call.id} answered at ${call.answer}`).toBeLessThanOrEqual(availableAt(call.answer));
    }
    // Paid: 4 people 08–14 and 3 people 11–20, two days, 20 an hour.
    expect(result.kpis.staffCost).toBeCloseTo(2 * (4 * 6 + 3 * 9) * 20, 6);
  });
});

describe('agent groups: proficiency and pay', () => {
  it('a group with handle-time factor 1.5 takes exactly half as long again over the same calls, and each group is paid its rate', () => {
    const base = markovScenario({ arrivalRate: 1 / 60, meanHandleTime: 240, meanPatience: Infinity, agents: 6, warmup: 0, days: 1, replications: 1 });
    const grouped = {
      ...base,
      agents: {
        ...base.agents,
        costPerHour: 0,
        groups: [
          { id: 'esperti', count: 4, costPerHour: 30, handleTimeFactor: 1 },
          { id: 'nuovi', count: 2, costPerHour: 18, handleTimeFactor: 1.5 },
        ],
      },
    };
    const slow = { ...base, agents: { ...base.agents, groups: [{ id: 'tutti', count: 6, costPerHour: 0, handleTimeFactor: 1.5 }] } };
    const run = (scenario: typeof base) => {
      const records: CallRecord[] = [];
      const result = simulate(prepareModel(scenario), { onRecord: (r) => records.push(r) });
      return { result, byId: new Map(records.map((r) => [r.id, r])) };
    };
    const plain = run(base);
    const mixed = run(grouped);
    const allSlow = run(slow);
    let newcomers = 0;
    for (const [id, call] of mixed.byId) {
      const reference = plain.byId.get(id);
      if (reference === undefined) continue;
      const factor = call.agent >= 4 ? 1.5 : 1;
      if (factor > 1) newcomers++;
      expect((call.end - call.answer) / (reference.end - reference.answer)).toBeCloseTo(factor, 9);
    }
    expect(newcomers).toBeGreaterThan(50);
    expect(allSlow.result.kpis.aht / plain.result.kpis.aht).toBeCloseTo(1.5, 1);
    // 24 open hours: 4 × 30 + 2 × 18 an hour.
    expect(mixed.result.kpis.staffCost).toBeCloseTo(24 * (4 * 30 + 2 * 18), 6);
  });
});
