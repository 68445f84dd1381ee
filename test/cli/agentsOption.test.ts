/**
 * `callfloor run --agents N` puts N identical agents on duty all day. On a scenario whose
 * staff is shifts or agent groups that would silently change nothing useful, so it is a
 * bad-input error (exit code 2) that says where the shifts or groups are and what to change.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from './runCli.ts';

const NO_STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

const BASE = `name: Agents option
language: en
run: { days: 1, replications: 1, seed: 1, intervalMinutes: 60 }
openingHours: ["09:00-12:00"]
arrivals: { profile: [{ at: "09:00", callsPerHour: 30 }] }
callerTypes:
  - { id: c, share: 1, patience: { dist: exponential, mean: 120 }, problem: p }
problemTypes:
  - { id: p, handleTime: { dist: exponential, mean: 180 } }
`;

function scenarioFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'callfloor-agents-')), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

describe('callfloor run --agents', () => {
  it('on a scenario with shifts: exit 2, the shifts line, what to change', async () => {
    const { code, stdout, stderr } = await cli('run', 'scenarios/ospedale.yaml', '--agents', '3');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'callfloor: --agents sets one team on duty all day, but this scenario has shifts (scenarios/ospedale.yaml:54:3: agents.shifts, 2 of them): ' +
        'change agents.shifts[].count in the file, or compare head counts with callfloor sweep scenarios/ospedale.yaml --set "agents.shifts[0].count=1..4".\n',
    );
    expect(stderr).not.toMatch(NO_STACK);
  });

  it('on a scenario with agent groups: exit 2, the groups line and their sizes', async () => {
    const file = scenarioFile(`${BASE}agents:\n  count: 3\n  groups:\n    - { id: esperti, count: 2 }\n    - { id: nuovi, count: 1, handleTimeFactor: 1.5 }\n`);
    const { code, stderr } = await cli('run', file, '--agents', '7');
    expect(code).toBe(2);
    expect(stderr).toContain(`this scenario has agent groups (${file}:12:3: agents.groups esperti 2, nuovi 1): change agents.groups[].count and agents.count (their total) in the file`);
  });

  it('shifts that only a plan sets: points at the plan', async () => {
    const file = scenarioFile(`${BASE}agents: { count: 2 }\nplans:\n  - name: turni\n    set:\n      agents.shifts:\n        - { from: "09:00", to: "12:00", count: 2 }\n`);
    const plain = await cli('run', file, '--agents', '3', '--lang', 'en');
    expect(plain.code).toBe(0);
    const { code, stderr } = await cli('run', file, '--agents', '3', '--plan', 'turni');
    expect(code).toBe(2);
    expect(stderr).toContain(`this scenario has shifts (${file}:12:5, plan turni: agents.shifts, 1 of them)`);
  });

  it('on a scenario with one team, still sets the agents', async () => {
    const file = scenarioFile(`${BASE}agents: { count: 1 }\n`);
    const service = async (agents: string): Promise<number> => {
      const { code, stdout } = await cli('run', file, '--agents', agents, '-f', 'json');
      expect(code).toBe(0);
      return JSON.parse(stdout).kpis.serviceLevel.mean;
    };
    expect(await service('4')).toBeGreaterThan((await service('1')) + 0.2);
  });
});
