/**
 * A sweep through BullMQ on Redis gives exactly the local pool's result. Redis comes from the
 * project's own script (tools/start-redis.sh, Debian's redis-server); the worker is the
 * real `callfloor worker` command in its own process. Without redis-server the test skips
 * with the reason, unless CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 (CI), where it fails.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSweep } from '../../src/cli/commands/sweep.ts';
import { connectionFromUrl, decode, encode } from '../../src/distributed/queue.ts';
import { drive } from '../sweep/helpers.ts';

const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
const required = process.env.CALLFLOOR_REQUIRE_SYSTEM_TOOLS === '1';
if (!hasRedis) {
  const reason = 'redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)';
  if (required) throw new Error(`CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 but ${reason}.`);
  console.warn(`skipping the distributed sweep test: ${reason}; set CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 to make this a failure.`);
}

describe('queue address and encoding', () => {
  it('reads redis:// addresses', () => {
    expect(connectionFromUrl('redis://localhost:6390/2')).toMatchObject({ host: 'localhost', port: 6390, db: 2, maxRetriesPerRequest: null });
    expect(connectionFromUrl('redis://u:p%40ss@example.org')).toMatchObject({ host: 'example.org', port: 6379, username: 'u', password: 'p@ss' });
    expect(() => connectionFromUrl('http://localhost:6379')).toThrow(/must start with redis:\/\//);
    expect(() => connectionFromUrl('localhost')).toThrow(/not an address|must start/);
  });

  it('keeps NaN and infinities through JSON', () => {
    const value = { a: NaN, b: Infinity, c: -Infinity, d: [1, NaN], e: 'x' };
    const back = decode<typeof value>(encode(value));
    expect(back.a).toBeNaN();
    expect(back.b).toBe(Infinity);
    expect(back.c).toBe(-Infinity);
    expect(back.d[1]).toBeNaN();
    expect(back.e).toBe('x');
  });
});

describe.skipIf(!hasRedis)('sweep through BullMQ on Redis', () => {
  const env = { ...process.env, CALLFLOOR_REDIS_DIR: mkdtempSync(join(tmpdir(), 'callfloor-redis-')) };
  let url = '';
  let worker: ChildProcess | undefined;
  let workerLog = '';

  beforeAll(() => {
    url = execFileSync('tools/start-redis.sh', [], { env, encoding: 'utf8' }).trim();
    worker = spawn(process.execPath, ['bin/callfloor', 'worker', '--queue', url, '--queue-name', 'callfloor-test'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    worker.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
  }, 30_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    if (url !== '') execFileSync('tools/stop-redis.sh', [url], { env });
  }, 30_000);

  it('equals the local pool, byte for byte', async () => {
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const args = ['sweep', 'scenarios/bottega.yaml', '--set', 'agents=2,3', '--set', 'capacity=5,unlimited', '-r', '3', '-f', 'json'];
    const local = await drive(registerSweep, [...args, '--workers', '1']);
    const queued = await drive(registerSweep, [...args, '--queue', url, '--queue-name', 'callfloor-test']);
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(local.code).toBe(0);
    expect(queued.stdout).toBe(local.stdout);
    expect(JSON.parse(queued.stdout).points).toHaveLength(4);
    expect(workerLog).toContain(`worker: waiting for jobs on ${url}`);
  }, 120_000);

  it('a queue nobody answers is a clear error, exit 2', async () => {
    const { code, stderr } = await drive(registerSweep, ['sweep', 'scenarios/bottega.yaml', '--set', 'agents=2', '--queue', 'redis://127.0.0.1:1']);
    expect(code).toBe(2);
    expect(stderr).toContain('no Redis answered at redis://127.0.0.1:1 within 5 s — start one with tools/start-redis.sh');
  }, 30_000);
});
