import { describe, expect, it } from 'vitest';
import { dataDir, historyPath, userScriptsDir } from '../../src/training/dataDir.ts';
import { HistoryFormatError, HistoryStore, requiredScore } from '../../src/training/history.ts';
import { progressReport, progressText, scoreChart, summaryTable } from '../../src/training/progress.ts';
import { sessionRecord, type SessionRecord } from '../../src/training/record.ts';
import { answer, startSession } from '../../src/training/session.ts';
import { bundled } from './helpers.ts';

async function record(id: string, options: string[], trainee: string, finishedAt: string): Promise<SessionRecord> {
  let session = startSession(await bundled(id), { seed: 11, language: 'en' });
  for (const option of options) session = answer(session, option);
  return sessionRecord(session, { trainee, startedAt: finishedAt.replace(/:\d\d\.000Z$/, ':00.000Z'), finishedAt });
}

const PRE_SALE_BEST = ['listen', 'acknowledge', 'confirm', 'explain-returns', 'close', 'thank-and-explain'];
const PRE_SALE_WEAK = ['brush-off', 'generic', 'check', 'confirm', 'fine-print', 'send-link'];

describe('history store (sql.js)', () => {
  it('round-trips sessions, steps and the full record through exported bytes', async () => {
    const store = await HistoryStore.open();
    const weak = await record('pre-sale-reassurance', PRE_SALE_WEAK, 'anna', '2026-03-02T09:05:00.000Z');
    const best = await record('pre-sale-reassurance', PRE_SALE_BEST, 'anna', '2026-03-03T10:05:00.000Z');
    expect(store.addSession(best)).toBe(1);
    expect(store.addSession(weak)).toBe(2);
    const bytes = store.export();
    store.close();
    expect(new TextDecoder().decode(bytes.slice(0, 15))).toBe('SQLite format 3');

    const reopened = await HistoryStore.open(bytes);
    const rows = reopened.sessions({ trainee: 'anna' });
    expect(rows.map((r) => [r.id, r.finishedAt, r.score, r.outcome, r.moneyKind, r.money])).toEqual([
      [2, '2026-03-02T09:05:00.000Z', 40, 'resolved', 'sale-lost', 890],
      [1, '2026-03-03T10:05:00.000Z', 100, 'sale', 'sale-made', 890],
    ]);
    expect(rows[0]!.steps.map((s) => `${s.step}:${s.met ? 1 : 0}`)).toEqual(['listen:0', 'acknowledge:0', 'take-action:1', 'thank:0', 'explain:1', 'courtesy:0', 'accuracy:0']);
    expect(reopened.record(1)).toEqual(best);
    expect(reopened.sessions({ trainee: 'bruno' })).toEqual([]);
    reopened.close();
  });

  it('an assignment per script, for everyone or one trainee; the trainee’s own wins', async () => {
    const store = await HistoryStore.open();
    store.assign({ script: 'pre-sale-reassurance', trainee: '', minScore: 75, assignedAt: '2026-03-01T08:00:00Z' });
    store.assign({ script: 'pre-sale-reassurance', trainee: 'bruno', minScore: 50, assignedAt: '2026-03-01T08:00:00Z' });
    store.assign({ script: 'pre-sale-reassurance', trainee: '', minScore: 80, assignedAt: '2026-03-01T09:00:00Z' });
    const assignments = store.assignments();
    expect(assignments.map((a) => `${a.script}/${a.trainee || '*'}=${a.minScore}`)).toEqual(['pre-sale-reassurance/*=80', 'pre-sale-reassurance/bruno=50']);
    expect(requiredScore(assignments, 'pre-sale-reassurance', 'anna')?.minScore).toBe(80);
    expect(requiredScore(assignments, 'pre-sale-reassurance', 'bruno')?.minScore).toBe(50);
    expect(requiredScore(assignments, 'hospital-appointment', 'anna')).toBeUndefined();
    store.close();
  });

  it('refuses bytes that are not a callfloor history', async () => {
    await expect(HistoryStore.open(new TextEncoder().encode('not a database '.repeat(100)))).rejects.toThrow(HistoryFormatError);
  });
});

