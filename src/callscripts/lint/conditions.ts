/**
 * Rules on options' conditions (`when`): options that can never be available, `chose` /
 * `notChose` references to no option, and bounds the declared caller can never reach.
 *
 * @module
 */
import { formatNumber, suggest } from '../issues.ts';
import type { CallScript, Effects } from '../schema.ts';
import type { Finding, Path } from '../yamlSource.ts';
import { reachableFrom, shortestTimes, type Graph } from './scriptGraph.ts';

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

export const NUMERIC = ['patience', 'mood', 'intent', 'elapsed'] as const;
export type Numeric = (typeof NUMERIC)[number];

export function describeBound(variable: Numeric, value: number): string {
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

export function conditionFindings(script: CallScript, graph: Graph, start: number | undefined): Finding[] {
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
