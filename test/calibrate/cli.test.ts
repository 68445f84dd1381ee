/**
 * `callfloor calibrate` as a user runs it: where the scenario, the summary and the check
 * go, the report formats, the options that override estimates, and bad options.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../../src/scenario/load.ts';
import { runCalibrate } from './runCalibrate.ts';

const SAMPLE = 'samples/call-log.csv';
const NO_STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('callfloor calibrate', () => {
  it('--out writes the scenario, --report the JSON report; the summary and the --check table go to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-calibrate-'));
    const out = join(dir, 'scenario.yaml');
    const report = join(dir, 'report.json');
    const { code, stdout, stderr } = await runCalibrate(SAMPLE, '--check', '-o', out, '--report', report);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Read samples\/call-log\.csv \(asterisk\): 8,405 rows, 7,854 queue calls on 20 days \(2026-02-02 to 2026-02-27\)/);
    expect(stdout).toContain('Skipped 551 rows that are not queue calls:');
    expect(stdout).toMatch(/\n\s+248 {2}outbound call \(from an internal extension\) \(first at line \d+\)\n/);
    expect(stdout).toMatch(/\nsupport +4,257 +54\.6% +\d+ +lognormal mean \d+ s cv 0\.\d\d +weibull shape 1\.\d\d scale \d+ s, mean \d+ s; naive \d+ s\n/);
    expect(stdout).toContain('Check: the calibrated scenario simulated 20 times over 20 days');
    expect(stdout).toMatch(/\ntotal +7,854 +[\d,]+ +9\.6% +[\d.]+% +[-+][\d.]+% +78\.4% +[\d.]+% +[-+][\d.]+%/);
    expect(stdout).toContain('PASS: both within 10% of the observed values over the whole log.');
    expect(stdout).toMatch(/Wrote .+scenario\.yaml and .+report\.json\.\n$/);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'scenario.yaml']);

    const loaded = await loadScenarioFile(out);
    expect(loaded.ok && loaded.warnings).toEqual([]);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.source).toMatchObject({ format: 'asterisk', rows: 8405, queueCalls: 7854, daysWithCalls: 20, sampled: false });
    expect(json.source.skipped).toHaveLength(4);
    expect(json.queues.map((q: { id: string }) => q.id)).toEqual(['support', 'sales']);
    expect(json.queues[0].handleTime).toMatchObject({ chosen: 'lognormal', what: 'talk time, answer → end (wrap-up is not in call logs)' });
    expect(json.queues[0].patience).toMatchObject({ chosen: 'weibull' });
    expect(json.queues[0].patience.kaplanMeier.grid[0]).toMatchObject({ time: 5 });
    expect(json.arrivals.intervals).toHaveLength(20);
    expect(json.arrivals.intervals[0].byWeekday).toEqual({ Mon: expect.any(Number), Tue: expect.any(Number), Wed: expect.any(Number), Thu: expect.any(Number), Fri: expect.any(Number) });
    expect(json.agents).toMatchObject({ count: 4, from: 'estimated' });
    expect(stdout).toMatch(/\nDemand: one daily profile, as the weekdays' profiles do not differ more than chance allows \(chi-square [\d.]+ on 80 degrees of freedom, p = 0\.\d\d ≥ 0\.001\)\.\n/);
    expect(json.arrivals.demand).toMatchObject({ kind: 'daily', test: { degreesOfFreedom: 80 } });
    expect(json.retrials.scenario).toMatchObject({ written: true, maxAttempts: 3, delay: { chosen: 'lognormal', n: 244 }, afterBlocked: null });
    expect(stdout).toMatch(/simulated in the scenario: afterAbandoned support 0\.\d{3}, sales 0\.\d{3}, delay lognormal mean \d+ s cv [\d.]+ \(fit truncated at the window, [\d.]+% within it\), maxAttempts 3; the arrivals are first calls \(\d+ retrials out\)\./);
    expect(json.check).toMatchObject({ pass: true, replications: 20, tolerance: 0.1 });
    expect(json.check.intervals).toHaveLength(20);
  });

  it('a --check that does not pass exits with code 3, names why, and still writes the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-calibrate-'));
    const out = join(dir, 'scenario.yaml');
    // Two agents instead of the four the log needs: far more abandonment than observed.
    const { code, stdout, stderr } = await runCalibrate(SAMPLE, '--check', '--check-replications', '3', '--agents', '2', '-o', out);
    expect(code).toBe(3);
    expect(stdout).toContain('FAIL: not both within 10% of the observed values over the whole log');
    expect(stderr).toMatch(/^callfloor: the calibration check did not pass: the simulated abandonment or service level is more than 10% off/);
    expect(stderr).not.toMatch(NO_STACK);
    expect(readdirSync(dir)).toEqual(['scenario.yaml']);
  });

  it('without --out the scenario YAML is the only thing on stdout; the summary goes to stderr', async () => {
    const { code, stdout, stderr } = await runCalibrate(SAMPLE);
    expect(code).toBe(0);
    expect(stdout.startsWith('# Calibrated by callfloor calibrate from samples/call-log.csv')).toBe(true);
    const loaded = parseScenario(stdout, 'stdout.yaml');
    expect(loaded.ok).toBe(true);
    expect(stderr).toMatch(/^Read samples\/call-log\.csv/);
  });

  it('--report with .md writes Markdown; --agents, --open, --interval and --threshold reach the scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-calibrate-'));
    const report = join(dir, 'fit.md');
    const { code, stdout } = await runCalibrate(SAMPLE, '--report', report, '--agents', '6', '--open', '08:00-12:00,13:00-18:00', '--interval', '60', '--threshold', '30');
    expect(code).toBe(0);
    const scenario = parseScenario(stdout, 'x.yaml');
    if (!scenario.ok) throw new Error('scenario does not load');
    expect(scenario.scenario.agents.count).toBe(6);
    expect(scenario.scenario.openingHours).toEqual(['08:00-12:00', '13:00-18:00']);
    expect(scenario.scenario.run.intervalMinutes).toBe(60);
    expect(scenario.scenario.serviceLevel.thresholdSeconds).toBe(30);
    expect('profile' in scenario.scenario.arrivals && scenario.scenario.arrivals.profile.map((s) => s.at)).toEqual([
      '08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00', '17:00',
    ]);
    expect(stdout).toContain('count: 6 # from --agents');
    expect(stdout).toMatch(/openingHours: \[ "08:00-12:00", "13:00-18:00" \] # from --open; \d+ calls arrived outside/);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toMatch(/^# Calibration of samples\/call-log\.csv\n/);
    for (const heading of ['## Rows skipped', '## Arrivals', '## Handle time', '## Patience', '## Observed KPIs']) expect(markdown).toContain(heading);
  });

  it.each([
    [['--format', 'cdr'], '--format must be asterisk, generic, queue_log'],
    [['--map', 'arrival=start'], '--map applies to --format generic only'],
    [['--format', 'generic', '--map', 'start=x'], '--map "start" is not a field'],
    [['--tz', 'Mars/Olympus'], '--tz "Mars/Olympus" is not a time zone'],
    [['--interval', '7'], '--interval must divide 1440 minutes'],
    [['--open', '8-18'], '--open must be windows such as 08:00-13:00,14:00-18:00, got "8-18"'],
    [['--agents', '0'], '--agents must be between 1 and 100000'],
  ])('rejects bad options: %j', async (args, message) => {
    const { code, stdout, stderr } = await runCalibrate(SAMPLE, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(NO_STACK);
  });
});
