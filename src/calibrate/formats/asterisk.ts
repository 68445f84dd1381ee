/**
 * Asterisk CDR CSV, as written by cdr_csv to Master.csv: no header, one row per call leg,
 *
 *   accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
 *   start, answer, end, duration, billsec, disposition, amaflags[, uniqueid[, userfield]]
 *
 * with local times `YYYY-MM-DD HH:MM:SS` and an empty `answer` for calls nobody answered.
 * A header row naming these columns is accepted too (cdr_custom and database exports
 * often have one); then the columns may come in any order.
 *
 * Which rows are queue calls: those whose last application is `Queue`; the queue is the
 * first argument in `lastdata` (`support,t,,,300` → `support`). Everything else is counted
 * as skipped, by reason: internal calls (extension to extension), outbound calls (from an
 * extension), other applications (voicemail, IVR, Dial to a phone), FAILED calls, and
 * repeated CDRs of the same call (same uniqueid, e.g. after a transfer).
 *
 * Outcome: `ANSWERED` with an answer time → answered (wait = answer − start, talk =
 * end − answer); `NO ANSWER` → the caller hung up while queued (wait = end − start);
 * `BUSY`/`CONGESTION` → busy signal (queue full). This reads `answer` as the moment an
 * agent picked up, which holds when the dialplan does not Answer() before Queue(); if
 * yours plays announcements after answering, every CDR answer time is the system's, and
 * the queue_log (`--format queue_log`) is the log to calibrate from.
 */
import type { CsvRecord } from '../csv.ts';
import type { LogDiagnostic } from '../diagnostics.ts';
import { callerIdOf, queueIdOf, type ObservedOutcome, type RowResult } from '../observation.ts';
import type { ReadTime, TimeReader } from '../timeReader.ts';

/** cdr_csv's column order. */
export const ASTERISK_COLUMNS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
] as const;

/** Columns a row must have: up to amaflags (uniqueid and userfield are optional in cdr_csv). */
const REQUIRED = ['src', 'dst', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'disposition'] as const;
const MIN_FIELDS_WITHOUT_HEADER = 16;

/** Internal extensions are short numbers; outside numbers are longer. */
const EXTENSION = /^\d{2,5}$/;
/** Repeated CDRs of one call are recognised among the last this many uniqueids. */
const UNIQUEID_WINDOW = 50_000;

type Column = (typeof ASTERISK_COLUMNS)[number];

export class AsteriskCdrReader {
  private index: Partial<Record<Column, number>> | undefined;
  private minFields = MIN_FIELDS_WITHOUT_HEADER;
  private readonly recentIds = new Set<string>();
  /** The same ids in arrival order, as a ring, so the oldest is dropped in O(1). */
  private readonly recentRing: string[] = new Array<string>(UNIQUEID_WINDOW);
  private ringNext = 0;

  constructor(
    private readonly file: string,
    private readonly times: TimeReader,
  ) {}

  row(record: CsvRecord): RowResult {
    if (this.index === undefined) {
      const header = this.readHeader(record);
      if (header !== null) return header;
    }
    const { fields, line } = record;
    if (fields.length < this.minFields) {
      return {
        kind: 'error',
        diagnostics: [
          {
            code: 'LOG_FIELD_COUNT',
            file: this.file,
            line,
            column: 1,
            message: `the row has ${fields.length} field(s), but an Asterisk CDR row has at least ${this.minFields} (accountcode … amaflags)`,
            hint: 'check the row for a missing comma or a cut line; if this is not an Asterisk CDR, use --format generic with a header',
          },
        ],
      };
    }
    const get = this.field.bind(this, record);
    const lastapp = get('lastapp').trim();
    const src = get('src').trim();
    const dst = get('dst').trim();
    if (lastapp.toLowerCase() !== 'queue') {
      if (EXTENSION.test(src) && EXTENSION.test(dst)) return { kind: 'skip', reason: 'internal call (extension to extension)' };
      if (EXTENSION.test(src)) return { kind: 'skip', reason: 'outbound call (from an internal extension)' };
      return { kind: 'skip', reason: `not a queue call (last application ${lastapp === '' ? 'none' : lastapp})` };
    }
    const disposition = get('disposition').trim().toUpperCase();
    if (disposition === 'FAILED') return { kind: 'skip', reason: 'FAILED disposition (the call never reached the queue)' };
    const uniqueid = get('uniqueid').trim();
    if (uniqueid !== '') {
      if (this.recentIds.has(uniqueid)) return { kind: 'skip', reason: 'repeated CDR of the same call (same uniqueid)' };
      const oldest = this.recentRing[this.ringNext];
      if (oldest !== undefined) this.recentIds.delete(oldest);
      this.recentRing[this.ringNext] = uniqueid;
      this.ringNext = (this.ringNext + 1) % UNIQUEID_WINDOW;
      this.recentIds.add(uniqueid);
    }

    const diagnostics: LogDiagnostic[] = [];
    const answerText = get('answer').trim();
    const start = this.time(record, 'start', diagnostics);
    const answer = answerText === '' ? null : this.time(record, 'answer', diagnostics);
    const end = this.time(record, 'end', diagnostics);
    if (start === null || end === null || (answerText !== '' && answer === null)) return { kind: 'error', diagnostics };
    const at = (column: Column): number => this.columnOf(record, column);
    const name = (column: Column): string => this.nameOf(column);

    let outcome: ObservedOutcome;
    if (disposition === 'ANSWERED') outcome = 'answered';
    else if (disposition === 'NO ANSWER') outcome = 'abandoned';
    else if (disposition === 'BUSY' || disposition === 'CONGESTION') outcome = 'blocked';
    else return { kind: 'skip', reason: `unknown disposition ${JSON.stringify(disposition)}` };
    if ((outcome === 'answered') !== (answer !== null)) {
      const message =
        outcome === 'answered'
          ? `disposition is ANSWERED but ${name('answer')} is empty`
          : `disposition is ${disposition} but ${name('answer')} is ${JSON.stringify(answerText)}`;
      return { kind: 'error', diagnostics: [outcomeMismatch(this.file, line, [at('answer'), name('answer')], message)] };
    }
    const problem = inOrder(start, answer, end) ? null : checkOrder(this.file, line, start, answer, end, {
      end: [at('end'), name('end')],
      answer: [at('answer'), name('answer')],
      start: name('start'),
    });
    if (problem) return { kind: 'error', diagnostics: [problem] };

    const queueName = get('lastdata').split(/[,|]/)[0]!.trim();
    return {
      kind: 'call',
      call: {
        line,
        arrival: start.wall,
        wait: outcome === 'answered' ? answer!.instant - start.instant : outcome === 'abandoned' ? end.instant - start.instant : 0,
        talk: outcome === 'answered' ? end.instant - answer!.instant : NaN,
        outcome,
        queue: queueIdOf(queueName),
        caller: callerIdOf(src),
      },
    };
  }

