/** Wording of the consultant report in Italian and English (figure names come from labels.ts). */
import type { Language } from './format.ts';
import { KPI_NAMES } from './labels.ts';
import type { CostKey, OptionalFigureKey } from './reportModel.ts';
import type { ProficiencyBand } from './trainingHistory.ts';

const EXTRA_NAMES: Record<Language, Record<'p90Wait' | 'netMargin' | OptionalFigureKey, string>> = {
  en: {
    p90Wait: '90th percentile wait (answered)',
    netMargin: 'Margin after staff cost',
    lostLifetimeMargin: 'Lost customer lifetime value (margin)',
    retryCost: 'Cost of calls made again',
    customersLost: 'Customers lost to competitors',
  },
  it: {
    p90Wait: 'Attesa al 90° percentile (risposte)',
    netMargin: 'Margine dopo il costo del personale',
    lostLifetimeMargin: 'Valore dei clienti persi (nel tempo)',
    retryCost: 'Costo delle chiamate ripetute',
    customersLost: 'Clienti passati alla concorrenza',
  },
};

/** Name of any figure of the report: a KPI, the 90th percentile wait, the net margin or an optional figure. */
export function reportFigureName(key: string, language: Language): string {
  const kpi = (KPI_NAMES[language] as Record<string, string>)[key];
  return kpi ?? (EXTRA_NAMES[language] as Record<string, string>)[key] ?? key;
}

export const COST_NAMES: Record<Language, Record<CostKey, string>> = {
  en: { staffCost: 'Staff', lostMargin: 'Lost margin', lostLifetimeMargin: 'Lost customers', retryCost: 'Calls again' },
  it: { staffCost: 'Personale', lostMargin: 'Margine perso', lostLifetimeMargin: 'Clienti persi', retryCost: 'Richiamate' },
};

export const BAND_NAMES: Record<Language, Record<ProficiencyBand, string>> = {
  en: { expert: 'expert', proficient: 'proficient', developing: 'developing', beginner: 'beginner' },
  it: { expert: 'esperto', proficient: 'competente', developing: 'in crescita', beginner: 'principiante' },
};

export interface ReportWords {
  readonly reportTitle: string;
  readonly summary: string;
  readonly keyFigures: string;
  readonly day: string;
  readonly waits: string;
  readonly queue: string;
  readonly serviceLevel: string;
  readonly costs: string;
  readonly plans: string;
  readonly assumptions: string;
  readonly training: string;
  readonly figure: string;
  readonly value: string;
  readonly ci: (level: string) => string;
  readonly interval: string;
  readonly offered: string;
  readonly answered: string;
  readonly abandoned: string;
  readonly blocked: string;
  readonly chartDay: string;
  readonly chartWeek: string;
  readonly chartDays: string;
  readonly chartWaits: string;
  readonly chartAbandonment: string;
  readonly chartQueue: string;
  readonly chartServiceLevel: string;
  readonly chartCosts: string;
  readonly chartPlans: string;
  readonly waitingTime: string;
  readonly answeredBy: string;
  readonly hungUpBy: string;
  readonly meanQueue: string;
  readonly maxQueue: string;
  readonly target: string;
  readonly totalPerYear: string;
  readonly notModelled: string;
  readonly notModelledFigures: string;
  readonly plan: string;
  readonly base: string;
  readonly difference: string;
  readonly significant: string;
  readonly yes: string;
  readonly no: string;
  readonly changes: string;
  readonly netPerYear: string;
  readonly oneOffCost: string;
  readonly payback: string;
  readonly months: (value: string) => string;
  readonly never: string;
  readonly noOneOff: (plan: string) => string;
  readonly onboarding: (agents: number, weeks: number, hours: number) => string;
  readonly givenCost: string;
  readonly identical: string;
  readonly noPlans: string;
  readonly setting: string;
  readonly source: string;
  readonly meaning: string;
  readonly fromFile: (file: string, line: number) => string;
  readonly fromDefault: string;
  readonly fromOption: (option: string) => string;
  readonly fromReport: string;
  readonly reportBasis: Record<string, string>;
  readonly trainee: string;
  readonly sessions: string;
  readonly meanScore: string;
  readonly first: string;
  readonly latest: string;
  readonly band: string;
  readonly weakest: string;
  readonly step: string;
  readonly scored: string;
  readonly noTraining: string;
  readonly teamMean: string;
  readonly method: string;
  readonly dayNumber: (day: number) => string;
  readonly perYearHeader: string;
  readonly plansIntro: string;
  readonly keyFiguresNote: (days: number, replications: number) => string;
  readonly callerTypes: string;
  readonly groups: string;
  readonly callerType: string;
  readonly agentGroup: string;
  readonly shareOfCalls: string;
  readonly callsPerWeek: string;
  readonly lostMarginPerYear: string;
  readonly people: string;
  readonly answeredPerWeek: string;
  readonly byOverflowPerWeek: string;
  readonly occupancy: string;
  readonly staffCostPerYear: string;
  readonly chartCallerTypes: (plans: boolean) => string;
  readonly callerTypesIntro: string;
  readonly groupsIntro: string;
  readonly planCallerTypes: string;
  readonly planGroups: string;
  readonly lostMarginChange: string;
  readonly segment: SegmentWords;
}

