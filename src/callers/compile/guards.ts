/**
 * Guards: inline, named (with `params`) and the `and` / `or` / `not` / `stateIn` combinators,
 * resolved once into plain functions of (context, event, active leaf).
 *
 * @module
 */
import { matchesState } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import type { GuardFn, LeafInfo } from './compiledForm.ts';
import { CompileError } from './refusals.ts';
import { AND_CHECK, NOT_CHECK, OR_CHECK, STATE_IN_CHECK, type ArgsFn, type XImplementations, type XNode } from './xstateInternals.ts';

/** Compiles the guards of one machine; `leaves` is read by `stateIn` guards, so index the tree first. */
export class GuardCompiler {
  private readonly guardCache = new Map<unknown, GuardFn | null>();

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly impl: XImplementations,
    private readonly leaves: readonly LeafInfo[],
  ) {}

  compileGuard(guard: unknown, where: string): GuardFn | null {
    if (guard === undefined) return null;
    const cached = this.guardCache.get(guard);
    if (cached !== undefined) return cached;
    const compiled = this.compileGuardUncached(guard, where);
    this.guardCache.set(guard, compiled);
    return compiled;
  }

  private compileGuardUncached(guard: unknown, where: string): GuardFn {
    if (typeof guard === 'function') {
      if ('check' in guard) return this.compileBuiltinGuard(guard as unknown as Record<string, unknown>, where);
      const inline = guard as ArgsFn;
      return (context, event) => inline({ context, event }, undefined) as boolean;
    }
    const reference = guard as string | { type: string; params?: unknown };
    const name = typeof reference === 'string' ? reference : reference.type;
    if (!(name in this.impl.guards)) {
      throw new CompileError('XSTATE_NOT_IMPLEMENTED', where, `the guard '${name}'`, 'setup() has no implementation for it (XState would throw when it is evaluated)', `add '${name}' to setup({ guards })`);
    }
    const resolved = this.impl.guards[name];
    // XState evaluates a non-function implementation as a guard reference of its own.
    if (typeof resolved !== 'function') return this.compileGuardUncached(resolved, where);
    if ('check' in resolved) return this.compileBuiltinGuard(resolved as unknown as Record<string, unknown>, where);
    const fn = resolved as ArgsFn;
    if (typeof reference === 'object' && 'params' in reference) {
      const params = reference.params;
      if (typeof params === 'function') {
        const paramsFn = params as ArgsFn;
        return (context, event) => fn({ context, event }, paramsFn({ context, event }, undefined)) as boolean;
      }
      return (context, event) => fn({ context, event }, params) as boolean;
    }
    return (context, event) => fn({ context, event }, undefined) as boolean;
  }

  private compileBuiltinGuard(guard: Record<string, unknown>, where: string): GuardFn {
    const check = guard['check'];
    if (check === AND_CHECK || check === OR_CHECK || check === NOT_CHECK) {
      const parts = (guard['guards'] as readonly unknown[]).map((g) => this.compileGuardUncached(g, where));
      if (check === NOT_CHECK) {
        const inner = parts[0]!;
        return (context, event, leaf) => !inner(context, event, leaf);
      }
      if (check === AND_CHECK) {
        return (context, event, leaf) => {
          for (const part of parts) if (!part(context, event, leaf)) return false;
          return true;
        };
      }
      return (context, event, leaf) => {
        for (const part of parts) if (part(context, event, leaf)) return true;
        return false;
      };
    }
    if (check === STATE_IN_CHECK) {
      const stateValue = guard['stateValue'] as string | Record<string, unknown>;
      let truth: boolean[];
      if (typeof stateValue === 'string' && stateValue.startsWith('#')) {
        const target = (this.machine.getStateNodeById(stateValue) as unknown as XNode);
        truth = this.leaves.map((leaf) => leaf.chain.some((n) => n.node === target));
      } else {
        truth = this.leaves.map((leaf) => matchesState(stateValue as never, leaf.value as never));
      }
      return (_context, _event, leaf) => truth[leaf] === true;
    }
    throw new CompileError('XSTATE_UNSUPPORTED', where, 'an unknown built-in guard', 'only and / or / not / stateIn are understood', 'write it as a named guard function in setup({ guards })');
  }
}
