/**
 * Regenerates schema/answers.schema.json from the zod answers-file schemas.
 *
 *   node --import tsx tools/write-answers-schema.ts [target]
 *
 * test/training/answers.test.ts fails when the committed file is stale.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answersJsonSchemaText } from '../src/training/answersJsonSchema.ts';
import { writeGenerated } from './writeGenerated.ts';

export const ANSWERS_SCHEMA_PATH = fileURLToPath(new URL('../schema/answers.schema.json', import.meta.url));

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { path, changed } = await writeGenerated(process.argv[2] ?? ANSWERS_SCHEMA_PATH, answersJsonSchemaText());
  process.stdout.write(`${path}: ${changed ? 'updated' : 'unchanged'}\n`);
}
