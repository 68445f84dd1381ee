/** `callfloor staff` results: the staffing table, the shifts that cover it, and plain data. */
import type { ShiftCover } from '../optimize/shiftCover.ts';
import { clockOf, staffingSteps } from '../optimize/schedule.ts';
import { profitTerms, type StaffingResult } from '../optimize/staffing.ts';
import { formatMoney, formatNumber, formatPercent, renderTable, type Language } from './format.ts';

/** The answer with its shift cover. */
export interface StaffReport {
  readonly staffing: StaffingResult;
  readonly cover: ShiftCover;
  /** Where the shift patterns came from. */
  readonly shiftsFrom: 'scenario' | 'option' | 'default';
}

function targetText(result: StaffingResult, language: Language): string {
  const { target } = result;
  const abandon = target.maxAbandonment !== undefined ? `, abandonment ≤ ${formatPercent(target.maxAbandonment, language)}` : '';
  return `service level ${formatPercent(target.serviceLevel, language, 0)} within ${target.thresholdSeconds} s (${result.scenario.serviceLevel.denominator})${abandon}`;
}

/** Text for people: the table per open interval, the verdict, money, shifts, a YAML snippet. */
export function renderStaffText(report: StaffReport, language: Language = 'en'): string {
  const { staffing, cover } = report;
  const scenario = staffing.scenario;
  const currency = scenario.money.currency;
  const days = scenario.run.days;
  const replications = staffing.run.replications.length;
  const lines: string[] = [];
  lines.push(
    staffing.objective === 'service'
      ? `Staffing for ${scenario.name}: the fewest agents per interval for ${targetText(staffing, language)}.`
      : `Staffing for ${scenario.name}: the agents per interval that earn the most (margin made − staff cost − lost customer value − cost of retries; lost sales are the margin not made).`,
    `${staffing.formula} start per interval, corrected by simulating the whole day: ${staffing.rounds} rounds, ${staffing.simulations} staffings simulated, ${replications} replications × ${days} ${days === 1 ? 'day' : 'days'} each, seed ${scenario.run.seed}.`,
    '',
  );
  const open = staffing.intervals.filter((row) => row.interval.openSeconds > 0);
  const header = ['interval', 'calls/h', 'Erlang', 'agents', 'service level', 'abandoned', 'occupancy', 'lost sales', 'staff cost'];
  const rows = open.map((row) => [
    `${clockOf(row.interval.start)}-${clockOf(row.interval.end)}`,
    formatNumber(row.interval.arrivalRate * 3600, language, 1),
    String(row.erlang),
    String(row.agents),
    `${formatPercent(row.kpis.serviceLevel, language)}${staffing.objective === 'service' && !row.meets ? ' ✗' : ''}`,
    formatPercent(row.kpis.abandonmentRate, language),
    formatPercent(row.kpis.occupancy, language),
    formatMoney(row.kpis.lostMargin, currency, language),
    formatMoney(row.kpis.staffCost, currency, language),
  ]);
  lines.push(renderTable(header, rows), '');
  if (staffing.objective === 'service') {
    lines.push(
      staffing.converged
        ? 'Every interval meets the target (mean over replications); one agent fewer in any single interval misses it somewhere.'
        : `Not settled after ${staffing.rounds} rounds: ${open.filter((row) => !row.meets).length} intervals (✗) still miss the target; raise --max-rounds or relax the target.`,
    );
  } else {
    lines.push(staffing.converged ? 'No single interval can gain by one agent more or fewer.' : `Stopped after ${staffing.rounds} rounds, still improving; raise --max-rounds.`);
  }
  const kpis = staffing.run.kpis;
  lines.push(
    `Over the ${days} simulated ${days === 1 ? 'day' : 'days'}: service level ${formatPercent(kpis.serviceLevel.mean, language)}, abandoned ${formatPercent(kpis.abandonmentRate.mean, language)}, ` +
      `lost sales ${formatMoney(kpis.lostMargin.mean, currency, language)} (margin), staff cost ${formatMoney(kpis.staffCost.mean, currency, language)}, ` +
      `margin − cost ${formatMoney(kpis.margin.mean - kpis.staffCost.mean, currency, language)}.`,
  );
  if (staffing.objective === 'profit') {
    const terms = profitTerms(staffing.run);
    const money = (value: number): string => formatMoney(value, currency, language);
    lines.push(
      `Profit objective: margin made ${money(terms.margin)} − staff cost ${money(terms.staffCost)} − lost customer value ${money(terms.lostLifetimeMargin)} (afterCall, margin) − cost of retries ${money(terms.retryCost)} = ${money(terms.objective)}.`,
    );
  }
  lines.push('');
  const source = report.shiftsFrom === 'default' ? 'the default shift patterns' : report.shiftsFrom === 'option' ? 'the --shift patterns' : "the scenario's shift patterns";
  lines.push(`Shifts that cover it, from ${source} (integer programme, javascript-lp-solver):`);
  for (const assignment of cover.assignments) lines.push(`  ${String(assignment.people).padStart(3)} × ${assignment.shift.name}`);
  lines.push(
    `  ${cover.people} ${cover.people === 1 ? 'person' : 'people'} on shift, ${formatNumber(cover.paidHours, language, 1)} paid hours a day; ` +
      `${cover.optimal ? 'optimal (branch and bound ran to the end)' : 'not proved optimal'}, LP bound ${cover.lowerBound}, gap ${formatPercent(cover.gap, language, 0)}.`,
  );
  const surplus = open.filter((row) => cover.onShift[row.interval.index]! > row.agents);
  if (surplus.length > 0) {
    lines.push(
      `  More on shift than needed at ${surplus.map((row) => `${clockOf(row.interval.start)} (+${cover.onShift[row.interval.index]! - row.agents})`).join(', ')}: shifts come in whole blocks.`,
    );
  }
  lines.push('', 'To simulate this staffing, add to the scenario:', 'staffing:');
  for (const step of staffingSteps(staffing.intervals.map((row) => row.interval), staffing.intervals.map((row) => row.agents))) {
    lines.push(`  - { from: "${step.from}", agents: ${step.agents} }`);
  }
  return lines.join('\n') + '\n';
}

