/**
 * `lint`: every problem of a call script, each at its exact YAML position.
 *
 * Pure: text in, diagnostics out (no I/O). Three stages, each collecting findings:
 * 1. YAML (syntax, duplicate keys, aliases) — yamlSource.ts;
 * 2. shape (zod schema: kinds of value, ranges, formats, unknown keys) — issues.ts;
 * 3. the script as a graph ({@link lintFindings}), once the shape is right:
 *
 * | code | what is detected |
 * | --- | --- |
 * | SCRIPT_DUPLICATE_ID | two nodes, two options of one node, or two criteria of a custom rubric with one id |
 * | SCRIPT_UNKNOWN_GOTO | `start`, an option's, fallback's or timeout's `goto` naming no node |
 * | SCRIPT_TERMINAL_WITH_OPTIONS | a node with an `outcome` that also has options, fallback or timeout |
 * | SCRIPT_UNREACHABLE_NODE | a node no chain of gotos from `start` leads to (warning) |
 * | SCRIPT_DEAD_END | a node without outcome, options, fallback or timeout |
 * | SCRIPT_CYCLE_WITHOUT_EXIT | a loop of nodes from which no goto leads to an outcome |
 * | SCRIPT_UNKNOWN_TAG | an option tag neither in the vocabulary nor in the script's custom rubric |
 * | SCRIPT_UNKNOWN_EFFECT | an effect key other than patience, mood, intent, value |
 * | SCRIPT_MISSING_TRANSLATION | a text (or placeholder pool) lacking a language the script declares |
 * | SCRIPT_UNKNOWN_PLACEHOLDER | a `{key}` that is neither built in nor under `placeholders:` |
 * | SCRIPT_UNKNOWN_CHOICE | a `chose`/`notChose` reference to no option |
 * | SCRIPT_OPTION_NEVER_AVAILABLE | (warning) conditions that can never hold, see below |
 * | SCRIPT_CONDITION_PROFILE | (warning) a bound the declared caller can never reach, see below |
 * | SCRIPT_NO_FALLBACK | a node without fallback where some caller state leaves no option available |
 *
 * "Never available" is decided conservatively — only what holds whatever the caller does:
 * a `min` above the `max` of the same bound; `patience.max: 0` (a caller with no patience
 * left has hung up); the same option in `chose` and `notChose`; `once` together with
 * `chose` of the option itself; `chose` of an option whose goto cannot lead (through any
 * chain of gotos) back to this node, so it can never have been chosen before; `elapsed.max`
 * below the shortest time in which any path of gotos reaches the node.
 *
 * "Condition profile": with the caller the script declares (`caller:`), mood, intent and
 * patience can only rise if some option, fallback or timeout raises them (and only fall if
 * some lowers them; patience always falls with time). A bound beyond what that allows is
 * reported as a warning: another caller (from a scenario) might still meet it.
 *
 * "No fallback" is exact for the bounds and `once` of the node's own options: every
 * combination of values at the bounds they mention (and between them) and of the choices
 * they name is tried; if one leaves no option available, the node needs a fallback. Choices
 * named are treated as independent, so a combination the script's paths rule out may still
 * be reported (add a fallback, it is never wrong). A `once` option counts as possibly used
 * up only if its own goto leads, through any chain of gotos, back to its node.
 */
import {
  compareScriptDiagnostics,
  type ScriptDiagnostic,
} from './errors.ts';
import { formatNumber, formatScriptPath, issueFindings, isPlainObject, listWords, suggest } from './issues.ts';
import { BUILT_IN_PLACEHOLDERS, placeholdersIn, scriptTexts } from './placeholders.ts';
import { isRubricTag, resolveRubric, rubricTagNames, rubricTags } from './rubrics.ts';
import {
  callScriptSchema,
  EFFECT_KEYS,
  normalizeOutcome,
  scriptLanguages,
  type CallScript,
  type Condition,
  type Effects,
  type ScriptNode,
  type ScriptOption,
} from './schema.ts';
import { dedupeDiagnostics as dedupe } from '../yaml/diagnostic.ts';
import { makeDiagnostic, parseYaml, type Finding, type Locator, type Path } from './yamlSource.ts';

