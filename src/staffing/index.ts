/**
 * Staffing formulas: Erlang B (loss), Erlang C (infinite patience), Erlang A (exponential
 * patience) and the minimum-agents search built on them. Pure functions; rates in calls per
 * second, times in seconds.
 */
export { erlangB, StaffingError, type StaffingErrorCode } from './erlangB.ts';
export { erlangC, type ErlangCResult, type QueueParams } from './erlangC.ts';
export { erlangA, type ErlangAParams, type ErlangAResult } from './erlangA.ts';
export {
  minimumAgents,
  serviceLevelFor,
  type MinimumAgentsOptions,
  type MinimumAgentsResult,
  type ServiceLevelDenominator,
} from './minimumAgents.ts';
