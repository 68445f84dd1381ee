/**
 * File names from user input: the debrief's transcript files are named after the trainee
 * and the script, so hostile names (path climbing, Windows device names, separators, NUL,
 * 300 characters, emoji) must still give one safe file inside --transcript-dir. Output
 * paths the user names (-o, --report) are kept as given, but a path no file system accepts
 * is a clean exit-2 error naming what to do, never a stack trace or a stray temporary file.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportName } from '../../src/cli/commands/train.ts';
import { runCli } from './corpus.ts';

const record = { finishedAt: '2026-03-02T09:15:03.120Z', scriptId: 'missing-parts-complaint' };
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('transcript file names from the trainee and script names', () => {
  it.each([
    ['Niccolò Rossi', 'callfloor-missing-parts-complaint-Niccolò_Rossi-20260302-091503.md'],
    ['../../etc/passwd', 'callfloor-missing-parts-complaint-etc-passwd-20260302-091503.md'],
    ['CON', 'callfloor-missing-parts-complaint-_CON-20260302-091503.md'],
    ['sales/team a', 'callfloor-missing-parts-complaint-sales-team_a-20260302-091503.md'],
    ['anna\u0000x', 'callfloor-missing-parts-complaint-anna-x-20260302-091503.md'],
    ['', 'callfloor-missing-parts-complaint-trainee-20260302-091503.md'],
    ['Giulia 📞😀', 'callfloor-missing-parts-complaint-Giulia_📞😀-20260302-091503.md'],
    ['..', 'callfloor-missing-parts-complaint-trainee-20260302-091503.md'],
  ])('trainee %j → %s', (trainee, expected) => {
    expect(exportName({ ...record, trainee }, 'markdown')).toBe(expected);
  });

  it('a 300-character name (of 4-byte emoji too) stays one segment under 255 bytes, with its date', () => {
    for (const trainee of ['a'.repeat(300), '😀'.repeat(300), `${'../'.repeat(100)}x`]) {
      const name = exportName({ ...record, scriptId: 'x'.repeat(300), trainee }, 'json');
      expect(bytes(name)).toBeLessThanOrEqual(255);
      expect(name).toMatch(/-20260302-091503\.json$/);
      const folder = '/tmp/transcripts';
      expect(dirname(join(folder, name))).toBe(folder);
      expect(basename(join(folder, name))).toBe(name);
    }
  });
});

describe('output paths no file system accepts', () => {
  const folder = mkdtempSync(join(tmpdir(), 'callfloor-names-'));

  it.each([
    ['a NUL byte', join(folder, 'a\u0000b.json'), 'the name contains a NUL byte'],
    ['300 characters', join(folder, `${'x'.repeat(300)}.json`), 'the name is too long (305 bytes; most file systems allow 255)'],
    ['a missing folder', join(folder, 'no', 'such', 'x.json'), `the folder ${join(folder, 'no', 'such')} does not exist — create it first`],
    ['a folder', folder, 'it is a folder — give a file name inside it'],
  ])('%s: exit 2, what to do, nothing written', async (_what, out, message) => {
    const { code, stderr } = await runCli(['schema', '-o', out]);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('unexpected failure');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a long name that file systems accept is written, though its temporary name would be longer than 255 bytes', async () => {
    const out = join(folder, `${'y'.repeat(245)}.json`);
    const { code, stderr } = await runCli(['schema', '-o', out]);
    expect(code, stderr).toBe(0);
    expect(readdirSync(folder)).toEqual([basename(out)]);
  });
});
