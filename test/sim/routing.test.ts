import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { scenarioSchema, type ScenarioConfig } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { type ReplicationResult } from '../../src/sim/results.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { erlangC } from '../../src/staffing/erlangC.ts';
import { markovScenario } from './helpers.ts';

/**
 * Two lines of business on one switchboard: sales calls (problem `vendita`) and support calls
 * (`assistenza`), each with its own group; `extra` sets groups, queue and run.
 */
function twoSkills(extra: { groups: unknown[]; queue?: Record<string, unknown>; patience?: number; days?: number; salesPerHour?: number; seed?: number }): ScenarioConfig {
  const patience = extra.patience === undefined ? 'infinite' : { dist: 'exponential', mean: extra.patience };
  const groups = extra.groups as Array<{ count: number }>;
  return scenarioSchema.parse({
    name: 'two skills',
    run: { days: extra.days ?? 20, warmup: 7200, replications: 1, seed: extra.seed ?? 7, intervalMinutes: 60 },
    openingHours: ['00:00-24:00'],
    // 60 calls an hour in all: 36 sales, 24 support (unless salesPerHour says otherwise).
    arrivals: { callsPerHour: 60 },
    callerTypes: [
      { id: 'acquirente', share: (extra.salesPerHour ?? 36) / 60, patience, problem: 'vendita' },
      { id: 'cliente', share: 1 - (extra.salesPerHour ?? 36) / 60, patience, problem: 'assistenza' },
    ],
    problemTypes: [
      { id: 'vendita', handleTime: { dist: 'exponential', mean: 240 } },
      { id: 'assistenza', handleTime: { dist: 'exponential', mean: 360 } },
    ],
    agents: { count: groups.reduce((sum, group) => sum + group.count, 0), groups: extra.groups },
    queue: extra.queue ?? {},
    serviceLevel: { thresholdSeconds: 20, denominator: 'offered' },
  });
}

function run(scenario: ScenarioConfig, replication = 0): { result: ReplicationResult; records: CallRecord[] } {
  const records: CallRecord[] = [];
  const result = simulate(prepareModel(scenario), { replication, onRecord: (record) => records.push(record) });
  return { result, records };
}

const SALES = { id: 'vendite', count: 4, skills: ['vendita'] };
const SUPPORT = { id: 'supporto', count: 4, skills: ['assistenza'] };

