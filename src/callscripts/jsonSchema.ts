import { z } from 'zod';
import { callScriptSchema } from './schema.ts';

/** `$id` of the call-script JSON Schema (a URN: the schema is identified, not hosted). */
export const CALLSCRIPT_SCHEMA_ID = 'urn:callfloor:schema:callscript';

/**
 * JSON Schema (draft 2020-12) of call scripts, generated from the zod schema, for editors:
 * start a script with `# yaml-language-server: $schema=../schema/callscript.schema.json`.
 * It describes the YAML as written (`io: 'input'`: defaults optional, durations as numbers
 * or text). It checks the shape only; gotos, reachability, translations, tags and effect
 * keys are checked by `callfloor lint`. Committed as schema/callscript.schema.json;
 * regenerate with `node --import tsx tools/write-callscript-schema.ts`.
 */
export function callScriptJsonSchema(): object {
  const generated = z.toJSONSchema(callScriptSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema: _generatedDialect, ...body } = generated;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CALLSCRIPT_SCHEMA_ID,
    title: 'callfloor call script',
    description:
      'A call script for callfloor: the caller it expects, the rubric it is scored with, and nodes with caller lines and agent options (tags, effects, duration, conditions, once, goto), fallbacks, timeouts and outcomes. Durations are seconds, or text such as 20s, 1.5min.',
    ...body,
  };
}

/** {@link callScriptJsonSchema} as the exact text of the committed file (2-space JSON, final newline). */
export function callScriptJsonSchemaText(): string {
  return JSON.stringify(callScriptJsonSchema(), null, 2) + '\n';
}
