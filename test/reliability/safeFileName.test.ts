import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, safeFileName } from '../../src/cli/safeFileName.ts';
import { FUZZ } from '../fuzz/arbitraries.ts';

describe('safeFileName', () => {
  it.each([
    ['Niccolò Rossi', 'Niccolò Rossi'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..\\..\\Windows\\system32', 'Windows-system32'],
    ['<script>alert(1)</script>', 'script-alert(1)-script'],
    ['report: Q1/Q2?', 'report- Q1-Q2'],
    ['.hidden', 'hidden'],
    ['..', 'untitled'],
    ['', 'untitled'],
    ['   ', 'untitled'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['name\u0000with\u0007controls', 'name-with-controls'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['trailing dots...', 'trailing dots'],
    ['Cafe\u0301', 'Café'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('keeps long names within the byte limit without splitting a character', () => {
    const name = safeFileName('è'.repeat(200));
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name).toBe('è'.repeat(50));
  });

  it('always gives one safe, stable path segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const name = safeFileName(input);
        expect(name).not.toBe('');
        expect(name).not.toMatch(/[\\/\u0000-\u001f:*?"<>|]/);
        expect(name).not.toMatch(/^\./);
        expect(name).not.toMatch(/[.\s]$/);
        expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(safeFileName(name)).toBe(name);
      }),
      { seed: FUZZ.seed, numRuns: 500 },
    );
  });
});
