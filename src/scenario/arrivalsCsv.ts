/**
 * Demand from historical call counts: reads the CSV named by `arrivals: { csv }` (relative to
 * the scenario file), averages the counts per weekday and interval, and replaces the setting
 * with the equivalent `weekly` demand. Parsing is pure ({@link parseArrivalsCsv}); only
 * {@link attachArrivalsCsv} reads the file. Bad rows are diagnostics at the CSV's line:col.
 */
import { dirname, join } from 'node:path';
import { readTextFile } from '../yaml/read.ts';
import { compareDiagnostics, errorCatalogue, type Diagnostic } from './errors.ts';
import type { LoadResult } from './loadResult.ts';
import type { ScenarioConfig } from './schema.ts';
import { WEEKDAYS, type WeeklyArrivalsConfig } from './schema/realism.ts';
import { positions } from './positions.ts';

/** Largest CSV of counts read (a year of 15-minute intervals is about 1 MB). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
/** Most row errors listed before the rest are summarised. */
const MAX_ROW_ERRORS = 20;

type Weekday = (typeof WEEKDAYS)[number];

export type ArrivalsCsvResult = { ok: true; arrivals: WeeklyArrivalsConfig } | { ok: false; errors: Diagnostic[] };

const WEEKDAY_NAMES: ReadonlyMap<string, Weekday> = new Map(
  WEEKDAYS.flatMap((day) => [
    [day, day],
    [day.slice(0, 3), day],
  ]),
);

/** Weekday (0 = monday) of a valid YYYY-MM-DD date, or undefined. */
function weekdayOfDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return (date.getUTCDay() + 6) % 7;
}

