/**
 * The report model against the run it summarises: the same numbers, scaled as stated, and
 * the per-interval queue length against the engine's whole-run time average.
 */
import { describe, expect, it } from 'vitest';
import { consultantReport } from '../../src/report/consultantReport.ts';
import { CallDigest } from '../../src/report/callDigest.ts';
import { DEFAULT_REPORT_SETTINGS } from '../../src/report/reportModel.ts';
import { bandOf, summariseTraining } from '../../src/report/trainingHistory.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';
import { buildReport, trainingRows } from './build.ts';

const PLANS = 'scenarios/bottega-piani.yaml';

describe('report model', async () => {
  const model = await buildReport(PLANS, { replications: 3, language: 'en', training: true });
  const loaded = await loadScenarioFile('scenarios/bottega.yaml');
  if (!loaded.ok) throw new Error('bottega.yaml does not load');
  const scenario = { ...loaded.scenario, run: { ...loaded.scenario.run, replications: 3 } };
  const digest = new CallDigest(1800, 48);
  const result = runScenario(scenario, { onRecord: digest.add });

  it('scales the run to a year and a week as it says (300 open days, 300/52 a week)', () => {
    expect(model.run).toMatchObject({ days: 6, replications: 3, seed: 2026, openDaysPerYear: 300 });
    expect(model.summary.yearlyLostMargin.mean).toBeCloseTo((result.kpis.lostMargin.mean * 300) / 6, 6);
    expect(model.summary.yearlyLostMargin.high - model.summary.yearlyLostMargin.mean).toBeCloseTo((result.kpis.lostMargin.halfWidth * 300) / 6, 6);
    const unanswered = (result.kpis.abandoned.mean + result.kpis.blocked.mean) * (300 / 52 / 6);
    expect(model.summary.unansweredPerWeek.mean).toBeCloseTo(unanswered, 6);
    expect(model.summary.switchingPerWeek.mean).toBeCloseTo(unanswered * 0.33, 6);
    expect(model.summary.switchingSource).toBe('assumption');
    // Nothing but lost margin is modelled yet, so the yearly loss is the lost margin.
    expect(model.summary.yearlyLoss).toEqual(model.summary.yearlyLostMargin);
    expect(model.notModelled).toEqual(['lostLifetimeMargin', 'retryCost', 'customersLost']);
    expect(model.costs.map((cost) => [cost.key, cost.perYear === null])).toEqual([
      ['staffCost', false],
      ['lostMargin', false],
      ['lostLifetimeMargin', true],
      ['retryCost', true],
    ]);
    // 2 agents × 8 open hours × 22 €/h × 300 days.
    expect(model.costs[0]!.perYear!.mean).toBeCloseTo(2 * 8 * 22 * 300, 6);
  });

  it('has one row per open interval of an average day, adding up to the run', () => {
    expect(model.intervals.map((row) => row.start)).toEqual([
      '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30',
      '15:30', '16:00', '16:30', '17:00', '17:30', '18:00', '18:30', '19:00',
    ]);
    const sum = (pick: (row: (typeof model.intervals)[number]) => number): number => model.intervals.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.offered) * 6).toBeCloseTo(result.kpis.offered.mean, 6);
    expect(sum((row) => row.answered) * 6).toBeCloseTo(result.kpis.answered.mean, 6);
    expect(sum((row) => row.abandoned) * 6).toBeCloseTo(result.kpis.abandoned.mean, 6);
    expect(sum((row) => row.lostMargin) * 6).toBeCloseTo(result.kpis.lostMargin.mean, 6);
    expect(model.week).toHaveLength(6 * 16);
  });

  it('spreads waiting over intervals so that it averages back to the engine queue length', () => {
    // Open 8 h a day: the engine averages the queue over open time; the model per interval.
    const fromIntervals = model.intervals.reduce((total, row) => total + row.meanQueueLength, 0) / model.intervals.length;
    expect(fromIntervals).toBeGreaterThan(0);
    expect(Math.abs(fromIntervals - result.kpis.meanQueueLength.mean) / result.kpis.meanQueueLength.mean).toBeLessThan(0.02);
  });

  it('bins every wait and ends the abandonment curve at the share that hung up', () => {
    const answeredAtOnce = digest.answeredWaits.filter((wait) => wait === 0).length;
    const binned = model.waits.bins.reduce((total, bin) => total + bin.answered, 0) * 6 * 3;
    expect(binned + answeredAtOnce).toBeCloseTo(digest.answeredWaits.length, 6);
    expect(model.waits.bins.reduce((total, bin) => total + bin.abandoned, 0) * 18).toBeCloseTo(digest.abandonedWaits.length, 6);
    const last = model.abandonment[model.abandonment.length - 1]!;
    expect(last.abandoned).toBeCloseTo(digest.abandonedWaits.length / digest.calls, 9);
    expect(last.answered).toBeCloseTo(digest.answeredWaits.length / digest.calls, 9);
    expect(model.abandonment[0]).toEqual({ seconds: 0, answered: answeredAtOnce / digest.calls, abandoned: 0 });
    for (let i = 1; i < model.abandonment.length; i++) expect(model.abandonment[i]!.abandoned).toBeGreaterThanOrEqual(model.abandonment[i - 1]!.abandoned);
  });

  it('costs the onboarding of added agents and the payback in months', () => {
    const [three, longQueue, trained] = model.plans;
    expect(three!.name).toBe('tre-persone');
    expect(three!.addedAgents).toBe(1);
    expect(three!.oneOffCost).toBe(4 * 40 * 22);
    expect(three!.oneOffSource).toBe('onboarding');
    expect(three!.netPerMonth.mean).toBeCloseTo(three!.netPerYear.mean / 12, 9);
    expect(three!.paybackMonths!.mean).toBeCloseTo(3520 / three!.netPerMonth.mean, 9);
    expect(three!.paybackMonths!.low).toBeLessThanOrEqual(three!.paybackMonths!.mean);
    expect(longQueue!.identical).toBe(true);
    expect(trained!.oneOffCost).toBeNull();
    expect(trained!.paybackMonths).toBeNull();
  });

  it('takes a given one-off cost over the onboarding estimate', async () => {
    const given = await buildReport(PLANS, { replications: 2, plans: ['due-persone-formate'], settings: { oneOffCosts: { 'due-persone-formate': 1500 } } });
    const plan = given.plans[0]!;
    expect(plan.oneOffSource).toBe('option');
    expect(plan.paybackMonths!.mean).toBeCloseTo(1500 / plan.netPerMonth.mean, 9);
    expect(given.assumptions.find((row) => row.path === 'report.oneOffCost[due-persone-formate]')).toMatchObject({ value: '1500', source: { kind: 'option', option: '--one-off-cost' } });
  });

  it('lists every input with its source: file line, default, or report assumption', () => {
    const find = (path: string) => model.assumptions.find((row) => row.path === path);
    expect(find('agents.count')).toMatchObject({ value: '2', source: { kind: 'file', file: PLANS, line: 72 } });
    expect(find('callerTypes[acquirente].intentHalfLife')).toMatchObject({ value: '10min', source: { kind: 'file', line: 41 } });
    expect(find('callerTypes[reclamo].intentHalfLife')).toMatchObject({ value: '900', source: { kind: 'default' } });
    expect(find('callerTypes[reclamo].intentHalfLife')!.description).toMatch(/^Waiting time \(seconds\) that halves the chance/);
    expect(find('report.switchShare')).toMatchObject({ value: '0.33', source: { kind: 'report' } });
    expect(find('report.onboardingWeeks')).toMatchObject({ value: '4' });
    expect(model.assumptions.some((row) => row.path.startsWith('plans'))).toBe(false);
  });

  it('marks settings changed on the command line as such', () => {
    const report = consultantReport({
      scenario,
      source: loaded.source,
      overrides: [{ path: 'run.replications', value: '3', option: '--replications' }],
      settings: { ...DEFAULT_REPORT_SETTINGS, language: 'en' },
    });
    expect(report.assumptions.find((row) => row.path === 'run.replications')).toMatchObject({ value: '3', source: { kind: 'option', option: '--replications' } });
    expect(report.plans).toEqual([]);
    const single = { ...scenario, run: { ...scenario.run, replications: 1 } };
    const raised = consultantReport({
      scenario: single,
      source: loaded.source,
      plans: [{ name: 'three', scenario: { ...single, agents: { ...single.agents, count: 3 } } }],
      settings: { ...DEFAULT_REPORT_SETTINGS, language: 'en' },
    });
    expect(raised.run.replications).toBe(2);
    expect(raised.assumptions.find((row) => row.path === 'run.replications')).toMatchObject({ value: '2', source: { kind: 'report', basis: 'replicationsRaised' } });
    expect(report.training).toBeNull();
  });
});

