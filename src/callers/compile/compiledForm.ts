/**
 * The compiled form of a machine: per leaf state and event, rows of (guard, plan of ops,
 * target), built by the compiler and run by the stepper.
 *
 * @module
 */
import type { ContextMerger } from './contextMerger.ts';
import type { ArgsFn, EventObject, XNode } from './xstateInternals.ts';

export type GuardFn = (context: unknown, event: EventObject, leaf: number) => boolean;

// Op kinds: a flat list of these is what a microstep runs.
export const ASSIGN_FN = 0;
export const ASSIGN_OBJECT = 1;
export const RAISE = 2;
export const SCHEDULE_STATIC = 3;
export const SCHEDULE_NAMED = 4;
export const CANCEL = 5;
export const CALL = 6;
export const DONE_EVENT = 7;
export const STATUS_DONE = 8;

export interface Op {
  readonly kind: number;
  /** Assigner, raise expression, delay function, plain action, or final-state output mapper. */
  readonly fn: ArgsFn | null;
  /** Static payload: assign object, raise event, DelayRequest, cancel id, done event (type). */
  readonly value: unknown;
  /** The partial of an object assigner whose values are all constants, built once. */
  readonly staticPartial: Readonly<Record<string, unknown>> | null;
  /** The keys of an object assigner, in XState's (Object.keys) order. */
  readonly keys: readonly string[] | null;
  /** Action params: a value, or a function of `{ context, event }` when `paramsIsFn`. */
  readonly params: unknown;
  readonly paramsIsFn: boolean;
  /** Builds assign results (assign ops only). */
  readonly merger: ContextMerger | null;
}

export interface Row {
  readonly guard: GuardFn | null;
  /** Exit actions, transition actions, entry actions (with done/final bookkeeping), in order. */
  readonly plan: readonly Op[];
  /** Leaf active after the microstep. */
  readonly target: number;
  /** The set of active state nodes changes (XState then makes a new snapshot object). */
  readonly nodesChange: boolean;
  /** This microstep and the one its raised event takes next, as one (see `MachineCompiler.fuse`). */
  fused: FusedRows | null;
}

/** Two microsteps run as one: a plan that ends by raising an event, and the row that event takes. */
export interface FusedRows {
  /** The first plan without its final raise, then the second plan. */
  readonly plan: readonly Op[];
  /** Leaf active after the second microstep. */
  readonly target: number;
}

export interface NodeInfo {
  readonly node: XNode;
  readonly parent: NodeInfo | null;
  readonly children: NodeInfo[];
  entryOps: readonly Op[];
  exitOps: readonly Op[];
  initialOps: readonly Op[];
  initialChild: NodeInfo | null;
  /** Index into leaves, -1 for compound nodes. */
  leaf: number;
}

export interface LeafInfo {
  readonly info: NodeInfo;
  /** The leaf and its ancestors, leaf first: the active configuration when this leaf is active. */
  readonly chain: readonly NodeInfo[];
  readonly name: string;
  readonly value: string | Record<string, unknown>;
  always: readonly Row[];
  /** Exit actions of the whole configuration, run when a top-level final state is reached. */
  doneExit: readonly Op[];
}
