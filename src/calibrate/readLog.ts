/**
 * Streams a call log through a format reader into {@link LogStatistics}: one line at a
 * time (node:readline), never the whole file in memory. Rows that are not queue calls are
 * counted by reason; rows with errors are collected as diagnostics (up to `maxErrors`,
 * all of them counted) and the reading goes on to the end, so one run lists the problems
 * of the whole file. A header that lacks a needed column stops at once: no row could be read.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { errorCatalogue } from '../scenario/errors.ts';
import { decodeText } from '../yaml/read.ts';
import { CsvParser, detectDelimiter, UnclosedQuoteError } from './csv.ts';
import { LogError, logErrorCatalogue, type LogDiagnostic } from './diagnostics.ts';
import { AsteriskCdrReader } from './formats/asterisk.ts';
import { DEFAULT_COLUMN_MAP, GenericCsvReader, type ColumnMap, type GenericField } from './formats/generic.ts';
import { QueueLogReader } from './formats/queueLog.ts';
import type { RowResult } from './observation.ts';
import { LogStatistics, type StatisticsSettings } from './statistics.ts';
import { describeOffset, ZoneClock } from './time.ts';
import { TimeReader } from './timeReader.ts';

export type LogFormat = 'asterisk' | 'generic' | 'queue_log';
export const LOG_FORMATS: readonly LogFormat[] = ['asterisk', 'generic', 'queue_log'];

export interface ReadOptions extends StatisticsSettings {
  readonly format: LogFormat;
  /** Generic format: which column holds what (defaults in formats/generic.ts). */
  readonly columnMap?: ColumnMap;
  /** Generic format: fields named explicitly in --map (missing ones are errors even if optional). */
  readonly explicitColumns?: ReadonlySet<GenericField>;
  /** IANA time zone (e.g. `Europe/Rome`): times are converted to its local wall clock. */
  readonly timeZone?: string;
  /** Diagnostics listed at most (all are counted). */
  readonly maxErrors: number;
}

export interface SkipReason {
  readonly reason: string;
  readonly count: number;
  /** Line of the first row skipped for this reason. */
  readonly firstLine: number;
}

/** What reading a whole log gave. */
export interface LogReading {
  readonly file: string;
  readonly format: LogFormat;
  /** Data rows (or queue_log lines) read, header excluded. */
  readonly rows: number;
  readonly statistics: LogStatistics;
  readonly skipped: readonly SkipReason[];
  /** How the times were read: `local times (no offset)`, `UTC offset +01:00`, `converted to Europe/Rome`. */
  readonly timeBasis: string;
}

/** Lines of a log without their line breaks: one at a time, or in batches (as {@link readLines} gives them). */
export type LineSource = AsyncIterable<string | readonly string[]> | Iterable<string>;

/**
 * Reads a log from lines (without line breaks). Throws {@link LogError} with the
 * diagnostics if any row is wrong, after reading all of it.
 */
