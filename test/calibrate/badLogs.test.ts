/**
 * Every broken log in test/calibrate/fixtures/bad/ gives the diagnostics listed for it in
 * expected.json — code, line:column and a part of the message — in the
 * `file:line:col  CODE  what happened — what to do` format, exit code 2, and writes
 * nothing: neither the scenario nor the report.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logErrorCatalogue } from '../../src/calibrate/diagnostics.ts';
import { runCalibrate } from './runCalibrate.ts';

const FOLDER = 'test/calibrate/fixtures/bad';

interface Expectation {
  file?: string;
  args: string[];
  problems: number;
  diagnostics: Array<[code: string, position: string, excerpt: string]>;
}

const expectations = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as Record<string, Expectation>;

describe('bad call logs', () => {
  it('every fixture has an expectation', () => {
    const files = readdirSync(FOLDER).filter((name) => name !== 'expected.json');
    const covered = new Set(Object.entries(expectations).map(([name, e]) => e.file ?? name));
    expect(files.filter((file) => !covered.has(file))).toEqual([]);
  });

  it.each(Object.entries(expectations))('%s', async (name, expectation) => {
    const file = join(FOLDER, expectation.file ?? name);
    const out = mkdtempSync(join(tmpdir(), 'callfloor-bad-'));
    const { code, stdout, stderr } = await runCalibrate(file, ...expectation.args, '-o', join(out, 'scenario.yaml'), '--report', join(out, 'report.json'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    const diagnostics = lines.slice(0, -1);
    expect(diagnostics.map((line) => line.split('  ').slice(0, 2))).toEqual(
      expectation.diagnostics.map(([codeName, position]) => [`${file}:${position}`, codeName]),
    );
    diagnostics.forEach((line, i) => {
      expect(line).toContain(expectation.diagnostics[i]![2]);
      expect(line).toMatch(/^[^ ]+:\d+:\d+ {2}LOG_[A-Z_]+ {2}.+ — .+/);
    });
    const plural = expectation.problems === 1 ? 'problem' : 'problems';
    expect(lines.at(-1)).toMatch(new RegExp(`^callfloor: .+: ${expectation.problems} ${plural}.*; nothing was written\\.$`));
    expect(readdirSync(out)).toEqual([]);
  });

  it('a missing file and a folder are clear errors', async () => {
    const missing = await runCalibrate('no/such/log.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/log.csv:1:1  LOG_NOT_FOUND  there is no file no/such/log.csv');
    const folder = await runCalibrate(FOLDER);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('LOG_UNREADABLE');
  });

  it('the fixtures and the tests above exercise every code of the catalogue', () => {
    const seen = new Set([...Object.values(expectations).flatMap((e) => e.diagnostics.map(([code]) => code)), 'LOG_NOT_FOUND', 'LOG_UNREADABLE']);
    expect(Object.keys(logErrorCatalogue).filter((code) => !seen.has(code))).toEqual([]);
  });
});
