import type { ContactRecord } from '../channels/contact.ts';
import { cell } from './recordsCsv.ts';

const COLUMNS = [
  'replication',
  'channel',
  'id',
  'opened',
  'assigned',
  'responded',
  'responseTime',
  'withinTarget',
  'status',
  'causedCall',
  'complained',
  'dissatisfied',
  'blended',
] as const satisfies ReadonlyArray<keyof ContactRecord>;

/**
 * One row per chat or ticket, times in seconds from the start of the run (empty where a time
 * does not apply); `history` lists every status with the time it began, e.g.
 * `opened@3600;assigned@7200;answered@7800;closed@7800`.
 */
export function contactsToCsv(records: readonly ContactRecord[]): string {
  const lines = [[...COLUMNS, 'history'].join(',')];
  for (const record of records) {
    const history = record.history.map(({ status, at }) => `${status}@${at}`).join(';');
    lines.push([...COLUMNS.map((column) => cell(record[column])), cell(history)].join(','));
  }
  return lines.join('\n') + '\n';
}
