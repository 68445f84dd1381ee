/** Limits of the scenario loader: what a file may hold before it is refused or questioned. */

/** Aliases may expand to at most this many nodes (protects against "billion laughs" files). */
export const MAX_ALIAS_COUNT = 100;
/** Arrival rates above this are reported as SCHEMA_RANGE: almost surely a unit mistake. */
export const MAX_CALLS_PER_HOUR = 1_000_000;
/** Files larger than this are not read (a scenario is a few kilobytes). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Lists and maps may nest at most this deep (a scenario needs about 6). */
export const MAX_DEPTH = 64;
/** Tolerance on the sum of caller type shares. */
export const SHARES_TOLERANCE = 1e-6;
