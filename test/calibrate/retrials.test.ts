/**
 * Retrials in the calibrated scenario beyond the bundled sample (sample.test.ts checks
 * those against the generator's truth): busy signals and their own probability, a chain
 * longer than the cap, and the two reasons to leave `retrial:` out (no caller ids, too few
 * retrials), each of which keeps every call in the arrivals and says why in the YAML.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { calibrateLines } from '../../src/calibrate/calibrate.ts';
import { LOW_COVERAGE, MAX_ATTEMPTS_CAP, MIN_RETRIALS } from '../../src/calibrate/retrialEstimate.ts';
import { renderCalibrationSummary } from '../../src/calibrate/report.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { createStream } from '../../src/kernel/rng.ts';

const TRUE_AFTER_BLOCKED = 0.8;
const TRUE_AFTER_ABANDONED = 0.4;
const TRUE_DELAY_MEAN = 200;

const stamp = (seconds: number): string => new Date(Math.floor(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A generic CSV of 10 weekdays: customers arrive 09:00–17:00; each call is busy (30%),
 * abandoned after 30–120 s (20%) or answered; after a busy signal they call again with
 * probability 0.8, after a hang-up 0.4, an exponential delay (mean 200 s) after the end.
 * One customer in 40 calls the small queue `vip` instead of `help`. One customer hears a
 * busy signal 12 times in a row on the first day.
 */
function busyLog(): string[] {
  const rng = createStream(99, 'busyLog');
  const exponential = (mean: number): number => -mean * Math.log(1 - rng.next());
  const calls: Array<{ arrival: number; answer: number | null; end: number; caller: string; outcome: string; queue: string }> = [];
  const monday = Date.parse('2026-03-02T00:00:00Z') / 1000;
  let customer = 0;
  for (let day = 0; day < 10; day++) {
    const base = monday + (Math.floor(day / 5) * 7 + (day % 5)) * 86_400;
    for (let t = 9 * 3600 + exponential(60); t < 17 * 3600; t += exponential(60)) {
      const queue = customer % 40 === 0 ? 'vip' : 'help';
      const caller = `0${String(1_000_000 + customer++)}`;
      let arrival = base + t;
      for (let attempt = 0; attempt < 20; attempt++) {
        const u = rng.next();
        const outcome = u < 0.3 ? 'busy' : u < 0.5 ? 'abandoned' : 'answered';
        const wait = outcome === 'busy' ? 0 : 30 + rng.next() * 90;
        const end = arrival + wait + (outcome === 'answered' ? 60 + rng.next() * 240 : 0);
        calls.push({ arrival, answer: outcome === 'answered' ? arrival + wait : null, end, caller, outcome, queue });
        const again = outcome === 'busy' ? TRUE_AFTER_BLOCKED : outcome === 'abandoned' ? TRUE_AFTER_ABANDONED : 0;
        if (!(rng.next() < again)) break;
        arrival = end + exponential(TRUE_DELAY_MEAN);
      }
    }
  }
  // The persistent caller: 12 busy signals, a minute apart.
  for (let i = 0; i < 12; i++) {
    const arrival = monday + 10 * 3600 + i * 60;
    calls.push({ arrival, answer: null, end: arrival, caller: '0999', outcome: 'busy', queue: 'help' });
  }
  calls.sort((a, b) => a.arrival - b.arrival);
  return [
    'arrival,answer,end,queue,caller,outcome',
    ...calls.map((c) => [stamp(c.arrival), c.answer === null ? '' : stamp(c.answer), stamp(c.end), c.queue, c.caller, c.outcome].join(',')),
  ];
}

