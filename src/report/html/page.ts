/**
 * The consultant report as one self-contained HTML page: inline CSS and SVG charts, no
 * script and nothing fetched. Every piece of user text goes through the escaping `html` tag.
 */
import { formatInUnit, formatMoney, formatNumber, formatPercent, formatSeconds } from '../format.ts';
import type { ReportModel } from '../reportModel.ts';
import {
  assumptionsTable,
  costsTable,
  intervalsTable,
  keyFiguresTable,
  planCostLines,
  plansOverviewTable,
  planTable,
  stepsTable,
  traineesTable,
  type Table,
} from '../reportTables.ts';
import { callerTypeSentences, callerTypesTable, groupsTable, planCallerTypeSentence, planCallerTypesTable, planGroupsTable } from '../reportSegments.ts';
import { confidenceLevel, formatRangeEnds, methodParagraph, summaryParagraphs } from '../reportText.ts';
import { COST_NAMES, REPORT_WORDS, reportFigureName } from '../reportWords.ts';
import { barChart, intervalChart, lineChart, waterfallChart } from './charts.ts';
import { html, raw, type Markup } from './markup.ts';
import { REPORT_CSS } from './styles.ts';

export const COLORS = {
  answered: '#2563eb',
  abandoned: '#f59e0b',
  blocked: '#dc2626',
  offered: '#94a3b8',
  queue: '#0f766e',
  staff: '#64748b',
  loss: '#b91c1c',
  lossLight: '#ef4444',
  below: '#f87171',
  above: '#0f766e',
} as const;

/** Colours of the plans beside "now" in the per-caller-type chart, in plan order (repeating). */
const PLAN_COLORS = ['#0f766e', '#7c3aed', '#db2777', '#65a30d', '#0891b2'] as const;

/** A number of calls on an axis or a tooltip: one decimal below 10, none above. */
function callCount(value: number, language: ReportModel['language']): string {
  return formatNumber(value, language, value !== 0 && Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0);
}

/** Drawing widths of charts across the page and in a half column. */
const FULL = 1080;
const HALF = 540;

function table(data: Table, className = ''): Markup {
  return html`<table class="${data.numeric ? 'numeric' : ''} ${className}"><thead><tr>${data.header.map((cell) => html`<th>${cell}</th>`)}</tr></thead><tbody>${data.rows.map(
    (row) => html`<tr>${row.map((cell, column) => html`<td class="${data.columns?.[column] ?? ''}">${cell}</td>`)}</tr>`,
  )}</tbody></table>`;
}

function card(id: string, label: string, value: number, text: string, range: string, tone: 'loss' | 'ok' | ''): Markup {
  return html`<div class="card ${tone}" data-figure="${id}" data-value="${String(value)}"><div class="label">${label}</div><div class="value">${text}</div><div class="range">${range}</div></div>`;
}

function cards(model: ReportModel): Markup {
  const { summary, language, currency } = model;
  const words = REPORT_WORDS[language];
  const level = confidenceLevel(model);
  const ci = (text: string): string => (text === '' ? '' : language === 'it' ? `IC ${level}: ${text}` : `${level} CI: ${text}`);
  const count = (value: number): string => formatNumber(value, language, 0);
  const counts = (range: ReportModel['summary']['unansweredPerWeek']): string => (model.run.replications < 2 ? '' : `${count(range.low)} … ${count(range.high)}`);
  const slOk = summary.serviceLevel.mean >= model.run.serviceLevel.target;
  return html`<div class="cards">
${card('yearlyLoss', language === 'it' ? "Perdita all'anno" : 'Lost a year', summary.yearlyLoss.mean, formatMoney(summary.yearlyLoss.mean, currency, language), ci(formatRangeEnds(summary.yearlyLoss, 'money', model)), 'loss')}
${card('unansweredPerWeek', language === 'it' ? 'Senza risposta a settimana' : 'Unanswered a week', summary.unansweredPerWeek.mean, count(summary.unansweredPerWeek.mean), ci(counts(summary.unansweredPerWeek)), 'loss')}
${card('switchingPerWeek', language === 'it' ? 'Clienti persi a settimana' : 'Customers lost a week', summary.switchingPerWeek.mean, count(summary.switchingPerWeek.mean), summary.switchingSource === 'assumption' ? (language === 'it' ? `${formatPercent(model.settings.switchShare, language, 0)} dei senza risposta (ipotesi)` : `${formatPercent(model.settings.switchShare, language, 0)} of the unanswered (assumption)`) : ci(counts(summary.switchingPerWeek)), 'loss')}
${card('serviceLevel', `${words.serviceLevel} (${formatNumber(model.run.serviceLevel.thresholdSeconds, language)} s)`, summary.serviceLevel.mean, formatPercent(summary.serviceLevel.mean, language, 0), `${words.target} ${formatPercent(model.run.serviceLevel.target, language, 0)}`, slOk ? 'ok' : 'loss')}
${card('abandonmentRate', reportFigureName('abandonmentRate', language), summary.abandonmentRate.mean, formatPercent(summary.abandonmentRate.mean, language, 1), ci(formatRangeEnds(summary.abandonmentRate, 'rate', model)), '')}
${card('asa', 'ASA', summary.asa.mean, formatSeconds(summary.asa.mean, language), ci(formatRangeEnds(summary.asa, 'seconds', model)), '')}
</div>`;
}

