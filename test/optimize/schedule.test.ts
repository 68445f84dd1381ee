/**
 * The engine's staffing schedule (scenario `staffing`), which the optimizer's answers run on.
 */
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../src/report/runReport.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';
import { staffingSteps, withStaffing } from '../../src/optimize/schedule.ts';
import { intervalTraffic } from '../../src/optimize/traffic.ts';

const BASE = `
name: schedule
run: { days: 3, replications: 3, seed: 5, intervalMinutes: 60 }
openingHours: ["09:00-13:00"]
arrivals: { callsPerHour: 60 }
callerTypes:
  - { id: caller, share: 1, patience: { dist: exponential, mean: 120 }, problem: question }
problemTypes:
  - { id: question, handleTime: { dist: exponential, mean: 180 } }
agents: { count: 3, costPerHour: 30 }
`;

function load(extra = '') {
  const loaded = parseScenario(BASE + extra, 'schedule.yaml');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.scenario;
}

describe('staffing schedule in the engine', () => {
  it('a one-step schedule of 3 agents gives byte-identical results to agents.count 3', () => {
    const plain = JSON.stringify(runToJson(runScenario(load())));
    const scheduled = JSON.stringify(runToJson(runScenario(load('staffing: [{ from: "09:00", agents: 3 }]\n'))));
    expect(scheduled).toBe(plain);
  });

  it('pays and answers with the agents of each step: 1 agent 09-11, 4 agents 11-13', () => {
    const result = runScenario(load('staffing: [{ from: "09:00", agents: 1 }, { from: "11:00", agents: 4 }]\n'));
    const at = (hour: number) => result.intervals[hour]!;
    // Staff cost per interval: agents × 1 h × 30 € × 3 days.
    expect(at(9).staffCost.mean).toBeCloseTo(1 * 30 * 3, 9);
    expect(at(10).staffCost.mean).toBeCloseTo(1 * 30 * 3, 9);
    expect(at(11).staffCost.mean).toBeCloseTo(4 * 30 * 3, 9);
    expect(result.kpis.staffCost.mean).toBeCloseTo((2 + 8) * 30 * 3, 9);
    // Once settled, each stretch abandons as Erlang A says for its head count (load 3 Erlang,
    // patience 120 s): 1 agent 69.3%, 4 agents 12.2% (about 180 calls each, so ± 0.07).
    expect(Math.abs(at(10).abandonmentRate.mean - 0.693)).toBeLessThan(0.07);
    expect(Math.abs(at(12).abandonmentRate.mean - 0.122)).toBeLessThan(0.07);
    // Never more busy than on duty: occupancy ≤ 100% in every interval.
    for (const hour of [9, 10, 11, 12]) expect(at(hour).occupancy.mean).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('steps are written only where the count changes; closed intervals get none', () => {
    const scenario = load();
    const intervals = intervalTraffic(scenario);
    const agents = intervals.map((i) => (i.index === 9 || i.index === 10 ? 2 : i.index === 11 || i.index === 12 ? 3 : 99));
    expect(staffingSteps(intervals, agents)).toEqual([
      { from: '09:00', agents: 2 },
      { from: '11:00', agents: 3 },
    ]);
    const staffed = withStaffing(scenario, intervals, agents);
    expect(staffed.agents.count).toBe(3);
  });
});
