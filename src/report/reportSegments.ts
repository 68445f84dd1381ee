/**
 * The consultant report per caller type (tier, segment) and per agent group: the tables and
 * the sentences shared by the HTML and Markdown renderers, now and with each plan, so the cost
 * and the fairness of a policy (the same rules for everyone, or priority for high-value
 * customers; overflow between groups) can be read. Cells are plain text (renderers escape them).
 */
import { CALLER_TYPE_FIGURES, GROUP_FIGURES } from '../compare/compare.ts';
import { formatDifference, formatInterval } from './compareReport.ts';
import { formatInUnit, formatNumber, formatPercent, formatSeconds } from './format.ts';
import type { CallerTypeRow, PlanSegment, PlanSummary, ReportModel, SegmentFigureSummary } from './reportModel.ts';
import type { Table } from './reportTables.ts';
import { confidenceLevel, formatRangeEnds, money } from './reportText.ts';
import { REPORT_WORDS } from './reportWords.ts';

/** Calls a week: one decimal below 10, none above. */
function calls(value: number, model: ReportModel): string {
  return formatNumber(value, model.language, value !== 0 && Math.abs(value) < 10 ? 1 : 0);
}

/** A caller type or group as named in a sentence. */
function quoted(id: string): string {
  return `"${id}"`;
}

/** The per-caller-type table of the base run; the busy-signal column only when some type got one. */
export function callerTypesTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  const { language } = model;
  const blocked = model.callerTypes.some((row) => row.blockingRate.mean > 0);
  return {
    header: [
      words.callerType,
      words.shareOfCalls,
      words.callsPerWeek,
      words.abandoned,
      ...(blocked ? [words.blocked] : []),
      words.serviceLevel,
      'ASA',
      words.lostMarginPerYear,
      words.ci(confidenceLevel(model)),
    ],
    numeric: true,
    rows: model.callerTypes.map((row) => [
      row.id,
      // One decimal: whole percentages of three or more types often add up to 99% or 101%.
      formatPercent(row.share, language, 1),
      calls(row.offeredPerWeek.mean, model),
      formatPercent(row.abandonmentRate.mean, language, 1),
      ...(blocked ? [formatPercent(row.blockingRate.mean, language, 1)] : []),
      formatPercent(row.serviceLevel.mean, language, 0),
      formatSeconds(row.asa.mean, language),
      money(row.lostMarginPerYear.mean, model),
      formatRangeEnds(row.lostMarginPerYear, 'money', model),
    ]),
  };
}

/** The per-agent-group table of the base run (skill-based routing). */
export function groupsTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  return {
    header: [words.agentGroup, words.people, words.answeredPerWeek, words.byOverflowPerWeek, words.occupancy, words.staffCostPerYear],
    numeric: true,
    rows: model.groups.map((row) => [
      row.id,
      formatNumber(row.people, model.language),
      calls(row.answeredPerWeek.mean, model),
      calls(row.overflowPerWeek.mean, model),
      formatPercent(row.occupancy.mean, model.language, 0),
      money(row.staffCostPerYear.mean, model),
    ]),
  };
}

/** Waits under half a second read as "answered at once". */
const NO_WAIT_SECONDS = 0.5;

/** Who waits most, who hangs up most and whose sales are lost, in words. */
export function callerTypeSentences(model: ReportModel): string[] {
  const rows = model.callerTypes;
  if (rows.length === 0) return [];
  const { language } = model;
  const words = REPORT_WORDS[language].segment;
  const sentences: string[] = [];
  const byWait = [...rows].sort((a, b) => b.asa.mean - a.asa.mean);
  const longest = byWait[0]!;
  if (longest.asa.mean < NO_WAIT_SECONDS) sentences.push(words.noWait);
  else {
    const others = byWait.slice(1).map((row) => words.otherWait(quoted(row.id), formatSeconds(row.asa.mean, language)));
    sentences.push(words.waitsLongest(quoted(longest.id), formatSeconds(longest.asa.mean, language), others.join(', '), formatPercent(longest.abandonmentRate.mean, language, 1)));
    const second = byWait[1]!;
    if (model.run.replications >= 2 && longest.asa.low <= second.asa.high) sentences.push(words.overlap);
  }
  const hangsUp = [...rows].sort((a, b) => b.abandonmentRate.mean - a.abandonmentRate.mean)[0]!;
  if (hangsUp.id !== longest.id && hangsUp.abandonmentRate.mean > 0) sentences.push(words.hangsUpMost(quoted(hangsUp.id), formatPercent(hangsUp.abandonmentRate.mean, language, 1)));
  sentences.push(lostSentence(rows, model));
  return sentences;
}

