/**
 * The fallback rule: can every option of a node be unavailable at once? Tries every
 * combination of values at the options' bounds and of the choices they name.
 *
 * @module
 */
import { listWords } from '../issues.ts';
import type { CallScript, Condition, ScriptNode, ScriptOption } from '../schema.ts';
import type { Finding } from '../yamlSource.ts';
import { NUMERIC, describeBound, type Numeric } from './conditions.ts';
import { reachableFrom, shortestTimes, type Graph } from './scriptGraph.ts';

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

export function fallbackFindings(script: CallScript, graph: Graph, start: number | undefined): Finding[] {
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
