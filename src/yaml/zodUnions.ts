/**
 * zod union issues → findings: the branch the user probably meant, the settings of two
 * alternatives written at once, or the list of what would fit. Part of the shared wording
 * ({@link ./zodIssues.ts}).
 */
import type { Finding } from './locator.ts';
import { formatNumber, hasValueAt, isPlainObject, listWords, pathPattern, valueAt, type Path } from './values.ts';
import { describe, label, missingFinding, phraseOf, type Context, type Issue } from './zodWording.ts';

type UnionIssue = Extract<Issue, { code: 'invalid_union' }>;

export function unionFindings<C extends string>(issue: UnionIssue, path: Path, raw: unknown, context: Context<C>): Finding<C>[] {
  const { wording } = context;
  const discriminator = 'discriminator' in issue ? (issue.discriminator as string | undefined) : undefined;
  if (discriminator !== undefined && issue.errors.length === 0) return [discriminatorFinding(discriminator, issue, path, raw, context)];

  if (!hasValueAt(context.data, path)) return [missingFinding(path, context)];
  const branches = issue.errors;
  if (branches.length === 0) {
    return [{ code: wording.codes.type, path, message: `${label(context, path)} is ${describe(context, raw)}, which is not valid here` }];
  }
  const isMismatch =
    wording.unionMismatch === 'whole'
      ? (branch: readonly Issue[]): boolean => branch.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'))
      : (branch: readonly Issue[]): boolean => branch.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  const unrecognized = (branch: readonly Issue[]): string[] => branch.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []));
  const isMissing = (i: Issue): boolean => i.code === 'invalid_type' && i.path.length === 1 && isPlainObject(raw) && !Object.hasOwn(raw, String(i.path[0]));

  const candidates = branches.filter((branch) => !isMismatch(branch));
  if (candidates.length === 0) return [alternativesFinding(branches, path, raw, context)];

  if (isPlainObject(raw) && candidates.length > 1) {
    // Keys that belong to different branches: e.g. arrivals with both callsPerHour and profile.
    const rejectedBy = candidates.map((branch) => new Set(unrecognized(branch)));
    const everyBranchRejects = rejectedBy.every((set) => set.size > 0);
    const keys = Object.keys(raw);
    const unknownEverywhere = keys.filter((key) => rejectedBy.every((set) => set.has(key)));
    if (everyBranchRejects && unknownEverywhere.length === 0) {
      const conflicting = keys.filter((key) => rejectedBy.some((set) => set.has(key)));
      const hint = wording.conflictHints?.[pathPattern(path)] ?? `keep only one of ${listWords(conflicting)}`;
      return [{ code: wording.codes.conflict ?? wording.codes.type, path, message: `${label(context, path)} has both ${listWords(conflicting, 'and')}`, hint }];
    }
    if (candidates.every((branch) => branch.length > 0 && branch.every(isMissing))) {
      const needed = candidates.map((branch) => branch.map((i) => String(i.path[0])).join(' and '));
      const examples = needed.map((key) => wording.examples[`${pathPattern(path)}.${key}`] ?? `${key}: …`);
      return [{ code: wording.codes.missing, path, message: `${label(context, path)} needs ${listWords(needed)}`, hint: `add ${listWords(examples)}` }];
    }
  }

  // The branch the user probably meant: the fewest unknown and missing keys, then the fewest problems.
  const score = (branch: readonly Issue[]): number => unrecognized(branch).length + branch.filter(isMissing).length;
  let best = candidates[0]!;
  for (const branch of candidates) {
    if (score(branch) < score(best) || (score(branch) === score(best) && branch.length < best.length)) best = branch;
  }
  return best.flatMap((inner) => context.findingsOf(inner, path));
}

