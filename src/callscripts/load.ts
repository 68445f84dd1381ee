/**
 * Loading call scripts for use (the trainer, the simulator): a script loads only if `lint`
 * finds no error in it. Warnings come along in both cases.
 */
import { lintScriptText } from './lint.ts';
import type { ScriptDiagnostic } from './errors.ts';
import type { CallScript } from './schema.ts';
import { readTextFile } from './yamlSource.ts';

export type ScriptLoadResult =
  | { ok: true; script: CallScript; warnings: readonly ScriptDiagnostic[] }
  | { ok: false; errors: readonly ScriptDiagnostic[]; warnings: readonly ScriptDiagnostic[] };

/** Parses, validates and lints a script's text. Pure; never throws; `file` labels diagnostics. */
export function parseCallScript(text: string, file: string): ScriptLoadResult {
  const check = lintScriptText(text, file);
  if (check.script !== undefined && check.errors.length === 0) return { ok: true, script: check.script, warnings: check.warnings };
  return { ok: false, errors: check.errors, warnings: check.warnings };
}

/** Reads and checks a script file; a missing or unreadable file is a diagnostic too. */
export async function loadCallScriptFile(path: string): Promise<ScriptLoadResult> {
  const read = await readTextFile(path);
  if ('error' in read) return { ok: false, errors: [read.error], warnings: [] };
  return parseCallScript(read.text, path);
}

/** Every diagnostic of a script file, errors and warnings together, in position order. */
export async function lintScriptFile(path: string): Promise<{ errors: readonly ScriptDiagnostic[]; warnings: readonly ScriptDiagnostic[]; script: CallScript | undefined }> {
  const read = await readTextFile(path);
  if ('error' in read) return { errors: [read.error], warnings: [], script: undefined };
  return lintScriptText(read.text, path);
}
