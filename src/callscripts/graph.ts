/**
 * Drawing a call script: Mermaid flowcharts and Graphviz DOT. Pure: script in, text out.
 *
 * Nodes are boxes labelled with their id (and title); the start node has a thick border;
 * outcome nodes are rounded and coloured by outcome (resolved green, sale gold, callback
 * blue, escalated orange, hung-up red). Options are solid arrows labelled with their id (or
 * text), `once` and their conditions; fallbacks and timeouts are dashed arrows. A goto to a
 * node that does not exist is drawn to a red "?" node, so a broken script can still be read.
 */
import { formatNumber } from './issues.ts';
import { normalizeOutcome, scriptLanguages, textIn, type CallScript, type Condition, type Language, type OutcomeKind, type ScriptNode, type ScriptOption } from './schema.ts';

export type GraphFormat = 'mermaid' | 'dot';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

export interface GraphOptions {
  /** Language of titles and texts; default the script's first language. */
  readonly language?: Language;
  /** Label options with their `id` (default) or their `text`. */
  readonly labels?: 'id' | 'text';
  /** Layout direction: top-down (default) or left-right. */
  readonly direction?: 'TD' | 'LR';
}

const OUTCOME_COLOURS: Record<OutcomeKind, { fill: string; stroke: string }> = {
  resolved: { fill: '#d8f0dc', stroke: '#2e7d32' },
  sale: { fill: '#fff1c2', stroke: '#b8860b' },
  callback: { fill: '#dbe9fb', stroke: '#1f5fa8' },
  escalated: { fill: '#fde3c8', stroke: '#c25e00' },
  'hung-up': { fill: '#f8d7da', stroke: '#b3261e' },
};

interface Edge {
  readonly from: string;
  readonly to: string;
  /** Label lines (long option texts are wrapped). */
  readonly label: readonly string[];
  readonly dashed: boolean;
}

/** Labels longer than this many characters are wrapped at spaces, so graphs stay readable. */
const WRAP_AT = 40;

export function wrapLabel(text: string, width = WRAP_AT): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

interface Drawing {
  readonly nodes: Array<{ id: string; lines: string[]; outcome: OutcomeKind | undefined; start: boolean }>;
  readonly edges: Edge[];
  /** Goto targets that are not nodes. */
  readonly missing: string[];
}

function describeCondition(when: Condition | undefined): string[] {
  if (when === undefined) return [];
  const parts: string[] = [];
  for (const variable of ['patience', 'mood', 'intent', 'elapsed'] as const) {
    const bounds = when[variable];
    if (bounds === undefined) continue;
    const unit = variable === 'patience' || variable === 'elapsed' ? 's' : '';
    const value = (x: number): string => `${formatNumber(x)}${unit}`;
    if (bounds.min !== undefined && bounds.max !== undefined) parts.push(`${variable} ${value(bounds.min)}–${value(bounds.max)}`);
    else if (bounds.min !== undefined) parts.push(`${variable} ≥ ${value(bounds.min)}`);
    else if (bounds.max !== undefined) parts.push(`${variable} ≤ ${value(bounds.max)}`);
  }
  for (const ref of when.chose ?? []) parts.push(`after ${ref}`);
  for (const ref of when.notChose ?? []) parts.push(`not after ${ref}`);
  return parts;
}

function optionLabel(option: ScriptOption, language: Language, labels: 'id' | 'text'): string {
  const name = labels === 'text' ? textIn(option.text, language) : option.id;
  const notes = [...(option.once ? ['once'] : []), ...describeCondition(option.when)];
  return notes.length > 0 ? `${name} (${notes.join(', ')})` : name;
}

function outcomeLabel(node: ScriptNode): string {
  const outcome = normalizeOutcome(node.outcome)!;
  return outcome.value !== undefined ? `${outcome.kind} ${formatNumber(outcome.value)}` : outcome.kind;
}

function drawing(script: CallScript, options: GraphOptions): Drawing {
  const language = options.language ?? scriptLanguages(script)[0]!;
  const labels = options.labels ?? 'id';
  const ids = new Set(script.nodes.map((node) => node.id));
  const seen = new Set<string>();
  const nodes: Drawing['nodes'] = [];
  const edges: Edge[] = [];
  const missing: string[] = [];
  const target = (goto: string): string => {
    if (!ids.has(goto) && !missing.includes(goto)) missing.push(goto);
    return goto;
  };
  for (const node of script.nodes) {
    if (seen.has(node.id)) continue; // a duplicate id is a lint error; draw the first
    seen.add(node.id);
    const outcome = normalizeOutcome(node.outcome)?.kind;
    const lines = [node.id];
    if (node.title !== undefined) lines.push(...wrapLabel(textIn(node.title, language)));
    if (outcome !== undefined) lines.push(outcomeLabel(node));
    nodes.push({ id: node.id, lines, outcome, start: node.id === script.start });
    for (const option of node.options) edges.push({ from: node.id, to: target(option.goto), label: wrapLabel(optionLabel(option, language, labels)), dashed: false });
    if (node.fallback) edges.push({ from: node.id, to: target(node.fallback.goto), label: ['fallback'], dashed: true });
    if (node.timeout) edges.push({ from: node.id, to: target(node.timeout.goto), label: [`timeout ${formatNumber(node.timeout.after)}s`], dashed: true });
  }
  return { nodes, edges, missing };
}

