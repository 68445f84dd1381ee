/**
 * Reading a scenario file (the I/O around {@link parseScenario}): the text, then the call
 * scripts and the arrivals CSV it names. Problems with any file are diagnostics too.
 */
import { readTextFile } from '../yaml/index.ts';
import { attachArrivalsCsv } from './arrivalsCsv.ts';
import { errorCatalogue, type Diagnostic } from './errors.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import type { LoadResult } from './loadResult.ts';
import { crashDiagnostic, parseScenario } from './parse.ts';
import { attachScripts } from './callScripts.ts';

/**
 * Reads a scenario file and validates it. Problems with the file itself (missing,
 * unreadable, not UTF-8) are diagnostics too; the promise never rejects for bad input.
 */
export async function loadScenarioFile(path: string): Promise<LoadResult> {
  try {
    const read = await readScenarioText(path);
    if ('error' in read) return { ok: false, errors: [read.error], warnings: [] };
    return await attachArrivalsCsv(await attachScripts(parseScenario(read.text, path)));
  } catch (error) {
    return { ok: false, errors: [crashDiagnostic(path, error)], warnings: [] };
  }
}

function readScenarioText(path: string): Promise<{ text: string } | { error: Diagnostic }> {
  return readTextFile(path, { noun: 'scenario', maxBytes: MAX_FILE_BYTES, catalogue: errorCatalogue });
}
