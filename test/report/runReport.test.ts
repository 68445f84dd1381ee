import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, formatSeconds, renderTable } from '../../src/report/format.ts';
import { headline, renderRunText, runToCsv, runToMarkdown, serviceLevelDefinition, yearlyLostMargin } from '../../src/report/runReport.ts';
import { recordsToCsv } from '../../src/report/recordsCsv.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';
import { runScenario } from '../../src/sim/run.ts';

describe('number formats', () => {
  it('follow the language', () => {
    expect(formatMoney(126198.4, 'EUR', 'it')).toBe('126.198\u00a0€');
    expect(formatMoney(126198.4, 'EUR', 'en')).toBe('€126,198');
    expect(formatPercent(0.1852, 'it')).toBe('18,5%');
    expect(formatPercent(0.1852, 'en')).toBe('18.5%');
  });

  it('durations read like a clock', () => {
    expect(formatSeconds(4.25, 'en')).toBe('4.3 s');
    expect(formatSeconds(42, 'en')).toBe('42 s');
    expect(formatSeconds(257.07, 'en')).toBe('4 min 17 s');
    expect(formatSeconds(3725, 'en')).toBe('1 h 02 min');
  });

  it('tables align the first column left and the others right', () => {
    expect(renderTable(['Name', 'N'], [['a', '1'], ['bbb', '22']])).toBe(['Name   N', '────  ──', 'a      1', 'bbb   22'].join('\n'));
  });
});

describe('run report', () => {
  const scenario = scenarioSchema.parse({
    name: 'Negozio <Test> | pipe',
    language: 'it',
    run: { days: 2, replications: 3, seed: 4 },
    openingHours: ['09:00-12:00'],
    arrivals: { callsPerHour: 40 },
    callerTypes: [{ id: 'buyer', share: 1, patience: { dist: 'exponential', mean: 60 }, purchaseIntent: 1, orderValue: { dist: 'deterministic', value: 100 }, problem: 'sale' }],
    problemTypes: [{ id: 'sale', handleTime: { dist: 'exponential', mean: 240 }, conversion: 0.5 }],
    agents: { count: 2, costPerHour: 20 },
    serviceLevel: { thresholdSeconds: 30, denominator: 'answered' },
    money: { margin: 0.4, openDaysPerYear: 200 },
  });
  const result = runScenario(scenario);

  it('states the service-level definition it uses', () => {
    expect(serviceLevelDefinition(result, 'en')).toBe('answered within 30 s / answered calls (abandoned calls ignored)');
    expect(serviceLevelDefinition(result, 'it')).toBe('risposte entro 30 s / chiamate risposte (abbandoni esclusi)');
  });

  it('scales the lost margin to a year of open days', () => {
    expect(yearlyLostMargin(result)).toBeCloseTo((result.kpis.lostMargin.mean / 2) * 200, 9);
    expect(result.kpis.lostMargin.mean).toBeCloseTo(result.kpis.lostRevenue.mean * 0.4, 9);
  });

  it('headline in Italian tells the money story and the cost of one more person', () => {
    const text = headline(result, 'it');
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toMatch(/^Negozio <Test> \| pipe: in 2 giorni [\d.]+ chiamate, [\d.]+ con risposta, [\d.]+ senza risposta \(\d+,\d%\)\./);
    expect(text).toContain('una persona in più al telefono costerebbe 120\u00a0€ negli stessi 2 giorni.');
  });

  it('text output has every KPI row once', () => {
    const text = renderRunText(result, 'en');
    for (const label of ['Calls offered', 'Answered', 'Hung up while waiting', 'Service level (30 s)', 'Lost sales (revenue)', 'Staff cost']) {
      expect(text.split('\n').filter((line) => line.startsWith(label))).toHaveLength(1);
    }
    expect(text).toContain('2 days, 3 replications, seed 4.');
  });

  it('markdown escapes nothing it should not and keeps one row per KPI', () => {
    const markdown = runToMarkdown(result, 'en');
    expect(markdown.startsWith('# Negozio <Test> | pipe\n')).toBe(true);
    expect(markdown.split('\n').filter((line) => line.startsWith('| ')).length).toBe(1 + 22);
  });

  it('csv total row equals the run KPIs', () => {
    const csv = runToCsv(result).trim().split('\n');
    const header = csv[0]!.split(',');
    const total = csv.at(-1)!.split(',');
    expect(total[0]).toBe('total');
    expect(Number(total[header.indexOf('offered')])).toBe(result.kpis.offered.mean);
    expect(Number(total[header.indexOf('lostMargin')])).toBe(result.kpis.lostMargin.mean);
  });

  it('records CSV quotes text with commas and leaves times that do not apply empty', () => {
    const csv = recordsToCsv([
      { id: 1, replication: 0, callerType: 'a,b', problem: 'say "hi"', arrival: 1, answer: NaN, end: 2, wait: 1, agent: -1, outcome: 'abandoned', orderValue: 0, potentialRevenue: 0, revenue: 0, lostRevenue: 0, mood: 0.5 },
    ]);
    expect(csv.split('\n')[1]).toBe('0,1,"a,b","say ""hi""",1,,2,1,-1,abandoned,0,0,0,0,0.5');
  });

  it('records CSV names the channel that caused a call, when some call was caused by a chat or ticket', () => {
    const call = { id: 1, replication: 0, callerType: 'c', problem: 'p', arrival: 1, answer: 2, end: 3, wait: 1, agent: 0, outcome: 'resolved' as const, orderValue: 0, potentialRevenue: 0, revenue: 0, lostRevenue: 0, mood: 0.5 };
    const csv = recordsToCsv([call, { ...call, id: 2, causedBy: 'tickets' }]).split('\n');
    expect(csv[0]).toBe('replication,id,callerType,problem,arrival,answer,end,wait,agent,outcome,orderValue,potentialRevenue,revenue,lostRevenue,mood,causedBy');
    expect(csv[1]).toBe('0,1,c,p,1,2,3,1,0,resolved,0,0,0,0,0.5,');
    expect(csv[2]).toBe('0,2,c,p,1,2,3,1,0,resolved,0,0,0,0,0.5,tickets');
  });
});
