/**
 * Erlang A (M/M/n+M, Garnett–Mandelbaum–Reiman): callers queue but hang up after an
 * exponential patience. It is the honest model for a phone line, because abandonment both
 * loses callers and shortens the queue for the rest, so it staffs less than Erlang C.
 */
import { erlangB, requireNonNegative, StaffingError } from './erlangB.ts';
import { erlangC, validateQueueParams, type QueueParams } from './erlangC.ts';

/**
 * Erlang A inputs: the queue plus the callers' mean patience in seconds (time they are
 * willing to wait before hanging up). `Infinity` means nobody hangs up (Erlang C);
 * `0` means callers who find every agent busy hang up at once (Erlang B).
 */
export interface ErlangAParams extends QueueParams {
  meanPatience: number;
}

/**
 * What Erlang A predicts for one head count. Probabilities are fractions of offered calls
 * unless stated; times in seconds. Three service-level definitions are given because
 * "80/20" means different things in different contact centres (see DOMAIN.md): reports must
 * say which one they use.
 */
export interface ErlangAResult {
  /** Offered load in Erlang: arrival rate × mean handle time. */
  offeredLoad: number;
  /** P(a caller has to wait) = P(all agents busy on arrival). */
  waitProbability: number;
  /** P(a caller hangs up before being answered). */
  abandonmentProbability: number;
  /** Mean time in queue of all callers, answered and abandoned (0 for those answered at once). */
  meanWait: number;
  /** Mean wait of answered callers, including those answered at once (ASA); 0 if nobody is answered. */
  meanWaitAnswered: number;
  /** Mean time in queue of the callers who hung up; 0 if nobody abandons. */
  meanWaitAbandoned: number;
  /** P(answered and wait ≤ T), as a fraction of offered calls. */
  answeredWithin: number;
  /** P(abandoned and wait ≤ T), as a fraction of offered calls: the "short abandons". */
  abandonedWithin: number;
  /** Answered within T / offered (equals `answeredWithin`): abandons count as failures. */
  serviceLevelOffered: number;
  /** Answered within T / answered: abandons are ignored (flattering); 0 if nobody is answered. */
  serviceLevelAnswered: number;
  /** Answered within T / (offered − abandoned within T): short abandons are forgiven, long ones count. */
  serviceLevelExcludingShortAbandons: number;
  /** Carried load / agents = arrivalRate × (1 − P(abandon)) × meanHandleTime / agents; 0 with no agents. */
  occupancy: number;
  /** Mean number of callers waiting, by Little's law: arrivalRate × meanWait. */
  meanQueueLength: number;
}

/**
 * Most queue positions Erlang A will sum before refusing. Only reached when patience is
 * enormous and the line is overloaded or critically loaded (millions of callers waiting);
 * there Erlang C (patience = Infinity) is the meaningful answer. Summing 5 million positions
 * takes under a second, and realistic patience (seconds to hours) needs a few thousand.
 */
const MAX_QUEUE_POSITIONS = 5_000_000;

/** Stop summing the queue tail when what is left is below this fraction of what was summed. */
const TAIL_TOLERANCE = 1e-17;

