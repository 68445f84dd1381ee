/**
 * Plans compared with the base run: figures, net benefit, one-off cost and payback, and each
 * caller type and agent group now and with the plan.
 *
 * @module
 */
import type { FigureKey, PlanComparison, SegmentComparison, SegmentKey } from '../../compare/compare.ts';
import { figureOf } from '../../compare/compare.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import { formatChanges } from '../compareReport.ts';
import type { ValueUnit } from '../format.ts';
import { scaled, type Range, type Scale } from './range.ts';
import type { ReportSettings } from './settings.ts';

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

export function planSummary(plan: PlanComparison, settings: ReportSettings, scale: Scale): PlanSummary {
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
