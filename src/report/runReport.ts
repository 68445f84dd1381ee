import type { Estimate } from '../metrics/estimate.ts';
import { KPI_LABELS, type Kpis } from '../metrics/kpis.ts';
import type { RunResult } from '../sim/run.ts';
import {
  formatInUnit,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSeconds,
  warmupClause,
  renderTable,
  type Language,
  type ValueUnit,
} from './format.ts';
import { KPI_NAMES, SHORT_KPI_NAMES, WORDS } from './labels.ts';
import { channelsToJson, channelTables, moneyAssumptions, moneyHeadlineLines, shownKpiLabels, yearlyCostOfPoorService } from './moneyReport.ts';
import { hasScripts, scriptedCallsLine, showsFigure } from './scriptedCalls.ts';

type Unit = ValueUnit;


function formatHalfWidth(estimate: Estimate, unit: Unit, currency: string, language: Language): string {
  if (estimate.replications < 2) return '';
  if (unit === 'seconds') return `± ${formatNumber(estimate.halfWidth, language, 1)} s`;
  if (unit === 'rate') return `± ${formatNumber(estimate.halfWidth * 100, language, 1)} pt`;
  if (unit === 'count') return `± ${formatNumber(estimate.halfWidth, language, 1)}`;
  return `± ${formatInUnit(estimate.halfWidth, unit, currency, language)}`;
}

/** The service-level definition in words, e.g. "answered within 20 s / all calls offered". */
export function serviceLevelDefinition(result: RunResult, language: Language): string {
  const { thresholdSeconds, denominator } = result.scenario.serviceLevel;
  const key =
    denominator === 'offered'
      ? 'slDefinitionOffered'
      : denominator === 'answered'
        ? 'slDefinitionAnswered'
        : 'slDefinitionExcluding';
  return WORDS[language][key]!.replaceAll('{t}', formatNumber(thresholdSeconds, language));
}

/** Lost margin scaled from the simulated days to a year of open days. */
export function yearlyLostMargin(result: RunResult): number {
  return (result.kpis.lostMargin.mean / result.scenario.run.days) * result.scenario.money.openDaysPerYear;
}

/** The plain-words opening: what the phone costs the business. */
export function headline(result: RunResult, language: Language): string {
  const { kpis, scenario } = result;
  const currency = scenario.money.currency;
  const days = scenario.run.days;
  const n = (value: number): string => formatNumber(value, language);
  const money = (value: number): string => formatMoney(value, currency, language);
  // Every call that ended without the caller being served: hung up, busy, dropped, callback not reached.
  const unanswered = kpis.abandoned.mean + kpis.blocked.mean + kpis.dropped.mean + kpis.unreached.mean + kpis.closedLine.mean;
  const perYear = yearlyLostMargin(result);
  const agents = scenario.agents.count;
  const oneMoreAgent = agents > 0 && scenario.agents.costPerHour > 0 ? kpis.staffCost.mean / agents : undefined;
  // With call scripts, sales are also lost during the conversation (lost revenue counts them).
  const scripted = hasScripts(scenario);
  if (language === 'it') {
    return [
      `${scenario.name}: in ${days} ${days === 1 ? 'giorno' : 'giorni'} ${n(kpis.offered.mean)} chiamate, ` +
        `${n(kpis.answered.mean)} con risposta, ${n(unanswered)} senza risposta ` +
        `(${formatPercent(unanswered / Math.max(kpis.offered.mean, 1), language)}).`,
      `Vendite perse per chiamate senza risposta o attese troppo lunghe${scripted ? ' e per come sono state gestite le chiamate' : ''}: ${money(kpis.lostRevenue.mean)} di fatturato, ` +
        `${money(kpis.lostMargin.mean)} di margine.`,
      `Su un anno (${n(scenario.money.openDaysPerYear)} giorni di apertura) sono circa ${money(perYear)} di margine perso.`,
      ...moneyHeadlineLines(result, language),
      ...(oneMoreAgent !== undefined
        ? [`Per confronto, una persona in più al telefono costerebbe ${money(oneMoreAgent)} negli stessi ${days} ${days === 1 ? 'giorno' : 'giorni'}.`]
        : []),
    ].join('\n');
  }
  return [
    `${scenario.name}: in ${days} ${days === 1 ? 'day' : 'days'}, ${n(kpis.offered.mean)} calls, ` +
      `${n(kpis.answered.mean)} answered, ${n(unanswered)} unanswered ` +
      `(${formatPercent(unanswered / Math.max(kpis.offered.mean, 1), language)}).`,
    `Sales lost to unanswered calls and long waits${scripted ? ', and to how the calls were handled' : ''}: ${money(kpis.lostRevenue.mean)} of revenue, ` +
      `${money(kpis.lostMargin.mean)} of margin.`,
    `Over a year (${n(scenario.money.openDaysPerYear)} open days) that is about ${money(perYear)} of margin lost.`,
    ...moneyHeadlineLines(result, language),
    ...(oneMoreAgent !== undefined
      ? [`For comparison, one more person on the phone would cost ${money(oneMoreAgent)} over the same ${days} ${days === 1 ? 'day' : 'days'}.`]
      : []),
  ].join('\n');
}

