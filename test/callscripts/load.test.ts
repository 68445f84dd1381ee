import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { writeCallScriptSchema } from '../../tools/write-callscript-schema.ts';
import {
  formatScriptDiagnostic,
  formatScriptDiagnostics,
  scriptErrorCatalogue,
  scriptErrorCodes,
  type ScriptDiagnostic,
} from '../../src/callscripts/errors.ts';
import { formatDiagnostic } from '../../src/scenario/errors.ts';
import { callScriptJsonSchema, callScriptJsonSchemaText } from '../../src/callscripts/jsonSchema.ts';
import { lintScriptText } from '../../src/callscripts/lint.ts';
import { loadCallScriptFile, parseCallScript } from '../../src/callscripts/load.ts';
import { scriptLanguages } from '../../src/callscripts/schema.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundled = join(root, 'callscripts');
const bundledFiles = readdirSync(bundled).filter((name) => name.endsWith('.yaml')).sort();
const scratch = mkdtempSync(join(tmpdir(), 'callfloor-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

export const MINIMAL = `id: minimal
title: Minimal
language: en
rubric: LATTE
caller: { problem: test, patience: 2min }
start: a
nodes:
  - id: a
    lines: ["Hello"]
    options:
      - { id: help, text: "How can I help?", goto: done }
  - { id: done, outcome: resolved }
`;

function codes(text: string): string[] {
  const { errors, warnings } = lintScriptText(text, 'x.yaml');
  return [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column).map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('bundled call scripts', () => {
  it('bundles at least the four stories', () => {
    expect(bundledFiles).toEqual(
      expect.arrayContaining(['hospital-appointment.yaml', 'missing-parts-complaint.yaml', 'order-status-secretary.yaml', 'pre-sale-reassurance.yaml']),
    );
  });

  it.each(bundledFiles)('%s is lint-clean (no errors, no warnings) and points editors at the schema', async (file) => {
    const text = readFileSync(join(bundled, file), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/callscript.schema.json');
    const result = await loadCallScriptFile(join(bundled, file));
    if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
    expect(result.warnings.map(formatScriptDiagnostic)).toEqual([]);
    expect(result.script.id).toBe(file.replace(/\.yaml$/, ''));
  });

  it('has the languages, rubrics and outcomes the stories need', async () => {
    const scripts = await Promise.all(
      bundledFiles.map(async (file) => {
        const result = await loadCallScriptFile(join(bundled, file));
        if (!result.ok) throw new Error(file);
        return result.script;
      }),
    );
    const byId = new Map(scripts.map((script) => [script.id, script]));
    const outcomes = (id: string): string[] =>
      byId.get(id)!.nodes.flatMap((node) => (node.outcome === undefined ? [] : [typeof node.outcome === 'string' ? node.outcome : node.outcome.kind]));
    expect(scriptLanguages(byId.get('pre-sale-reassurance')!)).toEqual(['it', 'en']);
    expect(outcomes('pre-sale-reassurance')).toContain('sale');
    expect(byId.get('missing-parts-complaint')!.rubric).toBe('HEARD');
    expect(scriptLanguages(byId.get('missing-parts-complaint')!)).toEqual(['it', 'en']);
    expect(byId.get('hospital-appointment')!.rubric).toBe('LEARN');
    expect(outcomes('order-status-secretary')).toContain('callback');
  });
});

describe('parseCallScript', () => {
  it('fills defaults and parses durations to seconds', () => {
    const text = MINIMAL.replace('patience: 2min', 'patience: 1.5min').replace('goto: done }', 'duration: 45s, goto: done }');
    const result = parseCallScript(text, 'm.yaml');
    if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
    const { script } = result;
    expect(script.caller).toEqual({ problem: 'test', patience: 90, mood: 0.7, intent: 0, value: 0 });
    expect(script.nodes[0]!.options[0]).toEqual({ id: 'help', text: 'How can I help?', tags: [], effects: {}, duration: 45, once: false, goto: 'done' });
    expect(script.nodes[1]).toEqual({ id: 'done', lines: [], options: [], outcome: 'resolved' });
  });

  it('is not ok when lint finds an error, and ok with warnings only', () => {
    const broken = parseCallScript(MINIMAL.replace('goto: done', 'goto: nowhere'), 'b.yaml');
    expect(broken.ok).toBe(false);
    const warned = parseCallScript(MINIMAL + '  - { id: spare, outcome: callback }\n', 'w.yaml');
    expect(warned.ok).toBe(true);
    expect(warned.warnings.map((d) => d.code)).toEqual(['SCRIPT_UNREACHABLE_NODE']);
  });

  it('accepts a byte-order mark and CRLF line ends, with columns as the editor shows them', () => {
    expect(parseCallScript('\uFEFF' + MINIMAL.replace(/\n/g, '\r\n'), 'crlf.yaml').ok).toBe(true);
    expect(codes('\uFEFF' + MINIMAL.replace('goto: done }', 'goto: dome }'))).toEqual(['SCRIPT_UNKNOWN_GOTO 11:52', 'SCRIPT_UNREACHABLE_NODE 12:11']);
  });

  it('reports schema problems everywhere at once, in position order', () => {
    const text = MINIMAL.replace('language: en', 'language: de').replace('patience: 2min', 'patience: 2 minutes, mood: 2').replace('"How can I help?"', '""');
    expect(codes(text)).toEqual(['SCHEMA_ENUM 3:11', 'SCHEMA_FORMAT 5:36', 'SCHEMA_RANGE 5:53', 'SCHEMA_RANGE 11:27']);
  });

  it('formats diagnostics exactly like scenario diagnostics', () => {
    const { errors } = lintScriptText(MINIMAL.replace('goto: done }', 'goto: dome }'), 'shop.yaml');
    const d = errors[0]!;
    expect(formatScriptDiagnostic(d)).toBe(
      'shop.yaml:11:52  SCRIPT_UNKNOWN_GOTO  the goto of option a.help is dome, but no node has that id — did you mean done? (nodes: a, done)',
    );
    expect(formatScriptDiagnostic(d)).toBe(formatDiagnostic({ ...d, code: 'SCHEMA_TYPE' }).replace('SCHEMA_TYPE', d.code));
    expect(formatScriptDiagnostic({ ...d, severity: 'warning' })).toContain('  warning SCRIPT_UNKNOWN_GOTO  ');
  });

  it('reports a missing file as FILE_NOT_FOUND and a folder as FILE_UNREADABLE', async () => {
    const missing = await loadCallScriptFile(join(scratch, 'nope.yaml'));
    expect(missing.ok ? [] : missing.errors.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['FILE_NOT_FOUND 1:1']);
    const folder = await loadCallScriptFile(scratch);
    expect(folder.ok ? [] : folder.errors.map((d) => d.code)).toEqual(['FILE_UNREADABLE']);
  });
});

describe('error catalogue', () => {
  it('documents every code with a severity, a title, why and what to do', () => {
    for (const code of scriptErrorCodes) {
      const info = scriptErrorCatalogue[code];
      expect(['error', 'warning'], code).toContain(info.severity);
      for (const text of [info.title, info.why, info.whatToDo]) expect(text.length, code).toBeGreaterThan(5);
    }
    expect(scriptErrorCodes.filter((code) => code.startsWith('SCRIPT_')).length).toBeGreaterThanOrEqual(10);
  });
});

describe('robustness', () => {
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  function check(text: string, label: string): void {
    let diagnostics: ScriptDiagnostic[] = [];
    expect(() => {
      const result = lintScriptText(text, 'fuzz.yaml');
      diagnostics = [...result.errors, ...result.warnings];
    }, label).not.toThrow();
    for (const d of diagnostics) {
      expect(d.code, `${label}: ${formatScriptDiagnostic(d)}`).not.toBe('INTERNAL_ERROR');
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
  }

  it('never throws or fails internally on truncated or mutated scripts', () => {
    const next = random(20260502);
    const noise = [':', '-', ' ', '\n', '{', '}', '[', ']', '"', "'", '&a', '*a', '!', '#', '|', '<<: ', ',', '.nan', '~', '{x}', 'goto: ', 'when: '];
    const corpus = [MINIMAL, readFileSync(join(bundled, 'order-status-secretary.yaml'), 'utf8')];
    for (const [n, text] of corpus.entries()) {
      for (let cut = 0; cut < text.length; cut += 11) check(text.slice(0, cut), `corpus ${n} cut at ${cut}`);
      for (let round = 0; round < 150; round++) {
        let mutated = text;
        for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
          const at = Math.floor(next() * (mutated.length + 1));
          mutated = mutated.slice(0, at) + noise[Math.floor(next() * noise.length)]! + mutated.slice(at + Math.floor(next() * 3));
        }
        check(mutated, `corpus ${n} mutation ${round}`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------

const PORTABLE_KEYWORDS = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames',
  'anyOf', 'oneOf', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'items',
]);

type JsonSchema = Record<string, unknown>;

function keywordsOf(schema: JsonSchema, found = new Set<string>()): Set<string> {
  for (const [keyword, value] of Object.entries(schema)) {
    found.add(keyword);
    if (keyword === 'properties') for (const child of Object.values(value as Record<string, JsonSchema>)) keywordsOf(child, found);
    else if (keyword === 'anyOf' || keyword === 'oneOf') for (const child of value as JsonSchema[]) keywordsOf(child, found);
    else if ((keyword === 'items' || keyword === 'additionalProperties' || keyword === 'propertyNames') && typeof value === 'object') keywordsOf(value as JsonSchema, found);
  }
  return found;
}

/** A validator for exactly the keywords above: enough to check that the schema agrees with the loader. */
function validate(schema: JsonSchema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string): void => void errors.push(`${at}: ${why}`);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const type = schema.type as string | undefined;
  if (type !== undefined) {
    const ok =
      (type === 'object' && isObject) ||
      (type === 'array' && Array.isArray(value)) ||
      (type === 'string' && typeof value === 'string') ||
      (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
      (type === 'integer' && Number.isInteger(value)) ||
      (type === 'boolean' && typeof value === 'boolean');
    if (!ok) return [`${at}: not ${type}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail('not in enum');
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('too short');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('too few items');
    if (typeof schema.items === 'object') value.forEach((item, i) => errors.push(...validate(schema.items as JsonSchema, item, `${at}[${i}]`)));
  }
  if (isObject) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, child] of Object.entries(object)) {
      if (typeof schema.propertyNames === 'object') errors.push(...validate(schema.propertyNames as JsonSchema, key, `${at}.<${key}>`));
      if (properties[key]) errors.push(...validate(properties[key]!, child, `${at}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(schema.additionalProperties as JsonSchema, child, `${at}.${key}`));
    }
  }
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const passing = branches.filter((branch) => validate(branch, value, at).length === 0).length;
    if (passing === 0) fail('matches no branch');
  }
  return errors;
}

describe('JSON Schema for editors', () => {
  const schema = callScriptJsonSchema() as JsonSchema;

  it('is committed up to date in schema/callscript.schema.json', () => {
    const committed = readFileSync(join(root, 'schema/callscript.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(schema);
    expect(committed).toBe(callScriptJsonSchemaText());
  });

  it('declares draft 2020-12, an $id, a title and a description', () => {
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'urn:callfloor:schema:callscript', type: 'object' });
  });

  it('uses only keywords editors understand', () => {
    expect([...keywordsOf(schema)].filter((keyword) => !PORTABLE_KEYWORDS.has(keyword))).toEqual([]);
  });

  it('accepts every bundled script and rejects shape errors the loader rejects', () => {
    for (const file of bundledFiles) expect(validate(schema, parseYaml(readFileSync(join(bundled, file), 'utf8'))), file).toEqual([]);
    expect(validate(schema, parseYaml(MINIMAL))).toEqual([]);
    for (const broken of [
      MINIMAL.replace('rubric: LATTE', 'rubric: LATE'),
      MINIMAL.replace('language: en', 'language: de'),
      MINIMAL.replace('patience: 2min', 'patience: 2 minutes'),
      MINIMAL.replace('lines:', 'lnes:'),
      MINIMAL.replace('"How can I help?"', '42'),
      MINIMAL.replace('start: a\n', ''),
      MINIMAL.replace('outcome: resolved', 'outcome: sold'),
    ]) {
      expect(validate(schema, parseYaml(broken)), broken).not.toEqual([]);
      expect(parseCallScript(broken, 'x.yaml').ok, broken).toBe(false);
    }
  });

  it('is rewritten atomically by tools/write-callscript-schema.ts', async () => {
    const folder = mkdtempSync(join(scratch, 'schema-'));
    const target = join(folder, 'callscript.schema.json');
    writeFileSync(target, '{"stale": true}\n');
    expect(await writeCallScriptSchema(target)).toEqual({ path: target, changed: true });
    expect(readFileSync(target, 'utf8')).toBe(callScriptJsonSchemaText());
    expect(await writeCallScriptSchema(target)).toEqual({ path: target, changed: false });
    expect(readdirSync(folder)).toEqual(['callscript.schema.json']);
  });
});
