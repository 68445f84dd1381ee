import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { writeScenarioSchema } from '../../tools/write-schema.ts';
import {
  errorCatalogue,
  errorCodes,
  formatDiagnostic,
  formatDiagnostics,
  type Diagnostic,
} from '../../src/scenario/errors.ts';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema.ts';
import { loadScenarioFile, parseScenario, type LoadResult } from '../../src/scenario/load.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const badFolder = join(root, 'test/fixtures/bad');
const scratch = mkdtempSync(join(tmpdir(), 'callfloor-load-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MINIMAL = `name: Test centre
arrivals: { callsPerHour: 30 }
callerTypes:
  - id: buyer
    share: 1
    patience: { dist: exponential, mean: 120 }
    problem: sale
problemTypes:
  - id: sale
    handleTime: { dist: lognormal, mean: 240, cv: 0.5 }
agents: { count: 2 }
`;

function all(result: LoadResult): Diagnostic[] {
  return result.ok ? result.warnings : [...result.errors, ...result.warnings];
}

/** Errors and warnings together, in position order. */
function codes(result: LoadResult): string[] {
  return all(result)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('parseScenario: valid scenarios', () => {
  it('loads a minimal scenario and applies every default', () => {
    const result = parseScenario(MINIMAL, 'minimal.yaml');
    if (!result.ok) throw new Error(formatDiagnostics(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ file: 'minimal.yaml', text: MINIMAL });
    const scenario = result.scenario;
    expect(scenario.language).toBe('en');
    // run.warmup is not set: the simulation model works it out (sim/warmup.ts).
    expect(scenario.run).toEqual({ days: 1, replications: 1, seed: 1, intervalMinutes: 60 });
    expect(scenario.openingHours).toEqual(['09:00-18:00']);
    expect(scenario.queue).toEqual({ capacity: 'unlimited', discipline: 'fifo' });
    expect(scenario.serviceLevel).toEqual({ thresholdSeconds: 20, target: 0.8, denominator: 'offered' });
    expect(scenario.money).toMatchObject({ currency: 'EUR', margin: 0.3 });
    expect(scenario.callerTypes[0]).toEqual({
      id: 'buyer',
      share: 1,
      patience: { dist: 'exponential', mean: 120 },
      purchaseIntent: 0,
      orderValue: { dist: 'deterministic', value: 0 },
      problem: 'sale',
      mood: 0.7,
      intentHalfLife: 900,
    });
    expect(scenario.problemTypes[0]).toEqual({
      id: 'sale',
      handleTime: { dist: 'lognormal', mean: 240, cv: 0.5 },
      resolution: 1,
      conversion: 0,
    });
    expect(scenario.agents).toEqual({ count: 2, costPerHour: 0 });
  });

  it('parses durations to seconds', () => {
    const text = MINIMAL.replace('    problem: sale\n', '    problem: sale\n    intentHalfLife: 15min\n') + 'run: { warmup: 1.5h, days: 2 }\n';
    const result = parseScenario(text, 'durations.yaml');
    if (!result.ok) throw new Error(formatDiagnostics(result.errors));
    expect(result.scenario.callerTypes[0]!.intentHalfLife).toBe(900);
    expect(result.scenario.run.warmup).toBe(5400);
    for (const [written, seconds] of [
      ['20s', 20],
      ['20 sec', 20],
      ['5m', 300],
      ['2d', 172_800],
      ['45', 45],
    ] as const) {
      const variant = parseScenario(`${MINIMAL}run: { warmup: ${written}, days: 3 }\n`, 'd.yaml');
      expect(variant.ok && variant.scenario.run.warmup, written).toBe(seconds);
    }
  });

  it('accepts a byte-order mark silently, with columns as the editor shows them', () => {
    const result = parseScenario('\uFEFF' + MINIMAL, 'bom.yaml');
    expect(result.ok).toBe(true);
    const broken = parseScenario('\uFEFF' + MINIMAL.replace('count: 2', 'count: -2'), 'bom.yaml');
    expect(codes(broken)).toEqual(['SCHEMA_RANGE 11:18']);
  });

  it('accepts upper-case ids, merge keys and CRLF line ends', () => {
    const text = `name: Merged
arrivals: { callsPerHour: 30 }
callerTypes:
  - &base
    id: Buyer
    share: 0.5
    patience: { dist: exponential, mean: 120 }
    problem: Sale
  - <<: *base
    id: Browser
problemTypes:
  - id: Sale
    handleTime: { dist: lognormal, mean: 240, cv: 0.5 }
agents: { count: 2 }
`;
    const result = parseScenario(text.replace(/\n/g, '\r\n'), 'merged.yaml');
    if (!result.ok) throw new Error(formatDiagnostics(result.errors));
    expect(result.scenario.callerTypes.map((c) => [c.id, c.share, c.problem])).toEqual([
      ['Buyer', 0.5, 'Sale'],
      ['Browser', 0.5, 'Sale'],
    ]);
  });

  it('loads every bundled scenario without errors', async () => {
    const folder = join(root, 'scenarios');
    const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = await loadScenarioFile(join(folder, file));
      expect(result.ok ? [] : result.errors.map(formatDiagnostic), file).toEqual([]);
    }
  });
});

describe('formatDiagnostic', () => {
  const base: Diagnostic = {
    code: 'SCHEMA_RANGE',
    severity: 'error',
    file: 'scenarios/shop.yaml',
    line: 12,
    column: 10,
    message: 'agents.count is -1, but it must be 0 or more',
    hint: 'use a value of 0 or more',
    path: ['agents', 'count'],
  };

  it('prints file:line:col, two spaces, the code, two spaces, message — hint', () => {
    expect(formatDiagnostic(base)).toBe(
      'scenarios/shop.yaml:12:10  SCHEMA_RANGE  agents.count is -1, but it must be 0 or more — use a value of 0 or more',
    );
  });

  it('marks warnings with the word warning before the code', () => {
    expect(formatDiagnostic({ ...base, severity: 'warning', code: 'UNUSED_PROBLEM', message: 'm', hint: 'h' })).toBe(
      'scenarios/shop.yaml:12:10  warning UNUSED_PROBLEM  m — h',
    );
  });

  it('formats real diagnostics on one line each', () => {
    const result = parseScenario(MINIMAL.replace('count: 2', 'count: -1'), 'shop.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatDiagnostics(result.errors)).toBe(
      'shop.yaml:11:18  SCHEMA_RANGE  agents.count is -1, but it must be 0 or more — use a value of 0 or more; a negative value has no meaning here',
    );
  });
});

describe('every problem at once', () => {
  it('lists several errors of one file in position order', () => {
    const text = `name: Shop
arrivals: { callsPerHour: -5 }
callerTypes:
  - id: buyer
    share: 0.6
    patience: { dist: uniform, min: 90, max: 30 }
    problem: sales
problemTypes:
  - id: sale
    handleTime: { dist: lognormal, mean: 240, cv: 0.5 }
agents: { count: 2, costPerHour: cheap }
run: { intervalMinutes: 50 }
`;
    const result = parseScenario(text, 'shop.yaml');
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual([
      'SCHEMA_RANGE 2:27',
      'SHARES_SUM 3:1',
      'DIST_UNIFORM_RANGE 6:37',
      'UNKNOWN_PROBLEM 7:14',
      'UNUSED_PROBLEM 9:9',
      'SCHEMA_TYPE 11:34',
      'INTERVAL 12:25',
    ]);
    if (result.ok) return;
    const lines = result.errors.map((d) => [d.line, d.column]);
    expect(lines).toEqual([...lines].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(result.warnings.map((d) => d.severity)).toEqual(['warning']);
    expect(result.errors.every((d) => d.severity === 'error')).toBe(true);
  });

  it('runs semantic checks on the parts that are well formed even when the schema fails', () => {
    const text = MINIMAL.replace('share: 1', 'share: 0.5').replace('agents: { count: 2 }', 'agents: { count: 2, costPerHour: -1 }');
    expect(codes(parseScenario(text, 'x.yaml'))).toEqual(['SHARES_SUM 3:1', 'SCHEMA_RANGE 11:34']);
  });

  it('gives each diagnostic the path of the setting', () => {
    const result = parseScenario(MINIMAL.replace('share: 1', 'share: 2'), 'x.yaml');
    expect(all(result).map((d) => d.path)).toEqual([['callerTypes', 0, 'share']]);
  });
});

describe('files', () => {
  it('reports a missing file as FILE_NOT_FOUND, suggesting a similar name', async () => {
    const result = await loadScenarioFile(join(badFolder, 'shares-summ.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'FILE_NOT_FOUND', line: 1, column: 1 });
    expect(result.errors[0]!.hint).toContain('shares-sum.yaml');
  });

  it('reports a folder, a binary file and UTF-16 text as FILE_UNREADABLE', async () => {
    const utf16 = join(scratch, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]));
    const binary = join(scratch, 'binary.yaml');
    writeFileSync(binary, Buffer.from([0x6e, 0x61, 0x00, 0x01]));
    for (const path of [scratch, utf16, binary]) {
      const result = await loadScenarioFile(path);
      expect(result.ok ? [] : result.errors.map((d) => d.code), path).toEqual(['FILE_UNREADABLE']);
    }
  });

  it('reports an empty file and a comments-only file as FILE_EMPTY', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n', '\uFEFF']) {
      expect(codes(parseScenario(text, 'empty.yaml')), JSON.stringify(text)).toEqual(['FILE_EMPTY 1:1']);
    }
  });
});

describe('robustness', () => {
  /** Small deterministic generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }
  // Every 5th file of the bad corpus (sorted, so the sample is stable) plus a valid scenario:
  // the whole corpus with 40 mutations each would take minutes; test/fuzz covers the rest.
  const corpus = readdirSync(badFolder)
    .filter((name) => name.endsWith('.yaml') && statSync(join(badFolder, name)).size < 20_000)
    .sort()
    .filter((_, index) => index % 5 === 0)
    .map((name) => ({ name, text: readFileSync(join(badFolder, name), 'utf8') }));
  corpus.push({ name: 'minimal', text: MINIMAL });

  function check(text: string, label: string): void {
    let result: LoadResult | undefined;
    expect(() => (result = parseScenario(text, 'fuzz.yaml')), label).not.toThrow();
    for (const d of all(result!)) {
      expect(d.code, `${label}: ${formatDiagnostic(d)}`).not.toBe('INTERNAL_ERROR');
      expect(errorCodes).toContain(d.code);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    if (result && !result.ok) expect(result.errors.length, label).toBeGreaterThan(0);
  }

  it('never throws on any file of the corpus', async () => {
    for (const { name, text } of corpus) check(text, name);
    for (const name of readdirSync(badFolder)) {
      await expect(loadScenarioFile(join(badFolder, name))).resolves.toBeDefined();
    }
  });

  it('never throws on truncated or mutated corpus files', () => {
    const next = random(20260501);
    const noise = [':', '-', ' ', '\n', '\t', '{', '}', '[', ']', '"', "'", '&a', '*a', '!', '#', '|', '>', '%', '@', '<<: ', '? ', ',', '.nan', '-.inf', '~'];
    // The hand-written fixtures; the 120 generated variants of one base scenario (name: Corpus
    // base) would add minutes and nothing new: test/fuzz/loaders.test.ts mutates a base file.
    for (const { name, text } of corpus.filter((file) => !file.text.includes('name: Corpus base'))) {
      for (let cut = 0; cut < text.length; cut += 7) check(text.slice(0, cut), `${name} cut at ${cut}`);
      for (let round = 0; round < 40; round++) {
        let mutated = text;
        for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
          const at = Math.floor(next() * (mutated.length + 1));
          mutated =
            next() < 0.5
              ? mutated.slice(0, at) + mutated.slice(at + 1 + Math.floor(next() * 4))
              : mutated.slice(0, at) + noise[Math.floor(next() * noise.length)] + mutated.slice(at);
        }
        check(mutated, `${name} mutation ${round}: ${JSON.stringify(mutated)}`);
      }
    }
  });

  it('stops an alias bomb quickly', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const started = performance.now();
    const result = parseScenario(levels.join('\n') + '\n', 'bomb.yaml');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(codes(result)).toEqual(['YAML_ALIAS_LIMIT 2:8']);
  });

  it('turns an unexpected exception into an INTERNAL_ERROR diagnostic, never a stack trace', async () => {
    vi.resetModules();
    vi.doMock('../../src/dists/sample.ts', () => ({
      checkDistribution: () => {
        throw new TypeError('boom');
      },
    }));
    try {
      const { parseScenario: parseWithBrokenCheck } = await import('../../src/scenario/load.ts');
      const result = parseWithBrokenCheck(MINIMAL, 'x.yaml');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ code: 'INTERNAL_ERROR', file: 'x.yaml', line: 1, column: 1 });
      expect(formatDiagnostic(result.errors[0]!)).toBe(
        `x.yaml:1:1  INTERNAL_ERROR  the loader failed on this file (boom) — ${errorCatalogue.INTERNAL_ERROR.whatToDo}`,
      );
    } finally {
      vi.doUnmock('../../src/dists/sample.ts');
      vi.resetModules();
    }
  });
});

describe('error catalogue', () => {
  it('documents every code with a severity, a title, why and what to do', () => {
    for (const code of errorCodes) {
      const info = errorCatalogue[code];
      expect(['error', 'warning'], code).toContain(info.severity);
      for (const text of [info.title, info.why, info.whatToDo]) expect(text.length, code).toBeGreaterThan(5);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    expect(errorCatalogue.UNUSED_PROBLEM.severity).toBe('warning');
  });
});

// ---------------------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------------------

/** Keywords the exported schema may use: they mean the same in drafts 07 to 2020-12, which yaml-language-server supports. */
const PORTABLE_KEYWORDS = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'type', 'properties', 'required', 'additionalProperties',
  'anyOf', 'oneOf', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'items',
]);

type JsonSchema = Record<string, unknown>;

function keywordsOf(schema: JsonSchema, found = new Set<string>()): Set<string> {
  for (const [keyword, value] of Object.entries(schema)) {
    found.add(keyword);
    if (keyword === 'properties') for (const child of Object.values(value as Record<string, JsonSchema>)) keywordsOf(child, found);
    else if (keyword === 'anyOf' || keyword === 'oneOf') for (const child of value as JsonSchema[]) keywordsOf(child, found);
    else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object') keywordsOf(value as JsonSchema, found);
  }
  return found;
}

/** A validator for exactly the keywords above, enough to check that the schema agrees with the loader. */
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
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'null' && value === null);
    if (!ok) return [`${at}: not ${type}`];
  }
  if ('const' in schema && value !== schema.const) fail(`not ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail('not in enum');
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('too short');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail('not above exclusiveMinimum');
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
      if (properties[key]) errors.push(...validate(properties[key]!, child, `${at}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
    }
  }
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    const passing = branches.filter((branch) => validate(branch, value, at).length === 0).length;
    if (schema.anyOf && passing === 0) fail('matches no anyOf branch');
    if (schema.oneOf && passing !== 1) fail(`matches ${passing} oneOf branches`);
  }
  return errors;
}

describe('JSON Schema for editors', () => {
  const schema = scenarioJsonSchema() as JsonSchema;

  it('is committed up to date in schema/scenario.schema.json', () => {
    const committed = readFileSync(join(root, 'schema/scenario.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(schema);
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('declares draft 2020-12, an $id, a title and a description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: expect.any(String),
      title: expect.any(String),
      description: expect.any(String),
      type: 'object',
    });
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
  });

  it('uses only keywords editors understand, and patterns that compile without flags', () => {
    const unknown = [...keywordsOf(schema)].filter((keyword) => !PORTABLE_KEYWORDS.has(keyword));
    expect(unknown).toEqual([]);
    const patterns: string[] = [];
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow();
  });

  it('accepts what the loader accepts and rejects shape errors the loader rejects', () => {
    for (const file of readdirSync(join(root, 'scenarios')).filter((name) => name.endsWith('.yaml'))) {
      expect(validate(schema, parseYaml(readFileSync(join(root, 'scenarios', file), 'utf8'))), file).toEqual([]);
    }
    expect(validate(schema, parseYaml(MINIMAL))).toEqual([]);
    expect(validate(schema, parseYaml(MINIMAL.replace(/buyer/g, 'Pre-Sale_1')))).toEqual([]);
    expect(validate(schema, parseYaml(MINIMAL + 'run: { warmup: 15min }\n'))).toEqual([]);
    for (const broken of [
      MINIMAL.replace('share: 1', 'share: 45'),
      MINIMAL.replace('patience:', 'patients:'),
      MINIMAL.replace('callsPerHour: 30', 'callsPerHour: -5'),
      MINIMAL.replace('dist: exponential', 'dist: expo'),
      MINIMAL + 'run: { warmup: 15 minutes }\n',
      MINIMAL + 'openingHours: ["9:00-18:00"]\n',
      MINIMAL.replace('agents: { count: 2 }', ''),
    ]) {
      expect(validate(schema, parseYaml(broken)), broken).not.toEqual([]);
      expect(parseScenario(broken, 'x.yaml').ok).toBe(false);
    }
  });

  it('is rewritten atomically by tools/write-schema.ts', async () => {
    const folder = mkdtempSync(join(scratch, 'schema-'));
    const target = join(folder, 'scenario.schema.json');
    writeFileSync(target, '{"stale": true}\n');
    expect(await writeScenarioSchema(target)).toEqual({ path: target, changed: true });
    expect(readFileSync(target, 'utf8')).toBe(scenarioJsonSchemaText());
    expect(await writeScenarioSchema(target)).toEqual({ path: target, changed: false });
    expect(readdirSync(folder)).toEqual(['scenario.schema.json']);
  });
});
