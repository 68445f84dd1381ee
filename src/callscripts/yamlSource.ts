/**
 * YAML text → document with positions, and setting paths → file:line:col, for call scripts.
 *
 * A thin layer over the shared reader in src/yaml (the same one the scenario loader uses):
 * it fixes the script catalogue, the limits and the word "call script" in messages.
 */
import {
  DEFAULT_LIMITS,
  makeFileDiagnostic,
  parseYamlText,
  readTextFile as readYamlTextFile,
  type Anchor,
  type Finding as YamlFinding,
  type Locator as YamlLocator,
  type Path,
} from '../yaml/index.ts';
import { scriptErrorCatalogue, type ScriptDiagnostic, type ScriptErrorCode } from './errors.ts';

export type { Anchor, Path };

/** A problem before it has a position. */
export type Finding = YamlFinding<ScriptErrorCode>;

/** Maps setting paths of a script to file positions. */
export type Locator = YamlLocator<ScriptErrorCode>;

/** Aliases may expand to at most this many nodes. */
export const MAX_ALIAS_COUNT = DEFAULT_LIMITS.maxAliasCount;
/** Lists and maps may nest at most this deep. */
export const MAX_DEPTH = DEFAULT_LIMITS.maxDepth;
/** Script files larger than this are not read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const NOUN = 'call script';

export function makeDiagnostic(code: ScriptErrorCode, file: string, message: string, hint?: string, line = 1, column = 1, path: Path = []): ScriptDiagnostic {
  return makeFileDiagnostic(scriptErrorCatalogue, code, file, message, hint, line, column, path);
}

/** Reads a UTF-8 text file; problems with the file are diagnostics, never exceptions. */
export function readTextFile(path: string): Promise<{ text: string } | { error: ScriptDiagnostic }> {
  return readYamlTextFile(path, { noun: NOUN, maxBytes: MAX_FILE_BYTES, catalogue: scriptErrorCatalogue });
}

/** A parsed YAML document with its positions, or the diagnostics that stopped parsing. */
export type ParsedYaml =
  | { ok: true; data: unknown; locator: Locator; warnings: ScriptDiagnostic[] }
  | { ok: false; errors: ScriptDiagnostic[]; warnings: ScriptDiagnostic[] };

/** Text → plain data with a {@link Locator}; YAML syntax problems as diagnostics. */
export function parseYaml(rawText: string, file: string): ParsedYaml {
  const parsed = parseYamlText(rawText, file, { noun: NOUN, catalogue: scriptErrorCatalogue, maxAliasCount: MAX_ALIAS_COUNT, maxDepth: MAX_DEPTH });
  if (!parsed.ok) return parsed;
  return { ok: true, data: parsed.data, locator: parsed.locator, warnings: parsed.warnings };
}
