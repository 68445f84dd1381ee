/**
 * `npm test` enforces the determinism rule of eslint.config.js: the core (src/ except the
 * edges src/cli/ and src/training/) may not use Math.random, Date.now, new Date(),
 * performance.now or timers. The rule is proven to fire on injected code, so a broken
 * config cannot pass silently.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse'}`);
}

describe('determinism lint rule', () => {
  it('src/ passes (npm run lint)', async () => {
    const results = await eslint.lintFiles(['src']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.message}`));
    expect(problems).toEqual([]);
    // The .ts files really are linted, not silently ignored.
    expect(results.filter((r) => r.filePath.endsWith('.ts')).length).toBeGreaterThan(50);
  }, 60_000);

  it('catches an injected Math.random, Date.now, new Date(), performance.now and timers in the core', async () => {
    const code = [
      'export const draw = Math.random();',
      'export const now = Date.now();',
      'export const today = new Date();',
      'export const tick = performance.now();',
      'setTimeout(() => draw, 10);',
      'setInterval(() => now, 10);',
      'export const parsed = new Date("2026-03-02T09:00:00Z");',
    ].join('\n');
    expect(await messagesFor(code, 'src/sim/injected.ts')).toEqual([
      '1:21 no-restricted-properties',
      '2:20 no-restricted-properties',
      '3:22 no-restricted-syntax',
      '4:21 no-restricted-globals',
      '4:21 no-restricted-properties',
      '5:1 no-restricted-globals',
      '6:1 no-restricted-globals',
    ]);
  });

  it('leaves the edges (src/cli, src/training) free to read real time', async () => {
    const code = 'export const started = Date.now();\nexport const delay = setTimeout(() => started, 10);\n';
    expect(await messagesFor(code, 'src/cli/injected.ts')).toEqual([]);
    expect(await messagesFor(code, 'src/training/injected.ts')).toEqual([]);
    expect(await messagesFor(code, 'src/metrics/injected.ts')).not.toEqual([]);
  });
});
