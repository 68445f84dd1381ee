/**
 * The record of a finished training session — the debrief plus who, when and the words
 * said — and its renderings: JSON (for tools and the history store), Markdown (to keep or
 * share) and plain text (the debrief printed when there is no terminal UI). Pure.
 */
import type { Language } from '../callscripts/schema.ts';
import type { TranscriptEntry } from '../callscripts/walk.ts';
import { debrief, turnsToImprove, turnsWentWell, type Debrief, type TurnReview } from './debrief.ts';
import { clockText, labelsFor, moneyText, outcomeWords } from './labels.ts';
import type { TrainingSession } from './session.ts';

/** One line of the conversation. */
export interface TranscriptLine {
  /** Seconds since the call was answered. */
  readonly at: number;
  readonly speaker: 'caller' | 'agent' | 'note';
  readonly text: string;
}

export interface SessionMeta {
  readonly trainee: string;
  /** ISO 8601 times, read by the caller of this module (the CLI), never here. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The script file, when the session was started from one. */
  readonly file?: string;
}

export const RECORD_FORMAT = 'callfloor-training-session';

export interface SessionRecord extends Omit<Debrief, 'wentWell' | 'doDifferently'>, SessionMeta {
  readonly format: typeof RECORD_FORMAT;
  readonly version: 1;
  readonly seed: number;
  readonly realtime: boolean;
  readonly transcript: readonly TranscriptLine[];
}

/** The conversation of a call, line by line, from the walker's transcript. */
export function transcriptLines(entries: readonly TranscriptEntry[], language: Language): TranscriptLine[] {
  const words = labelsFor(language);
  const lines: TranscriptLine[] = [];
  for (const entry of entries) {
    const at = entry.elapsed - entry.seconds;
    if (entry.line !== undefined) lines.push({ at, speaker: 'caller', text: entry.line });
    const action = entry.action;
    if (action.kind === 'option') lines.push({ at, speaker: 'agent', text: action.text });
    else if (action.kind === 'timeout') {
      lines.push({ at, speaker: 'note', text: words.timeout });
      if (action.line !== undefined) lines.push({ at: entry.elapsed, speaker: 'caller', text: action.line });
    } else if (action.kind === 'fallback') {
      lines.push({ at, speaker: 'note', text: words.fallback });
      if (action.line !== undefined) lines.push({ at: entry.elapsed, speaker: 'caller', text: action.line });
    }
  }
  return lines;
}

/** The record of a finished session. */
export function sessionRecord(session: TrainingSession, meta: SessionMeta): SessionRecord {
  const { wentWell: _wentWell, doDifferently: _doDifferently, ...rest } = debrief(session);
  return {
    format: RECORD_FORMAT,
    version: 1,
    ...rest,
    trainee: meta.trainee,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    ...(meta.file !== undefined ? { file: meta.file } : {}),
    seed: session.seed,
    realtime: session.realtime,
    transcript: transcriptLines(session.walk.transcript, session.walk.language),
  };
}

export function recordJson(record: SessionRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}

type Style = 'markdown' | 'text';

/** The money line: "Sale made: € 890". */
export function moneyLine(record: Pick<SessionRecord, 'money' | 'language'>): string {
  const { kind, amount } = record.money;
  const value = moneyText(amount, record.language);
  const en = { 'sale-made': `Sale made: ${value}`, 'sale-lost': `Sale lost: ${value} (not bought on this call)`, 'customer-kept': `Customer kept: ${value} of business stays`, 'customer-lost': `Customer lost: ${value} of business walks away`, none: 'No money at stake in this call' };
  const it = { 'sale-made': `Vendita fatta: ${value}`, 'sale-lost': `Vendita persa: ${value} (non ha comprato durante la chiamata)`, 'customer-kept': `Cliente tenuto: restano ${value} di affari`, 'customer-lost': `Cliente perso: se ne vanno ${value} di affari`, none: 'Nessuna somma in gioco in questa chiamata' };
  return (record.language === 'it' ? it : en)[kind];
}

