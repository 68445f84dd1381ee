/**
 * A bad answers file must leave nothing behind: every case of the answers corpus, played
 * with a real --history database and a --transcript-out file, exits 2 and creates neither.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, runCli } from './corpus.ts';

const answers = corpus().other.filter((c) => c.file.startsWith('test/fixtures/bad/answers/'));

describe('train with a bad answers file writes nothing', () => {
  it('the answers corpus has at least 20 files', () => {
    expect(answers.length).toBeGreaterThanOrEqual(20);
  });

  it.each(answers.map((c) => [c.file] as const))('%s', async (file) => {
    const folder = mkdtempSync(join(tmpdir(), 'callfloor-answers-'));
    const history = join(folder, 'history.sqlite');
    const { code, stderr } = await runCli(['train', 'missing-parts-complaint', '--answers', file, '--history', history, '--transcript-out', join(folder, 'call.md')]);
    expect(code, stderr).toBe(2);
    expect(existsSync(history)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a good answers file does store the session (so the check above can fail)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'callfloor-answers-'));
    const history = join(folder, 'history.sqlite');
    const { code, stderr } = await runCli(['train', 'missing-parts-complaint', '--answers', 'callscripts/answers/missing-parts-complaint.yaml', '--history', history, '--seed', '1']);
    expect(code, stderr).toBe(0);
    expect(existsSync(history)).toBe(true);
  });
});
