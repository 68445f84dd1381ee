/**
 * The consultant report's tables as header + rows of formatted cells, shared by the HTML
 * and Markdown renderers. Cells are plain text (renderers escape them).
 */
import { formatInUnit, formatNumber, formatPercent, formatSeconds } from './format.ts';
import { formatDifference, formatInterval } from './compareReport.ts';
import type { PlanSummary, ReportModel } from './reportModel.ts';
import { confidenceLevel, formatRangeEnds, meaningText, money, oneOffText, paybackText, sourceText } from './reportText.ts';
import { BAND_NAMES, COST_NAMES, REPORT_WORDS, reportFigureName } from './reportWords.ts';

export interface Table {
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Columns 1… are numbers (right-aligned). */
  readonly numeric: boolean;
  /** A class name per column, for the HTML. */
  readonly columns?: readonly string[];
}

export function keyFiguresTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  return {
    header: [words.figure, words.value, words.ci(confidenceLevel(model))],
    numeric: true,
    rows: model.keyFigures.map((figure) => [
      reportFigureName(figure.key, model.language),
      formatInUnit(figure.mean, figure.unit, model.currency, model.language),
      formatRangeEnds(figure, figure.unit, model),
    ]),
  };
}

export function intervalsTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  const { language } = model;
  const n = (value: number): string => formatNumber(value, language, 1);
  return {
    header: [words.interval, words.offered, words.answered, words.abandoned, words.blocked, words.serviceLevel, 'ASA', words.meanQueue, words.maxQueue, reportFigureName('lostMargin', language)],
    numeric: true,
    rows: model.intervals.map((row) => [
      `${row.start}–${row.end}`,
      n(row.offered),
      n(row.answered),
      n(row.abandoned),
      n(row.blocked),
      formatPercent(row.serviceLevel, language, 0),
      formatSeconds(row.asa, language),
      formatNumber(row.meanQueueLength, language, 2),
      n(row.maxQueueLength),
      money(row.lostMargin, model),
    ]),
  };
}

export function costsTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  const total = model.costs.reduce((sum, cost) => sum + (cost.perYear?.mean ?? 0), 0);
  return {
    header: [words.figure, words.perYearHeader, words.ci(confidenceLevel(model))],
    numeric: true,
    rows: [
      ...model.costs.map((cost) => [
        COST_NAMES[model.language][cost.key],
        cost.perYear ? money(cost.perYear.mean, model) : words.notModelled,
        cost.perYear ? formatRangeEnds(cost.perYear, 'money', model) : '',
      ]),
      [words.totalPerYear, money(total, model), ''],
    ],
  };
}

export function plansOverviewTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  return {
    header: [words.plan, words.netPerYear, words.ci(confidenceLevel(model)), words.significant, words.oneOffCost, words.payback],
    numeric: true,
    rows: model.plans.map((plan) => [
      plan.name,
      formatDifference(plan.netPerYear.mean, 'money', model.currency, model.language),
      formatInterval(plan.netPerYear, 'money', model.currency, model.language),
      plan.netSignificant ? words.yes : words.no,
      plan.oneOffCost === null ? '—' : money(plan.oneOffCost, model),
      paybackText(plan, model),
    ]),
  };
}

export function planTable(plan: PlanSummary, model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  const { currency, language } = model;
  return {
    header: [words.figure, words.base, words.plan, words.difference, words.ci(confidenceLevel(model)), words.significant],
    numeric: true,
    rows: plan.figures.map((figure) => [
      reportFigureName(figure.key, language),
      formatInUnit(figure.base, figure.unit, currency, language),
      formatInUnit(figure.plan, figure.unit, currency, language),
      formatDifference(figure.difference.mean, figure.unit, currency, language),
      formatInterval(figure.difference, figure.unit, currency, language),
      figure.significant ? words.yes : words.no,
    ]),
  };
}

/** The one-off cost and payback lines under a plan's table. */
export function planCostLines(plan: PlanSummary, model: ReportModel): string[] {
  const words = REPORT_WORDS[model.language];
  return [`${words.oneOffCost}: ${oneOffText(plan, model)}.`, `${words.payback}: ${paybackText(plan, model)}.`];
}

export function assumptionsTable(model: ReportModel): Table {
  const words = REPORT_WORDS[model.language];
  return {
    header: [words.setting, words.value, words.source, words.meaning],
    numeric: false,
    columns: ['setting', 'value', 'source', 'meaning'],
    rows: model.assumptions.map((row) => [row.path, row.value, sourceText(row, model.language), meaningText(row, model.language)]),
  };
}

export function traineesTable(model: ReportModel): Table | null {
  if (model.training === null) return null;
  const words = REPORT_WORDS[model.language];
  const score = (value: number): string => formatNumber(value, model.language, 0);
  return {
    header: [words.trainee, words.sessions, words.meanScore, words.first, words.latest, words.band, words.weakest],
    numeric: false,
    rows: model.training.trainees.map((trainee) => [
      trainee.trainee,
      String(trainee.sessions),
      score(trainee.meanScore),
      score(trainee.firstScore),
      // The day is enough here; the history of `callfloor train` stores date-times.
      `${score(trainee.latestScore)} (${trainee.latestDate.slice(0, 10)})`,
      BAND_NAMES[model.language][trainee.band],
      trainee.weakestStep,
    ]),
  };
}

export function stepsTable(model: ReportModel): Table | null {
  if (model.training === null) return null;
  const words = REPORT_WORDS[model.language];
  return {
    header: [words.step, words.meanScore, words.scored],
    numeric: true,
    rows: model.training.steps.map((step) => [step.step, formatNumber(step.meanScore, model.language, 0), String(step.scored)]),
  };
}