/** What a turn review says, as lines (without the heading). */
export function reviewLines(turn: TurnReview, language: Language, kind: 'well' | 'differently'): string[] {
  const words = labelsFor(language);
  const said = turn.chosen === undefined ? words.timeout : `“${turn.chosen.text}”`;
  if (kind === 'well') return [`${words.turn} ${turn.turn}: ${said} → ${turn.met.join(', ')}`];
  const lines = [`${words.turn} ${turn.turn}: ${said}${turn.triggered.length > 0 ? ` ✗ ${words.fatal}: ${turn.triggered.join(', ')}` : ''}`];
  if (turn.better !== undefined) {
    const gain = turn.better.wouldMeet.length > 0 ? ` → ${turn.better.wouldMeet.join(', ')}` : '';
    lines.push(`${words.better}: “${turn.better.text}”${gain}`);
  }
  return lines;
}

function render(record: SessionRecord, style: Style): string {
  const words = labelsFor(record.language);
  const md = style === 'markdown';
  const heading = (text: string) => (md ? `## ${text}` : text.toUpperCase());
  const item = (text: string) => (md ? `- ${text}` : `  ${text}`);
  const out: string[] = [];
  out.push(md ? `# ${words.debrief}: ${record.title}` : `${words.debrief}: ${record.title} (${record.scriptId})`);
  out.push('');
  const outcome = outcomeWords(record.outcome, record.language);
  out.push(item(`${words.trainee}: ${record.trainee} · ${record.startedAt} · ${words.seed} ${record.seed}${record.realtime ? ' · real-time' : ''}`));
  out.push(item(`${words.score}: ${record.score}/100 (${record.band}) · ${record.rubric.title}${record.raw !== record.score ? ` · ${record.raw} before fatal criteria` : ''}`));
  out.push(item(`${words.outcome}: ${outcome} · ${words.clock} ${clockText(record.elapsed)}`));
  out.push(item(`${words.money}: ${moneyLine(record)}`));
  out.push('');
  out.push(heading(words.steps));
  for (const step of record.steps) {
    const mark = step.fatal !== undefined ? (step.met ? `✗ ${words.fatal}` : '✓') : step.met ? '✓' : '✗';
    out.push(item(`${mark} ${step.title}${step.fatal !== undefined ? ` (${words.fatal})` : ''}`));
  }
  out.push('');
  out.push(heading(words.wentWell));
  const well = turnsWentWell(record.turns);
  if (well.length === 0) out.push(item(words.nothingWell));
  for (const turn of well) for (const line of reviewLines(turn, record.language, 'well')) out.push(item(line));
  out.push('');
  out.push(heading(words.doDifferently));
  const improve = turnsToImprove(record.turns);
  if (improve.length === 0) out.push(item(words.nothingDifferent));
  for (const turn of improve) {
    const [first, ...rest] = reviewLines(turn, record.language, 'differently');
    out.push(item(first!));
    for (const line of rest) out.push(md ? `  ${line}` : `    ${line}`);
  }
  out.push('');
  out.push(heading(words.transcript));
  for (const line of record.transcript) {
    const who = line.speaker === 'caller' ? words.caller : line.speaker === 'agent' ? words.you : '';
    const text = who === '' ? line.text : `${who}: ${line.text}`;
    out.push(md ? `- \`${clockText(line.at)}\` ${line.speaker === 'agent' ? `**${text}**` : text}` : `  ${clockText(line.at)}  ${text}`);
  }
  return out.join('\n') + '\n';
}

/** The session as a Markdown document. */
export function recordMarkdown(record: SessionRecord): string {
  return render(record, 'markdown');
}

/** The debrief as plain text, for a terminal without the interactive UI. */
export function recordText(record: SessionRecord): string {
  return render(record, 'text');
}
