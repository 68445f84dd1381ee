import { InvalidArgumentError, type Command } from 'commander';
import { formatScriptDiagnostic } from '../../callscripts/errors.ts';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../callscripts/graph.ts';
import { lintScriptFile } from '../../callscripts/load.ts';
import { LANGUAGES, scriptLanguages, type Language } from '../../callscripts/schema.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { writeFileAtomic } from '../writeAtomic.ts';

function parseFormat(text: string): GraphFormat {
  if ((GRAPH_FORMATS as readonly string[]).includes(text)) return text as GraphFormat;
  throw new InvalidArgumentError(`--format must be mermaid or dot, got "${text}".`);
}

function parseLanguage(text: string): Language {
  if ((LANGUAGES as readonly string[]).includes(text)) return text as Language;
  throw new InvalidArgumentError(`--lang must be it or en, got "${text}".`);
}

function parseLabels(text: string): 'id' | 'text' {
  if (text === 'id' || text === 'text') return text;
  throw new InvalidArgumentError(`--labels must be id or text, got "${text}".`);
}

function parseDirection(text: string): 'TD' | 'LR' {
  const upper = text.toUpperCase();
  if (upper === 'TD' || upper === 'TB') return 'TD';
  if (upper === 'LR') return 'LR';
  throw new InvalidArgumentError(`--direction must be TD (top-down) or LR (left-right), got "${text}".`);
}

interface GraphCommandOptions {
  format: GraphFormat;
  lang?: Language;
  labels: 'id' | 'text';
  direction: 'TD' | 'LR';
  out?: string;
}

/**
 * `callfloor graph <script>`: draws a call script as a Mermaid flowchart or a Graphviz DOT
 * digraph. A script with lint errors (an unknown goto, a dead end) is still drawn, with a
 * note on standard error; one that does not match the schema is not (exit code 2).
 */
export function registerGraph(program: Command, io: Io): void {
  program
    .command('graph')
    .description('draw a call script as a Mermaid flowchart or a Graphviz DOT graph')
    .argument('<script>', 'call script YAML file')
    .option('-f, --format <format>', 'mermaid (default) or dot', parseFormat, 'mermaid' as GraphFormat)
    .option('--lang <it|en>', "language of titles and option texts (default: the script's first language)", parseLanguage)
    .option('--labels <id|text>', 'label options with their id (default) or their text', parseLabels, 'id' as const)
    .option('--direction <TD|LR>', 'top-down (default) or left-right', parseDirection, 'TD' as const)
    .option('-o, --out <file>', 'write the graph to this file instead of standard output')
    .action(async (file: string, options: GraphCommandOptions) => {
      const { script, errors } = await lintScriptFile(file);
      if (script === undefined) {
        for (const error of errors) io.stderr(formatScriptDiagnostic(error) + '\n');
        throw new CliError(`${file} is not a valid call script.`);
      }
      if (options.lang !== undefined && !scriptLanguages(script).includes(options.lang)) {
        throw new CliError(`${file} is written in ${scriptLanguages(script).join(' and ')}, not ${options.lang}.`);
      }
      if (errors.length > 0) {
        io.stderr(`callfloor: note: ${file} has ${errors.length} lint ${errors.length === 1 ? 'error' : 'errors'}; run callfloor lint ${file} to see them.\n`);
      }
      const text = renderGraph(script, options.format, {
        ...(options.lang !== undefined ? { language: options.lang } : {}),
        labels: options.labels,
        direction: options.direction,
      });
      if (options.out !== undefined) await writeFileAtomic(options.out, text);
      else io.stdout(text);
    });
}
