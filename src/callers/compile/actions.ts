/**
 * Actions: `assign`, `raise`, the `raise`/`cancel` pairs XState derives from `after`, `log`
 * and (by option) plain functions, resolved once into ops; everything else is refused.
 *
 * @module
 */
import type { DelayRequest } from './compiledMachine.ts';
import { ASSIGN_FN, ASSIGN_OBJECT, CALL, CANCEL, RAISE, SCHEDULE_NAMED, SCHEDULE_STATIC, type Op } from './compiledForm.ts';
import { ContextMerger, type MergePolicy } from './contextMerger.ts';
import { CompileError } from './refusals.ts';
import type { ArgsFn, EventObject, XImplementations, XNode, XTransition } from './xstateInternals.ts';

/** Compiles the actions of one machine; a transition's actions are compiled once and shared by its rows. */
export class ActionCompiler {
  private readonly transitionActions = new Map<XTransition, readonly Op[]>();

  constructor(
    private readonly impl: XImplementations,
    private readonly plainActions: 'refuse' | 'ignore' | 'call',
    /** Shared by every assign's merger and the initial context's (see {@link MergePolicy}). */
    private readonly mergePolicy: MergePolicy,
  ) {}

  compileActions(actions: readonly unknown[], where: string, owner: XNode | null): Op[] {
    const ops: Op[] = [];
    for (const action of actions) this.compileAction(action, where, owner, ops);
    return ops;
  }

  private compileAction(action: unknown, where: string, owner: XNode | null, ops: Op[]): void {
    let resolved: unknown;
    let params: unknown;
    let paramsIsFn = false;
    let label: string;
    if (typeof action === 'function') {
      resolved = action;
      label = (action as { type?: string }).type ?? (action.name || '(anonymous)');
    } else {
      const reference = action as string | { type: string; params?: unknown };
      const name = typeof reference === 'string' ? reference : reference.type;
      label = name;
      if (!(name in this.impl.actions) || this.impl.actions[name] === undefined) {
        throw new CompileError('XSTATE_NOT_IMPLEMENTED', where, `the action '${name}'`, 'setup() has no implementation for it (XState would skip it silently)', `add '${name}' to setup({ actions })`);
      }
      resolved = this.impl.actions[name];
      if (typeof reference === 'object' && 'params' in reference) {
        params = reference.params;
        paramsIsFn = typeof params === 'function';
      }
    }
    if (typeof resolved !== 'function') {
      throw new CompileError('XSTATE_UNSUPPORTED', where, `the action '${label}' is not a function`, 'XState actions are functions or built-in action objects', 'implement it with assign(), raise() or a function');
    }
    const op = (kind: number, fn: ArgsFn | null, value: unknown, extra: Partial<Pick<Op, 'staticPartial' | 'keys'>> = {}): Op => ({
      kind,
      fn,
      value,
      staticPartial: extra.staticPartial ?? null,
      keys: extra.keys ?? null,
      params,
      paramsIsFn,
      merger: kind === ASSIGN_FN || kind === ASSIGN_OBJECT ? new ContextMerger(this.mergePolicy) : null,
    });
    if (!('resolve' in resolved)) {
      if (this.plainActions === 'refuse') {
        throw new CompileError('XSTATE_UNSUPPORTED', where, `the plain action '${label}'`, 'it is a side effect the compiled stepper would have to call or drop', "use assign()/raise(), or compile with { plainActions: 'ignore' } (XState's pure transition() semantics) or 'call'");
      }
      if (this.plainActions === 'call') ops.push(op(CALL, resolved as ArgsFn, null));
      return;
    }
    const builtin = resolved as unknown as Record<string, unknown>;
    const type = builtin['type'];
    switch (type) {
      case 'xstate.assign': {
        const assignment = builtin['assignment'];
        if (typeof assignment === 'function') {
          ops.push(op(ASSIGN_FN, assignment as ArgsFn, null));
        } else {
          const object = assignment as Record<string, unknown>;
          const keys = Object.keys(object);
          const allStatic = keys.every((k) => typeof object[k] !== 'function');
          ops.push(op(ASSIGN_OBJECT, null, object, { keys, staticPartial: allStatic ? Object.freeze({ ...object }) : null }));
        }
        return;
      }
      case 'xstate.raise': {
        const event = builtin['event'];
        const delay = builtin['delay'];
        const id = builtin['id'];
        if (delay === undefined) {
          if (typeof event === 'string') {
            throw new CompileError('XSTATE_UNSUPPORTED', where, `raise('${event}')`, 'XState only raises event objects', `write raise({ type: '${event}' })`);
          }
          ops.push(op(RAISE, typeof event === 'function' ? (event as ArgsFn) : null, event));
          return;
        }
        const fromAfter = owner?.after.find((t) => t.eventType === id && t.delay === delay);
        if (fromAfter === undefined || typeof event !== 'object' || event === null || (event as EventObject).type !== id) {
          throw new CompileError('XSTATE_UNSUPPORTED', where, 'a raise() with a delay', 'only the delayed events XState derives from `after` are understood (their ids tie timers to states)', 'use `after` on the state instead');
        }
        const eventType = id as string;
        if (typeof delay === 'number') {
          ops.push(op(SCHEDULE_STATIC, null, Object.freeze({ event: eventType, delayMs: delay } satisfies DelayRequest)));
          return;
        }
        const configured = this.impl.delays[delay as string];
        if (typeof configured === 'function') ops.push(op(SCHEDULE_NAMED, configured as ArgsFn, eventType));
        else if (typeof configured === 'number') ops.push(op(SCHEDULE_STATIC, null, Object.freeze({ event: eventType, delayMs: configured } satisfies DelayRequest)));
        else ops.push(op(SCHEDULE_NAMED, () => configured, eventType));
        return;
      }
      case 'xstate.cancel': {
        const sendId = builtin['sendId'];
        if (typeof sendId !== 'string' || owner === null || !owner.after.some((t) => t.eventType === sendId)) {
          throw new CompileError('XSTATE_UNSUPPORTED', where, 'a cancel() action', 'only the cancellations XState derives from `after` are understood', 'use `after` on the state instead');
        }
        ops.push(op(CANCEL, null, sendId));
        return;
      }
      case 'xstate.log':
        // Logging changes nothing XState's pure transition() returns; the stepper skips it.
        return;
      default: {
        const what = typeof type === 'string' ? `the built-in action '${type}'` : `the built-in action '${label}'`;
        throw new CompileError('XSTATE_UNSUPPORTED', where, what, 'it needs actors, an event bus or dynamic action lists, which the compiled stepper does not have (only assign, raise and log are understood)', 'let the host do it from the step result, or step this machine with XState itself');
      }
    }
  }

  actionsOf(t: XTransition): readonly Op[] {
    let ops = this.transitionActions.get(t);
    if (ops === undefined) {
      ops = this.compileActions(t.actions, `#${t.source.id}`, null);
      this.transitionActions.set(t, ops);
    }
    return ops;
  }
}
