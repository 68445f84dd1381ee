/**
 * Property-based tests of the simulator on random valid scenarios, written to YAML and
 * read back by the real loader: the simulator never throws, callers are conserved
 * (offered = answered + abandoned + blocked + still in the system), every KPI stays within
 * its bounds, and the same seed gives byte-identical results.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runToJson } from '../../src/report/runReport.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { runScenario } from '../../src/sim/run.ts';
import { FUZZ, routedScenarioArb, scenarioArb } from './arbitraries.ts';
import type { CallRecord } from '../../src/domain/call.ts';

function load(data: unknown): ScenarioConfig {
  const result = parseScenario(stringify(data), 'fuzz.yaml');
  if (!result.ok) throw new Error(`generated scenario is invalid:\n${result.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('\n')}\n${stringify(data)}`);
  return result.scenario;
}

const RATES = ['abandonmentRate', 'blockingRate', 'serviceLevel', 'conversionRate', 'resolutionRate'] as const;

describe('simulator on random valid scenarios', () => {
  it('never throws, conserves callers and keeps every KPI within its bounds', () => {
    fc.assert(
      fc.property(scenarioArb, (data) => {
        const scenario = load(data);
        const result = runScenario(scenario);
        for (const replication of result.replications) {
          const k = replication.kpis;
          expect(k.offered).toBe(k.answered + k.abandoned + k.blocked + replication.inSystem);
          for (const key of RATES) {
            expect(k[key], key).toBeGreaterThanOrEqual(0);
            expect(k[key], key).toBeLessThanOrEqual(1);
          }
          expect(k.occupancy).toBeGreaterThanOrEqual(0);
          expect(k.occupancy).toBeLessThanOrEqual(1 + 1e-9);
          for (const [key, value] of Object.entries(k)) {
            expect(Number.isFinite(value), key).toBe(true);
            // Margin after costs is the one signed figure: costs can exceed the margin made.
            if (key !== 'marginAfterCosts') expect(value, key).toBeGreaterThanOrEqual(0);
          }
          expect(k.marginAfterCosts).toBeCloseTo(k.margin - k.serviceCost, 6);
          if (scenario.queue.capacity !== 'unlimited') expect(k.maxQueueLength).toBeLessThanOrEqual(scenario.queue.capacity);
          if (scenario.queue.capacity === 0) expect(k.asa).toBe(0);
          expect(k.purchases).toBeLessThanOrEqual(k.answered);
          expect(replication.p90Wait).toBeGreaterThanOrEqual(0);
          // Interval tallies add up to the whole run.
          expect(replication.intervals.reduce((sum, interval) => sum + interval.offered, 0)).toBe(k.offered);
        }
      }),
      { seed: FUZZ.seed, numRuns: FUZZ.numRuns },
    );
  });

  it('skill routing: conserves callers, answers each call by a group with its skill (or overflow skill after overflowAfter), groups add up', () => {
    fc.assert(
      fc.property(routedScenarioArb, (data) => {
        const scenario = load(data);
        const model = prepareModel(scenario);
        expect(model.routing).not.toBeNull();
        const overflowAfter = scenario.queue.overflowAfter === undefined || scenario.queue.overflowAfter === 'never' ? Infinity : scenario.queue.overflowAfter;
        const problemIndex = new Map(scenario.problemTypes.map((problem, index) => [problem.id, index]));
        const records: CallRecord[] = [];
        const result = simulate(model, { onRecord: (record) => records.push(record) });
        const k = result.kpis;
        // An unreached callback attempt is a finished call too (offered callbacks with reach < 1).
        expect(k.offered).toBe(k.answered + k.abandoned + k.blocked + k.unreached + result.inSystem);
        expect(result.byGroup.reduce((sum, group) => sum + group.answered, 0)).toBe(records.filter((record) => record.agent >= 0).length);
        for (const record of records) {
          if (record.agent < 0) continue;
          const group = model.routing!.groups[model.routing!.agentGroup[record.agent]!]!;
          const problem = problemIndex.get(record.problem)!;
          if (group.skills.includes(problem)) continue;
          expect(group.overflowSkills, `${record.problem} answered by ${group.id}`).toContain(problem);
          // A callback is made by any group with the skill or overflow skill; a live caller overflows only after overflowAfter.
          if (!record.callback) expect(record.wait).toBeGreaterThanOrEqual(overflowAfter - 1e-9);
        }
        for (const group of result.byGroup) {
          expect(group.busySeconds).toBeLessThanOrEqual(group.paidSeconds + 1e-6);
          expect(group.overflowAnswered).toBeLessThanOrEqual(group.answered);
        }
      }),
      { seed: FUZZ.seed + 3, numRuns: FUZZ.numRuns },
    );
  });

  it('gives byte-identical results for the same seed', () => {
    fc.assert(
      fc.property(scenarioArb, (data) => {
        const scenario = load(data);
        const first = JSON.stringify(runToJson(runScenario(scenario)));
        const second = JSON.stringify(runToJson(runScenario(load(data))));
        expect(second).toBe(first);
      }),
      { seed: FUZZ.seed + 1, numRuns: 15 },
    );
  });

  it('runs each replication the same alone as within the run, so replications can be split across workers', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 3 }), (data, extra) => {
        const scenario = load(data);
        const replications = scenario.run.replications + extra;
        const whole = runScenario(scenario, { replications });
        const model = prepareModel(scenario);
        // In reverse order, as a pool of workers might finish them.
        for (let replication = replications - 1; replication >= 0; replication--) {
          const alone = simulate(model, { replication });
          expect(JSON.stringify(alone.kpis)).toBe(JSON.stringify(whole.replications[replication]!.kpis));
          expect(alone.p90Wait).toBe(whole.replications[replication]!.p90Wait);
        }
      }),
      { seed: FUZZ.seed + 2, numRuns: 10 },
    );
  });
});
