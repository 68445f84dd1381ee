import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/jsonSchema.ts';
import type { Io } from '../io.ts';
import { writeFileAtomic } from '../writeAtomic.ts';

export function registerSchema(program: Command, io: Io): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for yaml-language-server autocompletion)')
    .option('-o, --out <file>', 'write it to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
      if (options.out) await writeFileAtomic(options.out, text);
      else io.stdout(text);
    });
}