describe('progress report', () => {
  it('tables scores over time per script and rubric step, with pass/fail on the latest score', async () => {
    const store = await HistoryStore.open();
    store.addSession(await record('pre-sale-reassurance', PRE_SALE_WEAK, 'anna', '2026-03-02T09:05:00.000Z'));
    store.addSession(await record('pre-sale-reassurance', PRE_SALE_BEST, 'anna', '2026-03-03T10:05:00.000Z'));
    store.addSession(await record('top-tier-switching', ['voucher', 'insist', 'dare'], 'bruno', '2026-03-03T11:00:00.000Z'));
    store.assign({ script: 'pre-sale-reassurance', trainee: '', minScore: 75, assignedAt: '2026-03-01T08:00:00Z' });
    store.assign({ script: 'top-tier-switching', trainee: 'bruno', minScore: 60, assignedAt: '2026-03-01T08:00:00Z' });
    const report = progressReport(store.sessions(), store.assignments());
    store.close();
    expect(report.groups.map((g) => [g.trainee, g.script, g.sessions.length, g.last, g.best, g.average, g.minScore, g.status])).toEqual([
      ['anna', 'pre-sale-reassurance', 2, 100, 100, 70, 75, 'pass'],
      ['bruno', 'pre-sale-reassurance', 0, undefined, undefined, undefined, 75, 'not-attempted'],
      ['bruno', 'top-tier-switching', 1, 0, 0, 0, 60, 'fail'],
    ]);
    expect(summaryTable(report)).toBe(
      [
        'TRAINEE  SCRIPT                SESSIONS  LAST  BEST  AVERAGE  MINIMUM  STATUS',
        'anna     pre-sale-reassurance         2   100   100       70       75  PASS',
        'bruno    pre-sale-reassurance         0     -     -        -       75  NOT ATTEMPTED',
        'bruno    top-tier-switching           1     0     0        0       60  FAIL',
      ].join('\n'),
    );
    const text = progressText(report);
    expect(text).toContain(
      [
        'anna · pre-sale-reassurance · Buyer who needs reassurance before ordering · minimum 75: PASS',
        '  #  FINISHED          RUBRIC  SCORE  BAND    OUTCOME   listen  acknowledge  take-action  thank  explain  courtesy  accuracy',
        '  1  2026-03-02 09:05  LATTE      40  novice  resolved  ✗       ✗            ✓            ✗      ✓        ✓         ✓',
        '  2  2026-03-03 10:05  LATTE     100  expert  sale      ✓       ✓            ✓            ✓      ✓        ✓         ✓',
      ].join('\n'),
    );
    expect(text).toContain('bruno · top-tier-switching · Platinum customer threatening to switch brand · minimum 60: FAIL');
    expect(text).toContain('  not played yet');
    expect(text).toContain(scoreChart([40, 100]));
  });

  it('filters by trainee and script, and says so when there is nothing yet', () => {
    expect(progressText(progressReport([], []))).toBe('No training sessions yet. Play one with: callfloor train\n');
    const report = progressReport([], [{ script: 'hospital-appointment', trainee: '', minScore: 60, assignedAt: 'x' }], { trainee: 'carla' });
    expect(report.groups.map((g) => [g.trainee, g.script, g.status])).toEqual([['carla', 'hospital-appointment', 'not-attempted']]);
  });

  it('charts scores 0–100, four columns per session', () => {
    expect(scoreChart([20, 80]).split('\n')).toEqual([
      '  100 ┼        ',
      '   90 ┤        ',
      '   80 ┤   ╭─── ',
      '   70 ┤   │    ',
      '   60 ┤   │    ',
      '   50 ┤   │    ',
      '   40 ┤   │    ',
      '   30 ┤   │    ',
      '   20 ┼───╯    ',
      '   10 ┤        ',
      '    0 ┤        ',
    ]);
    expect(scoreChart([50])).toBe('');
  });
});

describe('data folder', () => {
  it('follows CALLFLOOR_HOME, then the platform conventions', () => {
    expect(dataDir({ platform: 'linux', env: { CALLFLOOR_HOME: '/srv/cf' }, home: '/home/a' })).toBe('/srv/cf');
    expect(dataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/home/a/.data' }, home: '/home/a' })).toBe('/home/a/.data/callfloor');
    expect(dataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'relative' }, home: '/home/a' })).toBe('/home/a/.local/share/callfloor');
    expect(dataDir({ platform: 'linux', env: {}, home: '/home/a' })).toBe('/home/a/.local/share/callfloor');
    expect(dataDir({ platform: 'darwin', env: {}, home: '/Users/a' })).toBe('/Users/a/Library/Application Support/callfloor');
    expect(dataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, home: 'C:\\Users\\a' })).toBe('C:\\Users\\a\\AppData\\Roaming\\callfloor');
    expect(historyPath({ platform: 'linux', env: {}, home: '/home/a' })).toBe('/home/a/.local/share/callfloor/history.sqlite');
    expect(userScriptsDir({ platform: 'win32', env: {}, home: 'C:\\Users\\a' })).toBe('C:\\Users\\a\\AppData\\Roaming\\callfloor\\callscripts');
  });
});

describe('history file', () => {
  it('two sessions finishing at once are both stored (the file is locked while it is rewritten)', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { updateHistory } = await import('../../src/cli/historyFile.ts');
    const dir = mkdtempSync(join(tmpdir(), 'callfloor-lock-'));
    try {
      const path = join(dir, 'sub', 'history.sqlite');
      const records = await Promise.all(['anna', 'bruno', 'carla'].map((trainee, i) => record('pre-sale-reassurance', PRE_SALE_BEST, trainee, `2026-03-0${i + 1}T09:00:00.000Z`)));
      const ids = await Promise.all(records.map((r) => updateHistory(path, (store) => store.addSession(r))));
      expect([...ids].sort()).toEqual([1, 2, 3]);
      const store = await HistoryStore.open(readFileSync(path));
      expect(store.sessions().map((s) => s.trainee).sort()).toEqual(['anna', 'bruno', 'carla']);
      store.close();
      expect(readdirSync(join(dir, 'sub'))).toEqual(['history.sqlite']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
