/**
 * Charts as inline SVG, one pure function per kind: data in, markup out. No script, no
 * network, no fonts to fetch: the report stays one self-contained file. Every data mark
 * carries `class="bar|point|step|whisker"`, `data-series` and `data-value` (the raw number),
 * and a `<title>` the browser shows on hover, so tests and readers can check the figures.
 */
import { html, type Markup } from './markup.ts';

/** One coloured series of values, one per category. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
  readonly color: string;
  readonly dashed?: boolean;
}

/** What every chart has: an id (for `data-chart`), an accessible title and a value formatter. */
interface ChartBase {
  readonly id: string;
  /** Width of the drawing in user units (default 760); text keeps its size, so wide charts for wide boxes. */
  readonly width?: number;
  readonly title: string;
  readonly format: (value: number) => string;
}

export interface BarChartSpec extends ChartBase {
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Stack the series in one bar per category (otherwise side by side). */
  readonly stacked?: boolean;
  /** A horizontal reference line, e.g. the service-level target. */
  readonly target?: { readonly value: number; readonly label: string };
  /** Colour of one bar, overriding its series colour (e.g. red below target). */
  readonly colorOf?: (series: number, category: number, value: number) => string | undefined;
  /** Upper end of the value axis (default: from the data). */
  readonly max?: number;
}

export interface LineChartSpec extends ChartBase {
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly max?: number;
  /** Axis label under the chart, e.g. "waiting time". */
  readonly xTitle?: string;
  /** Axis labels to print instead of `labels` ('' for none; `labels` still name the points). */
  readonly ticks?: readonly string[];
  /** Vertical separators before these label indexes (e.g. the start of each day). */
  readonly separators?: readonly number[];
}

export interface WaterfallStep {
  readonly label: string;
  readonly value: number;
  readonly color: string;
  /** Not modelled in this scenario: drawn as an empty, labelled slot. */
  readonly missing?: boolean;
}

export interface WaterfallSpec extends ChartBase {
  readonly steps: readonly WaterfallStep[];
  readonly totalLabel: string;
  readonly missingLabel: string;
}

