/**
 * YAML text → document with positions, and setting paths → file:line:col.
 *
 * The same approach as the scenario loader (src/scenario/load.ts), kept in its own module
 * so scripts and scenarios can evolve separately: parse with a LineCounter, turn parser
 * errors into diagnostics at their position, and map a path such as
 * `['nodes', 2, 'options', 0, 'goto']` back to the YAML node it came from (through aliases
 * and merge keys).
 */
import { readFile, stat } from 'node:fs/promises';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import { scriptErrorCatalogue, type ScriptDiagnostic, type ScriptErrorCode } from './errors.ts';

export type Path = (string | number)[];

/**
 * Where a finding points: `value` (the value; for a map or list under a key, the key),
 * `key` (the key itself, for unknown keys) or `parent` (the map that should hold the path,
 * for missing keys). A path that does not exist falls back to its deepest existing ancestor.
 */
export type Anchor = 'value' | 'key' | 'parent';

/** A problem before it has a position. */
export interface Finding {
  code: ScriptErrorCode;
  path: Path;
  message: string;
  hint?: string;
  anchor?: Anchor;
}

/** Aliases may expand to at most this many nodes. */
export const MAX_ALIAS_COUNT = 100;
/** Script files larger than this are not read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function makeDiagnostic(code: ScriptErrorCode, file: string, message: string, hint?: string, line = 1, column = 1, path: Path = []): ScriptDiagnostic {
  return {
    code,
    severity: scriptErrorCatalogue[code].severity,
    file,
    line,
    column,
    message,
    hint: hint ?? scriptErrorCatalogue[code].whatToDo,
    path,
  };
}

/** Reads a UTF-8 text file; problems with the file are diagnostics, never exceptions. */
export async function readTextFile(path: string): Promise<{ text: string } | { error: ScriptDiagnostic }> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return { error: makeDiagnostic('FILE_UNREADABLE', path, `${path} is a folder, not a file`, 'name a .yaml call script inside it') };
    }
    if (info.size > MAX_FILE_BYTES) {
      return {
        error: makeDiagnostic('FILE_UNREADABLE', path, `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB, too large for a call script`, 'check that this is the call script you meant'),
      };
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { error: makeDiagnostic('FILE_NOT_FOUND', path, `there is no file ${path}`) };
    return { error: makeDiagnostic('FILE_UNREADABLE', path, `${path} cannot be read (${code ?? String(error)})`) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { error: makeDiagnostic('FILE_UNREADABLE', path, 'the file contains a NUL byte, so it is binary, not YAML text', 'check that this is the call script you meant') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // The first replacement character of a lenient decoding is where the bad bytes start.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
    const lines = before.split('\n');
    return {
      error: makeDiagnostic(
        'FILE_UNREADABLE',
        path,
        'the file is not valid UTF-8 text (probably saved as Latin-1 or Windows-1252)',
        'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
        lines.length,
        [...lines[lines.length - 1]!].length + 1,
      ),
    };
  }
}

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  BAD_INDENT: 'line up the items of each map or list, indented with spaces under their key',
  MISSING_CHAR: 'add the missing closing quote or bracket',
  BLOCK_AS_IMPLICIT_KEY: 'put the nested settings on their own indented lines, or quote a text that contains ": "',
  MULTIPLE_DOCS: 'keep one call script per file: remove the --- line and what follows',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected character',
  BAD_SCALAR_START: 'quote the text (it starts with a character YAML reserves, such as { or @)',
  BLOCK_IN_FLOW: 'inside { } or [ ] write everything on one line, separated by commas',
  TAG_RESOLVE_FAILED: 'remove the !tag; call scripts use plain YAML values',
};

/** A parsed YAML document with its positions, or the diagnostics that stopped parsing. */
export type ParsedYaml =
  | { ok: true; data: unknown; locator: Locator; warnings: ScriptDiagnostic[] }
  | { ok: false; errors: ScriptDiagnostic[]; warnings: ScriptDiagnostic[] };

