/**
 * YAML text → plain data with positions, within limits, with every parser problem as a
 * diagnostic at its position.
 *
 * Limits protect a laptop from hostile or broken files: aliases may expand to at most
 * `maxAliasCount` nodes ("billion laughs"), collections may nest at most `maxDepth` deep
 * (measured on the parser's token tree, which is built without recursion, so the limit
 * and its position are the same on every machine), keys must be unique, and only one
 * document per file. A leading UTF-8 byte-order mark is ignored.
 */
import { isScalar, LineCounter, Parser, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { makeFileDiagnostic, type CatalogueOf, type FileDiagnostic, type YamlCode } from './diagnostic.ts';
import { isMergeKey, Locator, rangeStart, type Finding } from './locator.ts';
import { errorText } from './values.ts';

export interface ParseLimits {
  /** Aliases may expand to at most this many nodes. */
  readonly maxAliasCount: number;
  /** Maps and lists may nest at most this deep. */
  readonly maxDepth: number;
}

/** Defaults fit every file callfloor reads: a scenario nests about 6 deep. */
export const DEFAULT_LIMITS: ParseLimits = { maxAliasCount: 100, maxDepth: 64 };

export interface ParseOptions<C extends string> extends Partial<ParseLimits> {
  /** What the file should be, for messages: `scenario`, `call script`… */
  readonly noun: string;
  readonly catalogue: CatalogueOf<C | YamlCode>;
}

/** A parsed YAML document with its positions, or the diagnostics that stopped parsing. */
export type ParsedYaml<C extends string> =
  | { ok: true; data: unknown; doc: Document.Parsed; locator: Locator<C | YamlCode>; warnings: FileDiagnostic<C | YamlCode>[] }
  | { ok: false; errors: FileDiagnostic<C | YamlCode>[]; warnings: FileDiagnostic<C | YamlCode>[] };

/** Text without a leading byte-order mark: editors do not show it, so columns stay equal to the editor's. */
export function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Parses text for position lookups only (the text was already validated). */
export function locatorFor<C extends string>(rawText: string, file: string, catalogue: CatalogueOf<C>): Locator<C> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(stripBom(rawText), { lineCounter, uniqueKeys: true, merge: true, logLevel: 'silent' });
  return new Locator(doc, lineCounter, file, catalogue);
}

