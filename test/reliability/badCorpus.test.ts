/**
 * The whole bad-input corpus (see corpus.ts) through the real CLI entry: every broken
 * scenario, call script, call log and wrongly encoded file gives exit code 2 (0 when it has
 * only warnings), exactly the expected codes at exactly the expected positions, each as one
 * `file:line:col  CODE  what happened — what to do` line naming the file, and never a
 * stack trace. Files too big to commit (megabytes, alias bombs, 100 000 nested brackets)
 * are generated here.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logErrorCatalogue } from '../../src/calibrate/diagnostics.ts';
import { errorCatalogue } from '../../src/scenario/errors.ts';
import { answersErrorCatalogue } from '../../src/training/answers.ts';
import { MAX_FILE_BYTES as MAX_SCENARIO_BYTES } from '../../src/scenario/load.ts';
import { scriptErrorCatalogue } from '../../src/callscripts/errors.ts';
import { MAX_FILE_BYTES as MAX_SCRIPT_BYTES } from '../../src/callscripts/yamlSource.ts';
import { corpus, diagnosticLines, runCli, type CorpusCase, type ExpectedDiagnostic } from './corpus.ts';

const cases = corpus();
const all = [...cases.scenario, ...cases.script, ...cases.csv, ...cases.other];
const out = mkdtempSync(join(tmpdir(), 'callfloor-corpus-'));

function severityOf(code: string): 'error' | 'warning' {
  // Call-log codes have no severity: every one is an error.
  const catalogues = [errorCatalogue, scriptErrorCatalogue, logErrorCatalogue, answersErrorCatalogue] as unknown as Array<Record<string, { severity?: string }>>;
  const entry = catalogues.map((catalogue) => catalogue[code]).find((found) => found !== undefined);
  if (entry === undefined) throw new Error(`unknown code ${code}`);
  return entry.severity === 'warning' ? 'warning' : 'error';
}

/** Runs one case and checks everything the corpus promises. */
async function check(testCase: CorpusCase, args = testCase.args): Promise<void> {
  const { file, diagnostics: expected } = testCase;
  const argv = args.map((arg) => (arg === '{file}' ? file : arg));
  if (argv[0] === 'calibrate') argv.push('-o', join(out, 'scenario.yaml'), '--report', join(out, 'report.json'));
  const { code, stdout, stderr } = await runCli(argv);
  // Commands print warnings before errors; the expectations are in position order.
  const actual = diagnosticLines(stderr, file).sort((a, b) => a.line - b.line || a.column - b.column);
  const shown = stderr.trimEnd();
  expect(actual.map((d) => `${d.code} ${d.line}:${d.column}`), shown).toEqual(expected.map((e) => `${e.code} ${e.line}:${e.column}`));
  expected.forEach((e: ExpectedDiagnostic, i) => {
    if (e.excerpt !== undefined) expect(actual[i]!.text, shown).toContain(e.excerpt);
  });
  for (const d of actual) expect(d.text, 'what happened — what to do').toMatch(/^\S.*:\d+:\d+ {2}(warning )?[A-Z_]+ {2}\S.* — \S/);
  const hasError = expected.some((e) => severityOf(e.code) === 'error');
  expect(code, shown).toBe(hasError ? 2 : 0);
  expect(`${stdout}\n${stderr}`).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('unexpected failure');
  expect(stderr).not.toContain('\u0000');
  if (testCase.problems !== undefined) {
    const plural = testCase.problems === 1 ? 'problem' : 'problems';
    expect(stderr).toMatch(new RegExp(`: ${testCase.problems} ${plural}.*; nothing was written\\.\\n$`));
  }
  if (argv[0] === 'calibrate') expect(readdirSync(out)).toEqual([]);
}

