/**
 * Where callfloor keeps a user's training data (history database, own call scripts).
 * Pure: the platform, environment and home folder are passed in by the CLI.
 *
 * - `CALLFLOOR_HOME` when set (tests, shared folders, a USB stick);
 * - Linux and other Unixes: `$XDG_DATA_HOME/callfloor`, else `~/.local/share/callfloor`;
 * - macOS: `~/Library/Application Support/callfloor`;
 * - Windows: `%APPDATA%\callfloor`, else `~\AppData\Roaming\callfloor`.
 */
import { posix, win32 } from 'node:path';

export interface DataDirContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

/** The folder holding the user's callfloor data. */
export function dataDir({ platform, env, home }: DataDirContext): string {
  const set = (name: string) => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const own = set('CALLFLOOR_HOME');
  if (own !== undefined) return own;
  if (platform === 'win32') return win32.join(set('APPDATA') ?? win32.join(home, 'AppData', 'Roaming'), 'callfloor');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'callfloor');
  const xdg = set('XDG_DATA_HOME');
  return posix.join(xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), 'callfloor');
}

/** The history database inside the data folder. */
export function historyPath(context: DataDirContext): string {
  return (context.platform === 'win32' ? win32 : posix).join(dataDir(context), 'history.sqlite');
}

/** The folder for the user's own call scripts, listed in the training menu. */
export function userScriptsDir(context: DataDirContext): string {
  return (context.platform === 'win32' ? win32 : posix).join(dataDir(context), 'callscripts');
}
