/**
 * The low-level readers: the streaming CSV parser (quotes, doubled quotes, quoted line
 * breaks, field columns for error positions), timestamps (Asterisk local times, ISO 8601
 * with offsets, impossible dates) and time-zone conversion across daylight saving.
 */
import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, UnclosedQuoteError, type CsvRecord } from '../../src/calibrate/csv.ts';
import { parseColumnMap } from '../../src/calibrate/formats/generic.ts';
import { parseTimestamp, ZoneClock } from '../../src/calibrate/time.ts';

function parse(lines: string[], delimiter = ','): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const records: CsvRecord[] = [];
  for (const line of lines) {
    const record = parser.push(line);
    if (record) records.push(record);
  }
  parser.end();
  return records;
}

describe('CsvParser', () => {
  it('splits plain and quoted fields and records where each field starts', () => {
    const [record] = parse(['"","3471234567","""Rossi"" <3471234567>",192,"a,b"']);
    expect(record!.fields).toEqual(['', '3471234567', '"Rossi" <3471234567>', '192', 'a,b']);
    expect(record!.columns).toEqual([1, 4, 17, 42, 46]);
    expect(record!.line).toBe(1);
  });

  it('keeps empty fields, trailing ones included', () => {
    expect(parse(['a,,c,'])[0]!.fields).toEqual(['a', '', 'c', '']);
    expect(parse(['"a","",""'])[0]!.fields).toEqual(['a', '', '']);
    expect(parse(['"a",'])[0]!.fields).toEqual(['a', '']);
    expect(parse(['"a",'])[0]!.columns).toEqual([1, 5]);
  });

  it('continues a quoted field over line breaks and reports the line the record starts on', () => {
    const records = parse(['x,"first', 'second ""quoted""', 'third",y', '', 'z,w']);
    expect(records.map((r) => r.fields)).toEqual([
      ['x', 'first\nsecond "quoted"\nthird', 'y'],
      ['z', 'w'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 5]);
  });

  it('throws UnclosedQuoteError with the position of the opening quote', () => {
    expect(() => parse(['a,b', 'c,"never closed', 'd,e'])).toThrow(UnclosedQuoteError);
    try {
      parse(['a,b', 'c,"never closed']);
    } catch (error) {
      expect(error).toMatchObject({ line: 2, column: 3 });
    }
  });

  it('drops a byte-order mark and skips empty lines', () => {
    expect(parse(['\uFEFFa,b', '', 'c,d']).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('detects ; and tab delimiters from the header', () => {
    expect(detectDelimiter('arrival;answer;end')).toBe(';');
    expect(detectDelimiter('arrival\tanswer\tend')).toBe('\t');
    expect(detectDelimiter('arrival,answer,end')).toBe(',');
    expect(parse(['"a;b";c'], ';')[0]!.fields).toEqual(['a;b', 'c']);
  });
});

describe('parseTimestamp', () => {
  it('reads Asterisk local times as wall clock with no offset', () => {
    const t = parseTimestamp('2026-03-02 09:15:03')!;
    expect(t.offsetMinutes).toBeNull();
    expect(t.wall).toBe(Date.UTC(2026, 2, 2, 9, 15, 3) / 1000);
    expect(t.instant).toBe(t.wall);
  });

  it('reads ISO 8601 with offsets, Z, fractions and no seconds', () => {
    const rome = parseTimestamp('2026-03-02T09:15:03+01:00')!;
    expect(rome.offsetMinutes).toBe(60);
    expect(rome.wall).toBe(Date.UTC(2026, 2, 2, 9, 15, 3) / 1000);
    expect(rome.instant).toBe(Date.UTC(2026, 2, 2, 8, 15, 3) / 1000);
    expect(parseTimestamp('2026-03-02T09:15:03Z')!.offsetMinutes).toBe(0);
    expect(parseTimestamp('2026-03-02T09:15:03.250-0530')!.offsetMinutes).toBe(-330);
    expect(parseTimestamp('2026-03-02T09:15:03.250-05:30')!.wall % 1).toBeCloseTo(0.25, 9);
    expect(parseTimestamp('2026-03-02 09:15')!.wall).toBe(Date.UTC(2026, 2, 2, 9, 15) / 1000);
  });

  it.each(['2026-02-30 10:00:00', '2025-02-29 10:00:00', '2026-13-01 10:00:00', '2026-03-02 24:00:00', '2026-03-02 10:60:00', '02/03/2026 10:00', 'soon', '', '2026-03-02T10:00:00+25:00'])(
    'rejects %j',
    (text) => expect(parseTimestamp(text)).toBeNull(),
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseTimestamp('2028-02-29 10:00:00')).not.toBeNull();
  });
});

describe('ZoneClock', () => {
  const rome = new ZoneClock('Europe/Rome');

  it('converts instants to local wall clock across the spring daylight-saving change', () => {
    // 2026-03-29 01:00 UTC is 03:00 in Rome (summer time starts at 02:00 local).
    const before = Date.UTC(2026, 2, 28, 8, 0) / 1000;
    const after = Date.UTC(2026, 2, 30, 7, 0) / 1000;
    expect(rome.wallOf(before)).toBe(Date.UTC(2026, 2, 28, 9, 0) / 1000);
    expect(rome.wallOf(after)).toBe(Date.UTC(2026, 2, 30, 9, 0) / 1000);
  });

  it('converts local times back to instants', () => {
    const winter = Date.UTC(2026, 0, 15, 9, 0) / 1000;
    expect(rome.instantOf(winter)).toBe(winter - 3600);
    const summer = Date.UTC(2026, 6, 15, 9, 0) / 1000;
    expect(rome.instantOf(summer)).toBe(summer - 7200);
  });

  it('rejects unknown zones', () => {
    expect(() => new ZoneClock('Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('parseColumnMap', () => {
  it('fills defaults and remembers the fields named', () => {
    const { map, explicit } = parseColumnMap('arrival=start_time, caller = caller_id');
    expect(map).toEqual({ arrival: 'start_time', answer: 'answer', end: 'end', queue: 'queue', caller: 'caller_id', outcome: 'outcome' });
    expect([...explicit]).toEqual(['arrival', 'caller']);
  });

  it('rejects unknown fields and bad pairs', () => {
    expect(() => parseColumnMap('arival=x')).toThrow(/not a field/);
    expect(() => parseColumnMap('arrival')).toThrow(/field=column/);
  });
});
