/**
 * The history database file: read it, change it in memory, write it back atomically.
 * A missing file is an empty history; a file that is not a history is an error (exit 2)
 * and is never overwritten.
 */
import { mkdir, open as openFile, readFile, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { historyPath } from '../training/dataDir.ts';
import { HistoryFormatError, HistoryStore } from '../training/history.ts';
import { CliError } from './cliError.ts';
import { writeFileAtomic } from './writeAtomic.ts';

/** The history file: --history, else the data folder (CALLFLOOR_HOME, XDG_DATA_HOME…). */
export function resolveHistoryPath(option: string | undefined): string {
  return resolve(option ?? historyPath({ platform: process.platform, env: process.env, home: homedir() }));
}

async function open(path: string): Promise<HistoryStore> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new CliError(`${path}:1:1  HISTORY_UNREADABLE  the training history cannot be read (${code ?? String(error)}) — check the --history path and its permissions`);
  }
  try {
    return await HistoryStore.open(bytes);
  } catch (error) {
    if (error instanceof HistoryFormatError) {
      throw new CliError(`${path}:1:1  HISTORY_FORMAT  ${error.message} — point --history (or CALLFLOOR_HOME) at a callfloor history file, or move this file away; it was left untouched`);
    }
    throw error;
  }
}

/** Reads the history and runs `read` on it (nothing is written). */
export async function readHistory<T>(path: string, read: (store: HistoryStore) => T): Promise<T> {
  const store = await open(path);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** A lock older than this is left over from a crash and is taken over. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

/**
 * Holds `<history>.lock` while reading, changing and writing the history, so two sessions
 * finishing at once (two terminals) both get stored instead of one overwriting the other.
 */
async function withLock<T>(path: string, run: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await openFile(lock, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new CliError(`${lock}:1:1  HISTORY_UNWRITABLE  cannot create the history lock (${(error as NodeJS.ErrnoException).code ?? String(error)}) — check that the folder is writable, or choose another with --history / CALLFLOOR_HOME`);
      const age = await stat(lock).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new CliError(`${lock}:1:1  HISTORY_LOCKED  another callfloor is writing the training history — try again; if none is running, delete ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await run();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Loads the history, applies `change`, and writes the whole file atomically (under a lock). */
export async function updateHistory<T>(path: string, change: (store: HistoryStore) => T): Promise<T> {
  const unwritable = (error: unknown) =>
    new CliError(`${path}:1:1  HISTORY_UNWRITABLE  the training history cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}) — check that the folder exists and is writable, or choose another with --history / CALLFLOOR_HOME`);
  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
    throw unwritable(error);
  });
  return withLock(path, async () => {
    const store = await open(path);
    try {
      const result = change(store);
      await writeFileAtomic(path, store.export()).catch((error: unknown) => {
        throw unwritable(error);
      });
      return result;
    } finally {
      store.close();
    }
  });
}