/**
 * The KPIs a printed table shows: every core figure, and an optional feature's figures
 * (retrials, callbacks, dropped lines…) only when they are not 0 throughout.
 */
export function shownKpis(result: RunResult): typeof KPI_LABELS {
  return shownKpiLabels(result.scenario).filter(
    ({ key, shownWhen }) =>
      showsFigure(key, result.scenario) && (shownWhen === undefined || result.replications.some((r) => r.kpis[shownWhen] !== 0)),
  );
}

/** The KPI table (value ± CI half-width) for the whole run. */
export function kpiTable(result: RunResult, language: Language): string {
  const words = WORDS[language];
  const currency = result.scenario.money.currency;
  const rows: string[][] = [];
  for (const { key, unit } of shownKpis(result)) {
    const estimate = result.kpis[key];
    let name = KPI_NAMES[language][key];
    if (key === 'serviceLevel') name += ` (${formatNumber(result.scenario.serviceLevel.thresholdSeconds, language)} s)`;
    rows.push([name, formatInUnit(estimate.mean, unit, currency, language), formatHalfWidth(estimate, unit, currency, language)]);
    if (key === 'asa') {
      rows.push([words.p90Wait!, formatSeconds(result.p90Wait.mean, language), formatHalfWidth(result.p90Wait, 'seconds', currency, language)]);
    }
  }
  return renderTable([words.figure!, words.value!, words.ci!], rows);
}

const INTERVAL_COLUMNS: ReadonlyArray<keyof Kpis> = [
  'offered',
  'answered',
  'abandonmentRate',
  'serviceLevel',
  'asa',
  'occupancy',
  'maxQueueLength',
  'lostMargin',
];

/** `HH:MM` of a time of day in seconds. */
export function clock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Intervals of the day in which anything happened, with their key figures. */
export function intervalTable(result: RunResult, language: Language): string {
  const currency = result.scenario.money.currency;
  const seconds = result.model.intervalSeconds;
  const unitOf = new Map(KPI_LABELS.map((label) => [label.key, label.unit]));
  const rows: string[][] = [];
  result.intervals.forEach((kpis, index) => {
    if (kpis.offered.mean === 0 && kpis.occupancy.mean === 0) return;
    rows.push([
      `${clock(index * seconds)}-${clock((index + 1) * seconds)}`,
      ...INTERVAL_COLUMNS.map((key) => formatInUnit(kpis[key].mean, unitOf.get(key)!, currency, language)),
    ]);
  });
  const head = (key: keyof Kpis): string => SHORT_KPI_NAMES[language][key] ?? KPI_NAMES[language][key];
  return renderTable([WORDS[language].interval!, ...INTERVAL_COLUMNS.map(head)], rows);
}

