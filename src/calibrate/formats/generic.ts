/**
 * A generic call log: a CSV with a header row and one row per call. `--map` names the
 * columns (case does not matter); the defaults are
 *
 *   arrival=arrival, answer=answer, end=end, queue=queue, caller=caller, outcome=outcome
 *
 * arrival and end are required, answer is required (empty for calls nobody answered);
 * queue (one queue `all` without it), caller (no retrial estimate without it) and outcome
 * (inferred from the answer time without it) are optional. Times are
 * `YYYY-MM-DD HH:MM:SS` or ISO 8601 with or without an offset. The delimiter (`,`, `;` or
 * tab) is detected from the header.
 *
 * Outcome words (any case): answered, answer, completed, connected, served, handled →
 * answered; abandoned, abandon, no answer, noanswer, hangup, hung up, timeout, lost,
 * missed → abandoned; busy, blocked, full, rejected, congestion → busy signal. Rows with
 * another outcome (voicemail, callback…) are skipped and counted by outcome.
 */
import type { CsvRecord } from '../csv.ts';
import type { LogDiagnostic } from '../diagnostics.ts';
import { callerIdOf, queueIdOf, type ObservedOutcome, type RowResult } from '../observation.ts';
import type { ReadTime, TimeReader } from '../timeReader.ts';
import { checkOrder, inOrder, outcomeMismatch } from './asterisk.ts';

export const GENERIC_FIELDS = ['arrival', 'answer', 'end', 'queue', 'caller', 'outcome'] as const;
export type GenericField = (typeof GENERIC_FIELDS)[number];
export type ColumnMap = Readonly<Record<GenericField, string>>;

export const DEFAULT_COLUMN_MAP: ColumnMap = {
  arrival: 'arrival',
  answer: 'answer',
  end: 'end',
  queue: 'queue',
  caller: 'caller',
  outcome: 'outcome',
};

const REQUIRED: readonly GenericField[] = ['arrival', 'answer', 'end'];

/** Column names other systems use for each field, to suggest a --map when the default is missing. */
const SYNONYMS: Readonly<Record<GenericField, readonly string[]>> = {
  arrival: ['start', 'start_time', 'starttime', 'arrival_time', 'calldate', 'call_start', 'started_at', 'time', 'date'],
  answer: ['answer_time', 'answered', 'answered_at', 'answertime', 'connect', 'connected_at', 'pickup'],
  end: ['end_time', 'endtime', 'ended_at', 'hangup', 'hangup_time', 'call_end', 'stop'],
  queue: ['queue_name', 'queuename', 'skill', 'group', 'service', 'line'],
  caller: ['caller_id', 'callerid', 'src', 'from', 'ani', 'clid', 'number', 'phone'],
  outcome: ['status', 'disposition', 'result', 'state'],
};

const OUTCOME_WORDS: ReadonlyMap<string, ObservedOutcome> = new Map([
  ...['answered', 'answer', 'completed', 'complete', 'connected', 'served', 'handled'].map((w) => [w, 'answered'] as const),
  ...['abandoned', 'abandon', 'no answer', 'noanswer', 'no_answer', 'hangup', 'hung up', 'timeout', 'lost', 'missed'].map(
    (w) => [w, 'abandoned'] as const,
  ),
  ...['busy', 'blocked', 'full', 'rejected', 'congestion'].map((w) => [w, 'blocked'] as const),
]);

/**
 * Parses `--map arrival=start_time,answer=answer_time,…` into a full map (defaults for the
 * fields not named). Throws a RangeError with the reason for an unknown field or a bad pair.
 */
export function parseColumnMap(text: string): { map: ColumnMap; explicit: Set<GenericField> } {
  const map: Record<GenericField, string> = { ...DEFAULT_COLUMN_MAP };
  const explicit = new Set<GenericField>();
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const equals = pair.indexOf('=');
    if (equals <= 0 || equals === pair.length - 1) throw new RangeError(`"${pair}" is not field=column`);
    const field = pair.slice(0, equals).trim().toLowerCase();
    if (!(GENERIC_FIELDS as readonly string[]).includes(field)) {
      throw new RangeError(`"${field}" is not a field (fields: ${GENERIC_FIELDS.join(', ')})`);
    }
    map[field as GenericField] = pair.slice(equals + 1).trim();
    explicit.add(field as GenericField);
  }
  return { map, explicit };
}

export class GenericCsvReader {
  private index: Partial<Record<GenericField, number>> | undefined;
  private headerNames: string[] = [];

  constructor(
    private readonly file: string,
    private readonly times: TimeReader,
    private readonly map: ColumnMap = DEFAULT_COLUMN_MAP,
    /** Fields named in --map: missing ones are errors even when optional. */
    private readonly explicit: ReadonlySet<GenericField> = new Set(),
  ) {}

  private fieldCount(line: number, column: number, message: string, hint: string): RowResult {
    return { kind: 'error', diagnostics: [{ code: 'LOG_FIELD_COUNT', file: this.file, line, column, message, hint }] };
  }

