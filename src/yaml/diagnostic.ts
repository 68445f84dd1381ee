/**
 * The shape and the one-line format every file diagnostic of callfloor shares (scenarios,
 * call scripts, training answers): `file:line:col  CODE  what happened — what to do`.
 *
 * Each loader keeps its own catalogue of codes; this module only knows the codes that
 * come from reading and parsing a YAML text file ({@link YamlCode}), which every catalogue
 * must contain.
 */

/** Whether a diagnostic stops the file from loading (`error`) or only draws attention (`warning`). */
export type Severity = 'error' | 'warning';

/** One entry of an error catalogue. */
export interface ErrorCodeInfo {
  /** Default severity of the code. */
  readonly severity: Severity;
  /** Short name of the problem. */
  readonly title: string;
  /** Why this is a problem, in one line. */
  readonly why: string;
  /** Default advice, used when a diagnostic has nothing more specific to say. */
  readonly whatToDo: string;
}

/** A problem found in a file, with its position and advice. */
export interface FileDiagnostic<C extends string = string> {
  code: C;
  severity: Severity;
  /** The file as the user named it (or the label passed to the parser). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters (a byte-order mark is not counted). */
  column: number;
  /** What happened. */
  message: string;
  /** What to do. */
  hint: string;
  /** Path of the setting inside the document, e.g. `['callerTypes', 0, 'share']`; `[]` for the whole file. */
  path: (string | number)[];
}

/** Codes produced while reading and parsing YAML; every loader's catalogue has them. */
export const yamlCodes = [
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'FILE_EMPTY',
  'YAML_SYNTAX',
  'YAML_DUPLICATE_KEY',
  'YAML_ALIAS_LIMIT',
  'YAML_UNDEFINED_ALIAS',
  'YAML_TOO_DEEP',
  'YAML_WARNING',
  'INTERNAL_ERROR',
] as const;

export type YamlCode = (typeof yamlCodes)[number];

/** The part of a catalogue the YAML reader needs. */
export type CatalogueOf<C extends string> = { readonly [K in C]: Pick<ErrorCodeInfo, 'severity' | 'whatToDo'> };

/**
 * One line per diagnostic:
 *
 * - error:   `${file}:${line}:${column}  ${code}  ${message} — ${hint}`
 * - warning: `${file}:${line}:${column}  warning ${code}  ${message} — ${hint}`
 *
 * Warnings carry the word `warning` before the code (inside the code column, which is
 * still delimited by two spaces), so `grep CODE` finds both and `grep '  warning '`
 * separates warnings from errors. Errors carry no marker. Line breaks inside a message
 * are flattened so that one diagnostic is always one line.
 */
export function formatFileDiagnostic(d: FileDiagnostic): string {
  const code = d.severity === 'warning' ? `warning ${d.code}` : d.code;
  return `${d.file}:${d.line}:${d.column}  ${code}  ${oneLine(d.message)} — ${oneLine(d.hint)}`;
}

function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
}

/** Orders diagnostics by position in the file; ties keep their original order. */
export function compareFileDiagnostics(a: FileDiagnostic, b: FileDiagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** A diagnostic with the catalogue's severity, and its default advice when `hint` is not given. */
export function makeFileDiagnostic<C extends string>(
  catalogue: CatalogueOf<C>,
  code: C,
  file: string,
  message: string,
  hint?: string,
  line = 1,
  column = 1,
  path: (string | number)[] = [],
): FileDiagnostic<C> {
  return { code, severity: catalogue[code].severity, file, line, column, message, hint: hint ?? catalogue[code].whatToDo, path };
}

/** Drops repeated diagnostics (same code, position and message). */
export function dedupeDiagnostics<D extends FileDiagnostic>(diagnostics: readonly D[]): D[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\u0000${d.line}\u0000${d.column}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