describe('skill-based routing', () => {
  it('one group with every skill is the single-pool engine, call for call', () => {
    const plain = markovScenario({ arrivalRate: 1 / 40, meanHandleTime: 200, meanPatience: 120, agents: 5, days: 3, replications: 1 });
    const routed = { ...plain, agents: { ...plain.agents, groups: [{ id: 'tutti', count: 5, costPerHour: plain.agents.costPerHour, handleTimeFactor: 1, skills: ['call'] }] } };
    expect(prepareModel(routed).routing).not.toBeNull();
    const a = run(plain);
    const b = run(routed);
    expect(b.records.length).toBeGreaterThan(5000);
    expect(b.records).toEqual(a.records);
    expect(b.result.kpis).toEqual(a.result.kpis);
    expect(b.result.byGroup).toEqual([expect.objectContaining({ id: 'tutti', answered: a.result.kpis.answered, overflowAnswered: 0 })]);
  });

  it('two groups with separate skills each behave as their own Erlang C queue', () => {
    // Sales: 36/h × 240 s = 2.4 Erlang on 4 agents; support: 24/h × 360 s = 2.4 Erlang on 4 agents.
    const scenario = twoSkills({ groups: [SALES, SUPPORT], days: 60 });
    const replications = [0, 1, 2].map((replication) => run(scenario, replication));
    const mean = (pick: (result: ReplicationResult) => number) => replications.reduce((sum, { result }) => sum + pick(result), 0) / replications.length;
    const sales = erlangC({ arrivalRate: 36 / 3600, meanHandleTime: 240, agents: 4 }, 20);
    const support = erlangC({ arrivalRate: 24 / 3600, meanHandleTime: 360, agents: 4 }, 20);
    // Waits are strongly autocorrelated: 3 × 60 days give the mean wait to within a few per cent.
    expect(mean((r) => r.byCallerType[0]!.asa) / sales.meanWait).toBeGreaterThan(0.94);
    expect(mean((r) => r.byCallerType[0]!.asa) / sales.meanWait).toBeLessThan(1.06);
    expect(mean((r) => r.byCallerType[1]!.asa) / support.meanWait).toBeGreaterThan(0.94);
    expect(mean((r) => r.byCallerType[1]!.asa) / support.meanWait).toBeLessThan(1.06);
    expect(mean((r) => r.byCallerType[0]!.serviceLevel)).toBeCloseTo(sales.serviceLevel, 1);
    expect(mean((r) => r.byCallerType[1]!.serviceLevel)).toBeCloseTo(support.serviceLevel, 1);
    // Each group answers only its own skill, and is as busy as its load says.
    for (const { result, records } of replications) {
      for (const record of records) {
        if (Number.isNaN(record.answer)) continue;
        expect(record.agent < 4 ? 'vendita' : 'assistenza').toBe(record.problem);
      }
      const [sales, support] = result.byGroup;
      expect(sales!.busySeconds / sales!.paidSeconds).toBeCloseTo(0.6, 1);
      expect(support!.busySeconds / support!.paidSeconds).toBeCloseTo(0.6, 1);
      expect(sales!.answered + support!.answered).toBe(result.kpis.answered);
    }
  });

  it('overflow after N seconds: the other group answers only callers who waited that long, and abandonment falls', () => {
    // Sales overloaded (48/h × 240 s = 3.2 Erlang on 3 agents), support idle half the time.
    const groups = (overflow: boolean) => [
      { id: 'vendite', count: 3, skills: ['vendita'] },
      { id: 'supporto', count: 4, skills: ['assistenza'], ...(overflow ? { overflowSkills: ['vendita'] } : {}) },
    ];
    const base = { patience: 180, days: 10, salesPerHour: 48 };
    const without = run(twoSkills({ ...base, groups: groups(false) }));
    const withOverflow = run(twoSkills({ ...base, groups: groups(true), queue: { overflowAfter: 45 } }));
    const salesAbandonment = (r: ReplicationResult) => r.byCallerType[0]!.abandonmentRate;
    expect(salesAbandonment(without.result)).toBeGreaterThan(0.2);
    expect(salesAbandonment(withOverflow.result)).toBeLessThan(salesAbandonment(without.result) / 2);
    // Support callers pay a little for it.
    expect(withOverflow.result.byCallerType[1]!.asa).toBeGreaterThan(without.result.byCallerType[1]!.asa);
    const overflowed = withOverflow.records.filter((record) => record.problem === 'vendita' && record.agent >= 3);
    expect(overflowed.length).toBeGreaterThan(200);
    for (const record of overflowed) expect(record.wait).toBeGreaterThanOrEqual(45 - 1e-9);
    expect(withOverflow.result.byGroup[1]!.overflowAnswered).toBe(overflowed.length);
    expect(withOverflow.result.byGroup[0]!.overflowAnswered).toBe(0);
    // Nobody from support answers sales before 45 s, so with overflow never sales callers never reach them.
    expect(without.records.filter((record) => record.problem === 'vendita' && record.agent >= 3)).toEqual([]);
  });

  it('overflowAfter 0: the overflow group answers at once when the skilled group is busy, never before it', () => {
    const scenario = twoSkills({
      groups: [
        { id: 'vendite', count: 2, skills: ['vendita'] },
        { id: 'jolly', count: 3, skills: ['assistenza'], overflowSkills: ['vendita'] },
      ],
      queue: { overflowAfter: 0 },
      days: 5,
    });
    const { records } = run(scenario);
    const salesByJolly = records.filter((record) => record.problem === 'vendita' && record.agent >= 2);
    expect(salesByJolly.length).toBeGreaterThan(100);
    const atOnce = salesByJolly.filter((record) => record.wait === 0);
    expect(atOnce.length).toBeGreaterThan(50);
    // Answered at once by the overflow group only while both sales agents were on a call.
    for (const call of atOnce) {
      const salesBusy = records.filter((other) => other.agent >= 0 && other.agent < 2 && other.answer <= call.arrival && other.end > call.arrival);
      expect(salesBusy.length).toBe(2);
    }
  });

  it('per-skill proficiency: the same group takes its factor on one problem type only', () => {
    const groups = (factor: number) => [{ id: 'tutti', count: 8, skills: ['vendita', 'assistenza'], proficiency: { assistenza: factor } }];
    const plain = run(twoSkills({ groups: groups(1), days: 3 }));
    const slow = run(twoSkills({ groups: groups(1.5), days: 3 }));
    const handle = (records: CallRecord[], problem: string) => {
      const answered = records.filter((record) => record.problem === problem && !Number.isNaN(record.answer));
      return answered.reduce((sum, record) => sum + record.end - record.answer, 0) / answered.length;
    };
    // 8 agents for 4.8 Erlang: nearly nobody waits, so the calls are the same ones in both runs.
    expect(handle(slow.records, 'assistenza') / handle(plain.records, 'assistenza')).toBeCloseTo(1.5, 1);
    expect(handle(slow.records, 'vendita') / handle(plain.records, 'vendita')).toBeCloseTo(1, 1);
  });

  it('groups on shifts: each group answers only while on duty and is paid its own hours', () => {
    const scenario = twoSkills({
      groups: [
        { id: 'mattina', count: 3, costPerHour: 20, shifts: [{ from: '08:00', to: '14:00', count: 3 }] },
        { id: 'pomeriggio', count: 2, costPerHour: 30, shifts: [{ from: '14:00', to: '20:00', count: 2 }] },
      ],
      days: 2,
    });
    const opened = { ...scenario, openingHours: ['08:00-20:00'] as typeof scenario.openingHours };
    const model = prepareModel(opened);
    expect(model.agents).toBe(5);
    const { result, records } = run(opened);
    const hour = (t: number) => (t % 86_400) / 3600;
    for (const record of records) {
      if (Number.isNaN(record.answer) || record.callback) continue;
      if (record.agent < 3) expect(hour(record.answer)).toBeLessThan(14);
      else expect(hour(record.answer)).toBeGreaterThanOrEqual(14);
    }
    // Paid: 3 × 6 h × €20 + 2 × 6 h × €30 a day, two days (the warm-up ends before the line opens).
    expect(result.kpis.staffCost).toBeCloseTo(2 * (3 * 6 * 20 + 2 * 6 * 30), 6);
    expect(result.byGroup.map((group) => group.paidSeconds / 3600)).toEqual([36, 24]);
  });
});