  private field(record: CsvRecord, column: Column): string {
    const i = this.index![column];
    return i === undefined ? '' : (record.fields[i] ?? '');
  }

  private columnOf(record: CsvRecord, column: Column): number {
    return record.columns[this.index![column]!] ?? 1;
  }

  private nameOf(column: Column): string {
    return `${column} (column ${this.index![column]! + 1})`;
  }

  /** Reads a time field; on failure adds its diagnostic (if not already reported) and returns null. */
  private time(record: CsvRecord, column: Column, diagnostics: LogDiagnostic[]): ReadTime | null {
    const result = this.times.read(this.field(record, column), record.line, this.columnOf(record, column), this.nameOf(column));
    if (result.ok) return result.time;
    if (result.diagnostic) diagnostics.push(result.diagnostic);
    return null;
  }

  /** Detects a header row on the first record and sets the column index; returns a result if the record is consumed. */
  private readHeader(record: CsvRecord): RowResult | null {
    const names = record.fields.map((field) => field.trim().toLowerCase());
    if (!names.includes('start') || !names.includes('disposition')) {
      this.index = Object.fromEntries(ASTERISK_COLUMNS.map((column, i) => [column, i]));
      return null;
    }
    const index: Partial<Record<Column, number>> = {};
    for (const column of ASTERISK_COLUMNS) {
      const i = names.indexOf(column);
      if (i >= 0) index[column] = i;
    }
    this.index = index;
    const missing = REQUIRED.filter((column) => index[column] === undefined);
    this.minFields = Math.max(...Object.values(index).map((i) => i! + 1));
    if (missing.length === 0) return { kind: 'none' };
    return {
      kind: 'error',
      diagnostics: missing.map((column) => ({
        code: 'LOG_MISSING_COLUMN' as const,
        file: this.file,
        line: record.line,
        column: 1,
        field: column,
        message: `the header has no ${column} column (columns: ${record.fields.join(', ')})`,
        hint: `an Asterisk CDR needs ${REQUIRED.join(', ')}; rename the header, or use --format generic with --map`,
      })),
    };
  }
}

/** A row whose outcome and answer time disagree (answered without an answer time, or the reverse). */
export function outcomeMismatch(file: string, line: number, answer: [number, string], message: string): LogDiagnostic {
  return {
    code: 'LOG_OUTCOME',
    file,
    line,
    column: answer[0],
    field: answer[1],
    message,
    hint: 'an answered call needs its answer time, an unanswered one an empty answer field',
  };
}

/** Whether start ≤ answer ≤ end (or start ≤ end without an answer): the fast path of {@link checkOrder}. */
export function inOrder(start: ReadTime, answer: ReadTime | null, end: ReadTime): boolean {
  return end.instant >= start.instant && (answer === null || (answer.instant >= start.instant && answer.instant <= end.instant));
}

/** End ≥ start, answer ≥ start, answer ≤ end; the first violation as a diagnostic. */
export function checkOrder(
  file: string,
  line: number,
  start: ReadTime,
  answer: ReadTime | null,
  end: ReadTime,
  where: { end: [number, string]; answer: [number, string]; start: string },
): LogDiagnostic | null {
  if (end.instant < start.instant) {
    return {
      code: 'LOG_END_BEFORE_START',
      file,
      line,
      column: where.end[0],
      field: where.end[1],
      message: `${where.end[1]} is ${formatSeconds(start.instant - end.instant)} before ${where.start}`,
      hint: 'check the row: columns swapped, or times from different clocks',
    };
  }
  if (answer !== null && answer.instant < start.instant) {
    return {
      code: 'LOG_ANSWER_BEFORE_START',
      file,
      line,
      column: where.answer[0],
      field: where.answer[1],
      message: `${where.answer[1]} is ${formatSeconds(start.instant - answer.instant)} before ${where.start}`,
      hint: 'check the row: columns swapped, or the answer column mapped to the wrong field',
    };
  }
  if (answer !== null && answer.instant > end.instant) {
    return {
      code: 'LOG_ANSWER_AFTER_END',
      file,
      line,
      column: where.answer[0],
      field: where.answer[1],
      message: `${where.answer[1]} is ${formatSeconds(answer.instant - end.instant)} after ${where.end[1]}`,
      hint: 'check the row: columns swapped, or the end column mapped to the wrong field',
    };
  }
  return null;
}

function formatSeconds(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${(seconds / 60).toFixed(1)} min` : `${(seconds / 3600).toFixed(1)} h`;
}
