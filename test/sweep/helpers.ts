/** Drives one registered command on a fresh commander program with collecting streams. */
import { Command, CommanderError } from 'commander';
import { CliError } from '../../src/cli/cliError.ts';
import type { Io } from '../../src/cli/io.ts';

export async function drive(
  register: (program: Command, io: Io) => void,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  register(program, io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (error instanceof CliError) return { code: error.exitCode, stdout, stderr: `${stderr}callfloor: ${error.message}\n` };
    throw error;
  }
}
