import type { ServiceLevelDenominator } from '../scenario/schema.ts';
import type { ErlangAResult, ErlangCResult } from '../staffing/index.ts';
import { formatNumber, formatPercent, renderTable, type Language } from './format.ts';

export type ErlangRow =
  | { agents: number; model: 'A'; result: ErlangAResult }
  | { agents: number; model: 'C'; result: ErlangCResult };

/** Service level of a row under the chosen definition (Erlang C: all definitions coincide). */
export function rowServiceLevel(row: ErlangRow, definition: ServiceLevelDenominator): number {
  if (row.model === 'C') return row.result.serviceLevel;
  switch (definition) {
    case 'offered':
      return row.result.serviceLevelOffered;
    case 'answered':
      return row.result.serviceLevelAnswered;
    case 'offered-excluding-short-abandons':
      return row.result.serviceLevelExcludingShortAbandons;
  }
}

export interface ErlangTableContext {
  arrivalRate: number;
  meanHandleTime: number;
  meanPatience: number;
  thresholdSeconds: number;
  definition: ServiceLevelDenominator;
  recommended: number | undefined;
  target: number | undefined;
  language: Language;
}

export function renderErlangTable(rows: readonly ErlangRow[], context: ErlangTableContext): string {
  const { language } = context;
  const abandonment = Number.isFinite(context.meanPatience);
  const load = context.arrivalRate * context.meanHandleTime;
  const heading =
    `${abandonment ? 'Erlang A (exponential patience, mean ' + formatNumber(context.meanPatience, language) + ' s)' : 'Erlang C (callers never hang up)'}: ` +
    `${formatNumber(context.arrivalRate * 3600, language, 1)} calls/h, AHT ${formatNumber(context.meanHandleTime, language)} s, ` +
    `load ${formatNumber(load, language, 2)} Erlang. Service level = answered within ${formatNumber(context.thresholdSeconds, language)} s / ` +
    (context.definition === 'offered' ? 'offered' : context.definition === 'answered' ? 'answered' : '(offered − abandoned within threshold)') +
    '.';
  const header = ['Agents', 'P(wait)', ...(abandonment ? ['P(abandon)'] : []), 'Service level', 'ASA (s)', 'Occupancy', ''];
  const table = rows.map((row) => {
    const waitProbability = row.result.waitProbability;
    const meanWait = row.model === 'A' ? row.result.meanWaitAnswered : row.result.meanWait;
    const unstable = row.model === 'C' && !row.result.stable;
    return [
      String(row.agents),
      formatPercent(waitProbability, language, 2),
      ...(row.model === 'A' ? [formatPercent(row.result.abandonmentProbability, language, 2)] : []),
      formatPercent(rowServiceLevel(row, context.definition), language, 2),
      unstable ? '∞' : formatNumber(meanWait, language, 1),
      formatPercent(row.result.occupancy, language, 1),
      row.agents === context.recommended ? `← fewest meeting ${context.target !== undefined ? formatPercent(context.target, language, 0) : 'the target'}` : unstable ? 'overloaded' : '',
    ];
  });
  return `${heading}\n\n${renderTable(header, table)}`;
}