/**
 * Erlang A performance measures for `agents` agents and a threshold of `thresholdSeconds`.
 *
 * Method (exact up to double rounding, stable for thousands of agents and for loads above
 * the head count — the sums have positive terms only, and the two differences taken per
 * position, 1 − CDF and "left within T" − "answered within T", lose at most ~1e-15 absolute;
 * test/staffing/formulas.test.ts checks it against an independent uniformisation to 1e-9):
 *
 * 1. Stationary distribution of the birth–death chain (birth λ; death kμ for k ≤ n,
 *    nμ + (k−n)θ above n), kept relative to its largest queue state so nothing overflows.
 *    States below n enter only through `1/B(a, n) − 1` (the stable Erlang B recursion).
 *    Queue states `n + j` have weights `∏_{i≤j} λ/(nμ + iθ)`; the series is summed until
 *    a rigorous geometric bound on the rest is below 1e-17 of the j²-weighted sum.
 * 2. A caller arriving with j callers ahead (PASTA) is answered when the j ahead have left
 *    (service at nμ, abandonment at iθ) before its own Exp(θ) patience runs out. Let D be
 *    the time until it would be served: D = Σ_{i=0..j} Exp(nμ + iθ), independent of its
 *    patience. Then P(answered) = nμ/(nμ + (j+1)θ), and given answered its wait is
 *    Σ_{m=1..j+1} Exp(nμ + mθ). That sum satisfies θ·wait = −ln U with U ~ Beta(nμ/θ + 1, j+1),
 *    so P(wait ≤ T) = 1 − I_x(nμ/θ + 1, j+1), x = e^{−θT}; with integer j+1 the regularised
 *    incomplete beta is a negative-binomial CDF whose terms follow a one-step recursion,
 *    carried in log space so e^{−nμT} may underflow harmlessly. The same identity with
 *    nμ/θ gives P(D > T), and P(exit within T) = 1 − e^{−θT}·P(D > T).
 *    This is exact (no truncation beyond the queue tail, no time stepping), unlike
 *    uniformisation, whose cost grows with nμT.
 * 3. Mean waits per position are closed forms: E[wait] = (j+1)/(nμ + (j+1)θ), answered
 *    part P(answered)·Σ 1/(nμ + mθ); by Little these agree with E[Q]/λ and θ·E[Q]/λ.
 *
 * With `meanPatience = Infinity` the result is exactly Erlang C's (nobody abandons; an
 * unstable queue reports waitProbability 1 and infinite waits); with `meanPatience = 0`
 * it is Erlang B's loss system.
 *
 * @param params arrival rate (calls/s), mean handle time (s), agents, mean patience (s)
 * @param thresholdSeconds the T in "answered within T seconds" (≥ 0; Infinity allowed)
 * @throws StaffingError `STAFFING_INVALID_INPUT` for bad numbers, `STAFFING_QUEUE_TOO_LONG`
 *   when more than 5 million queue positions would matter (about a second of work)
 */
