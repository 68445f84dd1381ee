/**
 * The realism scenarios tell their stories: the hospital switchboard drops lines after 30
 * minutes, the VIP tier pays off in money and costs the standard callers some wait, and the
 * virtual secretary loses sales that two trained people keep. Key figures are pinned in
 * realism.golden.json (regenerate with `UPDATE_GOLDEN=1 npx vitest run test/scenarios` after
 * an intended change, and review the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVariants } from '../../src/compare/compare.ts';
import { loadScenarioFile, resolvePlans } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { runScenario, type RunResult } from '../../src/sim/run.ts';

const GOLDEN = 'test/scenarios/realism.golden.json';
const golden: Record<string, unknown> = JSON.parse(readFileSync(GOLDEN, 'utf8'));
const updated: Record<string, unknown> = {};

async function load(file: string): Promise<ScenarioConfig> {
  const loaded = await loadScenarioFile(`scenarios/${file}`);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

function pin(name: string, result: RunResult, keys: readonly string[]): void {
  const kpis = result.kpis as unknown as Record<string, { mean: number }>;
  const figures = Object.fromEntries(keys.map((key) => [key, Number(kpis[key]!.mean.toFixed(3))]));
  updated[name] = figures;
  if (process.env.UPDATE_GOLDEN) {
    writeFileSync(GOLDEN, JSON.stringify({ ...golden, ...updated }, null, 2) + '\n');
    return;
  }
  expect(figures).toEqual(golden[name]);
}

describe('realism scenarios', () => {
  it('ospedale.yaml: one operator per shift, lines dropped at 30 minutes, callers trying again', async () => {
    const scenario = await load('ospedale.yaml');
    const result = runScenario(scenario);
    pin('ospedale', result, ['offered', 'customers', 'retrials', 'answered', 'abandoned', 'dropped', 'abandonedAfterAnnouncement', 'customersGaveUp', 'serviceLevel', 'staffCost']);
    const { kpis } = result;
    expect(kpis.dropped.mean).toBeGreaterThan(0);
    expect(kpis.customers.mean + kpis.retrials.mean).toBeCloseTo(kpis.offered.mean, 9);
    expect(kpis.serviceLevel.mean).toBeLessThan(0.4);
    // Two shifts of one operator, 12 paid hours a day at 24 € for 5 days.
    expect(kpis.staffCost.mean).toBeCloseTo(12 * 24 * 5, 9);
    for (const replication of result.replications) {
      const k = replication.kpis;
      expect(k.answered + k.abandoned + k.blocked + k.dropped + replication.inSystem).toBe(k.offered);
    }
    const second = { ...scenario, agents: { ...scenario.agents, shifts: [{ from: '08:00', to: '14:00', count: 2 }, { from: '14:00', to: '20:00', count: 1 }] } };
    const comparison = compareVariants({ name: 'base', scenario }, [{ name: 'secondo', scenario: second }], {
      seed: scenario.run.seed,
      replications: scenario.run.replications,
      confidence: 0.95,
      precision: 0.05,
    });
    const lost = comparison.plans[0]!.figures.find((figure) => figure.key === 'customersGaveUp')!;
    expect(lost.difference.high).toBeLessThan(0);
  });

  it('assicurazioni-vip.yaml: priority for VIPs saves margin, and the standard callers wait longer', async () => {
    const scenario = await load('assicurazioni-vip.yaml');
    const fair = runScenario(scenario);
    const priority = runScenario({ ...scenario, queue: { ...scenario.queue, discipline: 'priority' } });
    pin('assicurazioni-vip', fair, ['offered', 'customers', 'answered', 'abandoned', 'blocked', 'lostMargin']);
    pin('assicurazioni-vip priorita', priority, ['offered', 'customers', 'answered', 'abandoned', 'blocked', 'lostMargin']);
    const [vipFair, standardFair] = fair.byCallerType;
    const [vipPriority, standardPriority] = priority.byCallerType;
    expect(vipPriority!.asa.mean).toBeLessThan(vipFair!.asa.mean);
    expect(vipPriority!.abandonmentRate.mean).toBeLessThan(vipFair!.abandonmentRate.mean);
    expect(standardPriority!.asa.mean).toBeGreaterThan(standardFair!.asa.mean);
    expect(standardPriority!.abandonmentRate.mean).toBeGreaterThan(standardFair!.abandonmentRate.mean);
    expect(priority.kpis.lostMargin.mean).toBeLessThan(fair.kpis.lostMargin.mean);
  });

  it('negozio-segretaria.yaml: the virtual secretary answers everything and loses the sales two trained people make', async () => {
    const scenario = await load('negozio-segretaria.yaml');
    const secretary = runScenario(scenario);
    const inHouse = runScenario({
      ...scenario,
      agents: { ...scenario.agents, count: 2, costPerHour: 21 },
      secretary: { ...scenario.secretary!, seats: 0, costPerCall: 0, costPerHour: 0 },
    });
    pin('negozio-segretaria', secretary, ['offered', 'answered', 'unreached', 'callbacksReached', 'purchases', 'revenue', 'lostMargin', 'staffCost']);
    pin('negozio-segretaria due-persone', inHouse, ['offered', 'answered', 'abandoned', 'purchases', 'revenue', 'lostMargin', 'staffCost']);
    expect(secretary.kpis.secretaryCalls.mean).toBe(secretary.kpis.offered.mean);
    expect(secretary.kpis.abandoned.mean).toBe(0);
    // About 60% need a callback; 30% of those are not reached.
    const callbacks = secretary.kpis.callbacksReached.mean + secretary.kpis.unreached.mean;
    expect(callbacks / secretary.kpis.offered.mean).toBeGreaterThan(0.5);
    expect(callbacks / secretary.kpis.offered.mean).toBeLessThan(0.7);
    expect(inHouse.kpis.secretaryCalls.mean).toBe(0);
    expect(inHouse.kpis.revenue.mean).toBeGreaterThan(secretary.kpis.revenue.mean * 3);
    const net = (r: RunResult) => r.kpis.margin.mean - r.kpis.staffCost.mean;
    expect(net(inHouse)).toBeGreaterThan(net(secretary));
  });

  it('elettronica-reparti.yaml: skill routing; overflow to the technicians keeps buyers almost as well as a fourth salesperson', async () => {
    const scenario = await load('elettronica-reparti.yaml');
    const resolved = resolvePlans(scenario);
    if (!resolved.ok) throw new Error('plans do not resolve');
    const plan = (name: string) => resolved.plans.find((candidate) => candidate.name === name)!.scenario;
    const base = runScenario(scenario);
    const overflow = runScenario(plan('trabocco'));
    const hire = runScenario(plan('un-venditore-in-piu'));
    pin('elettronica-reparti', base, ['offered', 'customers', 'answered', 'abandoned', 'lostMargin', 'staffCost']);
    pin('elettronica-reparti trabocco', overflow, ['offered', 'customers', 'answered', 'abandoned', 'lostMargin', 'staffCost']);
    pin('elettronica-reparti un-venditore-in-piu', hire, ['offered', 'customers', 'answered', 'abandoned', 'lostMargin', 'staffCost']);
    const [sales, technicians] = base.byGroup;
    expect(base.byGroup.map((group) => group.id)).toEqual(['vendite', 'tecnici']);
    // Without overflow each group answers its own callers only.
    expect(sales!.answered.mean).toBeCloseTo(base.byCallerType[0]!.answered.mean, 6);
    expect(technicians!.answered.mean).toBeCloseTo(base.byCallerType[1]!.answered.mean, 6);
    expect(technicians!.overflowAnswered.mean).toBe(0);
    // Salespeople are far busier than the technicians: room for overflow.
    expect(sales!.occupancy.mean).toBeGreaterThan(technicians!.occupancy.mean + 0.15);
    expect(overflow.byGroup[1]!.overflowAnswered.mean).toBeGreaterThan(50);
    expect(overflow.byGroup[0]!.overflowAnswered.mean).toBe(0);
    // Buyers hang up less; support callers wait a little longer.
    expect(overflow.byCallerType[0]!.abandonmentRate.mean).toBeLessThan(base.byCallerType[0]!.abandonmentRate.mean - 0.05);
    expect(overflow.byCallerType[1]!.asa.mean).toBeGreaterThan(base.byCallerType[1]!.asa.mean);
    // The same staff cost; the hire costs a salary.
    expect(overflow.kpis.staffCost.mean).toBe(base.kpis.staffCost.mean);
    expect(hire.kpis.staffCost.mean).toBeCloseTo(base.kpis.staffCost.mean + 5 * 9 * 26, 6);
    expect(overflow.kpis.lostMargin.mean).toBeLessThan(base.kpis.lostMargin.mean * 0.75);
    expect(hire.kpis.lostMargin.mean).toBeLessThan(overflow.kpis.lostMargin.mean);
  });
});
