import { InvalidArgumentError, type Command } from 'commander';
import { progressReport, progressText } from '../../training/progress.ts';
import { readHistory, resolveHistoryPath } from '../historyFile.ts';
import type { Io } from '../io.ts';

type ProgressFormat = 'text' | 'json';

function parseFormat(text: string): ProgressFormat {
  if (text === 'text' || text === 'json') return text;
  throw new InvalidArgumentError(`--format must be text or json, got "${text}".`);
}

/** `callfloor progress [--trainee NAME] [--script ID]`: scores over time, per script and rubric step, with pass/fail. */
export function registerProgress(program: Command, io: Io): void {
  program
    .command('progress')
    .description('training scores over time per script and rubric step, with pass/fail against assignments')
    .option('--trainee <name>', 'only this trainee')
    .option('--script <id>', 'only this script')
    .option('--history <file>', 'training history database (default: the callfloor data folder)')
    .option('-f, --format <format>', 'text (tables and a chart, default) or json', parseFormat, 'text' as ProgressFormat)
    .action(async (options: { trainee?: string; script?: string; history?: string; format: ProgressFormat }) => {
      const path = resolveHistoryPath(options.history);
      const filter = { ...(options.trainee !== undefined ? { trainee: options.trainee } : {}), ...(options.script !== undefined ? { script: options.script } : {}) };
      const report = await readHistory(path, (store) => progressReport(store.sessions(filter), store.assignments(), filter));
      io.stdout(options.format === 'json' ? JSON.stringify({ history: path, ...report }, null, 2) + '\n' : progressText(report));
    });
}
