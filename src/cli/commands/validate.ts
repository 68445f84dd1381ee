import type { Command } from 'commander';
import { formatDiagnostic } from '../../scenario/errors.ts';
import { loadScenarioFile } from '../../scenario/load.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';

export function registerValidate(program: Command, io: Io): void {
  program
    .command('validate')
    .description('check scenario files and list every problem with file:line:col')
    .argument('<files...>', 'scenario YAML files')
    .action(async (files: string[]) => {
      let failed = 0;
      for (const file of files) {
        const result = await loadScenarioFile(file);
        for (const warning of result.warnings) io.stderr(formatDiagnostic(warning) + '\n');
        if (result.ok) {
          const warnings = result.warnings.length;
          io.stdout(`${file}: ok${warnings > 0 ? ` (${warnings} ${warnings === 1 ? 'warning' : 'warnings'})` : ''}\n`);
        } else {
          failed++;
          for (const error of result.errors) io.stderr(formatDiagnostic(error) + '\n');
        }
      }
      if (failed > 0) throw new CliError(`${failed} of ${files.length} ${files.length === 1 ? 'file is' : 'files are'} invalid.`);
    });
}
