/**
 * Renderers for `callfloor compare`: text, JSON, CSV and Markdown. Pure: a comparison in,
 * a string (or a JSON-ready object) out.
 */
import type { Comparison, FigureComparison, FigureKey, FigureUnit, PlanComparison, SegmentComparison, SegmentFigure } from '../compare/compare.ts';
import { figureOf } from '../compare/compare.ts';
import type { ScenarioChange } from '../compare/changes.ts';
import type { Interval } from '../compare/pairedDifference.ts';
import { formatInUnit, formatMoney, formatNumber, formatPercent, formatSeconds, renderTable, type Language } from './format.ts';
import { KPI_LABELS, type Kpis } from '../metrics/kpis.ts';
import { KPI_NAMES, SHORT_KPI_NAMES, WORDS as RUN_WORDS } from './labels.ts';
import { planMoneyLines, shownFigure } from './moneyReport.ts';
import { scriptedCallsLine, showsFigure } from './scriptedCalls.ts';

const NET_NAMES: Record<Language, string> = { en: 'Margin after staff cost', it: 'Margine dopo il costo del personale' };

/** Name of a compared figure as a shop owner reads it. */
export function figureName(key: FigureKey, language: Language): string {
  return key === 'netMargin' ? NET_NAMES[language] : KPI_NAMES[language][key];
}

/** A KPI's short name for a table column. */
function shortName(key: keyof Kpis, language: Language): string {
  return SHORT_KPI_NAMES[language][key] ?? KPI_NAMES[language][key];
}

const WORDS = {
  en: {
    figure: 'Figure',
    base: 'Base',
    plan: 'Plan',
    difference: 'Difference',
    ci: (level: string) => `${level} CI`,
    significant: 'Significant',
    perMonth: 'Per month',
    perYear: 'Per year',
    yes: 'yes',
    no: 'no',
    changes: 'Changes',
    noChanges: 'no setting differs from the base',
    more: (n: number) => `and ${n} more`,
  },
  it: {
    figure: 'Indicatore',
    base: 'Base',
    plan: 'Piano',
    difference: 'Differenza',
    ci: (level: string) => `IC ${level}`,
    significant: 'Significativa',
    perMonth: 'Al mese',
    perYear: "All'anno",
    yes: 'sì',
    no: 'no',
    changes: 'Modifiche',
    noChanges: 'nessuna impostazione diversa dalla base',
    more: (n: number) => `e altre ${n}`,
  },
} as const;

/** How many changed settings the text lists before "and N more". */
const MAX_CHANGES_SHOWN = 8;

function level(confidence: number, language: Language): string {
  return `${formatNumber(confidence * 100, language, Number.isInteger(confidence * 100) ? 0 : 1)}%`;
}

function currencyOf(comparison: Comparison): string {
  return comparison.currency;
}


/** A difference with its sign: `+1.5`, `-12.3 pt`, `+€1,056`, `-25 s`; a difference that rounds to zero has none. */
export function formatDifference(value: number, unit: FigureUnit, currency: string, language: Language): string {
  const magnitude = Math.abs(value);
  let text: string;
  let zero: string;
  switch (unit) {
    case 'count':
      text = formatNumber(magnitude, language, 1);
      zero = formatNumber(0, language, 1);
      break;
    case 'rate':
      text = `${formatNumber(magnitude * 100, language, 1)} pt`;
      zero = `${formatNumber(0, language, 1)} pt`;
      break;
    case 'seconds':
      text = formatSeconds(magnitude, language);
      zero = formatSeconds(0, language);
      break;
    case 'money':
      text = formatMoney(magnitude, currency, language);
      zero = formatMoney(0, currency, language);
      break;
    case 'number':
      text = formatNumber(magnitude, language, 2);
      zero = formatNumber(0, language, 2);
      break;
  }
  if (text === zero || !Number.isFinite(value)) return text;
  return `${value < 0 ? '-' : '+'}${text}`;
}