/** The sentences of the per-caller-type section; `type` is quoted by the caller. */
export interface SegmentWords {
  readonly waitsLongest: (type: string, asa: string, others: string, abandonment: string) => string;
  readonly otherWait: (type: string, asa: string) => string;
  readonly noWait: string;
  readonly overlap: string;
  readonly hangsUpMost: (type: string, rate: string) => string;
  readonly lostMost: (type: string, amount: string, total: string, share: string, callShare: string) => string;
  readonly allLost: (type: string, amount: string, callShare: string) => string;
  readonly noLoss: string;
  readonly planChanges: (changes: string) => string;
  /** One caller type with a plan: its ASA now → with the plan, and its lost margin's change a year (null: none lost either way). */
  readonly planType: (type: string, asa: string, lost: string | null, significant: boolean) => string;
}

export const REPORT_WORDS: Record<Language, ReportWords> = {
  en: {
    reportTitle: 'Phone service report',
    summary: 'In short',
    keyFigures: 'Key figures',
    day: 'An average day',
    waits: 'How long callers wait',
    queue: 'Queue and service level',
    serviceLevel: 'Service level',
    costs: 'What the phone costs a year',
    plans: 'Current vs proposed',
    assumptions: 'Assumptions',
    training: 'Team training scores',
    figure: 'Figure',
    value: 'Value',
    ci: (level) => `${level} confidence interval`,
    interval: 'Interval',
    offered: 'Offered',
    answered: 'Answered',
    abandoned: 'Hung up',
    blocked: 'Busy signal',
    chartDay: 'Calls per interval on an average day: answered, hung up while waiting, busy signal',
    chartWeek: 'Calls offered and answered per interval, day by day',
    chartDays: 'Calls offered and answered per day',
    chartWaits: 'Waiting time of answered calls and of callers who hung up',
    chartAbandonment: 'Share of calls answered and hung up within each waiting time',
    chartQueue: 'Callers waiting per interval: average and most at once',
    chartServiceLevel: 'Service level per interval against the target',
    chartCosts: 'Yearly cost of the phone service',
    chartPlans: 'Net benefit a year of each plan, with its confidence interval',
    waitingTime: 'waiting time',
    answeredBy: 'answered within',
    hungUpBy: 'hung up within',
    meanQueue: 'Average waiting',
    maxQueue: 'Most waiting at once',
    target: 'target',
    totalPerYear: 'Total a year',
    notModelled: 'not modelled',
    notModelledFigures: 'Not modelled in this scenario',
    plan: 'Plan',
    base: 'Now',
    difference: 'Difference',
    significant: 'Significant',
    yes: 'yes',
    no: 'no',
    changes: 'Changes',
    netPerYear: 'Net benefit a year',
    oneOffCost: 'One-off cost',
    payback: 'Payback',
    months: (value) => `${value} months`,
    never: 'does not pay back',
    noOneOff: (plan) => `not given (add --one-off-cost ${plan}=AMOUNT)`,
    onboarding: (agents, weeks, hours) => `${agents} × ${weeks} weeks × ${hours} h of paid onboarding`,
    givenCost: 'given on the command line',
    identical: 'No difference: the change never mattered to these callers.',
    noPlans: 'The scenario has no plans to compare. Add plans: to the scenario file (see the README) to see what each would change, in euros.',
    setting: 'Setting',
    source: 'Source',
    meaning: 'Meaning',
    fromFile: (file, line) => `${file}:${line}`,
    fromDefault: 'callfloor default',
    fromOption: (option) => `command line (${option})`,
    fromReport: 'report assumption',
    reportBasis: {
      confidence: 'Confidence level of every interval.',
      replicationsRaised: 'Raised to 2 from the scenario file: confidence intervals of the plans need at least 2 replications.',
      openDaysPerWeek: 'Open days a week (open days a year / 52): turns figures per day into figures per week.',
      switchShare: 'Share of callers left unanswered who switch to a competitor (American Express survey: 33% after one bad service experience). Change with --switch-share.',
      onboardingWeeks: 'Weeks a new hire is paid before answering alone (training and shadowing); with hoursPerWeek and the plan cost per hour, the one-off cost of hiring. Change with --onboarding-weeks.',
      hoursPerWeek: 'Paid hours a week of a new hire, to cost the onboarding. Change with --hours-per-week.',
    },
    trainee: 'Trainee',
    sessions: 'Sessions',
    meanScore: 'Mean score',
    first: 'First session',
    latest: 'Latest session',
    band: 'Level',
    weakest: 'Train next',
    step: 'Rubric step',
    scored: 'Scored',
    noTraining: 'No training history was given (--training-history FILE, or --training for the history of callfloor train).',
    teamMean: 'Team mean',
    method: 'How these figures were made',
    dayNumber: (day) => `Day ${day}`,
    perYearHeader: 'Per year',
    plansIntro: 'Each plan is simulated on the same callers as today. Net benefit = margin made − staff cost, compared with today, over a year of open days. A plan is significant when its whole confidence interval is on one side of zero. Payback = one-off cost ÷ net benefit a month.',
    keyFiguresNote: (days, replications) => `Totals over the ${days} simulated ${days === 1 ? 'day' : 'days'}, mean of ${replications} ${replications === 1 ? 'replication' : 'replications'}.`,
    callerTypes: 'Per caller type',
    groups: 'Per agent group',
    callerType: 'Caller type',
    agentGroup: 'Agent group',
    shareOfCalls: 'Share of calls',
    callsPerWeek: 'Calls a week',
    lostMarginPerYear: 'Lost margin a year',
    people: 'People',
    answeredPerWeek: 'Answered a week',
    byOverflowPerWeek: 'Of which by overflow',
    occupancy: 'Occupancy',
    staffCostPerYear: 'Staff cost a year',
    chartCallerTypes: (plans) => (plans ? 'Callers who hang up, per caller type: now and with each plan' : 'Callers who hang up, per caller type'),
    callerTypesIntro: 'The same figures for each kind of caller, so the cost and the fairness of the rules (the same for everyone, or priority for some) can be read off. Calls a week include calls made again; lost margin is the margin of sales lost because the call went unanswered.',
    groupsIntro: 'Skill-based routing: each group answers the calls of its skills, and by overflow those of the skills it helps with. Occupancy = time busy with calls ÷ paid time in opening hours; staff cost = paid hours × the group\'s cost per hour.',
    planCallerTypes: 'Per caller type, now → with the plan',
    planGroups: 'Per agent group, now → with the plan',
    lostMarginChange: 'Δ lost margin a year',
    segment: {
      waitsLongest: (type, asa, others, abandonment) => `${type} callers wait longest: ${asa} on average before an answer, against ${others}; ${abandonment} of them hang up.`,
      otherWait: (type, asa) => `${asa} for ${type}`,
      noWait: 'No caller type waits: calls are answered at once.',
      overlap: 'The intervals of the two longest waits overlap: the difference may be chance.',
      hangsUpMost: (type, rate) => `${type} callers hang up most often (${rate}).`,
      lostMost: (type, amount, total, share, callShare) => `Most of the lost margin comes from ${type} callers: ${amount} of ${total} a year (${share}), from ${callShare} of the calls.`,
      allLost: (type, amount, callShare) => `All the lost margin comes from ${type} callers: ${amount} a year, from ${callShare} of the calls.`,
      noLoss: 'No margin is lost to unanswered calls.',
      planChanges: (changes) => `With this plan, ${changes}.`,
      planType: (type, asa, lost, significant) =>
        `${type} callers wait ${asa}, ${lost === null ? 'with no margin lost' : `lost margin ${lost} a year (${significant ? 'significant' : 'not significant'})`}`,
    },
  },
  it: {
    reportTitle: 'Rapporto sul servizio telefonico',
    summary: 'In breve',
    keyFigures: 'Indicatori principali',
    day: 'Una giornata media',
    waits: 'Quanto aspettano i clienti',
    queue: 'Coda e livello di servizio',
    serviceLevel: 'Livello di servizio',
    costs: "Quanto costa il telefono in un anno",
    plans: 'Situazione attuale e proposte',
    assumptions: 'Ipotesi',
    training: 'Punteggi della formazione',
    figure: 'Indicatore',
    value: 'Valore',
    ci: (level) => `Intervallo di confidenza ${level}`,
    interval: 'Fascia',
    offered: 'Ricevute',
    answered: 'Risposte',
    abandoned: 'Riagganciate',
    blocked: 'Occupato',
    chartDay: 'Chiamate per fascia in una giornata media: risposte, riagganciate in attesa, occupato',
    chartWeek: 'Chiamate ricevute e risposte per fascia, giorno per giorno',
    chartDays: 'Chiamate ricevute e risposte al giorno',
    chartWaits: 'Attesa delle chiamate risposte e di chi ha riagganciato',
    chartAbandonment: 'Quota di chiamate risposte e riagganciate entro ogni tempo di attesa',
    chartQueue: 'Chiamanti in attesa per fascia: media e massimo',
    chartServiceLevel: "Livello di servizio per fascia rispetto all'obiettivo",
    chartCosts: 'Costo annuo del servizio telefonico',
    chartPlans: "Beneficio netto annuo di ogni piano, con l'intervallo di confidenza",
    waitingTime: 'tempo di attesa',
    answeredBy: 'risposte entro',
    hungUpBy: 'riagganciate entro',
    meanQueue: 'In attesa (media)',
    maxQueue: 'In attesa (massimo)',
    target: 'obiettivo',
    totalPerYear: "Totale all'anno",
    notModelled: 'non modellato',
    notModelledFigures: 'Non modellati in questo scenario',
    plan: 'Piano',
    base: 'Oggi',
    difference: 'Differenza',
    significant: 'Significativa',
    yes: 'sì',
    no: 'no',
    changes: 'Modifiche',
    netPerYear: "Beneficio netto all'anno",
    oneOffCost: 'Costo una tantum',
    payback: 'Rientro',
    months: (value) => `${value} mesi`,
    never: 'non rientra',
    noOneOff: (plan) => `non indicato (aggiungere --one-off-cost ${plan}=IMPORTO)`,
    onboarding: (agents, weeks, hours) => `${agents} × ${weeks} settimane × ${hours} h di inserimento retribuito`,
    givenCost: 'indicato da riga di comando',
    identical: 'Nessuna differenza: la modifica non ha mai toccato questi chiamanti.',
    noPlans: 'Lo scenario non ha piani da confrontare. Aggiungere plans: al file dello scenario (vedi il README) per vedere cosa cambierebbe ciascuno, in euro.',
    setting: 'Impostazione',
    source: 'Fonte',
    meaning: 'Significato',
    fromFile: (file, line) => `${file}:${line}`,
    fromDefault: 'valore predefinito di callfloor',
    fromOption: (option) => `riga di comando (${option})`,
    fromReport: 'ipotesi del rapporto',
    reportBasis: {
      confidence: 'Livello di confidenza di ogni intervallo.',
      replicationsRaised: 'Portato a 2 dal valore del file: gli intervalli di confidenza dei piani richiedono almeno 2 repliche.',
      openDaysPerWeek: "Giorni di apertura a settimana (giorni di apertura all'anno / 52): trasforma le cifre al giorno in cifre a settimana.",
      switchShare: 'Quota di chiamanti senza risposta che passa a un concorrente (indagine American Express: il 33% dopo una sola esperienza negativa). Si cambia con --switch-share.',
      onboardingWeeks: "Settimane in cui una nuova persona è pagata prima di rispondere da sola (formazione e affiancamento); con hoursPerWeek e il costo orario del piano dà il costo una tantum dell'assunzione. Si cambia con --onboarding-weeks.",
      hoursPerWeek: "Ore pagate a settimana di una nuova persona, per il costo dell'inserimento. Si cambia con --hours-per-week.",
    },
    trainee: 'Persona',
    sessions: 'Sessioni',
    meanScore: 'Punteggio medio',
    first: 'Prima sessione',
    latest: 'Ultima sessione',
    band: 'Livello',
    weakest: 'Da allenare',
    step: 'Passo della rubrica',
    scored: 'Valutazioni',
    noTraining: 'Nessuno storico di formazione indicato (--training-history FILE, oppure --training per lo storico di callfloor train).',
    teamMean: 'Media del gruppo',
    method: 'Come sono stati ottenuti questi numeri',
    dayNumber: (day) => `Giorno ${day}`,
    perYearHeader: "All'anno",
    plansIntro: "Ogni piano è simulato sugli stessi chiamanti di oggi. Beneficio netto = margine realizzato − costo del personale, rispetto a oggi, su un anno di apertura. Un piano è significativo quando tutto il suo intervallo di confidenza sta da una parte dello zero. Rientro = costo una tantum ÷ beneficio netto al mese.",
    keyFiguresNote: (days, replications) => `Totali sui ${days} ${days === 1 ? 'giorno simulato' : 'giorni simulati'}, media di ${replications} ${replications === 1 ? 'replica' : 'repliche'}.`,
    callerTypes: 'Per tipo di chiamante',
    groups: 'Per gruppo di operatori',
    callerType: 'Tipo di chiamante',
    agentGroup: 'Gruppo',
    shareOfCalls: 'Quota delle chiamate',
    callsPerWeek: 'Chiamate a settimana',
    lostMarginPerYear: "Margine perso all'anno",
    people: 'Persone',
    answeredPerWeek: 'Risposte a settimana',
    byOverflowPerWeek: 'Di cui da trabocco',
    occupancy: 'Occupazione',
    staffCostPerYear: "Costo del personale all'anno",
    chartCallerTypes: (plans) => (plans ? 'Chiamanti che riagganciano, per tipo: oggi e con ogni piano' : 'Chiamanti che riagganciano, per tipo'),
    callerTypesIntro: 'Le stesse cifre per ogni tipo di chiamante, per leggere il costo e l\'equità delle regole (uguali per tutti, o priorità per alcuni). Le chiamate a settimana comprendono quelle ripetute; il margine perso è quello delle vendite mancate perché la chiamata è rimasta senza risposta.',
    groupsIntro: "Instradamento per competenze: ogni gruppo risponde alle chiamate delle sue competenze e, per trabocco, a quelle in cui dà una mano. Occupazione = tempo in chiamata ÷ tempo pagato nell'orario di apertura; costo del personale = ore pagate × costo orario del gruppo.",
    planCallerTypes: 'Per tipo di chiamante, oggi → con il piano',
    planGroups: 'Per gruppo di operatori, oggi → con il piano',
    lostMarginChange: "Δ margine perso all'anno",
    segment: {
      waitsLongest: (type, asa, others, abandonment) => `Aspettano di più i chiamanti ${type}: in media ${asa} prima della risposta, contro ${others}; il ${abandonment} di loro riaggancia.`,
      otherWait: (type, asa) => `${asa} per ${type}`,
      noWait: 'Nessun tipo di chiamante aspetta: le chiamate hanno risposta subito.',
      overlap: 'Gli intervalli delle due attese più lunghe si sovrappongono: la differenza può essere casuale.',
      hangsUpMost: (type, rate) => `Riagganciano più spesso i chiamanti ${type} (${rate}).`,
      lostMost: (type, amount, total, share, callShare) => `La maggior parte del margine perso viene dai chiamanti ${type}: ${amount} su ${total} all'anno (${share}), con il ${callShare} delle chiamate.`,
      allLost: (type, amount, callShare) => `Tutto il margine perso viene dai chiamanti ${type}: ${amount} all'anno, con il ${callShare} delle chiamate.`,
      noLoss: 'Nessun margine è perso per chiamate senza risposta.',
      planChanges: (changes) => `Con questo piano ${changes}.`,
      planType: (type, asa, lost, significant) =>
        `i chiamanti ${type} aspettano ${asa}, ${lost === null ? 'senza margine perso' : `margine perso ${lost} all'anno (differenza ${significant ? 'significativa' : 'non significativa'})`}`,
    },
  },
};
