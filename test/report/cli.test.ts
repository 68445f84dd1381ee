/**
 * `callfloor report`, driven through `registerReport` with collecting streams, and once as a
 * real process interrupted with Ctrl-C (SIGINT): four files or none, never half of them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError.ts';
import { registerReport, reportPaths } from '../../src/cli/commands/report.ts';
import { writeFilesAtomic } from '../../src/cli/writeAtomic.ts';
import { TRAINING_FIXTURE } from './build.ts';

async function report(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerReport(program, io);
  try {
    await program.parseAsync(['report', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (error instanceof CliError) return { code: error.exitCode, stdout, stderr: `${stderr}callfloor: ${error.message}\n` };
    throw error;
  }
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'callfloor-report-'));
}

describe('callfloor report', () => {
  it('writes the HTML and, beside it, the same figures as Markdown, CSV and JSON', async () => {
    const dir = scratch();
    const out = join(dir, 'bottega.html');
    const { code, stdout, stderr } = await report('scenarios/bottega-piani.yaml', '-o', out, '-r', '2', '--lang', 'en', '--plan', 'tre-persone', '--training-history', TRAINING_FIXTURE);
    expect(code).toBe(0);
    expect(stderr).toBe('callfloor: simulating Bottega Rossi and 1 plan…\n');
    const paths = reportPaths(out);
    expect(stdout).toMatch(new RegExp(`^${[paths.html, paths.markdown, paths.csv, paths.json].join('\\n')}\\n\\nYou lose about €[\\d,]+ a year \\(95% CI €[\\d,]+ … €[\\d,]+\\): about \\d+ calls a week go unanswered`));
    expect(readdirSync(dir).sort()).toEqual(['bottega.csv', 'bottega.html', 'bottega.json', 'bottega.md']);
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as { plans: Array<{ name: string }>; training: { trainees: unknown[] }; run: { replications: number } };
    expect(json.plans.map((plan) => plan.name)).toEqual(['tre-persone']);
    expect(json.training.trainees).toHaveLength(2);
    expect(json.run.replications).toBe(2);
    expect(readFileSync(paths.html, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(readFileSync(paths.markdown, 'utf8')).toContain('| run.replications | 2 | command line (--replications) |');
  });

  it('names the four files from --out with or without an extension', () => {
    expect(reportPaths('out/r.html')).toEqual({ html: 'out/r.html', markdown: 'out/r.md', csv: 'out/r.csv', json: 'out/r.json' });
    expect(reportPaths('r')).toEqual({ html: 'r.html', markdown: 'r.md', csv: 'r.csv', json: 'r.json' });
  });

  it('a scenario without plans gets a report without a comparison', async () => {
    const dir = scratch();
    const { code } = await report('scenarios/bottega.yaml', '-o', join(dir, 'r.html'), '-r', '1', '--lang', 'en');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('The scenario has no plans to compare.');
  });

  it('bad input: unknown plan, cost for a plan not compared, bad history, one replication with plans', async () => {
    const dir = scratch();
    const out = join(dir, 'r.html');
    const unknown = await report('scenarios/bottega-piani.yaml', '-o', out, '--plan', 'tre-persona');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no plan "tre-persona" — did you mean tre-persone?');
    const cost = await report('scenarios/bottega-piani.yaml', '-o', out, '--plan', 'tre-persone', '--one-off-cost', 'coda-lunga=100');
    expect(cost.code).toBe(2);
    expect(cost.stderr).toContain('--one-off-cost names plan "coda-lunga", which is not compared in this report (plans: tre-persone).');
    const badCost = await report('scenarios/bottega-piani.yaml', '--one-off-cost', 'tre-persone');
    expect(badCost.code).toBe(2);
    expect(badCost.stderr).toContain('--one-off-cost must look like PLAN=AMOUNT');
    const history = join(dir, 'history.json');
    writeFileSync(history, JSON.stringify([{ trainee: 'Ada', script: 's', step: 'Listen', score: 120, date: '2026-11-02' }]));
    const bad = await report('scenarios/bottega.yaml', '-o', out, '--training-history', history);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/history\.json {2}HISTORY_SHAPE {2}0\.score: .+ — each row needs trainee, script, step \(text\), score \(0–100\) and date/);
    writeFileSync(history, '{ not json');
    expect((await report('scenarios/bottega.yaml', '-o', out, '--training-history', history)).stderr).toContain('HISTORY_NOT_JSON');
    expect((await report('scenarios/bottega.yaml', '-o', out, '--training-history', join(dir, 'missing.json'))).stderr).toContain('HISTORY_UNREADABLE');
    const one = await report('scenarios/bottega-piani.yaml', '-o', out, '-r', '1');
    expect(one.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['history.json']);
  });

  it('an unwritable destination leaves no file and no temporary file', async () => {
    const dir = scratch();
    const { code, stderr } = await report('scenarios/bottega.yaml', '-o', join(dir, 'missing', 'r.html'), '-r', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write ".*missing\/r\.html": the folder .*missing does not exist — create it first \(mkdir -p .*missing\) or choose another path; no report file was written\./);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFilesAtomic', () => {
  it('writes every file or none: a failing one or an abort leaves the old files and no temporary', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.txt'), 'old a');
    await expect(
      writeFilesAtomic([
        { path: join(dir, 'a.txt'), content: 'new a' },
        { path: join(dir, 'no', 'b.txt'), content: 'b' },
      ]),
    ).rejects.toThrow(/cannot write ".*no\/b\.txt": the folder .*no does not exist/);
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old a');
    const aborted = new AbortController();
    aborted.abort();
    await expect(writeFilesAtomic([{ path: join(dir, 'a.txt'), content: 'new a' }], aborted.signal)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['a.txt']);
    await writeFilesAtomic([
      { path: join(dir, 'a.txt'), content: 'new a' },
      { path: join(dir, 'b.txt'), content: 'b' },
    ]);
    expect([readFileSync(join(dir, 'a.txt'), 'utf8'), readFileSync(join(dir, 'b.txt'), 'utf8')]).toEqual(['new a', 'b']);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('Ctrl-C during the simulation of a real process leaves no report file', async () => {
    const dir = scratch();
    const child = spawn(process.execPath, ['bin/callfloor', 'report', 'scenarios/bottega-piani.yaml', '-r', '400', '-o', join(dir, 'r.html')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Interrupt as soon as the simulation has started (it announces itself on stderr).
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The whole line: a pipe may deliver it in pieces on a loaded machine.
      if (/simulating[^\n]*\n/.test(stderr)) child.kill('SIGINT');
    });
    const { code, signal } = await exit;
    expect(stderr).toContain('callfloor: simulating Bottega Rossi and 3 plans…');
    expect(code === 130 || signal === 'SIGINT').toBe(true);
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('registered in the CLI', () => {
  it('callfloor report --help, run --chart and compare --chart through main()', async () => {
    const { main } = await import('../../src/cli/main.ts');
    let stdout = '';
    const io = { stdout: (text: string) => void (stdout += text), stderr: () => undefined };
    expect(await main(['report', '--help'], io)).toBe(0);
    expect(stdout).toContain('Usage: callfloor report [options] <scenario>');
    expect(stdout).toContain('--training-history <file>');
    stdout = '';
    expect(await main(['run', 'scenarios/bottega.yaml', '-r', '2', '--chart', '--lang', 'en'], io)).toBe(0);
    expect(stdout).toContain('\nCalls per interval on an average day (█ answered, ░ hung up or busy signal)\n09:00 █');
    expect(stdout).toContain('\nService level per interval (─ flat line: target 80%)\n');
    stdout = '';
    expect(await main(['compare', 'scenarios/bottega-piani.yaml', '-r', '2', '--plan', 'tre-persone', '--chart', '--lang', 'en'], io)).toBe(0);
    expect(stdout).toMatch(/\nNet benefit a year of each plan \(● mean, ├─┤ 95% confidence interval, │ zero\)\ntre-persone {2}.*●/);
  });
});
