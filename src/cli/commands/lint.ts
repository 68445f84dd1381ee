import { InvalidArgumentError, type Command } from 'commander';
import { formatScriptDiagnostic, type ScriptDiagnostic } from '../../callscripts/errors.ts';
import { lintScriptFile } from '../../callscripts/load.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';

type LintFormat = 'text' | 'json';

function parseFormat(text: string): LintFormat {
  if (text === 'text' || text === 'json') return text;
  throw new InvalidArgumentError(`--format must be text or json, got "${text}".`);
}

function plain(d: ScriptDiagnostic): Record<string, unknown> {
  return { code: d.code, severity: d.severity, line: d.line, column: d.column, message: d.message, hint: d.hint, path: d.path };
}

/**
 * `callfloor lint <scripts...>`: every problem of each call script, as
 * `file:line:col  CODE  what happened — what to do` on standard error (like `validate`),
 * `file: ok` on standard output. Exit code 2 if any file has an error; warnings alone exit 0.
 */
export function registerLint(program: Command, io: Io): void {
  program
    .command('lint')
    .description('check call scripts: schema, gotos, unreachable nodes, dead ends, conditions, tags, effects, translations')
    .argument('<files...>', 'call script YAML files')
    .option('-f, --format <format>', 'text (default) or json (one object with every file and diagnostic, on standard output)', parseFormat, 'text' as LintFormat)
    .action(async (files: string[], options: { format: LintFormat }) => {
      let failed = 0;
      const report: Array<Record<string, unknown>> = [];
      for (const file of files) {
        const { errors, warnings } = await lintScriptFile(file);
        if (errors.length > 0) failed++;
        if (options.format === 'json') {
          report.push({ file, ok: errors.length === 0, errors: errors.map(plain), warnings: warnings.map(plain) });
          continue;
        }
        const all = [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column);
        for (const diagnostic of all) io.stderr(formatScriptDiagnostic(diagnostic) + '\n');
        if (errors.length === 0) {
          const count = warnings.length;
          io.stdout(`${file}: ok${count > 0 ? ` (${count} ${count === 1 ? 'warning' : 'warnings'})` : ''}\n`);
        }
      }
      if (options.format === 'json') io.stdout(JSON.stringify({ files: report }, null, 2) + '\n');
      if (failed > 0) throw new CliError(`${failed} of ${files.length} ${files.length === 1 ? 'script has' : 'scripts have'} errors.`);
    });
}
