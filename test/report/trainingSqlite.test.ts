/**
 * `callfloor report` on the real training history: two sessions played with
 * `callfloor train --answers` into a temporary SQLite history, then the report's rubric tables
 * (JSON and Markdown) checked against the stored sessions' scores, step by step.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReport } from '../../src/cli/commands/report.ts';
import { registerTrain } from '../../src/cli/commands/train.ts';
import { HistoryStore, type SessionRow } from '../../src/training/history.ts';
import { rubricStepScores } from '../../src/training/rubricRows.ts';
import { drive } from '../sweep/helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'callfloor-report-training-'));
const history = join(scratch, 'history.sqlite');
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

/** `callfloor train` and `callfloor report` on one program, as main() registers them. */
const cli = (...args: string[]) =>
  drive((program, io) => {
    registerTrain(program, io);
    registerReport(program, io);
  }, args);

interface TrainingJson {
  training: {
    rows: number;
    trainees: Array<{ trainee: string; sessions: number; firstScore: number; latestScore: number; meanScore: number }>;
    steps: Array<{ step: string; meanScore: number; scored: number }>;
  };
}

let sessions: SessionRow[] = [];

beforeAll(async () => {
  // The user's own data folder must not leak into the test.
  vi.stubEnv('CALLFLOOR_HOME', join(scratch, 'home'));
  const weak = join(scratch, 'weak.yaml');
  writeFileSync(weak, '- brush-off\n- generic\n- check\n- confirm\n- fine-print\n- send-link\n');
  const good = join('callscripts', 'answers', 'pre-sale-reassurance.yaml');
  const first = await cli('train', 'pre-sale-reassurance', '--answers', weak, '--seed', '2', '--lang', 'en', '--trainee', 'anna', '--history', history);
  expect(first.stdout).toContain('Score: 40/100');
  const second = await cli('train', 'pre-sale-reassurance', '--answers', good, '--seed', '2', '--lang', 'en', '--trainee', 'bruno', '--history', history);
  expect(second.stdout).toContain('Score: 100/100');
  const store = await HistoryStore.open(readFileSync(history));
  sessions = store.sessions();
  store.close();
});

