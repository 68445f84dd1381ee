/**
 * The book is the only writer of a replication's figures: what it books per reporting interval
 * adds up to what it books for the whole run, and the queue's time integral obeys Little's law.
 */
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../src/report/runReport.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { simulate } from '../../src/sim/replication.ts';
import { runScenario } from '../../src/sim/run.ts';

async function load(file: string) {
  const loaded = await loadScenarioFile(`scenarios/${file}`);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

async function run(file: string) {
  return runScenario(await load(file));
}

describe('the book', () => {
  it('books the queue length per interval: the intervals add up to the run, and run --format json shows them', async () => {
    const result = await run('bottega.yaml');
    for (const replication of result.replications) {
      const { total, intervalTallies } = replication;
      const area = intervalTallies.reduce((sum, tally) => sum + tally.queueLengthArea, 0);
      const observed = intervalTallies.reduce((sum, tally) => sum + tally.observedSeconds, 0);
      expect(total.queueLengthArea).toBeGreaterThan(0);
      expect(area).toBeCloseTo(total.queueLengthArea, 6);
      expect(observed).toBe(total.observedSeconds);
      replication.intervals.forEach((kpis, index) => {
        const tally = intervalTallies[index]!;
        expect(kpis.meanQueueLength).toBe(tally.observedSeconds > 0 ? tally.queueLengthArea / tally.observedSeconds : 0);
      });
    }
    const json = runToJson(result) as unknown as { intervals: Array<{ meanQueueLength: number }> };
    const shown = json.intervals.map((interval) => interval.meanQueueLength);
    expect(shown.filter((value) => value > 0).length).toBeGreaterThan(5);
    // The run's average is the intervals' averages weighted by their open time (all intervals of bottega's open hours are whole).
    const weighted = result.replications[0]!.intervalTallies.reduce((sum, tally, index) => sum + result.replications[0]!.intervals[index]!.meanQueueLength * tally.observedSeconds, 0);
    expect(weighted / result.replications[0]!.total.observedSeconds).toBeCloseTo(result.replications[0]!.kpis.meanQueueLength, 9);
  });

  it("obeys Little's law: the queue's caller-seconds are the waits of the callers who left it", async () => {
    const result = await run('bottega.yaml');
    for (const replication of result.replications) {
      const { total } = replication;
      const waits = total.waitOfAnsweredSum + total.waitOfAbandonedSum + total.waitOfDroppedSum;
      // Nobody waits at midnight, and bottega has no warm-up: every caller-second waited is in a wait booked.
      expect(replication.inSystem).toBe(0);
      expect(total.queueLengthArea).toBeCloseTo(waits, 3);
    }
  });

  it('is the one source of every figure: a replication alone and within a run agree, money included', async () => {
    const scenario = await load('arredo-assistenza.yaml');
    const alone = simulate(prepareModel(scenario), { replication: 1 });
    const inRun = runScenario(scenario, { replications: 2 }).replications[1]!;
    expect(alone.kpis.costOfPoorService).toBeGreaterThan(0);
    expect(alone.kpis).toEqual(inRun.kpis);
    expect(alone.intervals).toEqual(inRun.intervals);
  });

  it('prices an hour of staff the same way with and without money sections (agent groups: their own rates)', async () => {
    const scenario = await load('elettronica-reparti.yaml');
    const withCosts = { ...scenario, costs: { telephonyPerMinute: 0.02, chargeWaitingTime: true, outsourcingPerCall: 0, outsourcingPerMonth: 0, otherPerMonth: 0 } };
    const plain = runScenario(scenario, { replications: 2 });
    const costed = runScenario(withCosts, { replications: 2 });
    expect(costed.kpis.staffCost.mean).toBe(plain.kpis.staffCost.mean);
    expect(costed.kpis.telephonyCost.mean).toBeGreaterThan(0);
  });
});
