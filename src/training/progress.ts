/**
 * Progress over time: per trainee and script, the sessions with their score and rubric
 * steps, the last and best score, and pass/fail against the manager's minimum. Pure: rows
 * and assignments in, a report (and its text rendering with an asciichart line) out.
 *
 * Pass rule: a trainee passes a script when their LATEST score reaches the minimum (what
 * they can do now, not once by luck); the best score is shown beside it.
 */
import asciichart from 'asciichart';
import { requiredScore, type Assignment, type SessionRow } from './history.ts';

export type ProgressStatus = 'pass' | 'fail' | 'not-attempted' | 'no-minimum';

export interface ProgressGroup {
  readonly trainee: string;
  readonly script: string;
  readonly title: string;
  readonly sessions: readonly SessionRow[];
  readonly last: number | undefined;
  readonly best: number | undefined;
  readonly average: number | undefined;
  readonly minScore: number | undefined;
  readonly status: ProgressStatus;
}

export interface ProgressReport {
  readonly groups: readonly ProgressGroup[];
}

export interface ProgressFilter {
  readonly trainee?: string;
  readonly script?: string;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Groups sessions by trainee and script (in order of first appearance) and adds assigned scripts not yet played. */
export function progressReport(rows: readonly SessionRow[], assignments: readonly Assignment[], filter: ProgressFilter = {}): ProgressReport {
  const keep = (trainee: string, script: string) => (filter.trainee === undefined || filter.trainee === trainee) && (filter.script === undefined || filter.script === script);
  const groups = new Map<string, SessionRow[]>();
  for (const row of rows) {
    if (!keep(row.trainee, row.script)) continue;
    const key = `${row.trainee}\u0000${row.script}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const trainees = new Set([...rows.map((row) => row.trainee), ...(filter.trainee !== undefined ? [filter.trainee] : [])]);
  for (const assignment of assignments) {
    for (const trainee of assignment.trainee === '' ? trainees : [assignment.trainee]) {
      const key = `${trainee}\u0000${assignment.script}`;
      if (keep(trainee, assignment.script) && !groups.has(key)) groups.set(key, []);
    }
  }
  const result: ProgressGroup[] = [];
  for (const [key, sessions] of groups) {
    const [trainee, script] = key.split('\u0000') as [string, string];
    const scores = sessions.map((s) => s.score);
    const last = scores.at(-1);
    const minScore = requiredScore(assignments, script, trainee)?.minScore;
    const status: ProgressStatus = minScore === undefined ? 'no-minimum' : last === undefined ? 'not-attempted' : last >= minScore ? 'pass' : 'fail';
    result.push({
      trainee,
      script,
      title: sessions.at(-1)?.title ?? script,
      sessions,
      last,
      best: scores.length > 0 ? Math.max(...scores) : undefined,
      average: scores.length > 0 ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : undefined,
      minScore,
      status,
    });
  }
  result.sort((a, b) => a.trainee.localeCompare(b.trainee) || a.script.localeCompare(b.script));
  return { groups: result };
}

/** Left-aligned columns separated by two spaces; numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => /^-?[\d.]+%?$|^-$/.test(row[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

const STATUS_WORDS: Record<ProgressStatus, string> = { pass: 'PASS', fail: 'FAIL', 'not-attempted': 'NOT ATTEMPTED', 'no-minimum': '-' };
const number = (value: number | undefined) => (value === undefined ? '-' : String(value));

/** The summary table: one row per trainee and script. */
export function summaryTable(report: ProgressReport): string {
  return table(
    ['TRAINEE', 'SCRIPT', 'SESSIONS', 'LAST', 'BEST', 'AVERAGE', 'MINIMUM', 'STATUS'],
    report.groups.map((g) => [g.trainee, g.script, String(g.sessions.length), number(g.last), number(g.best), number(g.average), number(g.minScore), STATUS_WORDS[g.status]]),
  );
}

/** One row per session with a ✓/✗ column per rubric step (a fatal criterion shows ✗ when triggered). */
export function sessionsTable(group: ProgressGroup): string {
  const steps: Array<{ step: string; title: string }> = [];
  for (const session of group.sessions) for (const s of session.steps) if (!steps.some((known) => known.step === s.step)) steps.push({ step: s.step, title: s.step });
  const rows = group.sessions.map((session, index) => [
    String(index + 1),
    session.finishedAt.slice(0, 16).replace('T', ' '),
    session.rubric,
    String(session.score),
    session.band,
    session.outcome,
    ...steps.map(({ step }) => {
      const found = session.steps.find((s) => s.step === step);
      if (found === undefined) return '';
      const good = found.fatal === null ? found.met : !found.met;
      return good ? '✓' : '✗';
    }),
  ]);
  return table(['#', 'FINISHED', 'RUBRIC', 'SCORE', 'BAND', 'OUTCOME', ...steps.map((s) => s.title)], rows);
}

/** Scores over sessions as an asciichart line, 0–100; each session takes `width` columns. */
export function scoreChart(scores: readonly number[], width = 4): string {
  if (scores.length < 2) return '';
  const series = scores.flatMap((score) => Array<number>(width).fill(score));
  return asciichart.plot(series, { height: 10, min: 0, max: 100, format: (value) => String(Math.round(value)).padStart(5) });
}

/** The whole progress report as text: summary, then each group's sessions and chart. */
export function progressText(report: ProgressReport): string {
  if (report.groups.length === 0) return 'No training sessions yet. Play one with: callfloor train\n';
  const out = [summaryTable(report)];
  for (const group of report.groups) {
    out.push('');
    const minimum = group.minScore !== undefined ? ` · minimum ${group.minScore}: ${STATUS_WORDS[group.status]}` : '';
    out.push(`${group.trainee} · ${group.script} · ${group.title}${minimum}`);
    if (group.sessions.length === 0) {
      out.push('  not played yet');
      continue;
    }
    out.push(sessionsTable(group).replace(/^/gm, '  '));
    const chart = scoreChart(group.sessions.map((s) => s.score));
    if (chart !== '') out.push('', chart);
  }
  return out.join('\n') + '\n';
}
