/**
 * Runs `callfloor calibrate` in-process through {@link registerCalibrate}, with the same
 * error handling as src/cli/main.ts (CliError → its exit code, commander usage errors → 2),
 * so the tests do not depend on the command being registered in main.ts.
 */
import { Command, CommanderError } from 'commander';
import { CliError } from '../../src/cli/cliError.ts';
import { registerCalibrate } from '../../src/cli/commands/calibrate.ts';

export async function runCalibrate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const program = new Command().name('callfloor').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCalibrate(program, io);
  try {
    await program.parseAsync(['calibrate', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, stdout, stderr: stderr + `callfloor: ${error.message}\n` };
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    throw error;
  }
}
