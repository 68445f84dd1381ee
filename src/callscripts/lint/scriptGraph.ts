/**
 * The script as a graph: nodes, and the gotos between known nodes with the least time each
 * takes; what every graph rule of the linter walks.
 *
 * @module
 */
import type { CallScript } from '../schema.ts';

/** Edges of the script graph (gotos to known nodes), with the minimum time each takes. */
export interface Edge {
  readonly to: number;
  readonly seconds: number;
}

export interface Graph {
  readonly script: CallScript;
  /** Node id → index of its first definition. */
  readonly index: ReadonlyMap<string, number>;
  readonly edges: readonly (readonly Edge[])[];
  readonly terminal: readonly boolean[];
}

export function buildGraph(script: CallScript): Graph {
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
export function reachableFrom(graph: Graph, from: readonly number[]): Set<number> {
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
export function shortestTimes(graph: Graph, start: number): number[] {
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