describe('retrials after busy signals and hang-ups (generic CSV)', async () => {
  const lines = busyLog();
  const { estimates, yaml } = await calibrateLines(lines, 'busy.csv', { format: 'generic' });
  const model = estimates.retrialModel;

  it('estimates afterBlocked and afterAbandoned within 4 standard errors, the delay mean within 10%', () => {
    if (!model.written) throw new Error(model.reason);
    const blocked = model.afterBlocked!;
    const abandoned = model.queues[0]!.afterAbandoned;
    expect(Math.abs(blocked.probability - TRUE_AFTER_BLOCKED)).toBeLessThan(4 * Math.sqrt((0.8 * 0.2) / blocked.calls));
    expect(Math.abs(abandoned.probability - TRUE_AFTER_ABANDONED)).toBeLessThan(4 * Math.sqrt((0.4 * 0.6) / abandoned.calls));
    expect(model.queues[0]!.from).toBe('queue');
    expect(Math.abs(model.delay.chosen.mean / TRUE_DELAY_MEAN - 1)).toBeLessThan(0.1);
    expect(model.coverage).toBeGreaterThan(0.99);
  });

  it('a queue with fewer than 30 retrials of its own gets the pooled probability, and says so', () => {
    if (!model.written) throw new Error(model.reason);
    const vip = model.queues.find((q) => q.id === 'vip')!;
    expect(vip.own.retried).toBeLessThan(MIN_RETRIALS);
    expect(vip.from).toBe('pooled');
    expect(vip.afterAbandoned).toBe(model.pooled);
    expect(model.pooled.retried).toBe(model.queues.reduce((sum, q) => sum + q.own.retried, 0));
    expect(yaml).toMatch(new RegExp(`# Retrials: all queues pooled, as this queue has only ${vip.own.retried} retrials after a hang-up \\(fewer than 30\\): [\\d,]+ of [\\d,]+ identified callers who hung up called again`));
  });

  it('caps maxAttempts at 10 when a chain is longer, and says so', () => {
    if (!model.written) throw new Error(model.reason);
    expect(model.longestChain).toBe(12);
    expect(model.maxAttempts).toBe(MAX_ATTEMPTS_CAP);
    expect(yaml).toContain('maxAttempts: 10 # the longest chain of calls seen (12), capped');
  });

  it('writes afterBlocked with its evidence, and a scenario that loads without warnings', () => {
    const loaded = parseScenario(yaml, 'busy.yaml');
    expect(loaded.ok && loaded.warnings).toEqual([]);
    const retrial = parseYaml(yaml).callerTypes[0].retrial;
    expect(Object.keys(retrial)).toEqual(['afterBlocked', 'afterAbandoned', 'delay', 'maxAttempts']);
    expect(yaml).toMatch(/afterBlocked: 0\.\d+ # all queues: [\d,]+ of [\d,]+ identified callers who got a busy signal called again within 30 min/);
    expect(yaml).not.toContain('afterBlocked is left out');
  });
});

describe('a window shorter than most delays', async () => {
  // Delays are exponential with mean 200 s: a 3-minute window sees only 59% of them.
  const { estimates, yaml } = await calibrateLines(busyLog(), 'busy.csv', { format: 'generic', retrialWindowSeconds: 180 });
  const model = estimates.retrialModel;

  it('does not choose a fit that puts almost all delays past the window; warns that the tail is extrapolated', () => {
    if (!model.written) throw new Error(model.reason);
    // The lognormal fits the 3 minutes seen about as well with an absurd mean: not chosen.
    expect(model.delay.lognormal.windowCoverage).toBeLessThan(0.2);
    expect(model.delay.chosen.dist).toBe('exponential');
    expect(model.coverage).toBeLessThan(LOW_COVERAGE);
    expect(Math.abs(model.coverage - (1 - Math.exp(-180 / TRUE_DELAY_MEAN)))).toBeLessThan(0.1);
    expect(model.afterBlocked!.seen).toBeLessThan(0.6);
    expect(Math.abs(model.afterBlocked!.probability - TRUE_AFTER_BLOCKED)).toBeLessThan(0.1);
    expect(Math.abs(model.delay.chosen.mean / TRUE_DELAY_MEAN - 1)).toBeLessThan(0.2);
    expect(yaml).toContain('WARNING: under 80% within the window, so the tail past it is extrapolated: rerun with a longer --retrial-window (e.g. 6min).');
    expect(renderCalibrationSummary(estimates)).toMatch(/WARNING: only [\d.]+% of the fitted delays fall within the window, so the rest is extrapolated: rerun with a longer --retrial-window\.\n/);
  });
});

describe('retrial: is left out, with the reason, when the log cannot support it', () => {
  const sample = readFileSync('samples/call-log.csv', 'utf8').split('\n');

  it('no caller ids: every call stays in the arrivals', async () => {
    // The sample with every caller id hidden (src and clid fields).
    const hidden = sample.map((line) => line.replace(/^"","[^"]*",/, '"","anonymous",').replace(/"""" <[^>]*>"/, '""""  <anonymous>"'));
    const { estimates, yaml } = await calibrateLines(hidden, 'hidden.csv');
    expect(estimates.retrialModel).toMatchObject({ written: false, reason: expect.stringContaining('no call in the log has a caller id') });
    for (const interval of estimates.intervals) expect(interval.firstCalls).toBe(interval.calls);
    expect(yaml).not.toContain('retrial:');
    expect(yaml).toContain('Every call is counted, retrials included');
    expect(yaml).toContain('# Not simulated: no call in the log has a caller id');
  });

  it('a window too short for the delays (3 minutes against a mean of 10): no extrapolated probability', async () => {
    const { estimates, yaml } = await calibrateLines(sample, 'sample.csv', { retrialWindowSeconds: 180 });
    expect(estimates.retrials.afterUnanswered).toBeGreaterThanOrEqual(MIN_RETRIALS);
    expect(estimates.retrialModel).toMatchObject({ written: false, reason: expect.stringMatching(/^the 3-min retrial window is too short for these callers: the best fit of the \d+ delays seen \(\w+\) puts only [\d.]+% of delays within it/) });
    expect(yaml).not.toContain('retrial:');
    expect(yaml).toContain('rerun with a longer --retrial-window (e.g. 30min). They are part of the arrival rates above.');
  });

  it(`fewer than ${MIN_RETRIALS} retrials (a 1-minute window)`, async () => {
    const { estimates, yaml } = await calibrateLines(sample, 'sample.csv', { retrialWindowSeconds: 60 });
    expect(estimates.retrials.afterUnanswered).toBeLessThan(MIN_RETRIALS);
    expect(estimates.retrialModel).toMatchObject({ written: false });
    expect(yaml).toMatch(/# Not simulated: only \d+ call\(s\) came from a caller whose unanswered call had ended within 1 min, fewer than the 30 needed/);
    const shares = parseYaml(yaml).callerTypes.map((type: { share: number }) => type.share);
    expect(shares).toEqual(estimates.queues.map((q) => Number((q.calls / estimates.reading.statistics.calls).toFixed(6))));
  });
});
