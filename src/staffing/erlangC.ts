/**
 * Erlang C (M/M/n): callers queue with infinite patience. It is the classic staffing formula
 * and the yardstick a simulation without abandonment must match.
 */
import { erlangB, requireAgentCount, requireNonNegative, StaffingError } from './erlangB.ts';

/**
 * The three numbers every Erlang formula needs. Units: calls per second and seconds, so the
 * product `arrivalRate × meanHandleTime` is the offered load in Erlang.
 */
export interface QueueParams {
  /** Poisson arrival rate, calls per second (e.g. 100 calls per 30 min = 100 / 1800). */
  arrivalRate: number;
  /** Mean handle time (talk + wrap-up) in seconds; service times are taken as exponential. */
  meanHandleTime: number;
  /** Agents answering the queue (whole number ≥ 0). */
  agents: number;
}

/** What Erlang C predicts for one head count. Times in seconds, probabilities in [0, 1]. */
export interface ErlangCResult {
  /** Offered load in Erlang: arrival rate × mean handle time. */
  offeredLoad: number;
  /** Fraction of agent time spent handling calls: load / agents (1 when the queue is unstable). */
  occupancy: number;
  /** Probability that a caller finds every agent busy and has to wait (the Erlang C value). */
  waitProbability: number;
  /** Mean wait of all callers, including those answered at once (ASA). */
  meanWait: number;
  /** Mean wait of the callers who did wait. */
  meanWaitOfDelayed: number;
  /**
   * P(wait ≤ threshold). With no abandonment every caller is answered, so this one number is
   * the service level under every definition (offered, answered, excluding short abandons).
   */
  serviceLevel: number;
  /**
   * False when load ≥ agents: the queue grows without bound, so Erlang C has no steady state
   * and reports waitProbability 1, infinite waits and service level 0.
   */
  stable: boolean;
}

/** Checks the shared queue inputs once, so each formula can trust them. */
export function validateQueueParams(params: QueueParams): void {
  requireNonNegative('arrivalRate', params.arrivalRate);
  requireNonNegative('meanHandleTime', params.meanHandleTime);
  if (!(params.meanHandleTime > 0)) {
    throw new StaffingError({
      code: 'STAFFING_INVALID_INPUT',
      message: `meanHandleTime must be > 0 seconds, got ${String(params.meanHandleTime)}.`,
      why: 'A call that takes no time frees its agent at once; the formulas divide by the handle time.',
      whatToDo: 'Give the mean handle time (talk + wrap-up) in seconds.',
      field: 'meanHandleTime',
    });
  }
  requireAgentCount('agents', params.agents);
}

/**
 * Erlang C: waiting probability, mean waits and service level of an M/M/n queue where
 * nobody hangs up. It overstates the staff needed when callers do abandon (use Erlang A then),
 * but it is what most workforce tools quote, so reports show it side by side.
 *
 * Computed as `C = B / (1 − ρ(1 − B))` from the stable Erlang B recursion, so it stays exact
 * for thousands of agents; `P(wait ≤ T) = 1 − C·exp(−(n − a)·T / AHT)`.
 *
 * @param params arrival rate (calls/s), mean handle time (s), agents
 * @param thresholdSeconds the T in "answered within T seconds" (≥ 0; Infinity allowed)
 */
export function erlangC(params: QueueParams, thresholdSeconds: number): ErlangCResult {
  validateQueueParams(params);
  requireNonNegative('thresholdSeconds', thresholdSeconds, true);
  const { arrivalRate, meanHandleTime, agents } = params;
  const offeredLoad = arrivalRate * meanHandleTime;
  if (offeredLoad >= agents) {
    return {
      offeredLoad,
      occupancy: agents === 0 ? 0 : 1,
      waitProbability: 1,
      meanWait: Infinity,
      meanWaitOfDelayed: Infinity,
      serviceLevel: 0,
      stable: false,
    };
  }
  const utilisation = offeredLoad / agents;
  const blocking = erlangB(offeredLoad, agents);
  const waitProbability = blocking / (1 - utilisation * (1 - blocking));
  // A delayed caller waits Exp(nμ − λ): the queue drains at the spare service rate.
  const meanWaitOfDelayed = meanHandleTime / (agents - offeredLoad);
  const tailDecay = thresholdSeconds === Infinity ? 0 : Math.exp(-thresholdSeconds / meanWaitOfDelayed);
  return {
    offeredLoad,
    occupancy: utilisation,
    waitProbability,
    meanWait: waitProbability * meanWaitOfDelayed,
    meanWaitOfDelayed,
    serviceLevel: 1 - waitProbability * tailDecay,
    stable: true,
  };
}
