/**
 * `--check`: simulate the fitted scenario and compare its KPIs with the ones observed in
 * the log, per interval and for the whole log, with the relative error
 * (simulated − observed) / observed. The verdict is on the whole log: abandonment and
 * service level each within the tolerance (10% by default, relative). Per-interval errors
 * are shown, not judged: an interval holds a few hundred calls, so its noise alone is often
 * larger than 10%.
 *
 * The scenario simulated is the one written (parsed back from the YAML text), so what is
 * checked is exactly what the user gets; it runs `run.days` (the days in the log) for
 * `replications` replications, and the simulated figures are means over replications.
 */
import { parseScenario } from '../scenario/load.ts';
import { formatDiagnostics } from '../scenario/errors.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { runScenario } from '../sim/run.ts';
import type { Estimates } from './estimate.ts';
import { timeOfDay } from './estimate.ts';

export interface CheckOptions {
  /** Replications of the simulation (20 by default). */
  readonly replications?: number;
  /** Largest relative error accepted on the whole log's abandonment and service level (0.1). */
  readonly tolerance?: number;
}

export interface KpiComparison {
  readonly observed: number;
  readonly simulated: number;
  /** (simulated − observed) / observed; NaN when observed is 0. */
  readonly relativeError: number;
}

export interface CheckRow {
  /** `HH:MM` start of the interval, or `total`. */
  readonly interval: string;
  readonly offered: KpiComparison;
  readonly abandonment: KpiComparison;
  readonly serviceLevel: KpiComparison;
  readonly asa: KpiComparison;
}

export interface CheckResult {
  readonly replications: number;
  readonly tolerance: number;
  readonly rows: readonly CheckRow[];
  readonly total: CheckRow;
  /** Whether the whole log's abandonment and service level are both within the tolerance. */
  readonly pass: boolean;
}

function compare(observed: number, simulated: number): KpiComparison {
  return { observed, simulated, relativeError: observed !== 0 ? (simulated - observed) / observed : NaN };
}

/** Parses the written scenario back; throws an Error listing the diagnostics if it does not load (a bug). */
export function scenarioFromYaml(yamlText: string, label: string): ScenarioConfig {
  const loaded = parseScenario(yamlText, label);
  if (!loaded.ok) throw new Error(`the calibrated scenario does not load:\n${formatDiagnostics(loaded.errors)}`);
  return loaded.scenario;
}

/** Simulates the scenario written from `estimates` and compares it with the log. */
export function checkCalibration(estimates: Estimates, scenario: ScenarioConfig, options: CheckOptions = {}): CheckResult {
  const replications = options.replications ?? 20;
  const tolerance = options.tolerance ?? 0.1;
  const result = runScenario(scenario, { replications });
  const intervalSeconds = scenario.run.intervalMinutes * 60;
  const rows: CheckRow[] = estimates.observed.intervals.map((observed) => {
    const simulated = result.intervals[observed.index]!;
    return {
      interval: timeOfDay(observed.index * intervalSeconds),
      offered: compare(observed.kpis.offered, simulated.offered.mean),
      abandonment: compare(observed.kpis.abandonmentRate, simulated.abandonmentRate.mean),
      serviceLevel: compare(observed.kpis.serviceLevel, simulated.serviceLevel.mean),
      asa: compare(observed.kpis.asa, simulated.asa.mean),
    };
  });
  const observed = estimates.observed.total;
  const total: CheckRow = {
    interval: 'total',
    offered: compare(observed.offered, result.kpis.offered.mean),
    abandonment: compare(observed.abandonmentRate, result.kpis.abandonmentRate.mean),
    serviceLevel: compare(observed.serviceLevel, result.kpis.serviceLevel.mean),
    asa: compare(observed.asa, result.kpis.asa.mean),
  };
  const within = (comparison: KpiComparison): boolean =>
    Number.isNaN(comparison.relativeError) ? Math.abs(comparison.simulated) < 1e-3 : Math.abs(comparison.relativeError) <= tolerance;
  return { replications, tolerance, rows, total, pass: within(total.abandonment) && within(total.serviceLevel) };
}