function lostSentence(rows: readonly CallerTypeRow[], model: ReportModel): string {
  const words = REPORT_WORDS[model.language].segment;
  const total = rows.reduce((sum, row) => sum + row.lostMarginPerYear.mean, 0);
  if (!(total > 0)) return words.noLoss;
  const most = [...rows].sort((a, b) => b.lostMarginPerYear.mean - a.lostMarginPerYear.mean)[0]!;
  if (most.lostMarginPerYear.mean === total) return words.allLost(quoted(most.id), money(total, model), formatPercent(most.share, model.language, 0));
  return words.lostMost(
    quoted(most.id),
    money(most.lostMarginPerYear.mean, model),
    money(total, model),
    formatPercent(most.lostMarginPerYear.mean / total, model.language, 0),
    formatPercent(most.share, model.language, 0),
  );
}

/** `now → with the plan` of one figure, counts a week and money a year. */
function arrow(figure: SegmentFigureSummary, model: ReportModel): string {
  const value = (amount: number): string =>
    figure.unit === 'count' ? calls(amount, model) : figure.unit === 'rate' ? formatPercent(amount, model.language, 1) : formatInUnit(amount, figure.unit, model.currency, model.language);
  return `${value(figure.base)} → ${value(figure.plan)}`;
}

function figure(segment: PlanSegment, key: SegmentFigureSummary['key']): SegmentFigureSummary | undefined {
  return segment.figures.find((candidate) => candidate.key === key);
}

/** The columns are the figures the comparison has per type and per group (a new one there must be named here). */
const CALLER_TYPE_COLUMNS = CALLER_TYPE_FIGURES;
const GROUP_COLUMNS = GROUP_FIGURES;

/** A plan per caller type, as `callfloor compare` prints it: now → with the plan, and the lost margin's difference with its interval. */
export function planCallerTypesTable(plan: PlanSummary, model: ReportModel): Table | null {
  if (plan.byCallerType.length === 0) return null;
  const words = REPORT_WORDS[model.language];
  const { currency, language } = model;
  const names: Record<(typeof CALLER_TYPE_COLUMNS)[number], string> = {
    abandonmentRate: words.abandoned,
    serviceLevel: words.serviceLevel,
    asa: 'ASA',
    lostMargin: words.lostMarginPerYear,
  };
  return {
    header: [words.callerType, ...CALLER_TYPE_COLUMNS.map((key) => names[key]), words.lostMarginChange, words.ci(confidenceLevel(model)), words.significant],
    numeric: true,
    rows: plan.byCallerType.map((segment) => {
      const lost = figure(segment, 'lostMargin');
      return [
        segment.id,
        ...CALLER_TYPE_COLUMNS.map((key) => {
          const value = figure(segment, key);
          return value ? arrow(value, model) : '—';
        }),
        lost ? formatDifference(lost.difference.mean, 'money', currency, language) : '—',
        lost ? formatInterval(lost.difference, 'money', currency, language) : '',
        lost ? (lost.significant ? words.yes : words.no) : '',
      ];
    }),
  };
}

/** A plan per agent group: people, calls answered (and by overflow) a week, occupancy, now → with the plan. */
export function planGroupsTable(plan: PlanSummary, model: ReportModel): Table | null {
  if (plan.byGroup.length === 0) return null;
  const words = REPORT_WORDS[model.language];
  const names: Record<(typeof GROUP_COLUMNS)[number], string> = {
    answered: words.answeredPerWeek,
    overflowAnswered: words.byOverflowPerWeek,
    occupancy: words.occupancy,
  };
  return {
    header: [words.agentGroup, words.people, ...GROUP_COLUMNS.map((key) => names[key])],
    numeric: true,
    rows: plan.byGroup.map((segment) => [
      segment.id,
      segment.people ? `${formatNumber(segment.people.base, model.language)} → ${formatNumber(segment.people.plan, model.language)}` : '—',
      ...GROUP_COLUMNS.map((key) => {
        const value = figure(segment, key);
        return value ? arrow(value, model) : '—';
      }),
    ]),
  };
}

/** Each caller type's wait and lost margin with a plan, in one sentence (null without types). */
export function planCallerTypeSentence(plan: PlanSummary, model: ReportModel): string | null {
  if (plan.byCallerType.length === 0) return null;
  const words = REPORT_WORDS[model.language].segment;
  const changes = plan.byCallerType.map((segment) => {
    const asa = figure(segment, 'asa');
    const lost = figure(segment, 'lostMargin');
    const lostText = lost && (lost.base !== 0 || lost.plan !== 0) ? formatDifference(lost.difference.mean, 'money', model.currency, model.language) : null;
    return words.planType(quoted(segment.id), asa ? arrow(asa, model) : '—', lostText, lost?.significant ?? false);
  });
  return words.planChanges(changes.join('; '));
}