describe('bad-input corpus through the CLI', () => {
  it('has at least 200 files, every one with expectations', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    for (const testCase of all) expect(testCase.diagnostics, testCase.file).not.toHaveLength(0);
    const runs = all.map((testCase) => `${testCase.file} ${testCase.args.join(' ')}`);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it.each(cases.scenario.map((c) => [c.file, c] as const))('validate %s', async (_file, testCase) => check(testCase));

  it.each(cases.scenario.filter((c) => c.diagnostics.some((d) => severityOf(d.code) === 'error')).map((c) => [c.file, c] as const))(
    'run %s refuses it the same way',
    async (_file, testCase) => check(testCase, ['run', '{file}']),
  );

  it.each(cases.script.map((c) => [c.file, c] as const))('lint %s', async (_file, testCase) => check(testCase));
  it.each(cases.csv.map((c) => [c.file, c] as const))('calibrate %s', async (_file, testCase) => check(testCase));
  it.each(cases.other.map((c) => [c.file, c] as const))('%s', async (_file, testCase) => check(testCase));
});

describe('generated hostile files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'callfloor-hostile-'));
  const generated = (name: string, content: string | Uint8Array): string => {
    const file = join(folder, name);
    writeFileSync(file, content);
    return file;
  };

  it('a scenario over the size limit is refused before it is read', async () => {
    const file = generated('huge.yaml', `name: huge\n${'# padding padding padding padding padding padding\n'.repeat(Math.ceil(MAX_SCENARIO_BYTES / 50) + 10)}`);
    await check({ file, args: ['validate', '{file}'], diagnostics: [{ code: 'FILE_TOO_LARGE', line: 1, column: 1, excerpt: 'too large for a scenario (limit 5.0 MB)' }] });
  });

  it('a call script over the size limit is refused before it is read', async () => {
    const file = generated('huge-script.yaml', 'x'.repeat(MAX_SCRIPT_BYTES + 1));
    await check({ file, args: ['lint', '{file}'], diagnostics: [{ code: 'FILE_TOO_LARGE', line: 1, column: 1, excerpt: 'too large for a call script' }] });
  });

  it('a large file under the limit keeps exact positions (error on its last line)', async () => {
    const padding = '# a long comment line that pads the file to several megabytes of text\n'.repeat(60_000);
    const file = generated('big.yaml', `${padding}name: big\narrivals: { callsPerHour: -1 }\n`);
    const lines = padding.split('\n').length;
    await check({
      file,
      args: ['validate', '{file}'],
      diagnostics: [
        { code: 'SCHEMA_MISSING', line: lines, column: 1 },
        { code: 'SCHEMA_MISSING', line: lines, column: 1 },
        { code: 'SCHEMA_MISSING', line: lines, column: 1 },
        { code: 'SCHEMA_RANGE', line: lines + 1, column: 27 },
      ],
    });
  });

  it('a billion-laughs alias bomb stops at the alias limit', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const file = generated('laughs.yaml', `name: laughs\n${levels.join('\n')}\n`);
    await check({ file, args: ['validate', '{file}'], diagnostics: [{ code: 'YAML_ALIAS_LIMIT', line: 3, column: 8, excerpt: 'alias bomb' }] });
    await check({ file, args: ['lint', '{file}'], diagnostics: [{ code: 'YAML_ALIAS_LIMIT', line: 3, column: 8, excerpt: 'alias bomb' }] });
  });

  it('100 000 nested brackets are refused at the 65th level, the same on every machine', async () => {
    const depth = 100_000;
    const file = generated('deep.yaml', `name: deep\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    // The root map is level 1, so the 64th bracket (column 4 + 63) is level 65.
    await check({ file, args: ['validate', '{file}'], diagnostics: [{ code: 'YAML_TOO_DEEP', line: 2, column: 67 }] });
  });

  it('deep block nesting is refused too', async () => {
    // Key k0 opens the root map (level 1); the map holding k64 is level 65.
    const body = Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}k${i}:\n`).join('');
    const file = generated('deep-block.yaml', body);
    await check({ file, args: ['lint', '{file}'], diagnostics: [{ code: 'YAML_TOO_DEEP', line: 65, column: 129 }] });
  });

  it('a Latin-1 byte megabytes into a call log is found at its row and column, and nothing is written', async () => {
    const rows = 40_000;
    const body = Array.from({ length: rows }, (_, i) => {
      const minute = String(i % 60).padStart(2, '0');
      return `2026-03-02 09:${minute}:00,2026-03-02 09:${minute}:20,2026-03-02 09:${minute}:50,answered,Rossi`;
    }).join('\n');
    const tail = Buffer.from('\n2026-03-02 10:00:00,2026-03-02 10:00:20,2026-03-02 10:00:50,answered,Nicol\xf2\n', 'latin1');
    const file = generated('late-latin1.csv', Buffer.concat([Buffer.from(`arrival,answer,end,outcome,agent\n${body}`), tail]));
    await check({ file, args: ['calibrate', '{file}', '--format', 'generic'], problems: 1, diagnostics: [{ code: 'LOG_ENCODING', line: rows + 2, column: 75, excerpt: 'byte 0xF2 is not valid UTF-8' }] });
  });

  it('a file that does not exist is FILE_NOT_FOUND, with a suggestion when a close name exists', async () => {
    const { code, stderr } = await runCli(['validate', 'test/fixtures/bad/negative-rat.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('test/fixtures/bad/negative-rat.yaml:1:1  FILE_NOT_FOUND  there is no file test/fixtures/bad/negative-rat.yaml — did you mean test/fixtures/bad/negative-rate.yaml?');
  });
});
