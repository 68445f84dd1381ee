/**
 * A small streaming CSV parser (RFC 4180: quoted fields, doubled quotes, quoted line
 * breaks), fed one line at a time, so a log of millions of rows needs no more memory than
 * its longest record. It is synchronous on purpose: an async step per row would cost more
 * than the parsing. Each field keeps the column (1-based character position in its line)
 * where it starts, so errors can point at it.
 */

/** One CSV record: its fields, where each starts, and the line of the file it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  /** 1-based character column of each field in the record's first line. */
  readonly columns: number[];
  /** 1-based line number in the file. */
  readonly line: number;
}

/** A quoted field that is never closed (at the end of the file, or after {@link MAX_RECORD_CHARS}). */
export class UnclosedQuoteError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`a quoted field opened at line ${line}, column ${column} is never closed`);
    this.name = 'UnclosedQuoteError';
  }
}

/** Records longer than this (characters) are an error: a quote left open would otherwise swallow the file. */
export const MAX_RECORD_CHARS = 1_000_000;

interface Pending {
  readonly fields: string[];
  readonly columns: number[];
  /** The quoted field so far. */
  field: string;
  readonly line: number;
  readonly quoteColumn: number;
  length: number;
}

/**
 * Turns lines (without their line breaks, as split from the file) into records. A line
 * that ends inside a quoted field continues on the next one. Empty lines are skipped; a
 * byte-order mark on the first line is dropped. Call {@link end} after the last line.
 */
export class CsvParser {
  private lineNumber = 0;
  private pending: Pending | null = null;

  /** @param delimiter One character: `,`, `;` or tab. */
  constructor(private readonly delimiter = ',') {}

  /** Feeds the next line; returns the record it completes, or null. Throws {@link UnclosedQuoteError} for a runaway quote. */
  push(raw: string): CsvRecord | null {
    this.lineNumber++;
    const text = this.lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const pending = this.pending;
    if (pending === null) {
      if (text.length === 0) return null;
      if (text.indexOf('"') === -1) return this.plain(text);
      const fields: string[] = [];
      const columns: number[] = [];
      const open = this.scan(text, 0, fields, columns);
      if (open === null) return { fields, columns, line: this.lineNumber };
      this.pending = { fields, columns, field: open.field, line: this.lineNumber, quoteColumn: open.quoteColumn, length: text.length };
      return null;
    }
    pending.length += text.length + 1;
    if (pending.length > MAX_RECORD_CHARS) throw new UnclosedQuoteError(pending.line, pending.quoteColumn);
    // Still inside the quoted field: look for its closing quote on this line.
    const close = this.closeQuote(text, 0);
    if (close === null) {
      pending.field += '\n' + text.replaceAll('""', '"');
      return null;
    }
    pending.fields.push(pending.field + '\n' + close.value);
    this.pending = null;
    const open = this.afterQuotedField(text, close.next, pending.fields, pending.columns);
    if (open === null) return { fields: pending.fields, columns: pending.columns, line: pending.line };
    this.pending = { ...pending, field: open.field, quoteColumn: open.quoteColumn };
    return null;
  }

  /** Call after the last line: throws {@link UnclosedQuoteError} if a quoted field is still open. */
  end(): void {
    if (this.pending !== null) throw new UnclosedQuoteError(this.pending.line, this.pending.quoteColumn);
  }

  private plain(text: string): CsvRecord {
    const fields = text.split(this.delimiter);
    const columns: number[] = new Array(fields.length);
    let column = 1;
    for (let i = 0; i < fields.length; i++) {
      columns[i] = column;
      column += fields[i]!.length + 1;
    }
    return { fields, columns, line: this.lineNumber };
  }

  /**
   * Reads fields from `start`; returns null at the end of the line, or the open quoted
   * field when the line ends inside one.
   */
  private scan(text: string, start: number, fields: string[], columns: number[]): { field: string; quoteColumn: number } | null {
    let position = start;
    for (;;) {
      columns.push(position + 1);
      if (text.charCodeAt(position) === 34 /* " */) {
        const close = this.closeQuote(text, position + 1);
        if (close === null) return { field: text.slice(position + 1).replaceAll('""', '"'), quoteColumn: position + 1 };
        fields.push(close.value);
        const next = text.indexOf(this.delimiter, close.next);
        // Characters between the closing quote and the delimiter are kept (lenient, like most readers).
        if (next === -1) {
          if (close.next < text.length) fields[fields.length - 1] += text.slice(close.next);
          return null;
        }
        if (next > close.next) fields[fields.length - 1] += text.slice(close.next, next);
        position = next + 1;
        if (position === text.length) {
          columns.push(position + 1);
          fields.push('');
          return null;
        }
        continue;
      }
      const next = text.indexOf(this.delimiter, position);
      if (next === -1) {
        fields.push(text.slice(position));
        return null;
      }
      fields.push(text.slice(position, next));
      position = next + 1;
      if (position === text.length) {
        columns.push(position + 1);
        fields.push('');
        return null;
      }
    }
  }

  /** After a quoted field closed at `next` (continuation line): the rest of the record. */
  private afterQuotedField(text: string, next: number, fields: string[], columns: number[]): { field: string; quoteColumn: number } | null {
    const delimiterAt = text.indexOf(this.delimiter, next);
    if (delimiterAt === -1) {
      if (next < text.length) fields[fields.length - 1] += text.slice(next);
      return null;
    }
    if (delimiterAt > next) fields[fields.length - 1] += text.slice(next, delimiterAt);
    if (delimiterAt + 1 === text.length) {
      columns.push(delimiterAt + 2);
      fields.push('');
      return null;
    }
    return this.scan(text, delimiterAt + 1, fields, columns);
  }

  /** The quoted value from `start` (just after the opening quote) to its closing quote, or null if the line ends first. */
  private closeQuote(text: string, start: number): { value: string; next: number } | null {
    let value = '';
    let from = start;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote === -1) return null;
      if (text.charCodeAt(quote + 1) === 34) {
        value += text.slice(from, quote + 1);
        from = quote + 2;
        continue;
      }
      return { value: value + text.slice(from, quote), next: quote + 1 };
    }
  }
}

/** Picks the delimiter of a header line: the one of `,`, `;`, tab that occurs most (`,` on a tie). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
