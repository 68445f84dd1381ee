/**
 * The consultant report as data: every figure the HTML, Markdown, CSV and JSON renderers
 * show, computed once from a run (and, when the scenario has plans, a comparison). Pure:
 * results in, a plain immutable object out; renderers only format it.
 *
 * Figures other helpers may add to the KPIs (lost customer lifetime value, cost of
 * retries, customers lost) are read when present ({@link OPTIONAL_FIGURES}) and shown as
 * "not modelled in this scenario" otherwise.
 *
 * The model's parts live in model/, one per section: ranges and scaling (range.ts), the
 * report's own settings (settings.ts), key figures (keyFigures.ts), the average day and week
 * (intervals.ts), waiting times (waits.ts), caller types and agent groups (segments.ts) and
 * plans (plans.ts). This module assembles them and is the entry: import from here.
 */
import type { Comparison } from '../compare/compare.ts';
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { RunResult } from '../sim/run.ts';
import type { Assumption } from './assumptions.ts';
import type { CallDigest } from './callDigest.ts';
import type { Language } from './format.ts';
import type { TrainingSummary } from './trainingHistory.ts';
import { intervalsOf, type IntervalRow, type WeekPoint } from './model/intervals.ts';
import { keyFiguresOf, modelledOptionalFigures, OPTIONAL_FIGURES, type KeyFigure, type OptionalFigureKey } from './model/keyFigures.ts';
import { planSummary, type PlanSummary } from './model/plans.ts';
import { rangeOf, scaled, sumRanges, type Range, type Scale } from './model/range.ts';
import { callerTypeRows, groupRows, type CallerTypeRow, type GroupRow } from './model/segments.ts';
import type { ReportSettings } from './model/settings.ts';
import { waitsOf, type AbandonmentPoint, type WaitBin } from './model/waits.ts';