function chartFigure(chart: Markup, caption: string): Markup {
  return html`<figure>${chart}<figcaption>${caption}</figcaption></figure>`;
}

function charts(model: ReportModel): { day: Markup; week: Markup; waits: Markup; abandonment: Markup; queue: Markup; serviceLevel: Markup; costs: Markup; plans: Markup | null } {
  const { language, currency } = model;
  const words = REPORT_WORDS[language];
  const categories = model.intervals.map((row) => row.start);
  const calls = (value: number): string => callCount(value, language);
  const percent = (value: number): string => formatPercent(value, language, 0);
  const euros = (value: number): string => formatMoney(value, currency, language);
  const seconds = (value: number): string => (value < 60 ? `${formatNumber(value, language)} s` : `${formatNumber(value / 60, language, value % 60 === 0 ? 0 : 1)} min`);
  const target = model.run.serviceLevel.target;
  return {
    day: barChart({
      id: 'calls-by-interval',
      width: FULL,
      title: words.chartDay,
      format: calls,
      stacked: true,
      categories,
      series: [
        { name: words.answered, values: model.intervals.map((row) => row.answered), color: COLORS.answered },
        { name: words.abandoned, values: model.intervals.map((row) => row.abandoned), color: COLORS.abandoned },
        { name: words.blocked, values: model.intervals.map((row) => row.blocked), color: COLORS.blocked },
      ],
    }),
    week: weekChart(model),
    waits: barChart({
      id: 'waiting-times',
      width: HALF,
      title: words.chartWaits,
      format: calls,
      stacked: true,
      categories: model.waits.bins.map((bin) => seconds(bin.from)),
      series: [
        { name: words.answered, values: model.waits.bins.map((bin) => bin.answered), color: COLORS.answered },
        { name: words.abandoned, values: model.waits.bins.map((bin) => bin.abandoned), color: COLORS.abandoned },
      ],
    }),
    abandonment: lineChart({
      id: 'abandonment-curve',
      width: HALF,
      title: words.chartAbandonment,
      format: percent,
      xTitle: words.waitingTime,
      labels: model.abandonment.map((point) => seconds(point.seconds)),
      series: [
        { name: words.answeredBy, values: model.abandonment.map((point) => point.answered), color: COLORS.answered },
        { name: words.hungUpBy, values: model.abandonment.map((point) => point.abandoned), color: COLORS.abandoned },
      ],
    }),
    queue: lineChart({
      id: 'queue-length',
      width: HALF,
      title: words.chartQueue,
      format: (value) => formatNumber(value, language, value % 1 === 0 ? 0 : 1),
      labels: categories,
      series: [
        { name: words.meanQueue, values: model.intervals.map((row) => row.meanQueueLength), color: COLORS.queue },
        { name: words.maxQueue, values: model.intervals.map((row) => row.maxQueueLength), color: COLORS.blocked, dashed: true },
      ],
    }),
    serviceLevel: barChart({
      id: 'service-level',
      width: HALF,
      title: words.chartServiceLevel,
      format: percent,
      categories,
      max: 1,
      target: { value: target, label: `${words.target} ${percent(target)}` },
      colorOf: (_series, _category, value) => (value < target ? COLORS.below : undefined),
      series: [{ name: words.serviceLevel, values: model.intervals.map((row) => row.serviceLevel), color: COLORS.above }],
    }),
    costs: waterfallChart({
      id: 'cost-waterfall',
      width: HALF,
      title: words.chartCosts,
      format: euros,
      totalLabel: words.totalPerYear,
      missingLabel: words.notModelled,
      steps: model.costs.map((cost) => ({
        label: COST_NAMES[language][cost.key],
        value: cost.perYear?.mean ?? 0,
        color: cost.key === 'staffCost' ? COLORS.staff : cost.key === 'lostMargin' ? COLORS.loss : COLORS.lossLight,
        ...(cost.perYear === null ? { missing: true } : {}),
      })),
    }),
    plans:
      model.plans.length === 0
        ? null
        : intervalChart({
            id: 'plans-net-benefit',
      width: FULL,
            title: words.chartPlans,
            format: (value) => (value > 0 ? '+' : '') + euros(value),
            rows: model.plans.map((plan) => ({ label: plan.name, ...plan.netPerYear })),
          }),
  };
}