describe('training history', () => {
  it('summarises trainees (first vs latest session, band, weakest step) and steps', () => {
    const summary = summariseTraining(trainingRows())!;
    expect(summary.rows).toBe(12);
    expect(summary.trainees).toEqual([
      { trainee: 'Giulia', sessions: 2, scripts: ['order-status'], meanScore: 74, firstScore: 60, latestScore: 88, latestDate: '2026-11-02', band: 'proficient', weakestStep: 'Empathize' },
      { trainee: 'Marco', sessions: 2, scripts: ['pre-sale', 'returns'], meanScore: 71, firstScore: 200 / 3, latestScore: 226 / 3, latestDate: '2026-11-09', band: 'proficient', weakestStep: 'Empathize' },
    ]);
    expect(summary.steps).toEqual([
      { step: 'Empathize', meanScore: 57, scored: 4 },
      { step: 'Listen', meanScore: 83.25, scored: 4 },
      { step: 'Resolve', meanScore: 77.25, scored: 4 },
    ]);
    expect(summary.teamMean).toBe(72.5);
    expect(summariseTraining([])).toBeNull();
    expect([bandOf(90), bandOf(89.9), bandOf(75), bandOf(50), bandOf(49)]).toEqual(['expert', 'proficient', 'proficient', 'developing', 'beginner']);
  });
});