  row(record: CsvRecord): RowResult {
    if (this.index === undefined) return this.readHeader(record);
    const index = this.index;
    const { fields, columns, line } = record;
    const get = (field: GenericField): string | undefined => {
      const i = index[field];
      return i === undefined ? undefined : (fields[i] ?? '');
    };
    const at = (field: GenericField): number => columns[index[field]!] ?? (columns.at(-1) ?? 1);
    const name = (field: GenericField): string => `${this.headerNames[index[field]!]} (column ${index[field]! + 1})`;
    const needed = Math.max(...REQUIRED.map((field) => index[field]!)) + 1;
    if (fields.length < needed) {
      return this.fieldCount(line, 1, `the row has ${fields.length} field(s), but the header has ${this.headerNames.length}`, 'check the row for a missing delimiter or a cut line');
    }
    if (fields.length > this.headerNames.length) {
      // An unquoted delimiter inside a value shifts every later column: refuse the row
      // rather than read the wrong columns.
      const extra = this.headerNames.length;
      return this.fieldCount(
        line,
        columns[extra] ?? 1,
        `the row has ${fields.length} fields, but the header has ${this.headerNames.length}: field ${extra + 1} (${JSON.stringify(truncate(fields[extra] ?? ''))}) has no column`,
        'quote values that contain the delimiter ("Rossi, Mario"), or add the missing column to the header',
      );
    }

    const diagnostics: LogDiagnostic[] = [];
    let failed = false;
    const readTime = (field: GenericField): ReadTime | null => {
      const result = this.times.read(get(field) ?? '', line, at(field), name(field));
      if (result.ok) return result.time;
      failed = true;
      if (result.diagnostic) diagnostics.push(result.diagnostic);
      return null;
    };
    const answerText = (get('answer') ?? '').trim();
    const arrival = readTime('arrival');
    const answer = answerText === '' ? null : readTime('answer');
    const end = readTime('end');
    if (failed) return { kind: 'error', diagnostics };

    let outcome: ObservedOutcome;
    const outcomeText = get('outcome');
    if (outcomeText === undefined) {
      outcome = answer !== null ? 'answered' : 'abandoned';
    } else {
      const word = OUTCOME_WORDS.get(outcomeText.trim().toLowerCase());
      if (word === undefined) return { kind: 'skip', reason: `outcome ${JSON.stringify(outcomeText.trim())} (not answered, abandoned or busy)` };
      outcome = word;
      if ((outcome === 'answered') !== (answer !== null)) {
        const message =
          outcome === 'answered'
            ? `${name('outcome')} is ${JSON.stringify(outcomeText)} but ${name('answer')} is empty`
            : `${name('outcome')} is ${JSON.stringify(outcomeText)} but ${name('answer')} is ${JSON.stringify(answerText)}`;
        return { kind: 'error', diagnostics: [outcomeMismatch(this.file, line, [at('answer'), name('answer')], message)] };
      }
    }
    const problem = inOrder(arrival!, answer, end!) ? null : checkOrder(this.file, line, arrival!, answer, end!, {
      end: [at('end'), name('end')],
      answer: [at('answer'), name('answer')],
      start: name('arrival'),
    });
    if (problem) return { kind: 'error', diagnostics: [problem] };
    const queueText = get('queue');
    return {
      kind: 'call',
      call: {
        line,
        arrival: arrival!.wall,
        wait: outcome === 'answered' ? answer!.instant - arrival!.instant : outcome === 'abandoned' ? end!.instant - arrival!.instant : 0,
        talk: outcome === 'answered' ? end!.instant - answer!.instant : NaN,
        outcome,
        queue: queueText === undefined ? 'all' : queueIdOf(queueText),
        caller: callerIdOf(get('caller')),
      },
    };
  }

  private readHeader(record: CsvRecord): RowResult {
    this.headerNames = record.fields.map((field) => field.trim());
    const lower = this.headerNames.map((name) => name.toLowerCase());
    const index: Partial<Record<GenericField, number>> = {};
    const diagnostics: LogDiagnostic[] = [];
    for (const field of GENERIC_FIELDS) {
      const i = lower.indexOf(this.map[field].toLowerCase());
      if (i >= 0) {
        index[field] = i;
        continue;
      }
      if (!REQUIRED.includes(field) && !this.explicit.has(field)) continue;
      const suggestion =
        this.headerNames.find((name) => SYNONYMS[field].includes(name.toLowerCase())) ?? closestName(this.map[field], this.headerNames);
      diagnostics.push({
        code: 'LOG_MISSING_COLUMN',
        file: this.file,
        line: record.line,
        column: 1,
        field,
        message: `the header has no column ${JSON.stringify(this.map[field])} for the ${field} field (columns: ${this.headerNames.join(', ')})`,
        hint: suggestion ? `did you mean --map ${field}=${suggestion}?` : `name it with --map ${field}=<column>`,
      });
    }
    this.index = index;
    return diagnostics.length > 0 ? { kind: 'error', diagnostics } : { kind: 'none' };
  }
}

/** The header name most like `wanted` (containing it, or within a third of its length in edit distance). */
function closestName(wanted: string, names: readonly string[]): string | undefined {
  const target = wanted.toLowerCase();
  const containing = names.find((name) => name.toLowerCase().includes(target) || target.includes(name.toLowerCase()));
  if (containing) return containing;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const distance = editDistance(target, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(target.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