export interface IntervalRowSpec {
  readonly label: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface IntervalChartSpec extends ChartBase {
  readonly rows: readonly IntervalRowSpec[];
}

const DEFAULT_WIDTH = 760;
const FONT = 12;
const AXIS = '#6b7280';
const GRID = '#e5e7eb';
const INK = '#1f2937';

/** Rounded axis steps: 1, 2, 2.5, 5 × 10ⁿ, about `count` of them up to `max`. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min, min + 1];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  // Multiples of the step, rounded to 12 digits so 3 × 0.2 prints as 0.6.
  for (let k = Math.round(start / step); k * step < max + step * 0.999; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly min: number;
  readonly max: number;
  y(value: number): number;
}

function frame(width: number, min: number, max: number, height: number, left = 64, top = 34): Frame {
  const ticks = niceTicks(min, max);
  const low = Math.min(ticks[0]!, 0);
  const high = ticks[ticks.length - 1]!;
  const plotHeight = height - top - 46;
  return {
    left,
    top,
    width: width - left - 16,
    height: plotHeight,
    min: low,
    max: high,
    y: (value) => top + plotHeight - ((value - low) / (high - low || 1)) * plotHeight,
  };
}

function svg(spec: ChartBase, height: number, body: Markup[], kind: string): Markup {
  return html`<svg class="chart" data-chart="${spec.id}" data-kind="${kind}" viewBox="0 0 ${spec.width ?? DEFAULT_WIDTH} ${height}" role="img" aria-label="${spec.title}" xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="${FONT}"><title>${spec.title}</title>${body}</svg>`;
}

function yAxis(f: Frame, format: (value: number) => string): Markup {
  return html`${niceTicks(f.min, f.max).map(
    (tick) =>
      html`<line x1="${f.left}" x2="${f.left + f.width}" y1="${f.y(tick)}" y2="${f.y(tick)}" stroke="${GRID}"/><text x="${f.left - 6}" y="${f.y(tick) + 4}" text-anchor="end" fill="${AXIS}">${format(tick)}</text>`,
  )}<line x1="${f.left}" x2="${f.left + f.width}" y1="${f.y(Math.max(f.min, 0))}" y2="${f.y(Math.max(f.min, 0))}" stroke="${AXIS}"/>`;
}

function legend(series: readonly { name: string; color: string; dashed?: boolean }[], extra: Markup[] = []): Markup {
  let x = 64;
  const items = series.map((item) => {
    const mark = item.dashed
      ? html`<line x1="${x}" x2="${x + 14}" y1="14" y2="14" stroke="${item.color}" stroke-width="2.5" stroke-dasharray="4 3"/>`
      : html`<rect x="${x}" y="8" width="12" height="12" rx="2" fill="${item.color}"/>`;
    const markup = html`<g class="legend-item">${mark}<text x="${x + 18}" y="18" fill="${INK}">${item.name}</text></g>`;
    x += 30 + item.name.length * 6.6;
    return markup;
  });
  return html`<g class="legend">${items}${extra}</g>`;
}

/** Which category labels to print so that they do not overlap. */
function labelStep(count: number, width: number, labelWidth = 44): number {
  return Math.max(1, Math.ceil((count * labelWidth) / width));
}

/** Bars per category, stacked or side by side, with an optional target line. */
export function barChart(spec: BarChartSpec): Markup {
  const height = 300;
  const totals = spec.categories.map((_, c) =>
    spec.stacked ? spec.series.reduce((sum, s) => sum + Math.max(s.values[c] ?? 0, 0), 0) : Math.max(0, ...spec.series.map((s) => s.values[c] ?? 0)),
  );
  const f = frame(spec.width ?? DEFAULT_WIDTH, 0, spec.max ?? Math.max(...totals, spec.target?.value ?? 0, 1e-9), height);
  const slot = f.width / Math.max(spec.categories.length, 1);
  const groupWidth = slot * 0.72;
  const step = labelStep(spec.categories.length, f.width);
  const bars: Markup[] = [];
  spec.categories.forEach((category, c) => {
    let stackTop = 0;
    spec.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      const barWidth = spec.stacked ? groupWidth : groupWidth / spec.series.length;
      const x = f.left + c * slot + (slot - groupWidth) / 2 + (spec.stacked ? 0 : s * barWidth);
      const base = spec.stacked ? stackTop : 0;
      const top = base + Math.max(value, 0);
      if (spec.stacked) stackTop = top;
      const color = spec.colorOf?.(s, c, value) ?? series.color;
      bars.push(
        html`<rect class="bar" data-series="${series.name}" data-category="${category}" data-value="${String(value)}" x="${x}" y="${f.y(top)}" width="${Math.max(barWidth - 1, 1)}" height="${Math.max(f.y(base) - f.y(top), 0)}" fill="${color}"><title>${category} · ${series.name}: ${spec.format(value)}</title></rect>`,
      );
    });
  });
  const labels = spec.categories.map((category, c) =>
    c % step === 0 ? html`<text x="${f.left + c * slot + slot / 2}" y="${f.top + f.height + 16}" text-anchor="middle" fill="${AXIS}">${category}</text>` : null,
  );
  const target = spec.target
    ? html`<line class="target" data-value="${String(spec.target.value)}" x1="${f.left}" x2="${f.left + f.width}" y1="${f.y(spec.target.value)}" y2="${f.y(spec.target.value)}" stroke="#b91c1c" stroke-width="2" stroke-dasharray="6 4"/>`
    : null;
  const right = spec.width ?? DEFAULT_WIDTH;
  const extra = spec.target ? [html`<g class="legend-item"><line x1="${right - 170}" x2="${right - 150}" y1="14" y2="14" stroke="#b91c1c" stroke-width="2" stroke-dasharray="6 4"/><text x="${right - 144}" y="18" fill="${INK}">${spec.target.label}</text></g>`] : [];
  return svg(spec, height, [legend(spec.series, extra), yAxis(f, spec.format), ...bars, target ?? html``, ...labels.filter((l) => l !== null)], 'bar');
}

