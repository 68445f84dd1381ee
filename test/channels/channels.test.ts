/**
 * Chat and tickets: the channel simulation against queueing theory (M/M/1), conservation of
 * contacts, the life of a ticket, backlog growth when nobody answers, blending from the
 * phone's idle time, and the money of complaints.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelKpis } from '../../src/channels/simulate.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { nextOpenTime } from '../../src/kernel/openHours.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { runScenario } from '../../src/sim/run.ts';

/** A small phone line (one agent, a few calls) with the given channels. */
function scenarioWith(extra: Partial<ScenarioInput>, days = 3, replications = 2) {
  return scenarioSchema.parse({
    name: 'channels',
    run: { days, replications, seed: 99, intervalMinutes: 60 },
    openingHours: ['09:00-17:00'],
    arrivals: { callsPerHour: 4 },
    callerTypes: [{ id: 'caller', share: 1, patience: { dist: 'exponential', mean: 120 }, problem: 'call' }],
    problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 300 } }],
    agents: { count: 2, costPerHour: 20 },
    ...extra,
  });
}

function channelRun(extra: Partial<ScenarioInput>, days = 3, replication = 0) {
  const model = prepareModel(scenarioWith(extra, days));
  return simulate(model, { replication, collectContacts: true }).channels!;
}

const tickets = { perHour: 2, handleTime: { dist: 'exponential', mean: 1200 }, target: '1h' } as const;

describe('tickets against queueing theory', () => {
  it('one dedicated agent around the clock is an M/M/1 queue: mean time to answer 1/(μ − λ)', () => {
    // λ = 2/h, μ = 3/h: the reply is sent, on average, 1 hour after the ticket is opened;
    // P(answered within 1 h) = 1 − e^{−(μ−λ)·1h} = 1 − 1/e.
    const run = channelRun({ channels: { tickets: { ...tickets, dedicatedAgents: 1, staffedHours: ['00:00-24:00'] } } }, 120);
    const kpis = run.channels.tickets!;
    expect(kpis.offered).toBeGreaterThan(5000);
    expect(kpis.meanResponseTime / 3600).toBeGreaterThan(0.85);
    expect(kpis.meanResponseTime / 3600).toBeLessThan(1.15);
    expect(kpis.withinTargetRate).toBeGreaterThan(1 - 1 / Math.E - 0.05);
    expect(kpis.withinTargetRate).toBeLessThan(1 - 1 / Math.E + 0.05);
    // Little's law: mean backlog = λ × mean time to answer (±10%, edge effects at the start).
    expect(kpis.meanBacklog / (2 * (kpis.meanResponseTime / 3600))).toBeGreaterThan(0.9);
    expect(kpis.meanBacklog / (2 * (kpis.meanResponseTime / 3600))).toBeLessThan(1.1);
  });
});

describe('the life of a contact', () => {
  const run = channelRun({
    channels: {
      tickets: { ...tickets, dedicatedAgents: 1, ageOut: '6h', escalation: 0.3, escalationTime: '2h' },
      chat: { perHour: 6, handleTime: { dist: 'exponential', mean: 400 }, target: '2min', patience: { dist: 'exponential', mean: 180 }, dedicatedAgents: 1 },
    },
  });
  const records = run.records!;

  it('every contact is counted once: answered, gave up, aged out, or still open', () => {
    for (const name of ['chat', 'tickets'] as const) {
      const kpis = run.channels[name] as ChannelKpis;
      const mine = records.filter((r) => r.channel === name);
      expect(mine).toHaveLength(kpis.offered);
      const open = mine.filter((r) => Number.isNaN(r.responded) && r.status !== 'left' && r.status !== 'agedOut').length;
      expect(kpis.responded + kpis.left + kpis.agedOut + open).toBe(kpis.offered);
      expect(kpis.openAtEnd).toBe(open);
    }
  });

  it('statuses follow opened → assigned → answered → closed, or escalated, left, aged out', () => {
    const allowed = new Set([
      'opened>assigned>answered>closed',
      'opened>assigned>escalated>closed',
      'opened>assigned>escalated',
      'opened>assigned',
      'opened>left',
      'opened>agedOut',
      'opened',
    ]);
    const seen = new Set<string>();
    for (const record of records) {
      const path = record.history.map((change) => change.status).join('>');
      expect(allowed.has(path), path).toBe(true);
      seen.add(path);
      const times = record.history.map((change) => change.at);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(record.history.at(-1)!.status).toBe(record.status);
    }
    expect(seen).toContain('opened>assigned>answered>closed');
    expect(seen).toContain('opened>assigned>escalated>closed');
    expect(seen).toContain('opened>left');
    expect(seen).toContain('opened>agedOut');
    // An escalated ticket closes escalationTime after it was escalated.
    const escalated = records.find((r) => r.history.map((c) => c.status).join('>') === 'opened>assigned>escalated>closed')!;
    expect(escalated.history[3]!.at - escalated.history[2]!.at).toBe(7200);
  });

  it('chat responds when an agent joins, a ticket when the reply is sent', () => {
    const chat = records.find((r) => r.channel === 'chat' && !Number.isNaN(r.responded))!;
    expect(chat.responded).toBe(chat.assigned);
    const ticket = records.find((r) => r.channel === 'tickets' && !Number.isNaN(r.responded))!;
    expect(ticket.responded).toBeGreaterThan(ticket.assigned);
    expect(ticket.responseTime).toBe(ticket.responded - ticket.opened);
  });
});