export function erlangA(params: ErlangAParams, thresholdSeconds: number): ErlangAResult {
  validateQueueParams(params);
  requireNonNegative('meanPatience', params.meanPatience, true);
  requireNonNegative('thresholdSeconds', thresholdSeconds, true);
  const { arrivalRate, meanHandleTime, agents, meanPatience } = params;
  const offeredLoad = arrivalRate * meanHandleTime;

  if (meanPatience === Infinity) return erlangAFromErlangC(params, thresholdSeconds);
  if (meanPatience === 0) return erlangAAsLossSystem(arrivalRate, meanHandleTime, agents);

  const blocking = erlangB(offeredLoad, agents);
  if (blocking === 0) return neverWaits(offeredLoad, agents);

  const arrival = arrivalRate;
  const serviceCapacity = agents / meanHandleTime; // nμ: rate at which the agents clear the queue
  const abandonRate = 1 / meanPatience; // θ

  // Largest queue state: weights grow while λ ≥ nμ + jθ.
  const peakPosition = arrival > serviceCapacity ? Math.floor((arrival - serviceCapacity) / abandonRate) : 0;
  if (peakPosition > MAX_QUEUE_POSITIONS) throw queueTooLong(params, peakPosition);
  let logPeak = 0;
  for (let position = 1; position <= peakPosition; position += 1) {
    logPeak += Math.log(arrival / (serviceCapacity + position * abandonRate));
  }
  const belowWeight = (1 / blocking - 1) * Math.exp(-logPeak); // Σ_{k<n} π_k / π_peak

  // Negative-binomial recursions for the incomplete beta functions (see step 2).
  const patienceSurvives = thresholdSeconds === Infinity ? 0 : Math.exp(-abandonRate * thresholdSeconds); // x
  const patienceExpires = -Math.expm1(-abandonRate * thresholdSeconds); // 1 − x
  const shapeUntilServed = serviceCapacity / abandonRate; // nμ/θ, for D
  const shapeServedWait = shapeUntilServed + 1; // nμ/θ + 1, for the wait of answered callers
  let logTermUntilServed = serviceCapacity === 0 ? 0 : -serviceCapacity * thresholdSeconds;
  let logTermServedWait = -(serviceCapacity + abandonRate) * thresholdSeconds;
  let cdfUntilServed = 0; // P(D > T | j) = I_x(nμ/θ, j+1)
  let cdfServedWait = 0; // P(wait > T | answered, j) = I_x(nμ/θ + 1, j+1)

  let logWeight = 0;
  let sumHoldingTimes = 0; // Σ_{m≤j+1} 1/(nμ + mθ): mean wait of an answered caller at position j
  let sumAbandonShares = 0; // Σ_{m≤j+1} mθ/(nμ + mθ): for the waiting time of abandoners

  let waiting = 0;
  let answeredFromQueue = 0;
  let abandoned = 0;
  let waitAll = 0;
  let waitAnsweredTotal = 0;
  let waitAbandonedTotal = 0;
  let answeredWithinFromQueue = 0;
  let abandonedWithinTotal = 0;
  let quadraticMoment = 0;

  for (let position = 0; ; position += 1) {
    if (position > MAX_QUEUE_POSITIONS) throw queueTooLong(params, position);
    if (position > 0) {
      logWeight += Math.log(arrival / (serviceCapacity + position * abandonRate));
      logTermUntilServed += Math.log((patienceExpires * (shapeUntilServed + position - 1)) / position);
      logTermServedWait += Math.log((patienceExpires * (shapeServedWait + position - 1)) / position);
    }
    const weight = Math.exp(logWeight - logPeak);
    cdfUntilServed += Math.exp(logTermUntilServed);
    cdfServedWait += Math.exp(logTermServedWait);

    const ahead = position + 1; // callers that must leave before this one, itself included for patience
    const exitRate = serviceCapacity + ahead * abandonRate;
    const answerChance = serviceCapacity / exitRate;
    const abandonChance = (ahead * abandonRate) / exitRate;
    sumHoldingTimes += 1 / exitRate;
    sumAbandonShares += (ahead * abandonRate) / exitRate;

    const answeredInTime = answerChance * Math.max(0, 1 - cdfServedWait);
    const leftInTime = 1 - patienceSurvives * Math.min(1, cdfUntilServed);
    const abandonedInTime = Math.max(0, leftInTime - answeredInTime);

    waiting += weight;
    answeredFromQueue += weight * answerChance;
    abandoned += weight * abandonChance;
    waitAll += (weight * ahead) / exitRate;
    waitAnsweredTotal += weight * answerChance * sumHoldingTimes;
    waitAbandonedTotal += (weight * sumAbandonShares) / exitRate;
    answeredWithinFromQueue += weight * answeredInTime;
    abandonedWithinTotal += weight * abandonedInTime;
    quadraticMoment += weight * ahead * ahead;

    const nextRatio = arrival / (serviceCapacity + ahead * abandonRate);
    if (nextRatio < 1 && weight * quadraticTailFactor(ahead, nextRatio) <= TAIL_TOLERANCE * quadraticMoment) break;
  }

  const total = belowWeight + waiting;
  const answered = clampProbability((belowWeight + answeredFromQueue) / total);
  const answeredWithin = clampProbability((belowWeight + answeredWithinFromQueue) / total);
  const abandonedWithin = clampProbability(abandonedWithinTotal / total);
  const meanWait = waitAll / total;
  return {
    offeredLoad,
    waitProbability: clampProbability(waiting / total),
    abandonmentProbability: clampProbability(abandoned / total),
    meanWait,
    meanWaitAnswered: ratioOrZero(waitAnsweredTotal, belowWeight + answeredFromQueue),
    meanWaitAbandoned: ratioOrZero(waitAbandonedTotal, abandoned),
    answeredWithin,
    abandonedWithin,
    serviceLevelOffered: answeredWithin,
    serviceLevelAnswered: clampProbability(ratioOrZero(answeredWithin, answered)),
    serviceLevelExcludingShortAbandons: clampProbability(ratioOrZero(answeredWithin, 1 - abandonedWithin)),
    occupancy: agents === 0 ? 0 : clampProbability((arrivalRate * answered * meanHandleTime) / agents),
    meanQueueLength: arrivalRate * meanWait,
  };
}

