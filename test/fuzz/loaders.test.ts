/**
 * The loaders never throw and never fail internally, whatever the text: random strings,
 * YAML-looking token soup, and valid files with a character inserted or deleted anywhere.
 * Every problem is a one-line diagnostic positioned inside the file.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/scenario/errors.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { formatScriptDiagnostic } from '../../src/callscripts/errors.ts';
import { parseCallScript } from '../../src/callscripts/load.ts';
import { FUZZ } from './arbitraries.ts';

const scenarioText = readFileSync('scenarios/bottega.yaml', 'utf8');
const scriptText = readFileSync('callscripts/order-status-secretary.yaml', 'utf8');

const tokens = fc.constantFrom('a', ':', ' ', '  ', '\n', '- ', '[', ']', '{', '}', ',', '&x ', '*x', '<<: ', '!tag ', '"', "'", '#', '---', '|', '>', '? ', '.nan', '1e400', '-1', '\t', '\uFEFF', 'é', '\u0000');
const soup = fc.array(tokens, { maxLength: 80 }).map((parts) => parts.join(''));

/** A valid file with one edit: insert a token, or delete a run of characters, at a random place. */
const mutated = (base: string) =>
  fc.tuple(fc.nat({ max: base.length }), fc.oneof(tokens, fc.integer({ min: 1, max: 20 }))).map(([at, edit]) =>
    typeof edit === 'string' ? base.slice(0, at) + edit + base.slice(at) : base.slice(0, at) + base.slice(at + edit),
  );

interface Loaded {
  ok: boolean;
  errors?: ReadonlyArray<{ code: string; line: number; column: number }>;
}

/** Fails unless every problem is a positioned, one-line diagnostic that is not an internal error. */
function checker<R extends Loaded>(parse: (text: string, file: string) => R, format: (d: NonNullable<R['errors']>[number]) => string) {
  return (text: string): void => {
    const result = parse(text, 'fuzz.yaml');
    if (result.ok) return;
    const lines = text.split('\n').length;
    for (const d of result.errors ?? []) {
      expect(d.code, format(d)).not.toBe('INTERNAL_ERROR');
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(format(d)).not.toContain('\n');
    }
  };
}

const checkScenario = checker(parseScenario, (d) => formatDiagnostic(d as never));
const checkScript = checker(parseCallScript, (d) => formatScriptDiagnostic(d as never));

describe('loaders on hostile text', () => {
  it('scenario loader: random strings and token soup', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), soup), checkScenario), { seed: FUZZ.seed, numRuns: 300 });
  });

  it('scenario loader: a bundled scenario with one random edit', () => {
    fc.assert(fc.property(mutated(scenarioText), checkScenario), { seed: FUZZ.seed, numRuns: 40 });
  });

  it('script loader: random strings and token soup', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), soup), checkScript), { seed: FUZZ.seed, numRuns: 300 });
  });

  it('script loader: a bundled call script with one random edit', () => {
    fc.assert(fc.property(mutated(scriptText), checkScript), { seed: FUZZ.seed, numRuns: 40 });
  });
});