/** A confidence interval of a difference: "-€5,235 … -€4,216". */
export function formatInterval(interval: Pick<Interval, 'low' | 'high'>, unit: FigureUnit, currency: string, language: Language): string {
  return `${formatDifference(interval.low, unit, currency, language)} … ${formatDifference(interval.high, unit, currency, language)}`;
}

/** A rough amount for a headline: two significant digits (28,213 → 28,000). */
export function roughly(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const digits = Math.floor(Math.log10(Math.abs(value))) - 1;
  const unit = 10 ** Math.max(digits, 0);
  return Math.round(value / unit) * unit;
}

function quoted(name: string): string {
  return `"${name}"`;
}

function daysText(days: number, language: Language): string {
  if (language === 'it') return `${days} ${days === 1 ? 'giorno' : 'giorni'}`;
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The plan's result in plain words: lost margin, staff cost, the net benefit (Δ margin made −
 * Δ staff cost) over the simulated days and a year, and whether the net benefit is significant.
 */
export function planHeadline(comparison: Comparison, plan: PlanComparison, language: Language): string {
  const currency = currencyOf(comparison);
  const days = daysText(comparison.scale.days, language);
  const replications = comparison.settings.replications;
  const ci = level(comparison.settings.confidence, language);
  const money = (value: number): string => formatDifference(value, 'money', currency, language);
  const range = (interval: Interval): string => formatInterval(interval, 'money', currency, language);
  const name = quoted(plan.plan.name);
  if (plan.identical) {
    return language === 'it'
      ? `Piano ${name} rispetto alla base: nessuna differenza: ogni indicatore è identico in tutte le ${replications} repliche (la modifica non tocca mai questi chiamanti).`
      : `Plan ${name} vs base: no difference: every figure is the same in all ${replications} replications (the change never mattered to these callers).`;
  }
  const lost = figureOf(plan, 'lostMargin').difference;
  const staff = figureOf(plan, 'staffCost').difference;
  const net = figureOf(plan, 'netMargin');
  const perYear = net.money!.perYear.mean;
  const needed = net.replicationsForSignificance;
  if (language === 'it') {
    const verdict = net.difference.significant
      ? 'significativo.'
      : `non significativo: l'IC ${ci} del netto comprende lo 0${needed !== null && Number.isFinite(needed) ? ` (per deciderlo servirebbero circa ${needed} repliche)` : ''}.`;
    return (
      `Piano ${name} rispetto alla base: ${money(lost.mean)} di margine perso in ${days} (IC ${ci} ${range(lost)}), ` +
      `${money(staff.mean)} di personale: netto ${money(net.difference.mean)} in ${days} (IC ${ci} ${range(net.difference)}), ` +
      `circa ${money(roughly(perYear))} l'anno; ${verdict}`
    );
  }
  const verdict = net.difference.significant
    ? 'significant.'
    : `not significant: the ${ci} CI of the net includes 0${needed !== null && Number.isFinite(needed) ? ` (about ${needed} replications would tell)` : ''}.`;
  return (
    `Plan ${name} vs base: ${money(lost.mean)} lost margin in ${days} (${ci} CI ${range(lost)}), ` +
    `${money(staff.mean)} staff cost: net ${money(net.difference.mean)} in ${days} (${ci} CI ${range(net.difference)}), ` +
    `about ${money(roughly(perYear))} a year; ${verdict}`
  );
}

function changeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(changeValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => `${key}: ${changeValue(inner)}`)
      .join(', ')} }`;
  }
  if (value === undefined) return '—';
  return String(value);
}

/** `agents.count 2 → 3; queue.capacity 5 → 15`. */
export function formatChanges(changes: readonly ScenarioChange[], language: Language): string {
  const words = WORDS[language];
  if (changes.length === 0) return words.noChanges;
  const shown = changes.slice(0, MAX_CHANGES_SHOWN).map((change) => `${change.path} ${changeValue(change.from)} → ${changeValue(change.to)}`);
  if (changes.length > MAX_CHANGES_SHOWN) shown.push(words.more(changes.length - MAX_CHANGES_SHOWN));
  return shown.join('; ');
}

function figureRow(figure: FigureComparison, currency: string, language: Language): string[] {
  const words = WORDS[language];
  const { difference } = figure;
  return [
    figureName(figure.key, language),
    formatInUnit(figure.base.mean, figure.unit, currency, language),
    formatInUnit(figure.plan.mean, figure.unit, currency, language),
    formatDifference(difference.mean, figure.unit, currency, language),
    formatInterval(difference, figure.unit, currency, language),
    difference.significant ? words.yes : words.no,
    figure.money ? formatDifference(figure.money.perMonth.mean, 'money', currency, language) : '',
    figure.money ? formatDifference(figure.money.perYear.mean, 'money', currency, language) : '',
  ];
}

function tableHeader(comparison: Comparison, language: Language): string[] {
  const words = WORDS[language];
  return [words.figure, words.base, words.plan, words.difference, words.ci(level(comparison.settings.confidence, language)), words.significant, words.perMonth, words.perYear];
}

/**
 * The per-caller-type and per-group tables of a plan (empty when the comparison has none):
 * each figure as base → plan, and for lost margin the difference with its interval, so the
 * cost and the fairness of a policy (priority for VIPs, overflow between groups) can be read.
 */
function segmentTables(comparison: Comparison, plan: PlanComparison, language: Language): Array<{ header: string[]; rows: string[][] }> {
  const currency = currencyOf(comparison);
  const words = WORDS[language];
  const runWords = RUN_WORDS[language];
  const arrow = (figure: SegmentFigure): string =>
    `${formatInUnit(figure.base.mean, figure.unit, currency, language)} → ${formatInUnit(figure.plan.mean, figure.unit, currency, language)}`;
  const tables: Array<{ header: string[]; rows: string[][] }> = [];
  if (plan.byCallerType.length > 0) {
    const keys = plan.byCallerType[0]!.figures.map((figure) => figure.key);
    const lost = (segment: SegmentComparison): SegmentFigure => segment.figures.find((figure) => figure.key === 'lostMargin')!;
    tables.push({
      header: [runWords.callerType!, ...keys.map((key) => shortName(key as keyof Kpis, language)), `Δ ${shortName('lostMargin', language).toLowerCase()}`, words.ci(level(comparison.settings.confidence, language))],
      rows: plan.byCallerType.map((segment) => [
        segment.id,
        ...segment.figures.map(arrow),
        formatDifference(lost(segment).difference.mean, 'money', currency, language),
        formatInterval(lost(segment).difference, 'money', currency, language),
      ]),
    });
  }
  if (plan.byGroup.length > 0) {
    tables.push({
      header: [runWords.agentGroup!, runWords.groupAnswered!, runWords.groupOverflow!, runWords.groupOccupancy!],
      rows: plan.byGroup.map((segment) => [segment.id, ...segment.figures.map(arrow)]),
    });
  }
  return tables;
}

/** Options of the text and Markdown renderers. */
export interface CompareTextOptions {
  /** The figure whose replications needed and variance reduction are spelt out (default: lost margin). */
  readonly kpi?: FigureKey;
}

function times(value: number, language: Language): string {
  return `${formatNumber(value, language, 1)}×`;
}

/** Extra lines under a plan's table: what common random numbers bought, and the replications needed. */
function precisionLines(comparison: Comparison, plan: PlanComparison, language: Language, key: FigureKey): string[] {
  const figure = figureOf(plan, key);
  const name = figureName(key, language);
  const precision = `±${formatNumber(comparison.settings.precision * 100, language, comparison.settings.precision * 100 < 1 ? 1 : 0)}%`;
  const needed = (value: number | null): string => (value === null ? '—' : Number.isFinite(value) ? formatNumber(value, language) : '∞');
  const n = comparison.settings.replications;
  const lines: string[] = [];
  const { varianceReduction, halfWidth, independentHalfWidth } = figure.difference;
  if (!plan.identical && varianceReduction !== null && halfWidth > 0) {
    const ratio = independentHalfWidth / halfWidth;
    const reduction = formatPercent(varianceReduction, language, 0);
    lines.push(
      language === 'it'
        ? `Numeri casuali comuni, ${name}: l'intervallo della differenza è ${times(ratio, language)} più stretto che con simulazioni indipendenti (varianza ridotta del ${reduction}).`
        : `Common random numbers, ${name}: the interval of the difference is ${times(ratio, language)} narrower than with independent runs (variance ${reduction} lower).`,
    );
  }
  lines.push(
    language === 'it'
      ? `Repliche per ${name} entro ${precision}: base ${needed(figure.replicationsNeeded.base)}, piano ${needed(figure.replicationsNeeded.plan)} (in questo confronto: ${n}).`
      : `Replications for ${name} within ${precision}: base ${needed(figure.replicationsNeeded.base)}, plan ${needed(figure.replicationsNeeded.plan)} (this comparison: ${n}).`,
  );
  return lines;
}

