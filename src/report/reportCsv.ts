/**
 * The consultant report's figures as one CSV table, long format, numbers unformatted:
 * `section,item,figure,unit,mean,low,high`. Sections: summary, figure, interval, week,
 * wait, abandonment, cost, callerType, group, plan, planCallerType, planGroup, training. Low
 * and high are the confidence interval ends where there is one, empty otherwise.
 *
 * callerType and group rows: item is the type or group id. planCallerType and planGroup rows:
 * item is the plan's name, figure `<id>.<figure>.base|plan|difference` (counts a week, money
 * a year, as in the report).
 */
import type { ValueUnit } from './format.ts';
import type { CallerTypeRow, GroupRow, PlanSegment, Range, ReportModel } from './reportModel.ts';

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @) gets a
 * leading apostrophe: plan names are user text.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The figures with an interval of a caller type, and of an agent group, in CSV order. */
const CALLER_TYPE_RANGES = [
  ['offeredPerWeek', 'count'],
  ['answeredPerWeek', 'count'],
  ['abandonmentRate', 'rate'],
  ['blockingRate', 'rate'],
  ['serviceLevel', 'rate'],
  ['asa', 'seconds'],
  ['lostMarginPerYear', 'money'],
] as const satisfies ReadonlyArray<readonly [keyof CallerTypeRow, ValueUnit]>;
const GROUP_RANGES = [
  ['answeredPerWeek', 'count'],
  ['overflowPerWeek', 'count'],
  ['occupancy', 'rate'],
  ['staffCostPerYear', 'money'],
] as const satisfies ReadonlyArray<readonly [keyof GroupRow, ValueUnit]>;

export function reportToCsv(model: ReportModel): string {
  const lines = [['section', 'item', 'figure', 'unit', 'mean', 'low', 'high'].join(',')];
  const row = (section: string, item: string, figure: string, unit: string, mean: number | null, range?: Omit<Range, 'mean'> | null): void => {
    lines.push([section, item, figure, unit].map(cell).concat([cell(mean), cell(range?.low ?? null), cell(range?.high ?? null)]).join(','));
  };
  const ranged = (section: string, item: string, figure: string, unit: string, range: Range | null): void => row(section, item, figure, unit, range?.mean ?? null, range);
  const { summary } = model;
  ranged('summary', 'year', 'yearlyLoss', 'money', summary.yearlyLoss);
  ranged('summary', 'year', 'yearlyLostMargin', 'money', summary.yearlyLostMargin);
  ranged('summary', 'week', 'offered', 'count', summary.offeredPerWeek);
  ranged('summary', 'week', 'unanswered', 'count', summary.unansweredPerWeek);
  ranged('summary', 'week', 'switchingCustomers', 'count', summary.switchingPerWeek);
  ranged('summary', 'run', 'serviceLevel', 'rate', summary.serviceLevel);
  ranged('summary', 'run', 'abandonmentRate', 'rate', summary.abandonmentRate);
  for (const figure of model.keyFigures) ranged('figure', 'run', figure.key, figure.unit, figure);
  for (const interval of model.intervals) {
    for (const [key, value] of Object.entries(interval)) if (typeof value === 'number') row('interval', interval.start, key, '', value);
  }
  for (const point of model.week) {
    row('week', `day ${point.day} ${point.start}`, 'offered', 'count', point.offered);
    row('week', `day ${point.day} ${point.start}`, 'answered', 'count', point.answered);
  }
  for (const bin of model.waits.bins) {
    row('wait', `${bin.from}-${bin.to}`, 'answered', 'count', bin.answered);
    row('wait', `${bin.from}-${bin.to}`, 'abandoned', 'count', bin.abandoned);
  }
  for (const point of model.abandonment) {
    row('abandonment', String(point.seconds), 'answered', 'rate', point.answered);
    row('abandonment', String(point.seconds), 'abandoned', 'rate', point.abandoned);
  }
  for (const cost of model.costs) ranged('cost', 'year', cost.key, 'money', cost.perYear);
  for (const type of model.callerTypes) {
    row('callerType', type.id, 'share', 'rate', type.share);
    row('callerType', type.id, 'configuredShare', 'rate', type.configuredShare);
    for (const [key, unit] of CALLER_TYPE_RANGES) ranged('callerType', type.id, key, unit, type[key]);
  }
  for (const group of model.groups) {
    row('group', group.id, 'people', 'count', group.people);
    row('group', group.id, 'costPerHour', 'money', group.costPerHour);
    for (const [key, unit] of GROUP_RANGES) ranged('group', group.id, key, unit, group[key]);
  }
  for (const plan of model.plans) {
    for (const figure of plan.figures) ranged('plan', plan.name, `${figure.key}.difference`, figure.unit, figure.difference);
    ranged('plan', plan.name, 'netPerYear', 'money', plan.netPerYear);
    ranged('plan', plan.name, 'netPerMonth', 'money', plan.netPerMonth);
    row('plan', plan.name, 'oneOffCost', 'money', plan.oneOffCost);
    ranged('plan', plan.name, 'paybackMonths', 'months', plan.paybackMonths);
  }
  const segments = (section: string, plan: string, list: readonly PlanSegment[]): void => {
    for (const segment of list) {
      if (segment.people) {
        row(section, plan, `${segment.id}.people.base`, 'count', segment.people.base);
        row(section, plan, `${segment.id}.people.plan`, 'count', segment.people.plan);
      }
      for (const figure of segment.figures) {
        row(section, plan, `${segment.id}.${figure.key}.base`, figure.unit, figure.base);
        row(section, plan, `${segment.id}.${figure.key}.plan`, figure.unit, figure.plan);
        ranged(section, plan, `${segment.id}.${figure.key}.difference`, figure.unit, figure.difference);
      }
    }
  };
  for (const plan of model.plans) {
    segments('planCallerType', plan.name, plan.byCallerType);
    segments('planGroup', plan.name, plan.byGroup);
  }
  for (const trainee of model.training?.trainees ?? []) {
    row('training', trainee.trainee, 'meanScore', 'score', trainee.meanScore);
    row('training', trainee.trainee, 'firstScore', 'score', trainee.firstScore);
    row('training', trainee.trainee, 'latestScore', 'score', trainee.latestScore);
  }
  for (const step of model.training?.steps ?? []) row('training', `step ${step.step}`, 'meanScore', 'score', step.meanScore);
  return lines.join('\n') + '\n';
}