/** Text → plain data with a {@link Locator}; YAML syntax problems as diagnostics. */
export function parseYaml(rawText: string, file: string): ParsedYaml {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true, logLevel: 'error' });
  const locator = new Locator(doc, lineCounter, file);
  const warnings = doc.warnings.map((warning) => yamlDiagnostic(warning, file, text, doc, lineCounter, 'YAML_WARNING'));
  const errors = doc.errors.map((error) =>
    yamlDiagnostic(error, file, text, doc, lineCounter, error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX'),
  );
  if (errors.length > 0) return { ok: false, errors, warnings };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && (contents.range?.[0] ?? 0) === (contents.range?.[1] ?? 0))) {
    return {
      ok: false,
      errors: [makeDiagnostic('FILE_EMPTY', file, text.trim() === '' ? 'the file is empty' : 'the file contains only comments')],
      warnings,
    };
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locator, warnings };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const aliasOffset = firstAliasOffset(doc);
    if (/excessive alias count/i.test(message)) {
      const finding: Finding = {
        code: 'YAML_ALIAS_LIMIT',
        path: [],
        message: `aliases expand to more than ${MAX_ALIAS_COUNT} nodes, which looks like an alias bomb`,
        hint: 'write the values out, or use far fewer nested aliases (*name)',
      };
      return { ok: false, errors: [locator.at(finding, aliasOffset)], warnings };
    }
    const unresolved = /unresolved alias[^:]*:\s*(.+)$/i.exec(message);
    if (unresolved) {
      const name = unresolved[1]!.trim();
      const finding: Finding = {
        code: 'YAML_UNDEFINED_ALIAS',
        path: [],
        message: `alias *${name} refers to no anchor &${name} defined before it`,
        hint: `define &${name} before this line, or fix the spelling of the alias`,
      };
      return { ok: false, errors: [locator.at(finding, firstAliasOffset(doc, name))], warnings };
    }
    return { ok: false, errors: [locator.at({ code: 'YAML_SYNTAX', path: [], message: `the YAML cannot be read: ${message}` }, undefined)], warnings };
  }
}

function yamlDiagnostic(
  error: YAMLError,
  file: string,
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
  code: ScriptErrorCode,
): ScriptDiagnostic {
  const start = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
  let message = error.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
  message = message.charAt(0).toLowerCase() + message.slice(1);
  let hint = YAML_HINTS[error.code] ?? scriptErrorCatalogue[code].whatToDo;
  const at = (offset: number, what: string, advice: string): ScriptDiagnostic => {
    const position = lineCounter.linePos(offset);
    return makeDiagnostic(code, file, what, advice, position.line, position.col);
  };
  // The parser notices an unclosed quote or bracket where the file ends; point at where it opens.
  const quote = /missing closing (["'])quote/i.exec(message);
  if (quote) {
    const opening = unclosedNodeStart(doc, error.pos[0], (node) => text[rangeStart(node) ?? -1] === quote[1]);
    if (opening !== undefined) return at(opening, `the ${quote[1]}quote opened here is never closed`, `add the closing ${quote[1]} at the end of the text`);
  }
  const bracket = /end with an? ([\]}])/.exec(message);
  if (bracket) {
    const closing = bracket[1]!;
    const opening = unclosedNodeStart(
      doc,
      error.pos[0],
      (node) => (node as { flow?: boolean }).flow === true && text[rangeStart(node) ?? -1] === (closing === '}' ? '{' : '[') && !text.slice(rangeStart(node), (node as { range?: number[] }).range?.[1]).trimEnd().endsWith(closing),
    );
    if (opening !== undefined) {
      return at(opening, `the ${closing === '}' ? '{' : '['} opened here is never closed`, `add the closing ${closing}: an inline ${closing === '}' ? 'map' : 'list'} must end before the next setting starts`);
    }
  }
  if (error.code === 'MULTIPLE_DOCS') message = 'the file holds more than one YAML document (a --- line starts a second one)';
  if (code === 'YAML_DUPLICATE_KEY') {
    const key = /^\s*("[^"]*"|'[^']*'|[^:#\n]+?)\s*:/.exec(text.slice(error.pos[0]));
    if (key) message = `the key ${key[1]} appears twice in the same map`;
    hint = 'remove or rename one of the two keys (YAML would silently keep only one value)';
  } else if (/quote/.test(message)) hint = 'add the missing closing quote';
  return makeDiagnostic(code, file, message, hint, start.line, start.col);
}

