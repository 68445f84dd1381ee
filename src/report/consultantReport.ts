/**
 * Runs what a consultant report needs — the scenario (streaming its calls into a digest),
 * and, when plans are given, the comparison on common random numbers — and builds the
 * report model. No I/O: the CLI reads the files and writes the outputs.
 */
import { checkCompareSettings, comparisonOf, variantRunOf, variantScenario, type Comparison, type Variant, type VariantRun } from '../compare/compare.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { prepareModel } from '../sim/model.ts';
import { replicate, summariseRun, type ReplicationOutput, type RunOptions, type RunResult } from '../sim/run.ts';
import { scenarioAssumptions, type Assumption } from './assumptions.ts';
import { CallDigest } from './callDigest.ts';
import { buildReportModel, type ReportModel, type ReportSettings } from './reportModel.ts';
import type { TrainingScoreRow } from './trainingHistory.ts';
import { summariseTraining } from './trainingHistory.ts';

export interface ConsultantReportInputs {
  /** The scenario as run (command-line overrides applied). */
  readonly scenario: ScenarioConfig;
  /** Its YAML file, to point every assumption at its line. */
  readonly source?: { readonly file: string; readonly text: string };
  /** Plans to compare with the scenario (none: no comparison section). */
  readonly plans?: readonly Variant[];
  /** Confidence level of every interval (default 0.95). */
  readonly confidence?: number;
  /** Settings changed on the command line, listed as such among the assumptions. */
  readonly overrides?: ReadonlyArray<{ readonly path: string; readonly value: string; readonly option: string }>;
  readonly training?: readonly TrainingScoreRow[];
  readonly settings: ReportSettings;
}

function reportAssumptions(inputs: ConsultantReportInputs, replications: number): Assumption[] {
  const { settings } = inputs;
  const overridden = new Map((inputs.overrides ?? []).map((override) => [override.path, override]));
  const rows = scenarioAssumptions(inputs.scenario, inputs.source).map((row): Assumption => {
    if (row.path === 'run.replications' && replications !== inputs.scenario.run.replications) {
      return { ...row, value: String(replications), source: { kind: 'report', basis: 'replicationsRaised' } };
    }
    const override = overridden.get(row.path);
    return override ? { ...row, value: override.value, source: { kind: 'option', option: override.option } } : row;
  });
  const given = Object.entries(settings.oneOffCosts);
  return [
    ...rows,
    { path: 'report.confidence', value: String(inputs.confidence ?? 0.95), source: { kind: 'report', basis: 'confidence' }, description: '' },
    { path: 'report.openDaysPerWeek', value: String(Math.round((inputs.scenario.money.openDaysPerYear / 52) * 100) / 100), source: { kind: 'report', basis: 'openDaysPerWeek' }, description: '' },
    { path: 'report.switchShare', value: String(settings.switchShare), source: { kind: 'report', basis: 'switchShare' }, description: '' },
    ...(inputs.plans && inputs.plans.length > 0
      ? [
          { path: 'report.onboardingWeeks', value: String(settings.onboardingWeeks), source: { kind: 'report', basis: 'onboardingWeeks' }, description: '' } as const,
          { path: 'report.hoursPerWeek', value: String(settings.hoursPerWeek), source: { kind: 'report', basis: 'hoursPerWeek' }, description: '' } as const,
        ]
      : []),
    ...given.map(([plan, cost]): Assumption => ({ path: `report.oneOffCost[${plan}]`, value: String(cost), source: { kind: 'option', option: '--one-off-cost' }, description: '' })),
  ];
}

/** Simulates the scenario (and its plans) and returns the report model. */
export function consultantReport(inputs: ConsultantReportInputs): ReportModel {
  const steps = reportSteps(inputs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same report, pausing (`await pause()`) after every replication of every variant, so that
 * the CLI handles Ctrl-C within one replication instead of after the whole simulation.
 */
export async function consultantReportPausing(inputs: ConsultantReportInputs, pause: () => Promise<void>): Promise<ReportModel> {
  const steps = reportSteps(inputs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** The replications of a scenario, one per step, then their summary (as runScenario gives it). */
function* runSteps(scenario: ScenarioConfig, confidence: number, options: RunOptions = {}): Generator<void, RunResult> {
  const model = prepareModel(scenario);
  const outputs: ReplicationOutput[] = [];
  for (const output of replicate(model, scenario.run.replications, options)) {
    outputs.push(output);
    yield;
  }
  return summariseRun(scenario, model, outputs, confidence);
}

/** The report's simulation, a replication per step, then the model. */
function* reportSteps(inputs: ConsultantReportInputs): Generator<void, ReportModel> {
  const { scenario } = inputs;
  const confidence = inputs.confidence ?? 0.95;
  const intervalSeconds = scenario.run.intervalMinutes * 60;
  const digest = new CallDigest(intervalSeconds, Math.ceil(86_400 / intervalSeconds));
  const plans = inputs.plans ?? [];
  // A comparison needs 2 replications for its intervals; the base run uses the same count so its figures match.
  const replications = plans.length > 0 ? Math.max(2, scenario.run.replications) : scenario.run.replications;
  const base: ScenarioConfig = { ...scenario, run: { ...scenario.run, replications } };
  const result = yield* runSteps(base, confidence, { onRecord: digest.add });
  let comparison: Comparison | undefined;
  if (plans.length > 0) {
    // As compareVariants: every variant with the base's seed and replications (common random numbers).
    const settings = { seed: base.run.seed, replications, confidence, precision: 0.05 };
    checkCompareSettings(settings);
    const runs: VariantRun[] = [];
    for (const variant of [{ name: 'base', scenario: base }, ...plans]) {
      const variantRun = variantScenario(variant, settings);
      runs.push(variantRunOf(variant, variantRun, yield* runSteps(variantRun, confidence)));
    }
    comparison = comparisonOf(runs[0]!, runs.slice(1), settings);
  }
  return buildReportModel({
    scenario: base,
    result,
    digest,
    ...(comparison ? { comparison } : {}),
    assumptions: reportAssumptions(inputs, replications),
    training: inputs.training ? summariseTraining(inputs.training) : null,
    settings: inputs.settings,
  });
}
