/**
 * Blending and the calls chat and tickets cause, simulated in the phone's own event loop:
 * the phone's figures without blending, what blending costs the phone and gives the inbox,
 * keepFree, conservation of agent work, and caused calls in the phone's offered count.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/domain/call.ts';
import { ChannelSimulation } from '../../src/channels/simulate.ts';
import { callCost, callPricesOf } from '../../src/money/costs.ts';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/schema.ts';
import { simulate } from '../../src/sim/replication.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { runScenario } from '../../src/sim/run.ts';

type Channels = NonNullable<ScenarioInput['channels']>;

const OPEN: [number, number] = [9 * 3600, 17 * 3600];

/** Three phone agents, 20 calls an hour of 5 minutes (load 1.67 erlang), 09:00-17:00. */
function scenario(channels: Channels | undefined, days = 5, extra: Partial<ScenarioInput> = {}) {
  return scenarioSchema.parse({
    name: 'blending',
    run: { days, replications: 2, seed: 4242, intervalMinutes: 60 },
    openingHours: ['09:00-17:00'],
    arrivals: { callsPerHour: 20 },
    callerTypes: [
      { id: 'buyer', share: 0.5, patience: { dist: 'exponential', mean: 180 }, purchaseIntent: 0.5, problem: 'order' },
      { id: 'complaint', share: 0.5, patience: { dist: 'exponential', mean: 300 }, problem: 'after-sale' },
    ],
    problemTypes: [
      { id: 'order', handleTime: { dist: 'exponential', mean: 300 }, conversion: 0.4 },
      { id: 'after-sale', handleTime: { dist: 'exponential', mean: 300 } },
    ],
    agents: { count: 3, costPerHour: 20 },
    ...(channels ? { channels } : {}),
    ...extra,
  });
}

const tickets = { perHour: 4, handleTime: { dist: 'exponential', mean: 600 }, target: '4h' } as const;
const chat = { perHour: 3, handleTime: { dist: 'exponential', mean: 300 }, target: '2min', patience: { dist: 'exponential', mean: 240 } } as const;

function replication(channels: Channels | undefined, days = 5, extra: Partial<ScenarioInput> = {}) {
  return simulate(prepareModel(scenario(channels, days, extra)), { replication: 0, collectRecords: true, collectContacts: true });
}

/** Seconds of [from, to) inside the opening hours of the days. */
function openSeconds(from: number, to: number, days: number): number {
  let total = 0;
  for (let day = 0; day < days; day++) {
    const start = Math.max(from, day * 86_400 + OPEN[0]);
    const end = Math.min(to, day * 86_400 + OPEN[1]);
    if (end > start) total += end - start;
  }
  return total;
}

describe('blending off', () => {
  it('leaves every phone figure exactly as without channels (the channels keep their own streams)', () => {
    const phoneOnly = replication(undefined);
    const withInbox = replication({ tickets: { ...tickets, callAfter: { probability: 0, after: '1d' } }, chat: { ...chat, dedicatedAgents: 1 } });
    expect(withInbox.channels!.channels.tickets!.offered).toBeGreaterThan(400);
    expect(withInbox.channels!.channels.chat!.responded).toBeGreaterThan(50);
    // The book holds the contacts' money too (the dedicated chat agent, fates of contacts): the
    // run's tally is the phone's plus exactly that, and every phone figure is the same.
    const money = withInbox.channels!.money as unknown as Record<string, number>;
    const phone = phoneOnly.total as unknown as Record<string, number>;
    for (const [key, value] of Object.entries(withInbox.total as unknown as Record<string, number>)) expect(value, key).toBe(phone[key]! + (money[key] ?? 0));
    for (const key of ['offered', 'answered', 'abandoned', 'serviceLevel', 'asa', 'occupancy', 'lostRevenue', 'staffCost'] as const) {
      expect(withInbox.kpis[key], key).toBe(phoneOnly.kpis[key]);
    }
    expect(withInbox.records).toEqual(phoneOnly.records);
  });
});

