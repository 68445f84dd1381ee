/**
 * The question a shop owner actually asks: "how many people do I need on the phone?"
 * Finds the fewest agents that meet a service-level target (and, optionally, an abandonment cap).
 */
import { requireAgentCount, requireNonNegative, StaffingError } from './erlangB.ts';
import { erlangA, type ErlangAResult } from './erlangA.ts';
import { erlangC, type ErlangCResult } from './erlangC.ts';

/**
 * Which calls the service level is a fraction of. "80/20" is a definition, not a fact
 * (DOMAIN.md), so the caller must choose:
 * - `offered`: answered within T / all calls — abandons count as failures (strictest);
 * - `answered`: answered within T / answered calls — abandons are ignored (most flattering);
 * - `offered-excluding-short-abandons`: answered within T / (calls − abandoned within T) —
 *   callers who hung up before T are forgiven.
 */
export type ServiceLevelDenominator = 'offered' | 'answered' | 'offered-excluding-short-abandons';

/** Targets and traffic for {@link minimumAgents}. Rates in calls per second, times in seconds. */
export interface MinimumAgentsOptions {
  /** Poisson arrival rate, calls per second. */
  arrivalRate: number;
  /** Mean handle time (talk + wrap-up), seconds. */
  meanHandleTime: number;
  /** Mean patience, seconds. Omitted or Infinity: Erlang C (nobody hangs up); otherwise Erlang A. */
  meanPatience?: number;
  /** The T of "answered within T seconds". */
  thresholdSeconds: number;
  /** Required service level in [0, 1], e.g. 0.8 for 80/20. */
  targetServiceLevel: number;
  /** Optional cap on P(abandon) in [0, 1] (typical targets 0.05–0.08); Erlang C never abandons. */
  maxAbandonment?: number;
  /** Service-level definition; default `offered`. Irrelevant under Erlang C, where all coincide. */
  serviceLevelDenominator?: ServiceLevelDenominator;
  /** Largest head count to try before giving up; default 100,000. */
  maxAgents?: number;
}

/** The smallest head count that meets the targets, with the formula's figures for it. */
export interface MinimumAgentsResult {
  agents: number;
  /** Erlang A figures when a finite patience was given, Erlang C figures otherwise. */
  result: ErlangAResult | ErlangCResult;
}

const DEFAULT_MAX_AGENTS = 100_000;

/**
 * Fewest agents meeting `targetServiceLevel` (under the chosen definition) and, if given,
 * `maxAbandonment`. Uses Erlang C when `meanPatience` is omitted or Infinity (and then also
 * requires a stable queue, agents > load), Erlang A otherwise — which may need fewer agents
 * than the load in Erlang, because callers who hang up free the queue.
 *
 * Search: evaluate at ceil(load) (the natural first guess), then gallop upward by doubling
 * steps (or look downward) and finish with a binary search, so a 10,000-agent answer costs
 * about 30 formula evaluations. This relies on the service level rising and abandonment
 * falling as agents are added, which holds for these birth–death models.
 *
 * @throws StaffingError `STAFFING_TARGET_UNREACHABLE` when even `maxAgents` agents do not meet
 *   the targets, `STAFFING_INVALID_INPUT` for out-of-range inputs.
 */