function introduction(comparison: Comparison, language: Language): string[] {
  const base = comparison.base.scenario;
  const { days, openDaysPerYear } = comparison.scale;
  const count = comparison.plans.length;
  const reps = comparison.settings.replications;
  const ci = level(comparison.settings.confidence, language);
  if (language === 'it') {
    return [
      `${base.name}: ${count} ${count === 1 ? 'piano confrontato' : 'piani confrontati'} con lo scenario di base.`,
      `${daysText(days, language)}, ${reps} repliche per piano con gli stessi chiamanti (numeri casuali comuni), seme ${comparison.settings.seed}. ` +
        `Le differenze sono piano − base, replica per replica, con intervalli di confidenza al ${ci}; ` +
        `significativa = l'intervallo esclude lo 0. Denaro all'anno: × ${formatNumber(openDaysPerYear, language)}/${days} giorni di apertura; al mese: un anno / 12. ` +
        `Netto = differenza del margine realizzato − differenza del costo del personale.`,
    ];
  }
  return [
    `${base.name}: ${count} ${count === 1 ? 'plan' : 'plans'} compared with the base scenario.`,
    `${daysText(days, language)}, ${reps} replications of each plan on the same callers (common random numbers), seed ${comparison.settings.seed}. ` +
      `Differences are plan − base, replication by replication, with ${ci} confidence intervals; ` +
      `significant = the interval excludes 0. Money per year: × ${formatNumber(openDaysPerYear, language)}/${days} open days; per month: a year / 12. ` +
      `Net = difference in margin made − difference in staff cost.`,
  ];
}

const SHOWN_WHEN = new Map<FigureKey, keyof Kpis | undefined>(KPI_LABELS.map((label) => [label.key, label.shownWhen]));

/**
 * The figures of a plan's table: the script-only ones only when the base or the plan has
 * scripts, the money ones only when either models them, an optional feature's (retrials,
 * callbacks…) only when either uses it.
 */
function shownFigures(comparison: Comparison, plan: PlanComparison): readonly FigureComparison[] {
  const base = comparison.base.variant.scenario;
  const money = [shownFigure(base), shownFigure(plan.plan.scenario)];
  const used = (key: keyof Kpis): boolean => {
    const figure = plan.figures.find((candidate) => candidate.key === key);
    return figure === undefined || figure.base.mean !== 0 || figure.plan.mean !== 0;
  };
  return plan.figures.filter((figure) => {
    const when = SHOWN_WHEN.get(figure.key);
    return (when === undefined || used(when)) && showsFigure(figure.key, base, plan.plan.scenario) && money.some((shown) => shown(figure));
  });
}
/** How the base's and the plan's calls follow call scripts, when either has scripts. */
function scriptLines(comparison: Comparison, plan: PlanComparison, language: Language): string[] {
  const base = scriptedCallsLine(comparison.base.variant.scenario, language);
  const planned = scriptedCallsLine(plan.plan.scenario, language);
  if (base === undefined && planned === undefined) return [];
  const none = language === 'it' ? 'nessun copione.' : 'no call scripts.';
  return [`Base: ${base ?? none}`, `${quoted(plan.plan.name)}: ${planned ?? none}`];
}

