/**
 * The training history: finished sessions and managers' assignments, in an SQLite database
 * run by sql.js (SQLite compiled to WebAssembly: no native build, nothing downloaded at
 * install time). The database lives in memory; the caller loads it from bytes and exports
 * it back to bytes, and writes the file atomically (src/cli/historyFile.ts), so a crash or
 * Ctrl-C never leaves half a database. No file I/O here.
 */
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { SessionRecord } from './record.ts';

/** Schema version, kept in PRAGMA user_version. */
export const HISTORY_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  trainee TEXT NOT NULL,
  script TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  rubric TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  seconds REAL NOT NULL,
  outcome TEXT NOT NULL,
  money_kind TEXT NOT NULL,
  money REAL NOT NULL,
  score REAL NOT NULL,
  band TEXT NOT NULL,
  seed INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_trainee_script ON sessions (trainee, script, finished_at);
CREATE TABLE IF NOT EXISTS steps (
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  title TEXT NOT NULL,
  fatal TEXT,
  met INTEGER NOT NULL,
  PRIMARY KEY (session_id, step)
);
CREATE TABLE IF NOT EXISTS assignments (
  script TEXT NOT NULL,
  trainee TEXT NOT NULL DEFAULT '',
  min_score REAL NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (script, trainee)
);
`;

/** A stored session, as progress reports read it. */
export interface SessionRow {
  readonly id: number;
  readonly trainee: string;
  readonly script: string;
  readonly title: string;
  readonly language: string;
  readonly rubric: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly outcome: string;
  readonly moneyKind: string;
  readonly money: number;
  readonly score: number;
  readonly band: string;
  /** Rubric step id → met (for fatal criteria: triggered). */
  readonly steps: ReadonlyArray<{ readonly step: string; readonly title: string; readonly fatal: string | null; readonly met: boolean }>;
}

/** A minimum score a manager requires on a script; `trainee` '' means everyone. */
export interface Assignment {
  readonly script: string;
  readonly trainee: string;
  readonly minScore: number;
  readonly assignedAt: string;
}

export interface SessionFilter {
  readonly trainee?: string;
  readonly script?: string;
}

/** The history file is not a callfloor history database. */
export class HistoryFormatError extends Error {
  override name = 'HistoryFormatError';
}

let sqlModule: ReturnType<typeof initSqlJs> | undefined;

/** The WebAssembly SQLite module, loaded once per process (it is code, not state). */
function sqlite(): ReturnType<typeof initSqlJs> {
  sqlModule ??= initSqlJs();
  return sqlModule;
}

/** An open history database. Close it when done (it holds WebAssembly memory). */
export class HistoryStore {
  private constructor(private readonly db: Database) {}

  /** Opens the history from a file's bytes, or a new empty one. */
  static async open(bytes?: Uint8Array): Promise<HistoryStore> {
    const SQL = await sqlite();
    const db = new SQL.Database(bytes);
    try {
      const version = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
      const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((row) => String(row[0])) ?? [];
      if (version > HISTORY_VERSION) throw new HistoryFormatError(`the history was written by a newer callfloor (format ${version}, this one reads up to ${HISTORY_VERSION})`);
      if (tables.length > 0 && !tables.includes('sessions')) throw new HistoryFormatError('the file is an SQLite database but not a callfloor history (it has no sessions table)');
      db.exec('PRAGMA foreign_keys = ON');
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${HISTORY_VERSION}`);
    } catch (error) {
      db.close();
      if (error instanceof HistoryFormatError) throw error;
      throw new HistoryFormatError(`the file is not an SQLite database (${(error as Error).message})`);
    }
    return new HistoryStore(db);
  }

  /** Stores a finished session; returns its id. */
  addSession(record: SessionRecord): number {
    const db = this.db;
    db.exec('BEGIN');
    try {
      db.run(
        `INSERT INTO sessions (trainee, script, title, language, rubric, started_at, finished_at, seconds, outcome, money_kind, money, score, band, seed, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          record.trainee,
          record.scriptId,
          record.title,
          record.language,
          record.rubric.id,
          record.startedAt,
          record.finishedAt,
          record.elapsed,
          record.outcome.kind,
          record.money.kind,
          record.money.amount,
          record.score,
          record.band,
          record.seed,
          JSON.stringify(record),
        ],
      );
      const id = Number(db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]);
      for (const step of record.steps) db.run('INSERT INTO steps (session_id, step, title, fatal, met) VALUES (?, ?, ?, ?, ?)', [id, step.id, step.title, step.fatal ?? null, step.met ? 1 : 0]);
      db.exec('COMMIT');
      return id;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Sessions in the order they finished (then by id), optionally of one trainee and/or script. */
  sessions(filter: SessionFilter = {}): SessionRow[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.trainee !== undefined) {
      where.push('trainee = ?');
      params.push(filter.trainee);
    }
    if (filter.script !== undefined) {
      where.push('script = ?');
      params.push(filter.script);
    }
    const rows = this.query(
      `SELECT id, trainee, script, title, language, rubric, started_at, finished_at, seconds, outcome, money_kind, money, score, band
       FROM sessions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY finished_at, id`,
      params,
    );
    const steps = new Map<number, Array<SessionRow['steps'][number]>>();
    for (const row of this.query('SELECT session_id, step, title, fatal, met FROM steps ORDER BY session_id, rowid')) {
      const id = Number(row.session_id);
      const list = steps.get(id) ?? [];
      list.push({ step: String(row.step), title: String(row.title), fatal: row.fatal === null ? null : String(row.fatal), met: Number(row.met) === 1 });
      steps.set(id, list);
    }
    return rows.map((row) => ({
      id: Number(row.id),
      trainee: String(row.trainee),
      script: String(row.script),
      title: String(row.title),
      language: String(row.language),
      rubric: String(row.rubric),
      startedAt: String(row.started_at),
      finishedAt: String(row.finished_at),
      seconds: Number(row.seconds),
      outcome: String(row.outcome),
      moneyKind: String(row.money_kind),
      money: Number(row.money),
      score: Number(row.score),
      band: String(row.band),
      steps: steps.get(Number(row.id)) ?? [],
    }));
  }

  /** The full record of a stored session. */
  record(id: number): SessionRecord | undefined {
    const row = this.query('SELECT record FROM sessions WHERE id = ?', [id])[0];
    return row === undefined ? undefined : (JSON.parse(String(row.record)) as SessionRecord);
  }

  /** Sets (or replaces) the minimum score of a script, for one trainee or ('' ) everyone. */
  assign(assignment: Assignment): void {
    this.db.run(
      `INSERT INTO assignments (script, trainee, min_score, assigned_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (script, trainee) DO UPDATE SET min_score = excluded.min_score, assigned_at = excluded.assigned_at`,
      [assignment.script, assignment.trainee, assignment.minScore, assignment.assignedAt],
    );
  }

  assignments(): Assignment[] {
    return this.query('SELECT script, trainee, min_score, assigned_at FROM assignments ORDER BY script, trainee').map((row) => ({
      script: String(row.script),
      trainee: String(row.trainee),
      minScore: Number(row.min_score),
      assignedAt: String(row.assigned_at),
    }));
  }

  /** The whole database as bytes, to write to the file. */
  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    this.db.close();
  }

  private query(sql: string, params: SqlValue[] = []): Array<Record<string, SqlValue>> {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const rows: Array<Record<string, SqlValue>> = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }
}

/** The minimum score that applies to a trainee on a script: their own assignment, else the one for everyone. */
export function requiredScore(assignments: readonly Assignment[], script: string, trainee: string): Assignment | undefined {
  return assignments.find((a) => a.script === script && a.trainee === trainee) ?? assignments.find((a) => a.script === script && a.trainee === '');
}
