/**
 * Writing one override into scenario data: the path is checked against the schema and the
 * data as it goes, so a wrong step is reported with the settings, indices or ids there are.
 */
import { closest, describeValue, isPlainObject, type Path } from '../../yaml/index.ts';
import { field, idsOf } from '../checks/values.ts';
import type { ErrorCode } from '../errors.ts';
import { allowedKeysAt } from '../schemaPaths.ts';
import { formatPath } from '../words.ts';
import { formatOverridePath, type OverrideSegment } from './overridePath.ts';

/** What is wrong with an override's path. */
export type OverrideProblem = { code: ErrorCode; message: string; hint: string };

/**
 * Writes `value` at the path in `data` (in place) and returns the path with list entries as
 * indices; or what is wrong with the path. Setting names are checked against the schema,
 * so a setting the base leaves at its default (or an optional one) can be set too.
 */
export function applyOverride(data: Record<string, unknown>, segments: readonly OverrideSegment[], value: unknown): { path: Path } | OverrideProblem {
  const path: Path = [];
  let container: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    const here = formatPath(path);
    if (segment.kind === 'key') {
      if (Array.isArray(container)) {
        const ids = idsOf(container);
        return {
          code: 'SCHEMA_TYPE',
          message: `${here} is a list, so .${segment.name} selects nothing in it`,
          hint: ids.includes(segment.name)
            ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'id', id: segment.name }, ...segments.slice(i + 1)])}?`
            : `pick an entry by index, ${here}[0]${ids.length > 0 ? `, or by id (${ids.join(', ')})` : ''}`,
        };
      }
      if (!isPlainObject(container)) {
        return {
          code: 'SCHEMA_TYPE',
          message: `${here} is ${describeValue(container)}, a single value with no settings inside, so it has no ${segment.name}`,
          hint: `set ${formatOverridePath(segments.slice(0, i))} itself`,
        };
      }
      if (path.length === 0 && segment.name === 'plans') {
        return { code: 'SCHEMA_CONFLICT', message: 'a plan cannot change the list of plans', hint: 'remove this entry; declare every plan in the base scenario' };
      }
      const allowed = allowedKeysAt(data, path).filter((key) => path.length > 0 || key !== 'plans');
      if (!allowed.includes(segment.name)) {
        const suggestion = closest(segment.name, allowed);
        const where = path.length === 0 ? 'at the top level' : `in ${here}`;
        return {
          code: 'SCHEMA_UNKNOWN_KEY',
          message: `${segment.name} is not a setting ${where}`,
          hint:
            suggestion !== undefined
              ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'key', name: suggestion }, ...segments.slice(i + 1)])}? (settings ${where}: ${allowed.join(', ')})`
              : `use one of the settings ${where}: ${allowed.join(', ')}`,
        };
      }
      path.push(segment.name);
      if (last) {
        container[segment.name] = value;
        return { path };
      }
      // An optional section the base does not have: start it empty, the value fills it in.
      if (container[segment.name] === undefined) container[segment.name] = {};
      container = container[segment.name];
      continue;
    }
    const selector = segment.kind === 'index' ? `[${segment.index}]` : `[${segment.id}]`;
    if (!Array.isArray(container)) {
      return {
        code: 'SCHEMA_TYPE',
        message: `${here} is ${describeValue(container)}, not a list, so ${selector} selects nothing`,
        hint: isPlainObject(container) ? `name one of its settings: ${Object.keys(container).map((key) => `${here}.${key}`).join(', ')}` : `set ${here} itself`,
      };
    }
    let index: number;
    if (segment.kind === 'index') {
      index = segment.index;
      if (index >= container.length) {
        const ids = idsOf(container);
        return {
          code: 'SCHEMA_RANGE',
          message: `${here} has ${container.length} ${container.length === 1 ? 'entry' : 'entries'}, so there is no ${here}${selector}`,
          hint: `use an index from 0 to ${container.length - 1}${ids.length > 0 ? `, or an id: ${ids.join(', ')}` : ''}; to add an entry, set the whole list, ${here}: [ … ]`,
        };
      }
    } else {
      const ids = idsOf(container);
      index = container.findIndex((entry) => field(entry, 'id') === segment.id);
      if (index < 0) {
        const suggestion = closest(segment.id, ids);
        return {
          code: 'SCHEMA_UNKNOWN_KEY',
          message: `no entry of ${here} has the id ${segment.id}`,
          hint:
            ids.length === 0
              ? `the entries of ${here} have no ids: select one by index, ${here}[0]`
              : suggestion !== undefined
                ? `did you mean ${formatOverridePath([...segments.slice(0, i), { kind: 'id', id: suggestion }, ...segments.slice(i + 1)])}? (ids: ${ids.join(', ')})`
                : `use one of the ids: ${ids.join(', ')}`,
        };
      }
    }
    path.push(index);
    if (last) {
      container[index] = value;
      return { path };
    }
    container = container[index];
  }
  return { path };
}