/** The readable result of `callfloor compare`. */
export function renderCompareText(comparison: Comparison, language: Language, options: CompareTextOptions = {}): string {
  const currency = currencyOf(comparison);
  const key = options.kpi ?? 'lostMargin';
  const parts = [...introduction(comparison, language)];
  for (const plan of comparison.plans) {
    parts.push('', planHeadline(comparison, plan, language), ...planMoneyLines(comparison, plan, language));
    if (plan.plan.description !== undefined) parts.push(plan.plan.description);
    parts.push(`${WORDS[language].changes}: ${formatChanges(plan.changes, language)}.`);
    parts.push(...scriptLines(comparison, plan, language));
    // A plan that changed nothing has a table of zeros: its headline says it all.
    if (plan.identical) continue;
    parts.push('', renderTable(tableHeader(comparison, language), shownFigures(comparison, plan).map((figure) => figureRow(figure, currency, language))));
    for (const table of segmentTables(comparison, plan, language)) parts.push('', renderTable(table.header, table.rows));
    parts.push('', ...precisionLines(comparison, plan, language, key));
  }
  return parts.join('\n') + '\n';
}

/** The comparison as Markdown: the headlines, then a table per plan. */
export function compareToMarkdown(comparison: Comparison, language: Language, options: CompareTextOptions = {}): string {
  const currency = currencyOf(comparison);
  const key = options.kpi ?? 'lostMargin';
  const [title, settings] = introduction(comparison, language);
  const lines = [`# ${title}`, '', settings!];
  const header = tableHeader(comparison, language);
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  for (const plan of comparison.plans) {
    lines.push('', `## ${quoted(plan.plan.name)}`, '', planHeadline(comparison, plan, language), ...planMoneyLines(comparison, plan, language), '');
    if (plan.plan.description !== undefined) lines.push(plan.plan.description, '');
    lines.push(`${WORDS[language].changes}: ${cell(formatChanges(plan.changes, language))}.`);
    for (const line of scriptLines(comparison, plan, language)) lines.push('', cell(line));
    if (plan.identical) continue;
    lines.push('', `| ${header.join(' | ')} |`, `| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`);
    for (const figure of shownFigures(comparison, plan)) lines.push(`| ${figureRow(figure, currency, language).map(cell).join(' | ')} |`);
    for (const table of segmentTables(comparison, plan, language)) {
      lines.push('', `| ${table.header.map(cell).join(' | ')} |`, `| --- | ${table.header.slice(1).map(() => '---:').join(' | ')} |`);
      for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
    }
    lines.push('', ...precisionLines(comparison, plan, language, key).flatMap((line) => [line, '']).slice(0, -1));
  }
  return lines.join('\n') + '\n';
}

function interval(value: Interval): { mean: number; low: number; high: number } {
  return { mean: value.mean, low: value.low, high: value.high };
}

/** Infinity and NaN have no JSON spelling: null ("unknown or unreachable"). */
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/**
 * Machine-readable comparison: per plan and figure the base and plan estimates (with
 * replications needed for the chosen precision), the paired difference with its interval,
 * significance and the variance reduction common random numbers gave, and money per month
 * and per year. `null` stands for unknown or unreachable (e.g. replications needed around a mean of 0).
 */
/** A caller type's or group's figures: base and plan means, the paired difference with its interval. */
function segmentToJson(segment: SegmentComparison): object {
  return {
    id: segment.id,
    ...Object.fromEntries(
      segment.figures.map((figure) => [
        figure.key,
        { unit: figure.unit, base: figure.base.mean, plan: figure.plan.mean, difference: { ...interval(figure.difference), significant: figure.difference.significant } },
      ]),
    ),
  };
}

