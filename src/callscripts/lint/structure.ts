/**
 * Rules on the script's structure: duplicate ids, gotos to no node, terminal nodes with more to
 * say, unreachable nodes, dead ends and loops without an exit.
 *
 * @module
 */
import { formatScriptPath, listWords, suggest } from '../issues.ts';
import { normalizeOutcome, type CallScript } from '../schema.ts';
import type { Finding, Path } from '../yamlSource.ts';
import { reachableFrom, type Graph } from './scriptGraph.ts';

export function duplicateIds(script: CallScript): Finding[] {
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

export function unknownGotos(script: CallScript, graph: Graph, nodeIds: readonly string[]): Finding[] {
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

/** Nodes that end the call (an outcome) but also have options, a fallback or a timeout. */
export function terminalsWithOptions(script: CallScript): Finding[] {
  const findings: Finding[] = [];
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
  return findings;
}

/** Nodes no chain of gotos from the start node leads to (none when the start is unknown). */
export function unreachableNodes(script: CallScript, graph: Graph, start: number | undefined): Finding[] {
  const findings: Finding[] = [];
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
  return findings;
}

/** Nodes without outcome, options, fallback or timeout (the call would get stuck there), and their findings. */
export function findDeadEnds(script: CallScript): { readonly nodes: ReadonlySet<number>; readonly findings: Finding[] } {
  const findings: Finding[] = [];
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
  return { nodes: deadEnds, findings };
}

export function cyclesWithoutExit(graph: Graph, deadEnds: ReadonlySet<number>): Finding[] {
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