/** Start of the latest node that starts before `offset` and matches (the quote or bracket left open). */
function unclosedNodeStart(doc: Document.Parsed, offset: number, matches: (node: unknown) => boolean): number | undefined {
  let best: number | undefined;
  const consider = (node: unknown): void => {
    const begin = rangeStart(node);
    if (begin === undefined || begin > offset || !matches(node)) return;
    if (best === undefined || begin > best) best = begin;
  };
  visit(doc, { Scalar: (_key, node) => consider(node), Map: (_key, node) => consider(node), Seq: (_key, node) => consider(node) });
  return best;
}

function firstAliasOffset(doc: Document.Parsed, name?: string): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

interface Step {
  value: unknown;
  key: unknown;
}

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range ? range[0] : undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && key.value !== null && typeof key.value !== 'symbol' && String(key.value) === String(segment);
}

/** Maps setting paths to YAML nodes and then to file positions. */
export class Locator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  private deref(node: unknown): unknown {
    let current = node;
    for (let i = 0; i < 16 && isAlias(current); i++) current = current.resolve(this.doc);
    return current;
  }

  private findPair(map: unknown, segment: string | number, depth = 0): Step | undefined {
    const container = this.deref(map);
    if (!isMap(container) || depth > 8) return undefined;
    for (const pair of container.items) if (keyMatches(pair.key, segment)) return { value: pair.value, key: pair.key };
    for (const pair of container.items) {
      if (!isMergeKey(pair.key)) continue;
      const source = this.deref(pair.value);
      for (const item of isSeq(source) ? source.items : [source]) {
        const found = this.findPair(item, segment, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private walk(path: Path): { steps: Step[]; complete: boolean } {
    const steps: Step[] = [{ value: this.doc.contents, key: null }];
    for (const segment of path) {
      const container = this.deref(steps[steps.length - 1]!.value);
      let next: Step | undefined;
      if (isMap(container)) next = this.findPair(container, segment);
      else if (isSeq(container) && typeof segment === 'number') {
        const item = container.items[segment];
        if (item !== undefined) next = { value: item, key: null };
      }
      if (!next) return { steps, complete: false };
      steps.push(next);
    }
    return { steps, complete: true };
  }

  private stepOffset(step: Step): number | undefined {
    const { value, key } = step;
    const keyStart = rangeStart(key);
    if ((isMap(value) || isSeq(value)) && keyStart !== undefined) return keyStart;
    if (isScalar(value) && value.value === null && keyStart !== undefined) {
      const range = value.range;
      if (!range || range[0] === range[1]) return keyStart;
    }
    return rangeStart(value) ?? keyStart;
  }

  offset(path: Path, anchor: Anchor = 'value'): number | undefined {
    if (anchor === 'parent' && path.length > 0) return this.offset(path.slice(0, -1), 'value');
    const { steps, complete } = this.walk(path);
    if (anchor === 'key' && complete) {
      const keyStart = rangeStart(steps[steps.length - 1]!.key);
      if (keyStart !== undefined) return keyStart;
    }
    for (let i = steps.length - 1; i >= 0; i--) {
      const offset = this.stepOffset(steps[i]!);
      if (offset !== undefined) return offset;
    }
    return undefined;
  }

  /** 1-based line and column of the setting at `path`. */
  position(path: Path, anchor: Anchor = 'value'): { line: number; column: number } {
    return this.positionOf(this.offset(path, anchor));
  }

  positionOf(offset: number | undefined): { line: number; column: number } {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  diagnostic(finding: Finding): ScriptDiagnostic {
    const { line, column } = this.position(finding.path, finding.anchor ?? 'value');
    return makeDiagnostic(finding.code, this.file, finding.message, finding.hint, line, column, finding.path);
  }

  at(finding: Finding, offset: number | undefined): ScriptDiagnostic {
    const { line, column } = this.positionOf(offset);
    return makeDiagnostic(finding.code, this.file, finding.message, finding.hint, line, column, finding.path);
  }
}
