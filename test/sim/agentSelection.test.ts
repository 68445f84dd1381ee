/**
 * Agent selection: longest idle hands calls to the free agents in turn; random picks any free
 * agent who may answer, each as likely. Neither changes the queue of identical agents (Erlang A
 * holds for both), but who answers does.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { estimateOf } from '../../src/metrics/estimate.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { simulate } from '../../src/sim/replication.ts';
import { erlangA } from '../../src/staffing/index.ts';
import { markovScenario } from './helpers.ts';

/** A quiet line: 3 agents, a call every 10 minutes lasting a minute, so nearly every call finds all agents free. */
function quiet(selection: 'longest-idle' | 'random', extra: Record<string, unknown> = {}) {
  return scenarioSchema.parse({
    name: 'quiet',
    run: { days: 20, replications: 1, seed: 3 },
    openingHours: ['09:00-17:00'],
    arrivals: { callsPerHour: 6 },
    callerTypes: [{ id: 'c', share: 1, patience: 'infinite', problem: 'p' }],
    problemTypes: [{ id: 'p', handleTime: { dist: 'exponential', mean: 60 } }],
    agents: { count: 3, selection, ...extra },
  });
}

function agentsInOrder(scenario: ReturnType<typeof quiet>): number[] {
  const records: CallRecord[] = [];
  simulate(prepareModel(scenario), { onRecord: (record) => records.push(record) });
  return records.sort((a, b) => a.answer - b.answer).map((record) => record.agent);
}

describe('agent selection', () => {
  it('longest idle: the free agents answer in turn; random: any free agent, each as likely', () => {
    const inTurn = agentsInOrder(quiet('longest-idle'));
    const anyone = agentsInOrder(quiet('random'));
    const repeats = (agents: number[]) => agents.slice(1).filter((agent, i) => agent === agents[i]).length / (agents.length - 1);
    expect(inTurn.length).toBeGreaterThan(800);
    // In turn, the same agent answers twice running only when the others were busy (rare on a quiet line).
    expect(repeats(inTurn)).toBeLessThan(0.05);
    // At random among 3 free agents, a third of the time.
    expect(repeats(anyone)).toBeGreaterThan(0.28);
    expect(repeats(anyone)).toBeLessThan(0.39);
    for (let agent = 0; agent < 3; agent++) {
      const share = anyone.filter((a) => a === agent).length / anyone.length;
      expect(share).toBeGreaterThan(0.28);
      expect(share).toBeLessThan(0.39);
    }
  });

  it('random selection under skill routing picks among the free agents of the groups with the skill', () => {
    const scenario = quiet('random', {
      count: 3,
      groups: [
        { id: 'a', count: 1, skills: ['p'] },
        { id: 'b', count: 2, skills: ['p'] },
      ],
    });
    const agents = agentsInOrder(scenario);
    // Agent 0 is group a, agents 1 and 2 group b: each agent a third of the calls, so group b two thirds.
    const groupB = agents.filter((agent) => agent >= 1).length / agents.length;
    expect(groupB).toBeGreaterThan(0.6);
    expect(groupB).toBeLessThan(0.73);
  });

  it('random selection leaves the Erlang A figures of identical agents unchanged', () => {
    const queueCase = { arrivalRate: 100 / 1800, meanHandleTime: 180, meanPatience: 300, agents: 12, replications: 10 } as const;
    const scenario = markovScenario(queueCase);
    const model = prepareModel({ ...scenario, agents: { ...scenario.agents, selection: 'random' } });
    const results = Array.from({ length: 10 }, (_, replication) => simulate(model, { replication }));
    const exact = erlangA(queueCase, 20);
    const abandonment = estimateOf(results.map((result) => result.kpis.abandonmentRate), 0.99);
    const serviceLevel = estimateOf(results.map((result) => result.kpis.serviceLevel), 0.99);
    expect(Math.abs(abandonment.mean - exact.abandonmentProbability)).toBeLessThanOrEqual(abandonment.halfWidth);
    expect(Math.abs(serviceLevel.mean - exact.serviceLevelOffered)).toBeLessThanOrEqual(serviceLevel.halfWidth);
  });
});