function discriminatorFinding<C extends string>(discriminator: string, issue: UnionIssue, path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const { codes } = context.wording;
  const objectPath = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
  const object = valueAt(context.data, objectPath);
  const value = isPlainObject(object) ? object[discriminator] : undefined;
  const options = ('options' in issue && Array.isArray(issue.options) ? issue.options : []).map(String);
  const named = context.wording.discriminated?.(discriminator);
  const known = named?.known ?? `allowed: ${options.join(', ')}`;
  if (!isPlainObject(object)) {
    return {
      code: codes.type,
      path: objectPath,
      message: `${label(context, objectPath)} is ${describe(context, object ?? raw)}, but it must be a map with ${discriminator}:`,
      hint: known,
    };
  }
  if (value === undefined) {
    return {
      code: codes.missing,
      path: [...objectPath, discriminator],
      anchor: 'parent',
      message: `${label(context, objectPath)} has no ${discriminator}`,
      hint: `add ${discriminator}: with one of the ${known}`,
    };
  }
  const suggestion = typeof value === 'string' ? context.wording.suggest(value, options) : undefined;
  return {
    code: codes.enum,
    path: [...objectPath, discriminator],
    message: `${label(context, [...objectPath, discriminator])} is ${describe(context, value)}, not a known ${named?.noun ?? discriminator}`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (${known})` : known,
  };
}

/** The value fits none of the union's members at all: list what would fit. */
function alternativesFinding<C extends string>(branches: readonly (readonly Issue[])[], path: Path, raw: unknown, context: Context<C>): Finding<C> {
  const { wording } = context;
  const { codes } = wording;
  const phrases: string[] = [];
  const words: string[] = [];
  const expected: string[] = [];
  for (const branch of branches) {
    for (const inner of branch) {
      if (inner.code === 'invalid_type') {
        expected.push(String(inner.expected));
        phrases.push(phraseOf(String(inner.expected), path, context));
      }
      if (inner.code === 'invalid_value') {
        for (const value of inner.values) {
          words.push(String(value));
          phrases.push(typeof value === 'string' ? `the word ${value}` : String(value));
        }
      }
    }
  }
  const unique = [...new Set(phrases)];
  const name = label(context, path);
  if (wording.advice === 'brief') {
    const special = wording.alternatives?.([...new Set(expected)]);
    const shown = special?.shown ?? unique;
    const hint = special?.hint ?? `write ${listWords(shown)}`;
    if (raw === null) return { code: codes.type, path, message: `${name} is empty`, hint };
    return { code: codes.type, path, message: `${name} is ${describe(context, raw)}, but it must be ${listWords(shown)}`, hint };
  }
  const pattern = pathPattern(path);
  const durationAdvice = wording.durationAdvice?.(context.data, path);
  const alternativeHint = wording.alternativeHints?.[pattern];
  if (typeof raw === 'string' && words.length > 0 && durationAdvice === undefined) {
    const suggestion = wording.suggest(raw, words);
    return {
      code: codes.enum,
      path,
      message: `${name} is ${describe(context, raw)}, but it must be ${listWords(unique)}`,
      hint: suggestion !== undefined ? `did you mean ${suggestion}?` : alternativeHint ?? `write ${listWords(unique)}`,
    };
  }
  const example = wording.examples[pattern];
  let hint = alternativeHint ?? durationAdvice ?? (example !== undefined ? `write ${example}` : `write ${listWords(unique)}`);
  const mapHint = typeof raw === 'number' ? wording.numberInsteadOfMap?.(context.data, path, raw) : undefined;
  if (mapHint !== undefined) {
    hint = mapHint;
  } else if (Number.isNaN(raw)) {
    return { code: codes.type, path, message: `${name} is .nan (not a number)`, hint };
  } else if (raw === Infinity || raw === -Infinity) {
    return { code: codes.range, path, message: `${name} is ${formatNumber(raw as number)} (infinite)`, hint: `use a finite number, or ${hint}` };
  } else if (raw === null) {
    return { code: codes.type, path, message: `${name} is empty`, hint };
  }
  return { code: codes.type, path, message: `${name} is ${describe(context, raw)}, but it must be ${listWords(unique)}`, hint };
}