/** The line about calls that follow call scripts, if the scenario has any. */
function scriptLines(result: RunResult, language: Language): string[] {
  const line = scriptedCallsLine(result.scenario, language);
  return line === undefined ? [] : [line];
}

/**
 * Key figures per caller type (tier, segment), side by side: who waits, who gives up and whose
 * sales are lost, so the cost and the fairness of a priority policy can be read off.
 */
export function callerTypeTable(result: RunResult, language: Language): string {
  const currency = result.scenario.money.currency;
  const unitOf = new Map(KPI_LABELS.map((label) => [label.key, label.unit]));
  const any = (key: keyof Kpis): boolean => result.replications.some((r) => r.kpis[key] !== 0);
  const columns: Array<keyof Kpis> = [
    ...(any('retrials') ? (['customers'] as const) : []),
    'offered',
    'answered',
    'abandonmentRate',
    ...(any('blocked') ? (['blockingRate'] as const) : []),
    ...(any('dropped') ? (['dropRate'] as const) : []),
    ...(any('retrials') ? (['customerGiveUpRate'] as const) : []),
    'serviceLevel',
    'asa',
    'lostMargin',
  ];
  const rows = result.byCallerType.map((kpis, index) => [
    result.scenario.callerTypes[index]!.id,
    ...columns.map((key) => formatInUnit(kpis[key].mean, unitOf.get(key)!, currency, language)),
  ]);
  const head = (key: keyof Kpis): string => SHORT_KPI_NAMES[language][key] ?? KPI_NAMES[language][key];
  return renderTable([WORDS[language].callerType!, ...columns.map(head)], rows);
}

/**
 * Per agent group under skill-based routing: calls answered (and how many came by overflow),
 * occupancy (busy / paid time in opening hours) and the group's staff cost.
 */
export function groupTable(result: RunResult, language: Language): string {
  const words = WORDS[language];
  const currency = result.scenario.money.currency;
  const groups = result.scenario.agents.groups ?? [];
  const rows = result.byGroup.map((group, index) => {
    const config = groups[index]!;
    return [
      group.id,
      formatInUnit(config.count, 'count', currency, language),
      formatInUnit(group.answered.mean, 'count', currency, language),
      formatInUnit(group.overflowAnswered.mean, 'count', currency, language),
      formatInUnit(group.occupancy.mean, 'rate', currency, language),
      formatInUnit(group.paidHours.mean * config.costPerHour, 'money', currency, language),
    ];
  });
  return renderTable([words.agentGroup!, words.groupPeople!, words.groupAnswered!, words.groupOverflow!, words.groupOccupancy!, words.groupCost!], rows);
}

/** The readable result of `callfloor run`. */
export function renderRunText(result: RunResult, language: Language, options: { intervals?: boolean } = {}): string {
  const words = WORDS[language];
  const reps = result.replications.length;
  const parts = [
    headline(result, language),
    '',
    `${result.scenario.run.days} ${result.scenario.run.days === 1 ? words.day : words.days}, ` +
      `${reps} ${reps === 1 ? words.replication : words.replications}, ${words.seed} ${result.scenario.run.seed}${warmupClause(result.model.warmup, language)}. ` +
      `${KPI_NAMES[language].serviceLevel}: ${serviceLevelDefinition(result, language)}; ` +
      `${words.target} ${formatPercent(result.scenario.serviceLevel.target, language, 0)}.`,
    ...scriptLines(result, language),
    '',
    kpiTable(result, language),
  ];
  if (result.byCallerType.length > 0) parts.push('', callerTypeTable(result, language));
  if (result.byGroup.length > 0) parts.push('', groupTable(result, language));
  const channels = channelTables(result, language);
  if (channels !== '') parts.push('', channels);
  const assumptions = moneyAssumptions(result.scenario, language);
  if (assumptions.length > 0) parts.push('', ...assumptions);
  if (options.intervals) parts.push('', intervalTable(result, language));
  return parts.join('\n') + '\n';
}

