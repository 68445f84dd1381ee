import { InvalidArgumentError, type Command } from 'commander';
import { randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { formatScriptDiagnostic, formatScriptDiagnostics } from '../../callscripts/errors.ts';
import { suggest } from '../../callscripts/issues.ts';
import { loadCallScriptFile } from '../../callscripts/load.ts';
import { BUILT_IN_RUBRIC_NAMES, type BuiltInRubricName } from '../../callscripts/rubrics.ts';
import { LANGUAGES, scriptLanguages, type Language } from '../../callscripts/schema.ts';
import { readTextFile } from '../../callscripts/yamlSource.ts';
import { formatAnswersDiagnostic, parseAnswersJsonLines, parseAnswersText, type AnswersParse } from '../../training/answers.ts';
import { loadCatalog, type CatalogEntry, type ScriptSource } from '../../training/catalog.ts';
import { playAnswers } from '../../training/play.ts';
import { recordJson, recordMarkdown, recordText, sessionRecord, type SessionRecord } from '../../training/record.ts';
import type { TrainingSession } from '../../training/session.ts';
import { CliError } from '../cliError.ts';
import { resolveHistoryPath, updateHistory } from '../historyFile.ts';
import { trainingScriptSources } from '../trainingSources.ts';
import type { Io } from '../io.ts';
import { numberOption } from '../options.ts';
import { safeFileName } from '../safeFileName.ts';
import { writeFileAtomic } from '../writeAtomic.ts';

/** The terminal the trainer runs in; tests pass their own. */
export interface Terminal {
  /** Whether standard input and output are a TTY (the interactive UI needs both). */
  readonly interactive: () => boolean;
  /** All of standard input, for `--answers -`. */
  readonly readStdin: () => Promise<string>;
}

const processTerminal: Terminal = {
  interactive: () => process.stdin.isTTY === true && process.stdout.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

interface TrainOptions {
  lang?: Language;
  seed?: number;
  trainee?: string;
  realtime: boolean;
  rubric?: BuiltInRubricName;
  scripts: string[];
  answers?: string;
  transcriptOut: string[];
  transcriptDir?: string;
  history?: string | false;
}

function parseLanguage(text: string): Language {
  if ((LANGUAGES as readonly string[]).includes(text)) return text as Language;
  throw new InvalidArgumentError(`--lang must be ${LANGUAGES.join(' or ')}, got "${text}".`);
}

function parseRubric(text: string): BuiltInRubricName {
  const upper = text.toUpperCase();
  if ((BUILT_IN_RUBRIC_NAMES as readonly string[]).includes(upper)) return upper as BuiltInRubricName;
  throw new InvalidArgumentError(`--rubric must be ${BUILT_IN_RUBRIC_NAMES.join(', ')}, got "${text}".`);
}

const collect = (value: string, previous: string[]) => [...previous, value];

function defaultTrainee(): string {
  const fromEnv = process.env.CALLFLOOR_TRAINEE?.trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || 'trainee';
  } catch {
    return 'trainee';
  }
}

/** The script named on the command line: a file path, or an id from the catalog. */
async function resolveScript(name: string, sources: readonly ScriptSource[], io: Io): Promise<CatalogEntry> {
  const looksLikeFile = /\.ya?ml$/i.test(name) || name.includes('/') || name.includes('\\');
  if (looksLikeFile) {
    const loaded = await loadCallScriptFile(name);
    for (const warning of loaded.warnings) io.stderr(formatScriptDiagnostic(warning) + '\n');
    if (!loaded.ok) {
      io.stderr(formatScriptDiagnostics(loaded.errors) + '\n');
      throw new CliError(`${name} has ${loaded.errors.length === 1 ? 'an error' : `${loaded.errors.length} errors`}; fix it before training with it (callfloor lint ${name}).`);
    }
    return { script: loaded.script, file: resolve(name), source: 'file' };
  }
  const catalog = await loadCatalog(sources);
  const found = catalog.entries.find((entry) => entry.script.id === name);
  if (found !== undefined) return found;
  const ids = catalog.entries.map((entry) => entry.script.id);
  const close = suggest(name, ids);
  throw new CliError(`there is no call script ${name}${close !== undefined ? ` (did you mean ${close}?)` : ''}. Available: ${ids.join(', ') || 'none'}. Or give the path of a .yaml file.`);
}

async function readAnswers(answers: string, terminal: Terminal): Promise<AnswersParse> {
  if (answers === '-') return parseAnswersJsonLines(await terminal.readStdin(), '<stdin>');
  const read = await readTextFile(answers);
  if ('error' in read) return { ok: false, errors: [read.error] };
  return parseAnswersText(read.text, answers);
}

/**
 * The file a transcript saved from the debrief screen gets in --transcript-dir. The trainee
 * and script names are user text, so each goes through {@link safeFileName}: the name is one
 * segment inside the folder (never `../`), valid on every file system, under 255 bytes.
 */
export function exportName(record: Pick<SessionRecord, 'finishedAt' | 'scriptId' | 'trainee'>, kind: 'markdown' | 'json'): string {
  const stamp = safeFileName(record.finishedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-'), 'session');
  const script = safeFileName(record.scriptId, 'script').replace(/ /g, '_');
  const who = safeFileName(record.trainee, 'trainee').replace(/ /g, '_');
  return `callfloor-${script}-${who}-${stamp}.${kind === 'markdown' ? 'md' : 'json'}`;
}

async function writeTranscript(path: string, record: SessionRecord): Promise<void> {
  await writeFileAtomic(path, extname(path).toLowerCase() === '.json' ? recordJson(record) : recordMarkdown(record));
}

/**
 * `callfloor train [SCRIPT]`: role-play a call as the agent. With a terminal, an Ink app
 * (menu, conversation, meters, clock, debrief); with --answers, the call is played from a
 * file (or JSON lines on standard input) and the debrief printed. A finished session is
 * stored in the training history; an abandoned one leaves nothing behind.
 */
export function registerTrain(program: Command, io: Io, terminal: Terminal = processTerminal): void {
  program
    .command('train')
    .description('role-play a call as the agent, then read the debrief (score per rubric step, better answers, money)')
    .argument('[script]', 'script id (see the menu) or call script file; without it, a menu')
    .option('--lang <language>', 'language of the call: it or en (default: the script’s first language)', parseLanguage)
    .option('--seed <n>', 'seed for the caller’s name, order number and line variants (default: random, shown in the debrief)', numberOption('--seed', { min: 0, max: 2 ** 31 - 1, integer: true }))
    .option('--trainee <name>', 'who is training (default: $CALLFLOOR_TRAINEE, else your user name)')
    .option('--realtime', 'hesitating costs the caller’s patience, and node timeouts fire on the wall clock', false)
    .option('--rubric <name>', 'score with LATTE, LEARN or HEARD instead of the script’s own rubric', parseRubric)
    .option('--scripts <dir>', 'also offer the call scripts in this folder (repeatable)', collect, [] as string[])
    .option('--answers <file>', 'play without a terminal: a YAML/JSON answers file, or - for JSON lines on standard input')
    .option('--transcript-out <file>', 'write the session transcript and debrief: .json as JSON, anything else as Markdown (repeatable)', collect, [] as string[])
    .option('--transcript-dir <dir>', 'folder for transcripts saved from the debrief screen with m / j (default: the current folder)')
    .option('--history <file>', 'training history database (default: the callfloor data folder)')
    .option('--no-history', 'do not store the session in the history')
    .action(async (scriptName: string | undefined, options: TrainOptions) => {
      const sources = trainingScriptSources(options.scripts);
      const trainee = options.trainee?.trim() || defaultTrainee();
      const seed = options.seed ?? randomInt(2 ** 31 - 1);
      const historyFile = options.history === false ? undefined : resolveHistoryPath(options.history);
      const rubric = options.rubric;

      const save = async (record: SessionRecord): Promise<string> => {
        if (historyFile === undefined) return 'Not stored in the history (--no-history).';
        const id = await updateHistory(historyFile, (store) => store.addSession(record));
        return `Stored as session ${id} in ${historyFile}`;
      };
      const writeOutputs = async (record: SessionRecord): Promise<string[]> => {
        const written: string[] = [];
        for (const file of options.transcriptOut) {
          await writeTranscript(file, record);
          written.push(`Transcript written to ${file}`);
        }
        return written;
      };

      if (options.answers !== undefined) {
        if (scriptName === undefined) throw new CliError('--answers needs the script to play: callfloor train SCRIPT --answers FILE');
        const entry = await resolveScript(scriptName, sources, io);
        const language = languageFor(entry, options.lang);
        const parsed = await readAnswers(options.answers, terminal);
        if (!parsed.ok) {
          io.stderr(parsed.errors.map(formatAnswersDiagnostic).join('\n') + '\n');
          throw new CliError(`the answers file ${options.answers} has ${parsed.errors.length === 1 ? 'an error' : `${parsed.errors.length} errors`}.`);
        }
        const startedAt = new Date().toISOString();
        const played = playAnswers(entry.script, parsed.plan, { language, seed, ...(rubric !== undefined ? { rubric } : {}) });
        if (!played.ok) {
          io.stderr(played.errors.map(formatAnswersDiagnostic).join('\n') + '\n');
          throw new CliError(`the answers in ${options.answers} do not fit the call ${entry.script.id}; nothing was saved.`);
        }
        const record = sessionRecord(played.session, { trainee, startedAt, finishedAt: new Date().toISOString(), file: entry.file });
        const notes = [await save(record), ...(await writeOutputs(record))];
        io.stdout(recordText(record) + '\n' + notes.join('\n') + '\n');
        return;
      }

      if (!terminal.interactive()) {
        throw new CliError(
          'callfloor train needs a terminal for the role-play, and standard input/output are not one (CI, a pipe, a redirect).\n' +
            'To play without a terminal, give the choices: callfloor train SCRIPT --answers answers.yaml (a YAML list of option ids),\n' +
            'or send JSON lines on standard input: printf \'"hear"\\n"empathize"\\n\' | callfloor train SCRIPT --answers -',
        );
      }

      const initial = scriptName !== undefined ? await resolveScript(scriptName, sources, io) : undefined;
      if (initial !== undefined) languageFor(initial, options.lang);
      let entries: readonly CatalogEntry[] = [];
      if (initial === undefined) {
        const catalog = await loadCatalog(sources);
        for (const error of catalog.errors) io.stderr(formatScriptDiagnostic(error) + '\n');
        if (catalog.entries.length === 0) throw new CliError('no call scripts to train with: the bundled folder is missing and no --scripts folder has valid scripts.');
        entries = catalog.entries;
      }
      const transcriptDir = options.transcriptDir ?? process.cwd();
      let finished: SessionRecord | undefined;
      const effects = {
        now: () => Date.now(),
        finish: async (session: TrainingSession, entry: CatalogEntry, startedAt: Date) => {
          const record = sessionRecord(session, { trainee, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), file: entry.file });
          finished = record;
          const notes: string[] = [];
          try {
            notes.push(await save(record));
            notes.push(...(await writeOutputs(record)));
          } catch (error) {
            notes.push(`Could not save: ${error instanceof CliError || error instanceof Error ? error.message : String(error)}`);
          }
          return { record, saved: notes.join('\n') };
        },
        exportRecord: async (record: SessionRecord, kind: 'markdown' | 'json') => {
          const path = join(transcriptDir, exportName(record, kind));
          try {
            await writeTranscript(path, record);
            return `Saved ${path}`;
          } catch (error) {
            return error instanceof CliError ? `Could not save: ${error.message}` : `Could not write ${path}: ${(error as Error).message}`;
          }
        },
      };
      const [{ render }, { createElement }, { TrainingApp }] = await Promise.all([import('ink'), import('react'), import('../../training/components/App.tsx')]);
      const app = render(
        createElement(TrainingApp, { entries, ...(initial !== undefined ? { initial } : {}), ...(options.lang !== undefined ? { language: options.lang } : {}), seed, realtime: options.realtime, ...(rubric !== undefined ? { rubric } : {}), effects }),
        { exitOnCtrlC: true },
      );
      await app.waitUntilExit();
      if (finished === undefined) io.stderr('Session abandoned before the end of the call: nothing was saved.\n');
    });
}

/** The language to play `entry` in; an error if the script is not written in the one asked for. */
function languageFor(entry: CatalogEntry, requested: Language | undefined): Language {
  const languages = scriptLanguages(entry.script);
  if (requested === undefined) return languages[0]!;
  if (!languages.includes(requested)) throw new CliError(`${entry.script.id} is written in ${languages.join(' and ')}, not ${requested}; use --lang ${languages[0]}.`);
  return requested;
}
