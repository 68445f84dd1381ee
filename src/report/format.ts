/** Number formatting shared by every text renderer; locale follows the scenario language. */

/** The units KPIs are measured in (see KPI_LABELS in src/metrics/kpis.ts). */
export type ValueUnit = 'count' | 'rate' | 'seconds' | 'money' | 'number';

export type Language = 'it' | 'en';

const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

export function formatMoney(value: number, currency: string, language: Language, digits = 0): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatNumber(value: number, language: Language, digits = 0): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '—';
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatPercent(rate: number, language: Language, digits = 1): string {
  return `${formatNumber(rate * 100, language, digits)}%`;
}

/** Seconds as `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatSeconds(seconds: number, language: Language): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${formatNumber(seconds, language, seconds < 10 ? 1 : 0)} s`;
  const rounded = Math.round(seconds);
  if (rounded < 3600) {
    return `${Math.floor(rounded / 60)} min ${String(rounded % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(rounded / 3600)} h ${String(Math.floor((rounded % 3600) / 60)).padStart(2, '0')} min`;
}

/** `, after a warm-up of 1 h 00 min not counted` (`, dopo un riscaldamento di …`) for a run with a warm-up, '' without. */
export function warmupClause(seconds: number, language: Language): string {
  if (!(seconds > 0)) return '';
  const length = formatSeconds(seconds, language);
  return language === 'it' ? `, dopo un riscaldamento di ${length} non contato` : `, after a warm-up of ${length} not counted`;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A value in its unit: counts, rates as %, durations, money, plain numbers. */
export function formatInUnit(value: number, unit: ValueUnit, currency: string, language: Language): string {
  switch (unit) {
    case 'count':
      return formatNumber(value, language, Number.isInteger(value) ? 0 : 1);
    case 'rate':
      return formatPercent(value, language);
    case 'seconds':
      return formatSeconds(value, language);
    case 'money':
      return formatMoney(value, currency, language);
    case 'number':
      return formatNumber(value, language, 2);
  }
}
