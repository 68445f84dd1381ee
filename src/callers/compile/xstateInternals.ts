/**
 * The XState internals the compiler reads (xstate 5.33.3, pinned): the shapes of `StateNode`,
 * its transitions and `machine.implementations`, how built-in guards are recognised, and ports
 * of XState's helpers that work on them.
 *
 * @module
 */
import { and, not, or, stateIn } from 'xstate';

export interface EventObject {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface XTransition {
  readonly target: readonly XNode[] | undefined;
  readonly source: XNode;
  readonly actions: readonly unknown[];
  readonly guard?: unknown;
  readonly reenter: boolean;
}

export interface XNode {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly path: readonly string[];
  readonly parent: XNode | undefined;
  readonly states: Readonly<Record<string, XNode>>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly initial: { readonly target: readonly XNode[]; readonly actions: readonly unknown[] };
  readonly transitions: ReadonlyMap<string, readonly XTransition[]>;
  readonly always: readonly XTransition[] | undefined;
  readonly after: readonly (XTransition & { readonly delay: number | string; readonly eventType: string })[];
  readonly order: number;
  readonly invoke: readonly unknown[];
  readonly output: unknown;
}

export interface XImplementations {
  readonly guards: Readonly<Record<string, unknown>>;
  readonly actions: Readonly<Record<string, unknown>>;
  readonly delays: Readonly<Record<string, unknown>>;
}

export type ArgsFn = (args: unknown, params: unknown) => unknown;

// Built-in guards are recognised by their `check` implementation, taken from xstate itself.
export const AND_CHECK = (and([]) as unknown as { check: unknown }).check;
export const OR_CHECK = (or([]) as unknown as { check: unknown }).check;
export const NOT_CHECK = (not(() => true) as unknown as { check: unknown }).check;
export const STATE_IN_CHECK = (stateIn('x') as unknown as { check: unknown }).check;

const WILDCARD = '*';
export const XSTATE_INIT = 'xstate.init';

/** XState's `matchesEventDescriptor`. */
function matchesEventDescriptor(eventType: string, descriptor: string): boolean {
  if (descriptor === eventType || descriptor === WILDCARD) return true;
  if (!descriptor.endsWith('.*')) return false;
  const partial = descriptor.split('.');
  const tokens = eventType.split('.');
  for (let i = 0; i < partial.length; i++) {
    if (partial[i] === '*') return i === partial.length - 1;
    if (partial[i] !== tokens[i]) return false;
  }
  return true;
}

export function isWildcardDescriptor(descriptor: string): boolean {
  return descriptor === WILDCARD || descriptor.endsWith('.*');
}

/** XState's `getCandidates`: exact match first, then wildcards, longest descriptor first. */
export function candidatesOf(node: XNode, eventType: string): readonly XTransition[] {
  const exact = node.transitions.get(eventType);
  const wildcard = [...node.transitions.keys()]
    .filter((d) => d !== eventType && matchesEventDescriptor(eventType, d))
    .sort((a, b) => b.length - a.length)
    .flatMap((d) => node.transitions.get(d) ?? []);
  return exact ? [...exact, ...wildcard] : wildcard;
}

export function valueOfPath(path: readonly string[]): string | Record<string, unknown> {
  if (path.length === 0) return Object.freeze({});
  if (path.length === 1) return path[0]!;
  let value: string | Record<string, unknown> = path[path.length - 1]!;
  for (let i = path.length - 2; i >= 0; i--) value = Object.freeze({ [path[i]!]: value });
  return value;
}
