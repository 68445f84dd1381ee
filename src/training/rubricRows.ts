/**
 * The training history as rubric scores per step: one row per weighted rubric step of each
 * stored session, the shape the consultant report reads (src/report/trainingHistory.ts
 * `TrainingScoreRow`, matched structurally so training does not import report). Pure: the
 * store's sessions in, rows out; the SQL stays in `HistoryStore.sessions`.
 *
 * A step scores 100 when the trainee met it and 0 when not, so a step's mean over sessions
 * is the share of calls where it was met, and a session's mean over its steps is its score
 * before fatal criteria when the steps weigh the same. Fatal criteria (rudeness, wrong
 * information) are not steps: they stay in `callfloor progress`. The step is named by its
 * title in the session's language, as the trainee saw it.
 */
import type { SessionRow } from './history.ts';

/** One scored rubric step of one session. */
export interface RubricStepScore {
  readonly trainee: string;
  readonly script: string;
  /** Step title, e.g. "Listen". */
  readonly step: string;
  /** 100 met, 0 missed. */
  readonly score: number;
  /** When the session finished (ISO date-time). */
  readonly date: string;
}

/** Anything that lists stored sessions: a `HistoryStore`, or a test's array. */
export interface SessionSource {
  sessions(): readonly SessionRow[];
}

/** Rubric step scores of every stored session, in the order the sessions finished. */
export function rubricStepScores(store: SessionSource): RubricStepScore[] {
  return store.sessions().flatMap((session) =>
    session.steps
      .filter((step) => step.fatal === null)
      .map((step) => ({ trainee: session.trainee, script: session.script, step: step.title, score: step.met ? 100 : 0, date: session.finishedAt })),
  );
}
