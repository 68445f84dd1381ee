/** Sweep results as a text table with a terminal chart, CSV and JSON (pure: data in, string out). */
import asciichart from 'asciichart';
import type { SweepFigure, SweepResult } from '../sweep/sweep.ts';
import { SWEEP_FIGURES } from '../sweep/sweep.ts';
import { csvField } from './compareReport.ts';
import { formatInUnit, renderTable, type Language } from './format.ts';

const CHART_WIDTH = 60;
const CHART_HEIGHT = 10;

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Header, one row per point (money as mean ± half-width), then the chart. */
export function renderSweepText(sweep: SweepResult, language: Language = 'en'): string {
  const { base } = sweep;
  const currency = base.money.currency;
  const days = base.run.days;
  const lines = [
    `Sweep of ${base.name}: ${sweep.points.length} points × ${sweep.replications} replications, seed ${base.run.seed}, ${days} ${days === 1 ? 'day' : 'days'} each.`,
    `Money is over the ${days} simulated ${days === 1 ? 'day' : 'days'}; ± is the 95% confidence half-width over replications.`,
    '',
  ];
  const header = ['#', ...sweep.axes.map((axis) => axis.path), ...SWEEP_FIGURES.map((figure) => figure.label)];
  const rows = sweep.points.map((point, i) => [
    String(i + 1),
    ...sweep.axes.map((axis) => valueText(point.point[axis.path])),
    ...SWEEP_FIGURES.map(({ key, unit }) => {
      const estimate = point.figures[key];
      const mean = formatInUnit(estimate.mean, unit, currency, language);
      return unit === 'money' && sweep.replications > 1 ? `${mean} ± ${formatInUnit(estimate.halfWidth, unit, currency, language)}` : mean;
    }),
  ]);
  lines.push(renderTable(header, rows), '');
  const best = bestPoint(sweep, 'lostPlusCost');
  if (best >= 0) lines.push(`Lowest lost sales + staff cost: #${best + 1} (${sweep.points[best]!.label}).`, '');
  lines.push(...renderSweepChart(sweep, language));
  return lines.join('\n') + '\n';
}

/** Index of the point with the lowest mean of a figure, -1 for no points. */
export function bestPoint(sweep: SweepResult, figure: SweepFigure): number {
  let best = -1;
  sweep.points.forEach((point, i) => {
    if (best < 0 || point.figures[figure].mean < sweep.points[best]!.figures[figure].mean) best = i;
  });
  return best;
}

/**
 * Lost sales against staff cost: the points sorted by cost and drawn with cost on the x
 * axis (linear between points), the trade-off a manager weighs. When every point costs the
 * same (a sweep of queue places, say), the points are drawn in order instead.
 */
export function renderSweepChart(sweep: SweepResult, language: Language = 'en'): string[] {
  if (sweep.points.length < 2) return [];
  const currency = sweep.base.money.currency;
  const money = (value: number): string => formatInUnit(value, 'money', currency, language);
  const byCost = sweep.points
    .map((point, i) => ({ i, cost: point.figures.staffCost.mean, lost: point.figures.lostMargin.mean }))
    .sort((a, b) => a.cost - b.cost || a.i - b.i);
  const lowest = byCost[0]!.cost;
  const highest = byCost.at(-1)!.cost;
  const alongCost = highest > lowest;
  const xs = alongCost ? byCost.map((p) => p.cost) : sweep.points.map((_, i) => i);
  const ys = alongCost ? byCost.map((p) => p.lost) : sweep.points.map((point) => point.figures.lostMargin.mean);
  const series = Array.from({ length: CHART_WIDTH }, (_, column) => interpolate(xs, ys, xs[0]! + ((xs.at(-1)! - xs[0]!) * column) / (CHART_WIDTH - 1)));
  const chart = asciichart.plot(series, { height: CHART_HEIGHT, format: (value) => money(value).padStart(12) });
  return [
    alongCost ? 'Lost sales (margin) against staff cost:' : 'Lost sales (margin) by point (every point has the same staff cost):',
    chart,
    alongCost
      ? `${' '.repeat(13)}staff cost ${money(lowest)} (left) → ${money(highest)} (right); points at ${byCost.map((p) => `#${p.i + 1}`).join(' ')}`
      : `${' '.repeat(13)}points #1 (left) → #${sweep.points.length} (right)`,
    '',
  ];
}

/** Linear interpolation of (xs, ys), xs ascending (equal xs: the later point). */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  let i = 0;
  while (i < xs.length - 2 && x > xs[i + 1]!) i++;
  const x0 = xs[i]!;
  const x1 = xs[i + 1]!;
  if (x1 === x0) return ys[i + 1]!;
  const t = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return ys[i]! + (ys[i + 1]! - ys[i]!) * t;
}

/** Plain data: the settings of each point and every figure's mean and half-width. */
export function sweepToJson(sweep: SweepResult): object {
  return {
    scenario: sweep.base.name,
    seed: sweep.base.run.seed,
    days: sweep.base.run.days,
    replications: sweep.replications,
    currency: sweep.base.money.currency,
    axes: sweep.axes.map((axis) => ({ path: axis.path, values: axis.values })),
    points: sweep.points.map((point) => ({
      set: point.point,
      figures: Object.fromEntries(
        SWEEP_FIGURES.map(({ key }) => [key, { mean: point.figures[key].mean, halfWidth: point.figures[key].halfWidth }]),
      ),
    })),
  };
}

/** One row per point: the swept settings, then each figure's mean and half-width. */
export function sweepToCsv(sweep: SweepResult): string {
  const header = ['point', ...sweep.axes.map((axis) => axis.path), ...SWEEP_FIGURES.flatMap(({ key }) => [`${key}_mean`, `${key}_halfWidth`])];
  const rows = sweep.points.map((point, i) => [
    String(i + 1),
    ...sweep.axes.map((axis) => csvField(valueText(point.point[axis.path]))),
    ...SWEEP_FIGURES.flatMap(({ key }) => [String(point.figures[key].mean), String(point.figures[key].halfWidth)]),
  ]);
  return [header.map(csvField).join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n';
}
