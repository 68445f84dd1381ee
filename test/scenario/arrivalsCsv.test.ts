import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArrivalsCsv } from '../../src/scenario/arrivalsCsv.ts';
import { formatDiagnostic } from '../../src/scenario/errors.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';

const folder = fileURLToPath(new URL('../fixtures/arrivals/', import.meta.url));

describe('arrivals from a CSV of historical counts', () => {
  it('averages dated counts per weekday and interval; a missing interval of a date counts as 0', () => {
    const csv = ['date,start,calls', '2025-03-17,09:00,40', '2025-03-17,09:30,62', '2025-03-24,09:00,44', '2025-03-18,10:00,12', ''].join('\n');
    const result = parseArrivalsCsv(csv, 'counts.csv', 30);
    // 17 and 24 March 2025 are Mondays, the 18th a Tuesday.
    expect(result).toEqual({ ok: true, arrivals: { intervalMinutes: 30, from: '09:00', weekly: { monday: [42, 31, 0], tuesday: [0, 0, 12] } } });
  });

  it('averages the rows of a weekday and interval, with semicolons, quotes and short weekday names', () => {
    const csv = ['Weekday;Start;Calls', 'mon;08:15;10', '"Monday";08:15;20', 'SUN;08:30;3'].join('\r\n');
    expect(parseArrivalsCsv(csv, 'c.csv', 15)).toEqual({ ok: true, arrivals: { intervalMinutes: 15, from: '08:15', weekly: { monday: [15, 0], sunday: [0, 3] } } });
  });

  it('reports each bad row at the CSV line and column, with what to do', () => {
    const csv = ['date,start,calls', '2025-02-30,09:00,4', '2025-03-17,9:10,4', '2025-03-17,09:30,-1', '2025-03-17,10:00,', '2025-03-18,09:00,1', '2025-03-18,09:00,2'].join('\n');
    const result = parseArrivalsCsv(csv, 'counts.csv', 30);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'ARRIVALS_CSV_INVALID 2:1',
      'ARRIVALS_CSV_INVALID 3:12',
      'ARRIVALS_CSV_INVALID 4:18',
      'ARRIVALS_CSV_INVALID 5:18',
      'ARRIVALS_CSV_INVALID 7:12',
    ]);
    expect(formatDiagnostic(result.errors[1]!)).toBe(
      'counts.csv:3:12  ARRIVALS_CSV_INVALID  9:10 does not start a 30-minute interval — use interval starts on the 30-minute grid (e.g. 09:00), or set arrivals.intervalMinutes to the file\'s interval',
    );
    expect(formatDiagnostic(result.errors[4]!)).toContain('counted twice (also on line 6)');
  });

  it('refuses a file without the needed columns or without counts', () => {
    const noColumn = parseArrivalsCsv('day,time,n\nmon,09:00,3\n', 'c.csv', 60);
    expect(noColumn.ok === false && noColumn.errors.map(formatDiagnostic)).toEqual([
      'c.csv:1:1  ARRIVALS_CSV_INVALID  the header "day,time,n" has no column weekday (or date), start, calls — start the file with a header line such as date,start,calls or weekday,start,calls',
    ]);
    const empty = parseArrivalsCsv('weekday,start,calls\n', 'c.csv', 60);
    expect(empty.ok === false && empty.errors[0]!.message).toBe('the file has a header but no counts');
  });

  it('loads a scenario whose arrivals come from a CSV next to it, as the weekly demand', async () => {
    const result = await loadScenarioFile(join(folder, 'from-csv.yaml'));
    expect(result.ok && result.scenario.arrivals).toEqual({ intervalMinutes: 30, from: '09:00', weekly: { monday: [42, 60, 0], tuesday: [30, 0, 12] } });
  });
});
