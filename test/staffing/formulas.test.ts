import { describe, expect, it } from 'vitest';
import {
  erlangA,
  erlangB,
  erlangC,
  minimumAgents,
  StaffingError,
  type ErlangAResult,
  type ErlangCResult,
} from '../../src/staffing/index.ts';

/** Probabilities are asserted to 5e-6, times to 1e-3 s (the references are quoted to 6 digits). */
const PROBABILITY_TOLERANCE = 5e-6;
const TIME_TOLERANCE = 1e-3;

function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${String(actual)} vs ${String(expected)}`).toBeLessThanOrEqual(tolerance);
}

/** 100 calls per 30 minutes, 3-minute handle time (10 Erlang), 5-minute patience, 20 s threshold. */
const SHOP = { arrivalRate: 100 / 1800, meanHandleTime: 180, meanPatience: 300 };
const THRESHOLD = 20;

/** Erlang B by direct summation of aᵏ/k! — fine for small n, independent of the recursion. */
function erlangBBySummation(load: number, agents: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= agents; k += 1) {
    term *= load / k;
    sum += term;
  }
  return term / sum;
}

/**
 * Independent Erlang A check: stationary distribution of a truncated M/M/n+M chain summed
 * directly, and the tagged caller's race (served vs. its own patience) solved by
 * uniformisation of its position-in-queue chain — no incomplete-beta identity involved.
 */
function erlangABruteForce(
  params: { arrivalRate: number; meanHandleTime: number; agents: number; meanPatience: number },
  threshold: number,
  queueCap = 600,
): { waitProbability: number; abandonmentProbability: number; meanWait: number; answeredWithin: number; abandonedWithin: number } {
  const { arrivalRate, meanHandleTime, agents, meanPatience } = params;
  const serviceRate = 1 / meanHandleTime;
  const abandonRate = 1 / meanPatience;
  const capacity = agents * serviceRate;
  const weights: number[] = [1];
  for (let k = 1; k <= agents + queueCap; k += 1) {
    const death = k <= agents ? k * serviceRate : capacity + (k - agents) * abandonRate;
    weights.push(((weights[k - 1] ?? 0) * arrivalRate) / death);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const stationary = weights.map((w) => w / total);
  const queueStates = stationary.slice(agents); // index j = j callers ahead of an arrival
  const waitProbability = queueStates.reduce((a, b) => a + b, 0);
  const meanQueue = queueStates.reduce((acc, p, j) => acc + j * p, 0);

  // Uniformised tagged chain: state i = callers ahead; leaves i at rate nμ + (i+1)θ.
  const uniformRate = capacity + (queueCap + 1) * abandonRate;
  let mass = queueStates.slice();
  let served = 0;
  let abandoned = 0;
  let answeredWithin = 0;
  let abandonedWithin = 0;
  const mean = uniformRate * threshold;
  let poisson = Math.exp(-mean);
  let poissonCdf = 0;
  for (let step = 0; step < mean + 40 * Math.sqrt(mean) + 100; step += 1) {
    // P(absorbed by T) = Σ_k P(N(T) = k) · P(absorbed within k uniformised steps)
    answeredWithin += poisson * served;
    abandonedWithin += poisson * abandoned;
    poissonCdf += poisson;
    const next = new Array<number>(mass.length).fill(0);
    for (let i = 0; i < mass.length; i += 1) {
      const m = mass[i] ?? 0;
      if (m === 0) continue;
      const advance = i === 0 ? capacity : capacity + i * abandonRate;
      abandoned += (m * abandonRate) / uniformRate;
      if (i === 0) served += (m * advance) / uniformRate;
      else next[i - 1] = (next[i - 1] ?? 0) + (m * advance) / uniformRate;
      next[i] = (next[i] ?? 0) + m * (1 - (advance + abandonRate) / uniformRate);
    }
    mass = next;
    poisson *= mean / (step + 1);
  }
  answeredWithin += (1 - poissonCdf) * served;
  abandonedWithin += (1 - poissonCdf) * abandoned;
  return {
    waitProbability,
    abandonmentProbability: (abandonRate * meanQueue) / arrivalRate,
    meanWait: meanQueue / arrivalRate,
    answeredWithin: 1 - waitProbability + answeredWithin,
    abandonedWithin,
  };
}

function expectValidProbabilities(result: ErlangAResult | ErlangCResult): void {
  for (const [key, value] of Object.entries(result)) {
    if (typeof value !== 'number') continue;
    expect(Number.isNaN(value), key).toBe(false);
    const isProbability = /Probability|Within|serviceLevel|occupancy/.test(key);
    if (isProbability) {
      expect(value, key).toBeGreaterThanOrEqual(0);
      expect(value, key).toBeLessThanOrEqual(1);
    }
  }
}

describe('erlangB', () => {
  it('gives the textbook value B(10 E, 10) = 0.214582', () => {
    expectClose(erlangB(10, 10), 0.214582, 1e-6);
  });

  it('matches direct summation of aᵏ/k! for small head counts', () => {
    for (const load of [0.5, 3, 10, 27.5]) {
      for (let agents = 0; agents <= 40; agents += 1) {
        expectClose(erlangB(load, agents), erlangBBySummation(load, agents), 1e-13);
      }
    }
  });

  it('stays finite and inside (0, 1) for 5,000 agents at 4,900 Erlang and works for 10,000', () => {
    const big = erlangB(4900, 5000);
    expect(Number.isFinite(big)).toBe(true);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(1);
    const huge = erlangB(9900, 10000);
    expect(huge).toBeGreaterThan(0);
    expect(huge).toBeLessThan(1);
  });

  it('handles the edges: no agents blocks everything, no traffic blocks nothing', () => {
    expect(erlangB(5, 0)).toBe(1);
    expect(erlangB(0, 5)).toBe(0);
  });

  it('reports bad input as a coded StaffingError', () => {
    expect(() => erlangB(-1, 3)).toThrow(StaffingError);
    try {
      erlangB(10, 2.5);
    } catch (error) {
      expect(error).toBeInstanceOf(StaffingError);
      expect((error as StaffingError).code).toBe('STAFFING_INVALID_INPUT');
      expect((error as StaffingError).field).toBe('agents');
    }
  });
});

describe('erlangC', () => {
  const queue = { arrivalRate: SHOP.arrivalRate, meanHandleTime: SHOP.meanHandleTime };

  it('reproduces the 10 Erlang references for 12 and 14 agents', () => {
    const twelve = erlangC({ ...queue, agents: 12 }, THRESHOLD);
    expectClose(twelve.waitProbability, 0.449388, PROBABILITY_TOLERANCE);
    expectClose(twelve.serviceLevel, 0.640158, PROBABILITY_TOLERANCE);
    expectClose(twelve.meanWait, 40.445, TIME_TOLERANCE);
    expectClose(twelve.meanWaitOfDelayed, 90, 1e-9); // AHT / (n − a) = 180 / 2
    expectClose(twelve.occupancy, 10 / 12, 1e-12);
    expect(twelve.stable).toBe(true);

    const fourteen = erlangC({ ...queue, agents: 14 }, THRESHOLD);
    expectClose(fourteen.waitProbability, 0.174132, PROBABILITY_TOLERANCE);
    expectClose(fourteen.serviceLevel, 0.88835, PROBABILITY_TOLERANCE);
  });

  it('agrees with the sum formula C = (aⁿ/n!)(n/(n−a)) / (Σ_{k<n} aᵏ/k! + (aⁿ/n!)(n/(n−a)))', () => {
    for (const agents of [11, 15, 25]) {
      let term = 1;
      let below = 0;
      for (let k = 0; k < agents; k += 1) {
        below += term;
        term *= 10 / (k + 1);
      }
      const queued = (term * agents) / (agents - 10);
      expectClose(erlangC({ ...queue, agents }, THRESHOLD).waitProbability, queued / (below + queued), 1e-12);
    }
  });

  it('reports an overloaded queue as unstable', () => {
    const result = erlangC({ ...queue, agents: 10 }, THRESHOLD);
    expect(result.stable).toBe(false);
    expect(result.waitProbability).toBe(1);
    expect(result.meanWait).toBe(Infinity);
    expect(result.serviceLevel).toBe(0);
  });
});

describe('erlangA', () => {
  it('reproduces the 100 calls / 30 min, AHT 3 min, patience 5 min references', () => {
    const twelve = erlangA({ ...SHOP, agents: 12 }, THRESHOLD);
    expectClose(twelve.waitProbability, 0.331802, PROBABILITY_TOLERANCE);
    expectClose(twelve.abandonmentProbability, 0.042711, PROBABILITY_TOLERANCE);
    expectClose(twelve.serviceLevelOffered, 0.772279, PROBABILITY_TOLERANCE);
    expectClose(twelve.meanWait, 12.813, TIME_TOLERANCE);

    const fourteen = erlangA({ ...SHOP, agents: 14 }, THRESHOLD);
    expectClose(fourteen.waitProbability, 0.14526, PROBABILITY_TOLERANCE);
    expectClose(fourteen.abandonmentProbability, 0.013984, PROBABILITY_TOLERANCE);
    expectClose(fourteen.serviceLevelOffered, 0.916792, PROBABILITY_TOLERANCE);

    const sixteen = erlangA({ ...SHOP, agents: 16 }, THRESHOLD);
    expectClose(sixteen.waitProbability, 0.051251, PROBABILITY_TOLERANCE);
    expectClose(sixteen.abandonmentProbability, 0.003876, PROBABILITY_TOLERANCE);
    expectClose(sixteen.serviceLevelOffered, 0.975745, PROBABILITY_TOLERANCE);
  });

  it('reproduces the 500-agent reference (2 calls/s, AHT 240 s, patience 120 s, T = 20 s)', () => {
    const result = erlangA({ arrivalRate: 2, meanHandleTime: 240, agents: 500, meanPatience: 120 }, 20);
    expectClose(result.abandonmentProbability, 0.006093, 1e-5);
    expectClose(result.answeredWithin, 0.993502, 1e-5);
    expectClose(result.meanWait, 0.7312, 1e-4);
  });

  it('matches an independent brute-force computation (truncated chain + uniformisation)', () => {
    const cases = [
      { params: { ...SHOP, agents: 12 }, threshold: THRESHOLD },
      { params: { arrivalRate: 5 / 60, meanHandleTime: 60, agents: 3, meanPatience: 60 }, threshold: 30 },
      { params: { arrivalRate: 0.2, meanHandleTime: 100, agents: 18, meanPatience: 45 }, threshold: 15 },
    ];
    for (const { params, threshold } of cases) {
      const exact = erlangA(params, threshold);
      const brute = erlangABruteForce(params, threshold);
      expectClose(exact.waitProbability, brute.waitProbability, 1e-9);
      expectClose(exact.abandonmentProbability, brute.abandonmentProbability, 1e-9);
      expectClose(exact.meanWait, brute.meanWait, 1e-7);
      expectClose(exact.answeredWithin, brute.answeredWithin, 1e-9);
      expectClose(exact.abandonedWithin, brute.abandonedWithin, 1e-9);
    }
  });

  it('obeys Little’s law and conservation of callers', () => {
    const result = erlangA({ ...SHOP, agents: 12 }, THRESHOLD);
    const abandonRate = 1 / SHOP.meanPatience;
    expectClose(result.meanQueueLength, SHOP.arrivalRate * result.meanWait, 1e-12);
    // P(abandon) = θ·E[Q]/λ = θ·E[wait]
    expectClose(result.abandonmentProbability, abandonRate * result.meanWait, 1e-12);
    // mean wait of all = answered share × their mean + abandoned share × theirs
    const answered = 1 - result.abandonmentProbability;
    expectClose(
      result.meanWait,
      answered * result.meanWaitAnswered + result.abandonmentProbability * result.meanWaitAbandoned,
      1e-9,
    );
    // carried load = agents × occupancy
    expectClose(result.occupancy * 12, SHOP.arrivalRate * answered * SHOP.meanHandleTime, 1e-9);
    // with T = Infinity everyone is counted "within T"
    const forever = erlangA({ ...SHOP, agents: 12 }, Infinity);
    expectClose(forever.answeredWithin + forever.abandonedWithin, 1, 1e-12);
    expectClose(forever.abandonedWithin, result.abandonmentProbability, 1e-12);
  });

  it('reduces to Erlang C when patience is infinite (exactly) or huge (1e12 s)', () => {
    for (const agents of [11, 12, 14, 20]) {
      const queue = { arrivalRate: SHOP.arrivalRate, meanHandleTime: SHOP.meanHandleTime, agents };
      const c = erlangC(queue, THRESHOLD);
      const exact = erlangA({ ...queue, meanPatience: Infinity }, THRESHOLD);
      expect(exact.waitProbability).toBe(c.waitProbability);
      expect(exact.serviceLevelOffered).toBe(c.serviceLevel);
      expect(exact.meanWait).toBe(c.meanWait);
      expect(exact.abandonmentProbability).toBe(0);

      const patient = erlangA({ ...queue, meanPatience: 1e12 }, THRESHOLD);
      expectClose(patient.waitProbability, c.waitProbability, 1e-8);
      expectClose(patient.serviceLevelOffered, c.serviceLevel, 1e-8);
      expectClose(patient.serviceLevelAnswered, c.serviceLevel, 1e-8);
      expectClose(patient.meanWait, c.meanWait, 1e-6);
      expectClose(patient.abandonmentProbability, 0, 1e-8);
    }
  });

  it('approaches the Erlang B loss system as patience goes to 0', () => {
    for (const agents of [5, 10, 12, 16]) {
      const blocking = erlangB(10, agents);
      const impatient = erlangA({ ...SHOP, agents, meanPatience: 1e-6 }, THRESHOLD);
      expectClose(impatient.abandonmentProbability, blocking, 1e-6);
      expectClose(impatient.waitProbability, blocking, 1e-6);
      expectClose(impatient.serviceLevelOffered, 1 - blocking, 1e-6);
      const loss = erlangA({ ...SHOP, agents, meanPatience: 0 }, THRESHOLD);
      expect(loss.abandonmentProbability).toBe(blocking);
    }
  });

  it('improves monotonically as agents are added', () => {
    let previous = erlangA({ ...SHOP, agents: 6 }, THRESHOLD);
    for (let agents = 7; agents <= 25; agents += 1) {
      const current = erlangA({ ...SHOP, agents }, THRESHOLD);
      expect(current.waitProbability).toBeLessThan(previous.waitProbability);
      expect(current.abandonmentProbability).toBeLessThan(previous.abandonmentProbability);
      expect(current.meanWait).toBeLessThan(previous.meanWait);
      expect(current.serviceLevelOffered).toBeGreaterThan(previous.serviceLevelOffered);
      expect(current.serviceLevelAnswered).toBeGreaterThan(previous.serviceLevelAnswered);
      expect(current.serviceLevelExcludingShortAbandons).toBeGreaterThan(previous.serviceLevelExcludingShortAbandons);
      previous = current;
    }
  });

  it('orders the three service-level definitions: answered ≥ excluding short abandons ≥ offered', () => {
    for (let agents = 6; agents <= 20; agents += 1) {
      for (const meanPatience of [10, 60, 300, 3600]) {
        const r = erlangA({ ...SHOP, agents, meanPatience }, THRESHOLD);
        expect(r.serviceLevelAnswered).toBeGreaterThanOrEqual(r.serviceLevelExcludingShortAbandons);
        expect(r.serviceLevelExcludingShortAbandons).toBeGreaterThanOrEqual(r.serviceLevelOffered);
        expect(r.abandonedWithin).toBeLessThanOrEqual(r.abandonmentProbability);
        expectValidProbabilities(r);
      }
    }
  });

  it('stays stable above the load: fewer agents than Erlang still gives a proper answer', () => {
    const overloaded = erlangA({ ...SHOP, agents: 8 }, THRESHOLD);
    expectValidProbabilities(overloaded);
    // at least the excess traffic must be abandoned: carried load ≤ agents
    expect(overloaded.abandonmentProbability).toBeGreaterThan(1 - 8 / 10);
    const heavilyOverloaded = erlangA({ arrivalRate: 10, meanHandleTime: 180, agents: 900, meanPatience: 300 }, 20);
    expectValidProbabilities(heavilyOverloaded);
    expectClose(heavilyOverloaded.abandonmentProbability, 0.5, 1e-6);
  });

  it('handles 1,000 agents at 980 Erlang in well under a second, with no NaN', () => {
    const started = performance.now();
    const a = erlangA({ arrivalRate: 980 / 180, meanHandleTime: 180, agents: 1000, meanPatience: 300 }, 20);
    const c = erlangC({ arrivalRate: 980 / 180, meanHandleTime: 180, agents: 1000 }, 20);
    const b = erlangB(980, 1000);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expectValidProbabilities(a);
    expectValidProbabilities(c);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
    expect(a.waitProbability).toBeLessThan(c.waitProbability);
    expect(a.serviceLevelOffered).toBeGreaterThan(c.serviceLevel);
  });

  it('refuses a queue too long to sum with a coded error', () => {
    expect(() => erlangA({ arrivalRate: 10, meanHandleTime: 180, agents: 900, meanPatience: 1e12 }, 20)).toThrow(
      expect.objectContaining({ code: 'STAFFING_QUEUE_TOO_LONG' }),
    );
  });
});

describe('minimumAgents', () => {
  const shopTarget = {
    arrivalRate: SHOP.arrivalRate,
    meanHandleTime: SHOP.meanHandleTime,
    thresholdSeconds: THRESHOLD,
    targetServiceLevel: 0.8,
  };

  it('finds 13 agents for 80/20 (offered) under Erlang A: 12 misses with 0.772, 13 meets it', () => {
    const found = minimumAgents({ ...shopTarget, meanPatience: SHOP.meanPatience });
    expect(found.agents).toBe(13);
    const thirteen = found.result as ErlangAResult;
    expectClose(thirteen.serviceLevelOffered, 0.858178, PROBABILITY_TOLERANCE);
    expect(thirteen.serviceLevelOffered).toBeGreaterThanOrEqual(0.8);
    expect(erlangA({ ...SHOP, agents: 12 }, THRESHOLD).serviceLevelOffered).toBeLessThan(0.8);
  });

  it('needs 14 agents under Erlang C (13 gives 0.7956), more than Erlang A', () => {
    const found = minimumAgents(shopTarget);
    expect(found.agents).toBe(14);
    expect((found.result as ErlangCResult).stable).toBe(true);
    expectClose(erlangC({ ...shopTarget, agents: 13 }, THRESHOLD).serviceLevel, 0.795595, PROBABILITY_TOLERANCE);
    expect(minimumAgents({ ...shopTarget, meanPatience: Infinity }).agents).toBe(14);
  });

  it('respects the service-level definition and the abandonment cap', () => {
    const withPatience = { ...shopTarget, meanPatience: SHOP.meanPatience };
    expect(minimumAgents({ ...withPatience, serviceLevelDenominator: 'answered' }).agents).toBe(12);
    expect(minimumAgents({ ...withPatience, serviceLevelDenominator: 'offered-excluding-short-abandons' }).agents).toBe(13);
    const capped = minimumAgents({ ...withPatience, maxAbandonment: 0.01 });
    expect(capped.agents).toBe(15);
    expect((capped.result as ErlangAResult).abandonmentProbability).toBeLessThanOrEqual(0.01);
    expect(erlangA({ ...SHOP, agents: 14 }, THRESHOLD).abandonmentProbability).toBeGreaterThan(0.01);
  });

  it('may go below the load in Erlang when abandonment is allowed and the target is lax', () => {
    const found = minimumAgents({ ...shopTarget, meanPatience: SHOP.meanPatience, targetServiceLevel: 0.2 });
    expect(found.agents).toBe(8);
    expect(erlangA({ ...SHOP, agents: 7 }, THRESHOLD).serviceLevelOffered).toBeLessThan(0.2);
  });

  it('scales to thousands of agents quickly', () => {
    const started = performance.now();
    const found = minimumAgents({
      arrivalRate: 9800 / 180,
      meanHandleTime: 180,
      meanPatience: 300,
      thresholdSeconds: 20,
      targetServiceLevel: 0.9,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found.agents).toBeGreaterThan(9000);
    const below = erlangA({ arrivalRate: 9800 / 180, meanHandleTime: 180, agents: found.agents - 1, meanPatience: 300 }, 20);
    expect(below.serviceLevelOffered).toBeLessThan(0.9);
    expect((found.result as ErlangAResult).serviceLevelOffered).toBeGreaterThanOrEqual(0.9);
  });

  it('reports an unreachable target as a coded StaffingError', () => {
    expect(() => minimumAgents({ ...shopTarget, maxAgents: 12 })).toThrow(
      expect.objectContaining({ code: 'STAFFING_TARGET_UNREACHABLE' }),
    );
    expect(() => minimumAgents({ ...shopTarget, targetServiceLevel: 80 })).toThrow(
      expect.objectContaining({ code: 'STAFFING_INVALID_INPUT', field: 'targetServiceLevel' }),
    );
  });
});
