import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content,
 * never half of it: write a temporary file beside the target, flush it, then rename.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

/**
 * Writes several files as one: every content goes to a temporary file beside its target
 * first, and only when all are written and flushed are they renamed into place. An error
 * (or `signal` aborting, e.g. on Ctrl-C) before the renames leaves no target touched and
 * no temporary file behind.
 */
export async function writeFilesAtomic(files: ReadonlyArray<{ readonly path: string; readonly content: string }>, signal?: AbortSignal): Promise<void> {
  const temporaries: string[] = [];
  try {
    for (const file of files) {
      signal?.throwIfAborted();
      const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
      temporaries.push(temporary);
      const handle = await fs.open(temporary, 'w');
      try {
        await handle.writeFile(file.content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    signal?.throwIfAborted();
  } catch (error) {
    await Promise.all(temporaries.map((temporary) => fs.rm(temporary, { force: true })));
    throw error;
  }
  // Renames within a folder are atomic and do not fail for lack of space.
  let renamed = 0;
  try {
    for (const [index, file] of files.entries()) {
      await fs.rename(temporaries[index]!, file.path);
      renamed++;
    }
  } catch (error) {
    await Promise.all(temporaries.slice(renamed).map((temporary) => fs.rm(temporary, { force: true })));
    throw error;
  }
}
