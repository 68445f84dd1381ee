/**
 * Every file in test/fixtures/bad-scripts/ is a broken call script that starts with the
 * diagnostics `lint` must produce, one comment line each:
 *
 *   # expect: CODE LINE:COL
 *   # expect: CODE LINE:COL "text the formatted diagnostic must contain"
 *
 * Exactly those codes at exactly those positions (errors and warnings together, in
 * position order) — nothing more, nothing less.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headerExpectations, type ExpectedDiagnostic } from '../reliability/corpus.ts';
import { formatScriptDiagnostic, scriptErrorCodes, type ScriptDiagnostic } from '../../src/callscripts/errors.ts';
import { lintScriptFile } from '../../src/callscripts/load.ts';

const folder = fileURLToPath(new URL('../fixtures/bad-scripts/', import.meta.url));
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

/** The `# expect:` header (shared with the corpus test). */
function expectations(file: string): ExpectedDiagnostic[] {
  return headerExpectations(join(folder, file));
}

async function diagnosticsOf(file: string): Promise<ScriptDiagnostic[]> {
  const { errors, warnings } = await lintScriptFile(join(folder, file));
  return [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column);
}

describe('bad call scripts', () => {
  it('has a corpus of at least 15 files, each with an expectation header', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) expect(expectations(file), file).not.toHaveLength(0);
  });

  it.each(files)('%s reports exactly the expected diagnostics', async (file) => {
    const expected = expectations(file);
    const actual = await diagnosticsOf(file);
    const shown = actual.map(formatScriptDiagnostic).join('\n');
    expect(
      actual.map((d) => `${d.code} ${d.line}:${d.column}`),
      shown,
    ).toEqual(expected.map((e) => `${e.code} ${e.line}:${e.column}`));
    expected.forEach((e, i) => {
      if (e.excerpt !== undefined) expect(formatScriptDiagnostic(actual[i]!), `diagnostic ${i + 1}`).toContain(e.excerpt);
    });
    for (const d of actual) {
      expect(d.file).toBe(join(folder, file));
      expect(d.message).not.toBe('');
      expect(d.hint).not.toBe('');
      expect(formatScriptDiagnostic(d)).not.toMatch(/\n|\bat .*\.ts:\d+/);
    }
  });

  it('covers every code in the catalogue that a file can produce', () => {
    const covered = new Set(files.flatMap((file) => expectations(file).map((e) => e.code)));
    // FILE_NOT_FOUND cannot be a file; INTERNAL_ERROR would be a bug; FILE_TOO_LARGE needs
    // megabytes, so test/reliability/badCorpus.test.ts generates it.
    const notFileBased = new Set(['FILE_NOT_FOUND', 'INTERNAL_ERROR', 'FILE_TOO_LARGE']);
    expect(scriptErrorCodes.filter((code) => !notFileBased.has(code) && !covered.has(code))).toEqual([]);
  });
});
