import type { CallRecord } from '../domain/call.ts';

const COLUMNS: ReadonlyArray<keyof CallRecord> = [
  'replication',
  'id',
  'callerType',
  'problem',
  'arrival',
  'answer',
  'end',
  'wait',
  'agent',
  'outcome',
  'orderValue',
  'potentialRevenue',
  'revenue',
  'lostRevenue',
  'mood',
];

/** A CSV cell: numbers as they are (NaN empty), text quoted when it holds a comma, quote or newline. */
export function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Columns added when some customer called more than once or was called back (retrials, callbacks). */
const CUSTOMER_COLUMNS: ReadonlyArray<keyof CallRecord> = ['customer', 'attempt', 'callback'];

/**
 * One row per call, times in seconds from the start of the run; empty cells where a time does
 * not apply. `customerColumns` (default: when some record is a retrial or a callback) adds the
 * customer, attempt and callback columns, `causedByColumn` (default: when some call was caused by an
 * unanswered chat or ticket) the causedBy column; a writer that streams blocks decides both up front.
 */
export function recordsToCsv(
  records: readonly CallRecord[],
  customerColumns = records.some((record) => (record.attempt ?? 0) > 0 || record.callback === true),
  causedByColumn = records.some((record) => record.causedBy !== undefined),
): string {
  const customers = customerColumns;
  // causedBy: the channel (chat, tickets) whose unanswered contact made the customer call; empty for other calls.
  const columns = [...COLUMNS, ...(customers ? CUSTOMER_COLUMNS : []), ...(causedByColumn ? (['causedBy'] as const) : [])];
  const lines = [columns.join(',')];
  for (const record of records) lines.push(columns.map((column) => cell(record[column] ?? '')).join(','));
  return lines.join('\n') + '\n';
}
