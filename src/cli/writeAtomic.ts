import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cliError.ts';

/**
 * Temporary files not yet renamed into place. If the process is interrupted (Ctrl-C), the
 * CLI removes them (see {@link removePendingFiles}), so an interrupted command leaves
 * neither a partial output nor a stray temporary file.
 */
const pending = new Set<string>();

function temporaryFor(path: string): string {
  // Shortened so that a target name near the 255-byte limit still has a temporary name.
  return join(dirname(path), `.${[...basename(path)].slice(0, 60).join('')}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * A file-system error while writing an output the user named, as a {@link CliError}
 * (exit 2) that says what to do, instead of an "unexpected failure"; other errors are kept.
 */
function writeError(path: string, error: unknown): unknown {
  const converted = userError(path, error);
  // Callers that print the system code (the training history) still find it.
  return converted instanceof CliError ? Object.assign(converted, { code: (error as NodeJS.ErrnoException).code }) : error;
}

function userError(path: string, error: unknown): CliError | unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const shown = JSON.stringify(path);
  const folder = dirname(path);
  switch (code) {
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return path.includes('\u0000') ? new CliError(`cannot write ${shown}: the name contains a NUL byte, which no file system allows — choose another file name`) : error;
    case 'ENOENT':
      return new CliError(`cannot write ${shown}: the folder ${folder} does not exist — create it first (mkdir -p ${folder}) or choose another path`);
    case 'ENOTDIR':
      return new CliError(`cannot write ${shown}: a part of the path is a file, not a folder — choose another path`);
    case 'ENAMETOOLONG':
      return new CliError(`cannot write ${shown}: the name is too long (${Buffer.byteLength(basename(path))} bytes; most file systems allow 255) — choose a shorter file name`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new CliError(`cannot write ${shown}: permission denied — choose a folder you can write to`);
    case 'EISDIR':
      return new CliError(`cannot write ${shown}: it is a folder — give a file name inside it`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new CliError(`cannot write ${shown}: the disk is full — free some space and run the command again; nothing was written`);
    default:
      return error;
  }
}

/**
 * Writes a file so that readers see either the old content or the whole new content,
 * never half of it: write a temporary file beside the target, flush it, then rename.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

/**
 * Writes several files as one: every content goes to a temporary file beside its target
 * first, and only when all are written and flushed are they renamed into place. An error
 * (or `signal` aborting, e.g. on Ctrl-C) before the renames leaves no target touched and
 * no temporary file behind.
 */
export async function writeFilesAtomic(files: ReadonlyArray<{ readonly path: string; readonly content: string | Uint8Array }>, signal?: AbortSignal): Promise<void> {
  // A Ctrl-C pressed while a long computation held the event loop is handled here, before any
  // file is written: the second turn passes through the loop's poll phase, where signals are read.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
  writeFilesAtomicSync(files);
}

/**
 * The work of {@link writeFilesAtomic}, done synchronously on purpose: a Ctrl-C is handled
 * between event-loop turns, so it finds either no temporary file yet or every file already
 * in place. (With asynchronous writes, a Ctrl-C that arrived while an open was in flight
 * removed the pending files, then the open created one after the removal: a stray `.tmp`.)
 */
function writeFilesAtomicSync(files: ReadonlyArray<{ readonly path: string; readonly content: string | Uint8Array }>): void {
  const temporaries: string[] = [];
  try {
    try {
      for (const file of files) {
        const temporary = temporaryFor(file.path);
        temporaries.push(temporary);
        pending.add(temporary);
        const descriptor = openSync(temporary, 'w');
        try {
          const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
          for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
          fsyncSync(descriptor);
        } finally {
          closeSync(descriptor);
        }
      }
    } catch (error) {
      for (const temporary of temporaries) removeQuietly(temporary);
      throw writeError(files[temporaries.length - 1]?.path ?? '', error);
    }
    // Renames within a folder are atomic and do not fail for lack of space.
    let renamed = 0;
    try {
      for (const [index, file] of files.entries()) {
        renameSync(temporaries[index]!, file.path);
        renamed++;
      }
    } catch (error) {
      for (const temporary of temporaries.slice(renamed)) removeQuietly(temporary);
      throw writeError(files[renamed]!.path, error);
    }
  } finally {
    for (const temporary of temporaries) pending.delete(temporary);
  }
}

/** Removes a temporary file if it is there; a name no file system accepts was never created. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was created under that name.
  }
}

/** A file written piece by piece and put in place whole by {@link AtomicWriter.commit}. */
export interface AtomicWriter {
  /** Appends text (buffered; flushed in large blocks). */
  write(text: string): void;
  /** Flushes, syncs and renames the file into place. */
  commit(): void;
  /** Removes the temporary file; the target is left as it was. Safe to call twice. */
  abort(): void;
}

const FLUSH_AT = 1 << 20;

/**
 * Opens a temporary file beside `path` for output too large to hold in memory (call
 * records): memory stays bounded by the buffer, and the target appears only on commit.
 * Synchronous, so it can be fed from the simulator's record callback.
 */
export function openAtomicWriter(path: string): AtomicWriter {
  const temporary = temporaryFor(path);
  let fd: number;
  try {
    fd = openSync(temporary, 'w');
  } catch (error) {
    throw writeError(path, error);
  }
  pending.add(temporary);
  let open = true;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = (): void => {
    if (buffered === 0) return;
    writeSync(fd, buffer.join(''));
    buffer = [];
    buffered = 0;
  };
  const close = (): void => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  const abort = (): void => {
    close();
    rmSync(temporary, { force: true });
    pending.delete(temporary);
  };
  return {
    write(text) {
      if (!open) throw new Error('the file is already closed');
      buffer.push(text);
      buffered += text.length;
      if (buffered >= FLUSH_AT) flush();
    },
    commit() {
      try {
        flush();
        fsyncSync(fd);
        close();
        renameSync(temporary, path);
        pending.delete(temporary);
      } catch (error) {
        abort();
        throw writeError(path, error);
      }
    },
    abort,
  };
}

/** Removes every temporary file still pending (for an interrupted process). Synchronous. */
export function removePendingFiles(): string[] {
  const removed = [...pending];
  for (const temporary of removed) rmSync(temporary, { force: true });
  pending.clear();
  return removed;
}