function minutesOfDay(text: string): number | undefined {
  const match = /^(\d{1,2}):([0-5]\d)(?::00)?$/.exec(text);
  if (match === null || Number(match[1]) > 23) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

interface Cell {
  readonly text: string;
  readonly column: number;
}

/** One CSV line as cells with their 1-based columns; surrounding quotes and spaces are dropped. */
function cellsOf(line: string, separator: string): Cell[] {
  const cells: Cell[] = [];
  let column = 1;
  for (const raw of line.split(separator)) {
    cells.push({ text: raw.trim().replace(/^"(.*)"$/, '$1').trim(), column });
    column += raw.length + 1;
  }
  return cells;
}

/**
 * CSV text of historical counts → the average weekly demand. Columns (header, any order,
 * comma or semicolon separated): `weekday` (monday…, or mon…) or `date` (YYYY-MM-DD), `start`
 * (HH:MM, on the `intervalMinutes` grid) and `calls`. With dates, the average of a weekday is
 * over the dates of that weekday in the file (an interval missing on a date counts as 0); with
 * weekdays, over the rows of that weekday and interval.
 */
export function parseArrivalsCsv(rawText: string, file: string, intervalMinutes: 15 | 30 | 60): ArrivalsCsvResult {
  const errors: Diagnostic[] = [];
  const fail = (line: number, column: number, message: string, hint: string): void => {
    errors.push({ code: 'ARRIVALS_CSV_INVALID', severity: 'error', file, line, column, message, hint, path: [] });
  };
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lines = text.split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const separator = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = cellsOf(headerLine, separator).map((cell) => ({ ...cell, name: cell.text.toLowerCase() }));
  const indexOf = (name: string): number => header.findIndex((cell) => cell.name === name);
  const dayColumn = indexOf('date') >= 0 ? indexOf('date') : indexOf('weekday');
  const byDate = indexOf('date') >= 0;
  const startColumn = indexOf('start');
  const callsColumn = indexOf('calls');
  if (dayColumn < 0 || startColumn < 0 || callsColumn < 0) {
    const missing = [dayColumn < 0 ? 'weekday (or date)' : '', startColumn < 0 ? 'start' : '', callsColumn < 0 ? 'calls' : ''].filter(Boolean).join(', ');
    fail(1, 1, `the header ${JSON.stringify(headerLine.trim())} has no column ${missing}`, 'start the file with a header line such as date,start,calls or weekday,start,calls');
    return { ok: false, errors };
  }
  // Sums per weekday and interval start (minutes), and the dates seen per weekday.
  const sums = WEEKDAYS.map(() => new Map<number, number>());
  const rows = WEEKDAYS.map(() => new Map<number, number>());
  const dates = WEEKDAYS.map(() => new Set<string>());
  const seen = new Map<string, number>();
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    const cells = cellsOf(line, separator);
    const cellAt = (column: number): Cell => cells[column] ?? { text: '', column: line.length + 1 };
    const dayCell = cellAt(dayColumn);
    const startCell = cellAt(startColumn);
    const callsCell = cellAt(callsColumn);
    const weekday = byDate ? weekdayOfDate(dayCell.text) : WEEKDAYS.indexOf(WEEKDAY_NAMES.get(dayCell.text.toLowerCase()) ?? ('' as Weekday));
    const start = minutesOfDay(startCell.text);
    const calls = callsCell.text === '' ? NaN : Number(callsCell.text);
    if (weekday === undefined || weekday < 0) {
      fail(lineNumber, dayCell.column, `${JSON.stringify(dayCell.text)} is not a ${byDate ? 'date' : 'weekday'}`, byDate ? 'write the date as YYYY-MM-DD, e.g. 2025-03-17' : 'write the weekday as monday … sunday (or mon … sun)');
    } else if (start === undefined) {
      fail(lineNumber, startCell.column, `${JSON.stringify(startCell.text)} is not a time of day`, 'write the start of the interval as HH:MM, e.g. 09:30');
    } else if (start % intervalMinutes !== 0) {
      fail(lineNumber, startCell.column, `${startCell.text} does not start a ${intervalMinutes}-minute interval`, `use interval starts on the ${intervalMinutes}-minute grid (e.g. ${clock(start - (start % intervalMinutes))}), or set arrivals.intervalMinutes to the file's interval`);
    } else if (!Number.isFinite(calls) || calls < 0) {
      fail(lineNumber, callsCell.column, `${JSON.stringify(callsCell.text)} is not a number of calls`, 'write the calls of the interval as a number, 0 or more');
    } else {
      const key = `${dayCell.text.toLowerCase()} ${start}`;
      const earlier = seen.get(key);
      if (byDate && earlier !== undefined) {
        fail(lineNumber, startCell.column, `${dayCell.text} ${startCell.text} is counted twice (also on line ${earlier})`, 'keep one row per date and interval');
      } else {
        seen.set(key, lineNumber);
        sums[weekday]!.set(start, (sums[weekday]!.get(start) ?? 0) + calls);
        rows[weekday]!.set(start, (rows[weekday]!.get(start) ?? 0) + 1);
        if (byDate) dates[weekday]!.add(dayCell.text);
      }
    }
    if (errors.length > MAX_ROW_ERRORS) break;
  }
  const starts = sums.flatMap((sum) => [...sum.keys()]);
  if (errors.length === 0 && starts.length === 0) fail(1, 1, 'the file has a header but no counts', 'add one row per interval: date or weekday, start, calls');
  if (errors.length > 0) return { ok: false, errors: errors.sort(compareDiagnostics) };
  const from = Math.min(...starts);
  const intervals = (Math.max(...starts) - from) / intervalMinutes + 1;
  const weekly: WeeklyArrivalsConfig['weekly'] = {};
  WEEKDAYS.forEach((day, weekday) => {
    if (sums[weekday]!.size === 0) return;
    weekly[day] = Array.from({ length: intervals }, (_, i) => {
      const start = from + i * intervalMinutes;
      const total = sums[weekday]!.get(start) ?? 0;
      const count = byDate ? dates[weekday]!.size : (rows[weekday]!.get(start) ?? 1);
      return total / count;
    });
  });
  return { ok: true, arrivals: { weekly, intervalMinutes, from: clock(from) } };
}

/**
 * Reads the CSV of `arrivals: { csv }` (relative to the scenario file) into a weekly demand.
 * A missing file is an error at the scenario's `arrivals.csv`; bad rows, errors in the CSV.
 */
export async function attachArrivalsCsv(result: LoadResult): Promise<LoadResult> {
  if (!result.ok || !('csv' in result.scenario.arrivals)) return result;
  const { csv, intervalMinutes } = result.scenario.arrivals;
  const path = join(dirname(result.source.file), csv);
  const read = await readTextFile(path, { noun: 'CSV of call counts', maxBytes: MAX_CSV_BYTES, catalogue: errorCatalogue });
  if ('error' in read) {
    const { line, column } = positions(result.source.text)(['arrivals', 'csv']);
    const error: Diagnostic = {
      code: 'ARRIVALS_CSV_NOT_FOUND',
      severity: 'error',
      file: result.source.file,
      line,
      column,
      message: `arrivals.csv is ${JSON.stringify(csv)}, which does not load: ${read.error.message}`,
      hint: errorCatalogue.ARRIVALS_CSV_NOT_FOUND.whatToDo,
      path: ['arrivals', 'csv'],
    };
    return { ok: false, errors: [error], warnings: result.warnings };
  }
  const parsed = parseArrivalsCsv(read.text, path, intervalMinutes);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: result.warnings };
  const scenario: ScenarioConfig = { ...result.scenario, arrivals: parsed.arrivals };
  return { ...result, scenario };
}
