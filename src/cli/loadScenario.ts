import { formatDiagnostic } from '../scenario/errors.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { CliError } from './cliError.ts';

/** Loads a scenario for a command; prints every problem and stops with exit code 2 if it is invalid. */
export async function loadScenarioOrFail(path: string, stderr: (text: string) => void): Promise<ScenarioConfig> {
  const result = await loadScenarioFile(path);
  for (const warning of result.warnings) stderr(formatDiagnostic(warning) + '\n');
  if (!result.ok) {
    for (const error of result.errors) stderr(formatDiagnostic(error) + '\n');
    const count = result.errors.length;
    throw new CliError(`${path}: ${count} ${count === 1 ? 'error' : 'errors'}; nothing was simulated.`);
  }
  return result.scenario;
}
