/**
 * YAML → typed scenario: the loader's public entry. The work is done in the modules it
 * re-exports, each one step or concern:
 * - parse.ts: text → YAML → schema → semantic checks → plans, every problem at its position;
 * - loadFile.ts: reading the file, and the call scripts and arrivals CSV it names;
 * - issues.ts: zod issues in the wording every loader shares (src/yaml/zodIssues.ts);
 * - checks/: semantic checks, one module per feature;
 * - help.ts, schemaPaths.ts: help texts by path, and what the schema allows at a path;
 * - plans/: overrides and plans;
 * - words.ts, limits.ts, loadResult.ts: paths and values in words, limits, the result type.
 */
export { closest, formatPath } from './words.ts';
export { MAX_ALIAS_COUNT, MAX_CALLS_PER_HOUR, MAX_DEPTH, MAX_FILE_BYTES, SHARES_TOLERANCE } from './limits.ts';
export type { LoadResult } from './loadResult.ts';
export { parseScenario } from './parse.ts';
export { loadScenarioFile } from './loadFile.ts';
export { formatOverridePath, parseOverridePath, type OverrideSegment } from './plans/overridePath.ts';
export { applyOverrides, FIXED_PLAN_SETTINGS, type OverrideResult } from './plans/override.ts';
export { resolvePlans, type PlansResult, type ResolvedPlan } from './plans/resolve.ts';
