/**
 * Simulated agents follow call scripts: the simulator walks the script of every answered call
 * of a scripted problem type, with the agents' proficiency and speed, and records the handle
 * time and outcome the walk gives (scriptedService.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioChanges } from '../../src/compare/changes.ts';
import { compareVariants, figureOf } from '../../src/compare/compare.ts';
import type { CallRecord } from '../../src/domain/call.ts';
import { formatDiagnostic } from '../../src/scenario/errors.ts';
import { loadScenarioFile, parseScenario, resolvePlans } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { profilesOfAgents, prepareScripted } from '../../src/sim/scriptedModel.ts';
import { runScenario } from '../../src/sim/run.ts';

/**
 * A two-step sale: the best-rated replies are `listen` (30 s, LATTE listen) then `close`
 * (45 s, take-action), 75 s in all; the worst are quick and lose the caller.
 */
const SALE_SCRIPT = `id: quick-sale
title: Quick sale
language: en
rubric: LATTE
caller: { problem: sale, patience: PATIENCE, mood: 1, intent: 1, value: 100 }
start: hello
nodes:
  - id: hello
    options:
      - { id: listen, text: "Go ahead.", tags: [listen], duration: 30, goto: offer }
      - { id: rude, text: "What?", tags: [interrupt], effects: { mood: -1, intent: -1 }, duration: 5, goto: offer }
  - id: offer
    options:
      - { id: close, text: "I'll place the order.", tags: [take-action], duration: 45, goto: sold }
      - { id: park, text: "We'll call you back.", duration: 10, goto: later }
  - { id: sold, outcome: sale }
  - { id: later, outcome: callback }
`;

function scenarioText(profiles: string, extra = ''): string {
  return `name: scripted shop
run: { days: 1, replications: 4, seed: 7 }
openingHours: ["09:00-17:00"]
arrivals: { callsPerHour: 6 }
callerTypes:
  - { id: buyer, share: 1, patience: infinite, purchaseIntent: 1, orderValue: { dist: deterministic, value: 100 }, problem: sale, mood: 1, intentHalfLife: 1000000 }
problemTypes:
  - { id: sale, handleTime: { dist: deterministic, value: 600 }, script: scripts/quick-sale.yaml }
agents:
  count: 3
  costPerHour: 20
${profiles}${extra}`;
}

/** Writes a scenario and its script into a fresh folder and loads it (the loader reads the script). */
async function loadWith(scenario: string, script: string): Promise<ScenarioConfig> {
  const folder = mkdtempSync(join(tmpdir(), 'callfloor-scripted-'));
  writeFileSync(join(folder, 'shop.yaml'), scenario);
  mkdirSync(join(folder, 'scripts'));
  writeFileSync(join(folder, 'scripts', 'quick-sale.yaml'), script);
  const loaded = await loadScenarioFile(join(folder, 'shop.yaml'));
  if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
  return loaded.scenario;
}

function recordsOf(scenario: ScenarioConfig): CallRecord[] {
  const records: CallRecord[] = [];
  runScenario(scenario, { onRecord: (record) => records.push(record) });
  return records;
}

describe('handle time and outcome come from the script', () => {
  it('a proficiency-1 agent walks the best path: every answered call takes 30 s + 45 s and buys', async () => {
    const scenario = await loadWith(scenarioText('  profiles: [{ id: expert, proficiency: 1 }]\n'), SALE_SCRIPT.replace('PATIENCE', '5min'));
    const records = recordsOf(scenario);
    const answered = records.filter((r) => r.agent >= 0);
    expect(answered.length).toBeGreaterThan(100);
    // The problem type's own handle time (600 s) no longer applies.
    for (const record of answered) expect(record.end - record.answer).toBeCloseTo(75, 9);
    // Intent 1, mood 1, a wait that hardly wears intent down (half-life 10⁶ s): the chance is ~1.
    expect(answered.every((r) => r.outcome === 'purchased' && r.revenue === 100)).toBe(true);
    const result = runScenario(scenario);
    expect(result.kpis.aht.mean).toBeCloseTo(75, 9);
    expect(result.kpis.conversionRate.mean).toBe(1);
  });

  it('speed 0.5 doubles the time of every reply: 150 s', async () => {
    const scenario = await loadWith(scenarioText('  profiles: [{ id: slow, proficiency: 1, speed: 0.5 }]\n'), SALE_SCRIPT.replace('PATIENCE', '5min'));
    const answered = recordsOf(scenario).filter((r) => r.agent >= 0);
    for (const record of answered) expect(record.end - record.answer).toBeCloseTo(150, 9);
  });

  it('a caller whose patience runs out during the call hangs up, recorded as hung-up with the whole sale lost', async () => {
    // 40 s of patience: listen (30 s) leaves 10 s, and close (45 s) takes the rest.
    const scenario = await loadWith(scenarioText('  profiles: [{ id: expert, proficiency: 1 }]\n'), SALE_SCRIPT.replace('PATIENCE', '40'));
    const answered = recordsOf(scenario).filter((r) => r.agent >= 0);
    expect(answered.length).toBeGreaterThan(100);
    for (const record of answered) {
      expect(record.outcome).toBe('hung-up');
      expect(record.end - record.answer).toBeCloseTo(75, 9);
      expect(record.revenue).toBe(0);
      expect(record.lostRevenue).toBeCloseTo(100, 9);
    }
    const { kpis } = runScenario(scenario);
    expect(kpis.hungUpInCall.mean).toBe(kpis.answered.mean);
    expect(kpis.purchases.mean).toBe(0);
    expect(kpis.resolutionRate.mean).toBe(0);
  });

  it('a proficiency-0 agent picks at random: on the same callers, fewer sales and some call backs', async () => {
    const novice = await loadWith(scenarioText('  profiles: [{ id: novice, proficiency: 0 }]\n'), SALE_SCRIPT.replace('PATIENCE', '5min'));
    const records = recordsOf(novice).filter((r) => r.agent >= 0);
    const outcomes = new Map<string, number>();
    for (const record of records) outcomes.set(record.outcome, (outcomes.get(record.outcome) ?? 0) + 1);
    // Random replies: half the calls are parked (callback); of the rest, the rude opening makes
    // intent 0 (no sale, resolved) half the time: about ¼ purchased, ¼ resolved, ½ callback.
    const share = (outcome: string): number => (outcomes.get(outcome) ?? 0) / records.length;
    expect(share('callback')).toBeGreaterThan(0.4);
    expect(share('callback')).toBeLessThan(0.6);
    expect(share('purchased')).toBeGreaterThan(0.15);
    expect(share('purchased')).toBeLessThan(0.35);
    expect(share('purchased') + share('resolved') + share('callback')).toBe(1);
    // Handle times are the script's: 5 or 30 s, then 10 or 45 s.
    for (const record of records) expect([15, 40, 50, 75]).toContain(Math.round(record.end - record.answer));
  });
});

describe('loading scripts with the scenario', () => {
  const folder = mkdtempSync(join(tmpdir(), 'callfloor-scripted-bad-'));
  mkdirSync(join(folder, 'scripts'));
  const load = async (script: string | undefined, plans = ''): Promise<string[]> => {
    const scenarioFile = join(folder, 'shop.yaml');
    writeFileSync(scenarioFile, scenarioText('', plans));
    writeFileSync(join(folder, 'scripts', 'quick-sale.yaml'), script ?? 'x');
    if (script === undefined) writeFileSync(scenarioFile, scenarioText('', plans).replace('scripts/quick-sale.yaml', 'scripts/quick-sael.yaml'));
    const loaded = await loadScenarioFile(scenarioFile);
    return loaded.ok ? [] : loaded.errors.map((d) => formatDiagnostic(d).replaceAll(folder, '<dir>'));
  };

  it('a missing script is reported at the scenario line and column of its path', async () => {
    const [error, ...more] = await load(undefined);
    expect(more).toEqual([]);
    expect(error).toMatch(/^<dir>\/shop\.yaml:8:74  SCRIPT_NOT_FOUND  problemTypes\[0\]\.script is "scripts\/quick-sael\.yaml", which does not load: /);
    expect(error).toMatch(/FILE_NOT_FOUND  there is no file <dir>\/scripts\/quick-sael\.yaml — check the path: it is relative to the scenario file/);
  });

  it('a script with errors is reported at the scenario, with the script’s first error and the lint command', async () => {
    const [error] = await load(SALE_SCRIPT.replace('PATIENCE', '5min').replace('goto: sold', 'goto: sould'));
    expect(error).toMatch(/^<dir>\/shop\.yaml:8:74  SCRIPT_INVALID  problemTypes\[0\]\.script is "scripts\/quick-sale\.yaml", which does not load: .*quick-sale\.yaml:\d+:\d+  SCRIPT_UNKNOWN_GOTO/);
    expect(error).toMatch(/run callfloor lint <dir>\/scripts\/quick-sale\.yaml and fix what it reports$/);
  });

  it('a plan can switch the script; its path is checked and loaded too', async () => {
    const plans = '\nplans:\n  - name: other\n    set:\n      problemTypes[sale].script: scripts/nope.yaml\n';
    const [error] = await load(SALE_SCRIPT.replace('PATIENCE', '5min'), plans);
    expect(error).toMatch(/^<dir>\/shop\.yaml:16:34  SCRIPT_NOT_FOUND  plans\[0\]\.set\.problemTypes\[sale\]\.script is "scripts\/nope\.yaml"/);
  });
});

