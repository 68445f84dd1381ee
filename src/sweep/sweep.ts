/**
 * A sweep: the base scenario with each point of a grid of settings applied, every point
 * validated as a scenario file would be, then all points' replications run as one batch
 * (on the worker pool or a queue). Every point uses the base seed, so points meet the same
 * callers (common random numbers) and their differences are differences of settings.
 */
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import type { Kpis } from '../metrics/kpis.ts';
import { runScenarios, type RunManyOptions } from '../parallel/runScenarios.ts';
import { applyOverrides } from '../scenario/load.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { RunResult } from '../sim/run.ts';
import { gridPoints, pointLabel, type SweepAxis, type SweepPoint } from './grid.ts';

/** Figures a sweep reports per point: KPIs, and `netMargin` = margin made − staff cost. */
export type SweepFigure = keyof Kpis | 'netMargin' | 'lostPlusCost';

/** Reported figures with their unit, in display order. */
export const SWEEP_FIGURES: ReadonlyArray<{ key: SweepFigure; label: string; unit: 'rate' | 'seconds' | 'money' | 'count' }> = [
  { key: 'offered', label: 'offered', unit: 'count' },
  { key: 'serviceLevel', label: 'service level', unit: 'rate' },
  { key: 'abandonmentRate', label: 'abandoned', unit: 'rate' },
  { key: 'blockingRate', label: 'busy', unit: 'rate' },
  { key: 'asa', label: 'ASA', unit: 'seconds' },
  { key: 'occupancy', label: 'occupancy', unit: 'rate' },
  { key: 'lostMargin', label: 'lost sales (margin)', unit: 'money' },
  { key: 'staffCost', label: 'staff cost', unit: 'money' },
  { key: 'lostPlusCost', label: 'lost + cost', unit: 'money' },
  { key: 'netMargin', label: 'margin − cost', unit: 'money' },
];

export interface SweepPointResult {
  readonly point: SweepPoint;
  readonly label: string;
  readonly scenario: ScenarioConfig;
  readonly result: RunResult;
  /** Each reported figure as mean ± CI over the replications. */
  readonly figures: Readonly<Record<SweepFigure, Estimate>>;
}

export interface SweepResult {
  readonly base: ScenarioConfig;
  readonly axes: readonly SweepAxis[];
  readonly replications: number;
  readonly points: readonly SweepPointResult[];
}

/** The scenario of every point, or every problem (one line per bad point). */
export function sweepScenarios(
  base: ScenarioConfig,
  axes: readonly SweepAxis[],
): { ok: true; points: Array<{ point: SweepPoint; scenario: ScenarioConfig }> } | { ok: false; problems: string[] } {
  const points: Array<{ point: SweepPoint; scenario: ScenarioConfig }> = [];
  const problems: string[] = [];
  const reported = new Set<string>();
  if (base.staffing !== undefined && axes.some((axis) => axis.path === 'agents.count')) {
    return {
      ok: false,
      problems: [
        `--set agents.count  SWEEP_NO_EFFECT  the scenario has a staffing: schedule, which replaces agents.count — sweep its steps instead (e.g. --set staffing[0].agents=2..5), or remove staffing: from the scenario`,
      ],
    };
  }
  for (const point of gridPoints(axes)) {
    const label = `--set ${pointLabel(point)}`;
    const applied = applyOverrides({ ...base, plans: undefined }, withGroupTotal(base, axes, point), label);
    if (applied.ok) {
      points.push({ point, scenario: applied.scenario });
      continue;
    }
    for (const error of applied.errors) {
      // The same bad setting fails every point it is in: say it once.
      const message = error.message.startsWith(`${label}: `) ? error.message.slice(label.length + 2) : error.message;
      const key = `${error.code} ${message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(`${label}  ${error.code}  ${message} — ${error.hint}`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, points };
}

/**
 * A point that changes the size of agent groups but not agents.count gets agents.count set to
 * the groups' new total (the loader requires them to match), so `--set agents.groups[vendite].count=2..5`
 * works on its own.
 */
function withGroupTotal(base: ScenarioConfig, axes: readonly SweepAxis[], point: SweepPoint): SweepPoint {
  const groups = base.agents.groups;
  const groupCount = /^agents\.groups\[([^\]]+)\]\.count$/;
  if (groups === undefined || axes.some((axis) => axis.path === 'agents.count') || !axes.some((axis) => groupCount.test(axis.path))) return point;
  const total = groups.reduce((sum, group, index) => {
    const value = point[`agents.groups[${group.id}].count`] ?? point[`agents.groups[${index}].count`];
    return sum + (typeof value === 'number' ? value : group.count);
  }, 0);
  return { ...point, 'agents.count': total };
}

/** Figures of one point from its run. */
export function sweepFigures(result: RunResult): Record<SweepFigure, Estimate> {
  const confidence = result.kpis.offered.confidence;
  const per = (value: (kpis: Kpis) => number): Estimate => estimateOf(result.replications.map((r) => value(r.kpis)), confidence);
  const figures: Partial<Record<SweepFigure, Estimate>> = {};
  for (const { key } of SWEEP_FIGURES) {
    figures[key] =
      key === 'netMargin'
        ? per((kpis) => kpis.margin - kpis.staffCost)
        : key === 'lostPlusCost'
          ? per((kpis) => kpis.lostMargin + kpis.staffCost)
          : result.kpis[key];
  }
  return figures as Record<SweepFigure, Estimate>;
}

/** Runs every point of the grid. Throws nothing for bad points: check {@link sweepScenarios} first. */
export async function runSweep(
  base: ScenarioConfig,
  axes: readonly SweepAxis[],
  points: ReadonlyArray<{ point: SweepPoint; scenario: ScenarioConfig }>,
  options: RunManyOptions = {},
): Promise<SweepResult> {
  const replications = options.replications ?? base.run.replications;
  const results = await runScenarios(points.map((p) => p.scenario), { ...options, replications });
  return {
    base,
    axes,
    replications,
    points: points.map(({ point, scenario }, i) => ({
      point,
      label: pointLabel(point),
      scenario,
      result: results[i]!,
      figures: sweepFigures(results[i]!),
    })),
  };
}
