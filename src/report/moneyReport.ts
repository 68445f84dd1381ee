/**
 * The money side of `callfloor run`: lost lifetime value, the yearly cost of poor service,
 * the assumptions behind them, and the chat and ticket figures. Pure: a run result in, text out.
 */
import { CHANNEL_FIGURES, type ChannelEstimates } from '../channels/summary.ts';
import { figureOf, type Comparison, type PlanComparison } from '../compare/compare.ts';
import { KPI_LABELS, MONEY_KPIS, type Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { ChannelConfig, ChannelName } from '../scenario/schema/channels.ts';
import type { RunResult } from '../sim/run.ts';
import { formatInUnit, formatMoney, formatNumber, formatPercent, formatSeconds, renderTable, type Language } from './format.ts';

/** Whether the scenario has any of the afterCall, costs and channels sections. */
export function hasMoneySections(scenario: ScenarioConfig): boolean {
  return scenario.afterCall !== undefined || scenario.costs !== undefined || scenario.channels !== undefined;
}

/** The KPIs a report shows: the money ones only when the scenario configures them. */
export function shownKpiLabels(scenario: ScenarioConfig): typeof KPI_LABELS {
  return hasMoneySections(scenario) ? KPI_LABELS : KPI_LABELS.filter(({ key }) => !MONEY_KPIS.has(key));
}

/** A run figure scaled from the simulated days to a year of open days. */
export function perYear(result: RunResult, value: number): number {
  return (value / result.scenario.run.days) * result.scenario.money.openDaysPerYear;
}

/** The yearly cost of poor service: lost margin + lost lifetime margin + cost of repeat calls. */
export function yearlyCostOfPoorService(result: RunResult): number {
  return perYear(result, result.kpis.costOfPoorService.mean);
}

/** Headline lines on lost customers and the cost of poor service (none without the sections). */
export function moneyHeadlineLines(result: RunResult, language: Language): string[] {
  const { kpis, scenario } = result;
  if (!hasMoneySections(scenario)) return [];
  const money = (value: number): string => formatMoney(value, scenario.money.currency, language);
  const n = (value: number): string => formatNumber(value, language);
  const lines: string[] = [];
  if (scenario.afterCall !== undefined) {
    lines.push(
      language === 'it'
        ? `Clienti insoddisfatti: ${n(kpis.dissatisfied.mean)}; ne passano alla concorrenza ${n(kpis.customersLost.mean)}. ` +
            `Valore futuro dei clienti perso: ${money(kpis.lostLifetimeValue.mean)} di fatturato, ${money(kpis.lostLifetimeMargin.mean)} di margine.`
        : `Dissatisfied customers: ${n(kpis.dissatisfied.mean)}; ${n(kpis.customersLost.mean)} switch to a competitor. ` +
            `Lost customer lifetime value: ${money(kpis.lostLifetimeValue.mean)} of revenue, ${money(kpis.lostLifetimeMargin.mean)} of margin.`,
    );
  }
  lines.push(
    language === 'it'
      ? `Costo del cattivo servizio in un anno (margine perso + valore futuro perso + chiamate ripetute): circa ${money(yearlyCostOfPoorService(result))}.`
      : `Yearly cost of poor service (lost margin + lost lifetime value + repeat calls): about ${money(yearlyCostOfPoorService(result))}.`,
  );
  return lines;
}

/** The after-call and cost settings in words, so every default the figures rest on is on the page. */
export function moneyAssumptions(scenario: ScenarioConfig, language: Language): string[] {
  const lines: string[] = [];
  const p = (rate: number): string => formatPercent(rate, language, 0);
  const money = (value: number): string => formatMoney(value, scenario.money.currency, language, 2);
  const afterCall = scenario.afterCall;
  if (afterCall !== undefined) {
    const when = afterCall.dissatisfiedWhen;
    const reasons = [
      ...(when.abandoned ? [language === 'it' ? 'riaggancia in attesa' : 'hangs up while waiting'] : []),
      ...(when.blocked ? [language === 'it' ? 'trova occupato' : 'gets a busy signal'] : []),
      ...(when.unresolved ? [language === 'it' ? 'non risolve' : 'is not helped'] : []),
      (language === 'it' ? 'attende più di ' : 'waits more than ') + formatSeconds(when.waitedLongerThan, language),
    ];
    const wom = afterCall.wordOfMouth;
    const byType = Object.entries(afterCall.lifetimeValueByCallerType ?? {})
      .map(([id, value]) => `${id} ${money(value)}`)
      .join(', ');
    const lifetime = money(afterCall.lifetimeValue) + (byType !== '' ? `; ${byType}` : '');
    const good = afterCall.goodService;
    lines.push(
      language === 'it'
        ? `Ipotesi: insoddisfatto chi ${reasons.join(', ')}; ne cambia marca il ${p(afterCall.switchProbability)} ` +
            `(valore futuro ${lifetime}), ${p(afterCall.skipNextPurchaseProbability)} degli altri salta il prossimo acquisto; ` +
            `il ${p(wom.complainProbability)} si lamenta in pubblico con ${n0(wom.peopleReached, language)} persone, di cui perdiamo il ${formatPercent(wom.lostPerPersonReached, language, 1)}; ` +
            `servito bene, il ${p(good.spendMoreProbability)} spende il ${p(good.extraSpend)} in più.`
        : `Assumptions: dissatisfied = ${reasons.join(', ')}; ${p(afterCall.switchProbability)} of them switch brand ` +
            `(lifetime value ${lifetime}), ${p(afterCall.skipNextPurchaseProbability)} of the others skip their next purchase; ` +
            `${p(wom.complainProbability)} complain in public to ${n0(wom.peopleReached, language)} people, ${formatPercent(wom.lostPerPersonReached, language, 1)} of whom are lost; ` +
            `well served, ${p(good.spendMoreProbability)} spend ${p(good.extraSpend)} more.`,
    );
  }
  const costs = scenario.costs;
  if (costs !== undefined) {
    lines.push(
      language === 'it'
        ? `Costi: telefonia ${money(costs.telephonyPerMinute)}/min${costs.chargeWaitingTime ? ' (anche durante l\'attesa)' : ''}, ` +
            `servizio esterno ${money(costs.outsourcingPerCall)}/chiamata + ${money(costs.outsourcingPerMonth)}/mese, altri ${money(costs.otherPerMonth)}/mese.`
        : `Costs: telephony ${money(costs.telephonyPerMinute)}/min${costs.chargeWaitingTime ? ' (waiting time included)' : ''}, ` +
            `outsourcing ${money(costs.outsourcingPerCall)}/call + ${money(costs.outsourcingPerMonth)}/month, other ${money(costs.otherPerMonth)}/month.`,
    );
  }
  if (scenario.channels !== undefined) {
    const { agents, keepFree } = scenario.channels.blended;
    const italian = language === 'it';
    const who = agents === 'all' ? (italian ? 'tutti gli operatori telefonici' : 'all phone agents') : `${agents} ${italian ? 'operatori telefonici' : 'phone agents'}`;
    const free = keepFree === 0 ? '' : italian ? `, ${keepFree} ${keepFree === 1 ? 'sempre libero' : 'sempre liberi'} per il telefono` : `, ${keepFree} kept free for calls`;
    const blending =
      agents === 0
        ? italian ? 'gli operatori dedicati (nessun operatore telefonico risponde a chat e ticket)' : 'dedicated agents (no phone agent answers chat and tickets)'
        : italian ? `gli operatori dedicati più ${who} quando nessuna chiamata attende${free}; l'occupazione degli operatori include chat e ticket`
          : `dedicated agents plus ${who} when no call waits${free}; agent occupancy includes chat and ticket time`;
    lines.push(
      italian
        ? `Chat e ticket: ${blending}; le chiamate causate da contatti senza risposta entrano nella coda telefonica.`
        : `Chat and tickets: ${blending}; calls caused by unanswered contacts join the phone queue.`,
    );
  }
  return lines;
}

function n0(value: number, language: Language): string {
  return formatNumber(value, language);
}

const CHANNEL_WORDS: Record<Language, Record<string, string>> = {
  en: {
    chat: 'Chat',
    tickets: 'E-mail / tickets',
    offered: 'Contacts opened',
    responded: 'Answered',
    withinTargetRate: 'Answered within target',
    meanResponseTime: 'Average age at answer',
    maxResponseTime: 'Oldest age at answer',
    left: 'Gave up waiting',
    agedOut: 'Aged out unanswered',
    escalated: 'Escalated to second level',
    meanBacklog: 'Average backlog',
    maxBacklog: 'Largest backlog',
    openAtEnd: 'Still unanswered at the end',
    callsCaused: 'Turned into phone calls',
    complaints: 'Turned into complaints',
    dissatisfied: 'Dissatisfied customers',
    lostLifetimeValue: 'Lost lifetime value (revenue)',
    staffCost: 'Dedicated staff cost',
    blendedHoursUsed: 'Hours of blended phone agents',
    backlog: 'Backlog at the end of each day',
    figure: 'Figure',
    target: 'target',
  },
  it: {
    chat: 'Chat',
    tickets: 'E-mail / ticket',
    offered: 'Contatti aperti',
    responded: 'Con risposta',
    withinTargetRate: 'Risposta entro l\'obiettivo',
    meanResponseTime: 'Età media alla risposta',
    maxResponseTime: 'Età massima alla risposta',
    left: 'Abbandonati in attesa',
    agedOut: 'Scaduti senza risposta',
    escalated: 'Passati al secondo livello',
    meanBacklog: 'Arretrato medio',
    maxBacklog: 'Arretrato massimo',
    openAtEnd: 'Ancora senza risposta alla fine',
    callsCaused: 'Diventati telefonate',
    complaints: 'Diventati reclami',
    dissatisfied: 'Clienti insoddisfatti',
    lostLifetimeValue: 'Valore futuro perso (fatturato)',
    staffCost: 'Costo del personale dedicato',
    blendedHoursUsed: 'Ore degli operatori telefonici',
    backlog: 'Arretrato a fine giornata',
    figure: 'Indicatore',
    target: 'obiettivo',
  },
};

/** Figures that cannot happen with a channel's settings (e.g. giving up with infinite patience) are left out. */
function applies(key: string, config: ChannelConfig): boolean {
  if (key === 'left') return config.patience !== 'infinite';
  if (key === 'agedOut') return config.ageOut !== undefined;
  if (key === 'escalated') return config.escalation > 0;
  if (key === 'callsCaused') return config.callAfter !== undefined;
  if (key === 'complaints') return config.complaintAfter !== undefined;
  return true;
}

/** Rows of one channel's figures: name, value, ± half-width. */
function channelRows(estimates: ChannelEstimates, config: ChannelConfig, currency: string, language: Language): string[][] {
  const words = CHANNEL_WORDS[language];
  return CHANNEL_FIGURES.filter(({ key }) => applies(key, config)).map(({ key, unit }) => {
    const estimate = estimates[key];
    const spread = unit === 'rate' ? `${formatNumber(estimate.halfWidth * 100, language, 1)} pt` : formatInUnit(estimate.halfWidth, unit, currency, language);
    const halfWidth = estimate.replications > 1 ? `± ${spread}` : '';
    return [words[key]!, formatInUnit(estimate.mean, unit, currency, language), halfWidth];
  });
}

/** The chat and ticket tables, with each day's closing backlog; empty without channels. */
export function channelTables(result: RunResult, language: Language): string {
  const summary = result.channels;
  if (summary === undefined) return '';
  const words = CHANNEL_WORDS[language];
  const currency = result.scenario.money.currency;
  const parts: string[] = [];
  for (const name of Object.keys(summary.channels) as ChannelName[]) {
    const estimates = summary.channels[name]!;
    const config = result.scenario.channels![name]!;
    const target = formatSeconds(config.target, language);
    parts.push(
      renderTable([`${words[name]} (${words.target} ${target})`, '', ''], channelRows(estimates, config, currency, language)),
      `${words.backlog}: ${estimates.backlogByDay.map((value) => formatNumber(value, language, 1)).join(' · ')}`,
      '',
    );
  }
  return parts.join('\n').trimEnd();
}

/** The channel figures for JSON: every figure's mean and half-width, and the daily backlog. */
export function channelsToJson(result: RunResult): object | undefined {
  const summary = result.channels;
  if (summary === undefined) return undefined;
  return {
    blendedHoursOffered: summary.blendedHoursOffered.mean,
    ...Object.fromEntries(
      Object.entries(summary.channels).map(([name, estimates]) => [
        name,
        {
          ...Object.fromEntries(CHANNEL_FIGURES.map(({ key }) => [key, { mean: estimates[key].mean, halfWidth: estimates[key].halfWidth }])),
          backlogByDay: estimates.backlogByDay,
        },
      ]),
    ),
  };
}

/** Compared figures a comparison table shows: the money ones only when the base configures them. */
export function shownFigure(scenario: ScenarioConfig): (figure: { key: string }) => boolean {
  const all = hasMoneySections(scenario);
  return (figure) => all || !MONEY_KPIS.has(figure.key as keyof Kpis);
}

/**
 * A plan's effect on the cost of poor service and on the service cost, per year, for
 * scenarios with the money sections (empty otherwise): the net of the two is what the plan
 * is worth once lost customers and repeat calls are counted.
 */
export function planMoneyLines(comparison: Comparison, plan: PlanComparison, language: Language): string[] {
  if (!hasMoneySections(comparison.base.scenario) || plan.identical) return [];
  const poor = figureOf(plan, 'costOfPoorService').money!.perYear;
  const cost = figureOf(plan, 'serviceCost').money!.perYear;
  const margin = figureOf(plan, 'margin').money!.perYear;
  // Extra spend of well-served customers is revenue: its margin counts.
  const goodService = figureOf(plan, 'goodServiceValue').money!.perYear.mean * comparison.base.scenario.money.margin;
  const money = (value: number): string => `${value < 0 ? '-' : '+'}${formatMoney(Math.abs(value), comparison.currency, language)}`;
  // Worth a year: more margin made and from good service, less poor service, less service cost.
  const worth = margin.mean + goodService - poor.mean - cost.mean;
  return [
    language === 'it'
      ? `All'anno: costo del cattivo servizio ${money(poor.mean)}, costo del servizio ${money(cost.mean)}, margine realizzato ${money(margin.mean)}, margine dalla spesa in più dei clienti ben serviti ${money(goodService)}: il piano vale circa ${money(worth)} l'anno (valore futuro dei clienti compreso).`
      : `Per year: cost of poor service ${money(poor.mean)}, service cost ${money(cost.mean)}, margin made ${money(margin.mean)}, margin on the extra spend of well-served customers ${money(goodService)}: the plan is worth about ${money(worth)} a year (customer lifetime value included).`,
  ];
}
