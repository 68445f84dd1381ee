/**
 * Reading a zod schema's definition, to tell the user which keys, words and ranges a
 * setting allows. zod 4 keeps the definition under `_zod.def`.
 */

export interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  options?: unknown[];
  discriminator?: string;
  values?: unknown[];
  valueType?: unknown;
}

export function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

const WRAPPERS = ['default', 'optional', 'nullable', 'readonly', 'prefault', 'catch', 'nonoptional'];

/** Strips defaults, optionals and transforms down to the schema the input must match. */
export function unwrapSchema(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (WRAPPERS.includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}
