/**
 * The result of loading a scenario: what the loader (load.ts) returns, and what the steps
 * that read the files a scenario names (scripts.ts, arrivalsCsv.ts) take and give back.
 */
import type { Diagnostic } from './errors.ts';
import type { ScenarioConfig } from './schema.ts';

/** Result of loading a scenario: the typed scenario, or every error found. Warnings in both cases. */
export type LoadResult =
  | { ok: true; scenario: ScenarioConfig; warnings: Diagnostic[]; source: { file: string; text: string } }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };
