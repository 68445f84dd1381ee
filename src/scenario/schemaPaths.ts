/**
 * What the scenario schema allows at a path, read from the zod schema itself: the keys of a
 * map, the bounds of a number, whether a distribution or a duration fits, the distributions
 * and their fields. Diagnostics quote these, so that they never disagree with the schema.
 */
import { distributionSchema } from '../dists/schema.ts';
import { defOf, isPlainObject, unwrapSchema as unwrap, valueAt, type Path, type SchemaDef } from '../yaml/index.ts';
import type { NumberBounds } from '../yaml/zodIssues.ts';
import { durationSchema, scenarioSchema } from './schema.ts';

/** Union members that can apply to `raw` (for a discriminated union, the one its discriminator names). */
function expandUnion(schema: unknown, raw: unknown): unknown[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def?.type !== 'union' || !def.options) return [inner];
  let options = def.options;
  if (def.discriminator && isPlainObject(raw) && typeof raw[def.discriminator] === 'string') {
    const wanted = raw[def.discriminator];
    const matching = options.filter((option) => {
      const field = defOf(unwrap(option))?.shape?.[def.discriminator!];
      return defOf(field)?.values?.includes(wanted) ?? false;
    });
    if (matching.length > 0) options = matching;
  }
  return options.flatMap((option) => expandUnion(option, raw));
}

/** The field schemas (before union expansion) that apply at `path`. */
function fieldSchemasAt(data: unknown, path: Path): unknown[] {
  let current: unknown[] = [scenarioSchema];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const raw = valueAt(data, path.slice(0, i));
    const next: unknown[] = [];
    for (const schema of current.flatMap((s) => expandUnion(s, raw))) {
      const def = defOf(schema);
      if (def?.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(def.shape[segment]);
      if (def?.type === 'array' && typeof segment === 'number' && def.element) next.push(def.element);
    }
    current = next;
  }
  return current;
}

function objectSchemasAt(data: unknown, path: Path): Array<Record<string, unknown>> {
  const raw = valueAt(data, path);
  return fieldSchemasAt(data, path)
    .flatMap((schema) => expandUnion(schema, raw))
    .map((schema) => defOf(schema))
    .filter((def): def is SchemaDef & { shape: Record<string, unknown> } => def?.type === 'object' && def.shape !== undefined)
    .map((def) => def.shape);
}

export function allowedKeysAt(data: unknown, path: Path): string[] {
  return [...new Set(objectSchemasAt(data, path).flatMap((shape) => Object.keys(shape)))];
}

/** Whether a distribution (`{ dist: … }`) is accepted at `path`. */
export function acceptsDistribution(data: unknown, path: Path): boolean {
  return fieldSchemasAt(data, path).some((schema) =>
    expandUnion(schema, undefined).some((option) => defOf(option)?.type === 'object' && defOf(option)?.shape?.dist !== undefined),
  );
}

export function isDurationField(data: unknown, path: Path): boolean {
  return fieldSchemasAt(data, path).some((schema) => unwrapDefaults(schema) === durationSchema);
}

function unwrapDefaults(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 8; i++) {
    const def = defOf(current);
    if (def && ['default', 'optional', 'nullable', 'prefault'].includes(def.type)) current = def.innerType;
    else return current;
  }
  return current;
}


export function numberBoundsAt(data: unknown, path: Path): NumberBounds {
  for (const schema of fieldSchemasAt(data, path).flatMap((s) => expandUnion(s, undefined))) {
    if (defOf(schema)?.type !== 'number') continue;
    const { minValue, maxValue, isInt } = schema as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
    return {
      isInt: isInt === true,
      ...(typeof minValue === 'number' && Number.isFinite(minValue) ? { min: minValue } : {}),
      ...(typeof maxValue === 'number' && Number.isFinite(maxValue) && maxValue < Number.MAX_SAFE_INTEGER ? { max: maxValue } : {}),
    };
  }
  return {};
}

/** `exponential (mean), …, empirical (values, weights?)`, from the distribution schema itself. */
export function distributionCatalogue(): Array<{ name: string; fields: string[] }> {
  return (defOf(distributionSchema)?.options ?? []).map((option) => {
    const shape = defOf(option)?.shape ?? {};
    const name = String(defOf(shape.dist)?.values?.[0] ?? '?');
    const fields = Object.entries(shape)
      .filter(([key]) => key !== 'dist')
      .map(([key, field]) => (defOf(field)?.type === 'optional' ? `${key}?` : key));
    return { name, fields };
  });
}

/** `exponential (mean), uniform (min, max), …`. */
export function distributionList(): string {
  return distributionCatalogue()
    .map(({ name, fields }) => `${name} (${fields.join(', ')})`)
    .join(', ');
}

/** For a misplaced top-level key: the section whose settings include it (`seed` → `run`). */
export function sectionOwning(key: string): string | undefined {
  const shape = defOf(scenarioSchema)?.shape ?? {};
  for (const [section, schema] of Object.entries(shape)) {
    const def = defOf(unwrap(schema));
    if (def?.type === 'object' && def.shape && Object.hasOwn(def.shape, key)) return section;
  }
  return undefined;
}
