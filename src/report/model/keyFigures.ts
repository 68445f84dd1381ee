/**
 * Key figures: the KPIs the run report shows, and the optional figures other helpers may add
 * to the KPIs ({@link OPTIONAL_FIGURES}), read when the scenario models them.
 *
 * @module
 */
import type { Estimate } from '../../metrics/estimate.ts';
import type { ScenarioConfig } from '../../scenario/schema.ts';
import type { RunResult } from '../../sim/run.ts';
import type { ValueUnit } from '../format.ts';
import { hasMoneySections } from '../moneyReport.ts';
import { shownKpis } from '../runReport.ts';
import { rangeOf, type Range } from './range.ts';

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

export interface KeyFigure extends Range {
  readonly key: string;
  readonly unit: ValueUnit;
}

/** The optional KPI's estimate, when the simulation computes it. */
function optionalEstimate(kpis: RunResult['kpis'], key: OptionalFigureKey): Estimate | undefined {
  const value = (kpis as unknown as Record<string, Estimate | undefined>)[key];
  return value !== undefined && typeof value.mean === 'number' ? value : undefined;
}

/** The optional figures this run models, by key. */
export function modelledOptionalFigures(scenario: ScenarioConfig, result: RunResult): Partial<Record<OptionalFigureKey, Estimate>> {
  return Object.fromEntries(
    OPTIONAL_FIGURES.flatMap(({ key }) => {
      // The money KPIs exist in every run but are only modelled with the scenario's money sections.
      const estimate = hasMoneySections(scenario) ? optionalEstimate(result.kpis, key) : undefined;
      return estimate ? [[key, estimate]] : [];
    }),
  ) as Partial<Record<OptionalFigureKey, Estimate>>;
}

/** The KPIs the run report shows (with the 90th percentile wait after the ASA), then the modelled optional figures. */
export function keyFiguresOf(result: RunResult, optional: Partial<Record<OptionalFigureKey, Estimate>>): KeyFigure[] {
  const keyFigures: KeyFigure[] = [];
  for (const { key, unit } of shownKpis(result)) {
    keyFigures.push({ key, unit, ...rangeOf(result.kpis[key]) });
    if (key === 'asa') keyFigures.push({ key: 'p90Wait', unit: 'seconds', ...rangeOf(result.p90Wait) });
  }
  for (const { key, unit } of OPTIONAL_FIGURES) {
    if (optional[key] && !keyFigures.some((figure) => figure.key === key)) keyFigures.push({ key, unit, ...rangeOf(optional[key]) });
  }
  return keyFigures;
}
