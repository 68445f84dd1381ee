/**
 * Comparisons on common random numbers: the same callers for every plan, paired intervals
 * narrower than independent runs, money scaled to a month and a year, and the story the
 * bundled scenarios/bottega-piani.yaml tells.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPARED_FIGURES,
  comparePair,
  compareVariants,
  figureOf,
  incomparability,
  moneyScale,
  runVariant,
  type Comparison,
  type CompareSettings,
} from '../../src/compare/compare.ts';
import { welchDifference } from '../../src/compare/pairedDifference.ts';
import type { CallRecord } from '../../src/domain/call.ts';
import { applyOverrides, loadScenarioFile, resolvePlans } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';

async function load(file: string): Promise<{ scenario: ScenarioConfig; source: { file: string; text: string } }> {
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return { scenario: loaded.scenario, source: loaded.source };
}

function override(base: ScenarioConfig, set: Record<string, unknown>): ScenarioConfig {
  const result = applyOverrides(base, set);
  if (!result.ok) throw new Error(result.errors.map((d) => d.message).join('\n'));
  return result.scenario;
}

const SETTINGS: CompareSettings = { seed: 2026, replications: 10, confidence: 0.95, precision: 0.05 };

describe('common random numbers', () => {
  it('every plan meets the same callers: arrival and order value equal, call by call', async () => {
    const { scenario } = await load('scenarios/bottega.yaml');
    const variants = [scenario, override(scenario, { 'agents.count': 3 }), override(scenario, { 'queue.capacity': 1 }), override(scenario, { 'problemTypes[reso].handleTime.mean': 300 })];
    for (const replication of [0, 3]) {
      const [base, ...plans] = variants.map((variant) => {
        const records = simulate(prepareModel(variant), { replication, collectRecords: true }).records!;
        return new Map<number, CallRecord>(records.map((record) => [record.id, record]));
      });
      expect(base!.size).toBeGreaterThan(700);
      for (const plan of plans) {
        expect([...plan.keys()].sort((a, b) => a - b)).toEqual([...base!.keys()].sort((a, b) => a - b));
        for (const [id, record] of base!) {
          const other = plan.get(id)!;
          expect([other.arrival, other.orderValue, other.callerType]).toEqual([record.arrival, record.orderValue, record.callerType]);
        }
      }
      // …and the plans do change what happens to them.
      const waits = (map: Map<number, CallRecord>) => [...map.values()].reduce((sum, record) => sum + record.wait, 0);
      expect(waits(plans[0]!)).toBeLessThan(waits(base!));
    }
  });

  it('agents 2 → 3: the paired interval is narrower than with independent seeds', async () => {
    const { scenario } = await load('scenarios/bottega.yaml');
    const threeAgents = override(scenario, { 'agents.count': 3 });
    const base = runVariant({ name: 'base', scenario }, SETTINGS);
    const paired = comparePair(base, runVariant({ name: 'three', scenario: threeAgents }, SETTINGS), SETTINGS);
    const independent = runVariant({ name: 'three', scenario: threeAgents }, { ...SETTINGS, seed: SETTINGS.seed + 1 });
    for (const key of ['lostMargin', 'abandonmentRate', 'answered', 'netMargin'] as const) {
      const figure = figureOf(paired, key);
      const welch = welchDifference(base.samples[key], independent.samples[key], SETTINGS.confidence);
      expect(figure.difference.halfWidth, key).toBeLessThan(welch.halfWidth);
      expect(figure.difference.varianceReduction!, key).toBeGreaterThan(0);
      expect(figure.difference.halfWidth, key).toBeLessThan(figure.difference.independentHalfWidth);
    }
    expect(figureOf(paired, 'netMargin').difference.independentHalfWidth / figureOf(paired, 'netMargin').difference.halfWidth).toBeGreaterThan(2);
    // Calls offered depend only on the callers: identical in every replication.
    const offered = figureOf(paired, 'offered').difference;
    expect([offered.mean, offered.halfWidth, offered.significant]).toEqual([0, 0, false]);
  });

  it('refuses to pair runs with different seeds, replications or days', async () => {
    const { scenario } = await load('scenarios/bottega.yaml');
    const base = runVariant({ name: 'base', scenario }, { ...SETTINGS, replications: 2 });
    const otherSeed = runVariant({ name: 'x', scenario }, { ...SETTINGS, replications: 2, seed: 1 });
    expect(() => comparePair(base, otherSeed, SETTINGS)).toThrow(/same seed and replications/);
    const fewerDays: ScenarioConfig = { ...scenario, run: { ...scenario.run, days: 2 } };
    expect(incomparability(scenario, fewerDays)).toEqual(['run.days is 2, but 6 in the base']);
    const shortRun = runVariant({ name: 'short', scenario: fewerDays }, { ...SETTINGS, replications: 2 });
    expect(() => comparePair(base, shortRun, SETTINGS)).toThrow(/run\.days is 2, but 6 in the base/);
    expect(() => runVariant({ name: 'one', scenario }, { ...SETTINGS, replications: 1 })).toThrow(/at least 2 replications/);
  });
});

describe('money per month and per year', () => {
  it('scales the difference over the simulated days by open days per year / days, and a month is a year / 12', async () => {
    const { scenario } = await load('scenarios/bottega.yaml');
    const short: ScenarioConfig = { ...scenario, run: { ...scenario.run, days: 2 }, money: { ...scenario.money, openDaysPerYear: 250 } };
    expect(moneyScale(short)).toEqual({ days: 2, openDaysPerYear: 250, perYear: 125, perMonth: 125 / 12 });
    const comparison = compareVariants({ name: 'base', scenario: short }, [{ name: 'pricier', scenario: override(short, { 'agents.costPerHour': 30 }) }], {
      ...SETTINGS,
      replications: 2,
    });
    const staff = figureOf(comparison.plans[0]!, 'staffCost');
    // 2 agents × 8 open hours × 2 days × €8 more per hour.
    expect(staff.difference.mean).toBeCloseTo(256, 9);
    expect(staff.money!.perYear.mean).toBeCloseTo(256 * 125, 6);
    expect(staff.money!.perMonth.mean).toBeCloseTo((256 * 125) / 12, 6);
    expect(staff.money!.perYear.low).toBeCloseTo(staff.difference.low * 125, 6);
    expect(figureOf(comparison.plans[0]!, 'abandonmentRate').money).toBeUndefined();
    // The net benefit: Δ margin made − Δ staff cost.
    const net = figureOf(comparison.plans[0]!, 'netMargin');
    expect(net.difference.mean).toBeCloseTo(-256, 9);
    expect(comparison.plans[0]!.identical).toBe(false);
  });
});

describe('scenarios/bottega-piani.yaml', async () => {
  const { scenario, source } = await load('scenarios/bottega-piani.yaml');
  const plans = resolvePlans(scenario, source);
  if (!plans.ok) throw new Error('the plans do not resolve');
  const settings: CompareSettings = { seed: scenario.run.seed, replications: scenario.run.replications, confidence: 0.95, precision: 0.05 };
  const comparison: Comparison = compareVariants(
    { name: 'base', scenario },
    plans.plans.map((plan) => ({ name: plan.name, scenario: plan.scenario })),
    settings,
  );
  const plan = (name: string) => comparison.plans.find((candidate) => candidate.plan.name === name)!;

  it('is the Bottega Rossi base with three plans', async () => {
    const { scenario: bottega } = await load('scenarios/bottega.yaml');
    const { plans: _plans, description: _d1, ...base } = scenario;
    const { description: _d2, ...original } = bottega;
    expect(base).toEqual(original);
    expect(comparison.plans.map((candidate) => candidate.plan.name)).toEqual(['tre-persone', 'coda-lunga', 'due-persone-formate']);
  });

  it('tre-persone: a third person significantly cuts lost margin and abandonment, for exactly one more person’s hours', () => {
    const three = plan('tre-persone');
    expect(three.changes).toEqual([{ path: 'agents.count', from: 2, to: 3 }]);
    for (const key of ['lostMargin', 'lostRevenue', 'abandonmentRate', 'abandoned', 'asa'] as const) {
      const { difference } = figureOf(three, key);
      expect(difference.significant, key).toBe(true);
      expect(difference.high, key).toBeLessThan(0);
    }
    for (const key of ['answered', 'serviceLevel', 'purchases', 'margin'] as const) {
      expect(figureOf(three, key).difference.low, key).toBeGreaterThan(0);
    }
    const openHoursPerDay = scenario.openingHours
      .map((window) => window.split('-').map((time) => Number(time.slice(0, 2)) + Number(time.slice(3)) / 60))
      .reduce((sum, [from, to]) => sum + to! - from!, 0);
    const onePerson = openHoursPerDay * scenario.run.days * scenario.agents.costPerHour;
    expect(onePerson).toBe(1056);
    const staff = figureOf(three, 'staffCost').difference;
    expect(staff.mean).toBeCloseTo(onePerson, 9);
    expect(staff.halfWidth).toBeCloseTo(0, 9);
    expect(figureOf(three, 'staffCost').money!.perYear.mean).toBeCloseTo(onePerson * 50, 6);
    // Net benefit = Δ margin made − Δ staff cost, positive with these callers.
    const net = figureOf(three, 'netMargin').difference;
    expect(net.mean).toBeCloseTo(figureOf(three, 'margin').difference.mean - staff.mean, 6);
    expect(net.significant).toBe(true);
    expect(net.low).toBeGreaterThan(0);
  });

  it('coda-lunga: the queue never fills, so a longer one changes nothing for these callers', () => {
    const longQueue = plan('coda-lunga');
    expect(figureOf(longQueue, 'blocked').base.mean).toBe(0);
    expect(longQueue.identical).toBe(true);
    for (const figure of longQueue.figures) expect([figure.difference.mean, figure.difference.halfWidth, figure.difference.significant], figure.key).toEqual([0, 0, false]);
  });

  it('due-persone-formate: shorter calls cut abandonment and lost margin at no extra staff cost', () => {
    const trained = plan('due-persone-formate');
    expect(figureOf(trained, 'aht').difference.high).toBeLessThan(0);
    expect(figureOf(trained, 'abandonmentRate').difference.high).toBeLessThan(0);
    expect(figureOf(trained, 'lostMargin').difference.significant).toBe(true);
    expect(figureOf(trained, 'staffCost').difference.mean).toBe(0);
  });

  it('every interval is consistent: means, ends, significance, money and replications needed', () => {
    for (const compared of comparison.plans) {
      expect(compared.figures.map((figure) => figure.key)).toEqual(COMPARED_FIGURES.map((figure) => figure.key));
      for (const figure of compared.figures) {
        const { difference } = figure;
        const label = `${compared.plan.name} ${figure.key}`;
        expect(difference.low, label).toBeLessThanOrEqual(difference.mean);
        expect(difference.high, label).toBeGreaterThanOrEqual(difference.mean);
        expect(difference.high - difference.low, label).toBeCloseTo(2 * difference.halfWidth, 6);
        expect(difference.mean, label).toBeCloseTo(figure.plan.mean - figure.base.mean, 6);
        expect(difference.significant, label).toBe(difference.low > 0 || difference.high < 0);
        expect(difference.replications, label).toBe(10);
        expect(figure.base.replications, label).toBe(10);
        if (figure.money) {
          expect(figure.money.perYear.mean, label).toBeCloseTo((difference.mean * 300) / 6, 6);
          expect(figure.money.perMonth.mean, label).toBeCloseTo(figure.money.perYear.mean / 12, 6);
        }
        const needed = figure.replicationsNeeded.base;
        if (needed !== null && Number.isFinite(needed) && figure.base.halfWidth > 0) {
          expect(needed, label).toBe(Math.max(2, Math.ceil(10 * (figure.base.halfWidth / (0.05 * Math.abs(figure.base.mean))) ** 2 - 1e-9)));
        }
      }
    }
  });
});
