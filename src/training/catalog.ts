/**
 * The scripts a trainee can pick: the bundled ones, the user's own folder and any folder
 * named with --scripts. Each file is loaded and linted like any script; files with errors
 * are reported, not offered.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScriptDiagnostic } from '../callscripts/errors.ts';
import { loadCallScriptFile } from '../callscripts/load.ts';
import type { CallScript } from '../callscripts/schema.ts';

export interface ScriptSource {
  readonly dir: string;
  /** Shown in the menu: bundled, user, or the folder given. */
  readonly label: string;
  /** A missing folder is an error only if the user named it. */
  readonly required: boolean;
}

export interface CatalogEntry {
  readonly script: CallScript;
  readonly file: string;
  readonly source: string;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Problems of files that could not be offered (and of folders named but missing). */
  readonly errors: readonly ScriptDiagnostic[];
}

/** The folder of the scripts shipped with callfloor. */
export const BUNDLED_SCRIPTS_DIR = new URL('../../callscripts/', import.meta.url);

async function yamlFiles(dir: string): Promise<string[] | NodeJS.ErrnoException> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => /\.ya?ml$/i.test(name)).sort().map((name) => join(dir, name));
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * Loads every script of the sources, in order. When two scripts share an id, the later
 * source wins (a user's own copy of a bundled script replaces it).
 */
export async function loadCatalog(sources: readonly ScriptSource[]): Promise<Catalog> {
  const byId = new Map<string, CatalogEntry>();
  const errors: ScriptDiagnostic[] = [];
  for (const source of sources) {
    const files = await yamlFiles(source.dir);
    if (!Array.isArray(files)) {
      if (source.required) {
        errors.push({ code: 'FILE_NOT_FOUND', severity: 'error', file: source.dir, line: 1, column: 1, message: `cannot list the scripts folder ${source.dir} (${files.code ?? files.message})`, hint: 'check the --scripts path', path: [] });
      }
      continue;
    }
    for (const file of files) {
      const loaded = await loadCallScriptFile(file);
      if (!loaded.ok) {
        errors.push(...loaded.errors);
        continue;
      }
      byId.delete(loaded.script.id);
      byId.set(loaded.script.id, { script: loaded.script, file, source: source.label });
    }
  }
  return { entries: [...byId.values()], errors };
}
