/**
 * The sentences and formatted cells of the consultant report, shared by the HTML and
 * Markdown renderers so both say exactly the same thing.
 */
import { formatDifference, roughly } from './compareReport.ts';
import { formatInUnit, formatMoney, formatNumber, formatPercent, warmupClause, type Language, type ValueUnit } from './format.ts';
import type { Assumption } from './assumptions.ts';
import type { PlanSummary, Range, ReportModel } from './reportModel.ts';
import { REPORT_WORDS } from './reportWords.ts';

export function confidenceLevel(model: ReportModel): string {
  const percent = model.run.confidence * 100;
  return `${formatNumber(percent, model.language, Number.isInteger(percent) ? 0 : 1)}%`;
}

/** `€1,200 … €1,800` (the interval of a range), or '' with a single replication. */
export function formatRangeEnds(range: Range, unit: ValueUnit, model: ReportModel): string {
  if (model.run.replications < 2) return '';
  return `${formatInUnit(range.low, unit, model.currency, model.language)} … ${formatInUnit(range.high, unit, model.currency, model.language)}`;
}

export function money(value: number, model: ReportModel): string {
  return formatMoney(value, model.currency, model.language);
}

function count(value: number, language: Language): string {
  return formatNumber(value, language, value < 10 && value > 0 ? 1 : 0);
}

/** The executive summary: what poor service costs, in plain words. */
export function summaryParagraphs(model: ReportModel): string[] {
  const { summary, language } = model;
  const level = confidenceLevel(model);
  const loss = money(roughly(summary.yearlyLoss.mean), model);
  const ends = `${money(summary.yearlyLoss.low, model)} … ${money(summary.yearlyLoss.high, model)}`;
  const lossRange = model.run.replications < 2 ? '' : language === 'it' ? ` (IC ${level} ${ends})` : ` (${level} CI ${ends})`;
  const unanswered = count(summary.unansweredPerWeek.mean, language);
  const offered = count(summary.offeredPerWeek.mean, language);
  const switching = count(summary.switchingPerWeek.mean, language);
  const sl = formatPercent(summary.serviceLevel.mean, language, 0);
  const target = formatPercent(model.run.serviceLevel.target, language, 0);
  const threshold = formatNumber(model.run.serviceLevel.thresholdSeconds, language);
  const abandonment = formatPercent(summary.abandonmentRate.mean, language, 1);
  const best = summary.bestPlan === null ? undefined : model.plans.find((plan) => plan.name === summary.bestPlan);
  if (language === 'it') {
    const lines = [
      `Perdete circa ${loss} all'anno${lossRange}: circa ${unanswered} chiamate a settimana restano senza risposta (su ${offered} ricevute), e circa ${switching} clienti a settimana passano a un concorrente.`,
      `Oggi risponde in ${threshold} secondi il ${sl} delle chiamate (obiettivo ${target}); il ${abandonment} dei chiamanti riaggancia prima di parlare con qualcuno.`,
    ];
    if (best) lines.push(`Il piano migliore è "${best.name}": ${formatDifference(roughly(best.netPerYear.mean), 'money', model.currency, language)} netti all'anno${paybackClause(best, model)}.`);
    return lines;
  }
  const lines = [
    `You lose about ${loss} a year${lossRange}: about ${unanswered} calls a week go unanswered (of ${offered} received), and about ${switching} customers a week switch to a competitor.`,
    `Today ${sl} of calls are answered within ${threshold} seconds (target ${target}); ${abandonment} of callers hang up before speaking to anyone.`,
  ];
  if (best) lines.push(`The best plan is "${best.name}": ${formatDifference(roughly(best.netPerYear.mean), 'money', model.currency, language)} net a year${paybackClause(best, model)}.`);
  return lines;
}

function paybackClause(plan: PlanSummary, model: ReportModel): string {
  if (plan.paybackMonths === null) return '';
  const months = formatNumber(plan.paybackMonths.mean, model.language, plan.paybackMonths.mean < 10 ? 1 : 0);
  return model.language === 'it' ? `; la spesa iniziale rientra in circa ${months} mesi` : `; its one-off cost pays back in about ${months} months`;
}