/** Days up to which the week chart shows every interval; longer runs show one point a day. */
const MAX_DAYS_BY_INTERVAL = 14;

/** Calls offered and answered interval by interval over the simulated days (a point a day for long runs). */
function weekChart(model: ReportModel): Markup {
  const { language } = model;
  const words = REPORT_WORDS[language];
  const calls = (value: number): string => callCount(value, language);
  const days = [...new Set(model.week.map((point) => point.day))];
  const dayStep = Math.max(1, Math.ceil((days.length * 64) / FULL));
  if (days.length > MAX_DAYS_BY_INTERVAL) {
    const total = (day: number, pick: (point: ReportModel['week'][number]) => number): number =>
      model.week.reduce((sum, point) => sum + (point.day === day ? pick(point) : 0), 0);
    return lineChart({
      id: 'calls-over-days',
      width: FULL,
      title: words.chartDays,
      format: calls,
      labels: days.map((day) => words.dayNumber(day)),
      ticks: days.map((day) => ((day - 1) % dayStep === 0 ? words.dayNumber(day) : '')),
      series: [
        { name: words.offered, values: days.map((day) => total(day, (point) => point.offered)), color: COLORS.offered },
        { name: words.answered, values: days.map((day) => total(day, (point) => point.answered)), color: COLORS.answered },
      ],
    });
  }
  const perDay = model.week.filter((point) => point.day === days[0]).length;
  return lineChart({
    id: 'calls-over-days',
    width: FULL,
    title: words.chartWeek,
    format: calls,
    labels: model.week.map((point) => `${words.dayNumber(point.day)} ${point.start}`),
    // One label a day, in the middle of it.
    ticks: model.week.map((point, i) => (i % perDay === Math.floor(perDay / 2) ? words.dayNumber(point.day) : '')),
    separators: days.slice(1).map((_, i) => (i + 1) * perDay),
    series: [
      { name: words.offered, values: model.week.map((point) => point.offered), color: COLORS.offered },
      { name: words.answered, values: model.week.map((point) => point.answered), color: COLORS.answered },
    ],
  });
}

function plansSection(model: ReportModel, chart: Markup | null): Markup {
  const words = REPORT_WORDS[model.language];
  if (model.plans.length === 0 || chart === null) return html`<p class="note">${words.noPlans}</p>`;
  return html`<p class="note">${words.plansIntro}</p>${chartFigure(chart, words.chartPlans)}${table(plansOverviewTable(model), 'plans-overview')}${model.plans.map(
    (plan) => html`<div class="plan" data-plan="${plan.name}"><h3>${plan.name} <span class="pill ${plan.netSignificant ? 'yes' : 'no'}">${
      plan.netSignificant ? (model.language === 'it' ? 'differenza significativa' : 'significant difference') : model.language === 'it' ? 'non significativa' : 'not significant'
    }</span></h3>${plan.description !== undefined ? html`<p>${plan.description}</p>` : ''}<p class="note">${words.changes}: ${plan.changes}.</p>${
      plan.identical ? html`<p>${words.identical}</p>` : html`${table(planTable(plan, model))}${planCostLines(plan, model).map((line) => html`<p>${line}</p>`)}${planSegments(plan, model)}`
    }</div>`,
  )}`;
}