describe('a plan that switches the script', () => {
  it('loads the plan’s script too, and the plan runs with it', async () => {
    const plans = '\nplans:\n  - name: patient\n    set:\n      problemTypes[sale].script: scripts/patient.yaml\n';
    const folder = mkdtempSync(join(tmpdir(), 'callfloor-scripted-plan-'));
    mkdirSync(join(folder, 'scripts'));
    writeFileSync(join(folder, 'shop.yaml'), scenarioText('  profiles: [{ id: expert, proficiency: 1 }]\n', plans));
    writeFileSync(join(folder, 'scripts', 'quick-sale.yaml'), SALE_SCRIPT.replace('PATIENCE', '40'));
    writeFileSync(join(folder, 'scripts', 'patient.yaml'), SALE_SCRIPT.replace('PATIENCE', '5min'));
    const loaded = await loadScenarioFile(join(folder, 'shop.yaml'));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
    const resolved = resolvePlans(loaded.scenario, loaded.source);
    if (!resolved.ok) throw new Error(resolved.errors.map(formatDiagnostic).join('\n'));
    // The comparison names the script instead of listing it key by key.
    expect(scenarioChanges(loaded.scenario, resolved.plans[0]!.scenario)).toEqual([
      { path: 'problemTypes[sale].script', from: 'quick-sale', to: 'quick-sale (changed)' },
    ]);
    const base = runScenario(loaded.scenario).kpis;
    const patient = runScenario(resolved.plans[0]!.scenario).kpis;
    // 40 s of patience: every answered caller hangs up; 5 minutes: every one buys.
    expect(base.hungUpInCall.mean).toBe(base.answered.mean);
    expect(patient.hungUpInCall.mean).toBe(0);
    expect(patient.purchases.mean).toBe(patient.answered.mean);
  });
});

describe('agent profiles', () => {
  it('give agents profiles in order by share', () => {
    const novice = { id: 'novice', share: 2, proficiency: 0.3, speed: 0.8 };
    const trained = { id: 'trained', share: 1, proficiency: 0.95, speed: 1 };
    expect(profilesOfAgents([novice, trained], 3).map((p) => p.id)).toEqual(['novice', 'novice', 'trained']);
    expect(profilesOfAgents([novice, trained], 6).map((p) => p.id)).toEqual(['novice', 'novice', 'novice', 'novice', 'trained', 'trained']);
    expect(profilesOfAgents([trained], 2).map((p) => p.id)).toEqual(['trained', 'trained']);
  });

  it('a scenario without scripts prepares nothing (the engine skips the scripted service)', () => {
    const parsed = parseScenario(scenarioText('').replace(', script: scripts/quick-sale.yaml', ''), 'plain.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
    expect(prepareScripted(parsed.scenario)).toBeNull();
  });

  it('a scenario parsed without its scripts cannot run: the error says to load the file', () => {
    const parsed = parseScenario(scenarioText(''), 'shop.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
    expect(() => runScenario(parsed.scenario)).toThrow(/call script scripts\/quick-sale.yaml was not loaded — load the scenario with loadScenarioFile/);
  });
});

describe('the seed story: a trained team sells more than a novice team on the same script', () => {
  it('bottega-copione.yaml: trained agents convert more and lose less margin, significantly, on the same callers', async () => {
    const loaded = await loadScenarioFile('scenarios/bottega-copione.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
    const plans = resolvePlans(loaded.scenario, loaded.source);
    if (!plans.ok) throw new Error(plans.errors.map(formatDiagnostic).join('\n'));
    expect(plans.plans.map((plan) => plan.name)).toEqual(['formati']);
    const comparison = compareVariants(
      { name: 'base', scenario: loaded.scenario },
      plans.plans.map((plan) => ({ name: plan.name, scenario: plan.scenario })),
      { seed: loaded.scenario.run.seed, replications: 10, confidence: 0.95, precision: 0.05 },
    );
    const trained = comparison.plans[0]!;
    const conversion = figureOf(trained, 'conversionRate');
    const lostMargin = figureOf(trained, 'lostMargin');
    const netMargin = figureOf(trained, 'netMargin');
    // Same callers: every replication offered the same calls to both teams.
    expect(figureOf(trained, 'offered').difference.mean).toBe(0);
    // Pinned by the seed (regenerate after an intended change to the simulator or the script).
    expect(conversion.base.mean).toBeCloseTo(0.2749, 3);
    expect(conversion.plan.mean).toBeCloseTo(0.8241, 3);
    expect(lostMargin.base.mean).toBeCloseTo(13581, -1);
    expect(lostMargin.plan.mean).toBeCloseTo(3937, -1);
    // The story, whatever the exact numbers: significantly more sales, less lost margin, more net margin.
    expect(conversion.difference.significant).toBe(true);
    expect(conversion.difference.low).toBeGreaterThan(0.4);
    expect(lostMargin.difference.significant).toBe(true);
    expect(lostMargin.difference.high).toBeLessThan(-5000);
    expect(netMargin.difference.low).toBeGreaterThan(5000);
    // Novices park buyers ("we'll call you back") and lose them during the call; trained agents hardly ever.
    expect(figureOf(trained, 'callbacks').base.mean).toBeGreaterThan(5 * figureOf(trained, 'callbacks').plan.mean);
    expect(figureOf(trained, 'hungUpInCall').base.mean).toBeGreaterThan(figureOf(trained, 'hungUpInCall').plan.mean);
  }, 60_000);
});