/** Machine-readable summary: every KPI with mean, half-width and replications. */
export function runToJson(result: RunResult): object {
  const pick = (estimate: Estimate) => ({
    mean: estimate.mean,
    halfWidth: estimate.halfWidth,
    stdDev: estimate.stdDev,
  });
  return {
    scenario: result.scenario.name,
    seed: result.scenario.run.seed,
    days: result.scenario.run.days,
    replications: result.replications.length,
    serviceLevel: {
      thresholdSeconds: result.scenario.serviceLevel.thresholdSeconds,
      target: result.scenario.serviceLevel.target,
      denominator: result.scenario.serviceLevel.denominator,
    },
    currency: result.scenario.money.currency,
    yearlyLostMargin: yearlyLostMargin(result),
    yearlyCostOfPoorService: yearlyCostOfPoorService(result),
    kpis: Object.fromEntries(KPI_LABELS.map(({ key }) => [key, pick(result.kpis[key])])),
    p90Wait: pick(result.p90Wait),
    ...(result.channels !== undefined ? { channels: channelsToJson(result) } : {}),
    byCallerType: result.byCallerType.map((kpis, index) => ({
      callerType: result.scenario.callerTypes[index]!.id,
      ...Object.fromEntries(KPI_LABELS.map(({ key }) => [key, pick(kpis[key])])),
    })),
    ...(result.byGroup.length > 0
      ? {
          byGroup: result.byGroup.map((group) => ({
            group: group.id,
            answered: pick(group.answered),
            overflowAnswered: pick(group.overflowAnswered),
            occupancy: pick(group.occupancy),
            paidHours: pick(group.paidHours),
          })),
        }
      : {}),
    intervals: result.intervals.map((kpis, index) => ({
      start: clock(index * result.model.intervalSeconds),
      ...Object.fromEntries(KPI_LABELS.map(({ key }) => [key, kpis[key].mean])),
    })),
  };
}

/** One CSV row per interval of the day plus a `total` row; numbers unformatted. */
export function runToCsv(result: RunResult): string {
  const keys = KPI_LABELS.map(({ key }) => key);
  const lines = [['interval', ...keys].join(',')];
  const row = (name: string, kpis: Record<keyof Kpis, Estimate>): string =>
    [name, ...keys.map((key) => String(kpis[key].mean))].join(',');
  result.intervals.forEach((kpis, index) => lines.push(row(clock(index * result.model.intervalSeconds), kpis)));
  lines.push(row('total', result.kpis));
  return lines.join('\n') + '\n';
}

/** The KPI table as Markdown. */
export function runToMarkdown(result: RunResult, language: Language): string {
  const words = WORDS[language];
  const currency = result.scenario.money.currency;
  const lines = [
    `# ${result.scenario.name}`,
    '',
    headline(result, language).split('\n').join('\n\n'),
    '',
    `${KPI_NAMES[language].serviceLevel}: ${serviceLevelDefinition(result, language)}.`,
    '',
    `| ${words.figure} | ${words.value} | ${words.ci} |`,
    '| --- | ---: | ---: |',
  ];
  for (const { key, unit } of shownKpis(result)) {
    const estimate = result.kpis[key];
    lines.push(
      `| ${KPI_NAMES[language][key]} | ${formatInUnit(estimate.mean, unit, currency, language)} | ${formatHalfWidth(estimate, unit, currency, language)} |`,
    );
  }
  const channels = channelTables(result, language);
  if (channels !== '') lines.push('', '```', channels, '```');
  const assumptions = moneyAssumptions(result.scenario, language);
  if (assumptions.length > 0) lines.push('', ...assumptions);
  return lines.join('\n') + '\n';
}
