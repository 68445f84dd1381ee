/** Calibration: call log → estimates → commented scenario, fit report and check. */
export * from './calibrate.ts';
export * from './check.ts';
export * from './diagnostics.ts';
export * from './estimate.ts';
export * from './fit.ts';
export { parseColumnMap, DEFAULT_COLUMN_MAP, GENERIC_FIELDS, type ColumnMap, type GenericField } from './formats/generic.ts';
export { readLogFile, readLogLines, readLines, LOG_FORMATS, type LogFormat, type LogReading, type LineSource, type SkipReason } from './readLog.ts';
export * from './report.ts';
export { scenarioOf, scenarioYaml } from './scenarioYaml.ts';
export { parseTimestamp, ZoneClock, type Timestamp } from './time.ts';