describe('agent groups follow call scripts with their own profile', () => {
  it('each group takes its profile: the trained group sells more of the same scripted calls', async () => {
    const { loadScenarioFile } = await import('../../src/scenario/load.ts');
    const loaded = await loadScenarioFile('scenarios/bottega-copione.yaml');
    if (!loaded.ok) throw new Error('bottega-copione does not load');
    const base = loaded.scenario;
    const scenario: ScenarioConfig = {
      ...base,
      run: { ...base.run, days: 10, replications: 1 },
      agents: {
        ...base.agents,
        count: 2,
        profiles: [
          { id: 'nuovo', share: 1, proficiency: 0.3, speed: 0.8 },
          { id: 'formato', share: 1, proficiency: 0.95, speed: 1 },
        ],
        groups: [
          { id: 'formati', count: 1, costPerHour: 22, handleTimeFactor: 1, profile: 'formato' },
          { id: 'nuovi', count: 1, costPerHour: 22, handleTimeFactor: 1, profile: 'nuovo' },
        ],
      },
    };
    const model = prepareModel(scenario);
    expect(model.scripted!.agentProfiles.map((profile) => profile.id)).toEqual(['formato', 'nuovo']);
    const { records } = run(scenario);
    const conversion = (agent: number) => {
      const buyers = records.filter((record) => record.agent === agent && record.potentialRevenue > 0);
      return buyers.filter((record) => record.outcome === 'purchased').length / buyers.length;
    };
    expect(records.filter((record) => record.agent === 1).length).toBeGreaterThan(100);
    expect(conversion(0)).toBeGreaterThan(conversion(1) + 0.2);
  });
});

describe('skill routing with blended chat and tickets', () => {
  it('blended agents of any group answer tickets between calls; each group is as busy as its calls and contacts', () => {
    const routed = twoSkills({ groups: [SALES, SUPPORT], days: 3, patience: 300 });
    const withTickets = scenarioSchema.parse({
      ...routed,
      channels: {
        tickets: { perHour: 6, handleTime: { dist: 'exponential', mean: 300 }, target: '4h' },
        blended: { agents: 'all', keepFree: 0 },
      },
    });
    const { result, records } = run(withTickets);
    const tickets = result.channels!.channels.tickets!;
    expect(tickets.responded).toBeGreaterThan(200);
    expect(tickets.blendedHoursUsed).toBeGreaterThan(10);
    const k = result.kpis;
    expect(k.offered).toBe(k.answered + k.abandoned + k.blocked + result.inSystem);
    // Calls still go by skill.
    for (const record of records) if (record.agent >= 0) expect(record.agent < 4 ? 'vendita' : 'assistenza').toBe(record.problem);
    // Busy time of the groups = the agents' call and ticket time.
    const busy = result.byGroup.reduce((sum, group) => sum + group.busySeconds, 0);
    expect(busy / 3600).toBeCloseTo(result.total.busySeconds / 3600, 6);
    for (const group of result.byGroup) expect(group.busySeconds).toBeLessThanOrEqual(group.paidSeconds + 1e-6);
    // Without tickets the same callers wait less.
    expect(run(routed).result.kpis.asa).toBeLessThan(k.asa);
  });
});

describe('callbacks under skill routing', () => {
  it('every caller who would wait takes a callback; each is made by the group with the skill, and none is lost', () => {
    const scenario = twoSkills({
      groups: [
        { id: 'vendite', count: 2, skills: ['vendita'] },
        { id: 'supporto', count: 2, skills: ['assistenza'] },
      ],
      queue: { callback: { offerWhenAhead: 0, acceptance: 1, delay: 0, reach: 1 } },
      days: 3,
    });
    const { result, records } = run(scenario);
    const callbacks = records.filter((record) => record.callback);
    expect(callbacks.length).toBeGreaterThan(300);
    expect(callbacks.length).toBe(result.kpis.callbacksReached);
    for (const record of records) if (record.agent >= 0) expect(record.agent < 2 ? 'vendita' : 'assistenza').toBe(record.problem);
    // Nobody waits on the line: callers are answered at once or called back.
    expect(result.kpis.abandoned).toBe(0);
    expect(records.filter((record) => !record.callback && record.wait > 0)).toEqual([]);
    // Both groups make callbacks: a due callback of one skill does not hold up the other's.
    expect(new Set(callbacks.map((record) => record.problem))).toEqual(new Set(['vendita', 'assistenza']));
  });
});
