/** A problem found in a scenario before it has a position (the locator adds file:line:col). */
import type { Finding as YamlFinding } from '../yaml/locator.ts';
import type { ErrorCode } from './errors.ts';

export type { Path } from '../yaml/values.ts';

export type Finding = YamlFinding<ErrorCode>;
