/**
 * Every check of scenario data, before positions: the schema (zod issues in the shared
 * wording) and the semantic checks. The loader runs it on the file, and plans on the base
 * scenario with their overrides applied.
 */
import { semanticFindings } from './checks/index.ts';
import type { Finding, Path } from './finding.ts';
import { scenarioIssueFindings } from './issues.ts';
import { scenarioSchema, type ScenarioConfig } from './schema.ts';

/** Schema and semantic findings for scenario data, and the typed scenario when the schema accepts it. */
export function scenarioDataFindings(data: Record<string, unknown>, lineOf: (path: Path) => number): { findings: Finding[]; scenario?: ScenarioConfig } {
  const findings: Finding[] = [];
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) findings.push(...scenarioIssueFindings(parsed.error.issues, data));
  findings.push(...semanticFindings(data, lineOf));
  return parsed.success ? { findings, scenario: parsed.data } : { findings };
}
