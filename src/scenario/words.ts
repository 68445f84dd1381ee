/**
 * Words for scenario diagnostics: setting paths, values as the user wrote them and "did you
 * mean" suggestions (the shared ones of src/yaml, with the scenario as the document).
 */
import { formatPath as formatAnyPath } from '../yaml/values.ts';

export { closest, describeValue } from '../yaml/values.ts';

/** `['callerTypes', 0, 'share']` → `callerTypes[0].share`. */
export function formatPath(path: readonly (string | number)[]): string {
  return formatAnyPath(path, 'the scenario');
}
