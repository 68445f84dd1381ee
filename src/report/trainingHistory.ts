/**
 * Training rubric scores as the report reads them. The report depends only on
 * {@link TrainingScoreRow}: one scored step of one role-play session. Any store can feed it
 * (the SQLite history of `callfloor train` through an adapter, or a plain JSON file for
 * `callfloor report --training-history FILE`):
 *
 * ```json
 * [
 *   { "trainee": "Giulia", "script": "order-status", "step": "Listen", "score": 82, "date": "2026-11-02" },
 *   { "trainee": "Giulia", "script": "order-status", "step": "Empathize", "score": 64, "date": "2026-11-02" }
 * ]
 * ```
 * A file may also be `{ "rows": [ … ] }`. `score` is 0–100; `date` is an ISO date or date-time.
 */
import { z } from 'zod';

export const trainingScoreRowSchema = z
  .object({
    /** Who was trained. */
    trainee: z.string().min(1),
    /** Call script (role-play) id. */
    script: z.string().min(1),
    /** Rubric step or scorecard section, e.g. "Listen", "Empathy", "Closing". */
    step: z.string().min(1),
    /** Score 0–100. */
    score: z.number().min(0).max(100),
    /** When the session took place: ISO date (2026-11-02) or date-time. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'an ISO date such as 2026-11-02'),
  })
  .strict();

export type TrainingScoreRow = z.infer<typeof trainingScoreRowSchema>;

export const trainingHistorySchema = z.union([z.array(trainingScoreRowSchema), z.object({ rows: z.array(trainingScoreRowSchema) }).strict()]);

/** Where the report gets training scores from. */
export interface TrainingHistorySource {
  rows(): readonly TrainingScoreRow[];
}

/** Proficiency band of a 0–100 score (DOMAIN: ≥90 expert, ≥75 proficient, ≥50 developing). */
export type ProficiencyBand = 'expert' | 'proficient' | 'developing' | 'beginner';

export function bandOf(score: number): ProficiencyBand {
  return score >= 90 ? 'expert' : score >= 75 ? 'proficient' : score >= 50 ? 'developing' : 'beginner';
}

/** One trainee's record over every session. */
export interface TraineeSummary {
  readonly trainee: string;
  /** Distinct (script, date) sessions. */
  readonly sessions: number;
  readonly scripts: readonly string[];
  /** Mean of every scored step. */
  readonly meanScore: number;
  /** Mean of the first and the latest session: the progress made. */
  readonly firstScore: number;
  readonly latestScore: number;
  readonly latestDate: string;
  readonly band: ProficiencyBand;
  /** The step with the lowest mean: what to train next. */
  readonly weakestStep: string;
}

/** A rubric step over the whole team. */
export interface StepSummary {
  readonly step: string;
  readonly meanScore: number;
  readonly scored: number;
}

export interface TrainingSummary {
  readonly rows: number;
  readonly trainees: readonly TraineeSummary[];
  readonly steps: readonly StepSummary[];
  readonly teamMean: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** Per trainee and per step, in a stable order (trainees and steps by name). Null when there are no rows. */
export function summariseTraining(rows: readonly TrainingScoreRow[]): TrainingSummary | null {
  if (rows.length === 0) return null;
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const trainees = [...groupBy(rows, (row) => row.trainee)].sort(([a], [b]) => byName(a, b)).map(([trainee, own]): TraineeSummary => {
    const sessions = [...groupBy(own, (row) => `${row.date}\u0000${row.script}`)].sort(([a], [b]) => byName(a, b));
    const steps = [...groupBy(own, (row) => row.step)].map(([step, scored]) => ({ step, mean: mean(scored.map((row) => row.score)) }));
    steps.sort((a, b) => a.mean - b.mean || byName(a.step, b.step));
    const meanScore = mean(own.map((row) => row.score));
    const latest = sessions[sessions.length - 1]![1];
    return {
      trainee,
      sessions: sessions.length,
      scripts: [...new Set(own.map((row) => row.script))].sort(byName),
      meanScore,
      firstScore: mean(sessions[0]![1].map((row) => row.score)),
      latestScore: mean(latest.map((row) => row.score)),
      latestDate: latest[0]!.date,
      band: bandOf(mean(latest.map((row) => row.score))),
      weakestStep: steps[0]!.step,
    };
  });
  const steps = [...groupBy(rows, (row) => row.step)]
    .map(([step, scored]) => ({ step, meanScore: mean(scored.map((row) => row.score)), scored: scored.length }))
    .sort((a, b) => byName(a.step, b.step));
  return { rows: rows.length, trainees, steps, teamMean: mean(rows.map((row) => row.score)) };
}