describe('callfloor report --training-history history.sqlite', () => {
  it('shows the sessions’ rubric scores per step and per trainee, in JSON and Markdown', async () => {
    const out = join(scratch, 'r.html');
    const { code, stderr } = await cli('report', 'scenarios/bottega.yaml', '-o', out, '-r', '1', '--lang', 'en', '--training-history', history);
    expect(stderr).toBe('callfloor: simulating Bottega Rossi…\n');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(scratch, 'r.json'), 'utf8')) as TrainingJson;
    // Expected straight from the stored steps: met 100, missed 0, fatal criteria left out.
    const weighted = sessions.flatMap((s) => s.steps.filter((step) => step.fatal === null).map((step) => ({ title: step.title, score: step.met ? 100 : 0 })));
    const titles = [...new Set(weighted.map((w) => w.title))].sort();
    expect(titles.length).toBeGreaterThan(2);
    expect(json.training.rows).toBe(weighted.length);
    expect(json.training.steps.map((s) => s.step)).toEqual(titles);
    for (const step of json.training.steps) {
      const own = weighted.filter((w) => w.title === step.step);
      expect(step.scored).toBe(2);
      expect(step.meanScore).toBeCloseTo(own.reduce((sum, w) => sum + w.score, 0) / own.length, 12);
    }
    // Per trainee: every step weighs the same in this rubric, so the mean of the steps is the session score.
    expect(json.training.trainees.map((t) => [t.trainee, t.sessions, t.firstScore, t.latestScore])).toEqual([
      ['anna', 1, 40, 40],
      ['bruno', 1, 100, 100],
    ]);
    expect(sessions.map((s) => [s.trainee, s.score])).toEqual([
      ['anna', 40],
      ['bruno', 100],
    ]);
    const markdown = readFileSync(join(scratch, 'r.md'), 'utf8');
    const day = sessions[0]!.finishedAt.slice(0, 10);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(markdown).toMatch(new RegExp(`\\| anna +\\| 1 +\\| 40 +\\| 40 +\\| 40 \\(${day}\\) +\\| beginner`));
    for (const step of json.training.steps) expect(markdown).toMatch(new RegExp(`\\| ${step.step} +\\| ${Math.round(step.meanScore)} +\\| 2 \\|`));
  });

  it('--training reads the default history (CALLFLOOR_HOME), like callfloor progress', async () => {
    vi.stubEnv('CALLFLOOR_HOME', scratch);
    const out = join(scratch, 'default.html');
    const { code } = await cli('report', 'scenarios/bottega.yaml', '-o', out, '-r', '1', '--lang', 'en', '--training');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(scratch, 'default.json'), 'utf8')) as TrainingJson;
    expect(json.training.rows).toBe(rubricStepScores({ sessions: () => sessions }).length);
    expect(json.training.trainees.map((t) => t.trainee)).toEqual(['anna', 'bruno']);
    const empty = await cli('report', 'scenarios/bottega.yaml', '-o', out, '-r', '1', '--lang', 'en', '--training', '--history', join(scratch, 'none.sqlite'));
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain(`callfloor: no training sessions in ${join(scratch, 'none.sqlite')}; the report says so.`);
    expect(readFileSync(join(scratch, 'default.md'), 'utf8')).toContain('No training history was given');
  });

  it('a file that is neither SQLite nor JSON, or an SQLite file that is not a history: exit 2 with a clear error', async () => {
    const out = join(scratch, 'bad.html');
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'trainee;score\nanna;40\n');
    const bad = await cli('report', 'scenarios/bottega.yaml', '-o', out, '-r', '1', '--training-history', text);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/notes\.txt {2}HISTORY_NOT_JSON {2}the training history is neither a callfloor training database \(SQLite\) nor JSON \(.+\) — give the history\.sqlite written by callfloor train, or a JSON list/);
    const broken = join(scratch, 'broken.sqlite');
    writeFileSync(broken, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(200, 7)]));
    const notHistory = await cli('report', 'scenarios/bottega.yaml', '-o', out, '-r', '1', '--training-history', broken);
    expect(notHistory.code).toBe(2);
    expect(notHistory.stderr).toMatch(/broken\.sqlite:1:1 {2}HISTORY_FORMAT {2}the file is not an SQLite database .+ — give --training-history the history file written by callfloor train/);
    const both = await cli('report', 'scenarios/bottega.yaml', '-o', out, '--training-history', history, '--training');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --training-history FILE or --training');
  });
});

describe('rubricStepScores (store in, rows out)', () => {
  it('one row per weighted step: met 100, missed 0; fatal criteria left out; dated when the session finished', () => {
    const session: SessionRow = {
      id: 7,
      trainee: 'Giulia',
      script: 'order-status',
      title: 'Order status',
      language: 'en',
      rubric: 'latte',
      startedAt: '2026-11-02T09:00:00.000Z',
      finishedAt: '2026-11-02T09:04:10.000Z',
      seconds: 250,
      outcome: 'resolved',
      moneyKind: 'none',
      money: 0,
      score: 0,
      band: 'novice',
      steps: [
        { step: 'listen', title: 'Listen', fatal: null, met: true },
        { step: 'thank', title: 'Thank', fatal: null, met: false },
        { step: 'courtesy', title: 'Courtesy', fatal: 'if-chosen', met: true },
      ],
    };
    expect(rubricStepScores({ sessions: () => [session] })).toEqual([
      { trainee: 'Giulia', script: 'order-status', step: 'Listen', score: 100, date: '2026-11-02T09:04:10.000Z' },
      { trainee: 'Giulia', script: 'order-status', step: 'Thank', score: 0, date: '2026-11-02T09:04:10.000Z' },
    ]);
    expect(rubricStepScores({ sessions: () => [] })).toEqual([]);
  });
});
