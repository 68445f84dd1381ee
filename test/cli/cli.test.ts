import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const NO_STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('callfloor run', () => {
  it('prints the money headline and the KPI table for the bundled scenario', async () => {
    const { code, stdout, stderr } = await cli('run', 'scenarios/bottega.yaml', '--lang', 'en', '-r', '2');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Bottega Rossi: in 6 days, [\d,]+ calls, [\d,]+ answered, [\d,]+ unanswered/);
    expect(stdout).toMatch(/Sales lost to unanswered calls and long waits: €[\d,]+ of revenue, €[\d,]+ of margin\./);
    expect(stdout).toContain('Service level: answered within 20 s / all calls offered');
    for (const label of ['Calls offered', 'Service level (20 s)', 'Average speed of answer (ASA)', 'Lost sales (margin)', 'Agent occupancy']) {
      expect(stdout).toContain(label);
    }
  });

  it('json output carries every KPI with its confidence interval', async () => {
    const { code, stdout } = await cli('run', 'scenarios/bottega.yaml', '--format', 'json', '-r', '3', '--seed', '5');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.replications).toBe(3);
    expect(json.seed).toBe(5);
    expect(json.serviceLevel).toEqual({ thresholdSeconds: 20, target: 0.8, denominator: 'offered' });
    expect(json.kpis.offered.mean).toBeGreaterThan(700);
    expect(json.kpis.lostMargin.halfWidth).toBeGreaterThan(0);
    expect(json.kpis.lostMargin.mean).toBeCloseTo(json.kpis.lostRevenue.mean * 0.35, 6);
    expect(json.intervals).toHaveLength(48);
  });

  it('csv has one row per interval plus a total, and --records writes one row per call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const recordsFile = join(dir, 'calls.csv');
    const { code, stdout } = await cli('run', 'scenarios/bottega.yaml', '-f', 'csv', '-r', '1', '--records', recordsFile);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 48 + 1);
    expect(lines[0]!.startsWith('interval,offered,answered,abandoned')).toBe(true);
    const total = lines.at(-1)!.split(',');
    const offered = Number(total[1]);
    const records = readFileSync(recordsFile, 'utf8').trim().split('\n');
    expect(records[0]).toBe('replication,id,callerType,problem,arrival,answer,end,wait,agent,outcome,orderValue,potentialRevenue,revenue,lostRevenue,mood');
    expect(records.length - 1).toBe(offered);
    expect(readdirSync(dir)).toEqual(['calls.csv']);
  });

  it('--out writes the result to a file and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const out = join(dir, 'result.md');
    const { code, stdout } = await cli('run', 'scenarios/bottega.yaml', '-f', 'markdown', '-r', '1', '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Bottega Rossi\n/);
    expect(readdirSync(dir)).toEqual(['result.md']);
  });

  it('a bad scenario gives every error with file:line:col, exit code 2 and no stack trace', async () => {
    const { code, stdout, stderr } = await cli('run', 'test/fixtures/bad/several-errors.yaml');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^test\/fixtures\/bad\/several-errors\.yaml:\d+:\d+  (warning )?[A-Z_]+  .+ — .+/);
    expect(lines.at(-1)).toMatch(/^callfloor: test\/fixtures\/bad\/several-errors\.yaml: \d+ errors; nothing was simulated\.$/);
    expect(stderr).not.toMatch(NO_STACK);
  });

  it('a missing file is a clear error', async () => {
    const { code, stderr } = await cli('run', 'scenarios/nope.yaml');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^scenarios\/nope\.yaml:1:1  FILE_NOT_FOUND  /);
  });

  it('bad options are usage errors with exit code 2', async () => {
    expect((await cli('run', 'scenarios/bottega.yaml', '--replications', 'many')).code).toBe(2);
    expect((await cli('run', 'scenarios/bottega.yaml', '--format', 'pdf')).stderr).toContain('--format must be text, json, csv or markdown');
    expect((await cli('frobnicate')).code).toBe(2);
  });
});

describe('callfloor validate', () => {
  it('says ok for good files and lists the errors of bad ones', async () => {
    const good = await cli('validate', 'scenarios/bottega.yaml');
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('scenarios/bottega.yaml: ok\n');
    const mixed = await cli('validate', 'scenarios/bottega.yaml', 'test/fixtures/bad/shares-sum.yaml');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/test\/fixtures\/bad\/shares-sum\.yaml:\d+:\d+  SHARES_SUM  /);
    expect(mixed.stderr).toContain('callfloor: 1 of 2 files are invalid.');
  });
});

describe('callfloor schema', () => {
  it('prints the committed JSON Schema', async () => {
    const { code, stdout } = await cli('schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8')));
  });
});

describe('callfloor erlang', () => {
  it('reproduces the Erlang A reference values', async () => {
    const { code, stdout } = await cli('erlang', '--rate', '100/30min', '--aht', '3min', '--patience', '5min', '--agents', '12..16', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const byAgents = new Map(json.rows.map((row: { agents: number; result: Record<string, number> }) => [row.agents, row.result]));
    const twelve = byAgents.get(12) as Record<string, number>;
    expect(twelve.waitProbability).toBeCloseTo(0.331802, 5);
    expect(twelve.abandonmentProbability).toBeCloseTo(0.042711, 5);
    expect(twelve.serviceLevelOffered).toBeCloseTo(0.772279, 5);
    expect(twelve.meanWait).toBeCloseTo(12.813, 2);
    expect((byAgents.get(16) as Record<string, number>).serviceLevelOffered).toBeCloseTo(0.975745, 5);
  });

  it('finds the fewest agents for a target and marks them in the table', async () => {
    const { code, stdout } = await cli('erlang', '--rate', '100/30min', '--aht', '180', '--patience', '300', '--target', '0.8');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n13 .*← fewest meeting 80%/);
    const erlangC = await cli('erlang', '--rate', '200', '--aht', '3min', '--target', '0.8', '--json');
    expect(JSON.parse(erlangC.stdout).recommended).toBe(14);
  });

  it('Erlang C table matches the reference', async () => {
    const { stdout } = await cli('erlang', '--rate', '200/h', '--aht', '180', '--agents', '12', '--json');
    const row = JSON.parse(stdout).rows[0].result;
    expect(row.waitProbability).toBeCloseTo(0.449388, 5);
    expect(row.serviceLevel).toBeCloseTo(0.640158, 5);
    expect(row.meanWait).toBeCloseTo(40.445, 2);
  });

  it('rejects nonsense with a clear message', async () => {
    const bad = await cli('erlang', '--rate', 'lots', '--aht', '180', '--agents', '3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rate must look like');
    expect((await cli('erlang', '--rate', '100', '--aht', '180')).stderr).toContain('give --agents N');
  });
});

describe('the installed launcher', () => {
  it('bin/callfloor runs and exits 2 on bad input without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: x\nagents: {count: -1}\n');
    const result = spawnSync(process.execPath, ['bin/callfloor', 'validate', file], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).not.toMatch(NO_STACK);
    const version = execFileSync(process.execPath, ['bin/callfloor', '--version'], { encoding: 'utf8' });
    expect(version.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
