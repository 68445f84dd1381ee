/** Shared by the training tests: bundled scripts, loaded once per file. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScriptDiagnostics } from '../../src/callscripts/errors.ts';
import { loadCallScriptFile } from '../../src/callscripts/load.ts';
import type { CallScript } from '../../src/callscripts/schema.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bundledDir = join(root, 'callscripts');
export const BUNDLED_IDS = ['hospital-appointment', 'missing-parts-complaint', 'order-status-secretary', 'pre-sale-reassurance', 'top-tier-switching'] as const;

const cache = new Map<string, CallScript>();

export async function bundled(id: string): Promise<CallScript> {
  const known = cache.get(id);
  if (known !== undefined) return known;
  const result = await loadCallScriptFile(join(bundledDir, `${id}.yaml`));
  if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
  cache.set(id, result.script);
  return result.script;
}
