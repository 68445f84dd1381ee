import type { Command } from 'commander';
import { idSchema } from '../../callscripts/schema.ts';
import { loadCallScriptFile } from '../../callscripts/load.ts';
import { formatScriptDiagnostics } from '../../callscripts/errors.ts';
import { suggest } from '../../callscripts/issues.ts';
import { loadCatalog } from '../../training/catalog.ts';
import { trainingScriptSources } from '../trainingSources.ts';
import { CliError } from '../cliError.ts';
import { resolveHistoryPath, updateHistory } from '../historyFile.ts';
import type { Io } from '../io.ts';
import { numberOption } from '../options.ts';

/** A script id, or the id inside a script file. */
async function scriptId(script: string, io: Io): Promise<string> {
  if (!/\.ya?ml$/i.test(script)) {
    if (!idSchema.safeParse(script).success) throw new CliError(`"${script}" is neither a script id (letters, digits, - and _) nor a .yaml file.`);
    // Still assigned when unknown here: the script may live in a folder given to train with --scripts.
    const ids = (await loadCatalog(trainingScriptSources())).entries.map((entry) => entry.script.id);
    if (!ids.includes(script)) {
      const close = suggest(script, ids);
      io.stderr(`warning: no bundled or user script has the id ${script}${close !== undefined ? ` (did you mean ${close}?)` : ''}; assigned anyway.\n`);
    }
    return script;
  }
  const loaded = await loadCallScriptFile(script);
  if (!loaded.ok) throw new CliError(`cannot assign ${script}: it has errors\n${formatScriptDiagnostics(loaded.errors)}`);
  return loaded.script.id;
}

/**
 * `callfloor assign SCRIPT --min-score N [--trainee NAME]`: a manager requires a minimum
 * score on a script, from one trainee or (without --trainee) from everyone. Stored in the
 * training history; `callfloor progress` shows pass/fail against it.
 */
export function registerAssign(program: Command, io: Io): void {
  program
    .command('assign')
    .description('require a minimum training score on a call script (for one trainee, or everyone)')
    .argument('<script>', 'script id (e.g. pre-sale-reassurance) or call script file')
    .requiredOption('--min-score <n>', 'minimum score, 0-100', numberOption('--min-score', { min: 0, max: 100 }))
    .option('--trainee <name>', 'only this trainee (default: everyone)')
    .option('--history <file>', 'training history database (default: the callfloor data folder)')
    .action(async (script: string, options: { minScore: number; trainee?: string; history?: string }) => {
      const id = await scriptId(script, io);
      const path = resolveHistoryPath(options.history);
      const trainee = options.trainee?.trim() ?? '';
      await updateHistory(path, (store) => store.assign({ script: id, trainee, minScore: options.minScore, assignedAt: new Date().toISOString() }));
      io.stdout(`Assigned ${id} to ${trainee === '' ? 'every trainee' : trainee}: minimum score ${options.minScore}.\nStored in ${path}\n`);
    });
}
