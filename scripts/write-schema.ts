/**
 * Regenerates schema/scenario.schema.json from the zod scenario schema.
 *
 *   node --import tsx scripts/write-schema.ts [target]
 *
 * The file is written atomically (a temporary file in the same folder, then a rename),
 * so an editor or a concurrent test never reads a half-written schema.
 * test/scenario/load.test.ts fails when the committed file is stale.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/jsonSchema.ts';

/** Where the committed schema lives. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));

/** Writes the scenario JSON Schema to `target`; reports whether the content changed. */
export async function writeScenarioSchema(target: string = SCHEMA_PATH): Promise<{ path: string; changed: boolean }> {
  const text = scenarioJsonSchemaText();
  let previous: string | undefined;
  try {
    previous = await readFile(target, 'utf8');
  } catch {
    previous = undefined;
  }
  const folder = dirname(target);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { path: target, changed: previous !== text };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2] ?? SCHEMA_PATH;
  const { path, changed } = await writeScenarioSchema(target);
  process.stdout.write(`${path}: ${changed ? 'updated' : 'unchanged'}\n`);
}
