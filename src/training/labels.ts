/**
 * The words of the trainer's own screens (menus, meters, debrief), in the call's language,
 * so an Italian trainee reads Italian around an Italian call. Script texts come from the script.
 */
import type { Language } from '../callscripts/schema.ts';

const LABELS = {
  en: {
    menuTitle: 'Choose a call to practise',
    menuHelp: '↑/↓ move · Enter start · 1-9 pick · Ctrl-C quit',
    callHelp: '↑/↓ move · Enter or 1-9 answer · Ctrl-C abandon (nothing is saved)',
    patience: 'Patience',
    mood: 'Mood',
    intent: 'Purchase intent',
    clock: 'Call time',
    thinking: 'thinking',
    caller: 'Caller',
    you: 'You',
    timeout: '(you said nothing in time)',
    fallback: '(no reply possible)',
    noOptions: 'The caller is waiting…',
    debrief: 'Debrief',
    score: 'Score',
    outcome: 'Outcome',
    steps: 'Rubric steps',
    wentWell: 'What went well',
    doDifferently: 'What to do differently',
    better: 'Better',
    nothingWell: 'Nothing scored this time.',
    nothingDifferent: 'Nothing: every answer was the best one available.',
    money: 'Money',
    transcript: 'Transcript',
    debriefHelp: '[t] transcript · [m] save Markdown · [j] save JSON · [q] quit',
    saved: 'Saved',
    seed: 'seed',
    trainee: 'Trainee',
    turn: 'Turn',
    fatal: 'fatal',
  },
  it: {
    menuTitle: 'Scegli una chiamata su cui esercitarti',
    menuHelp: '↑/↓ sposta · Invio inizia · 1-9 scegli · Ctrl-C esci',
    callHelp: '↑/↓ sposta · Invio o 1-9 rispondi · Ctrl-C abbandona (non si salva nulla)',
    patience: 'Pazienza',
    mood: 'Umore',
    intent: "Intenzione d'acquisto",
    clock: 'Durata',
    thinking: 'in attesa',
    caller: 'Cliente',
    you: 'Tu',
    timeout: '(non hai risposto in tempo)',
    fallback: '(nessuna risposta possibile)',
    noOptions: 'Il cliente aspetta…',
    debrief: 'Valutazione',
    score: 'Punteggio',
    outcome: 'Esito',
    steps: 'Passi della rubrica',
    wentWell: 'Cosa è andato bene',
    doDifferently: 'Cosa fare diversamente',
    better: 'Meglio',
    nothingWell: 'Questa volta nessun passo è stato soddisfatto.',
    nothingDifferent: 'Niente: ogni risposta era la migliore disponibile.',
    money: 'Soldi',
    transcript: 'Trascrizione',
    debriefHelp: '[t] trascrizione · [m] salva Markdown · [j] salva JSON · [q] esci',
    saved: 'Salvato',
    seed: 'seme',
    trainee: 'Operatore',
    turn: 'Turno',
    fatal: 'fatale',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type Labels = Record<keyof (typeof LABELS)['en'], string>;

/** The trainer's words in `language`. */
export function labelsFor(language: Language): Labels {
  return LABELS[language];
}

const OUTCOME_WORDS: Record<Language, Record<string, string>> = {
  en: { sale: 'sale', resolved: 'resolved', callback: 'callback promised', escalated: 'escalated', 'hung-up': 'caller hung up' },
  it: { sale: 'vendita', resolved: 'risolto', callback: 'richiamata promessa', escalated: 'passato al responsabile', 'hung-up': 'il cliente ha riattaccato' },
};

const HANG_UP_REASONS: Record<Language, Record<string, string>> = {
  en: { patience: 'out of patience', script: 'fed up', 'no-option': 'nothing left to say', 'step-limit': 'the call went round in circles' },
  it: { patience: 'pazienza esaurita', script: 'esasperato', 'no-option': 'nessuna risposta possibile', 'step-limit': 'la chiamata girava in tondo' },
};

/** "sale", "caller hung up (out of patience)"… in `language`. */
export function outcomeWords(outcome: { kind: string; reason?: string }, language: Language): string {
  const word = OUTCOME_WORDS[language][outcome.kind] ?? outcome.kind;
  return outcome.reason !== undefined ? `${word} (${HANG_UP_REASONS[language][outcome.reason] ?? outcome.reason})` : word;
}

/** Seconds as m:ss. */
export function clockText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** An amount of money as the debrief shows it: `€ 1,250` / `€ 1.250`. */
export function moneyText(amount: number, language: Language): string {
  return `€ ${new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(amount)}`;
}