/** Result of checking a script's text: the typed script if its shape is right, and every diagnostic. */
export interface ScriptCheck {
  /** The parsed script when YAML and schema passed (lint errors may remain in `errors`). */
  readonly script: CallScript | undefined;
  readonly errors: readonly ScriptDiagnostic[];
  readonly warnings: readonly ScriptDiagnostic[];
}

/** Checks a call script's text: YAML, schema and every lint rule. Pure; never throws. */
export function lintScriptText(text: string, file: string): ScriptCheck {
  try {
    const parsed = parseYaml(text, file);
    if (!parsed.ok) return split([...parsed.errors, ...parsed.warnings], undefined);
    const { data, locator } = parsed;
    if (!isPlainObject(data)) {
      const diagnostic = locator.diagnostic({
        code: 'SCHEMA_TYPE',
        path: [],
        message: `the file holds ${Array.isArray(data) ? 'a list' : 'a single value'}, not a call script`,
        hint: 'write a map of settings starting with id:, title:, language:, rubric:, caller:, start: and nodes:',
      });
      return split([diagnostic, ...parsed.warnings], undefined);
    }
    const result = callScriptSchema.safeParse(data);
    if (!result.success) {
      const diagnostics = dedupe(issueFindings(result.error.issues, data).map((finding) => locator.diagnostic(finding)));
      return split([...diagnostics, ...parsed.warnings], undefined);
    }
    return split([...lintCallScript(result.data, locator), ...parsed.warnings], result.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return split([makeDiagnostic('INTERNAL_ERROR', file, `the script checker failed on this file (${message})`)], undefined);
  }
}

function split(diagnostics: ScriptDiagnostic[], script: CallScript | undefined): ScriptCheck {
  const sorted = [...diagnostics].sort(compareScriptDiagnostics);
  return {
    script,
    errors: sorted.filter((d) => d.severity === 'error'),
    warnings: sorted.filter((d) => d.severity === 'warning'),
  };
}

/**
 * Lint rules on a script that already matches the schema, positioned with `locator`
 * (without one, every diagnostic is at 1:1 of `<script>`: useful for scripts built in code).
 */
export function lintCallScript(script: CallScript, locator?: Locator): ScriptDiagnostic[] {
  const findings = lintFindings(script);
  const diagnostics = findings.map((finding) =>
    locator !== undefined
      ? locator.diagnostic(finding)
      : makeDiagnostic(finding.code, '<script>', finding.message, finding.hint, 1, 1, finding.path),
  );
  return dedupe(diagnostics).sort(compareScriptDiagnostics);
}

// ---------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------

/** Edges of the script graph (gotos to known nodes), with the minimum time each takes. */
interface Edge {
  readonly to: number;
  readonly seconds: number;
}

interface Graph {
  readonly script: CallScript;
  /** Node id → index of its first definition. */
  readonly index: ReadonlyMap<string, number>;
  readonly edges: readonly (readonly Edge[])[];
  readonly terminal: readonly boolean[];
}

function buildGraph(script: CallScript): Graph {
  const index = new Map<string, number>();
  script.nodes.forEach((node, i) => {
    if (!index.has(node.id)) index.set(node.id, i);
  });
  const terminal = script.nodes.map((node) => node.outcome !== undefined);
  const edges = script.nodes.map((node, i) => {
    if (terminal[i]) return [];
    const out: Edge[] = [];
    const add = (goto: string, seconds: number): void => {
      const to = index.get(goto);
      if (to !== undefined) out.push({ to, seconds });
    };
    for (const option of node.options) add(option.goto, option.duration);
    if (node.fallback) add(node.fallback.goto, node.fallback.duration);
    if (node.timeout) add(node.timeout.goto, node.timeout.after);
    return out;
  });
  return { script, index, edges, terminal };
}

/** Nodes reachable from `from` (included) following edges. */
function reachableFrom(graph: Graph, from: readonly number[]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const edge of graph.edges[node]!) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  return seen;
}

/** Shortest time from the start to each node (Dijkstra; n is small, so a linear scan will do). */
function shortestTimes(graph: Graph, start: number): number[] {
  const time = graph.script.nodes.map(() => Infinity);
  const done = graph.script.nodes.map(() => false);
  time[start] = 0;
  for (;;) {
    let best = -1;
    for (let i = 0; i < time.length; i++) if (!done[i] && time[i]! < Infinity && (best < 0 || time[i]! < time[best]!)) best = i;
    if (best < 0) return time;
    done[best] = true;
    for (const edge of graph.edges[best]!) time[edge.to] = Math.min(time[edge.to]!, time[best]! + edge.seconds);
  }
}

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

