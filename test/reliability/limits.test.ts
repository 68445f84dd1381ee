/**
 * Limits: a run that would not fit in memory is refused before it starts (exit 2, code
 * MEMORY_LIMIT, what to do); call records stream to their file, byte-identical to the
 * records kept in memory.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYTES_PER_CALL, BYTES_PER_LIVE_CALLER, estimateRunMemory, formatBytes, parseMemorySize } from '../../src/cli/memoryGuard.ts';
import type { CallRecord } from '../../src/domain/call.ts';
import { recordsToCsv } from '../../src/report/recordsCsv.ts';
import { loadScenarioFile, parseScenario } from '../../src/scenario/load.ts';
import type { ScenarioConfig } from '../../src/scenario/schema.ts';
import { runScenario } from '../../src/sim/run.ts';
import { runCli } from './corpus.ts';

const folder = mkdtempSync(join(tmpdir(), 'callfloor-limits-'));

function scenario(extra: string, patience = '{ dist: exponential, mean: 60 }'): { file: string; config: ScenarioConfig } {
  const text = `name: limits
openingHours: ["09:00-17:00"]
arrivals: { callsPerHour: 1000000 }
callerTypes:
  - { id: a, share: 1, patience: ${patience}, problem: p }
problemTypes:
  - { id: p, handleTime: { dist: exponential, mean: 60 } }
agents: { count: 20000 }
${extra}`;
  const file = join(folder, `s${readdirSync(folder).length}.yaml`);
  writeFileSync(file, text);
  const loaded = parseScenario(text, file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return { file, config: loaded.scenario };
}

describe('memory estimate', () => {
  it('counts calls, callers alive at once and kept records', () => {
    const { config } = scenario('run: { days: 10 }\nqueue: { capacity: 100 }');
    const estimate = estimateRunMemory(config);
    expect(estimate.callsPerReplication).toBe(8_000_000 * 10);
    expect(estimate.liveCallers).toBe(20_100);
    expect(estimate.bytes).toBe(80_000_000 * BYTES_PER_CALL + 20_100 * BYTES_PER_LIVE_CALLER);
    expect(estimateRunMemory(config, { recordsKept: true, replications: 2 }).bytes).toBe(estimate.bytes + 160_000_000 * 260);
  });

  it('with an unlimited queue, callers who never hang up may all wait at once', () => {
    expect(estimateRunMemory(scenario('', 'infinite').config).liveCallers).toBe(8_000_000 + 20_000);
    // With patience, an hour of arrivals at the busiest rate bounds the queue.
    expect(estimateRunMemory(scenario('').config).liveCallers).toBe(1_000_000 + 20_000);
  });

  it('reads sizes as a user writes them', () => {
    expect(parseMemorySize('512MB')).toBe(512 * 1024 ** 2);
    expect(parseMemorySize('4 GB')).toBe(4 * 1024 ** 3);
    expect(parseMemorySize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseMemorySize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseMemorySize('1000')).toBe(1000);
    expect(parseMemorySize('lots')).toBeUndefined();
    expect(parseMemorySize('-5MB')).toBeUndefined();
    expect(parseMemorySize('0')).toBeUndefined();
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });
});

describe('memory guard in the CLI', () => {
  it('refuses a valid but absurd run (a million calls an hour for ten years) before simulating', async () => {
    const { file } = scenario('run: { days: 3650 }');
    const { code, stdout, stderr } = await runCli(['run', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `callfloor: MEMORY_LIMIT  ${file}: the run would need about 435 GB of memory (2.92e10 calls per replication, up to 1.02e6 callers at once), more than the limit of 2 GB — simulate fewer days (run.days, --days) or a lower call rate, bound the queue (queue.capacity) if callers never hang up, or raise the limit with --max-memory.\n`,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('honours --max-memory, in run and in compare', async () => {
    const small = 'scenarios/bottega.yaml';
    const refused = await runCli(['run', small, '--max-memory', '1KB']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^callfloor: MEMORY_LIMIT {2}scenarios\/bottega\.yaml: the run would need about [\d.]+ KB of memory/);
    const compared = await runCli(['compare', 'scenarios/bottega-piani.yaml', '--max-memory', '1KB']);
    expect(compared.code).toBe(2);
    expect(compared.stderr).toContain('MEMORY_LIMIT');
    const bad = await runCli(['run', small, '--max-memory', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-memory must be a size such as 512MB or 4GB, got "lots".');
  });
});

describe('streamed call records', () => {
  it('are byte-identical to the records kept in memory, and leave no temporary file', async () => {
    const loaded = await loadScenarioFile('scenarios/bottega.yaml');
    if (!loaded.ok) throw new Error('bottega is invalid');
    const kept: CallRecord[] = [];
    runScenario(loaded.scenario, { onRecord: (record) => kept.push(record) });
    const out = mkdtempSync(join(tmpdir(), 'callfloor-records-'));
    const { code } = await runCli(['run', 'scenarios/bottega.yaml', '--records', join(out, 'records.csv'), '-o', join(out, 'report.txt')]);
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'records.csv'), 'utf8')).toBe(recordsToCsv(kept));
    expect(readdirSync(out).sort()).toEqual(['records.csv', 'report.txt']);
  });
});
