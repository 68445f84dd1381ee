/**
 * `callfloor sweep`: the grid, validation of every point, the table and chart, CSV/JSON,
 * and figures equal to running each point on its own with the same seed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSweep } from '../../src/cli/commands/sweep.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';
import { gridPoints, parseSetOption, SweepSetError } from '../../src/sweep/grid.ts';
import { drive } from './helpers.ts';

const sweep = (...args: string[]) => drive(registerSweep, ['sweep', ...args]);

describe('sweep grid', () => {
  it('reads ranges, stepped ranges, lists and words; expands aliases', () => {
    expect(parseSetOption('agents=2..5')).toEqual({ path: 'agents.count', values: [2, 3, 4, 5] });
    expect(parseSetOption('queue.capacity=5,10,unlimited')).toEqual({ path: 'queue.capacity', values: [5, 10, 'unlimited'] });
    expect(parseSetOption('problemTypes[ordine].handleTime.mean=120..240:60').values).toEqual([120, 180, 240]);
    expect(parseSetOption('callerTypes[0].share=0.1..0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(parseSetOption('x.on=true,false').values).toEqual([true, false]);
  });

  it('every combination, the last setting fastest', () => {
    const points = gridPoints([parseSetOption('agents=2..3'), parseSetOption('capacity=5,10')]);
    expect(points).toEqual([
      { 'agents.count': 2, 'queue.capacity': 5 },
      { 'agents.count': 2, 'queue.capacity': 10 },
      { 'agents.count': 3, 'queue.capacity': 5 },
      { 'agents.count': 3, 'queue.capacity': 10 },
    ]);
  });

  it('explains bad --set values', () => {
    expect(() => parseSetOption('agents')).toThrow(SweepSetError);
    expect(() => parseSetOption('agents=8..2')).toThrow(/runs backwards/);
    expect(() => parseSetOption('agents=2,,3')).toThrow(/empty value/);
    expect(() => parseSetOption('a..b=1')).toThrow(/path/);
    expect(() => gridPoints([parseSetOption('agents=1,2'), parseSetOption('agents.count=3')])).toThrow(/given twice/);
  });
});

describe('callfloor sweep', () => {
  it('prints a table, the best point and the chart of lost sales against staff cost', async () => {
    const { code, stdout } = await sweep('scenarios/bottega.yaml', '--set', 'agents=1..4', '-r', '3', '--workers', '1', '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toContain('Sweep of Bottega Rossi: 4 points × 3 replications, seed 2026, 6 days each.');
    expect(stdout).toMatch(/#\s+agents\.count\s+offered\s+service level/);
    expect(stdout).toContain('Lowest lost sales + staff cost: #');
    expect(stdout).toContain('Lost sales (margin) against staff cost:');
    expect(stdout).toMatch(/staff cost €\S+ \(left\) → €\S+ \(right\); points at #1 #2 #3 #4/);
    expect(stdout).toMatch(/[┼┤]/);
  });

  it('JSON figures equal a plain run of each point with the same seed; CSV has a row per point', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-sweep-'));
    const json = join(dir, 'sweep.json');
    const csv = join(dir, 'sweep.csv');
    expect((await sweep('scenarios/bottega.yaml', '--set', 'agents=2,3', '--set', 'capacity=5,unlimited', '-r', '2', '--workers', '2', '-o', json)).code).toBe(0);
    expect((await sweep('scenarios/bottega.yaml', '--set', 'agents=2,3', '--set', 'capacity=5,unlimited', '-r', '2', '--workers', '1', '-o', csv)).code).toBe(0);
    const data = JSON.parse(readFileSync(json, 'utf8')) as { points: Array<{ set: Record<string, unknown>; figures: Record<string, { mean: number }> }> };
    expect(data.points.map((p) => p.set)).toEqual([
      { 'agents.count': 2, 'queue.capacity': 5 },
      { 'agents.count': 2, 'queue.capacity': 'unlimited' },
      { 'agents.count': 3, 'queue.capacity': 5 },
      { 'agents.count': 3, 'queue.capacity': 'unlimited' },
    ]);
    const loaded = await loadScenarioFile('scenarios/bottega.yaml');
    if (!loaded.ok) throw new Error('bottega');
    const three = runScenario({ ...loaded.scenario, agents: { ...loaded.scenario.agents, count: 3 } }, { replications: 2 });
    expect(data.points[2]!.figures.lostMargin!.mean).toBe(three.kpis.lostMargin.mean);
    expect(data.points[2]!.figures.serviceLevel!.mean).toBe(three.kpis.serviceLevel.mean);
    expect(data.points[2]!.figures.netMargin!.mean).toBeCloseTo(three.kpis.margin.mean - three.kpis.staffCost.mean, 9);
    // No queue limit: nobody gets a busy signal.
    expect(data.points[3]!.figures.blockingRate!.mean).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^point,agents\.count,queue\.capacity,offered_mean,offered_halfWidth,/);
    expect(rows[4]).toMatch(/^4,3,unlimited,/);
    expect(rows[3]!.split(',')[rows[0]!.split(',').indexOf('lostMargin_mean')]).toBe(String(three.kpis.lostMargin.mean));
  });

  it('a point that is not a valid scenario stops the sweep with the reason, exit 2', async () => {
    const { code, stdout, stderr } = await sweep('scenarios/bottega.yaml', '--set', 'agents=2,-1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--set agents\.count=-1/);
    expect(stderr).toContain('the sweep has points that are not valid scenarios; nothing was simulated.');
    const unknown = await sweep('scenarios/bottega.yaml', '--set', 'callback.offer=true,false');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/callback/);
    const fixed = await sweep('scenarios/bottega.yaml', '--set', 'run.seed=1,2');
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toMatch(/run\.seed/);
  });

  it('a staffing schedule: agents.count would do nothing, so it is refused; its steps can be swept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-sweep-'));
    const file = join(dir, 'staffed.yaml');
    writeFileSync(
      file,
      [
        'name: staffed',
        'openingHours: ["09:00-12:00"]',
        'arrivals: { callsPerHour: 30 }',
        'callerTypes: [{ id: c, share: 1, patience: { dist: exponential, mean: 100 }, problem: p }]',
        'problemTypes: [{ id: p, handleTime: { dist: exponential, mean: 200 } }]',
        'agents: { count: 2, costPerHour: 10 }',
        'staffing: [{ from: "09:00", agents: 1 }, { from: "10:00", agents: 3 }]',
      ].join('\n'),
    );
    const refused = await sweep(file, '--set', 'agents=1,2');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('SWEEP_NO_EFFECT  the scenario has a staffing: schedule, which replaces agents.count');
    const steps = await sweep(file, '--set', 'staffing[1].agents=2,4', '-f', 'json', '--workers', '1');
    expect(steps.code).toBe(0);
    const cost = (JSON.parse(steps.stdout) as { points: Array<{ figures: { staffCost: { mean: number } } }> }).points.map((p) => p.figures.staffCost.mean);
    // 1 agent 09-10, then 2 or 4 agents 10-12, at 10 an hour.
    expect(cost[0]).toBeCloseTo(10 * (1 + 2 * 2), 9);
    expect(cost[1]).toBeCloseTo(10 * (1 + 2 * 4), 9);
  });

  it('agent groups: a group size can be swept on its own (agents.count follows the total); staff cost pays each group', async () => {
    const result = await sweep('scenarios/elettronica-reparti.yaml', '--set', 'agents.groups[vendite].count=3,4', '--replications', '2', '-f', 'json', '--workers', '1');
    expect(result.code).toBe(0);
    const points = (JSON.parse(result.stdout) as { points: Array<{ figures: { staffCost: { mean: number } } }> }).points;
    // One more salesperson at €26 an hour, 9 open hours a day, 5 days.
    expect(points[1]!.figures.staffCost.mean - points[0]!.figures.staffCost.mean).toBeCloseTo(26 * 9 * 5, 6);
  });

  it('usage errors: no --set, a malformed --set', async () => {
    expect((await sweep('scenarios/bottega.yaml')).stderr).toContain('sweep needs at least one --set PATH=VALUES');
    const bad = await sweep('scenarios/bottega.yaml', '--set', 'agents=5..2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('runs backwards');
  });
});
