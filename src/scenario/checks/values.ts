/**
 * Reading raw scenario data in the semantic checks. The checks run on every part of the file,
 * valid or not, so each one reads a setting with these and uses only values that are valid.
 */
import type { z } from 'zod';
import { isPlainObject } from '../../yaml/values.ts';

/** The value parsed by `schema`, or undefined when it is not valid. */
export function parsedOr<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** The entries of a list; none for anything else. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A key of a map; undefined for anything else. */
export function field(value: unknown, key: string): unknown {
  return isPlainObject(value) ? value[key] : undefined;
}

/** The ids of a list's entries that have one. */
export function idsOf(list: readonly unknown[]): string[] {
  return list.map((entry) => field(entry, 'id')).filter((id): id is string => typeof id === 'string');
}
