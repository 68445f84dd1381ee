/**
 * The consultant report as data: every figure the HTML, Markdown, CSV and JSON renderers
 * show, computed once from a run (and, when the scenario has plans, a comparison). Pure:
 * results in, a plain immutable object out; renderers only format it.
 *
 * Figures other helpers may add to the KPIs (lost customer lifetime value, cost of
 * retries, customers lost) are read when present ({@link OPTIONAL_FIGURES}) and shown as
 * "not modelled in this scenario" otherwise.
 */
import type { Comparison, FigureKey, PlanComparison, SegmentComparison, SegmentKey } from '../compare/compare.ts';
import { figureOf } from '../compare/compare.ts';
import type { Interval } from '../compare/pairedDifference.ts';
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { RunResult } from '../sim/run.ts';
import type { Assumption } from './assumptions.ts';
import type { CallDigest } from './callDigest.ts';
import { formatChanges } from './compareReport.ts';
import type { Language, ValueUnit } from './format.ts';
import { clock, shownKpis } from './runReport.ts';
import type { TrainingSummary } from './trainingHistory.ts';
import { hasMoneySections } from './moneyReport.ts';

/** A mean with the ends of its confidence interval (low = high = mean with one replication). */
export interface Range {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * KPI fields the report shows when the simulation provides them (as `Kpis` keys estimated
 * per replication). Kept in one place so a new money figure only needs a line here.
 */
export const OPTIONAL_FIGURES = [
  { key: 'lostLifetimeMargin', unit: 'money' },
  { key: 'retryCost', unit: 'money' },
  { key: 'customersLost', unit: 'count' },
] as const satisfies ReadonlyArray<{ key: string; unit: ValueUnit }>;

export type OptionalFigureKey = (typeof OPTIONAL_FIGURES)[number]['key'];

/** Settings of the report itself (not of the scenario); each is listed among the assumptions. */
export interface ReportSettings {
  readonly language: Language;
  /** Share of callers left unanswered who switch to a competitor (survey: 33% after one bad experience). */
  readonly switchShare: number;
  /** Weeks a new hire is paid before answering alone (training and shadowing). */
  readonly onboardingWeeks: number;
  /** Paid hours in a working week, to cost the onboarding. */
  readonly hoursPerWeek: number;
  /** One-off cost of a plan (recruiting, training…) by plan name, as given on the command line. */
  readonly oneOffCosts: Readonly<Record<string, number>>;
}

export const DEFAULT_REPORT_SETTINGS: Omit<ReportSettings, 'language'> = {
  switchShare: 0.33,
  onboardingWeeks: 4,
  hoursPerWeek: 40,
  oneOffCosts: {},
};

export interface KeyFigure extends Range {
  readonly key: string;
  readonly unit: ValueUnit;
}

/** One reporting interval of an average simulated day. */
export interface IntervalRow {
  readonly start: string;
  readonly end: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly blocked: number;
  readonly serviceLevel: number;
  readonly asa: number;
  readonly occupancy: number;
  readonly meanQueueLength: number;
  readonly maxQueueLength: number;
  readonly lostMargin: number;
}

/** One open interval of one simulated day (mean over replications). */
export interface WeekPoint {
  readonly day: number;
  readonly start: string;
  readonly offered: number;
  readonly answered: number;
}

export interface WaitBin {
  readonly from: number;
  readonly to: number;
  /** Calls per average day answered after waiting more than 0 s, from…to seconds. */
  readonly answered: number;
  readonly abandoned: number;
}

/** Share of all finished calls answered, and hung up, within `seconds` of waiting. */
export interface AbandonmentPoint {
  readonly seconds: number;
  readonly answered: number;
  readonly abandoned: number;
}

export type CostKey = 'staffCost' | 'lostMargin' | 'lostLifetimeMargin' | 'retryCost';

/** A yearly cost; null when the scenario does not model it. */
export interface CostLine {
  readonly key: CostKey;
  readonly perYear: Range | null;
}

export interface PlanFigure {
  readonly key: FigureKey;
  readonly unit: ValueUnit;
  readonly base: number;
  readonly plan: number;
  readonly difference: Range;
  readonly significant: boolean;
}

export type OneOffSource = 'option' | 'onboarding' | 'none';

/** One figure of a caller type or agent group, now and with a plan (counts a week, money a year). */
export interface SegmentFigureSummary {
  readonly key: SegmentKey;
  readonly unit: ValueUnit;
  readonly base: number;
  readonly plan: number;
  /** plan − base, paired by replication, with its confidence interval. */
  readonly difference: Range;
  readonly significant: boolean;
}

/** A caller type or agent group compared with a plan (from `PlanComparison.byCallerType` / `byGroup`). */
export interface PlanSegment {
  readonly id: string;
  readonly figures: readonly SegmentFigureSummary[];
  /** Agent groups: people in the group now and with the plan. */
  readonly people?: { readonly base: number; readonly plan: number };
}

/**
 * One caller type (tier, segment) of the base run, from `RunResult.byCallerType`; the report
 * has these only when the scenario has two or more types. Counts are a week, money a year,
 * rates and times as measured.
 */
export interface CallerTypeRow {
  readonly id: string;
  /** Share of calls the scenario gives this type (`callerTypes[].share`). */
  readonly configuredShare: number;
  /** Share of all calls offered in the run that came from this type (with retrials, calls made again count too). */
  readonly share: number;
  readonly offeredPerWeek: Range;
  readonly answeredPerWeek: Range;
  readonly abandonmentRate: Range;
  readonly blockingRate: Range;
  readonly serviceLevel: Range;
  readonly asa: Range;
  readonly lostMarginPerYear: Range;
}

/** One agent group under skill-based routing, from `RunResult.byGroup` (counts a week, money a year). */
export interface GroupRow {
  readonly id: string;
  /** People in the group (`agents.groups[].count`). */
  readonly people: number;
  readonly costPerHour: number;
  readonly answeredPerWeek: Range;
  /** Of the calls answered, those taken by overflow (a skill the group only helps with). */
  readonly overflowPerWeek: Range;
  /** Busy time / paid time in opening hours. */
  readonly occupancy: Range;
  /** Paid hours × the group's cost per hour, a year. */
  readonly staffCostPerYear: Range;
}

export interface PlanSummary {
  readonly name: string;
  readonly description?: string;
  readonly changes: string;
  readonly identical: boolean;
  readonly addedAgents: number;
  readonly figures: readonly PlanFigure[];
  /** Net benefit (Δ margin made − Δ staff cost) per year and per month of open days. */
  readonly netPerYear: Range;
  readonly netPerMonth: Range;
  readonly netSignificant: boolean;
  /** One-off cost of the plan: given with --one-off-cost, or the paid onboarding of added agents. */
  readonly oneOffCost: number | null;
  readonly oneOffSource: OneOffSource;
  /** Months of net benefit that repay the one-off cost (low/high from the CI; Infinity: may never). Null: no cost known or no benefit. */
  readonly paybackMonths: Range | null;
  /** Per caller type, now → with the plan (empty unless base and plan have the same two or more types). */
  readonly byCallerType: readonly PlanSegment[];
  /** Per agent group found in both, now → with the plan (empty without skill-based routing). */
  readonly byGroup: readonly PlanSegment[];
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

/**
 * A KPI's mean and interval, scaled. Every KPI is a count, rate, time or amount that cannot
 * be negative, so the interval's low end stops at 0 (with few replications the t interval
 * can reach below it).
 */
function rangeOf(estimate: Estimate, factor = 1): Range {
  return { mean: estimate.mean * factor, low: Math.max(0, (estimate.mean - estimate.halfWidth) * factor), high: (estimate.mean + estimate.halfWidth) * factor };
}

/** A share's mean and interval, its ends kept within 0…1 (a t interval can pass 100% too). */
function shareRangeOf(estimate: Estimate): Range {
  const range = rangeOf(estimate);
  return { ...range, high: Math.min(1, range.high) };
}

function scaled(interval: Interval, factor = 1): Range {
  return { mean: interval.mean * factor, low: interval.low * factor, high: interval.high * factor };
}

function sumRanges(ranges: readonly Range[]): Range {
  return ranges.reduce((sum, range) => ({ mean: sum.mean + range.mean, low: sum.low + range.low, high: sum.high + range.high }), { mean: 0, low: 0, high: 0 });
}

/** The optional KPI's estimate, when the simulation computes it. */
function optionalEstimate(kpis: RunResult['kpis'], key: OptionalFigureKey): Estimate | undefined {
  const value = (kpis as unknown as Record<string, Estimate | undefined>)[key];
  return value !== undefined && typeof value.mean === 'number' ? value : undefined;
}

/** A bin width from 5 s to 10 min giving at most `bins` bins up to `upper`. */
function binWidth(upper: number, bins = 24): number {
  const steps = [5, 10, 15, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];
  return steps.find((step) => upper / step <= bins) ?? Math.ceil(upper / bins / 3600) * 3600;
}

/**
 * Waiting times of callers who waited at all (answered at once is the abandonment curve's
 * start), per average day; and the abandonment curve over all finished calls.
 */
function waitsOf(digest: CallDigest, replications: number, days: number): ReportModel['waits'] & { abandonment: AbandonmentPoint[] } {
  // A loop, not Math.max(...waits): a long run has more waits than a call has arguments.
  let upper = 1;
  for (const wait of digest.answeredWaits) if (wait > upper) upper = wait;
  for (const wait of digest.abandonedWaits) if (wait > upper) upper = wait;
  const width = binWidth(upper);
  const count = Math.max(1, Math.ceil(upper / width));
  const answered = new Array<number>(count).fill(0);
  const abandoned = new Array<number>(count).fill(0);
  const bin = (wait: number): number => Math.min(count - 1, Math.floor(wait / width));
  let answeredAtOnce = 0;
  for (const wait of digest.answeredWaits) {
    if (wait > 0) answered[bin(wait)]!++;
    else answeredAtOnce++;
  }
  for (const wait of digest.abandonedWaits) abandoned[bin(wait)]!++;
  const runs = replications * days;
  const bins = answered.map((value, i) => ({ from: i * width, to: (i + 1) * width, answered: value / runs, abandoned: abandoned[i]! / runs }));
  const calls = Math.max(digest.calls, 1);
  let answeredSoFar = 0;
  let abandonedSoFar = 0;
  const abandonment: AbandonmentPoint[] = [{ seconds: 0, answered: answeredAtOnce / calls, abandoned: 0 }];
  answeredSoFar = answeredAtOnce;
  answered.forEach((value, i) => {
    answeredSoFar += value;
    abandonedSoFar += abandoned[i]!;
    abandonment.push({ seconds: (i + 1) * width, answered: answeredSoFar / calls, abandoned: abandonedSoFar / calls });
  });
  return { binSeconds: width, bins, abandonment };
}

/** Factors from figures over the simulated days to figures a week and a year of open days. */
interface Scale {
  readonly perWeek: number;
  readonly perYear: number;
}

/** Counts are shown a week and money a year; rates and times as they are. */
function segmentFactor(unit: ValueUnit, scale: Scale): number {
  return unit === 'count' ? scale.perWeek : unit === 'money' ? scale.perYear : 1;
}

function planSegment(segment: SegmentComparison, scale: Scale): PlanSegment {
  return {
    id: segment.id,
    figures: segment.figures.map((figure) => {
      const factor = segmentFactor(figure.unit, scale);
      return {
        key: figure.key,
        unit: figure.unit,
        base: figure.base.mean * factor,
        plan: figure.plan.mean * factor,
        difference: scaled(figure.difference, factor),
        significant: figure.difference.significant,
      };
    }),
  };
}

function groupSize(scenario: ScenarioConfig, id: string): number {
  return scenario.agents.groups?.find((group) => group.id === id)?.count ?? 0;
}

/**
 * People a plan adds, and what they cost together an hour. With agent groups each group's
 * new people are paid at the group's rate (agents.costPerHour does not apply to groups).
 */
function addedStaff(base: ScenarioConfig, plan: ScenarioConfig): { addedAgents: number; addedHourlyCost: number } {
  const groups = plan.agents.groups;
  if (groups === undefined) {
    const addedAgents = plan.agents.count - base.agents.count;
    return { addedAgents, addedHourlyCost: addedAgents * plan.agents.costPerHour };
  }
  let addedAgents = 0;
  let addedHourlyCost = 0;
  for (const group of groups) {
    const added = Math.max(0, group.count - groupSize(base, group.id));
    addedAgents += added;
    addedHourlyCost += added * group.costPerHour;
  }
  return { addedAgents, addedHourlyCost };
}

function planSummary(plan: PlanComparison, settings: ReportSettings, scale: Scale): PlanSummary {
  const keys: FigureKey[] = ['answered', 'abandonmentRate', 'serviceLevel', 'asa', 'lostMargin', 'staffCost', 'netMargin'];
  const figures = keys.map((key): PlanFigure => {
    const figure = figureOf(plan, key);
    return { key, unit: figure.unit, base: figure.base.mean, plan: figure.plan.mean, difference: scaled(figure.difference), significant: figure.difference.significant };
  });
  const net = figureOf(plan, 'netMargin');
  const netPerYear = scaled(net.money!.perYear);
  const netPerMonth = scaled(net.money!.perMonth);
  const { addedAgents, addedHourlyCost } = addedStaff(plan.base.scenario, plan.plan.scenario);
  const given = settings.oneOffCosts[plan.plan.name];
  const oneOffSource: OneOffSource = given !== undefined ? 'option' : addedAgents > 0 ? 'onboarding' : 'none';
  const oneOffCost = given !== undefined ? given : addedAgents > 0 ? settings.onboardingWeeks * settings.hoursPerWeek * addedHourlyCost : null;
  let paybackMonths: Range | null = null;
  if (oneOffCost !== null && netPerMonth.mean > 0) {
    const months = (perMonth: number): number => (perMonth > 0 ? oneOffCost / perMonth : Infinity);
    paybackMonths = { mean: months(netPerMonth.mean), low: months(netPerMonth.high), high: months(netPerMonth.low) };
  }
  return {
    name: plan.plan.name,
    ...(plan.plan.description !== undefined ? { description: plan.plan.description } : {}),
    changes: formatChanges(plan.changes, settings.language),
    identical: plan.identical,
    addedAgents,
    figures,
    netPerYear,
    netPerMonth,
    netSignificant: net.difference.significant,
    oneOffCost,
    oneOffSource,
    paybackMonths,
    byCallerType: plan.byCallerType.map((segment) => planSegment(segment, scale)),
    byGroup: plan.byGroup.map((segment) => ({
      ...planSegment(segment, scale),
      people: { base: groupSize(plan.base.scenario, segment.id), plan: groupSize(plan.plan.scenario, segment.id) },
    })),
  };
}

/** The base run per caller type, when there are two or more (the engine reports none for one). */
function callerTypeRows(scenario: ScenarioConfig, result: RunResult, scale: Scale): CallerTypeRow[] {
  const offered = result.byCallerType.reduce((sum, kpis) => sum + kpis.offered.mean, 0);
  return result.byCallerType.map((kpis, index) => ({
    id: scenario.callerTypes[index]!.id,
    configuredShare: scenario.callerTypes[index]!.share,
    share: offered > 0 ? kpis.offered.mean / offered : 0,
    offeredPerWeek: rangeOf(kpis.offered, scale.perWeek),
    answeredPerWeek: rangeOf(kpis.answered, scale.perWeek),
    abandonmentRate: shareRangeOf(kpis.abandonmentRate),
    blockingRate: shareRangeOf(kpis.blockingRate),
    serviceLevel: shareRangeOf(kpis.serviceLevel),
    asa: rangeOf(kpis.asa),
    lostMarginPerYear: rangeOf(kpis.lostMargin, scale.perYear),
  }));
}

/** The base run per agent group under skill-based routing. */
function groupRows(scenario: ScenarioConfig, result: RunResult, scale: Scale): GroupRow[] {
  return result.byGroup.map((group) => {
    const config = scenario.agents.groups?.find((candidate) => candidate.id === group.id);
    const costPerHour = config?.costPerHour ?? scenario.agents.costPerHour;
    return {
      id: group.id,
      people: config?.count ?? 0,
      costPerHour,
      answeredPerWeek: rangeOf(group.answered, scale.perWeek),
      overflowPerWeek: rangeOf(group.overflowAnswered, scale.perWeek),
      occupancy: shareRangeOf(group.occupancy),
      staffCostPerYear: rangeOf(group.paidHours, costPerHour * scale.perYear),
    };
  });
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

  const optional = Object.fromEntries(
    OPTIONAL_FIGURES.flatMap(({ key }) => {
      // The money KPIs exist in every run but are only modelled with the scenario's money sections.
      const estimate = hasMoneySections(scenario) ? optionalEstimate(result.kpis, key) : undefined;
      return estimate ? [[key, estimate]] : [];
    }),
  ) as Partial<Record<OptionalFigureKey, Estimate>>;
  const notModelled = OPTIONAL_FIGURES.map(({ key }) => key).filter((key) => optional[key] === undefined);

  const keyFigures: KeyFigure[] = [];
  for (const { key, unit } of shownKpis(result)) {
    keyFigures.push({ key, unit, ...rangeOf(result.kpis[key]) });
    if (key === 'asa') keyFigures.push({ key: 'p90Wait', unit: 'seconds', ...rangeOf(result.p90Wait) });
  }
  for (const { key, unit } of OPTIONAL_FIGURES) {
    if (optional[key] && !keyFigures.some((figure) => figure.key === key)) keyFigures.push({ key, unit, ...rangeOf(optional[key]) });
  }

  const yearlyLostMargin = rangeOf(result.kpis.lostMargin, perYear);
  const extraLosses = (['lostLifetimeMargin', 'retryCost'] as const).flatMap((key) => (optional[key] ? [rangeOf(optional[key], perYear)] : []));
  const unansweredPerWeek = rangeOf(perReplication((kpis) => kpis.abandoned + kpis.blocked), perWeek);
  const switching = optional.customersLost
    ? { value: rangeOf(optional.customersLost, perWeek), source: 'model' as const }
    : { value: scaled(unansweredPerWeek, settings.switchShare), source: 'assumption' as const };

  const seconds = result.model.intervalSeconds;
  const intervals: IntervalRow[] = [];
  const openIntervals: number[] = [];
  result.intervals.forEach((kpis, index) => {
    if (kpis.offered.mean === 0 && kpis.occupancy.mean === 0) return;
    openIntervals.push(index);
    intervals.push({
      start: clock(index * seconds),
      end: clock((index + 1) * seconds),
      offered: kpis.offered.mean / days,
      answered: kpis.answered.mean / days,
      abandoned: kpis.abandoned.mean / days,
      blocked: kpis.blocked.mean / days,
      serviceLevel: kpis.serviceLevel.mean,
      asa: kpis.asa.mean,
      occupancy: kpis.occupancy.mean,
      // The engine keeps the queue's time integral for the whole run only; the digest has it per interval.
      meanQueueLength: digest.queueArea[index]! / (seconds * days * replications),
      maxQueueLength: kpis.maxQueueLength.mean,
      lostMargin: kpis.lostMargin.mean / days,
    });
  });

  const week: WeekPoint[] = [];
  for (let day = 0; day < days; day++) {
    for (const index of openIntervals) {
      const slot = digest.slots.get(day * result.model.intervalsPerDay + index);
      week.push({ day: day + 1, start: clock(index * seconds), offered: (slot?.offered ?? 0) / replications, answered: (slot?.answered ?? 0) / replications });
    }
  }

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