/** Plain data for scripts. */
export function staffToJson(report: StaffReport): object {
  const { staffing, cover } = report;
  return {
    scenario: staffing.scenario.name,
    objective: staffing.objective,
    target: staffing.target,
    serviceLevelDenominator: staffing.scenario.serviceLevel.denominator,
    seed: staffing.scenario.run.seed,
    days: staffing.scenario.run.days,
    replications: staffing.run.replications.length,
    rounds: staffing.rounds,
    simulations: staffing.simulations,
    converged: staffing.converged,
    ...(staffing.objective === 'profit' ? { profit: profitTerms(staffing.run) } : {}),
    intervals: staffing.intervals
      .filter((row) => row.interval.openSeconds > 0)
      .map((row) => ({
        start: clockOf(row.interval.start),
        end: clockOf(row.interval.end),
        callsPerHour: row.interval.arrivalRate * 3600,
        erlang: row.erlang,
        agents: row.agents,
        meets: row.meets,
        serviceLevel: row.kpis.serviceLevel,
        abandonmentRate: row.kpis.abandonmentRate,
        occupancy: row.kpis.occupancy,
        lostMargin: row.kpis.lostMargin,
        staffCost: row.kpis.staffCost,
      })),
    staffing: staffing.staffed.staffing,
    shifts: {
      from: report.shiftsFrom,
      assignments: cover.assignments.map((a) => ({ shift: a.shift.name, people: a.people })),
      people: cover.people,
      paidHours: cover.paidHours,
      lowerBound: cover.lowerBound,
      gap: cover.gap,
      optimal: cover.optimal,
    },
  };
}
