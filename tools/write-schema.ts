/**
 * Regenerates schema/scenario.schema.json from the zod scenario schema.
 *
 *   node --import tsx tools/write-schema.ts [target]
 *
 * The file is written atomically (a temporary file in the same folder, then a rename),
 * so an editor or a concurrent test never reads a half-written schema.
 * test/scenario/load.test.ts fails when the committed file is stale.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeGenerated } from './writeGenerated.ts';
import { scenarioJsonSchemaText } from '../src/scenario/jsonSchema.ts';

/** Where the committed schema lives. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));

/** Writes the scenario JSON Schema to `target`; reports whether the content changed. */
export async function writeScenarioSchema(target: string = SCHEMA_PATH): Promise<{ path: string; changed: boolean }> {
  return writeGenerated(target, scenarioJsonSchemaText());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2] ?? SCHEMA_PATH;
  const { path, changed } = await writeScenarioSchema(target);
  process.stdout.write(`${path}: ${changed ? 'updated' : 'unchanged'}\n`);
}
