/**
 * What a compiled machine offers its host: snapshots, step results, host-owned instances and
 * the compiler's options (the public types of `compileMachine`).
 *
 * @module
 */

/** A delayed event the host must schedule (XState derives these from `after`). */
export interface DelayRequest {
  /** The event type, which is also XState's id for the timer, e.g. 'xstate.after.patience.caller.queued'. */
  readonly event: string;
  /** The delay in XState milliseconds (may be `Infinity`); the host converts it to its own time unit. */
  readonly delayMs: number;
}

/** The state of one compiled machine instance. Immutable: every change makes a new snapshot. */
export interface CompiledSnapshot<TContext> {
  /** Id of the active leaf state (atomic or final), an index into {@link CompiledMachine.stateNames}. */
  readonly state: number;
  readonly context: TContext;
  /** 'done' once a top-level final state is reached; later events are ignored. */
  readonly status: 'active' | 'done';
}

/** What one macrostep (an event and everything it set off) did. */
export interface StepResult<TContext> {
  snapshot: CompiledSnapshot<TContext>;
  /**
   * Delayed events to schedule (from `after` of entered states), in the order XState issued
   * them; XState milliseconds, the caller converts.
   *
   * Within one step the same timer id can be both cancelled and scheduled (a re-entered state,
   * or a state entered and left again by `always`). The timer of an `after` entry is live after
   * the step exactly when its state is active in `snapshot` — `compiled.accepts(snapshot.state,
   * request.event)` — and for a repeated id only its last request counts. Applying `cancelled`
   * before `scheduled` is right whenever a step does not both schedule and cancel the same id.
   */
  scheduled: readonly DelayRequest[];
  /** Delayed-event ids cancelled because their state was exited, in the order XState issued them. */
  cancelled: readonly string[];
  /** False when no transition was enabled (event ignored); the snapshot is then the same object. */
  changed: boolean;
}

/**
 * An instance of a compiled machine kept by the host, for {@link CompiledMachine.stepInPlace}:
 * the same two facts as an active or done snapshot, in an object the host owns and the stepper
 * updates in place.
 */
export interface MachineInstance<TContext> {
  /** Id of the active leaf state, as {@link CompiledSnapshot.state}. */
  state: number;
  context: TContext;
}

/**
 * What {@link CompiledMachine.stepInPlace} and {@link CompiledMachine.initialInPlace} report
 * besides the instance's new state and context: the rest of a {@link StepResult}. One record per
 * compiled machine, overwritten by the next in-place call: read it before stepping again.
 */
export interface StepRecord {
  /** A top-level final state is active: the instance is over (a snapshot's status 'done'). */
  readonly done: boolean;
  /** As {@link StepResult.scheduled}; a fresh array (or a shared frozen empty one) per step. */
  readonly scheduled: readonly DelayRequest[];
  /** As {@link StepResult.cancelled}; a fresh array (or a shared frozen empty one) per step. */
  readonly cancelled: readonly string[];
  /** As {@link StepResult.changed}. */
  readonly changed: boolean;
}

/** A machine compiled into a table; every method is pure (the in-place ones reuse one result record). */
export interface CompiledMachine<TContext, TEvent extends { type: string }, TInput> {
  /** Leaf states (atomic and final) in document order, as dot paths from the root, e.g. 'outcome.purchased'. */
  readonly stateNames: readonly string[];
  /** The id of a leaf state given its dot path; throws a {@link CompileError} if there is none. */
  stateId(path: string): number;
  /** The initial macrostep, as XState's `initialTransition(machine, input)`. */
  initial(input: TInput): StepResult<TContext>;
  /** One macrostep, as XState's `transition(machine, snapshot, event)`; a done snapshot ignores events. */
  step(snapshot: CompiledSnapshot<TContext>, event: TEvent | { type: string }): StepResult<TContext>;
  /**
   * {@link initial} into a host-owned instance: sets its state and context, and reports the rest
   * in the shared {@link StepRecord}, so no snapshot or result object is made (a simulator steps
   * millions of instances, and those objects showed in its allocation profile).
   */
  initialInPlace(instance: MachineInstance<TContext>, input: TInput): StepRecord;
  /**
   * {@link step} on a host-owned instance, updated in place (its context is written only when
   * it changed), the rest reported in the shared {@link StepRecord}. An instance whose state is
   * a top-level final state is done and ignores events, as a done snapshot does.
   */
  stepInPlace(instance: MachineInstance<TContext>, event: TEvent | { type: string }): StepRecord;
  /** XState-style state value ('queued' or { outcome: 'purchased' }) for comparisons. */
  stateValue(state: number): string | Record<string, unknown>;
  /**
   * Whether some transition of the leaf state or one of its ancestors listens to `eventType`
   * (guards aside). For an `after` event this tells whether its timer belongs to an active state.
   */
  accepts(state: number, eventType: string): boolean;
}

/** Deliberately wrong compilers, for proving that the differential test can fail. Tests only. */
export type CompilerMutation = 'exit-order' | 'skip-always' | 'entry-before-exit' | 'ignore-guard-order';

/** Options of {@link compileMachine}. */
export interface CompileOptions {
  /**
   * What to do with plain-function actions (named in `setup({ actions })` or inline) that are
   * not XState built-ins, i.e. side effects XState's pure `transition()` only reports:
   * - `'refuse'` (default): throw a {@link CompileError} at compile time, so a machine the
   *   simulator cannot honour is never stepped silently;
   * - `'ignore'`: skip them, exactly what XState's pure `transition()` does to the state;
   * - `'call'`: call them as `fn({ context, event }, params)` during the step, in order.
   */
  readonly plainActions?: 'refuse' | 'ignore' | 'call';
  /**
   * Microsteps allowed in one macrostep before the step throws. XState loops forever on a
   * cycle of `always`/raised transitions unless the machine sets `options.maxIterations`
   * (which is honoured); the default here is 10,000.
   */
  readonly maxMicrosteps?: number;
  /** @internal Breaks the compiler on purpose; only the mutation test uses it. */
  readonly __mutation?: CompilerMutation;
}
