/**
 * `compareVariants` on the worker pool: the base and every plan are one batch of
 * replication tasks, so every core stays busy. Replication i of every variant runs with the
 * comparison's seed and its own index (the streams of `createStream(seed, name, i)`), exactly
 * as `runScenario` would, so the comparison is the same to the last bit for any number of
 * workers, and the same as the single-thread {@link compareVariants}.
 */
import { runScenarios, type RunManyOptions } from '../parallel/runScenarios.ts';
import { checkCompareSettings, comparisonOf, variantRunOf, variantScenario, type CompareSettings, type Comparison, type Variant } from './compare.ts';

/** Options of the pool (workers, progress, executor); replications and confidence come from the settings. */
export type CompareRunOptions = Omit<RunManyOptions, 'replications' | 'confidence'>;

export async function compareVariantsParallel(base: Variant, plans: readonly Variant[], settings: CompareSettings, options: CompareRunOptions = {}): Promise<Comparison> {
  checkCompareSettings(settings);
  const variants = [base, ...plans];
  const scenarios = variants.map((variant) => variantScenario(variant, settings));
  const results = await runScenarios(scenarios, { ...options, confidence: settings.confidence });
  const [baseRun, ...planRuns] = variants.map((variant, i) => variantRunOf(variant, scenarios[i]!, results[i]!));
  return comparisonOf(baseRun!, planRuns, settings);
}
