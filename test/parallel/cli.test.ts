/**
 * `run --precision/--workers`, `staff` through the CLI, and the progress line.
 */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { parseShare, parseTarget, registerStaff } from '../../src/cli/commands/staff.ts';
import { drive } from '../sweep/helpers.ts';

describe('callfloor run --precision / --workers', () => {
  it('adds replications until lost margin is within ±5%, and says so', async () => {
    const { code, stdout } = await drive(registerRun, ['run', 'scenarios/bottega.yaml', '--precision', '5%', '--lang', 'en']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Precision: lostMargin to ± 5\.0% of its mean \(95% CI\): reached, ± [0-4]\.\d%, after \d+ replications \(batches up to 10, /);
  });

  it('JSON: the precision block; a cap too low is reported as not reached', async () => {
    const { code, stdout } = await drive(registerRun, ['run', 'scenarios/bottega.yaml', '--precision', '1%', '--max-replications', '12', '-f', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { replications: number; precision: { reached: boolean; replications: number; batches: number[]; needed: number; kpi: string } };
    expect(json.precision.kpi).toBe('lostMargin');
    expect(json.precision.reached).toBe(false);
    expect(json.replications).toBe(12);
    expect(json.precision.batches).toEqual([10, 12]);
    expect(json.precision.needed).toBeGreaterThan(12);
  });

  it('the same output with 1 and 2 workers', async () => {
    const one = await drive(registerRun, ['run', 'scenarios/bottega.yaml', '-r', '4', '-f', 'json', '--workers', '1']);
    const two = await drive(registerRun, ['run', 'scenarios/bottega.yaml', '-r', '4', '-f', 'json', '--workers', '2']);
    expect(two.stdout).toBe(one.stdout);
  });

  it('bad values are usage errors', async () => {
    expect((await drive(registerRun, ['run', 'scenarios/bottega.yaml', '--precision', '150%'])).code).toBe(2);
    expect((await drive(registerRun, ['run', 'scenarios/bottega.yaml', '--precision', '5%', '--precision-kpi', 'nope'])).code).toBe(2);
  });
});

describe('callfloor staff', () => {
  it('reads targets and shares', () => {
    expect(parseTarget('80/20')).toEqual({ serviceLevel: 0.8, thresholdSeconds: 20 });
    expect(parseTarget('90%/15s')).toEqual({ serviceLevel: 0.9, thresholdSeconds: 15 });
    expect(parseTarget('0.75/30')).toEqual({ serviceLevel: 0.75, thresholdSeconds: 30 });
    expect(() => parseTarget('80')).toThrow(/80\/20/);
    expect(parseShare('5%')).toBe(0.05);
    expect(parseShare('0.05')).toBe(0.05);
  });

  it('prints the staffing table, the shifts and the staffing: snippet for the bundled shop', async () => {
    const { code, stdout } = await drive(registerStaff, ['staff', 'scenarios/bottega.yaml', '--target', '80/20', '-r', '4', '--workers', '1', '--lang', 'en', '--shift', '09:00-13:00+15:30-19:30', '--shift', '10:00-12:00', '--shift', '17:00-19:00']);
    expect(code).toBe(0);
    expect(stdout).toContain('Staffing for Bottega Rossi: the fewest agents per interval for service level 80% within 20 s (offered).');
    expect(stdout).toMatch(/Erlang A start per interval, corrected by simulating the whole day: \d+ rounds/);
    expect(stdout).toMatch(/^09:00-09:30 +12\.0 +\d +\d +\d+\.\d%/m);
    expect(stdout).toContain('Shifts that cover it, from the --shift patterns (integer programme, javascript-lp-solver):');
    expect(stdout).toMatch(/optimal \(branch and bound ran to the end\), LP bound \d+, gap \d+%\./);
    expect(stdout).toMatch(/staffing:\n {2}- \{ from: "09:00", agents: \d+ \}/);
  });

  it('an interval no --shift covers is a clear error', async () => {
    const { code, stderr } = await drive(registerStaff, ['staff', 'scenarios/bottega.yaml', '-r', '2', '--workers', '1', '--shift', '09:00-13:00']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no shift works 15:30-16:00, which needs \d+ people; add a shift that covers it/);
  });

  it('a scenario with agent groups is refused with what to use instead', async () => {
    const { code, stdout, stderr } = await drive(registerStaff, ['staff', 'scenarios/elettronica-reparti.yaml', '-r', '2', '--workers', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('staff sizes one team per interval, but this scenario has agent groups (vendite, tecnici)');
    expect(stderr).toContain('callfloor sweep --set agents.groups[ID].count=1..5');
  });
});

describe('progressLine', () => {
  it('bar, count, percent and ETA from the pace so far', () => {
    expect(progressLine(0, 10, 0)).toBe('[..............................]  0/10   0%');
    expect(progressLine(5, 10, 10)).toBe('[###############...............]  5/10  50%  ETA 10 s');
    expect(progressLine(10, 10, 95)).toBe('[##############################] 10/10 100%  1 min 35 s');
  });
});
