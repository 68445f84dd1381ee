/**
 * The bad-input corpus: every broken file with the diagnostics it must produce, and a way
 * to run a command through the real CLI entry (main() with a captured Io).
 *
 * Three kinds of expectation:
 * - a header at the top of a YAML fixture, one comment line per diagnostic
 *   (`# expect: CODE LINE:COL` or `# expect: CODE LINE:COL "excerpt"`), for scenarios in
 *   test/fixtures/bad/*.yaml (checked with `validate` and `run`) and call scripts in
 *   test/fixtures/bad-scripts/*.yaml (checked with `lint`);
 * - an `expected.json` beside files that cannot carry a comment (CSV logs, UTF-16…):
 *   `{ "<file>": { "args": ["calibrate", "{file}", …], "diagnostics": [[CODE, "LINE:COL", excerpt]] } }`,
 *   in any folder under test/fixtures/bad/ (one per folder: csv/, encoding/, answers/…);
 * - the call logs of test/calibrate/fixtures/bad/expected.json (their own format).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

export interface ExpectedDiagnostic {
  code: string;
  line: number;
  column: number;
  excerpt?: string;
}

export interface CorpusCase {
  /** Path relative to the repository root, as given to the CLI (and so as printed). */
  file: string;
  /** CLI arguments; every `{file}` is replaced by the file. */
  args: string[];
  diagnostics: ExpectedDiagnostic[];
  /** Problem count the summary line must state (calibrate only). */
  problems?: number;
}

const BAD = 'test/fixtures/bad';
const BAD_SCRIPTS = 'test/fixtures/bad-scripts';
const BAD_LOGS = 'test/calibrate/fixtures/bad';

/** The `# expect:` header; bytes read as Latin-1 so that a non-UTF-8 fixture still has one. */
export function headerExpectations(file: string): ExpectedDiagnostic[] {
  const text = readFileSync(file, 'latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  const result: ExpectedDiagnostic[] = [];
  for (const line of text.split('\n')) {
    const match = /^# expect: ([A-Z_]+) (\d+):(\d+)(?: "((?:[^"\\]|\\.)*)")?\s*$/.exec(line);
    if (!match) break;
    const excerpt = match[4]?.replace(/\\(.)/g, '$1');
    result.push({ code: match[1]!, line: Number(match[2]), column: Number(match[3]), ...(excerpt !== undefined ? { excerpt } : {}) });
  }
  return result;
}

function position(text: string): { line: number; column: number } {
  const [line, column] = text.split(':').map(Number);
  return { line: line!, column: column! };
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(folder, name));
}

function jsonCases(folder: string): CorpusCase[] {
  const table = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Record<
    string,
    { args: string[]; problems?: number; diagnostics: Array<[string, string, string]> }
  >;
  return Object.entries(table).map(([name, entry]) => ({
    file: join(folder, name),
    args: entry.args,
    ...(entry.problems !== undefined ? { problems: entry.problems } : {}),
    diagnostics: entry.diagnostics.map(([code, at, excerpt]) => ({ code, ...position(at), ...(excerpt ? { excerpt } : {}) })),
  }));
}

/** Every case of the corpus, grouped by kind. */
export function corpus(): Record<'scenario' | 'script' | 'csv' | 'other', CorpusCase[]> {
  const scenario = yamlFiles(BAD).map((file) => ({ file, args: ['validate', '{file}'], diagnostics: headerExpectations(file) }));
  const script = yamlFiles(BAD_SCRIPTS).map((file) => ({ file, args: ['lint', '{file}'], diagnostics: headerExpectations(file) }));
  const folders = readdirSync(BAD)
    .map((name) => join(BAD, name))
    .filter((path) => statSync(path).isDirectory() && existsSync(join(path, 'expected.json')));
  const csv: CorpusCase[] = [];
  const other: CorpusCase[] = [];
  for (const folder of folders) (folder.endsWith('csv') ? csv : other).push(...jsonCases(folder));
  const logs = JSON.parse(readFileSync(join(BAD_LOGS, 'expected.json'), 'utf8')) as Record<
    string,
    { file?: string; args: string[]; problems: number; diagnostics: Array<[string, string, string]> }
  >;
  for (const [name, entry] of Object.entries(logs)) {
    csv.push({
      file: join(BAD_LOGS, entry.file ?? name),
      args: ['calibrate', '{file}', ...entry.args],
      problems: entry.problems,
      diagnostics: entry.diagnostics.map(([code, at, excerpt]) => ({ code, ...position(at), excerpt })),
    });
  }
  return { scenario, script, csv, other };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, exactly as bin/callfloor does, capturing both streams. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

/** The diagnostic lines of an output: `file:line:col  CODE  …` or `file:line:col  warning CODE  …`. */
export function diagnosticLines(stderr: string, file: string): Array<{ code: string; line: number; column: number; text: string }> {
  const result: Array<{ code: string; line: number; column: number; text: string }> = [];
  for (const text of stderr.split('\n')) {
    if (!text.startsWith(`${file}:`)) continue;
    const match = /^:(\d+):(\d+) {2}(?:warning )?([A-Z_]+) {2}/.exec(text.slice(file.length));
    if (match) result.push({ code: match[3]!, line: Number(match[1]), column: Number(match[2]), text });
  }
  return result;
}
