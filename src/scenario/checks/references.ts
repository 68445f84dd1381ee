/**
 * Ids and the settings that name them: ids unique within their list, a caller type's problem
 * and the caller types of lifetime values naming existing entries, and problem types that
 * some caller type has.
 */
import { closest, isPlainObject } from '../../yaml/values.ts';
import type { Finding, Path } from '../finding.ts';
import { problemTypeSchema } from '../schema.ts';
import { field, idsOf, items, parsedOr } from './values.ts';

/** The ids of the problem types that have one. */
export function problemIdsOf(data: Record<string, unknown>): string[] {
  return idsOf(items(data.problemTypes));
}

/** The ids of the caller types that have one. */
export function callerIdsOf(data: Record<string, unknown>): string[] {
  return idsOf(items(data.callerTypes));
}

/** Ids must be unique within each list; `lineOf` gives the line of the first use. */
export function idFindings(data: Record<string, unknown>, lineOf: (path: Path) => number): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemTypes = items(data.problemTypes);
  for (const [listName, list, noun] of [
    ['callerTypes', callerTypes, 'caller type'],
    ['problemTypes', problemTypes, 'problem type'],
  ] as const) {
    const firstIndex = new Map<string, number>();
    list.forEach((entry, i) => {
      const id = field(entry, 'id');
      if (typeof id !== 'string') return;
      const first = firstIndex.get(id);
      if (first === undefined) {
        firstIndex.set(id, i);
        return;
      }
      findings.push({
        code: 'DUPLICATE_ID',
        path: [listName, i, 'id'],
        message: `${listName}[${i}].id is ${JSON.stringify(id)}, already the id of ${listName}[${first}] (line ${lineOf([listName, first, 'id'])})`,
        hint: `give each ${noun} a different id`,
      });
    });
  }
  return findings;
}

/** A caller type's problem must name a problem type. */
export function problemReferenceFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemIds = problemIdsOf(data);
  if (Array.isArray(data.problemTypes)) {
    callerTypes.forEach((caller, i) => {
      const problem = field(caller, 'problem');
      if (typeof problem !== 'string' || problemIds.includes(problem)) return;
      const suggestion = closest(problem, problemIds);
      const known = problemIds.length > 0 ? `problem types: ${problemIds.join(', ')}` : 'there are no problem types yet';
      findings.push({
        code: 'UNKNOWN_PROBLEM',
        path: ['callerTypes', i, 'problem'],
        message: `callerTypes[${i}].problem is ${JSON.stringify(problem)}, but no problem type has that id`,
        hint:
          suggestion !== undefined
            ? `did you mean ${suggestion}? (${known})`
            : `use one of the ids (${known}), or add a problem type with id: ${problem}`,
      });
    });
  }
  return findings;
}

/** Lifetime values by caller type must name caller types. */
export function lifetimeValueFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const callerIds = callerIdsOf(data);
  const byType = field(data.afterCall, 'lifetimeValueByCallerType');
  if (isPlainObject(byType) && callerIds.length === callerTypes.length) {
    for (const id of Object.keys(byType)) {
      if (callerIds.includes(id)) continue;
      const suggestion = closest(id, callerIds);
      findings.push({
        code: 'UNKNOWN_CALLER_TYPE',
        path: ['afterCall', 'lifetimeValueByCallerType', id],
        anchor: 'key',
        message: `afterCall.lifetimeValueByCallerType names ${JSON.stringify(id)}, but no caller type has that id`,
        hint: `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(caller types: ${callerIds.join(', ')})`,
      });
    }
  }
  return findings;
}

/** A problem type that is the problem of no caller type never occurs. */
export function unusedProblemFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemTypes = items(data.problemTypes);
  const problemIds = problemIdsOf(data);
  const usedProblems = callerTypes.map((caller) => field(caller, 'problem'));
  if (callerTypes.length > 0 && usedProblems.every((problem) => typeof problem === 'string')) {
    problemTypes.forEach((problem, i) => {
      const id = field(problem, 'id');
      if (typeof id !== 'string' || usedProblems.includes(id)) return;
      if (problemIds.indexOf(id) !== i) return; // a duplicate id is already reported
      if (parsedOr(problemTypeSchema.shape.id, id) === undefined) return; // a malformed id is already reported
      findings.push({
        code: 'UNUSED_PROBLEM',
        path: ['problemTypes', i, 'id'],
        message: `problem type ${id} is not the problem of any caller type, so it never occurs`,
        hint: `remove it, or set problem: ${id} on a caller type`,
      });
    });
  }
  return findings;
}
