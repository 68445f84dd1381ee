/**
 * Charts for the terminal, so a consultant can show results without a browser: `run --chart`
 * (calls per interval, service level against target) and `compare --chart` (each plan's net
 * benefit a year with its interval). Plain text that reads without colour (CI, NO_COLOR);
 * `color` only tints it. Pure: results in, a string out.
 */
import asciichart from 'asciichart';
import type { Comparison } from '../compare/compare.ts';
import { figureOf } from '../compare/compare.ts';
import type { RunResult } from '../sim/run.ts';
import { formatDifference } from './compareReport.ts';
import { formatNumber, formatPercent, type Language } from './format.ts';
import { clock } from './runReport.ts';

export interface TerminalChartOptions {
  /** ANSI colours (only on a terminal that wants them). */
  readonly color?: boolean;
  /** Width of the bars in characters (default 40). */
  readonly width?: number;
}

const WORDS = {
  en: {
    calls: 'Calls per interval on an average day (█ answered, ░ hung up or busy signal)',
    serviceLevel: (target: string) => `Service level per interval (─ flat line: target ${target})`,
    net: (level: string) => `Net benefit a year of each plan (● mean, ├─┤ ${level} confidence interval, │ zero)`,
    identical: 'no difference',
  },
  it: {
    calls: 'Chiamate per fascia in una giornata media (█ risposte, ░ riagganciate o occupato)',
    serviceLevel: (target: string) => `Livello di servizio per fascia (─ linea piatta: obiettivo ${target})`,
    net: (level: string) => `Beneficio netto annuo di ogni piano (● media, ├─┤ intervallo di confidenza ${level}, │ zero)`,
    identical: 'nessuna differenza',
  },
} as const;

function tint(text: string, color: string, options: TerminalChartOptions): string {
  return options.color ? `${color}${text}${asciichart.reset}` : text;
}

/** Calls per interval as stacked bars, then the service level per interval against its target. */
export function runTerminalCharts(result: RunResult, language: Language, options: TerminalChartOptions = {}): string {
  const words = WORDS[language];
  const width = options.width ?? 40;
  const days = result.scenario.run.days;
  const open = result.intervals.map((kpis, index) => ({ kpis, index })).filter(({ kpis }) => kpis.offered.mean > 0 || kpis.occupancy.mean > 0);
  if (open.length === 0) return '';
  const most = Math.max(...open.map(({ kpis }) => kpis.offered.mean / days), 1e-9);
  const lines: string[] = [words.calls];
  for (const { kpis, index } of open) {
    const answered = kpis.answered.mean / days;
    const offered = kpis.offered.mean / days;
    const full = Math.round((answered / most) * width);
    const lost = Math.max(0, Math.round((offered / most) * width) - full);
    const bar = tint('█'.repeat(full), asciichart.blue, options) + tint('░'.repeat(lost), asciichart.red, options);
    lines.push(`${clock(index * result.model.intervalSeconds)} ${bar}${' '.repeat(width - full - lost)} ${formatNumber(offered, language, 1).padStart(5)}`);
  }
  const target = result.scenario.serviceLevel.target;
  // Three columns per interval, so the line has room to show its shape.
  const stretch = (values: number[]): number[] => values.flatMap((value) => [value, value, value]);
  const levels = stretch(open.map(({ kpis }) => kpis.serviceLevel.mean * 100));
  // From a round 10% below the lowest value, so that a 5-point gap shows.
  const bottom = Math.max(0, Math.floor((Math.min(...levels, target * 100) - 5) / 10) * 10);
  const chart = asciichart.plot([levels, levels.map(() => target * 100)], {
    min: bottom,
    max: 100,
    // Rows of 5 (or 10) points, so a round target such as 80% sits on its own row.
    height: (100 - bottom) / 5 <= 12 ? (100 - bottom) / 5 : (100 - bottom) / 10,
    padding: '    ',
    format: (value) => `${formatNumber(value, language).padStart(4)}%`,
    ...(options.color ? { colors: [asciichart.blue, asciichart.red] } : {}),
  });
  const axis = open.map(({ index }, i) => (i % 2 === 0 ? clock(index * result.model.intervalSeconds).padEnd(6) : '')).join('');
  const indent = ' '.repeat(chart.split('\n')[0]!.search(/[┤┼]/) + 1);
  lines.push('', words.serviceLevel(formatPercent(target, language, 0)), chart, `${indent}${axis.trimEnd()}`);
  return lines.join('\n') + '\n';
}

/** Each plan's net benefit a year as a dot with its interval on a shared axis through zero. */
export function compareTerminalChart(comparison: Comparison, language: Language, options: TerminalChartOptions = {}): string {
  const words = WORDS[language];
  const width = options.width ?? 40;
  const rows = comparison.plans.map((plan) => ({ name: plan.plan.name, identical: plan.identical, interval: figureOf(plan, 'netMargin').money!.perYear }));
  if (rows.length === 0) return '';
  const values = rows.flatMap((row) => [row.interval.low, row.interval.high]);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const column = (value: number): number => Math.round(((value - min) / (max - min || 1)) * (width - 1));
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const money = (value: number): string => formatDifference(value, 'money', comparison.currency, language);
  const level = `${formatNumber(comparison.settings.confidence * 100, language)}%`;
  const lines: string[] = [words.net(level)];
  for (const row of rows) {
    const cells = new Array<string>(width).fill(' ');
    const low = column(row.interval.low);
    const high = column(row.interval.high);
    for (let i = low; i <= high; i++) cells[i] = '─';
    if (high > low) {
      cells[low] = '├';
      cells[high] = '┤';
    }
    cells[column(0)] = cells[column(0)] === '─' ? '┼' : '│';
    cells[column(row.interval.mean)] = '●';
    const color = row.interval.low > 0 ? asciichart.green : row.interval.high < 0 ? asciichart.red : asciichart.darkgray;
    const text = row.identical ? words.identical : `${money(row.interval.mean)} (${money(row.interval.low)} … ${money(row.interval.high)})`;
    lines.push(`${row.name.padEnd(nameWidth)}  ${tint(cells.join(''), color, options)}  ${text}`);
  }
  lines.push(`${' '.repeat(nameWidth + 2)}${money(min)}${' '.repeat(Math.max(1, width - money(min).length - money(max).length))}${money(max)}`);
  return lines.join('\n') + '\n';
}