/** Rounding can push a ratio of two sums a few ulps past 1; a probability never is. */
function clampProbability(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Upper bound on Σ_{m≥1} (A+m)² r^m, used as "what is left of a j²-weighted sum" once the
 * queue weights fall by at least a factor r < 1 per position. The j² weight is the heaviest
 * the sums use, so the bound covers all of them.
 */
function quadraticTailFactor(ahead: number, ratio: number): number {
  const gap = 1 - ratio;
  const geometric = ratio / gap;
  return ahead * ahead * geometric + (2 * ahead * ratio) / (gap * gap) + (ratio * (1 + ratio)) / (gap * gap * gap);
}

/** A conditional mean over an empty group is reported as 0 rather than NaN. */
function ratioOrZero(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** Patience = Infinity: nobody abandons, so every figure is Erlang C's. */
function erlangAFromErlangC(params: QueueParams, thresholdSeconds: number): ErlangAResult {
  const c = erlangC(params, thresholdSeconds);
  return {
    offeredLoad: c.offeredLoad,
    waitProbability: c.waitProbability,
    abandonmentProbability: 0,
    meanWait: c.meanWait,
    meanWaitAnswered: c.meanWait,
    meanWaitAbandoned: 0,
    answeredWithin: c.serviceLevel,
    abandonedWithin: 0,
    serviceLevelOffered: c.serviceLevel,
    serviceLevelAnswered: c.serviceLevel,
    serviceLevelExcludingShortAbandons: c.serviceLevel,
    occupancy: c.occupancy,
    meanQueueLength: params.arrivalRate * c.meanWait,
  };
}

/** Patience = 0: a caller who finds every agent busy hangs up at once, i.e. Erlang B. */
function erlangAAsLossSystem(arrivalRate: number, meanHandleTime: number, agents: number): ErlangAResult {
  const offeredLoad = arrivalRate * meanHandleTime;
  const blocking = erlangB(offeredLoad, agents);
  const answered = 1 - blocking;
  return {
    offeredLoad,
    waitProbability: blocking,
    abandonmentProbability: blocking,
    meanWait: 0,
    meanWaitAnswered: 0,
    meanWaitAbandoned: 0,
    answeredWithin: answered,
    abandonedWithin: blocking,
    serviceLevelOffered: answered,
    serviceLevelAnswered: answered > 0 ? 1 : 0,
    serviceLevelExcludingShortAbandons: answered > 0 ? 1 : 0,
    occupancy: agents === 0 ? 0 : (offeredLoad * answered) / agents,
    meanQueueLength: 0,
  };
}

/** Erlang B underflowed to 0: the chance of finding all agents busy is below 1e-308. */
function neverWaits(offeredLoad: number, agents: number): ErlangAResult {
  return {
    offeredLoad,
    waitProbability: 0,
    abandonmentProbability: 0,
    meanWait: 0,
    meanWaitAnswered: 0,
    meanWaitAbandoned: 0,
    answeredWithin: 1,
    abandonedWithin: 0,
    serviceLevelOffered: 1,
    serviceLevelAnswered: 1,
    serviceLevelExcludingShortAbandons: 1,
    occupancy: agents === 0 ? 0 : offeredLoad / agents,
    meanQueueLength: 0,
  };
}

function queueTooLong(params: ErlangAParams, positions: number): StaffingError {
  return new StaffingError({
    code: 'STAFFING_QUEUE_TOO_LONG',
    message: `Erlang A would need more than ${String(MAX_QUEUE_POSITIONS)} queue positions (reached ${String(positions)}) for ${String(params.agents)} agents and a mean patience of ${String(params.meanPatience)} s.`,
    why: 'With this patience and load the queue would hold millions of callers; summing it exactly is not practical and the figures would describe a line nobody can run.',
    whatToDo: 'Use a realistic mean patience, add agents, or set meanPatience to Infinity to get the Erlang C answer (which reports the queue as unstable).',
    field: 'meanPatience',
  });
}
