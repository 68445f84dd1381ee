/**
 * Writes a generated file (the committed JSON Schemas) atomically through the CLI's
 * writeFileAtomic, creating its folder, and says whether the content changed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../src/cli/writeAtomic.ts';

export async function writeGenerated(target: string, text: string): Promise<{ path: string; changed: boolean }> {
  const previous = await readFile(target, 'utf8').catch(() => undefined);
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, text);
  return { path: target, changed: previous !== text };
}
