/**
 * Regenerates schema/callscript.schema.json from the zod call-script schema.
 *
 *   node --import tsx tools/write-callscript-schema.ts [target]
 *
 * Written atomically (a temporary file in the same folder, then a rename).
 * test/callscripts/schema.test.ts fails when the committed file is stale.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeGenerated } from './writeGenerated.ts';
import { callScriptJsonSchemaText } from '../src/callscripts/jsonSchema.ts';

/** Where the committed schema lives. */
export const CALLSCRIPT_SCHEMA_PATH = fileURLToPath(new URL('../schema/callscript.schema.json', import.meta.url));

/** Writes the call-script JSON Schema to `target`; reports whether the content changed. */
export async function writeCallScriptSchema(target: string = CALLSCRIPT_SCHEMA_PATH): Promise<{ path: string; changed: boolean }> {
  return writeGenerated(target, callScriptJsonSchemaText());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { path, changed } = await writeCallScriptSchema(process.argv[2] ?? CALLSCRIPT_SCHEMA_PATH);
  process.stdout.write(`${path}: ${changed ? 'updated' : 'unchanged'}\n`);
}
