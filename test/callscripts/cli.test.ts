/**
 * `callfloor lint` and `callfloor graph`, driven through commander as src/cli/main.ts does
 * (the owner registers them there; until then this harness mirrors its error handling).
 */
import { Command, CommanderError } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError.ts';
import { registerGraph } from '../../src/cli/commands/graph.ts';
import { registerLint } from '../../src/cli/commands/lint.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'callfloor-graph-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerLint(program, io);
  registerGraph(program, io);
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CliError) {
      stderr += `callfloor: ${error.message}\n`;
      code = error.exitCode;
    } else if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else throw error;
  }
  return { code, stdout, stderr };
}

const script = (name: string): string => join(root, 'callscripts', `${name}.yaml`);
const fixture = (name: string): string => join(root, 'test/fixtures/bad-scripts', `${name}.yaml`);
const LINE = /^\S+:\d+:\d+ {2}(warning )?[A-Z_]+ {2}.+ — .+$/;

describe('callfloor lint', () => {
  it('says ok for every bundled script and exits 0', async () => {
    const files = ['pre-sale-reassurance', 'missing-parts-complaint', 'hospital-appointment', 'order-status-secretary'].map(script);
    const { code, stdout, stderr } = await cli('lint', ...files);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(files.map((file) => `${file}: ok\n`).join(''));
  });

  it('exits 0 with warnings only, printing them on standard error', async () => {
    const file = fixture('unreachable-node');
    const { code, stdout, stderr } = await cli('lint', file);
    expect(code).toBe(0);
    expect(stdout).toBe(`${file}: ok (1 warning)\n`);
    expect(stderr).toBe(`${file}:12:9  warning SCRIPT_UNREACHABLE_NODE  node forgotten is never reached: no chain of gotos from the start node greeting leads to it — point an option, fallback or timeout at it, or remove the node\n`);
  });

  it('exits 2 when any script has an error, listing every problem as file:line:col  CODE  message — hint', async () => {
    const broken = fixture('several-errors');
    const { code, stdout, stderr } = await cli('lint', broken, script('hospital-appointment'));
    expect(code).toBe(2);
    expect(stdout).toBe(`${script('hospital-appointment')}: ok\n`);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('callfloor: 1 of 2 scripts have errors.');
    expect(lines.slice(0, -1)).toHaveLength(5);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(LINE);
    expect(lines[0]).toContain(`${broken}:19:24  SCRIPT_UNKNOWN_TAG`);
  });

  it('reports a missing file', async () => {
    const { code, stderr } = await cli('lint', join(scratch, 'nope.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(scratch, 'nope.yaml')}:1:1  FILE_NOT_FOUND  there is no file`);
  });

  it('--format json gives every file and diagnostic on standard output', async () => {
    const { code, stdout } = await cli('lint', '--format', 'json', fixture('no-fallback'), script('order-status-secretary'));
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as { files: Array<{ file: string; ok: boolean; errors: Array<{ code: string; line: number; column: number }>; warnings: Array<{ code: string }> }> };
    expect(report.files.map((f) => f.ok)).toEqual([false, true]);
    expect(report.files[0]!.errors.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['SCRIPT_NO_FALLBACK 11:5']);
    expect(report.files[0]!.warnings.map((d) => d.code)).toEqual(['SCRIPT_CONDITION_PROFILE']);
    expect((await cli('lint', '--format', 'yaml', script('order-status-secretary'))).code).toBe(2);
  });
});

describe('callfloor graph', () => {
  const golden = (name: string): string => readFileSync(join(root, 'test/callscripts/golden', name), 'utf8');

  it('prints the Mermaid flowchart by default', async () => {
    const { code, stdout, stderr } = await cli('graph', script('order-status-secretary'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(golden('order-status-secretary.mmd'));
  });

  it('prints DOT with option texts in a language, left to right, to a file', async () => {
    const out = join(scratch, 'secretary.dot');
    const args = ['graph', script('order-status-secretary'), '-f', 'dot', '--lang', 'en', '--labels', 'text', '--direction', 'LR'];
    expect((await cli(...args)).stdout).toBe(golden('order-status-secretary.en.dot'));
    const { code, stdout } = await cli(...args, '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(golden('order-status-secretary.en.dot'));
  });

  it('refuses a language the script is not written in, and unknown option values', async () => {
    const { code, stderr } = await cli('graph', fixture('unreachable-node'), '--lang', 'it');
    expect(code).toBe(2);
    expect(stderr).toContain('is written in en, not it');
    expect((await cli('graph', script('hospital-appointment'), '--format', 'svg')).code).toBe(2);
    expect((await cli('graph', script('hospital-appointment'), '--labels', 'both')).code).toBe(2);
  });

  it('draws a script with lint errors (with a note), not one that fails the schema', async () => {
    const drawn = await cli('graph', fixture('unknown-goto'));
    expect(drawn.code).toBe(0);
    expect(drawn.stdout).toContain('{{"? resolvd"}}:::missing');
    expect(drawn.stderr).toMatch(/note: .*unknown-goto\.yaml has 1 lint error; run callfloor lint/);
    const refused = await cli('graph', fixture('bad-rubric'));
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('SCHEMA_ENUM  rubric is "LATE"');
  });
});
