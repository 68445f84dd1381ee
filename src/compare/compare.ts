/**
 * Plans compared with a base scenario on common random numbers.
 *
 * Every variant (the base, each plan) runs the same replications with the same seed, so
 * replication i of each meets the same callers: same arrival times, caller types,
 * patience, intent, order values, handle times (unless the plan changes how they are
 * drawn). Each figure is then compared replication by replication (plan − base) with a
 * paired Student-t interval. The core is pure and variant-agnostic: a sweep can call
 * {@link runVariant} once per point and {@link comparePair} against one base run.
 */
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import { KPI_LABELS, type Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { runScenario, type RunResult } from '../sim/run.ts';
import { scenarioChanges, type ScenarioChange } from './changes.ts';
import { pairedDifference, type Interval, type PairedDifference } from './pairedDifference.ts';
import { replicationsForSignificance, replicationsNeeded } from './replicationsNeeded.ts';

/** How a figure is measured (the KPI units, as in `KPI_LABELS`). */
export type FigureUnit = (typeof KPI_LABELS)[number]['unit'];

/**
 * The figures compared: every KPI, plus `netMargin` = margin made − staff cost (per
 * replication). The difference of `netMargin` is the plan's **net benefit**:
 * Δ margin made − Δ staff cost. It counts sales actually made, so it stays right for
 * plans that change conversion or order values; Δ lost margin is shown beside it.
 */
export type FigureKey = keyof Kpis | 'netMargin';

/** Every compared figure with its unit, in display order. */
export const COMPARED_FIGURES: ReadonlyArray<{ key: FigureKey; unit: FigureUnit }> = [
  ...KPI_LABELS.map(({ key, unit }) => ({ key, unit })),
  { key: 'netMargin', unit: 'money' },
];

/** A scenario to compare: the base, one of its plans, or another file. */
export interface Variant {
  /** `base`, the plan's name, or the file. */
  readonly name: string;
  readonly description?: string;
  readonly scenario: ScenarioConfig;
}

/** Settings shared by every variant of a comparison. */
export interface CompareSettings {
  /** Master seed used for every variant (common random numbers). */
  readonly seed: number;
  /** Replications of every variant; at least 2. */
  readonly replications: number;
  /** Confidence level of every interval, e.g. 0.95. */
  readonly confidence: number;
  /** Relative half-width for `replicationsNeeded`, e.g. 0.05 for ±5%. */
  readonly precision: number;
}

/** One variant's replications, with each figure's value per replication. */
export interface VariantRun {
  readonly variant: Variant;
  /** The scenario as run (seed and replications set by the comparison). */
  readonly scenario: ScenarioConfig;
  readonly result: RunResult;
  /** Value of each figure in replication 0, 1, … */
  readonly samples: Readonly<Record<FigureKey, readonly number[]>>;
}

/** One figure of a plan compared with the base. */
export interface FigureComparison {
  readonly key: FigureKey;
  readonly unit: FigureUnit;
  readonly base: Estimate;
  readonly plan: Estimate;
  /** Replications each variant needs for its mean ± `precision` (null: unknown; Infinity: mean 0). */
  readonly replicationsNeeded: { readonly base: number | null; readonly plan: number | null };
  /** plan − base, paired by replication. */
  readonly difference: PairedDifference;
  /** Replications after which the difference would likely be significant (this run's count if it is; Infinity if exactly 0). */
  readonly replicationsForSignificance: number | null;
  /** Money figures: the difference scaled to a month and a year of open days. */
  readonly money?: { readonly perMonth: Interval; readonly perYear: Interval };
}

/** A plan compared with the base. */
export interface PlanComparison {
  readonly base: Variant;
  readonly plan: Variant;
  /** Settings in which the plan's scenario differs from the base's. */
  readonly changes: readonly ScenarioChange[];
  readonly figures: readonly FigureComparison[];
  /** Every figure is the same in every replication: the change never made a difference to these callers. */
  readonly identical: boolean;
  /** Key figures per caller type (when base and plan have the same several types): the fairness of a policy. */
  readonly byCallerType: readonly SegmentComparison[];
  /** Key figures per agent group present in both (skill-based routing). */
  readonly byGroup: readonly SegmentComparison[];
}

/** Some figures of one caller type or agent group, base against plan. */
export interface SegmentComparison {
  readonly id: string;
  readonly figures: readonly SegmentFigure[];
}

export interface SegmentFigure {
  readonly key: SegmentKey;
  readonly unit: FigureUnit;
  readonly base: Estimate;
  readonly plan: Estimate;
  readonly difference: PairedDifference;
}

/** The figures compared per caller type, and per agent group. */
export const CALLER_TYPE_FIGURES = ['abandonmentRate', 'serviceLevel', 'asa', 'lostMargin'] as const;
export const GROUP_FIGURES = ['answered', 'overflowAnswered', 'occupancy'] as const;
export type SegmentKey = (typeof CALLER_TYPE_FIGURES)[number] | (typeof GROUP_FIGURES)[number];

/** Factors that turn money over the simulated days into money per year and per month. */
export interface MoneyScale {
  readonly days: number;
  readonly openDaysPerYear: number;
  /** openDaysPerYear / days. */
  readonly perYear: number;
  /** perYear / 12. */
  readonly perMonth: number;
}

/** The whole comparison: the base and each plan. */
export interface Comparison {
  readonly settings: CompareSettings;
  readonly scale: MoneyScale;
  readonly currency: string;
  readonly base: VariantRun;
  readonly plans: readonly PlanComparison[];
}

/** Money per simulated run → per year (× open days per year / days) and per month (a year / 12). */
export function moneyScale(scenario: ScenarioConfig): MoneyScale {
  const perYear = scenario.money.openDaysPerYear / scenario.run.days;
  return { days: scenario.run.days, openDaysPerYear: scenario.money.openDaysPerYear, perYear, perMonth: perYear / 12 };
}

function scaled(interval: Interval, factor: number): Interval {
  return { mean: interval.mean * factor, low: interval.low * factor, high: interval.high * factor };
}

/**
 * What makes two scenarios incomparable call by call or euro by euro: different days or
 * warm-up (different callers), currency or open days per year (different money). Empty when
 * they can be compared. (Seed and replications are set by the comparison itself.)
 */
export function incomparability(base: ScenarioConfig, other: ScenarioConfig): string[] {
  const problems: string[] = [];
  const check = (what: string, a: unknown, b: unknown): void => {
    if (a !== b) problems.push(`${what} is ${String(b)}, but ${String(a)} in the base`);
  };
  check('run.days', base.run.days, other.run.days);
  check('run.warmup', base.run.warmup, other.run.warmup);
  check('money.currency', base.money.currency, other.money.currency);
  check('money.openDaysPerYear', base.money.openDaysPerYear, other.money.openDaysPerYear);
  return problems;
}

/** The variant's scenario as a comparison runs it: the comparison's seed and replications. */
export function variantScenario(variant: Variant, settings: Pick<CompareSettings, 'seed' | 'replications'>): ScenarioConfig {
  if (!(Number.isInteger(settings.replications) && settings.replications >= 2)) {
    throw new RangeError(`a comparison needs at least 2 replications, got ${settings.replications}`);
  }
  return { ...variant.scenario, run: { ...variant.scenario.run, seed: settings.seed, replications: settings.replications } };
}

/** A variant's run with each figure's value per replication; `scenario` from {@link variantScenario}. */
export function variantRunOf(variant: Variant, scenario: ScenarioConfig, result: RunResult): VariantRun {
  const samples = {} as Record<FigureKey, number[]>;
  for (const { key } of COMPARED_FIGURES) {
    samples[key] = result.replications.map(({ kpis }) => (key === 'netMargin' ? kpis.margin - kpis.staffCost : kpis[key]));
  }
  return { variant, scenario, result, samples };
}

/** Runs one variant with the comparison's seed and replications. */
export function runVariant(variant: Variant, settings: Pick<CompareSettings, 'seed' | 'replications' | 'confidence'>): VariantRun {
  const scenario = variantScenario(variant, settings);
  return variantRunOf(variant, scenario, runScenario(scenario, { confidence: settings.confidence }));
}

/** Compares a plan's run with the base's, figure by figure. Both must come from {@link runVariant} with the same settings. */
export function comparePair(base: VariantRun, plan: VariantRun, settings: CompareSettings): PlanComparison {
  if (base.scenario.run.seed !== plan.scenario.run.seed || base.result.replications.length !== plan.result.replications.length) {
    throw new RangeError('the plan and the base must run with the same seed and replications (common random numbers)');
  }
  const problems = incomparability(base.scenario, plan.scenario);
  if (problems.length > 0) throw new RangeError(`${plan.variant.name} cannot be compared with ${base.variant.name}: ${problems.join('; ')}`);
  const scale = moneyScale(base.scenario);
  let identical = true;
  const figures = COMPARED_FIGURES.map(({ key, unit }): FigureComparison => {
    const baseValues = base.samples[key];
    const planValues = plan.samples[key];
    if (planValues.some((value, i) => value !== baseValues[i])) identical = false;
    const baseEstimate = estimateOf(baseValues, settings.confidence);
    const planEstimate = estimateOf(planValues, settings.confidence);
    const difference = pairedDifference(baseValues, planValues, settings.confidence);
    return {
      key,
      unit,
      base: baseEstimate,
      plan: planEstimate,
      replicationsNeeded: {
        base: replicationsNeeded(baseEstimate, settings.precision),
        plan: replicationsNeeded(planEstimate, settings.precision),
      },
      difference,
      replicationsForSignificance: replicationsForSignificance(difference),
      ...(unit === 'money' ? { money: { perMonth: scaled(difference, scale.perMonth), perYear: scaled(difference, scale.perYear) } } : {}),
    };
  });
  return {
    base: base.variant,
    plan: plan.variant,
    changes: scenarioChanges(base.scenario, plan.scenario),
    figures,
    identical,
    byCallerType: callerTypeComparisons(base, plan, settings.confidence),
    byGroup: groupComparisons(base, plan, settings.confidence),
  };
}

function segmentFigure(key: SegmentKey, unit: FigureUnit, baseValues: readonly number[], planValues: readonly number[], confidence: number): SegmentFigure {
  return {
    key,
    unit,
    base: estimateOf(baseValues, confidence),
    plan: estimateOf(planValues, confidence),
    difference: pairedDifference(baseValues, planValues, confidence),
  };
}

/** Per caller type, when base and plan have the same caller types (more than one). */
function callerTypeComparisons(base: VariantRun, plan: VariantRun, confidence: number): SegmentComparison[] {
  const ids = base.scenario.callerTypes.map((type) => type.id);
  const planIds = plan.scenario.callerTypes.map((type) => type.id);
  if (ids.length < 2 || ids.join('\n') !== planIds.join('\n')) return [];
  const unitOf = new Map(KPI_LABELS.map((label) => [label.key, label.unit]));
  return ids.map((id, t) => ({
    id,
    figures: CALLER_TYPE_FIGURES.map((key) =>
      segmentFigure(
        key,
        unitOf.get(key)!,
        base.result.replications.map((r) => r.byCallerType[t]![key]),
        plan.result.replications.map((r) => r.byCallerType[t]![key]),
        confidence,
      ),
    ),
  }));
}

/** Per agent group found (by id) in both base and plan. */
function groupComparisons(base: VariantRun, plan: VariantRun, confidence: number): SegmentComparison[] {
  const ids = base.result.byGroup.map((group) => group.id);
  const planIds = plan.result.byGroup.map((group) => group.id);
  return ids.flatMap((id, g) => {
    const p = planIds.indexOf(id);
    if (p < 0) return [];
    return [
      {
        id,
        figures: GROUP_FIGURES.map((key) =>
          segmentFigure(
            key,
            key === 'occupancy' ? 'rate' : 'count',
            base.result.replications.map((r) => r.byGroup[g]![key]),
            plan.result.replications.map((r) => r.byGroup[p]![key]),
            confidence,
          ),
        ),
      },
    ];
  });
}

/** Checks the settings a comparison needs before anything runs. */
export function checkCompareSettings(settings: CompareSettings): void {
  if (!(settings.precision > 0)) throw new RangeError(`precision ${settings.precision} must be more than 0`);
  if (!(Number.isInteger(settings.replications) && settings.replications >= 2)) {
    throw new RangeError(`a comparison needs at least 2 replications, got ${settings.replications}`);
  }
}

/** The comparison of runs already made: the base's and each plan's, in order. */
export function comparisonOf(baseRun: VariantRun, planRuns: readonly VariantRun[], settings: CompareSettings): Comparison {
  return {
    settings,
    scale: moneyScale(baseRun.scenario),
    currency: baseRun.scenario.money.currency,
    base: baseRun,
    plans: planRuns.map((planRun) => comparePair(baseRun, planRun, settings)),
  };
}

/**
 * Runs the base and every plan on common random numbers, on this thread, and compares each
 * plan with the base. `compareVariantsParallel` (src/compare/compareParallel.ts) gives the
 * same comparison, to the last bit, on the worker pool.
 */
export function compareVariants(base: Variant, plans: readonly Variant[], settings: CompareSettings): Comparison {
  checkCompareSettings(settings);
  return comparisonOf(runVariant(base, settings), plans.map((plan) => runVariant(plan, settings)), settings);
}

/** The comparison of one figure (every plan comparison has all of them). */
export function figureOf(comparison: PlanComparison, key: FigureKey): FigureComparison {
  const figure = comparison.figures.find((candidate) => candidate.key === key);
  if (figure === undefined) throw new RangeError(`no figure ${key}`);
  return figure;
}
