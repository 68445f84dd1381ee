/** Terminal charts of `run --chart` and `compare --chart`: plain text first, colour optional. */
import { describe, expect, it } from 'vitest';
import { compareVariants } from '../../src/compare/compare.ts';
import { compareTerminalChart, runTerminalCharts } from '../../src/report/terminalCharts.ts';
import { loadScenarioFile, resolvePlans } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';

const ANSI = /\u001b\[/;

describe('terminal charts', async () => {
  const loaded = await loadScenarioFile('scenarios/bottega-piani.yaml');
  if (!loaded.ok) throw new Error('does not load');
  const scenario = { ...loaded.scenario, run: { ...loaded.scenario.run, replications: 3 } };

  it('run: one stacked bar per open interval, scaled to the busiest, then service level against target', () => {
    const result = runScenario(scenario);
    const text = runTerminalCharts(result, 'en', { width: 40 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Calls per interval on an average day (█ answered, ░ hung up or busy signal)');
    const bars = lines.slice(1, 17);
    expect(bars.map((line) => line.slice(0, 5))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '15:30', '16:00', '16:30', '17:00', '17:30', '18:00', '18:30', '19:00']);
    const days = scenario.run.days;
    const offered = result.intervals.map((kpis) => kpis.offered.mean / days);
    const most = Math.max(...offered);
    for (const line of bars) {
      const index = (Number(line.slice(0, 2)) * 60 + Number(line.slice(3, 5))) / 30;
      const kpis = result.intervals[index]!;
      const answered = [...line].filter((c) => c === '█').length;
      const total = answered + [...line].filter((c) => c === '░').length;
      expect(answered).toBe(Math.round(((kpis.answered.mean / days) / most) * 40));
      expect(total).toBe(Math.max(answered, Math.round(((kpis.offered.mean / days) / most) * 40)));
      expect(line.endsWith((kpis.offered.mean / days).toFixed(1).padStart(5))).toBe(true);
    }
    expect(text).toContain('\nService level per interval (─ flat line: target 80%)\n');
    expect(text).toMatch(/\n {2}80% ┼─+ \n/);
    expect(text).toMatch(/\n +09:00 10:00 11:00 12:00 15:30 16:30 17:30 18:30\n$/);
    expect(text).not.toMatch(ANSI);
    expect(runTerminalCharts(result, 'en', { color: true })).toMatch(ANSI);
  });

  it('compare: each plan as a dot and interval around zero, "no difference" for an identical plan', () => {
    const plans = resolvePlans(scenario, loaded.source);
    if (!plans.ok) throw new Error('plans');
    const comparison = compareVariants(
      { name: 'base', scenario },
      plans.plans.map((plan) => ({ name: plan.name, scenario: { ...plan.scenario, run: scenario.run } })),
      { seed: 2026, replications: 3, confidence: 0.95, precision: 0.05 },
    );
    const text = compareTerminalChart(comparison, 'it', { width: 40 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Beneficio netto annuo di ogni piano (● media, ├─┤ intervallo di confidenza 95%, │ zero)');
    expect(lines[2]).toMatch(/^coda-lunga {11}\s+●\s+nessuna differenza$/);
    for (const [row, plan] of [[lines[1]!, comparison.plans[0]!], [lines[3]!, comparison.plans[2]!]] as const) {
      const net = plan.figures.find((figure) => figure.key === 'netMargin')!.money!.perYear;
      const values = comparison.plans.flatMap((p) => {
        const m = p.figures.find((figure) => figure.key === 'netMargin')!.money!.perYear;
        return [m.low, m.high];
      });
      const min = Math.min(0, ...values);
      const max = Math.max(0, ...values);
      const bar = row.slice(21, 61);
      expect(bar.indexOf('●')).toBe(Math.round(((net.mean - min) / (max - min)) * 39));
      expect(bar.indexOf('├')).toBe(Math.round(((net.low - min) / (max - min)) * 39));
    }
    expect(text).not.toMatch(ANSI);
  });
});
