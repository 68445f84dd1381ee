import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('callfloor run with the realism features', () => {
  it('prints the feature figures and the per-caller-type table, and --plan runs a plan', async () => {
    const base = await cli('run', 'scenarios/assicurazioni-vip.yaml', '--lang', 'en', '-r', '2');
    expect(base.code).toBe(0);
    expect(base.stdout).toContain('Customers (distinct callers)');
    expect(base.stdout).toContain('Repeat calls (same customers)');
    expect(base.stdout).not.toContain('Line dropped after the maximum wait');
    expect(base.stdout).toMatch(/Caller type +Customers +Offered +Answered +Abandoned/);
    expect(base.stdout).toMatch(/\nvip +[\d.,]+/);
    const plan = await cli('run', 'scenarios/assicurazioni-vip.yaml', '--lang', 'en', '-r', '2', '--plan', 'priorita-vip');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Broker Assicurativo Bianchi — priorita-vip: in 5 days/);
    const asa = (text: string) => text.match(/\nvip .* (\d+) s +€/)![1];
    expect(Number(asa(plan.stdout))).toBeLessThan(Number(asa(base.stdout)));
  });

  it('--plan with an unknown name says which plans exist, exit code 2', async () => {
    const { code, stderr } = await cli('run', 'scenarios/ospedale.yaml', '--plan', 'terzo');
    expect(code).toBe(2);
    expect(stderr).toContain('--plan terzo: the scenario has no such plan; its plans are secondo-operatore-mattina.');
  });

  it('--records adds customer, attempt and callback columns when customers called more than once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const file = join(dir, 'calls.csv');
    const { code } = await cli('run', 'scenarios/ospedale.yaml', '-r', '1', '--records', file);
    expect(code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-3)).toEqual(['customer', 'attempt', 'callback']);
    const rows = lines.slice(1).map((line) => line.split(','));
    const attempt = header.indexOf('attempt');
    const outcome = header.indexOf('outcome');
    expect(rows.some((row) => Number(row[attempt]) > 0)).toBe(true);
    expect(rows.some((row) => row[outcome] === 'dropped')).toBe(true);
  });

  it('--records has the customer columns when customers only call again after hearing the closed message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const scenario = join(dir, 'closed.yaml');
    const lines = readFileSync('scenarios/bottega.yaml', 'utf8').split('\n');
    // No retrials, callbacks or secretary: the closed line is the only way a customer calls twice.
    writeFileSync(scenario, [...lines, 'afterHours: { callsPerHour: 3, callAgain: 0.8 }', ''].join('\n'));
    const file = join(dir, 'calls.csv');
    const { code, stderr } = await cli('run', scenario, '-r', '1', '--records', file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = readFileSync(file, 'utf8').trim().split('\n');
    const header = rows[0]!.split(',');
    expect(header.slice(-3)).toEqual(['customer', 'attempt', 'callback']);
    const attempt = header.indexOf('attempt');
    const outcome = header.indexOf('outcome');
    const cells = rows.slice(1).map((line) => line.split(','));
    expect(cells.some((row) => row[outcome] === 'closed')).toBe(true);
    expect(cells.some((row) => Number(row[attempt]) > 0)).toBe(true);
  });

  it('--warmup sets the warm-up of run, compare and report alike, and refuses one as long as the run', async () => {
    const base = await cli('run', 'scenarios/bottega.yaml', '--lang', 'en', '-r', '2', '--format', 'json');
    const warmed = await cli('run', 'scenarios/bottega.yaml', '--lang', 'en', '-r', '2', '--format', 'json', '--warmup', '1d');
    expect(warmed.code).toBe(0);
    const offered = (text: string) => (JSON.parse(text) as { kpis: { offered: { mean: number } } }).kpis.offered.mean;
    // A day of six not counted: about a sixth fewer calls.
    expect(offered(warmed.stdout) / offered(base.stdout)).toBeGreaterThan(0.7);
    expect(offered(warmed.stdout) / offered(base.stdout)).toBeLessThan(0.95);
    const text = await cli('run', 'scenarios/bottega.yaml', '--lang', 'en', '-r', '2', '--warmup', '90min');
    expect(text.stdout).toContain('seed 2026, after a warm-up of 1 h 30 min not counted.');
    const compared = await cli('compare', 'scenarios/bottega-piani.yaml', '--lang', 'en', '-r', '2', '--warmup', '1d', '--format', 'json');
    expect(compared.code).toBe(0);
    const tooLong = await cli('run', 'scenarios/bottega.yaml', '--warmup', '6d');
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--warmup 518400 s is at least the whole run (6 days = 518400 s)');
  });
});
