/**
 * `callfloor train | progress | assign` through the real command tree (main), and once as a
 * real process without a terminal.
 */
import { Command, CommanderError } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError.ts';
import { registerTrain } from '../../src/cli/commands/train.ts';
import { main } from '../../src/cli/main.ts';
import { scriptLanguages } from '../../src/callscripts/schema.ts';
import { bundled, BUNDLED_IDS, bundledDir, root } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'callfloor-train-'));
// The user's own data folder (scripts, history) must not leak into the tests.
const savedHome = process.env.CALLFLOOR_HOME;
process.env.CALLFLOOR_HOME = join(scratch, 'default-home');
afterAll(() => {
  if (savedHome === undefined) delete process.env.CALLFLOOR_HOME;
  else process.env.CALLFLOOR_HOME = savedHome;
  rmSync(scratch, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const answersOf = (id: string) => join(bundledDir, 'answers', `${id}.yaml`);
const DIAGNOSTIC = /^\S+:\d+:\d+ {2}[A-Z_]+ {2}.+ — .+$/;

describe('bundled scripts', () => {
  it('every bundled script lints with zero errors and zero warnings', async () => {
    const files = readdirSync(bundledDir).filter((name) => name.endsWith('.yaml')).sort();
    expect(files.map((f) => f.replace('.yaml', ''))).toEqual([...BUNDLED_IDS]);
    const { code, stdout, stderr } = await cli('lint', ...files.map((f) => join(bundledDir, f)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(files.map((f) => `${join(bundledDir, f)}: ok`));
  });

  it('the bundled stories of the issue are there, each in Italian and English', async () => {
    for (const id of BUNDLED_IDS) expect(scriptLanguages(await bundled(id)), id).toEqual(['it', 'en']);
    expect((await bundled('top-tier-switching')).caller.value).toBe(12000);
    const hospital = await bundled('hospital-appointment');
    expect(JSON.stringify(hospital.nodes[0]!.lines)).toContain('caller number 2');
  });

  const EXPECTED: Record<string, string> = {
    'hospital-appointment': 'Outcome: resolved',
    'missing-parts-complaint': 'Outcome: resolved',
    'order-status-secretary': 'Outcome: callback promised',
    'pre-sale-reassurance': 'Money: Sale made: € 890',
    'top-tier-switching': 'Money: Customer kept: € 12,000 of business stays',
  };
  it.each(BUNDLED_IDS)('%s plays to its good end from callscripts/answers in both languages, full marks', async (id) => {
    for (const lang of ['en', 'it']) {
      const { code, stdout, stderr } = await cli('train', id, '--answers', answersOf(id), '--lang', lang, '--seed', '9', '--trainee', 'ci', '--no-history');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(lang === 'en' ? /Score: 100\/100 \(expert\)/ : /Punteggio: 100\/100 \(expert\)/);
      if (lang === 'en') expect(stdout).toContain(EXPECTED[id]);
      expect(stdout).toMatch(/Not stored in the history \(--no-history\)\.\n$/);
    }
  });
});

describe('callfloor train --answers', () => {
  it('stores the finished session, writes Markdown and JSON transcripts atomically, and progress shows it against the assignment', async () => {
    const dir = mkdtempSync(join(scratch, 'run-'));
    const history = join(dir, 'nested', 'history.sqlite');
    const md = join(dir, 'call.md');
    const json = join(dir, 'call.json');
    const assigned = await cli('assign', 'pre-sale-reassurance', '--min-score', '75', '--history', history);
    expect(assigned).toEqual({ code: 0, stdout: `Assigned pre-sale-reassurance to every trainee: minimum score 75.\nStored in ${history}\n`, stderr: '' });
    const typo = await cli('assign', 'pre-sale-reasurance', '--min-score', '60', '--trainee', 'bruno', '--history', join(dir, 'other.sqlite'));
    expect(typo.code).toBe(0);
    expect(typo.stderr).toBe('warning: no bundled or user script has the id pre-sale-reasurance (did you mean pre-sale-reassurance?); assigned anyway.\n');
    expect((await cli('assign', 'pre-sale-reassurance', '--min-score', '101', '--history', history)).code).toBe(2);
    const weak = join(dir, 'weak.yaml');
    writeFileSync(weak, '- brush-off\n- generic\n- check\n- confirm\n- fine-print\n- send-link\n');
    const first = await cli('train', 'pre-sale-reassurance', '--answers', weak, '--seed', '2', '--lang', 'en', '--trainee', 'anna', '--history', history);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Score: 40/100 (novice)');
    expect(first.stdout).toContain('Money: Sale lost: € 890 (not bought on this call)');
    expect(first.stdout).toContain(`Stored as session 1 in ${history}`);
    const second = await cli('train', 'pre-sale-reassurance', '--answers', answersOf('pre-sale-reassurance'), '--seed', '2', '--lang', 'en', '--trainee', 'anna', '--history', history, '--transcript-out', md, '--transcript-out', json);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Stored as session 2 in ${history}\nTranscript written to ${md}\nTranscript written to ${json}\n`);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Debrief: Buyer who needs reassurance before ordering\n/);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ format: 'callfloor-training-session', trainee: 'anna', score: 100, seed: 2 });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const progress = await cli('progress', '--history', history, '--trainee', 'anna');
    expect(progress.code).toBe(0);
    expect(progress.stdout.split('\n').slice(0, 2)).toEqual([
      'TRAINEE  SCRIPT                SESSIONS  LAST  BEST  AVERAGE  MINIMUM  STATUS',
      'anna     pre-sale-reassurance         2   100   100       70       75  PASS',
    ]);
    expect(progress.stdout).toContain('anna · pre-sale-reassurance · Buyer who needs reassurance before ordering · minimum 75: PASS');
    const asJson = JSON.parse((await cli('progress', '--history', history, '--format', 'json')).stdout) as { groups: Array<{ status: string; sessions: unknown[] }> };
    expect(asJson.groups.map((g) => [g.status, g.sessions.length])).toEqual([['pass', 2]]);
    expect((await cli('progress', '--history', history, '--trainee', 'bruno')).stdout).toContain('bruno    pre-sale-reassurance         0     -     -        -       75  NOT ATTEMPTED');
  });

  it('a bad answers file: file:line:col CODE lines, exit 2, nothing stored', async () => {
    const dir = mkdtempSync(join(scratch, 'bad-'));
    const history = join(dir, 'history.sqlite');
    const bad = join(dir, 'answers.yaml');
    writeFileSync(bad, '- hear\n- { option: empathize, wait: 3 }\n');
    const shape = await cli('train', 'missing-parts-complaint', '--answers', bad, '--history', history);
    expect(shape.code).toBe(2);
    expect(shape.stderr.split('\n')[0]).toBe(`${bad}:2:3  SCHEMA_UNKNOWN_KEY  [1]: unknown key wait (a choice has only option and thinking) — fix the spelling or remove the key`);
    expect(shape.stderr).toContain(`callfloor: the answers file ${bad} has an error.`);
    writeFileSync(bad, '- hear\n- diagnose\n');
    const unfit = await cli('train', 'missing-parts-complaint', '--answers', bad, '--history', history);
    expect(unfit.code).toBe(2);
    expect(unfit.stderr.split('\n')[0]).toMatch(DIAGNOSTIC);
    expect(unfit.stderr.split('\n')[0]).toContain(':2:3  ANSWERS_OPTION_UNAVAILABLE  option diagnose is not available at node vent');
    expect(unfit.stdout).toBe('');
    expect(existsSync(history)).toBe(false);
    const missing = await cli('train', 'missing-parts-complaint', '--answers', join(dir, 'nope.yaml'), '--history', history);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml:1:1 {2}FILE_NOT_FOUND {2}/);
  });

  it('unknown scripts, wrong languages and a broken history file are clear errors (exit 2), and the file is left untouched', async () => {
    const unknown = await cli('train', 'missing-part-complaint', '--answers', answersOf('missing-parts-complaint'), '--no-history');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no call script missing-part-complaint (did you mean missing-parts-complaint?)');
    const dir = mkdtempSync(join(scratch, 'lang-'));
    const single = join(dir, 'single.yaml');
    writeFileSync(single, readFileSync(join(root, 'test/fixtures/bad-scripts/unreachable-node.yaml'), 'utf8'));
    const lang = await cli('train', single, '--answers', answersOf('missing-parts-complaint'), '--lang', 'it', '--no-history');
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('is written in en, not it; use --lang en.');
    const history = join(dir, 'history.sqlite');
    writeFileSync(history, 'these are my notes, not a database\n'.repeat(50));
    const broken = await cli('progress', '--history', history);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^callfloor: ${history.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:1 {2}HISTORY_FORMAT {2}the file is not an SQLite database`));
    expect(readFileSync(history, 'utf8')).toBe('these are my notes, not a database\n'.repeat(50));
  });

  it('without a terminal and without answers: a clear error, exit 2', async () => {
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t) };
    const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    registerTrain(program, io, { interactive: () => false, readStdin: async () => '' });
    const error = await program.parseAsync(['train', 'missing-parts-complaint'], { from: 'user' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error).not.toBeInstanceOf(CommanderError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^callfloor train needs a terminal for the role-play/);
    expect((error as CliError).message).toContain('--answers answers.yaml');
  });
});

describe('callfloor train as a process without a terminal', () => {
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, [join(root, 'bin/callfloor'), ...args], { input, encoding: 'utf8', env: { ...process.env, CALLFLOOR_HOME: join(scratch, 'home') }, timeout: 60_000 });

  it('plays JSON lines from standard input, prints the debrief and exits 0; no answers at all exits 2', () => {
    const played = run(['train', 'missing-parts-complaint', '--answers', '-', '--lang', 'en', '--seed', '4', '--trainee', 'pipe'], '"hear"\n"empathize"\n{"option":"ship-parts","thinking":5}\n"shrug"\n"thank"\n');
    expect(played.stderr).toBe('');
    expect(played.status).toBe(0);
    expect(played.stdout).toContain('Score: 80/100 (proficient) · HEARD (Disney)');
    expect(played.stdout).toContain('Better: “Let me check your order: the hardware bag went out as a separate parcel');
    expect(played.stdout).toContain(`Stored as session 1 in ${join(scratch, 'home', 'history.sqlite')}`);
    const refused = run(['train'], '');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^callfloor: callfloor train needs a terminal for the role-play/);
    expect(refused.stdout).toBe('');
  });
});
