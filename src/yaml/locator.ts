/**
 * Setting paths → YAML nodes → file positions.
 *
 * A zod issue (or a semantic check) names a setting by its path, e.g.
 * `['nodes', 2, 'options', 0, 'goto']`; the locator walks the parsed document along that
 * path — through aliases and merge keys — and returns the line and column of the node.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { makeFileDiagnostic, type CatalogueOf, type FileDiagnostic } from './diagnostic.ts';
import type { Path } from './values.ts';

/**
 * Where a finding points:
 * - `value`: the value at the path (for a map or list under a key, the key's line);
 * - `key`: the key itself (unknown keys);
 * - `parent`: the map that should contain the path (missing keys).
 * If the path does not exist in the file (a default), the deepest existing ancestor.
 */
export type Anchor = 'value' | 'key' | 'parent';

/** A problem before it has a position. */
export interface Finding<C extends string = string> {
  code: C;
  path: Path;
  message: string;
  hint?: string;
  anchor?: Anchor;
}

interface Step {
  value: unknown;
  key: unknown;
}

/** Start offset of a YAML node, if it has a range. */
export function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range ? range[0] : undefined;
}

export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && key.value !== null && typeof key.value !== 'symbol' && String(key.value) === String(segment);
}

/** Maps setting paths to YAML nodes and then to file positions. */
export class Locator<C extends string = string> {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    readonly file: string,
    private readonly catalogue: CatalogueOf<C>,
  ) {}

  private deref(node: unknown): unknown {
    let current = node;
    for (let i = 0; i < 16 && isAlias(current); i++) current = current.resolve(this.doc);
    return current;
  }

  private findPair(map: unknown, segment: string | number, depth = 0): Step | undefined {
    const container = this.deref(map);
    if (!isMap(container) || depth > 8) return undefined;
    for (const pair of container.items) if (keyMatches(pair.key, segment)) return { value: pair.value, key: pair.key };
    for (const pair of container.items) {
      if (!isMergeKey(pair.key)) continue;
      const source = this.deref(pair.value);
      for (const item of isSeq(source) ? source.items : [source]) {
        const found = this.findPair(item, segment, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** The nodes along `path`, as far as they exist. */
  private walk(path: Path): { steps: Step[]; complete: boolean } {
    const steps: Step[] = [{ value: this.doc.contents, key: null }];
    for (const segment of path) {
      const container = this.deref(steps[steps.length - 1]!.value);
      let next: Step | undefined;
      if (isMap(container)) next = this.findPair(container, segment);
      else if (isSeq(container) && typeof segment === 'number') {
        const item = container.items[segment];
        if (item !== undefined) next = { value: item, key: null };
      }
      if (!next) return { steps, complete: false };
      steps.push(next);
    }
    return { steps, complete: true };
  }

  private stepOffset(step: Step): number | undefined {
    const { value, key } = step;
    const keyStart = rangeStart(key);
    if ((isMap(value) || isSeq(value)) && keyStart !== undefined) return keyStart;
    if (isScalar(value) && value.value === null && keyStart !== undefined) {
      const range = value.range;
      if (!range || range[0] === range[1]) return keyStart;
    }
    return rangeStart(value) ?? keyStart;
  }

  /** Whether the file has a setting at `path` (through merge keys and aliases). */
  has(path: Path): boolean {
    return this.walk(path).complete;
  }

  /** Source offset of the setting at `path`. */
  offset(path: Path, anchor: Anchor = 'value'): number | undefined {
    if (anchor === 'parent' && path.length > 0) return this.offset(path.slice(0, -1), 'value');
    const { steps, complete } = this.walk(path);
    if (anchor === 'key' && complete) {
      const keyStart = rangeStart(steps[steps.length - 1]!.key);
      if (keyStart !== undefined) return keyStart;
    }
    for (let i = steps.length - 1; i >= 0; i--) {
      const offset = this.stepOffset(steps[i]!);
      if (offset !== undefined) return offset;
    }
    return undefined;
  }

  /** 1-based line and column of the setting at `path`. */
  position(path: Path, anchor: Anchor = 'value'): { line: number; column: number } {
    return this.positionOf(this.offset(path, anchor));
  }

  positionOf(offset: number | undefined): { line: number; column: number } {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** The finding at the position of its path. */
  diagnostic(finding: Finding<C>): FileDiagnostic<C> {
    const { line, column } = this.position(finding.path, finding.anchor ?? 'value');
    return makeFileDiagnostic(this.catalogue, finding.code, this.file, finding.message, finding.hint, line, column, finding.path);
  }

  /** A finding at an explicit source offset. */
  at(finding: Finding<C>, offset: number | undefined): FileDiagnostic<C> {
    const { line, column } = this.positionOf(offset);
    return makeFileDiagnostic(this.catalogue, finding.code, this.file, finding.message, finding.hint, line, column, finding.path);
  }
}
