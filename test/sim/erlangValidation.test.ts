/**
 * The simulator against queueing theory: with Poisson arrivals and exponential handle time
 * and patience it is an M/M/n+M queue (Erlang A); with infinite patience M/M/n (Erlang C);
 * with no queue M/M/n/n (Erlang B). Every analytic value must fall inside the 99%
 * confidence interval of the simulated replications.
 */
import { describe, expect, it } from 'vitest';
import { estimateOf } from '../../src/metrics/estimate.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { simulate } from '../../src/sim/replication.ts';
import { erlangA, erlangB, erlangC } from '../../src/staffing/index.ts';
import { markovScenario, type QueueCase } from './helpers.ts';

interface Observed {
  waitProbability: number;
  abandonment: number;
  serviceLevel: number;
  meanWait: number;
  occupancy: number;
  blocking: number;
}

function replicate(queueCase: QueueCase): Observed[] {
  const scenario = markovScenario(queueCase);
  const threshold = scenario.serviceLevel.thresholdSeconds;
  const model = prepareModel(scenario);
  const out: Observed[] = [];
  for (let replication = 0; replication < scenario.run.replications; replication++) {
    // Computed over finished calls: callers still in service when the horizon cuts the run
    // have no outcome yet (and are counted in `inSystem`, not here).
    let finished = 0;
    let delayed = 0;
    let waitSum = 0;
    let abandoned = 0;
    let blocked = 0;
    let answeredWithin = 0;
    const result = simulate(model, {
      replication,
      onRecord: (record) => {
        finished++;
        if (record.outcome === 'abandoned') abandoned++;
        if (record.outcome === 'blocked') blocked++;
        if (record.outcome === 'abandoned' || (record.outcome !== 'blocked' && record.wait > 0)) delayed++;
        if (record.outcome !== 'abandoned' && record.outcome !== 'blocked' && record.wait <= threshold) answeredWithin++;
        waitSum += record.wait;
      },
    });
    out.push({
      waitProbability: delayed / finished,
      abandonment: abandoned / finished,
      serviceLevel: answeredWithin / finished,
      meanWait: waitSum / finished,
      occupancy: result.kpis.occupancy,
      blocking: blocked / finished,
    });
  }
  return out;
}

function expectInside(samples: Observed[], key: keyof Observed, analytic: number): void {
  const estimate = estimateOf(samples.map((sample) => sample[key]), 0.99);
  const message = `${key}: analytic ${analytic} vs simulated ${estimate.mean} ± ${estimate.halfWidth} (99% CI)`;
  expect(estimate.halfWidth, message).toBeGreaterThan(0);
  expect(Math.abs(estimate.mean - analytic), message).toBeLessThanOrEqual(estimate.halfWidth);
}

describe('simulation matches Erlang A (M/M/n+M)', () => {
  const cases: Array<QueueCase & { label: string }> = [
    { label: '5 agents, load 4 E', arrivalRate: 1 / 60, meanHandleTime: 240, meanPatience: 180, agents: 5, days: 2 },
    { label: '12 agents, reference case', arrivalRate: 100 / 1800, meanHandleTime: 180, meanPatience: 300, agents: 12 },
    { label: '50 agents, overloaded', arrivalRate: 0.3, meanHandleTime: 180, meanPatience: 120, agents: 50, replications: 10 },
    { label: '500 agents, benchmark case', arrivalRate: 2, meanHandleTime: 240, meanPatience: 120, agents: 500, days: 1, replications: 8 },
  ];
  for (const queueCase of cases) {
    it(queueCase.label, () => {
      const samples = replicate(queueCase);
      const threshold = 20;
      const exact = erlangA(
        {
          arrivalRate: queueCase.arrivalRate,
          meanHandleTime: queueCase.meanHandleTime,
          meanPatience: queueCase.meanPatience,
          agents: queueCase.agents,
        },
        threshold,
      );
      expectInside(samples, 'waitProbability', exact.waitProbability);
      expectInside(samples, 'abandonment', exact.abandonmentProbability);
      expectInside(samples, 'serviceLevel', exact.serviceLevelOffered);
      expectInside(samples, 'meanWait', exact.meanWait);
      expectInside(samples, 'occupancy', exact.occupancy);
    });
  }
});

describe('simulation matches Erlang C (M/M/n, infinite patience)', () => {
  it('12 agents, load 10 E', () => {
    const queueCase: QueueCase = { arrivalRate: 100 / 1800, meanHandleTime: 180, meanPatience: Infinity, agents: 12, days: 3, replications: 12 };
    const samples = replicate(queueCase);
    const exact = erlangC({ arrivalRate: queueCase.arrivalRate, meanHandleTime: 180, agents: 12 }, 20);
    expectInside(samples, 'waitProbability', exact.waitProbability);
    expectInside(samples, 'serviceLevel', exact.serviceLevel);
    expectInside(samples, 'meanWait', exact.meanWait);
    expectInside(samples, 'occupancy', exact.occupancy);
    expect(samples.every((sample) => sample.abandonment === 0)).toBe(true);
  });
});

describe('simulation matches Erlang B (M/M/n/n, no queue)', () => {
  it('10 agents, load 8 E', () => {
    const queueCase: QueueCase = { arrivalRate: 8 / 180, meanHandleTime: 180, meanPatience: Infinity, agents: 10, capacity: 0, days: 2 };
    const samples = replicate(queueCase);
    const blocking = erlangB(8, 10);
    expectInside(samples, 'blocking', blocking);
    expectInside(samples, 'occupancy', (8 * (1 - blocking)) / 10);
    expect(samples.every((sample) => sample.waitProbability === 0)).toBe(true);
  });
});