/** Lines over labelled points (time of day, days of the week, waiting time). */
export function lineChart(spec: LineChartSpec): Markup {
  const height = 300;
  const all = spec.series.flatMap((s) => s.values);
  const f = frame(spec.width ?? DEFAULT_WIDTH, 0, spec.max ?? Math.max(...all, 1e-9), height);
  const count = spec.labels.length;
  const x = (i: number): number => f.left + (count <= 1 ? f.width / 2 : (i / (count - 1)) * f.width);
  const step = labelStep(count, f.width, 52);
  const separators = (spec.separators ?? []).map(
    (i) => html`<line x1="${x(i) - (count > 1 ? f.width / (count - 1) / 2 : 0)}" x2="${x(i) - (count > 1 ? f.width / (count - 1) / 2 : 0)}" y1="${f.top}" y2="${f.top + f.height}" stroke="${GRID}" stroke-width="1.5"/>`,
  );
  const lines = spec.series.map((series) => {
    const points = series.values.map((value, i) => `${Math.round(x(i) * 100) / 100},${Math.round(f.y(value) * 100) / 100}`).join(' ');
    const dots =
      count <= 48
        ? series.values.map(
            (value, i) =>
              html`<circle class="point" data-series="${series.name}" data-value="${String(value)}" cx="${x(i)}" cy="${f.y(value)}" r="2.8" fill="${series.color}"><title>${spec.labels[i] ?? ''} · ${series.name}: ${spec.format(value)}</title></circle>`,
          )
        : [];
    return html`<g class="series" data-series="${series.name}"><polyline class="line" data-series="${series.name}" data-points="${String(series.values.length)}" points="${points}" fill="none" stroke="${series.color}" stroke-width="2.2" stroke-linejoin="round"${series.dashed ? html` stroke-dasharray="6 4"` : html``}/>${dots}</g>`;
  });
  const labels = (spec.ticks ?? spec.labels).map((label, i) =>
    label !== '' && (spec.ticks !== undefined || i % step === 0) ? html`<text x="${x(i)}" y="${f.top + f.height + 16}" text-anchor="middle" fill="${AXIS}">${label}</text>` : null,
  );
  const xTitle = spec.xTitle ? html`<text x="${f.left + f.width / 2}" y="${height - 6}" text-anchor="middle" fill="${AXIS}">${spec.xTitle}</text>` : null;
  return svg(spec, height, [legend(spec.series), yAxis(f, spec.format), ...separators, ...lines, ...labels.filter((l) => l !== null), xTitle ?? html``], 'line');
}