/** A plan's tables per caller type and per agent group (nothing when it has neither). */
function planSegments(plan: ReportModel['plans'][number], model: ReportModel): Markup {
  const words = REPORT_WORDS[model.language];
  const types = planCallerTypesTable(plan, model);
  const sentence = planCallerTypeSentence(plan, model);
  const groups = planGroupsTable(plan, model);
  return html`${types ? html`<h4>${words.planCallerTypes}</h4>${sentence ? html`<p>${sentence}</p>` : ''}${table(types, 'plan-caller-types')}` : ''}${
    groups ? html`<h4>${words.planGroups}</h4>${table(groups, 'plan-groups')}` : ''
  }`;
}

/** The plans drawn beside "now" per caller type: those that change something and compare the same types. */
function callerTypePlans(model: ReportModel): ReportModel['plans'] {
  return model.plans.filter((plan) => !plan.identical && plan.byCallerType.length === model.callerTypes.length);
}

/** Share of callers who hang up per caller type: now, and with each plan that compares the same types. */
function callerTypesChart(model: ReportModel): Markup {
  const words = REPORT_WORDS[model.language];
  const plans = callerTypePlans(model);
  const planValues = (plan: ReportModel['plans'][number]): number[] =>
    model.callerTypes.map((row) => plan.byCallerType.find((segment) => segment.id === row.id)?.figures.find((figure) => figure.key === 'abandonmentRate')?.plan ?? 0);
  const highest = Math.max(0, ...model.callerTypes.map((row) => row.abandonmentRate.mean), ...plans.flatMap(planValues));
  return barChart({
    id: 'abandonment-by-caller-type',
    width: HALF,
    title: words.chartCallerTypes(plans.length > 0),
    // Whole percentages, unless every bar is below 10% (then the axis steps are 1% or less).
    format: (value) => formatPercent(value, model.language, highest < 0.1 ? 1 : 0),
    categories: model.callerTypes.map((row) => row.id),
    series: [
      { name: words.base, values: model.callerTypes.map((row) => row.abandonmentRate.mean), color: COLORS.abandoned },
      ...plans.map((plan, i) => ({ name: plan.name, values: planValues(plan), color: PLAN_COLORS[i % PLAN_COLORS.length]! })),
    ],
  });
}

function callerTypesSection(model: ReportModel): Markup {
  const words = REPORT_WORDS[model.language];
  const chart = callerTypesChart(model);
  return html`<p class="note">${words.callerTypesIntro}</p><div class="grid2"><div>${callerTypeSentences(model).map((text) => html`<p>${text}</p>`)}</div>${chartFigure(
    chart,
    words.chartCallerTypes(callerTypePlans(model).length > 0),
  )}</div>${table(callerTypesTable(model), 'caller-types')}`;
}

function groupsSection(model: ReportModel): Markup {
  const words = REPORT_WORDS[model.language];
  return html`<p class="note">${words.groupsIntro}</p>${table(groupsTable(model), 'groups')}`;
}

function trainingSection(model: ReportModel): Markup {
  const words = REPORT_WORDS[model.language];
  const trainees = traineesTable(model);
  const steps = stepsTable(model);
  if (trainees === null || steps === null || model.training === null) return html`<p class="note">${words.noTraining}</p>`;
  const chart = barChart({
    id: 'training-scores',
      width: HALF,
    title: words.training,
    format: (value) => formatNumber(value, model.language, 0),
    categories: model.training.trainees.map((trainee) => trainee.trainee),
    max: 100,
    target: { value: 75, label: model.language === 'it' ? 'competente (75)' : 'proficient (75)' },
    series: [
      { name: words.first, values: model.training.trainees.map((trainee) => trainee.firstScore), color: COLORS.offered },
      { name: words.latest, values: model.training.trainees.map((trainee) => trainee.latestScore), color: COLORS.queue },
    ],
  });
  return html`<div class="grid2"><div>${chartFigure(chart, `${words.teamMean}: ${formatNumber(model.training.teamMean, model.language, 0)}/100`)}</div><div>${table(steps)}</div></div>${table(trainees, 'trainees')}`;
}