/** Every lint finding of a script (paths, no positions), in rule order. */
export function lintFindings(script: CallScript): Finding[] {
  const findings: Finding[] = [];
  const graph = buildGraph(script);
  const nodeIds = [...graph.index.keys()];

  findings.push(...duplicateIds(script));
  findings.push(...unknownGotos(script, graph, nodeIds));

  script.nodes.forEach((node, n) => {
    if (node.outcome !== undefined && (node.options.length > 0 || node.fallback || node.timeout)) {
      const parts = [node.options.length > 0 ? 'options' : '', node.fallback ? 'a fallback' : '', node.timeout ? 'a timeout' : ''].filter(Boolean);
      findings.push({
        code: 'SCRIPT_TERMINAL_WITH_OPTIONS',
        path: ['nodes', n, 'outcome'],
        message: `node ${node.id} ends the call (outcome ${normalizeOutcome(node.outcome)!.kind}) but also has ${listWords(parts, 'and')}, which could never be used`,
        hint: 'remove the outcome to let the call go on, or remove what follows it',
      });
    }
  });

  const start = graph.index.get(script.start);
  const reachable = start !== undefined ? reachableFrom(graph, [start]) : undefined;
  if (reachable !== undefined) {
    script.nodes.forEach((node, n) => {
      if (reachable.has(n) || graph.index.get(node.id) !== n) return;
      findings.push({
        code: 'SCRIPT_UNREACHABLE_NODE',
        path: ['nodes', n, 'id'],
        message: `node ${node.id} is never reached: no chain of gotos from the start node ${script.start} leads to it`,
        hint: 'point an option, fallback or timeout at it, or remove the node',
      });
    });
  }

  const deadEnds = new Set<number>();
  script.nodes.forEach((node, n) => {
    if (node.outcome === undefined && node.options.length === 0 && !node.fallback && !node.timeout) {
      deadEnds.add(n);
      findings.push({
        code: 'SCRIPT_DEAD_END',
        path: ['nodes', n, 'id'],
        message: `node ${node.id} has no options, no fallback, no timeout and no outcome: the call would get stuck there`,
        hint: 'add options (or a fallback or timeout) that lead on, or end the call here with outcome: resolved, sale, callback, escalated or hung-up',
      });
    }
  });
  findings.push(...cyclesWithoutExit(graph, deadEnds));

  findings.push(...tagFindings(script));
  findings.push(...effectFindings(script));
  findings.push(...translationFindings(script));
  findings.push(...placeholderFindings(script));
  findings.push(...conditionFindings(script, graph, start));
  findings.push(...fallbackFindings(script, graph, start));
  return findings;
}

function duplicateIds(script: CallScript): Finding[] {
  const findings: Finding[] = [];
  const check = (ids: readonly string[], path: (i: number) => Path, what: string, where: string): void => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, i);
        return;
      }
      findings.push({
        code: 'SCRIPT_DUPLICATE_ID',
        path: path(i),
        message: `${what} id ${id} is used twice ${where} (first at ${formatScriptPath(path(earlier).slice(0, -1))})`,
        hint: `give this ${what} a different id`,
      });
    });
  };
  check(script.nodes.map((node) => node.id), (i) => ['nodes', i, 'id'], 'node', 'in the script');
  script.nodes.forEach((node, n) =>
    check(node.options.map((option) => option.id), (i) => ['nodes', n, 'options', i, 'id'], 'option', `in node ${node.id}`),
  );
  if (typeof script.rubric !== 'string') {
    check(script.rubric.criteria.map((c) => c.id), (i) => ['rubric', 'criteria', i, 'id'], 'criterion', `in rubric ${script.rubric.id}`);
  }
  return findings;
}

