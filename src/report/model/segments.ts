/**
 * The base run per caller type and per agent group.
 *
 * @module
 */
import type { ScenarioConfig } from '../../scenario/schema.ts';
import type { RunResult } from '../../sim/run.ts';
import { rangeOf, shareRangeOf, type Range, type Scale } from './range.ts';

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

/** The base run per caller type, when there are two or more (the engine reports none for one). */
export function callerTypeRows(scenario: ScenarioConfig, result: RunResult, scale: Scale): CallerTypeRow[] {
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
export function groupRows(scenario: ScenarioConfig, result: RunResult, scale: Scale): GroupRow[] {
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
