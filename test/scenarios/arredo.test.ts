/**
 * The furniture e-commerce scenario: after-sale complaints, a chat and a ticket inbox that
 * nobody staffs. Its key figures are pinned by a golden file (regenerate after an intended
 * change with `UPDATE_GOLDEN=1 npx vitest run test/scenarios` and review the diff), and the
 * story it tells is checked whatever the numbers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRunText, runToJson } from '../../src/report/runReport.ts';
import { yearlyCostOfPoorService } from '../../src/report/moneyReport.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';

const GOLDEN = 'test/scenarios/arredo-assistenza.golden.json';

describe('arredo-assistenza.yaml', async () => {
  const loaded = await loadScenarioFile('scenarios/arredo-assistenza.yaml');
  if (!loaded.ok) throw new Error('arredo-assistenza.yaml does not load');
  const result = runScenario(loaded.scenario);
  const { kpis } = result;
  const chat = result.channels!.channels.chat!;
  const tickets = result.channels!.channels.tickets!;

  it('key figures match the golden file', () => {
    const round = (value: number, digits = 2) => Number(value.toFixed(digits));
    const figures = {
      offered: round(kpis.offered.mean, 1),
      abandoned: round(kpis.abandoned.mean, 1),
      lostMargin: round(kpis.lostMargin.mean),
      dissatisfied: round(kpis.dissatisfied.mean, 1),
      customersLost: round(kpis.customersLost.mean, 1),
      lostLifetimeValue: round(kpis.lostLifetimeValue.mean),
      lostLifetimeMargin: round(kpis.lostLifetimeMargin.mean),
      goodServiceValue: round(kpis.goodServiceValue.mean),
      retryCalls: round(kpis.retryCalls.mean, 1),
      retryCost: round(kpis.retryCost.mean),
      telephonyCost: round(kpis.telephonyCost.mean),
      serviceCost: round(kpis.serviceCost.mean),
      costOfPoorService: round(kpis.costOfPoorService.mean),
      yearlyCostOfPoorService: round(yearlyCostOfPoorService(result)),
      chat: { offered: round(chat.offered.mean, 1), withinTargetRate: round(chat.withinTargetRate.mean, 4), left: round(chat.left.mean, 1) },
      tickets: {
        offered: round(tickets.offered.mean, 1),
        responded: round(tickets.responded.mean, 1),
        withinTargetRate: round(tickets.withinTargetRate.mean, 4),
        openAtEnd: round(tickets.openAtEnd.mean, 1),
        callsCaused: round(tickets.callsCaused.mean, 1),
        complaints: round(tickets.complaints.mean, 1),
        backlogByDay: tickets.backlogByDay.map((value) => round(value, 1)),
      },
    };
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, JSON.stringify(figures, null, 2) + '\n');
    expect(figures).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('tells its story: a façade chat, an inbox the phone leaves unanswered, calls it causes, and poor service that costs more than the staff', () => {
    expect(chat.left.mean / chat.offered.mean).toBeGreaterThan(0.5); // most chat customers give up
    expect(tickets.withinTargetRate.mean).toBeLessThan(0.2); // almost no ticket is answered within a day
    // The backlog grows day after day.
    for (let day = 1; day < tickets.backlogByDay.length; day++) expect(tickets.backlogByDay[day]).toBeGreaterThan(tickets.backlogByDay[day - 1]!);
    expect(tickets.callsCaused.mean).toBeGreaterThan(0);
    // The calls the tickets cause join the phone queue: each replication's offered calls are those
    // of the same scenario without them plus exactly the calls caused (their draws shift no other caller's).
    const quiet = structuredClone(loaded.scenario);
    quiet.channels!.tickets!.callAfter!.probability = 0;
    const without = runScenario(quiet);
    result.replications.forEach((replication, index) => {
      expect(replication.kpis.offered - without.replications[index]!.kpis.offered).toBe(result.channelReplications![index]!.channels.tickets!.callsCaused);
    });
    // Blending is real: one agent always stays free for the phone, yet chats and e-mails in progress make callers wait.
    expect(kpis.occupancy.mean).toBeGreaterThan(0.85);
    expect(tickets.complaints.mean).toBeGreaterThan(0);
    // Lost lifetime value is reported beside lost sales, and the cost of poor service is their sum with the repeat calls.
    expect(kpis.lostLifetimeMargin.mean).toBeGreaterThan(kpis.lostMargin.mean);
    expect(kpis.costOfPoorService.mean).toBeCloseTo(kpis.lostMargin.mean + kpis.lostLifetimeMargin.mean + kpis.retryCost.mean, 6);
    expect(kpis.costOfPoorService.mean).toBeGreaterThan(kpis.serviceCost.mean);
  });

  it('prints the money lines and the channel tables', () => {
    const text = renderRunText(result, 'en');
    expect(text).toContain('Lost customer lifetime value:');
    expect(text).toContain('Yearly cost of poor service (lost margin + lost lifetime value + repeat calls): about €');
    expect(text).toContain('E-mail / tickets (target 24 h 00 min)');
    expect(text).toContain('Backlog at the end of each day: ');
    expect(text).toMatch(/^Cost of poor service +€[\d,]+ +± €[\d,]+$/m);
    expect(text).toContain(
      'Chat and tickets: dedicated agents plus all phone agents when no call waits, 1 kept free for calls; agent occupancy includes chat and ticket time; calls caused by unanswered contacts join the phone queue.',
    );
    const italian = renderRunText(result, 'it');
    expect(italian).toContain('Costo del cattivo servizio in un anno');
    expect(italian).toContain('più tutti gli operatori telefonici quando nessuna chiamata attende, 1 sempre libero per il telefono;');
    const json = runToJson(result) as { yearlyCostOfPoorService: number; channels: { tickets: { backlogByDay: number[] } } };
    expect(json.yearlyCostOfPoorService).toBe(yearlyCostOfPoorService(result));
    expect(json.channels.tickets.backlogByDay).toEqual(tickets.backlogByDay);
  });
});