function unknownGotos(script: CallScript, graph: Graph, nodeIds: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const check = (goto: string, path: Path, who: string): void => {
    if (graph.index.has(goto)) return;
    const suggestion = suggest(goto, nodeIds);
    findings.push({
      code: 'SCRIPT_UNKNOWN_GOTO',
      path,
      message: `${who} is ${goto}, but no node has that id`,
      hint: suggestion !== undefined ? `did you mean ${suggestion}? (nodes: ${nodeIds.join(', ')})` : `use one of the nodes: ${nodeIds.join(', ')}, or add a node ${goto}`,
    });
  };
  check(script.start, ['start'], 'start');
  script.nodes.forEach((node, n) => {
    node.options.forEach((option, o) => check(option.goto, ['nodes', n, 'options', o, 'goto'], `the goto of option ${node.id}.${option.id}`));
    if (node.fallback) check(node.fallback.goto, ['nodes', n, 'fallback', 'goto'], `the fallback goto of node ${node.id}`);
    if (node.timeout) check(node.timeout.goto, ['nodes', n, 'timeout', 'goto'], `the timeout goto of node ${node.id}`);
  });
  return findings;
}

function cyclesWithoutExit(graph: Graph, deadEnds: ReadonlySet<number>): Finding[] {
  const count = graph.script.nodes.length;
  // Nodes from which an outcome can be reached: backwards from the terminal nodes.
  const reverse: number[][] = Array.from({ length: count }, () => []);
  graph.edges.forEach((edges, from) => edges.forEach((edge) => reverse[edge.to]!.push(from)));
  const exits = new Set<number>();
  const stack: number[] = [];
  graph.terminal.forEach((isTerminal, i) => {
    if (isTerminal) {
      exits.add(i);
      stack.push(i);
    }
  });
  while (stack.length > 0) {
    for (const from of reverse[stack.pop()!]!) {
      if (!exits.has(from)) {
        exits.add(from);
        stack.push(from);
      }
    }
  }
  const findings: Finding[] = [];
  const reported = new Set<number>();
  const reach = (from: number): Set<number> => reachableFrom(graph, graph.edges[from]!.map((edge) => edge.to));
  for (let n = 0; n < count; n++) {
    if (exits.has(n) || deadEnds.has(n) || reported.has(n) || graph.index.get(graph.script.nodes[n]!.id) !== n) continue;
    const fromN = reach(n);
    if (!fromN.has(n)) continue; // not on a loop: it leads into one, or into a dead end, reported there
    const loop = [...fromN].filter((m) => reach(m).has(n)).sort((a, b) => a - b);
    for (const m of loop) reported.add(m);
    const ids = loop.map((m) => graph.script.nodes[m]!.id);
    findings.push({
      code: 'SCRIPT_CYCLE_WITHOUT_EXIT',
      path: ['nodes', n, 'id'],
      message:
        ids.length === 1
          ? `node ${ids[0]} only leads back to itself: no goto ever reaches an outcome, so only the caller hanging up ends the call`
          : `nodes ${listWords(ids, 'and')} only lead to each other: no goto ever reaches an outcome, so only the caller hanging up ends the call`,
      hint: 'add an option, fallback or timeout that leads out of the loop to a node with an outcome',
    });
  }
  return findings;
}

function tagFindings(script: CallScript): Finding[] {
  const rubric = resolveRubric(script.rubric);
  const custom = typeof script.rubric === 'string' ? new Set<string>() : rubricTags(rubric);
  const known = [...new Set([...rubricTagNames, ...custom])];
  const findings: Finding[] = [];
  script.nodes.forEach((node, n) =>
    node.options.forEach((option, o) =>
      option.tags.forEach((tag, t) => {
        if (isRubricTag(tag) || custom.has(tag)) return;
        const suggestion = suggest(tag, known);
        findings.push({
          code: 'SCRIPT_UNKNOWN_TAG',
          path: ['nodes', n, 'options', o, 'tags', t],
          message: `option ${node.id}.${option.id} has the tag ${tag}, which is not a rubric tag`,
          hint:
            suggestion !== undefined
              ? `did you mean ${suggestion}? (tags: ${rubricTagNames.join(', ')})`
              : `use one of ${rubricTagNames.join(', ')}${typeof script.rubric === 'string' ? '' : ', or a tag of the rubric’s criteria'}`,
        });
      }),
    ),
  );
  return findings;
}