describe('blended phone agents', () => {
  const none = replication({ tickets: { ...tickets }, chat: { ...chat } });
  const all = replication({ tickets: { ...tickets }, chat: { ...chat }, blended: { agents: 'all' } });
  const one = replication({ tickets: { ...tickets }, chat: { ...chat }, blended: { agents: 1 } });
  const keepOneFree = replication({ tickets: { ...tickets }, chat: { ...chat }, blended: { agents: 'all', keepFree: 1 } });

  it('see the same calls and the same contacts as without blending (common random numbers)', () => {
    expect(all.kpis.offered).toBe(none.kpis.offered);
    const arrivals = (result: typeof none) => result.records!.map((record) => [record.id, record.arrival, record.callerType, record.orderValue]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(arrivals(all)).toEqual(arrivals(none));
    for (const name of ['tickets', 'chat'] as const) expect(all.channels!.channels[name]!.offered).toBe(none.channels!.channels[name]!.offered);
  });

  it('make the phone wait longer and the inbox shorter', () => {
    const [phoneNone, phoneAll] = [none.kpis, all.kpis];
    const [inboxNone, inboxAll] = [none.channels!.channels.tickets!, all.channels!.channels.tickets!];
    expect(inboxNone.responded).toBe(0);
    expect(inboxAll.responded).toBeGreaterThan(0.9 * inboxAll.offered);
    expect(inboxAll.meanBacklog).toBeLessThan(inboxNone.meanBacklog / 3);
    expect(all.channels!.channels.chat!.responded).toBeGreaterThan(0);
    expect(phoneAll.asa).toBeGreaterThan(phoneNone.asa * 1.5);
    expect(phoneAll.abandoned).toBeGreaterThan(phoneNone.abandoned);
    expect(phoneAll.serviceLevel).toBeLessThan(phoneNone.serviceLevel);
    // Contacts are paid agent work: occupancy counts them.
    expect(phoneAll.occupancy).toBeGreaterThan(phoneNone.occupancy + 0.2);
  });

  it('one blended agent of three answers less than all three, and the phone suffers less', () => {
    const inbox = (result: typeof none) => result.channels!.channels.tickets!;
    expect(inbox(one).responded).toBeGreaterThan(0);
    expect(inbox(one).meanBacklog).toBeGreaterThan(inbox(all).meanBacklog);
    expect(one.kpis.asa).toBeLessThan(all.kpis.asa);
    expect(one.kpis.asa).toBeGreaterThan(none.kpis.asa);
    // The blended agents' paid hours: a third of the team's, all of it.
    expect(one.channels!.blendedHoursOffered).toBeCloseTo(one.total.staffedSeconds / 3 / 3600, 9);
    expect(all.channels!.blendedHoursOffered).toBeCloseTo(all.total.staffedSeconds / 3600, 9);
    // Agent 0 alone cannot work more than its own hours on contacts (plus the last contact of each day running past closing).
    const used = inbox(one).blendedHoursUsed + one.channels!.channels.chat!.blendedHoursUsed;
    expect(used).toBeLessThan(one.channels!.blendedHoursOffered + 5);
  });

  it('keepFree keeps an agent for the phone: shorter phone waits, a longer inbox', () => {
    expect(keepOneFree.kpis.asa).toBeLessThan(all.kpis.asa);
    expect(keepOneFree.kpis.serviceLevel).toBeGreaterThan(all.kpis.serviceLevel);
    expect(keepOneFree.channels!.channels.tickets!.meanBacklog).toBeGreaterThan(all.channels!.channels.tickets!.meanBacklog);
    expect(keepOneFree.channels!.channels.tickets!.responded).toBeGreaterThan(0);
  });

  it('answer contacts only while the phone line is open', () => {
    for (const result of [all, one, keepOneFree]) {
      for (const record of result.channels!.records!) {
        if (!record.blended) continue;
        const timeOfDay = record.assigned % 86_400;
        expect(timeOfDay).toBeGreaterThanOrEqual(OPEN[0]);
        expect(timeOfDay).toBeLessThan(OPEN[1]);
      }
    }
  });
});

describe('conservation of agent work under overload', () => {
  // 30 tickets an hour of 10 minutes (5 erlang) with infinite patience on 3 agents: the inbox never empties.
  const days = 3;
  const result = replication({ tickets: { perHour: 30, handleTime: { dist: 'exponential', mean: 600 }, target: '1d' }, blended: { agents: 'all' } }, days);
  const contacts = result.channels!.records!;

  it('agents are never idle while the line is open: occupancy is exactly 1', () => {
    expect(result.total.busySeconds).toBeCloseTo(result.total.staffedSeconds, 6);
    expect(result.total.staffedSeconds).toBe(3 * days * 8 * 3600);
  });

  it('busy time is the handle time of the calls served plus that of the tickets answered, in opening hours', () => {
    const calls = result.records!.filter((record) => record.agent >= 0).reduce((sum, record) => sum + openSeconds(record.answer, record.end, days), 0);
    const served = contacts.filter((record) => record.blended);
    // Every ticket taken was answered before midnight of the last day (nobody takes one after closing).
    expect(served.every((record) => Number.isFinite(record.responded))).toBe(true);
    const tickets = served.reduce((sum, record) => sum + openSeconds(record.assigned, record.responded, days), 0);
    expect(calls).toBeGreaterThan(0.2 * result.total.busySeconds);
    expect(calls + tickets).toBeCloseTo(result.total.busySeconds, 6);
    expect(result.channels!.channels.tickets!.blendedHoursUsed * 3600).toBeCloseTo(
      served.reduce((sum, record) => sum + (record.responded - record.assigned), 0),
      6,
    );
  });

  it('the phone still gets every agent that comes free while a caller waits', () => {
    // Callers wait for the first of the three contacts in progress to end (mean 600 s / 3 = 200 s
    // with exponential handle times), then are answered: each answered call waited, and callers
    // are answered first in first out, so no agent took a ticket while a caller waited.
    const answered = result.records!.filter((record) => record.agent >= 0);
    const atOnce = answered.filter((record) => record.wait === 0).length;
    expect(atOnce / answered.length).toBeLessThan(0.2);
    const meanWait = answered.reduce((sum, record) => sum + record.wait, 0) / answered.length;
    expect(meanWait).toBeGreaterThan(100);
    expect(meanWait).toBeLessThan(300);
  });
});

describe('blending against queueing theory', () => {
  it('with a never-empty inbox, calls wait as in an M/M/1 queue served by the agents\' completions: W = 1/(cμ − λ)', () => {
    // Calls and tickets both take exponential 10 minutes, the line is open around the clock and
    // the inbox never empties, so all c = 3 agents are always busy and finish a job as a Poisson
    // process of rate cμ = 18/h; each finish answers the first caller waiting, if any. The callers
    // waiting are then an M/M/1 queue (λ = 9/h, service rate cμ): mean wait 1/(cμ − λ) = 400 s.
    const model = prepareModel(
      scenarioSchema.parse({
        name: 'inbox-bound',
        run: { days: 30, replications: 1, seed: 7, intervalMinutes: 60 },
        openingHours: ['00:00-24:00'],
        arrivals: { callsPerHour: 9 },
        callerTypes: [{ id: 'caller', share: 1, patience: 'infinite', problem: 'call' }],
        problemTypes: [{ id: 'call', handleTime: { dist: 'exponential', mean: 600 } }],
        agents: { count: 3, costPerHour: 20 },
        channels: { tickets: { perHour: 30, handleTime: { dist: 'exponential', mean: 600 }, target: '1d' }, blended: { agents: 'all' } },
      }),
    );
    const result = simulate(model, { replication: 0 });
    expect(result.kpis.answered).toBeGreaterThan(6000);
    expect(result.kpis.asa / 400).toBeGreaterThan(0.92);
    expect(result.kpis.asa / 400).toBeLessThan(1.08);
    // Answered within the threshold t (20 s): P(W ≤ t) = 1 − e^{−(cμ − λ)t} = 4.9% (nobody is answered at once: an agent is never idle).
    const withinThreshold = 1 - Math.exp(-(18 - 9) / 3600 * model.thresholdSeconds);
    expect(model.thresholdSeconds).toBe(20);
    expect(result.kpis.serviceLevel).toBeGreaterThan(withinThreshold - 0.01);
    expect(result.kpis.serviceLevel).toBeLessThan(withinThreshold + 0.01);
    // Share of the agents' time on calls: λ/(cμ) = 1/2.
    const callHours = (result.kpis.answered * result.kpis.aht) / 3600;
    expect(callHours / (result.total.staffedSeconds / 3600)).toBeCloseTo(0.5, 1);
  });
});

describe('calls caused by unanswered contacts', () => {
  const causing = (probability: number, callerType?: string) => ({
    tickets: { ...tickets, callAfter: { probability, after: '1d', ...(callerType ? { callerType } : {}) } },
    blended: { agents: 1 },
  });
  const without = replication(causing(0));
  const withCalls = replication(causing(1, 'complaint'));
  const caused = withCalls.records!.filter((record) => record.causedBy === 'tickets');

  it('come into the phone queue: offered grows by exactly the calls the escalations made', () => {
    const callsCaused = withCalls.channels!.channels.tickets!.callsCaused;
    expect(callsCaused).toBeGreaterThan(50);
    expect(without.channels!.channels.tickets!.callsCaused).toBe(0);
    expect(withCalls.kpis.offered - without.kpis.offered).toBe(callsCaused);
    expect(withCalls.total.customers - without.total.customers).toBe(callsCaused);
    // Each ended in the run (a record) or was still on the line at the end.
    expect(caused.length).toBeLessThanOrEqual(callsCaused);
    expect(caused.length).toBeGreaterThan(callsCaused - 5);
    expect(caused.every((record) => record.callerType === 'complaint')).toBe(true);
    // Made while the line is open: when the escalation fires at night, when it next opens.
    for (const record of caused) expect(record.arrival % 86_400).toBeGreaterThanOrEqual(OPEN[0]);
  });

  it('draw from their own stream: the other callers arrive as before', () => {
    const others = (result: typeof without) => result.records!.filter((record) => record.causedBy === undefined).map((record) => [record.arrival, record.callerType, record.orderValue]).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(others(withCalls)).toEqual(others(without));
  });

  it('are priced once, from their records, as repeat calls', () => {
    const run = runScenario(scenario(causing(1, 'complaint'), 5, { costs: { telephonyPerMinute: 0.05 }, afterCall: { lifetimeValue: 100 } }), { replications: 1, collectRecords: true });
    const phone = run.replications[0]!;
    const records = phone.records as readonly CallRecord[];
    const causedCalls = records.filter((record) => record.causedBy !== undefined);
    const prices = callPricesOf(run.scenario);
    expect(phone.kpis.retryCalls).toBe(causedCalls.length);
    expect(phone.kpis.retryCost).toBeCloseTo(causedCalls.reduce((sum, record) => sum + callCost(record, prices), 0), 9);
    expect(run.channelReplications![0]!.money.retryCalls).toBe(0);
    expect(run.channelReplications![0]!.money.retryCost).toBe(0);
    expect(phone.kpis.costOfPoorService).toBeCloseTo(phone.kpis.lostMargin + phone.kpis.lostLifetimeMargin + phone.kpis.retryCost, 6);
  });
});

describe('keepFree under a never-empty inbox', () => {
  /** Most tickets in service at once, from the blended tickets' [assigned, responded) intervals. */
  function mostAtOnce(keepFree: number): number {
    const result = replication({ tickets: { perHour: 30, handleTime: { dist: 'exponential', mean: 600 }, target: '1d' }, blended: { agents: 'all', keepFree } }, 3);
    const edges = result.channels!.records!.filter((record) => record.blended).flatMap((record) => [
      [record.assigned, 1],
      [record.responded, -1],
    ]);
    edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    let now = 0;
    let most = 0;
    for (const [, step] of edges) most = Math.max(most, (now += step!));
    return most;
  }

  it('keeps that many of the three agents off the inbox: at most 3 − keepFree tickets in service at once', () => {
    expect(mostAtOnce(0)).toBe(3);
    expect(mostAtOnce(1)).toBe(2);
    expect(mostAtOnce(2)).toBe(1);
    expect(mostAtOnce(3)).toBe(0);
  });
});

describe('blending with the other phone features', () => {
  const inbox = { tickets: { perHour: 30, handleTime: { dist: 'exponential', mean: 600 }, target: '1d' }, blended: { agents: 'all' } } as const;

  it('an agent on a ticket holds no phone line: with one line, callers still queue for the one agent', () => {
    const result = replication(inbox, 5, { agents: { count: 1, costPerHour: 20 }, arrivals: { callsPerHour: 3 }, queue: { capacity: 'unlimited', discipline: 'fifo', lines: 1 } });
    // The agent is always on a ticket or a call, so a caller finds the line busy only while
    // another caller waits or talks (about a third of the time at λ = 3/h, 5-minute calls).
    expect(result.total.busySeconds).toBeCloseTo(result.total.staffedSeconds, 6);
    expect(result.kpis.blocked).toBeGreaterThan(0);
    expect(result.kpis.blocked / result.kpis.offered).toBeLessThan(0.5);
    expect(result.records!.filter((record) => record.agent >= 0 && record.wait > 0).length).toBeGreaterThan(0.5 * result.kpis.answered);
  });

  it('with a duty roster agents come on duty to the inbox and leave after their contact', () => {
    const result = replication(inbox, 5, {
      staffing: [
        { from: '09:00', agents: 3 },
        { from: '12:00', agents: 1 },
        { from: '14:00', agents: 2 },
        { from: '17:00', agents: 0 },
      ],
    });
    expect(result.total.staffedSeconds).toBe(5 * (3 * 3 + 2 * 1 + 3 * 2) * 3600);
    // Always busy on duty; an agent due off finishes the contact in hand first.
    expect(result.kpis.occupancy).toBeGreaterThan(0.99);
    expect(result.kpis.occupancy).toBeLessThan(1.03);
    const served = result.channels!.records!.filter((record) => record.blended);
    expect(served.length).toBeGreaterThan(100);
    for (const record of served) expect(record.assigned % 86_400).toBeGreaterThanOrEqual(OPEN[0]);
  });
});

describe('ChannelSimulation stepped by hand', () => {
  const model = prepareModel(scenario({ tickets: { ...tickets }, chat: { ...chat, patience: 'infinite' }, priority: ['tickets', 'chat'] }, 1));

  it('steps its events in time order, and a blended agent takes contacts by priority', () => {
    const channels = new ChannelSimulation(model, 0, true);
    let last = 0;
    // Up to 10:00: contacts pile up (no dedicated agents), nobody takes them.
    while (channels.nextTime() < 10 * 3600) {
      const time = channels.nextTime();
      expect(time).toBeGreaterThanOrEqual(last);
      last = time;
      expect(channels.step()).toBeNull();
    }
    const waiting = channels.waiting();
    expect(waiting).toBeGreaterThan(20);
    // Tickets first (priority), then chat; each take returns the contact's handle time.
    const first = channels.takeContact(10 * 3600, 0);
    const second = channels.takeContact(10 * 3600, 1);
    expect(first).toBeGreaterThan(0);
    expect(channels.waiting()).toBe(waiting - 2);
    channels.finishContact(10 * 3600 + first, 0);
    channels.finishContact(10 * 3600 + second, 1);
    const result = channels.result(2);
    expect(result.blendedHoursOffered).toBe(2);
    const served = result.records!.filter((record) => record.blended);
    expect(served.map((record) => record.channel)).toEqual(['tickets', 'tickets']);
    // The oldest ticket first; a ticket responds when the reply is sent.
    const ticketIds = result.records!.filter((record) => record.channel === 'tickets').map((record) => record.id);
    expect(served.map((record) => record.id)).toEqual(ticketIds.slice(0, 2));
    expect(served[0]!.responded - served[0]!.assigned).toBeCloseTo(first, 9);
    expect(result.channels.tickets!.responded).toBe(2);
    expect(result.channels.tickets!.blendedHoursUsed).toBeCloseTo((first + second) / 3600, 9);
    expect(result.channels.chat!.responded).toBe(0);
  });

  it('with chat first, a blended agent joins the oldest chat and the chat responds at once', () => {
    const chatFirst = new ChannelSimulation(prepareModel(scenario({ tickets: { ...tickets }, chat: { ...chat, patience: 'infinite' } }, 1)), 0, true);
    while (chatFirst.nextTime() < 11 * 3600) chatFirst.step();
    chatFirst.takeContact(11 * 3600, 2);
    const result = chatFirst.result();
    const served = result.records!.filter((record) => record.blended);
    expect(served).toHaveLength(1);
    expect(served[0]!.channel).toBe('chat');
    expect(served[0]!.responded).toBe(11 * 3600);
    expect(served[0]!.status).toBe('assigned');
  });
});
