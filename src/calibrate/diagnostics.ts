/**
 * The call-log error catalogue: every problem calibration can report about a log, as data,
 * in the same shape and format as scenario diagnostics:
 * `file:line:col  CODE  what happened — what to do`. The line is the line of the file
 * (1 is the first), the column the character position where the faulty field starts.
 */

export interface LogCodeInfo {
  readonly title: string;
  /** Why this stops calibration, in one line. */
  readonly why: string;
  /** Default advice. */
  readonly whatToDo: string;
}

export const logErrorCatalogue = {
  LOG_NOT_FOUND: {
    title: 'Log file not found',
    why: 'There is no file at the given path.',
    whatToDo: 'check the path and the file name',
  },
  LOG_UNREADABLE: {
    title: 'Log file cannot be read',
    why: 'The path is a folder, or the file cannot be read.',
    whatToDo: 'name a readable CSV or queue_log text file',
  },
  LOG_ENCODING: {
    title: 'Log is not UTF-8 text',
    why: 'The file is saved as UTF-16/UTF-32, holds binary data (NUL bytes), or has bytes that are not UTF-8 (Latin-1, Windows-1252), so its text would be read as garbage.',
    whatToDo: 'save the log as UTF-8 (Excel: "CSV UTF-8 (Comma delimited)"; other editors: "Save with encoding" → UTF-8)',
  },
  LOG_EMPTY: {
    title: 'No calls in the log',
    why: 'The log has no rows, or every row was skipped, so there is nothing to estimate from.',
    whatToDo: 'check the --format and the file; the summary lists why rows were skipped',
  },
  LOG_MISSING_COLUMN: {
    title: 'Column missing',
    why: 'A column calibration needs (arrival, end…) is not in the header, so no row can be read.',
    whatToDo: 'name the column with --map, e.g. --map arrival=start_time',
  },
  LOG_FIELD_COUNT: {
    title: 'Wrong number of fields in a row',
    why: 'The row has fewer fields than the layout needs, or more than the header names, so its columns cannot be told apart.',
    whatToDo: 'check the row for a missing or unquoted delimiter, or a truncated line',
  },
  LOG_BAD_DATE: {
    title: 'Unparsable date',
    why: 'A time field is not a date and time calibration can read, so the call cannot be placed in time.',
    whatToDo: 'write times as YYYY-MM-DD HH:MM:SS, or ISO 8601 such as 2026-03-02T09:15:03+01:00',
  },
  LOG_END_BEFORE_START: {
    title: 'Call ends before it starts',
    why: 'The end time is earlier than the arrival time, which no real call can do.',
    whatToDo: 'check the row: columns swapped, or times from different clocks',
  },
  LOG_ANSWER_BEFORE_START: {
    title: 'Call answered before it started',
    why: 'The answer time is earlier than the arrival time, so the wait would be negative.',
    whatToDo: 'check the row: columns swapped, or the answer column mapped to the wrong field',
  },
  LOG_ANSWER_AFTER_END: {
    title: 'Call answered after it ended',
    why: 'The answer time is later than the end time, so the talk time would be negative.',
    whatToDo: 'check the row: columns swapped, or the end column mapped to the wrong field',
  },
  LOG_MIXED_TIMEZONES: {
    title: 'Times with different UTC offsets',
    why: 'The log mixes UTC offsets (or offsets and local times), so the same clock time would mean different moments and intervals would be shifted.',
    whatToDo: 'pass --tz with the centre’s time zone (e.g. --tz Europe/Rome) to convert every time to its local time, or export the log in one offset',
  },
  LOG_NEEDS_TZ: {
    title: 'Time zone needed',
    why: 'The log gives Unix times (queue_log), which say when but not which local hour of the day.',
    whatToDo: 'pass --tz with the centre’s time zone, e.g. --tz Europe/Rome',
  },
  LOG_OUTCOME: {
    title: 'Outcome contradicts the times',
    why: 'The row says the call was answered but gives no answer time (or the reverse), so its wait cannot be known.',
    whatToDo: 'fill the answer time for answered calls and leave it empty for unanswered ones',
  },
  LOG_BAD_QUOTE: {
    title: 'Quote never closed',
    why: 'A quoted field is opened and never closed, so the rest of the file would be read as one field.',
    whatToDo: 'close the quote, or double quotes inside quoted fields ("")',
  },
  LOG_BAD_LINE: {
    title: 'Unreadable queue_log line',
    why: 'A queue_log line does not have the epoch|callid|queue|agent|event layout or a numeric time.',
    whatToDo: 'check the line; queue_log lines look like 1772443200|1772443200.12|sales|NONE|ENTERQUEUE||3912345678|1',
  },
} as const satisfies Record<string, LogCodeInfo>;

export type LogErrorCode = keyof typeof logErrorCatalogue;

/** One problem found in a log. */
export interface LogDiagnostic {
  readonly code: LogErrorCode;
  readonly file: string;
  /** 1-based line of the file. */
  readonly line: number;
  /** 1-based character column where the field starts (1 for whole-row problems). */
  readonly column: number;
  /** Name of the column concerned, when there is one. */
  readonly field?: string;
  /** What happened. */
  readonly message: string;
  /** What to do. */
  readonly hint: string;
}

/** `file:line:col  CODE  what happened — what to do`, like scenario diagnostics. */
export function formatLogDiagnostic(d: LogDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.code}  ${d.message} — ${d.hint}`;
}

/** Thrown when a log cannot be calibrated: every diagnostic found (up to the limit) and how many there were in all. */
export class LogError extends Error {
  constructor(
    readonly diagnostics: readonly LogDiagnostic[],
    /** All problems found, including those beyond the reporting limit. */
    readonly total: number,
  ) {
    super(diagnostics.map(formatLogDiagnostic).join('\n'));
    this.name = 'LogError';
  }
}
