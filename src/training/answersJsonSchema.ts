import { z } from 'zod';
import { answerListSchema, answerMapSchema } from './answers.ts';

/** `$id` of the answers-file JSON Schema. */
export const ANSWERS_SCHEMA_ID = 'urn:callfloor:schema:answers';

/**
 * JSON Schema (draft 2020-12) of answers files, generated from the zod schemas, for editors:
 * start a file with `# yaml-language-server: $schema=<path>/schema/answers.schema.json`.
 * Committed as schema/answers.schema.json; regenerate with `npm run answers-schema:write`.
 */
export function answersJsonSchema(): object {
  const generated = z.toJSONSchema(z.union([answerListSchema, answerMapSchema]), { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema: _generatedDialect, ...body } = generated;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: ANSWERS_SCHEMA_ID,
    title: 'callfloor answers file',
    description:
      'The choices of a call played without a terminal (callfloor train SCRIPT --answers FILE): a list of option ids in the order they are chosen, or a map from node id to the option (or one option per visit). A choice is an option id, or { option, thinking } with the seconds hesitated first.',
    ...body,
  };
}

/** {@link answersJsonSchema} as the exact text of the committed file. */
export function answersJsonSchemaText(): string {
  return JSON.stringify(answersJsonSchema(), null, 2) + '\n';
}