/** The whole page. */
export function reportToHtml(model: ReportModel): string {
  const { language } = model;
  const words = REPORT_WORDS[language];
  const chart = charts(model);
  const [lead, ...rest] = summaryParagraphs(model);
  const sections: Array<[string, string]> = [
    ['summary', words.summary],
    ['day', words.day],
    ['waits', words.waits],
    ['queue', words.queue],
    ['costs', words.costs],
    ...(model.callerTypes.length > 0 ? [['caller-types', words.callerTypes] as [string, string]] : []),
    ...(model.groups.length > 0 ? [['groups', words.groups] as [string, string]] : []),
    ['plans', words.plans],
    ['figures', words.keyFigures],
    ['training', words.training],
    ['assumptions', words.assumptions],
  ];
  const notModelled =
    model.notModelled.length > 0
      ? html`<p class="note">${words.notModelledFigures}: ${model.notModelled.map((key) => reportFigureName(key, language)).join(', ')}.</p>`
      : '';
  const meta =
    language === 'it'
      ? `${model.run.days} ${model.run.days === 1 ? 'giorno simulato' : 'giorni simulati'} · ${model.run.replications} ${model.run.replications === 1 ? 'replica' : 'repliche'} · seme ${model.run.seed} · ${model.run.agents} ${model.run.agents === 1 ? 'operatore' : 'operatori'} · IC ${confidenceLevel(model)}`
      : `${model.run.days} simulated ${model.run.days === 1 ? 'day' : 'days'} · ${model.run.replications} ${model.run.replications === 1 ? 'replication' : 'replications'} · seed ${model.run.seed} · ${model.run.agents} ${model.run.agents === 1 ? 'agent' : 'agents'} · ${confidenceLevel(model)} CI`;
  const page = html`<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="callfloor">
<title>${words.reportTitle}: ${model.title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<header class="cover"><p class="kicker">${words.reportTitle}</p><h1>${model.title}</h1>${model.description !== undefined ? html`<p>${model.description}</p>` : ''}<p class="meta">${meta}</p></header>
<nav class="toc">${sections.map(([id, title]) => html`<a href="#${id}">${title}</a>`)}</nav>
<main>
<section id="summary" class="summary"><h2>${words.summary}</h2><p class="lead">${lead ?? ''}</p>${rest.map((text) => html`<p>${text}</p>`)}${cards(model)}</section>
<section id="day"><h2>${words.day}</h2>${chartFigure(chart.day, words.chartDay)}${chartFigure(chart.week, model.run.days > MAX_DAYS_BY_INTERVAL ? words.chartDays : words.chartWeek)}</section>
<section id="waits"><h2>${words.waits}</h2><div class="grid2">${chartFigure(chart.waits, words.chartWaits)}${chartFigure(chart.abandonment, words.chartAbandonment)}</div></section>
<section id="queue"><h2>${words.queue}</h2><div class="grid2">${chartFigure(chart.queue, words.chartQueue)}${chartFigure(chart.serviceLevel, words.chartServiceLevel)}</div>${table(intervalsTable(model), 'intervals')}</section>
<section id="costs"><h2>${words.costs}</h2><div class="grid2">${chartFigure(chart.costs, words.chartCosts)}<div>${table(costsTable(model), 'costs')}${notModelled}</div></div></section>
${model.callerTypes.length > 0 ? html`<section id="caller-types"><h2>${words.callerTypes}</h2>${callerTypesSection(model)}</section>
` : ''}${
  model.groups.length > 0 ? html`<section id="groups"><h2>${words.groups}</h2>${groupsSection(model)}</section>
` : ''
}<section id="plans"><h2>${words.plans}</h2>${plansSection(model, chart.plans)}</section>
<section id="figures"><h2>${words.keyFigures}</h2><p class="note">${words.keyFiguresNote(model.run.days, model.run.replications)}</p>${table(keyFiguresTable(model), 'key-figures')}</section>
<section id="training"><h2>${words.training}</h2>${trainingSection(model)}</section>
<section id="assumptions"><h2>${words.assumptions}</h2><h3>${words.method}</h3><p>${methodParagraph(model)}</p>${table(assumptionsTable(model), 'assumptions')}</section>
</main>
<footer>callfloor · ${formatInUnit(model.run.days, 'count', model.currency, language)} ${language === 'it' ? 'giorni' : 'days'} · ${model.title}</footer>
</body>
</html>
`;
  return page.text;
}