describe('nobody answering', () => {
  const run = channelRun(
    {
      channels: {
        tickets: {
          ...tickets,
          callAfter: { probability: 1, after: '1d' },
          complaintAfter: { probability: 1, after: '2d' },
        },
      },
      afterCall: { lifetimeValue: 300, switchProbability: 1, wordOfMouth: { complainProbability: 0, peopleReached: 100, lostPerPersonReached: 0.01 } },
    },
    5,
  );
  const kpis = run.channels.tickets!;
  const records = run.records!;
  const horizon = 5 * 86_400;

  it('the backlog grows every day by the tickets that arrived, and none is answered', () => {
    expect(kpis.responded).toBe(0);
    expect(kpis.openAtEnd).toBe(kpis.offered);
    for (let day = 0; day < 5; day++) {
      expect(kpis.backlogByDay[day]).toBe(records.filter((r) => r.opened < (day + 1) * 86_400).length);
    }
    expect(kpis.backlogByDay[4]).toBeGreaterThan(kpis.backlogByDay[0]! * 4);
  });

  it('unanswered tickets older than callAfter.after turn into calls (made when the line is open), older than complaintAfter.after into complaints', () => {
    const opening: Array<[number, number]> = [[9 * 3600, 17 * 3600]];
    const callers = records.filter((r) => nextOpenTime(opening, 5, r.opened + 86_400) <= horizon);
    expect(kpis.callsCaused).toBe(callers.length);
    expect(records.filter((r) => r.causedCall)).toEqual(callers);
    expect(kpis.complaints).toBe(records.filter((r) => r.opened + 2 * 86_400 <= horizon).length);
  });

  it('complaints are dissatisfied customers who switch and spread word of mouth (afterCall)', () => {
    // Every ticket older than the 1 h target is dissatisfied and switches (switchProbability 1);
    // only the complaints spread (complainProbability 0 otherwise), 100 × 1% = 1 lost customer each.
    const dissatisfied = records.filter((r) => r.opened + 3600 < horizon).length;
    expect(kpis.dissatisfied).toBe(dissatisfied);
    expect(run.money.customersLost).toBe(dissatisfied);
    expect(run.money.complaints).toBe(kpis.complaints);
    expect(run.money.wordOfMouthLost).toBeCloseTo(kpis.complaints, 9);
    expect(kpis.lostLifetimeValue).toBeCloseTo(300 * dissatisfied + 300 * kpis.complaints, 6);
  });
});

describe('blending and dedicated agents', () => {
  it('dedicated agents cost their staffed hours; a plan with them lowers the cost of poor service', () => {
    const base = runScenario(scenarioWith({ channels: { tickets: { ...tickets } }, afterCall: { lifetimeValue: 200 } }, 3));
    const dedicated = { ...tickets, dedicatedAgents: 2, staffedHours: ['00:00-12:00', '12:00-24:00'] };
    const staffed = runScenario(scenarioWith({ channels: { tickets: dedicated }, afterCall: { lifetimeValue: 200 } }, 3));
    // 2 agents × 24 h × 3 days × €20.
    expect(staffed.channels!.channels.tickets!.staffCost.mean).toBe(2880);
    expect(staffed.kpis.channelStaffCost.mean).toBe(2880);
    expect(staffed.kpis.serviceCost.mean).toBe(staffed.kpis.staffCost.mean + 2880);
    expect(staffed.channels!.channels.tickets!.withinTargetRate.mean).toBeGreaterThan(0.6);
    expect(staffed.kpis.costOfPoorService.mean).toBeLessThan(base.kpis.costOfPoorService.mean);
    expect(staffed.kpis.lostLifetimeValue.mean).toBeLessThan(base.kpis.lostLifetimeValue.mean);
    // Tickets answered within the target are good service: well-served customers spend more.
    expect(staffed.kpis.goodServiceValue.mean).toBeGreaterThan(base.kpis.goodServiceValue.mean);
    // Common random numbers: the same tickets arrive in both plans.
    expect(staffed.channels!.channels.tickets!.offered.mean).toBe(base.channels!.channels.tickets!.offered.mean);
  });

  it('a change to the chat leaves the tickets and their customers\' fates as they were (own streams, own numbering)', () => {
    const chat = (perHour: number) => ({ perHour, handleTime: { dist: 'exponential' as const, mean: 300 }, target: '2min', dedicatedAgents: 1 });
    const run = (perHour: number) =>
      channelRun({ channels: { chat: chat(perHour), tickets: { ...tickets, ageOut: '1d' } }, afterCall: { lifetimeValue: 250 } }, 4).channels.tickets!;
    const few = run(2);
    const many = run(12);
    expect(many.offered).toBe(few.offered);
    expect(many.agedOut).toBe(few.agedOut);
    expect(many.lostLifetimeValue).toBe(few.lostLifetimeValue);
    expect(few.lostLifetimeValue).toBeGreaterThan(0);
  });
});
