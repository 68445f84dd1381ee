/**
 * The worker pool: worker threads load the TypeScript sources through tsx, and the results
 * are byte-identical for any number of workers (replication i always uses seed stream i).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runToJson } from '../../src/report/runReport.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { runTasks, WorkerPool } from '../../src/parallel/pool.ts';
import { runScenarioParallel, runScenarios, runToPrecision } from '../../src/parallel/runScenarios.ts';
import { runScenario } from '../../src/sim/run.ts';

async function bottega(): Promise<ScenarioConfig> {
  const loaded = await loadScenarioFile('scenarios/bottega.yaml');
  if (!loaded.ok) throw new Error('bottega.yaml does not load');
  return { ...loaded.scenario, run: { ...loaded.scenario.run, days: 2, replications: 7 } };
}

describe('worker pool', () => {
  const pool = new WorkerPool(2);
  afterAll(() => pool.close());

  it('1, 2 and 3 workers give byte-identical JSON, equal to runScenario on one thread', async () => {
    const scenario = await bottega();
    const serial = JSON.stringify(runToJson(runScenario(scenario)));
    const outputs: string[] = [];
    for (const workers of [1, 2, 3]) outputs.push(JSON.stringify(runToJson(await runScenarioParallel(scenario, { workers }))));
    outputs.push(JSON.stringify(runToJson(await runScenarioParallel(scenario, { pool }))));
    expect(outputs[0]).toBe(serial);
    expect(outputs[1]).toBe(serial);
    expect(outputs[2]).toBe(serial);
    expect(outputs[3]).toBe(serial);
    // The run is not trivial: calls were offered and some were lost.
    const json = JSON.parse(serial) as { kpis: { offered: { mean: number }; abandoned: { mean: number } } };
    expect(json.kpis.offered.mean).toBeGreaterThan(200);
    expect(json.kpis.abandoned.mean).toBeGreaterThan(0);
  });

  it('reports progress once per task, in counts up to the total', async () => {
    const scenario = await bottega();
    const seen: string[] = [];
    await runTasks([0, 1, 2, 3].map((replication) => ({ scenario, replication })), { pool, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  it('a batch of scenarios comes back grouped per scenario, in order', async () => {
    const scenario = await bottega();
    const three = { ...scenario, agents: { ...scenario.agents, count: 3 } };
    const [two, more] = await runScenarios([scenario, three], { pool, replications: 3 });
    expect(two!.replications.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(more!.replications.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(more!.kpis.abandonmentRate.mean).toBeLessThan(two!.kpis.abandonmentRate.mean);
    expect(JSON.stringify(runToJson(more!))).toBe(JSON.stringify(runToJson(runScenario(three, { replications: 3 }))));
  });

  it('runs replications until the chosen KPI is within the relative precision', async () => {
    const scenario = await bottega();
    const run = await runToPrecision(scenario, { kpi: 'offered', relative: 0.02, pilot: 3, maxReplications: 200 }, { pool });
    const estimate = run.result.kpis.offered;
    expect(run.reached).toBe(true);
    expect(estimate.halfWidth).toBeLessThanOrEqual(0.02 * estimate.mean);
    expect(run.batches[0]).toBe(3);
    // The same target on one thread takes the same batches and gives the same figures.
    const serial = await runToPrecision(scenario, { kpi: 'offered', relative: 0.02, pilot: 3, maxReplications: 200 }, { workers: 1 });
    expect(serial.batches).toEqual(run.batches);
    expect(JSON.stringify(runToJson(serial.result))).toBe(JSON.stringify(runToJson(run.result)));
    // Below the cap the precision is not reached, and the run says so.
    const capped = await runToPrecision(scenario, { kpi: 'abandoned', relative: 0.001, pilot: 3, maxReplications: 5 }, { workers: 1 });
    expect(capped.reached).toBe(false);
    expect(capped.result.replications.length).toBe(5);
    expect(capped.needed).toBeGreaterThan(5);
  });
});
