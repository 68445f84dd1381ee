import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** `$id` of the scenario JSON Schema (a URN: the schema is identified, not hosted). */
export const SCENARIO_SCHEMA_ID = 'urn:callfloor:schema:scenario';

/**
 * JSON Schema (draft 2020-12) of scenario files, generated from the zod schema, for
 * editors: put `# yaml-language-server: $schema=<path>/scenario.schema.json` first in a
 * scenario to get completion and checking as you type.
 *
 * It describes the YAML as written (`io: 'input'`): settings with defaults are optional
 * and durations may be numbers or text such as `15min`. It checks the shape only; the
 * loader's semantic checks (shares sum to 1, references, opening hours…) are not in it.
 * The committed copy is `schema/scenario.schema.json`; regenerate it with
 * `node --import tsx tools/write-schema.ts`.
 */
export function scenarioJsonSchema(): object {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema: _generatedDialect, ...body } = generated;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCENARIO_SCHEMA_ID,
    title: 'callfloor scenario',
    description:
      'A call-centre scenario for callfloor: opening hours, arrivals, caller and problem types, agents, queue, service level and money. Durations are seconds, or text such as 20s, 15min, 1.5h, 2d.',
    ...body,
  };
}

/** {@link scenarioJsonSchema} as the exact text of the committed file (2-space JSON, final newline). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