/** How the numbers were made: days, replications, seed, intervals, service-level definition. */
export function methodParagraph(model: ReportModel): string {
  const { run, language } = model;
  const level = confidenceLevel(model);
  const denominator = run.serviceLevel.denominator;
  if (language === 'it') {
    return (
      `Simulazione di ${run.days} giorni di apertura, ripetuta ${run.replications} volte con chiamanti diversi (seme ${run.seed})${warmupClause(run.warmupSeconds, language)}; ` +
      `ogni cifra è la media delle repliche con l'intervallo di confidenza al ${level}. Le cifre all'anno moltiplicano per ${formatNumber(run.openDaysPerYear, language)}/${run.days} giorni di apertura; ` +
      `quelle a settimana per ${formatNumber(run.openDaysPerWeek, language, 2)}/${run.days}. Livello di servizio: risposte entro ${formatNumber(run.serviceLevel.thresholdSeconds, language)} s su ` +
      `${denominator === 'offered' ? 'tutte le chiamate ricevute' : denominator === 'answered' ? 'le chiamate risposte' : 'le ricevute meno gli abbandoni brevi'}. I piani sono simulati sugli stessi chiamanti (numeri casuali comuni).`
    );
  }
  return (
    `A simulation of ${run.days} open days, repeated ${run.replications} times with different callers (seed ${run.seed})${warmupClause(run.warmupSeconds, language)}; ` +
    `every figure is the mean of the replications with its ${level} confidence interval. Yearly figures multiply by ${formatNumber(run.openDaysPerYear, language)}/${run.days} open days; ` +
    `weekly ones by ${formatNumber(run.openDaysPerWeek, language, 2)}/${run.days}. Service level: answered within ${formatNumber(run.serviceLevel.thresholdSeconds, language)} s over ` +
    `${denominator === 'offered' ? 'all calls offered' : denominator === 'answered' ? 'answered calls' : 'offered calls minus short abandons'}. Plans are simulated on the same callers (common random numbers).`
  );
}

/** Where an assumption came from, in words. */
export function sourceText(assumption: Assumption, language: Language): string {
  const words = REPORT_WORDS[language];
  switch (assumption.source.kind) {
    case 'file':
      return words.fromFile(assumption.source.file, assumption.source.line);
    case 'default':
      return words.fromDefault;
    case 'option':
      return words.fromOption(assumption.source.option);
    case 'report':
      return words.fromReport;
  }
}

/** What an assumption means: the schema's description, or the report's own wording. */
export function meaningText(assumption: Assumption, language: Language): string {
  if (assumption.source.kind === 'report') return REPORT_WORDS[language].reportBasis[assumption.source.basis] ?? '';
  return assumption.description;
}

/** The one-off cost of a plan in words. */
export function oneOffText(plan: PlanSummary, model: ReportModel): string {
  const words = REPORT_WORDS[model.language];
  if (plan.oneOffCost === null) return words.noOneOff(plan.name);
  const amount = money(plan.oneOffCost, model);
  return plan.oneOffSource === 'option' ? `${amount} (${words.givenCost})` : `${amount} (${words.onboarding(plan.addedAgents, model.settings.onboardingWeeks, model.settings.hoursPerWeek)})`;
}

/** Payback in months with its range, or why there is none. */
export function paybackText(plan: PlanSummary, model: ReportModel): string {
  const words = REPORT_WORDS[model.language];
  if (plan.paybackMonths === null) return plan.oneOffCost === null ? '—' : words.never;
  const format = (value: number): string => (Number.isFinite(value) ? formatNumber(value, model.language, value < 10 ? 1 : 0) : '∞');
  const range = model.run.replications >= 2 ? ` (${format(plan.paybackMonths.low)} … ${format(plan.paybackMonths.high)})` : '';
  return `${words.months(format(plan.paybackMonths.mean))}${range}`;
}
