import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError } from './cliError.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerCompare } from './commands/compare.ts';
import { registerErlang } from './commands/erlang.ts';
import { registerGraph } from './commands/graph.ts';
import { registerLint } from './commands/lint.ts';
import { registerReport } from './commands/report.ts';
import { registerRun } from './commands/run.ts';
import { registerSchema } from './commands/schema.ts';
import { registerStaff } from './commands/staff.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerWorker } from './commands/worker.ts';
import { registerValidate } from './commands/validate.ts';
import { registerTrain } from './commands/train.ts';
import { registerProgress } from './commands/progress.ts';
import { registerAssign } from './commands/assign.ts';
import type { Io } from './io.ts';
import { removePendingFiles } from './writeAtomic.ts';

function version(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/** Builds the command tree; exported so tests can drive it with their own Io. */
export function buildProgram(io: Io): Command {
  const program = new Command();
  program
    .name('callfloor')
    .description('Simulate a phone/contact centre and see what unanswered calls cost.')
    .version(version())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run callfloor --help for usage)');
  registerRun(program, io);
  registerValidate(program, io);
  registerSchema(program, io);
  registerCompare(program, io);
  registerCalibrate(program, io);
  registerErlang(program, io);
  registerLint(program, io);
  registerGraph(program, io);
  registerReport(program, io);
  registerTrain(program, io);
  registerProgress(program, io);
  registerAssign(program, io);
  registerStaff(program, io);
  registerSweep(program, io);
  registerWorker(program, io);
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 2 bad input or usage, 1 unexpected failure. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? 0
        : 2;
    }
    if (error instanceof CliError) {
      io.stderr(`callfloor: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`callfloor: unexpected failure: ${message}\nThis is a bug in callfloor; please report it with the command you ran.\n`);
    if (process.env.CALLFLOOR_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

/** Runs the CLI on this process's arguments and streams, setting the exit code. */
export async function runCli(): Promise<void> {
  const io: Io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
  // Ctrl-C or a kill: remove temporary files not yet in place, so no partial output is left.
  const interrupted = (signal: NodeJS.Signals, code: number) => (): void => {
    const removed = removePendingFiles();
    io.stderr(`\ncallfloor: interrupted (${signal})${removed.length > 0 ? '; nothing was written' : ''}.\n`);
    process.exit(code);
  };
  process.once('SIGINT', interrupted('SIGINT', 130));
  process.once('SIGTERM', interrupted('SIGTERM', 143));
  process.exitCode = await main(process.argv.slice(2), io);
}