export async function readLogLines(lines: LineSource, file: string, options: ReadOptions): Promise<LogReading> {
  const zone = options.timeZone === undefined ? null : new ZoneClock(options.timeZone);
  const times = new TimeReader(file, zone);
  const statistics = new LogStatistics(options);
  const skips = new Map<string, { count: number; firstLine: number }>();
  const diagnostics: LogDiagnostic[] = [];
  let errorRows = 0;
  /** Diagnostics produced, listed or beyond the limit (a repeated time-zone mix is reported once, not per row). */
  let problems = 0;
  let rows = 0;
  let headerRows = 0;

  const handle = (result: RowResult, line: number, isFirst: boolean): boolean => {
    switch (result.kind) {
      case 'call':
        statistics.add(result.call);
        return true;
      case 'skip': {
        const entry = skips.get(result.reason);
        if (entry) entry.count++;
        else skips.set(result.reason, { count: 1, firstLine: line });
        return true;
      }
      case 'none':
        if (isFirst) headerRows++;
        return true;
      case 'error':
        errorRows++;
        problems += result.diagnostics.length;
        for (const diagnostic of result.diagnostics) if (diagnostics.length < options.maxErrors) diagnostics.push(diagnostic);
        // A header that lacks columns makes every row unreadable: stop here.
        return !(isFirst && result.diagnostics.some((d) => d.code === 'LOG_MISSING_COLUMN'));
    }
  };

  if (options.format === 'queue_log') {
    if (zone === null) {
      throw new LogError(
        [
          {
            code: 'LOG_NEEDS_TZ',
            file,
            line: 1,
            column: 1,
            message: 'queue_log times are Unix times, which do not say the local hour of the day',
            hint: 'pass --tz with the centre’s time zone, e.g. --tz Europe/Rome',
          },
        ],
        1,
      );
    }
    const reader = new QueueLogReader(file, zone);
    let lineNumber = 0;
    await forEachLine(lines, (line) => {
      lineNumber++;
      if (line.trim() === '') return true;
      rows++;
      handle(reader.line(line, lineNumber), lineNumber, false);
      return true;
    });
    const never = reader.finish();
    if (never > 0) skips.set('queue_log call never completed (no COMPLETE, ABANDON or EXIT line)', { count: never, firstLine: lineNumber });
  } else {
    let parser: CsvParser | null = null;
    let reader: AsteriskCdrReader | GenericCsvReader | null = null;
    let first = true;
    try {
      await forEachLine(lines, (line) => {
        if (parser === null || reader === null) {
          const delimiter = options.format === 'generic' ? detectDelimiter(line) : ',';
          parser = new CsvParser(delimiter);
          reader =
            options.format === 'asterisk'
              ? new AsteriskCdrReader(file, times)
              : new GenericCsvReader(file, times, options.columnMap ?? DEFAULT_COLUMN_MAP, options.explicitColumns ?? new Set());
        }
        const record = parser.push(line);
        if (record === null) return true;
        rows++;
        const goOn = handle(reader.row(record), record.line, first);
        first = false;
        return goOn;
      });
      (parser as CsvParser | null)?.end();
    } catch (error) {
      if (!(error instanceof UnclosedQuoteError)) throw error;
      errorRows++;
      problems++;
      diagnostics.push({
        code: 'LOG_BAD_QUOTE',
        file,
        line: error.line,
        column: error.column,
        message: 'a quoted field opened here is never closed',
        hint: 'close the quote, or double the quotes inside a quoted field ("")',
      });
    }
  }
  rows -= headerRows;
  if (errorRows > 0) throw new LogError(diagnostics, Math.max(problems, diagnostics.length));
  statistics.finish();
  if (statistics.calls === 0) {
    throw new LogError(
      [
        {
          code: 'LOG_EMPTY',
          file,
          line: 1,
          column: 1,
          message:
            rows === 0
              ? 'the log has no rows'
              : `none of the ${rows} row(s) is a queue call (${[...skips].map(([reason, { count }]) => `${count} ${reason}`).join('; ')})`,
          hint: options.format === 'asterisk' ? 'check that this is an Asterisk CDR of queue calls, or use --format generic' : 'check the --format and the file',
        },
      ],
      1,
    );
  }
  const skipped = [...skips].map(([reason, { count, firstLine }]) => ({ reason, count, firstLine })).sort((a, b) => b.count - a.count);
  const offset = times.offset;
  const timeBasis =
    zone !== null ? `converted to ${zone.zone} local time` : offset === null || offset === undefined ? 'local times (no offset written)' : `UTC offset ${describeOffset(offset)}`;
  return { file, format: options.format, rows, statistics, skipped, timeBasis };
}