/** A cost waterfall: each step adds to the running total; the last bar is the total. */
export function waterfallChart(spec: WaterfallSpec): Markup {
  const height = 320;
  const total = spec.steps.reduce((sum, step) => sum + (step.missing ? 0 : step.value), 0);
  const f = frame(spec.width ?? DEFAULT_WIDTH, 0, Math.max(total, 1e-9), height, 84);
  const slot = f.width / (spec.steps.length + 1);
  const barWidth = slot * 0.62;
  let running = 0;
  const marks = spec.steps.map((step, i) => {
    const x = f.left + i * slot + (slot - barWidth) / 2;
    const label = html`<text x="${x + barWidth / 2}" y="${f.top + f.height + 16}" text-anchor="middle" fill="${AXIS}">${step.label}</text>`;
    if (step.missing) {
      return html`<g class="step missing" data-step="${step.label}"><rect x="${x}" y="${f.y(running) - 28}" width="${barWidth}" height="28" fill="none" stroke="${GRID}" stroke-dasharray="4 3"/><text x="${x + barWidth / 2}" y="${f.y(running) - 10}" text-anchor="middle" fill="${AXIS}" font-size="10">${spec.missingLabel}</text>${label}</g>`;
    }
    const from = running;
    running += step.value;
    const connector = i > 0 ? html`<line x1="${x - (slot - barWidth)}" x2="${x}" y1="${f.y(from)}" y2="${f.y(from)}" stroke="${AXIS}" stroke-dasharray="2 2"/>` : null;
    return html`<g class="step" data-step="${step.label}">${connector ?? html``}<rect class="bar" data-series="${step.label}" data-value="${String(step.value)}" x="${x}" y="${f.y(running)}" width="${barWidth}" height="${Math.max(f.y(from) - f.y(running), 0)}" fill="${step.color}"><title>${step.label}: ${spec.format(step.value)}</title></rect><text x="${x + barWidth / 2}" y="${f.y(running) - 6}" text-anchor="middle" fill="${INK}" font-weight="600">${spec.format(step.value)}</text>${label}</g>`;
  });
  const x = f.left + spec.steps.length * slot + (slot - barWidth) / 2;
  const totalBar = html`<g class="step total"><rect class="bar total" data-series="${spec.totalLabel}" data-value="${String(total)}" x="${x}" y="${f.y(total)}" width="${barWidth}" height="${Math.max(f.y(0) - f.y(total), 0)}" fill="${INK}"><title>${spec.totalLabel}: ${spec.format(total)}</title></rect><text x="${x + barWidth / 2}" y="${f.y(total) - 6}" text-anchor="middle" fill="${INK}" font-weight="700">${spec.format(total)}</text><text x="${x + barWidth / 2}" y="${f.top + f.height + 16}" text-anchor="middle" fill="${INK}" font-weight="600">${spec.totalLabel}</text></g>`;
  return svg(spec, height, [yAxis(f, spec.format), ...marks, totalBar], 'waterfall');
}

/** Horizontal estimates with their confidence intervals (e.g. each plan's net benefit a year). */
export function intervalChart(spec: IntervalChartSpec): Markup {
  const rowHeight = 44;
  const height = 40 + spec.rows.length * rowHeight + 30;
  const left = 190;
  const width = (spec.width ?? DEFAULT_WIDTH) - left - 56;
  const values = spec.rows.flatMap((row) => [row.low, row.high, row.mean]).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const min = ticks[0]!;
  const max = ticks[ticks.length - 1]!;
  const x = (value: number): number => left + ((value - min) / (max - min || 1)) * width;
  const axis = ticks.map(
    (tick) =>
      html`<line x1="${x(tick)}" x2="${x(tick)}" y1="24" y2="${height - 28}" stroke="${tick === 0 ? AXIS : GRID}"/><text x="${x(tick)}" y="${height - 12}" text-anchor="middle" fill="${AXIS}">${spec.format(tick)}</text>`,
  );
  const rows = spec.rows.map((row, i) => {
    const y = 40 + i * rowHeight + rowHeight / 2;
    const color = row.low > 0 ? '#15803d' : row.high < 0 ? '#b91c1c' : '#6b7280';
    return html`<g class="whisker" data-series="${row.label}" data-value="${String(row.mean)}" data-low="${String(row.low)}" data-high="${String(row.high)}"><text x="${left - 10}" y="${y + 4}" text-anchor="end" fill="${INK}">${row.label}</text><line x1="${x(row.low)}" x2="${x(row.high)}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="3"/><line x1="${x(row.low)}" x2="${x(row.low)}" y1="${y - 8}" y2="${y + 8}" stroke="${color}" stroke-width="2"/><line x1="${x(row.high)}" x2="${x(row.high)}" y1="${y - 8}" y2="${y + 8}" stroke="${color}" stroke-width="2"/><circle cx="${x(row.mean)}" cy="${y}" r="6" fill="${color}"><title>${row.label}: ${spec.format(row.mean)} (${spec.format(row.low)} … ${spec.format(row.high)})</title></circle><text x="${x(row.mean)}" y="${y - 11}" text-anchor="middle" fill="${INK}" font-weight="600">${spec.format(row.mean)}</text></g>`;
  });
  return svg(spec, height, [...axis, ...rows], 'interval');
}
