/** The consultant report's figures as JSON (the model itself; Infinity and NaN become null). */
import type { ReportModel } from './reportModel.ts';

/** Version of the JSON layout; bump when a field changes meaning or disappears. */
export const REPORT_JSON_VERSION = 1;

export function reportToJson(model: ReportModel): string {
  return JSON.stringify({ version: REPORT_JSON_VERSION, ...model }, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n';
}