function effectFindings(script: CallScript): Finding[] {
  const findings: Finding[] = [];
  const check = (effects: Effects, path: Path, who: string): void => {
    for (const key of Object.keys(effects)) {
      if ((EFFECT_KEYS as readonly string[]).includes(key)) continue;
      const suggestion = suggest(key, EFFECT_KEYS);
      findings.push({
        code: 'SCRIPT_UNKNOWN_EFFECT',
        path: [...path, key],
        anchor: 'key',
        message: `${key} is not an effect on the caller (in ${who})`,
        hint: suggestion !== undefined ? `did you mean ${suggestion}? (effects: ${EFFECT_KEYS.join(', ')})` : `use ${listWords([...EFFECT_KEYS])}`,
      });
    }
  };
  script.nodes.forEach((node, n) => {
    node.options.forEach((option, o) => check(option.effects, ['nodes', n, 'options', o, 'effects'], `option ${node.id}.${option.id}`));
    if (node.fallback) check(node.fallback.effects, ['nodes', n, 'fallback', 'effects'], `the fallback of ${node.id}`);
    if (node.timeout) check(node.timeout.effects, ['nodes', n, 'timeout', 'effects'], `the timeout of ${node.id}`);
  });
  return findings;
}

function translationFindings(script: CallScript): Finding[] {
  const languages = scriptLanguages(script);
  const findings: Finding[] = [];
  for (const { path, text } of scriptTexts(script)) {
    if (typeof text === 'string') {
      if (languages.length > 1) {
        findings.push({
          code: 'SCRIPT_MISSING_TRANSLATION',
          path,
          message: `${formatScriptPath(path)} is written in one language only, but the script is in ${listWords(languages, 'and')}`,
          hint: `write it as { ${languages.map((l) => `${l}: "…"`).join(', ')} }`,
        });
      }
      continue;
    }
    const missing = languages.filter((language) => text[language] === undefined);
    if (missing.length === 0) continue;
    findings.push({
      code: 'SCRIPT_MISSING_TRANSLATION',
      path,
      message: `${formatScriptPath(path)} has no ${listWords(missing, 'and')} text, but the script is in ${listWords(languages, 'and')}`,
      hint: `add ${missing.map((l) => `${l}: "…"`).join(' and ')}`,
    });
  }
  for (const [key, pool] of Object.entries(script.placeholders ?? {})) {
    if (Array.isArray(pool)) continue; // one list for every language: names, numbers
    const missing = languages.filter((language) => pool[language] === undefined);
    if (missing.length === 0) continue;
    findings.push({
      code: 'SCRIPT_MISSING_TRANSLATION',
      path: ['placeholders', key],
      message: `placeholder ${key} has no ${listWords(missing, 'and')} values, but the script is in ${listWords(languages, 'and')}`,
      hint: `add ${missing.map((l) => `${l}: [ … ]`).join(' and ')}, or write one list for every language`,
    });
  }
  return findings;
}

