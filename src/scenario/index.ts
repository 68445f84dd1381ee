/** Scenario configuration: the zod schema, the YAML loader, its error catalogue and the JSON Schema for editors. */
export * from './schema.ts';
export * from './errors.ts';
export { loadScenarioFile, parseScenario, formatPath, closest, MAX_ALIAS_COUNT, MAX_CALLS_PER_HOUR, MAX_FILE_BYTES, SHARES_TOLERANCE } from './load.ts';
export type { LoadResult } from './load.ts';
export { scenarioJsonSchema, scenarioJsonSchemaText, SCENARIO_SCHEMA_ID } from './jsonSchema.ts';
