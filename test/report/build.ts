/** Builds report models from scenario files for the report tests (the CLI path without the files). */
import { readFileSync } from 'node:fs';
import { choosePlans } from '../../src/cli/commands/compare.ts';
import { consultantReport } from '../../src/report/consultantReport.ts';
import type { Language } from '../../src/report/format.ts';
import { DEFAULT_REPORT_SETTINGS, type ReportModel, type ReportSettings } from '../../src/report/reportModel.ts';
import { trainingHistorySchema, type TrainingScoreRow } from '../../src/report/trainingHistory.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';

export const TRAINING_FIXTURE = 'test/report/fixtures/training.json';
export const INJECTED_FIXTURE = 'test/report/fixtures/injected.yaml';

export function trainingRows(file = TRAINING_FIXTURE): TrainingScoreRow[] {
  const data = trainingHistorySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return Array.isArray(data) ? data : data.rows;
}

export async function buildReport(
  file: string,
  options: { replications?: number; language?: Language; training?: boolean; plans?: string[]; settings?: Partial<ReportSettings> } = {},
): Promise<ReportModel> {
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const scenario = { ...loaded.scenario, run: { ...loaded.scenario.run, ...(options.replications ? { replications: options.replications } : {}) } };
  const plans = choosePlans(file, loaded.scenario, loaded.source, options.plans).map((plan) => ({ ...plan, scenario: { ...plan.scenario, run: scenario.run } }));
  return consultantReport({
    scenario,
    source: loaded.source,
    plans,
    ...(options.training ? { training: trainingRows() } : {}),
    settings: { ...DEFAULT_REPORT_SETTINGS, language: options.language ?? scenario.language, ...options.settings },
  });
}
