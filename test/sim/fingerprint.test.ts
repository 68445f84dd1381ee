/**
 * The safety net under every change to the simulator's layout: byte-identical results for
 * every bundled scenario, every plan of theirs, and 40 fuzzed scenarios (plain and with skill
 * routing). Each case pins a SHA-256 of every replication's figures (KPIs, per interval, per
 * caller type, per group, chat and tickets, the 90th-percentile wait) and one of every call
 * record, with a few headline figures beside them so that a diff says what moved.
 *
 * A move of code must leave this file unchanged. After an intended change to what the
 * simulator computes, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/sim/fingerprint`
 * and say in the commit why the figures changed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario, resolvePlans } from '../../src/scenario/load.ts';
import { scenarioSchema, type ScenarioConfig } from '../../src/scenario/schema.ts';
import { runScenario } from '../../src/sim/run.ts';
import type { CallRecord } from '../../src/domain/call.ts';
import { realismScenarioArb, routedScenarioArb, scenarioArb } from '../fuzz/arbitraries.ts';

const GOLDEN = 'test/sim/fingerprint.golden.json';
/** Replications per case: enough to see a shifted stream, few enough to keep the test quick. */
const REPLICATIONS = 2;

interface Fingerprint {
  readonly offered: number;
  readonly answered: number;
  readonly lostRevenue: number;
  readonly results: string;
  readonly records: string;
}

const sha = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))
    .digest('hex');

function fingerprintOf(scenario: ScenarioConfig): Fingerprint {
  const records: CallRecord[] = [];
  const result = runScenario(scenario, { replications: Math.min(REPLICATIONS, scenario.run.replications), onRecord: (record) => records.push(record) });
  const replications = result.replications.map((replication) => ({
    kpis: replication.kpis,
    intervals: replication.intervals,
    byCallerType: replication.byCallerType,
    byGroup: replication.byGroup,
    p90Wait: replication.p90Wait,
    inSystem: replication.inSystem,
    callersSimulated: replication.callersSimulated,
  }));
  const channels = result.channelReplications ?? [];
  const round = (value: number): number => Number(value.toFixed(6));
  return {
    offered: round(result.kpis.offered.mean),
    answered: round(result.kpis.answered.mean),
    lostRevenue: round(result.kpis.lostRevenue.mean),
    results: sha({ replications, channels }),
    records: sha(records),
  };
}

async function bundledCases(): Promise<Array<[string, ScenarioConfig]>> {
  const cases: Array<[string, ScenarioConfig]> = [];
  for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml')).sort()) {
    const loaded = await loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    cases.push([file, loaded.scenario]);
    const plans = resolvePlans(loaded.scenario, loaded.source);
    if (!plans.ok) throw new Error(`${file}: plans do not resolve`);
    for (const plan of plans.plans) cases.push([`${file} --plan ${plan.name}`, plan.scenario]);
  }
  return cases;
}

/**
 * `count` scenarios spread over fast-check's sizes: its first samples are the smallest (no
 * demand at all), so every tenth of ten times as many is taken.
 */
function spread<T>(arb: fc.Arbitrary<T>, seed: number, count: number): T[] {
  return fc.sample(arb, { seed, numRuns: count * 10 }).filter((_, i) => i % 10 === 9);
}

function fuzzCases(): Array<[string, ScenarioConfig]> {
  const plain = spread(scenarioArb, 20_261_208, 10);
  const routed = spread(routedScenarioArb, 20_261_209, 10);
  const realism = spread(realismScenarioArb, 20_261_210, 20);
  return [
    ...realism.map((input, i): [string, ScenarioConfig] => [`fuzz realism ${i}`, parseValid(input)]),
    ...plain.map((input, i): [string, ScenarioConfig] => [`fuzz ${i}`, scenarioSchema.parse(input)]),
    ...routed.map((input, i): [string, ScenarioConfig] => [`fuzz routed ${i}`, scenarioSchema.parse(input)]),
  ];
}

/** The scenario as the loader checks it (semantic checks too): a fuzzed one must be valid. */
function parseValid(input: unknown): ScenarioConfig {
  const text = JSON.stringify(input);
  const loaded = parseScenario(text, 'fuzz.yaml');
  if (!loaded.ok) throw new Error(`fuzzed scenario is invalid: ${loaded.errors.map((error) => `${error.code} ${error.message}`).join('; ')}\n${text}`);
  return loaded.scenario;
}

describe('fingerprint of every bundled scenario, plan and 40 fuzzed scenarios', () => {
  it('is byte-identical to the golden file', async () => {
    const cases = [...(await bundledCases()), ...fuzzCases()];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const fingerprints = Object.fromEntries(cases.map(([name, scenario]) => [name, fingerprintOf(scenario)]));
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, JSON.stringify(fingerprints, null, 2) + '\n');
    expect(fingerprints).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  }, 300_000);
});