export function minimumAgents(opts: MinimumAgentsOptions): MinimumAgentsResult {
  const maxAgents = opts.maxAgents ?? DEFAULT_MAX_AGENTS;
  requireAgentCount('maxAgents', maxAgents);
  requireProbability('targetServiceLevel', opts.targetServiceLevel);
  if (opts.maxAbandonment !== undefined) requireProbability('maxAbandonment', opts.maxAbandonment);
  requireNonNegative('arrivalRate', opts.arrivalRate);
  requireNonNegative('thresholdSeconds', opts.thresholdSeconds, true);
  if (opts.meanPatience !== undefined) requireNonNegative('meanPatience', opts.meanPatience, true);

  const useErlangC = opts.meanPatience === undefined || opts.meanPatience === Infinity;
  const denominator = opts.serviceLevelDenominator ?? 'offered';
  const offeredLoad = opts.arrivalRate * opts.meanHandleTime;

  const evaluations = new Map<number, { meets: boolean; result: ErlangAResult | ErlangCResult }>();
  const evaluate = (agents: number): { meets: boolean; result: ErlangAResult | ErlangCResult } => {
    const known = evaluations.get(agents);
    if (known) return known;
    const queue = { arrivalRate: opts.arrivalRate, meanHandleTime: opts.meanHandleTime, agents };
    let outcome: { meets: boolean; result: ErlangAResult | ErlangCResult };
    if (useErlangC) {
      const result = erlangC(queue, opts.thresholdSeconds);
      outcome = { meets: result.stable && result.serviceLevel >= opts.targetServiceLevel, result };
    } else {
      const result = erlangA({ ...queue, meanPatience: opts.meanPatience ?? Infinity }, opts.thresholdSeconds);
      const serviceLevel = serviceLevelFor(result, denominator);
      const abandonmentOk = opts.maxAbandonment === undefined || result.abandonmentProbability <= opts.maxAbandonment;
      outcome = { meets: serviceLevel >= opts.targetServiceLevel && abandonmentOk, result };
    }
    evaluations.set(agents, outcome);
    return outcome;
  };

  // Erlang C has no answer at or below the load (unstable queue); Erlang A may go below it.
  const lowest = useErlangC ? Math.floor(offeredLoad) + 1 : 0;
  const firstGuess = Math.max(lowest, Math.ceil(offeredLoad));
  if (firstGuess > maxAgents) throw unreachable(opts, maxAgents, offeredLoad);

  let failing: number; // largest head count known to miss the targets (lowest − 1 if none)
  let meeting: number; // smallest head count known to meet them
  if (evaluate(firstGuess).meets) {
    failing = lowest - 1;
    meeting = firstGuess;
  } else {
    failing = firstGuess;
    let step = 1;
    for (;;) {
      if (failing === maxAgents) throw unreachable(opts, maxAgents, offeredLoad);
      const candidate = Math.min(maxAgents, failing + step);
      if (evaluate(candidate).meets) {
        meeting = candidate;
        break;
      }
      failing = candidate;
      step *= 2;
    }
  }
  while (meeting - failing > 1) {
    const middle = Math.floor((failing + meeting) / 2);
    if (evaluate(middle).meets) meeting = middle;
    else failing = middle;
  }
  return { agents: meeting, result: evaluate(meeting).result };
}

/** Reads the service level under the requested definition from an Erlang A result. */
export function serviceLevelFor(result: ErlangAResult, denominator: ServiceLevelDenominator): number {
  switch (denominator) {
    case 'offered':
      return result.serviceLevelOffered;
    case 'answered':
      return result.serviceLevelAnswered;
    case 'offered-excluding-short-abandons':
      return result.serviceLevelExcludingShortAbandons;
  }
}

function requireProbability(field: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
    throw new StaffingError({
      code: 'STAFFING_INVALID_INPUT',
      message: `${field} must be a fraction between 0 and 1, got ${String(value)}.`,
      why: 'Service levels and abandonment rates are probabilities.',
      whatToDo: `Write ${field} as a fraction: 80% is 0.8.`,
      field,
    });
  }
}

function unreachable(opts: MinimumAgentsOptions, maxAgents: number, offeredLoad: number): StaffingError {
  return new StaffingError({
    code: 'STAFFING_TARGET_UNREACHABLE',
    message: `No head count up to ${String(maxAgents)} agents meets the targets (service level ${String(opts.targetServiceLevel)} within ${String(opts.thresholdSeconds)} s${opts.maxAbandonment === undefined ? '' : `, abandonment ≤ ${String(opts.maxAbandonment)}`}) for an offered load of ${offeredLoad.toFixed(2)} Erlang.`,
    why: 'The targets need more agents than maxAgents allows (Erlang C also needs more agents than the load, or the queue never empties).',
    whatToDo: 'Raise maxAgents, relax the service-level target or threshold, or lower the traffic or handle time.',
    field: 'maxAgents',
  });
}
