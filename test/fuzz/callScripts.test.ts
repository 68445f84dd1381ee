/**
 * Property-based tests of call scripts: random script graphs, written to YAML and read by
 * the real loader, are either refused with positioned diagnostics (never an exception) or
 * accepted; an accepted script, walked by an agent picking options at random, always ends
 * the call within the step limit, keeps the caller's mood and intent within 0–1, and gives
 * the same transcript for the same seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCallScript } from '../../src/callscripts/load.ts';
import { profileCaller, walk, type Chooser } from '../../src/callscripts/walk.ts';
import { createStream } from '../../src/kernel/rng.ts';
import { FUZZ, scriptArb } from './arbitraries.ts';

/** Picks among the available options with its own seeded stream. */
function randomChooser(seed: number): Chooser {
  const stream = createStream(seed, 'fuzz-chooser');
  return (options) => options[Math.floor(stream.next() * options.length)]!.id;
}

function play(text: string, seed: number) {
  const loaded = parseCallScript(text, 'fuzz.yaml');
  if (!loaded.ok) return undefined;
  return walk(loaded.script, profileCaller(loaded.script), createStream(seed, 'fuzz-walk'), randomChooser(seed), { maxSteps: 200 });
}

describe('call scripts from random graphs', () => {
  it('are refused with positioned diagnostics or walked to an end, never an exception', () => {
    let accepted = 0;
    fc.assert(
      fc.property(scriptArb, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (data, seed) => {
        const text = stringify(data);
        const loaded = parseCallScript(text, 'fuzz.yaml');
        if (!loaded.ok) {
          expect(loaded.errors.length).toBeGreaterThan(0);
          const lines = text.split('\n').length;
          for (const d of loaded.errors) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines);
            expect(d.code).not.toBe('INTERNAL_ERROR');
          }
          return;
        }
        accepted++;
        const result = play(text, seed)!;
        expect(result.outcome.kind).toMatch(/^(resolved|sale|callback|escalated|hung-up)$/);
        expect(result.caller.mood).toBeGreaterThanOrEqual(0);
        expect(result.caller.mood).toBeLessThanOrEqual(1);
        expect(result.caller.intent).toBeGreaterThanOrEqual(0);
        expect(result.caller.intent).toBeLessThanOrEqual(1);
        expect(result.elapsed).toBeGreaterThanOrEqual(0);
        expect(result.transcript.length).toBeLessThanOrEqual(2 * 200 + 2);
        expect(JSON.stringify(play(text, seed)!.transcript)).toBe(JSON.stringify(result.transcript));
      }),
      { seed: FUZZ.seed, numRuns: 80 },
    );
    // The generator must exercise both paths, or the property proves little.
    expect(accepted).toBeGreaterThan(10);
  });
});