export type { IntervalRow, WeekPoint } from './model/intervals.ts';
export { OPTIONAL_FIGURES, type KeyFigure, type OptionalFigureKey } from './model/keyFigures.ts';
export type { OneOffSource, PlanFigure, PlanSegment, PlanSummary, SegmentFigureSummary } from './model/plans.ts';
export type { Range } from './model/range.ts';
export type { CallerTypeRow, GroupRow } from './model/segments.ts';
export { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './model/settings.ts';
export type { AbandonmentPoint, WaitBin } from './model/waits.ts';

export type CostKey = 'staffCost' | 'lostMargin' | 'lostLifetimeMargin' | 'retryCost';

/** A yearly cost; null when the scenario does not model it. */
export interface CostLine {
  readonly key: CostKey;
  readonly perYear: Range | null;
}

export interface ReportModel {
  readonly title: string;
  readonly description?: string;
  readonly language: Language;
  readonly currency: string;
  readonly run: {
    readonly days: number;
    readonly replications: number;
    readonly seed: number;
    /** Seconds from the start not counted (the warm-up the run used). */
    readonly warmupSeconds: number;
    readonly confidence: number;
    readonly intervalMinutes: number;
    readonly openDaysPerYear: number;
    readonly openDaysPerWeek: number;
    readonly agents: number;
    readonly serviceLevel: { readonly thresholdSeconds: number; readonly target: number; readonly denominator: string };
  };
  readonly summary: {
    /** Lost margin plus, when modelled, lost customer value and retries, a year. */
    readonly yearlyLoss: Range;
    readonly yearlyLostMargin: Range;
    readonly offeredPerWeek: Range;
    readonly unansweredPerWeek: Range;
    /** Customers who switch brand a week: from the model when it has customersLost, else unanswered × switch share. */
    readonly switchingPerWeek: Range;
    readonly switchingSource: 'model' | 'assumption';
    readonly serviceLevel: Range;
    readonly abandonmentRate: Range;
    readonly asa: Range;
    /** The best plan by net benefit a year, if any plan's net benefit is significantly positive. */
    readonly bestPlan: string | null;
  };
  readonly keyFigures: readonly KeyFigure[];
  /** Optional figures this run does not model. */
  readonly notModelled: readonly OptionalFigureKey[];
  readonly intervals: readonly IntervalRow[];
  readonly week: readonly WeekPoint[];
  readonly waits: { readonly binSeconds: number; readonly bins: readonly WaitBin[] };
  readonly abandonment: readonly AbandonmentPoint[];
  readonly costs: readonly CostLine[];
  /** Per caller type (empty when the scenario has one type). */
  readonly callerTypes: readonly CallerTypeRow[];
  /** Per agent group (empty without skill-based routing). */
  readonly groups: readonly GroupRow[];
  readonly plans: readonly PlanSummary[];
  readonly assumptions: readonly Assumption[];
  readonly training: TrainingSummary | null;
  /** The report's own settings in effect (listed among the assumptions too). */
  readonly settings: Omit<ReportSettings, 'language'>;
}

export interface ReportInputs {
  /** The scenario as run (command-line overrides applied). */
  readonly scenario: ScenarioConfig;
  readonly result: RunResult;
  readonly digest: CallDigest;
  readonly comparison?: Comparison;
  readonly assumptions: readonly Assumption[];
  readonly training?: TrainingSummary | null;
  readonly settings: ReportSettings;
}

/** Builds the report model from a run, its call digest and (optionally) a comparison of plans and training scores. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { scenario, result, digest, settings } = inputs;
  const replications = result.replications.length;
  const days = scenario.run.days;
  const confidence = result.kpis.offered.confidence;
  const perYear = scenario.money.openDaysPerYear / days;
  const openDaysPerWeek = scenario.money.openDaysPerYear / 52;
  const perWeek = openDaysPerWeek / days;
  const perReplication = (pick: (kpis: RunResult['replications'][number]['kpis']) => number): Estimate =>
    estimateOf(result.replications.map((replication) => pick(replication.kpis)), confidence);

  const optional = modelledOptionalFigures(scenario, result);
  const notModelled = OPTIONAL_FIGURES.map(({ key }) => key).filter((key) => optional[key] === undefined);
  const keyFigures = keyFiguresOf(result, optional);

  const yearlyLostMargin = rangeOf(result.kpis.lostMargin, perYear);
  const extraLosses = (['lostLifetimeMargin', 'retryCost'] as const).flatMap((key) => (optional[key] ? [rangeOf(optional[key], perYear)] : []));
  const unansweredPerWeek = rangeOf(perReplication((kpis) => kpis.abandoned + kpis.blocked), perWeek);
  const switching = optional.customersLost
    ? { value: rangeOf(optional.customersLost, perWeek), source: 'model' as const }
    : { value: scaled(unansweredPerWeek, settings.switchShare), source: 'assumption' as const };

  const { intervals, week } = intervalsOf(result, digest, days, replications);

  const { abandonment, ...waits } = waitsOf(digest, replications, days);
  const costs: CostLine[] = [
    { key: 'staffCost', perYear: rangeOf(result.kpis.staffCost, perYear) },
    { key: 'lostMargin', perYear: yearlyLostMargin },
    { key: 'lostLifetimeMargin', perYear: optional.lostLifetimeMargin ? rangeOf(optional.lostLifetimeMargin, perYear) : null },
    { key: 'retryCost', perYear: optional.retryCost ? rangeOf(optional.retryCost, perYear) : null },
  ];

  const scale: Scale = { perWeek, perYear };
  const plans = inputs.comparison ? inputs.comparison.plans.map((plan) => planSummary(plan, settings, scale)) : [];
  const winners = plans.filter((plan) => plan.netSignificant && plan.netPerYear.mean > 0).sort((a, b) => b.netPerYear.mean - a.netPerYear.mean);

  return {
    title: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    language: settings.language,
    currency: scenario.money.currency,
    run: {
      days,
      replications,
      seed: scenario.run.seed,
      warmupSeconds: result.model.warmup,
      confidence,
      intervalMinutes: scenario.run.intervalMinutes,
      openDaysPerYear: scenario.money.openDaysPerYear,
      openDaysPerWeek,
      agents: scenario.agents.count,
      serviceLevel: { ...scenario.serviceLevel },
    },
    summary: {
      yearlyLoss: sumRanges([yearlyLostMargin, ...extraLosses]),
      yearlyLostMargin,
      offeredPerWeek: rangeOf(result.kpis.offered, perWeek),
      unansweredPerWeek,
      switchingPerWeek: switching.value,
      switchingSource: switching.source,
      serviceLevel: rangeOf(result.kpis.serviceLevel),
      abandonmentRate: rangeOf(result.kpis.abandonmentRate),
      asa: rangeOf(result.kpis.asa),
      bestPlan: winners[0]?.name ?? null,
    },
    keyFigures,
    notModelled,
    intervals,
    week,
    waits,
    abandonment,
    costs,
    callerTypes: callerTypeRows(scenario, result, scale),
    groups: groupRows(scenario, result, scale),
    plans,
    assumptions: inputs.assumptions,
    training: inputs.training ?? null,
    settings: { switchShare: settings.switchShare, onboardingWeeks: settings.onboardingWeeks, hoursPerWeek: settings.hoursPerWeek, oneOffCosts: settings.oneOffCosts },
  };
}
