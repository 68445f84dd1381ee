/**
 * Ctrl-C during a run leaves no partial file: the real executable is started on a long
 * run that streams call records, interrupted once its temporary file exists, and must exit
 * with 130 leaving the output folder empty (no records.csv, no report, no .tmp file).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

const LONG_RUN = `name: long
openingHours: ["00:00-24:00"]
arrivals: { callsPerHour: 500 }
callerTypes:
  - { id: a, share: 1, patience: { dist: exponential, mean: 60 }, problem: p }
problemTypes:
  - { id: p, handleTime: { dist: exponential, mean: 60 } }
agents: { count: 10 }
run: { days: 1, replications: 10000 }
`;

describe('interrupting a run', () => {
  it('SIGINT removes the temporary records file and writes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'callfloor-interrupt-'));
    const out = join(folder, 'out');
    const scenario = join(folder, 'long.yaml');
    writeFileSync(scenario, LONG_RUN);
    mkdirSync(out);
    const child = spawn(process.execPath, ['bin/callfloor', 'run', scenario, '--records', join(out, 'records.csv'), '-o', join(out, 'report.txt')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Wait (polling, not timing) until the run has its temporary file open.
      for (let i = 0; i < 600 && !readdirSync(out).some((name) => name.endsWith('.tmp')); i++) await sleep(100);
      expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('callfloor: interrupted (SIGINT); nothing was written.');
      expect(readdirSync(out)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
