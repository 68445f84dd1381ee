/**
 * Checks of the caller types as a whole: their shares must split every call, and callers
 * who intend to buy need a problem type that can end in a sale.
 */
import { formatNumber } from '../../yaml/values.ts';
import type { Finding } from '../finding.ts';
import { SHARES_TOLERANCE } from '../limits.ts';
import { callerTypeSchema, problemTypeSchema } from '../schema.ts';
import { field, items, parsedOr } from './values.ts';

/** Shares must split every call: sum to 1. Only when every share is itself valid. */
export function shareFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const shares = callerTypes.map((caller) => parsedOr(callerTypeSchema.shape.share, field(caller, 'share')));
  if (callerTypes.length > 0 && shares.every((share) => share !== undefined)) {
    const values = shares as number[];
    const sum = values.reduce((total, share) => total + share, 0);
    if (Math.abs(sum - 1) > SHARES_TOLERANCE) {
      const names = callerTypes.map((caller, i) => {
        const id = field(caller, 'id');
        return typeof id === 'string' ? id : `callerTypes[${i}]`;
      });
      const terms = names.map((name, i) => `${name} ${formatNumber(values[i]!)}`).join(' + ');
      const hint =
        sum > 0
          ? `adjust them to add up to 1; scaled in proportion they would be ${names
              .map((name, i) => `${name} ${formatNumber(Number((values[i]! / sum).toFixed(4)))}`)
              .join(', ')}`
          : 'give at least one caller type a positive share, and make them add up to 1';
      findings.push({
        code: 'SHARES_SUM',
        path: ['callerTypes'],
        message: `caller type shares add up to ${formatNumber(sum)} (${terms}), not 1`,
        hint,
      });
    }
  }
  return findings;
}

/** Purchase intent with a problem type that never converts: no sale can ever happen. */
export function salesFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemTypes = items(data.problemTypes);
  callerTypes.forEach((caller, i) => {
    const intent = parsedOr(callerTypeSchema.shape.purchaseIntent, field(caller, 'purchaseIntent'));
    const problemId = field(caller, 'problem');
    if (intent === undefined || intent <= 0 || typeof problemId !== 'string') return;
    const problem = problemTypes.find((entry) => field(entry, 'id') === problemId);
    if (problem === undefined) return;
    const conversion = parsedOr(problemTypeSchema.shape.conversion, field(problem, 'conversion'));
    // A call script decides sales itself (callScripts.ts): conversion does not apply to it.
    if (conversion !== 0 || field(problem, 'script') !== undefined) return;
    findings.push({
      code: 'NO_SALES',
      path: ['callerTypes', i, 'purchaseIntent'],
      message: `callerTypes[${i}].purchaseIntent is ${formatNumber(intent)}, but problem type ${problemId} has conversion 0, so these callers never buy`,
      hint: `set conversion on problem type ${problemId} (the chance an intending buyer, answered at once, buys), or set purchaseIntent to 0`,
    });
  });
  return findings;
}