/** Text → plain data with a {@link Locator}; YAML problems as diagnostics. Never throws. */
export function parseYamlText<C extends string>(rawText: string, file: string, options: ParseOptions<C>): ParsedYaml<C> {
  const { noun, catalogue } = options;
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_LIMITS.maxAliasCount;
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const text = stripBom(rawText);
  const lineCounter = new LineCounter();
  const failure = (errors: FileDiagnostic<C | YamlCode>[], warnings: FileDiagnostic<C | YamlCode>[] = []): ParsedYaml<C> => ({ ok: false, errors, warnings });

  const deep = firstTooDeep(text, maxDepth);
  if (deep !== undefined) {
    for (const _ of new Parser(lineCounter.addNewLine).parse(text)) {
      // Only the line starts are needed, to turn the offset into a position.
    }
    const { line, col } = lineCounter.linePos(deep);
    return failure([
      makeFileDiagnostic(
        catalogue,
        'YAML_TOO_DEEP',
        file,
        `lists and maps are nested more than ${maxDepth} levels deep here`,
        `flatten the nesting; a ${noun} needs only a few levels`,
        line,
        col,
      ),
    ]);
  }

  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true, logLevel: 'error' });
  const locator = new Locator<C | YamlCode>(doc, lineCounter, file, catalogue);
  const context: YamlContext<C> = { file, text, doc, lineCounter, noun, catalogue };
  const warnings = doc.warnings.map((warning) => yamlDiagnostic(warning, context, 'YAML_WARNING'));
  const errors = doc.errors.map((error) => yamlDiagnostic(error, context, error.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX'));
  if (errors.length > 0) return failure(errors, warnings);

  if (isEmptyDocument(doc)) {
    return failure([makeFileDiagnostic(catalogue, 'FILE_EMPTY', file, text.trim() === '' ? 'the file is empty' : 'the file contains only comments')], warnings);
  }

  try {
    return { ok: true, data: doc.toJS({ maxAliasCount }), doc, locator, warnings };
  } catch (error) {
    const message = errorText(error);
    if (/excessive alias count/i.test(message)) {
      const finding: Finding<YamlCode> = {
        code: 'YAML_ALIAS_LIMIT',
        path: [],
        message: `aliases expand to more than ${maxAliasCount} nodes, which looks like an alias bomb`,
        hint: 'write the values out, or use far fewer nested aliases (*name)',
      };
      return failure([locator.at(finding, firstAliasOffset(doc))], warnings);
    }
    const unresolved = /unresolved alias[^:]*:\s*(.+)$/i.exec(message);
    if (unresolved) {
      const name = unresolved[1]!.trim();
      const finding: Finding<YamlCode> = {
        code: 'YAML_UNDEFINED_ALIAS',
        path: [],
        message: `alias *${name} refers to no anchor &${name} defined before it`,
        hint: `define &${name} before this line, or fix the spelling of the alias`,
      };
      return failure([locator.at(finding, firstAliasOffset(doc, name))], warnings);
    }
    if (error instanceof RangeError && /call stack/i.test(message)) {
      return failure([locator.at({ code: 'YAML_TOO_DEEP', path: [], message: 'the file is nested too deeply to be read', hint: 'flatten the deeply nested lists or maps' }, undefined)], warnings);
    }
    // Anything else the YAML library refuses while building values (e.g. a merge of a non-map).
    const merge = /merge/i.test(message) ? firstMergeKeyOffset(doc) : undefined;
    const finding: Finding<YamlCode> = {
      code: 'YAML_SYNTAX',
      path: [],
      message: `the YAML cannot be read: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
      hint: merge !== undefined ? 'merge (<<) only maps, written as <<: *anchor of a map' : catalogue.YAML_SYNTAX.whatToDo,
    };
    return failure([locator.at(finding, merge)], warnings);
  }
}

/**
 * Offset of the first map or list nested deeper than `maxDepth`, measured on the parser's
 * token tree (built without recursion) before the document is composed (which recurses).
 */
export function firstTooDeep(text: string, maxDepth: number): number | undefined {
  type Token = { type: string; offset: number; items?: Array<{ key?: unknown; value?: unknown; sep?: unknown; start?: unknown }> };
  const isCollection = (token: Token): boolean => token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
  let deepest: number | undefined;
  for (const document of new Parser().parse(text)) {
    if (document.type !== 'document' || !document.value) continue;
    const stack: Array<[Token, number]> = [[document.value as Token, 0]];
    while (stack.length > 0) {
      const [token, depth] = stack.pop()!;
      if (!isCollection(token)) continue;
      if (depth + 1 > maxDepth) {
        if (deepest === undefined || token.offset < deepest) deepest = token.offset;
        continue;
      }
      for (const item of token.items ?? []) {
        if (item.key && typeof item.key === 'object') stack.push([item.key as Token, depth + 1]);
        if (item.value && typeof item.value === 'object') stack.push([item.value as Token, depth + 1]);
      }
    }
  }
  return deepest;
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (contents === null) return true;
  return isScalar(contents) && contents.value === null && (contents.range?.[0] ?? 0) === (contents.range?.[1] ?? 0);
}

function firstAliasOffset(doc: Document.Parsed, name?: string): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = rangeStart(node);
      return visit.BREAK;
    },
  });
  return found;
}

function firstMergeKeyOffset(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return undefined;
      found = rangeStart(pair.key);
      return visit.BREAK;
    },
  });
  return found;
}

interface YamlContext<C extends string> {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  noun: string;
  catalogue: CatalogueOf<C | YamlCode>;
}

function yamlHint(code: string, noun: string): string | undefined {
  const hints: Record<string, string> = {
    TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
    BAD_INDENT: 'line up the items of each map or list, indented with spaces under their key',
    MISSING_CHAR: 'add the missing closing quote or bracket',
    BLOCK_AS_IMPLICIT_KEY: 'put the nested settings on their own indented lines, or quote a value that contains ": "',
    MULTILINE_IMPLICIT_KEY: 'keep each key on one line, followed by a colon',
    MULTIPLE_DOCS: `keep one ${noun} per file: remove the --- line and what follows, or move it to another file`,
    UNEXPECTED_TOKEN: 'remove or quote the unexpected character',
    BAD_SCALAR_START: 'quote the value (it starts with a character YAML reserves, such as { or @)',
    BLOCK_IN_FLOW: 'inside { } or [ ] write everything on one line, separated by commas',
    KEY_OVER_1024_CHARS: 'shorten the key, or add the missing colon after it',
    TAG_RESOLVE_FAILED: `remove the !tag; a ${noun} uses plain YAML values`,
    BAD_ALIAS: 'write the alias as *name, with a name defined by &name earlier',
    ALIAS_PROPS: 'an alias cannot have its own anchor or tag; remove them',
    MULTIPLE_ANCHORS: 'give the node a single &anchor',
    MULTIPLE_TAGS: 'give the node a single !tag',
    BAD_DQ_ESCAPE: 'fix the backslash escape inside the double-quoted string, or use single quotes',
    BAD_DIRECTIVE: 'remove the % directive line',
    RESOURCE_EXHAUSTION: 'flatten the deeply nested lists or maps',
  };
  return hints[code];
}

function yamlDiagnostic<C extends string>(error: YAMLError, context: YamlContext<C>, code: YamlCode): FileDiagnostic<C | YamlCode> {
  const { file, text, doc, lineCounter, catalogue } = context;
  const start = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
  const at = (offset: number, message: string, hint: string): FileDiagnostic<C | YamlCode> => {
    const position = lineCounter.linePos(offset);
    return makeFileDiagnostic(catalogue, code, file, message, hint, position.line, position.col);
  };
  // prettyErrors appends " at line L, column C:" and a source excerpt; the position has its own columns.
  let message = error.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim();
  let hint = yamlHint(error.code, context.noun) ?? catalogue[code].whatToDo;
  // The parser notices an unclosed bracket or quote where the file ends; point at where it opens.
  const unclosed = /end with an? ([\]}])/.exec(message);
  if (unclosed) {
    const closing = unclosed[1]!;
    const opening = unclosedFlowCollection(doc, text, error.pos[0], closing);
    if (opening !== undefined) {
      return at(opening, `the ${closing === '}' ? '{' : '['} opened here is never closed`, `add the closing ${closing}: an inline ${closing === '}' ? 'map' : 'list'} must end before the next setting starts`);
    }
  }
  const quote = /missing closing (["'])quote/i.exec(message);
  if (quote) {
    const opening = unclosedQuote(doc, text, error.pos[0], quote[1]!);
    if (opening !== undefined) return at(opening, `the ${quote[1]}quote opened here is never closed`, `add the closing ${quote[1]} at the end of the text`);
  }
  if (code === 'YAML_DUPLICATE_KEY') {
    message = describeDuplicateKey(doc, lineCounter, error.pos[0], text) ?? message;
    hint = 'remove or rename one of the two keys (YAML would silently keep only one value)';
  } else if (error.code === 'MULTIPLE_DOCS') {
    message = 'the file holds more than one YAML document (a --- line starts a second one)';
  } else if (error.code === 'TAG_RESOLVE_FAILED') {
    message = message.charAt(0).toLowerCase() + message.slice(1) + ' (read as plain text)';
  } else if (error.code === 'RESOURCE_EXHAUSTION') {
    message = 'the file is nested too deeply to be read';
  } else {
    message = message.charAt(0).toLowerCase() + message.slice(1);
  }
  if (/between flow (map|sequence) items/.test(message)) hint = 'inside { } or [ ] separate items with commas, and keys from values with ": "';
  else if (/need to be followed by map values/.test(message)) hint = 'add a colon after the key: key: value';
  else if (/quote/.test(message)) hint = 'add the missing closing quote';
  else if (/directives-end/.test(message)) hint = 'after a %YAML or %TAG line, start the document with a --- line (or remove the % line)';
  return makeFileDiagnostic(catalogue, code, file, message, hint, start.line, start.col);
}

/** Start of the inline `{…}`/`[…]` that the parser found unclosed at `offset`. */
function unclosedFlowCollection(doc: Document.Parsed, text: string, offset: number, closing: string): number | undefined {
  let best: number | undefined;
  const consider = (node: { flow?: boolean; range?: readonly [number, number, number] | null }): void => {
    const range = node.range;
    if (!node.flow || !range) return;
    const [start, end] = range;
    if (start > offset || end > offset + 1) return;
    if (text.slice(start, end).trimEnd().endsWith(closing)) return;
    if (best === undefined || start > best) best = start;
  };
  visit(doc, {
    Map: (_key, node) => (closing === '}' ? consider(node) : undefined),
    Seq: (_key, node) => (closing === ']' ? consider(node) : undefined),
  });
  return best;
}

/** Start of the latest scalar that opens with `quote` before `offset` (the quote left open). */
function unclosedQuote(doc: Document.Parsed, text: string, offset: number, quote: string): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const begin = rangeStart(node);
      if (begin === undefined || begin > offset || text[begin] !== quote) return;
      if (best === undefined || begin > best) best = begin;
    },
  });
  return best;
}

function describeDuplicateKey(doc: Document.Parsed, lineCounter: LineCounter, offset: number, text: string): string | undefined {
  let result: string | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (key.range[0] === offset && first !== undefined) {
          result = `the key ${name} appears twice in the same map (first on line ${lineCounter.linePos(first).line})`;
          return visit.BREAK;
        }
        if (first === undefined) seen.set(name, key.range[0]);
      }
      return undefined;
    },
  });
  if (result !== undefined) return result;
  const key = /^\s*("[^"]*"|'[^']*'|[^:#\n]+?)\s*:/.exec(text.slice(offset));
  return key ? `the key ${key[1]} appears twice in the same map` : undefined;
}
