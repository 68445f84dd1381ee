/**
 * Regenerates schema/callscript.schema.json from the zod call-script schema.
 *
 *   node --import tsx scripts/write-callscript-schema.ts [target]
 *
 * Written atomically (a temporary file in the same folder, then a rename).
 * test/callscripts/schema.test.ts fails when the committed file is stale.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { callScriptJsonSchemaText } from '../src/scripts/jsonSchema.ts';

/** Where the committed schema lives. */
export const CALLSCRIPT_SCHEMA_PATH = fileURLToPath(new URL('../schema/callscript.schema.json', import.meta.url));

/** Writes the call-script JSON Schema to `target`; reports whether the content changed. */
export async function writeCallScriptSchema(target: string = CALLSCRIPT_SCHEMA_PATH): Promise<{ path: string; changed: boolean }> {
  const text = callScriptJsonSchemaText();
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
  const { path, changed } = await writeCallScriptSchema(process.argv[2] ?? CALLSCRIPT_SCHEMA_PATH);
  process.stdout.write(`${path}: ${changed ? 'updated' : 'unchanged'}\n`);
}
