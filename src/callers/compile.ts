/**
 * Compiles an XState v5 machine (built with `setup().createMachine`) once into a transition
 * table and steps it without XState's per-call machinery.
 *
 * The machine definition stays the single source of truth: the compiler reads XState's own
 * `StateNode` tree (`machine.root`: `transitions`, `always`, `entry`, `exit`, `initial`,
 * `parent`, `type`, `states`, `order`, `after`, `invoke`) and `machine.implementations`
 * (named guards, actions and delays). Exit and entry sets are computed exactly as XState's
 * microstep does (transition domain, exit set in reverse document order, transition actions,
 * entry set in document order, done events of compound states, top-level final → `done`),
 * once per (active leaf, transition) pair; stepping then runs a flat list of actions.
 *
 * These are undocumented XState internals: xstate is pinned in package.json and the
 * differential test in `test/callers/compile.test.ts` compares this stepper with XState's own
 * `transition()` on random event sequences. Run it after any xstate upgrade.
 *
 * What is supported: compound and atomic states nested to any depth, final states (nested
 * ones raise `xstate.done.state.*` → `onDone`; a top-level one ends the machine), `always`
 * (looped to a fixed point, as XState does), `after` with numeric or named delays, `raise`
 * without delay, `assign` (object and function form), `log` (skipped), guards given inline,
 * by name or as `{ type, params }`, and the `and` / `or` / `not` / `stateIn` combinators,
 * `reenter`, targets anywhere in the tree (`#id`, sibling, child, ancestor), wildcard event
 * descriptors, initial-transition actions and action/guard `params`.
 *
 * What is refused with a {@link CompileError} (never mis-compiled): parallel and history
 * states, `invoke`, `spawnChild`, `stopChild`, `sendTo`/`sendParent`/`forwardTo`, `emit`,
 * `enqueueActions`, delayed `raise` and `cancel` written by hand (only those XState derives
 * from `after` are understood), transitions with several targets, unknown built-in actions or
 * guards, named guards/actions/delays without an implementation, and (by default) plain
 * side-effect action functions — see {@link CompileOptions.plainActions}.
 *
 * Known differences from XState, none of which the simulator meets: implementations get
 * `self` and `system` as `undefined` and a `spawn` that throws; the machine's `output` is not
 * computed (snapshots have none); errors thrown by guards or actions propagate (XState's
 * `initialTransition` would return an 'error' snapshot instead); sending `xstate.stop` or an
 * unhandled `xstate.error.actor.*` event throws; context properties keyed by symbols are not
 * copied by `assign` (XState copies them; checking for them on every step would cost more than
 * the assign itself).
 *
 * The compiler is split by concern under compile/: the public types (compiledMachine.ts), what
 * it refuses (refusals.ts), the XState internals it reads (xstateInternals.ts), guards,
 * actions, microsteps, the compiled form, context merging, the compiler and the stepper (hot
 * path, stepper.ts). This module is the entry: import from here.
 *
 * @module
 */
import type { AnyStateMachine, ContextFrom, EventFromLogic, InputFrom } from 'xstate';
import type { CompiledMachine, CompileOptions } from './compile/compiledMachine.ts';
import { MachineCompiler } from './compile/compiler.ts';

export type {
  CompiledMachine,
  CompiledSnapshot,
  CompileOptions,
  CompilerMutation,
  DelayRequest,
  MachineInstance,
  StepRecord,
  StepResult,
} from './compile/compiledMachine.ts';
export { CompileError, type CompileErrorCode } from './compile/refusals.ts';

/**
 * Compiles `machine` into a {@link CompiledMachine}. Takes about a millisecond; do it once and
 * step millions of instances with the result.
 *
 * Guards, assigners, delays and output mappers receive `{ context, event }` (plus `spawn`,
 * which throws, and `self`/`system` as `undefined`), and action/guard `params` as XState
 * passes them.
 *
 * @throws {CompileError} `XSTATE_UNSUPPORTED` / `XSTATE_NOT_IMPLEMENTED` when the machine uses
 *   something the stepper would not reproduce exactly.
 */
export function compileMachine<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: CompileOptions = {},
): CompiledMachine<ContextFrom<TMachine>, EventFromLogic<TMachine>, InputFrom<TMachine>> {
  return new MachineCompiler(machine, options).compile() as unknown as CompiledMachine<
    ContextFrom<TMachine>,
    EventFromLogic<TMachine>,
    InputFrom<TMachine>
  >;
}