/** Reads a log file line by line. Throws {@link LogError} for a missing or unreadable file, or for bad rows. */
export async function readLogFile(path: string, options: ReadOptions): Promise<LogReading> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw unreadable(path, `${path} is a folder, not a file`);
    await checkHead(path);
  } catch (error) {
    if (error instanceof LogError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new LogError([{ code: 'LOG_NOT_FOUND', file: path, line: 1, column: 1, message: `there is no file ${path}`, hint: 'check the path and the file name' }], 1);
    }
    throw unreadable(path, `${path} cannot be read (${code ?? String(error)})`);
  }
  return readLogLines(readLines(path), path, options);
}

/** Bytes looked at before streaming: enough to tell UTF-16/32 and binary files from text. */
const HEAD_BYTES = 64 * 1024;

/**
 * Refuses a file that is not UTF-8 text before a row is read: UTF-16/32 (with or without
 * a byte-order mark) and binary files (NUL bytes) in its first {@link HEAD_BYTES} bytes,
 * with the encoding detection of the YAML reader.
 */
async function checkHead(path: string): Promise<void> {
  const handle = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  // Cut at a line break (never inside a UTF-8 character) when the head is not the whole file.
  if (head.length === HEAD_BYTES) {
    const lastBreak = head.lastIndexOf(0x0a);
    if (lastBreak > 0) head = head.subarray(0, lastBreak);
    else while (head.length > 0 && head[head.length - 1]! >= 0x80) head = head.subarray(0, -1);
  }
  decodeLogText(head, path, 1);
}

/**
 * Decodes complete lines of a log as strict UTF-8; the first bad byte (or a NUL byte)
 * is a LOG_ENCODING error at its line and column. `firstLine` is the line of the first byte.
 */
function decodeLogText(bytes: Uint8Array, path: string, firstLine: number): string {
  const decoded = decodeText(bytes, path, { noun: 'call log', catalogue: errorCatalogue });
  if ('text' in decoded) return decoded.text;
  const { line, column, message, hint } = decoded.error;
  throw new LogError([{ code: 'LOG_ENCODING', file: path, line: firstLine + line - 1, column, message, hint: hint.startsWith('save the file as UTF-8') ? logErrorCatalogue.LOG_ENCODING.whatToDo : hint }], 1);
}

/**
 * The lines of a UTF-8 text file, in batches (one per chunk read), without their line
 * breaks (`\n` or `\r\n`). Only one chunk and one partial line are held at a time. Bytes
 * that are not UTF-8 stop the reading with a LOG_ENCODING error at their line and column
 * (instead of turning into replacement characters); a byte-order mark is kept for the CSV parser.
 */
export async function* readLines(path: string): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let rest: Uint8Array = new Uint8Array(0);
  let line = 1;
  const split = (text: string): string[] => text.split('\n').map((item) => (item.endsWith('\r') ? item.slice(0, -1) : item));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const lastBreak = bytes.lastIndexOf(0x0a);
      if (lastBreak < 0) {
        rest = bytes;
        continue;
      }
      // Lines end at a 0x0A byte, which is never part of a multi-byte UTF-8 character.
      const lines = split(decodeLogText(bytes.subarray(0, lastBreak), path, line));
      rest = Uint8Array.prototype.slice.call(bytes, lastBreak + 1);
      line += lines.length;
      yield lines;
    }
    if (rest.length > 0) yield split(decodeLogText(rest, path, line));
  } finally {
    stream.destroy();
  }
}

/** Calls `visit` with each line in order until it returns false. */
async function forEachLine(source: LineSource, visit: (line: string) => boolean): Promise<void> {
  if (Symbol.asyncIterator in source) {
    for await (const item of source) {
      if (typeof item === 'string') {
        if (!visit(item)) return;
      } else {
        for (const line of item) if (!visit(line)) return;
      }
    }
    return;
  }
  for (const line of source) if (!visit(line)) return;
}

function unreadable(path: string, message: string): LogError {
  return new LogError([{ code: 'LOG_UNREADABLE', file: path, line: 1, column: 1, message, hint: 'name a readable CSV or queue_log text file' }], 1);
}
