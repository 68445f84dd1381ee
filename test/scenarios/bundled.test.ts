/**
 * Examples are tests: every bundled scenario loads cleanly and runs, and the default
 * scenario's key figures are pinned by a golden file. After an intended change to the
 * simulator, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/scenarios` and review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runToJson } from '../../src/report/runReport.ts';
import { runScenario } from '../../src/sim/run.ts';

const GOLDEN = 'test/scenarios/bottega.golden.json';

/** Key figures, rounded so that the file reads well and pins the result. */
function keyFigures(json: ReturnType<typeof runToJson> & Record<string, any>) {
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  const kpis = json.kpis as Record<string, { mean: number; halfWidth: number }>;
  const pick = (key: string, digits: number) => ({ mean: round(kpis[key]!.mean, digits), halfWidth: round(kpis[key]!.halfWidth, digits) });
  return {
    offered: pick('offered', 1),
    answered: pick('answered', 1),
    abandoned: pick('abandoned', 1),
    blocked: pick('blocked', 1),
    serviceLevel: pick('serviceLevel', 4),
    asa: pick('asa', 2),
    aht: pick('aht', 2),
    occupancy: pick('occupancy', 4),
    purchases: pick('purchases', 1),
    revenue: pick('revenue', 2),
    lostRevenue: pick('lostRevenue', 2),
    lostMargin: pick('lostMargin', 2),
    staffCost: pick('staffCost', 2),
    yearlyLostMargin: round(json.yearlyLostMargin as number, 2),
  };
}

describe('bundled scenarios', () => {
  for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml'))) {
    it(`${file} loads without errors or warnings and starts with the schema line`, async () => {
      const text = readFileSync(`scenarios/${file}`, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
      const loaded = await loadScenarioFile(`scenarios/${file}`);
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      expect(loaded.warnings).toEqual([]);
    });
  }

  it('bottega.yaml: key figures match the golden file', async () => {
    const loaded = await loadScenarioFile('scenarios/bottega.yaml');
    if (!loaded.ok) throw new Error('bottega.yaml does not load');
    const result = runScenario(loaded.scenario);
    const figures = keyFigures(runToJson(result) as any);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, JSON.stringify(figures, null, 2) + '\n');
    expect(figures).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));

    // The story the scenario tells must hold whatever the golden numbers are.
    const { kpis } = result;
    expect(kpis.abandonmentRate.mean).toBeGreaterThan(0.1); // two people cannot keep up at peak times
    expect(kpis.serviceLevel.mean).toBeLessThan(loaded.scenario.serviceLevel.target);
    expect(kpis.lostMargin.mean).toBeGreaterThan(kpis.staffCost.mean); // the lost margin exceeds what a third person would cost a week
    for (const replication of result.replications) {
      const k = replication.kpis;
      expect(k.answered + k.abandoned + k.blocked + replication.inSystem).toBe(k.offered);
      expect(replication.inSystem).toBe(0); // the queue drains after closing
    }
  });
});
