/** `callfloor run` on a scenario with chat and tickets: the channel tables, JSON and the contacts file. */
import { mkdtempSync, readFileSync } from 'node:fs';
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

describe('callfloor run with channels', () => {
  it('--contacts writes one row per chat and ticket with its status history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-'));
    const file = join(dir, 'contacts.csv');
    const { code, stdout, stderr } = await cli('run', 'scenarios/arredo-assistenza.yaml', '-r', '1', '--days', '2', '-f', 'json', '--contacts', file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('replication,channel,id,opened,assigned,responded,responseTime,withinTarget,status,causedCall,complained,dissatisfied,blended,history');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.filter((row) => row[1] === 'chat')).toHaveLength(json.channels.chat.offered.mean);
    expect(rows.filter((row) => row[1] === 'tickets')).toHaveLength(json.channels.tickets.offered.mean);
    // The history ends with the status column, and starts with opened at the opening time.
    for (const row of rows) {
      const history = row[13]!.split(';');
      expect(history[0]).toBe(`opened@${row[3]}`);
      expect(history.at(-1)!.split('@')[0]).toBe(row[8]);
    }
    expect(rows.filter((row) => row[8] === 'left').length).toBe(json.channels.chat.left.mean);
    expect(json.yearlyCostOfPoorService).toBeGreaterThan(json.yearlyLostMargin);
    expect(json.channels.tickets.backlogByDay).toHaveLength(2);
  });
});
