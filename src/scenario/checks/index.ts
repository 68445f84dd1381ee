/**
 * Semantic checks: what the schema cannot express (shares that sum to 1, references, opening
 * hours, distribution parameters, realism settings that would do nothing…), one module per
 * feature. They run on every part of the file that is well formed, so one typo does not hide
 * the other problems. The order is the order findings at the same position are reported in.
 */
import type { Finding, Path } from '../finding.ts';
import { realismFindings } from './realism.ts';
import { agentGroupFindings } from './agentGroups.ts';
import { arrivalProfileFindings, arrivalRateFindings } from './arrivals.ts';
import { salesFindings, shareFindings } from './callerTypes.ts';
import { channelFindings } from './channels.ts';
import { distributionFindings } from './distributions.ts';
import { openingHoursFindings } from './openingHours.ts';
import { idFindings, lifetimeValueFindings, problemReferenceFindings, unusedProblemFindings } from './references.ts';
import { runFindings } from './run.ts';

/** Every semantic finding for scenario data; `lineOf` gives the line of a setting, for messages that cite another one. */
export function semanticFindings(data: Record<string, unknown>, lineOf: (path: Path) => number): Finding[] {
  return [
    ...shareFindings(data),
    ...idFindings(data, lineOf),
    ...problemReferenceFindings(data),
    ...agentGroupFindings(data),
    ...lifetimeValueFindings(data),
    ...channelFindings(data),
    ...unusedProblemFindings(data),
    ...salesFindings(data),
    ...arrivalRateFindings(data),
    ...openingHoursFindings(data),
    ...arrivalProfileFindings(data),
    ...runFindings(data),
    ...distributionFindings(data),
    ...realismFindings(data),
  ];
}
