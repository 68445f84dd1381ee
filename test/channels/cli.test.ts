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

describe('callfloor compare with money sections', () => {
  it('prices a plan that staffs the inbox: per-year line, and the money rows in the table', async () => {
    const { code, stdout } = await cli('compare', 'scenarios/arredo-assistenza.yaml', '-r', '2');
    expect(code).toBe(0);
    const line = /^Per year: cost of poor service (-€[\d,]+), service cost (\+€[\d,]+), margin made ([+-]€[\d,]+), margin on the extra spend of well-served customers (\+€[\d,]+): the plan is worth about (\+€[\d,]+) a year/m.exec(stdout);
    expect(line, stdout).not.toBeNull();
    const euros = (text: string): number => Number(text.replace(/[€,]/g, ''));
    const [poor, cost, margin, good, worth] = line!.slice(1).map(euros) as [number, number, number, number, number];
    // 2 dedicated agents × 8 h × 250 days × €24, plus the phone's telephony, which changes with
    // the plan now that chat, tickets and the calls they cause share the phone agents.
    const telephony = /^Telephony cost .* ([+-]?€[\d,]+)$/m.exec(stdout);
    expect(telephony, stdout).not.toBeNull();
    expect(Math.abs(cost - (96_000 + euros(telephony![1]!)))).toBeLessThanOrEqual(1);
    expect(Math.abs(worth - (margin + good - poor - cost))).toBeLessThanOrEqual(2);
    expect(stdout).toMatch(/^Chat and ticket staff cost +€0 +€3,840 +\+€3,840/m);
    expect(stdout).toMatch(/^Cost of poor service /m);
  });

  it('a plain phone scenario shows no money rows', async () => {
    const { stdout } = await cli('compare', 'scenarios/bottega.yaml', '-r', '2');
    expect(stdout).not.toContain('Cost of poor service');
    expect(stdout).not.toContain('Per year: cost of poor service');
  });
});