// ---------------------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------------------

/**
 * Text for a quoted Mermaid label: Mermaid reads `#name;` entity codes inside labels, so
 * `#` is written first as `#35;`, then quotes and HTML specials; line breaks become `<br/>`.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n/g, ' ');
}

/** Mermaid class names are safest without hyphens. */
function mermaidClass(kind: OutcomeKind): string {
  return kind.replace(/-/g, '');
}

/** A Mermaid flowchart of the script. Node ids are n0, n1… (script ids may be Mermaid keywords such as `end`). */
export function toMermaid(script: CallScript, options: GraphOptions = {}): string {
  const { nodes, edges, missing } = drawing(script, options);
  const key = new Map<string, string>();
  nodes.forEach((node, i) => key.set(node.id, `n${i}`));
  missing.forEach((id, i) => key.set(id, `missing${i}`));
  const out: string[] = [`flowchart ${options.direction ?? 'TD'}`];
  for (const node of nodes) {
    const label = node.lines.map(escapeMermaid).join('<br/>');
    const shape = node.outcome !== undefined ? `(["${label}"])` : `["${label}"]`;
    out.push(`  ${key.get(node.id)}${shape}${node.outcome !== undefined ? `:::${mermaidClass(node.outcome)}` : ''}`);
  }
  for (const id of missing) out.push(`  ${key.get(id)}{{"? ${escapeMermaid(id)}"}}:::missing`);
  for (const edge of edges) {
    const arrow = edge.dashed ? '-.->' : '-->';
    out.push(`  ${key.get(edge.from)} ${arrow}|"${edge.label.map(escapeMermaid).join('<br/>')}"| ${key.get(edge.to)}`);
  }
  const startNode = nodes.find((node) => node.start);
  if (startNode !== undefined) out.push(`  class ${key.get(startNode.id)} start`);
  out.push('  classDef start stroke-width:3px');
  for (const [kind, colour] of Object.entries(OUTCOME_COLOURS) as Array<[OutcomeKind, { fill: string; stroke: string }]>) {
    if (nodes.some((node) => node.outcome === kind)) out.push(`  classDef ${mermaidClass(kind)} fill:${colour.fill},stroke:${colour.stroke}`);
  }
  if (missing.length > 0) out.push('  classDef missing fill:#ffffff,stroke:#b3261e,stroke-dasharray:4 3,color:#b3261e');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// Graphviz DOT
// ---------------------------------------------------------------------------------------

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** A Graphviz digraph of the script. */
export function toDot(script: CallScript, options: GraphOptions = {}): string {
  const { nodes, edges, missing } = drawing(script, options);
  const out: string[] = [
    `digraph ${quoteDot(script.id)} {`,
    `  rankdir=${options.direction === 'LR' ? 'LR' : 'TB'};`,
    '  node [shape=box, style="rounded", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const node of nodes) {
    const attributes = [`label=${quoteDot(node.lines.join('\n'))}`];
    if (node.outcome !== undefined) {
      const colour = OUTCOME_COLOURS[node.outcome];
      attributes.push('shape=box', 'style="rounded,filled"', `fillcolor="${colour.fill}"`, `color="${colour.stroke}"`, 'peripheries=2');
    }
    if (node.start) attributes.push('penwidth=3');
    out.push(`  ${quoteDot(node.id)} [${attributes.join(', ')}];`);
  }
  for (const id of missing) out.push(`  ${quoteDot(id)} [label=${quoteDot(`? ${id}`)}, shape=hexagon, style=dashed, color="#b3261e", fontcolor="#b3261e"];`);
  for (const edge of edges) {
    const attributes = [`label=${quoteDot(edge.label.join('\n'))}`];
    if (edge.dashed) attributes.push('style=dashed');
    out.push(`  ${quoteDot(edge.from)} -> ${quoteDot(edge.to)} [${attributes.join(', ')}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** The script drawn in `format`. */
export function renderGraph(script: CallScript, format: GraphFormat, options: GraphOptions = {}): string {
  return format === 'mermaid' ? toMermaid(script, options) : toDot(script, options);
}
