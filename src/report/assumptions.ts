/**
 * Every input of a report with where it came from, so the client can challenge it: the
 * scenario file (with its line), the schema default, the command line, or a report default
 * (an assumption callfloor makes, e.g. the share of customers who switch brand after one bad
 * experience). Pure: the scenario, its YAML text and the report's own settings in, rows out.
 */
import { LineCounter, parseDocument } from 'yaml';
import { scenarioJsonSchema } from '../scenario/jsonSchema.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';

/** Where an input's value came from. */
export type AssumptionSource =
  | { readonly kind: 'file'; readonly file: string; readonly line: number }
  | { readonly kind: 'default' }
  | { readonly kind: 'option'; readonly option: string }
  | { readonly kind: 'report'; readonly basis: string };

export interface Assumption {
  /** Dotted path as in plans (`callerTypes[acquirente].patience`), or a report setting's name. */
  readonly path: string;
  /** The value as written in the file, or the value in effect. */
  readonly value: string;
  readonly source: AssumptionSource;
  /** What the input means (from the scenario schema). */
  readonly description: string;
}

type Segment = string | number;
type JsonNode = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema node under a path (through arrays and unions), with the nearest description. */
function describe(schema: JsonNode, path: readonly Segment[]): string {
  let nodes: JsonNode[] = [schema];
  let description = '';
  for (const segment of path) {
    const next: JsonNode[] = [];
    const expand = (node: JsonNode): void => {
      for (const key of ['anyOf', 'oneOf']) {
        const options = node[key];
        if (Array.isArray(options)) for (const option of options) if (isRecord(option)) expand(option);
      }
      if (typeof segment === 'number' && isRecord(node.items)) next.push(node.items);
      if (typeof segment === 'string' && isRecord(node.properties) && isRecord(node.properties[segment])) next.push(node.properties[segment] as JsonNode);
    };
    nodes.forEach(expand);
    if (next.length === 0) break;
    nodes = next;
    const found = nodes.find((node) => typeof node.description === 'string');
    // A leaf without its own description keeps its parent's (e.g. arrivals.profile).
    if (found) description = found.description as string;
  }
  return description;
}

function isDistribution(value: unknown): boolean {
  return isRecord(value) && typeof value.dist === 'string';
}

function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([key, inner]) => (key === 'dist' ? String(inner) : `${key} ${plain(inner)}`))
      .join(', ');
  }
  return String(value);
}

/** Leaves of the scenario (distributions and lists of plain values count as one leaf). */
function leaves(value: unknown, path: Segment[], display: string, out: Array<{ path: Segment[]; display: string; value: unknown }>): void {
  const isLeafList = Array.isArray(value) && value.every((item) => !isRecord(item));
  if (!isRecord(value) && !Array.isArray(value)) out.push({ path, display, value });
  else if (isDistribution(value) || isLeafList) out.push({ path, display, value });
  else if (Array.isArray(value)) {
    const listOfSteps = value.every((item) => isRecord(item) && 'at' in item);
    if (listOfSteps) {
      out.push({ path, display, value: value.map((step) => `${String((step as JsonNode).at)} → ${String((step as JsonNode).callsPerHour)}/h`) });
      return;
    }
    value.forEach((item, index) => {
      const id = isRecord(item) && typeof item.id === 'string' ? item.id : String(index);
      leaves(item, [...path, index], `${display}[${id}]`, out);
    });
  } else {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'id' && path.length > 0 && typeof path[path.length - 1] === 'number') continue;
      leaves(inner, [...path, key], display === '' ? key : `${display}.${key}`, out);
    }
  }
}

/** Scenario settings with their source; `plans` are listed by the comparison, not here. */
export function scenarioAssumptions(scenario: ScenarioConfig, source?: { readonly file: string; readonly text: string }): Assumption[] {
  const { plans: _plans, name: _name, description: _description, ...settings } = scenario;
  const schema = scenarioJsonSchema() as JsonNode;
  const lineCounter = new LineCounter();
  const document = source ? parseDocument(source.text, { lineCounter }) : undefined;
  const found: Array<{ path: Segment[]; display: string; value: unknown }> = [];
  leaves(settings, [], '', found);
  return found.map(({ path, display, value }): Assumption => {
    const node = document?.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const range = node?.range;
    const written = range && source ? source.text.slice(range[0], range[1]).trim() : undefined;
    return {
      path: display,
      value: written !== undefined && written !== '' && !written.includes('\n') ? written : plain(value),
      source: range && source ? { kind: 'file', file: source.file, line: lineCounter.linePos(range[0]).line } : { kind: 'default' },
      description: describe(schema, path),
    };
  });
}
