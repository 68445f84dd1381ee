/**
 * What the compiler refuses, as data: {@link CompileError} with a stable code, and the checks of
 * a machine's structure that refuse what the stepper would not reproduce exactly. (Guards and
 * actions are refused where they are resolved, in guards.ts and actions.ts.)
 *
 * @module
 */
import type { XImplementations, XNode, XTransition } from './xstateInternals.ts';

/** Stable codes of {@link CompileError}. */
export type CompileErrorCode =
  /** The machine uses an XState feature the compiler does not reproduce. */
  | 'XSTATE_UNSUPPORTED'
  /** A guard, action or delay is referred to by name but `setup()` does not implement it. */
  | 'XSTATE_NOT_IMPLEMENTED'
  /** {@link CompiledMachine.stateId} was given a path that is not a leaf state. */
  | 'XSTATE_UNKNOWN_STATE';

/** A machine the compiler will not compile (or a lookup it cannot answer); errors are data. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  /** Stable code to branch on. */
  readonly code: CompileErrorCode;
  /** The state node (`#id`) or path where the fault is. */
  readonly where: string;
  /** What was found. */
  readonly what: string;
  /** Why it cannot be compiled. */
  readonly why: string;
  /** What to do about it. */
  readonly fix: string;

  constructor(code: CompileErrorCode, where: string, what: string, why: string, fix: string) {
    super(`${code} at ${where}: ${what}. ${why}. ${fix}`);
    this.code = code;
    this.where = where;
    this.what = what;
    this.why = why;
    this.fix = fix;
  }
}

/** The `spawn` given to assigners: the compiled stepper has no actors. */
export function noSpawn(): never {
  throw new CompileError(
    'XSTATE_UNSUPPORTED',
    'assign',
    'an assign action called spawn()',
    'the compiled stepper has no actors',
    'remove spawning from the machine or step it with XState itself',
  );
}

/** Parallel and history states and `invoke` have no compiled form. */
export function refuseUnsupportedNode(node: XNode): void {
  const where = `#${node.id}`;
  if (node.type === 'parallel') {
    throw new CompileError('XSTATE_UNSUPPORTED', where, 'a parallel state', 'the compiled stepper tracks one active leaf per instance', 'model the regions as separate machines, or step this machine with XState itself');
  }
  if (node.type === 'history') {
    throw new CompileError('XSTATE_UNSUPPORTED', where, 'a history state', 'the compiled snapshot keeps no history values', 'target the state explicitly, or step this machine with XState itself');
  }
  if (node.invoke.length > 0) {
    throw new CompileError('XSTATE_UNSUPPORTED', where, "an 'invoke'", 'the compiled stepper has no child actors', 'let the host (simulator) do the work and send the result as an event');
  }
}

/** A delay named in `after` must be implemented in `setup({ delays })`. */
export function refuseUnimplementedDelays(node: XNode, impl: XImplementations): void {
  const where = `#${node.id}`;
  for (const delayed of node.after) {
    if (typeof delayed.delay === 'string' && !(delayed.delay in impl.delays)) {
      throw new CompileError('XSTATE_NOT_IMPLEMENTED', where, `the delay '${delayed.delay}' in 'after'`, 'setup() has no implementation for it (XState would raise the event at once)', `add '${delayed.delay}' to setup({ delays })`);
    }
  }
}

/** A transition has at most one target, and it is a state of the compiled tree. */
export function refuseUnsupportedTarget(t: XTransition, isCompiled: (node: XNode) => boolean): void {
  const where = `#${t.source.id}`;
  if (t.target !== undefined && t.target.length > 1) {
    throw new CompileError('XSTATE_UNSUPPORTED', where, 'a transition with several targets', 'several targets only make sense with parallel states', 'use a single target');
  }
  const target = t.target?.[0];
  if (target !== undefined && !isCompiled(target)) {
    throw new CompileError('XSTATE_UNSUPPORTED', where, `a transition to #${target.id} outside the compiled tree`, 'every target must be a state of this machine', 'fix the target');
  }
}