function placeholderFindings(script: CallScript): Finding[] {
  const custom = Object.keys(script.placeholders ?? {});
  const known = [...Object.keys(BUILT_IN_PLACEHOLDERS), ...custom];
  const findings: Finding[] = [];
  for (const { path, text } of scriptTexts(script)) {
    const variants: Array<[Path, string]> = typeof text === 'string' ? [[path, text]] : Object.entries(text).map(([l, t]) => [[...path, l], t ?? '']);
    for (const [at, value] of variants) {
      for (const name of new Set(placeholdersIn(value))) {
        if (known.includes(name)) continue;
        const suggestion = suggest(name, known);
        findings.push({
          code: 'SCRIPT_UNKNOWN_PLACEHOLDER',
          path: at,
          message: `${formatScriptPath(at)} uses {${name}}, which is not a placeholder`,
          hint: `${suggestion !== undefined ? `did you mean {${suggestion}}? ` : ''}use a built-in placeholder (${Object.keys(BUILT_IN_PLACEHOLDERS)
            .map((p) => `{${p}}`)
            .join(', ')}) or define ${name} under placeholders:; write {{ for a literal brace`,
        });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------

interface OptionRef {
  readonly node: number;
  readonly option: number;
}

/** The options a `chose` reference names: `node.option`, or `option` at any node. */
function resolveRef(script: CallScript, graph: Graph, ref: string): OptionRef[] {
  const dot = ref.indexOf('.');
  if (dot >= 0) {
    const node = graph.index.get(ref.slice(0, dot));
    if (node === undefined) return [];
    const option = script.nodes[node]!.options.findIndex((o) => o.id === ref.slice(dot + 1));
    return option >= 0 ? [{ node, option }] : [];
  }
  const found: OptionRef[] = [];
  script.nodes.forEach((node, n) => node.options.forEach((option, o) => option.id === ref && found.push({ node: n, option: o })));
  return found;
}

const NUMERIC = ['patience', 'mood', 'intent', 'elapsed'] as const;
type Numeric = (typeof NUMERIC)[number];

function describeBound(variable: Numeric, value: number): string {
  return variable === 'patience' || variable === 'elapsed' ? `${formatNumber(value)} s` : formatNumber(value);
}

/** How far the declared caller's mood, intent and patience can go, given every effect in the script. */
function profileRange(script: CallScript): Record<'patience' | 'mood' | 'intent', { low: number; high: number }> {
  const all: Effects[] = script.nodes.flatMap((node) => [
    ...node.options.map((o) => o.effects),
    ...(node.fallback ? [node.fallback.effects] : []),
    ...(node.timeout ? [node.timeout.effects] : []),
  ]);
  const rises = (key: 'patience' | 'mood' | 'intent'): boolean => all.some((e) => (e[key] ?? 0) > 0);
  const falls = (key: 'patience' | 'mood' | 'intent'): boolean => all.some((e) => (e[key] ?? 0) < 0);
  const { caller } = script;
  return {
    mood: { low: falls('mood') ? 0 : caller.mood, high: rises('mood') ? 1 : caller.mood },
    intent: { low: falls('intent') ? 0 : caller.intent, high: rises('intent') ? 1 : caller.intent },
    // Time always wears patience down; only effects can raise it.
    patience: { low: 0, high: rises('patience') ? Infinity : caller.patience },
  };
}

function conditionFindings(script: CallScript, graph: Graph, start: number | undefined): Finding[] {
  const findings: Finding[] = [];
  const times = start !== undefined ? shortestTimes(graph, start) : undefined;
  const range = profileRange(script);
  const optionIds = [...new Set(script.nodes.flatMap((node) => node.options.map((o) => `${node.id}.${o.id}`)))];

  script.nodes.forEach((node, n) =>
    node.options.forEach((option, o) => {
      const when = option.when;
      if (when === undefined) return;
      const base: Path = ['nodes', n, 'options', o, 'when'];
      const label = `option ${node.id}.${option.id}`;
      const never = (path: Path, why: string, hint: string): void =>
        void findings.push({ code: 'SCRIPT_OPTION_NEVER_AVAILABLE', path, message: `${label} can never be chosen: ${why}`, hint });
      const neverVariables = new Set<Numeric>();

      for (const variable of NUMERIC) {
        const bounds = when[variable];
        if (bounds === undefined) continue;
        if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
          neverVariables.add(variable);
          never([...base, variable], `${variable} must be at least ${describeBound(variable, bounds.min)} and at most ${describeBound(variable, bounds.max)}`, 'swap min and max, or remove one of them');
        } else if (variable === 'patience' && bounds.max === 0) {
          neverVariables.add(variable);
          never([...base, variable, 'max'], 'a caller with no patience left has already hung up', 'use a max above 0');
        } else if (variable === 'elapsed' && bounds.max !== undefined && times !== undefined && times[n]! > bounds.max) {
          neverVariables.add(variable);
          never(
            [...base, variable, 'max'],
            `the quickest way to node ${node.id} already takes ${formatNumber(times[n]!)} s, more than elapsed.max ${formatNumber(bounds.max)} s`,
            `raise elapsed.max to at least ${formatNumber(times[n]!)} s, or shorten the durations before this node`,
          );
        }
      }

      const refsChecked = new Map<string, OptionRef[]>();
      (['chose', 'notChose'] as const).forEach((kind) =>
        (when[kind] ?? []).forEach((ref, r) => {
          const targets = resolveRef(script, graph, ref);
          refsChecked.set(ref, targets);
          if (targets.length > 0) return;
          const suggestion = suggest(ref, ref.includes('.') ? optionIds : [...new Set(script.nodes.flatMap((x) => x.options.map((y) => y.id)))]);
          findings.push({
            code: 'SCRIPT_UNKNOWN_CHOICE',
            path: [...base, kind, r],
            message: `${label}: ${kind} names ${ref}, but no option is ${ref.includes('.') ? 'node.option' : 'called'} ${ref}`,
            hint: suggestion !== undefined ? `did you mean ${suggestion}?` : 'write the id of an option, or node.option for the option of a given node',
          });
        }),
      );

      const notChose = when.notChose ?? [];
      (when.chose ?? []).forEach((ref, r) => {
        const targets = refsChecked.get(ref) ?? [];
        if (targets.length === 0) return;
        const notIndex = notChose.indexOf(ref);
        if (notIndex >= 0) {
          never([...base, 'notChose', notIndex], `it requires ${ref} to have been chosen and not to have been chosen`, `remove ${ref} from chose or from notChose`);
          return;
        }
        if (option.once && targets.every((t) => t.node === n && t.option === o)) {
          never([...base, 'chose', r], `it is once-only and requires itself (${ref}) to have been chosen before`, 'remove once, or the chose condition on the option itself');
          return;
        }
        // Chosen before this node: its goto must lead (possibly through a loop) back here.
        const before = targets.some((t) => {
          const goto = graph.index.get(script.nodes[t.node]!.options[t.option]!.goto);
          return goto !== undefined && reachableFrom(graph, [goto]).has(n);
        });
        if (!before) {
          never(
            [...base, 'chose', r],
            `${ref} is on no path that leads to node ${node.id}, so it cannot have been chosen before`,
            `check the reference; an option can be required only if its goto leads, directly or not, to ${node.id}`,
          );
        }
      });

      for (const variable of ['mood', 'intent', 'patience'] as const) {
        const bounds = when[variable];
        if (bounds === undefined || neverVariables.has(variable)) continue;
        const { low, high } = range[variable];
        const declared = `the script's caller starts at ${describeBound(variable, script.caller[variable])}`;
        if (bounds.min !== undefined && bounds.min > high) {
          findings.push({
            code: 'SCRIPT_CONDITION_PROFILE',
            path: [...base, variable, 'min'],
            message: `${label} needs ${variable} of at least ${describeBound(variable, bounds.min)}, but ${declared} and no option, fallback or timeout raises it`,
            hint: `lower ${variable}.min, raise caller.${variable}, or give some option a positive ${variable} effect`,
          });
        } else if (bounds.max !== undefined && bounds.max < low) {
          findings.push({
            code: 'SCRIPT_CONDITION_PROFILE',
            path: [...base, variable, 'max'],
            message: `${label} needs ${variable} of at most ${describeBound(variable, bounds.max)}, but ${declared} and no option, fallback or timeout lowers it`,
            hint: `raise ${variable}.max, lower caller.${variable}, or give some option a negative ${variable} effect`,
          });
        }
      }
    }),
  );
  return findings;
}

// ---------------------------------------------------------------------------------------
// Fallback: can every option of a node be unavailable at once?
// ---------------------------------------------------------------------------------------

/** Beyond this many combinations the check gives up (and reports nothing). */
const MAX_COMBINATIONS = 50_000;

interface Witness {
  readonly numbers: Partial<Record<Numeric, number>>;
  readonly chosen: ReadonlyMap<string, boolean>;
}

/** Representative values of a variable: each bound, and a value inside every interval between and around them. */
function samplePoints(bounds: readonly number[], low: number, high: number, lowOpen: boolean): number[] {
  const cuts = [...new Set(bounds.filter((b) => b >= low && b <= high))].sort((a, b) => a - b);
  const points = new Set<number>();
  const edges = [low, ...cuts, high === Infinity ? (cuts[cuts.length - 1] ?? low) + 1 : high];
  for (const cut of cuts) points.add(cut);
  for (let i = 0; i + 1 < edges.length; i++) points.add((edges[i]! + edges[i + 1]!) / 2);
  if (!lowOpen) points.add(low);
  if (high !== Infinity) points.add(high);
  else points.add(edges[edges.length - 1]!);
  return [...points].filter((p) => (lowOpen ? p > low : p >= low) && p <= high).sort((a, b) => a - b);
}

function holds(option: ScriptOption, key: string, witness: Witness): boolean {
  if (option.once && witness.chosen.get(key) === true) return false;
  const when: Condition | undefined = option.when;
  if (when === undefined) return true;
  for (const variable of NUMERIC) {
    const bounds = when[variable];
    const value = witness.numbers[variable];
    if (bounds === undefined || value === undefined) continue;
    if (bounds.min !== undefined && value < bounds.min) return false;
    if (bounds.max !== undefined && value > bounds.max) return false;
  }
  for (const ref of when.chose ?? []) if (witness.chosen.get(ref) !== true) return false;
  for (const ref of when.notChose ?? []) if (witness.chosen.get(ref) === true) return false;
  return true;
}

function fallbackFindings(script: CallScript, graph: Graph, start: number | undefined): Finding[] {
  const findings: Finding[] = [];
  const times = start !== undefined ? shortestTimes(graph, start) : undefined;
  script.nodes.forEach((node, n) => {
    if (node.outcome !== undefined || node.fallback !== undefined || node.options.length === 0) return;
    const earliest = times?.[n] ?? 0;
    const witness = findEmptyState(node, n, graph, Number.isFinite(earliest) ? earliest : 0);
    if (witness === undefined) return;
    findings.push({
      code: 'SCRIPT_NO_FALLBACK',
      path: ['nodes', n, 'options'],
      message: `no option of node ${node.id} is available ${describeWitness(witness)}, and the node has no fallback`,
      hint: `add fallback: { goto: … } to node ${node.id}, or an option without conditions`,
    });
  });
  return findings;
}

function findEmptyState(node: ScriptNode, n: number, graph: Graph, earliest: number): Witness | undefined {
  if (node.options.some((option) => option.when === undefined && !option.once)) return undefined;
  const keys = node.options.map((option) => `${node.id}.${option.id}`);
  const booleans = new Set<string>();
  node.options.forEach((option, o) => {
    // A once-only option can be used up here only if its own goto leads back to this node.
    const goto = graph.index.get(option.goto);
    if (option.once && goto !== undefined && reachableFrom(graph, [goto]).has(n)) booleans.add(keys[o]!);
    for (const ref of [...(option.when?.chose ?? []), ...(option.when?.notChose ?? [])]) booleans.add(ref);
  });
  const axes: Array<{ variable: Numeric; points: number[] }> = [];
  for (const variable of NUMERIC) {
    const bounds = node.options.flatMap((option) => {
      const b = option.when?.[variable];
      return b === undefined ? [] : [b.min, b.max].filter((x): x is number => x !== undefined);
    });
    if (bounds.length === 0) continue;
    const domain =
      variable === 'mood' || variable === 'intent'
        ? { low: 0, high: 1, lowOpen: false }
        : variable === 'patience'
          ? { low: 0, high: Infinity, lowOpen: true }
          : { low: earliest, high: Infinity, lowOpen: false };
    axes.push({ variable, points: samplePoints(bounds, domain.low, domain.high, domain.lowOpen) });
  }
  const flags = [...booleans];
  let combinations = 2 ** flags.length;
  for (const axis of axes) combinations *= axis.points.length;
  if (combinations > MAX_COMBINATIONS) return undefined;

  const numbers: Partial<Record<Numeric, number>> = {};
  const chosen = new Map<string, boolean>();
  const tryNumbers = (axis: number): Witness | undefined => {
    if (axis === axes.length) {
      for (let mask = 0; mask < 2 ** flags.length; mask++) {
        flags.forEach((flag, i) => chosen.set(flag, (mask & (1 << i)) !== 0));
        const witness: Witness = { numbers, chosen };
        if (!node.options.some((option, o) => holds(option, keys[o]!, witness))) return { numbers: { ...numbers }, chosen: new Map(chosen) };
      }
      return undefined;
    }
    const { variable, points } = axes[axis]!;
    for (const point of points) {
      numbers[variable] = point;
      const found = tryNumbers(axis + 1);
      if (found) return found;
    }
    delete numbers[variable];
    return undefined;
  };
  return tryNumbers(0);
}

function describeWitness(witness: Witness): string {
  const parts: string[] = [];
  for (const variable of NUMERIC) {
    const value = witness.numbers[variable];
    if (value !== undefined) parts.push(`${variable} ${describeBound(variable, Number(value.toFixed(3)))}`);
  }
  for (const [ref, made] of witness.chosen) parts.push(`${ref} ${made ? 'already chosen' : 'not chosen'}`);
  return parts.length > 0 ? `when ${listWords(parts, 'and')}` : 'in some calls';
}