export function compareToJson(comparison: Comparison, language: Language): object {
  const estimate = (value: FigureComparison['base'], needed: number | null) => ({
    mean: value.mean,
    halfWidth: value.halfWidth,
    stdDev: value.stdDev,
    replicationsNeeded: finiteOrNull(needed),
  });
  return {
    scenario: comparison.base.scenario.name,
    seed: comparison.settings.seed,
    replications: comparison.settings.replications,
    days: comparison.scale.days,
    confidence: comparison.settings.confidence,
    precision: comparison.settings.precision,
    currency: comparison.currency,
    commonRandomNumbers: true,
    moneyScale: { openDaysPerYear: comparison.scale.openDaysPerYear, perYear: comparison.scale.perYear, perMonth: comparison.scale.perMonth },
    netDefinition: 'netMargin = margin − staffCost per replication; its difference is the net benefit: Δmargin − ΔstaffCost',
    base: { name: comparison.base.variant.name },
    plans: comparison.plans.map((plan) => {
      const net = figureOf(plan, 'netMargin');
      return {
        name: plan.plan.name,
        ...(plan.plan.description !== undefined ? { description: plan.plan.description } : {}),
        changes: plan.changes,
        identical: plan.identical,
        headline: planHeadline(comparison, plan, language),
        netBenefit: {
          ...interval(net.difference),
          halfWidth: net.difference.halfWidth,
          significant: net.difference.significant,
          perMonth: interval(net.money!.perMonth),
          perYear: interval(net.money!.perYear),
        },
        ...(plan.byCallerType.length > 0 ? { byCallerType: plan.byCallerType.map(segmentToJson) } : {}),
        ...(plan.byGroup.length > 0 ? { byGroup: plan.byGroup.map(segmentToJson) } : {}),
        figures: Object.fromEntries(
          plan.figures.map((figure) => [
            figure.key,
            {
              unit: figure.unit,
              base: estimate(figure.base, figure.replicationsNeeded.base),
              plan: estimate(figure.plan, figure.replicationsNeeded.plan),
              difference: {
                ...interval(figure.difference),
                halfWidth: figure.difference.halfWidth,
                stdDev: figure.difference.stdDev,
                significant: figure.difference.significant,
                pairedVariance: figure.difference.pairedVariance,
                independentVariance: figure.difference.independentVariance,
                varianceReduction: figure.difference.varianceReduction,
                independentHalfWidth: figure.difference.independentHalfWidth,
                replicationsForSignificance: finiteOrNull(figure.replicationsForSignificance),
              },
              ...(figure.money ? { perMonth: interval(figure.money.perMonth), perYear: interval(figure.money.perYear) } : {}),
            },
          ]),
        ),
      };
    }),
  };
}

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per plan and figure; numbers unformatted; empty cells for what does not apply. */
export function compareToCsv(comparison: Comparison): string {
  const header = [
    'plan', 'figure', 'unit', 'base_mean', 'base_half_width', 'plan_mean', 'plan_half_width',
    'difference', 'difference_low', 'difference_high', 'significant', 'per_month', 'per_year',
    'variance_reduction', 'independent_half_width', 'replications_needed_base', 'replications_needed_plan',
  ];
  const lines = [header.join(',')];
  for (const plan of comparison.plans) {
    for (const figure of plan.figures) {
      const { difference } = figure;
      lines.push(
        [
          plan.plan.name, figure.key, figure.unit, figure.base.mean, figure.base.halfWidth, figure.plan.mean, figure.plan.halfWidth,
          difference.mean, difference.low, difference.high, difference.significant,
          figure.money?.perMonth.mean ?? null, figure.money?.perYear.mean ?? null,
          difference.varianceReduction, difference.independentHalfWidth,
          finiteOrNull(figure.replicationsNeeded.base), finiteOrNull(figure.replicationsNeeded.plan),
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}
