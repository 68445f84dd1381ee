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
 * @module
 */
import { and, matchesState, not, or, stateIn } from 'xstate';
import type { AnyStateMachine, ContextFrom, EventFromLogic, InputFrom } from 'xstate';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// XState internals we read (xstate 5.33.3)
// ---------------------------------------------------------------------------------------------

interface EventObject {
  readonly type: string;
  readonly [key: string]: unknown;
}

interface XTransition {
  readonly target: readonly XNode[] | undefined;
  readonly source: XNode;
  readonly actions: readonly unknown[];
  readonly guard?: unknown;
  readonly reenter: boolean;
}

interface XNode {
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

interface XImplementations {
  readonly guards: Readonly<Record<string, unknown>>;
  readonly actions: Readonly<Record<string, unknown>>;
  readonly delays: Readonly<Record<string, unknown>>;
}

type ArgsFn = (args: unknown, params: unknown) => unknown;

// Built-in guards are recognised by their `check` implementation, taken from xstate itself.
const AND_CHECK = (and([]) as unknown as { check: unknown }).check;
const OR_CHECK = (or([]) as unknown as { check: unknown }).check;
const NOT_CHECK = (not(() => true) as unknown as { check: unknown }).check;
const STATE_IN_CHECK = (stateIn('x') as unknown as { check: unknown }).check;

const WILDCARD = '*';
const XSTATE_INIT = 'xstate.init';

// ---------------------------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------------------------

type GuardFn = (context: unknown, event: EventObject, leaf: number) => boolean;

// Op kinds: a flat list of these is what a microstep runs.
const ASSIGN_FN = 0;
const ASSIGN_OBJECT = 1;
const RAISE = 2;
const SCHEDULE_STATIC = 3;
const SCHEDULE_NAMED = 4;
const CANCEL = 5;
const CALL = 6;
const DONE_EVENT = 7;
const STATUS_DONE = 8;

interface Op {
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

interface Row {
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
interface FusedRows {
  /** The first plan without its final raise, then the second plan. */
  readonly plan: readonly Op[];
  /** Leaf active after the second microstep. */
  readonly target: number;
}

interface NodeInfo {
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

interface LeafInfo {
  readonly info: NodeInfo;
  /** The leaf and its ancestors, leaf first: the active configuration when this leaf is active. */
  readonly chain: readonly NodeInfo[];
  readonly name: string;
  readonly value: string | Record<string, unknown>;
  always: readonly Row[];
  /** Exit actions of the whole configuration, run when a top-level final state is reached. */
  doneExit: readonly Op[];
}

/**
 * Scratch state of one macrostep. The context is not kept here but passed along in locals and
 * return values: this record lives long enough to be in V8's old generation, and every store
 * of a fresh (young) context into it went through the write barrier's slow path (~8% of the
 * instructions of stepping a caller, measured with callgrind).
 */
interface Run {
  /** Active leaf after the last microstep. */
  leaf: number;
  done: boolean;
  assigned: boolean;
  scheduled: DelayRequest[] | null;
  cancelled: string[] | null;
  /**
   * Raised events (internal queue) from `queueHead` to `queueTail`. The array belongs to the
   * run record and is reused by every macrostep that uses the record, so raising (every `onDone`
   * raises a done event) allocates nothing.
   */
  readonly queue: (EventObject | undefined)[];
  queueHead: number;
  queueTail: number;
  /** Microsteps taken so far in this macrostep. */
  microsteps: number;
}

function newRun(): Run {
  return { leaf: 0, done: false, assigned: false, scheduled: null, cancelled: null, queue: [], queueHead: 0, queueTail: 0, microsteps: 0 };
}

/** A raised event joins the internal queue of the macrostep. */
function enqueue(run: Run, event: EventObject): void {
  run.queue[run.queueTail++] = event;
}

/** The mutable record behind {@link StepRecord}, with the leaf the step ended in. */
interface MutableStepRecord {
  state: number;
  done: boolean;
  scheduled: readonly DelayRequest[];
  cancelled: readonly string[];
  changed: boolean;
}

const EMPTY_SCHEDULED: readonly DelayRequest[] = Object.freeze([]);
const EMPTY_CANCELLED: readonly string[] = Object.freeze([]);
const NO_ROWS: readonly Row[] = Object.freeze([]);
/** Stands in for the init event when nothing in the initial macrostep can see it. */
const UNUSED_INIT_EVENT: EventObject = Object.freeze({ type: XSTATE_INIT, input: undefined });

function noSpawn(): never {
  throw new CompileError(
    'XSTATE_UNSUPPORTED',
    'assign',
    'an assign action called spawn()',
    'the compiled stepper has no actors',
    'remove spawning from the machine or step it with XState itself',
  );
}

// ---------------------------------------------------------------------------------------------
// Tree helpers (ports of XState's, on NodeInfo)
// ---------------------------------------------------------------------------------------------

/** XState's `isDescendant`: strict; with no parent every node (root included) counts. */
function isDescendant(child: NodeInfo, parent: NodeInfo | null): boolean {
  let marker = child;
  while (marker.parent !== null && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

/** XState's `getProperAncestors(node, upTo)`: ancestors strictly below `upTo`, nearest first. */
function properAncestors(node: NodeInfo, upTo: NodeInfo | null): NodeInfo[] {
  const result: NodeInfo[] = [];
  if (upTo === node) return result;
  let marker = node.parent;
  while (marker !== null && marker !== upTo) {
    result.push(marker);
    marker = marker.parent;
  }
  return result;
}

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

function isWildcardDescriptor(descriptor: string): boolean {
  return descriptor === WILDCARD || descriptor.endsWith('.*');
}

/** XState's `getCandidates`: exact match first, then wildcards, longest descriptor first. */
function candidatesOf(node: XNode, eventType: string): readonly XTransition[] {
  const exact = node.transitions.get(eventType);
  const wildcard = [...node.transitions.keys()]
    .filter((d) => d !== eventType && matchesEventDescriptor(eventType, d))
    .sort((a, b) => b.length - a.length)
    .flatMap((d) => node.transitions.get(d) ?? []);
  return exact ? [...exact, ...wildcard] : wildcard;
}

function valueOfPath(path: readonly string[]): string | Record<string, unknown> {
  if (path.length === 0) return Object.freeze({});
  if (path.length === 1) return path[0]!;
  let value: string | Record<string, unknown> = path[path.length - 1]!;
  for (let i = path.length - 2; i >= 0; i--) value = Object.freeze({ [path[i]!]: value });
  return value;
}

// ---------------------------------------------------------------------------------------------
// The compiler
// ---------------------------------------------------------------------------------------------

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

class MachineCompiler {
  private readonly root: XNode;
  private readonly impl: XImplementations;
  private readonly mutation: CompilerMutation | undefined;
  private readonly plainActions: 'refuse' | 'ignore' | 'call';
  private readonly infos = new Map<XNode, NodeInfo>();
  private readonly leaves: LeafInfo[] = [];
  private readonly guardCache = new Map<unknown, GuardFn | null>();
  private readonly transitionActions = new Map<XTransition, readonly Op[]>();
  private readonly mergePolicy: MergePolicy = { fast: true };

  constructor(
    private readonly machine: AnyStateMachine,
    options: CompileOptions,
  ) {
    this.root = machine.root as unknown as XNode;
    this.impl = machine.implementations as unknown as XImplementations;
    this.mutation = options.__mutation;
    this.plainActions = options.plainActions ?? 'refuse';
    const configured = (machine.options as { maxIterations?: number } | undefined)?.maxIterations;
    this.maxMicrosteps = options.maxMicrosteps ?? (configured !== undefined && Number.isFinite(configured) ? configured : 10_000);
  }

  private readonly maxMicrosteps: number;

  compile(): CompiledMachine<unknown, EventObject, unknown> {
    const rootInfo = this.indexTree(this.root, null);
    for (const info of this.infos.values()) this.compileNode(info);

    // Event types known at compile time get a row list per leaf; others are resolved lazily
    // (only wildcard descriptors can match them).
    const knownTypes = new Set<string>();
    let hasWildcards = false;
    for (const info of this.infos.values()) {
      for (const descriptor of info.node.transitions.keys()) {
        if (isWildcardDescriptor(descriptor)) hasWildcards = true;
        else knownTypes.add(descriptor);
      }
    }
    const table = new Map<string, (readonly Row[] | undefined)[]>();
    const rowCache = new Map<XTransition, Map<number, Row>>();
    const rowsFor = (leaf: LeafInfo, leafIndex: number, eventType: string): readonly Row[] | undefined => {
      const rows: Row[] = [];
      for (const info of leaf.chain) {
        for (const t of candidatesOf(info.node, eventType)) rows.push(this.cachedRow(rowCache, leaf, leafIndex, t));
      }
      if (this.mutation === 'ignore-guard-order') rows.reverse();
      return rows.length > 0 ? rows : undefined;
    };
    for (const eventType of knownTypes) {
      const perLeaf = this.leaves.map((leaf, i) => rowsFor(leaf, i, eventType));
      if (perLeaf.some((rows) => rows !== undefined)) table.set(eventType, perLeaf);
    }
    this.leaves.forEach((leaf, i) => {
      const rows: Row[] = [];
      for (const info of leaf.chain) for (const t of info.node.always ?? []) rows.push(this.cachedRow(rowCache, leaf, i, t));
      if (this.mutation === 'ignore-guard-order') rows.reverse();
      leaf.always = rows;
      leaf.doneExit = [...leaf.chain].sort((a, b) => b.node.order - a.node.order).flatMap((n) => n.exitOps);
    });

    const settlesAt = this.leaves.map((leaf) => this.maxMicrosteps >= 1 && (this.mutation === 'skip-always' || leaf.always.length === 0));
    for (const perLeaf of [...rowCache.values()]) {
      for (const row of [...perLeaf.values()]) this.fuse(row, settlesAt, rowsFor);
    }

    const initialRow = this.initialRow(rootInfo);
    const initialContext = this.initialContextFactory();
    const rowsForAllLeaves = (eventType: string): (readonly Row[] | undefined)[] => this.leaves.map((l, i) => rowsFor(l, i, eventType));
    return new CompiledTable(this.root.id, this.leaves, table, hasWildcards ? rowsForAllLeaves : null, initialRow, initialContext, this.maxMicrosteps, this.mutation === 'skip-always');
  }

  /**
   * Fuses `row` with the row its raised event takes next, when that is decided at compile time:
   * its plan ends by raising a static event (every `onDone` does, from a final child), nothing
   * before that raises or ends the machine, its target has no eventless transitions, and the
   * first row for that event there has no guard. XState's macrostep would then dequeue the event
   * and take that row, every time; one fused microstep does the same without the queue round
   * trip. The second plan and the exit plan of a machine that ends must not look at the event
   * (the fused microstep runs them with the first one). Each step of the caller machine that
   * ends a call is such a pair (end of service → outcome.* → done).
   */
  private fuse(row: Row, settlesAt: readonly boolean[], rowsFor: (leaf: LeafInfo, leafIndex: number, eventType: string) => readonly Row[] | undefined): void {
    const plan = row.plan;
    const last = plan[plan.length - 1];
    if (last === undefined || last.fn !== null || (last.kind !== DONE_EVENT && last.kind !== RAISE)) return;
    if (!plan.slice(0, -1).every((op) => op.kind === ASSIGN_FN || op.kind === ASSIGN_OBJECT || op.kind === SCHEDULE_STATIC || op.kind === CANCEL)) return;
    if (!settlesAt[row.target]) return;
    const next = rowsFor(this.leaves[row.target]!, row.target, (last.value as EventObject).type)?.[0];
    if (next === undefined || next.guard !== null) return;
    const ignoresEvent = (op: Op): boolean =>
      op.kind === STATUS_DONE ||
      op.kind === SCHEDULE_STATIC ||
      op.kind === CANCEL ||
      (op.kind === ASSIGN_OBJECT && op.staticPartial !== null) ||
      ((op.kind === DONE_EVENT || op.kind === RAISE) && op.fn === null);
    const ends = next.plan.some((op) => op.kind === STATUS_DONE);
    if (!next.plan.every(ignoresEvent) || (ends ? !this.leaves[next.target]!.doneExit.every(ignoresEvent) : !settlesAt[next.target])) return;
    row.fused = { plan: [...plan.slice(0, -1), ...next.plan], target: next.target };
  }

  // --- tree -------------------------------------------------------------------------------

  private indexTree(node: XNode, parent: NodeInfo | null): NodeInfo {
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
    const info: NodeInfo = { node, parent, children: [], entryOps: [], exitOps: [], initialOps: [], initialChild: null, leaf: -1 };
    this.infos.set(node, info);
    if (node.type === 'atomic' || node.type === 'final') {
      const chain: NodeInfo[] = [];
      for (let m: NodeInfo | null = info; m !== null; m = m.parent) chain.push(m);
      info.leaf = this.leaves.length;
      this.leaves.push({ info, chain, name: node.path.join('.'), value: valueOfPath(node.path), always: NO_ROWS, doneExit: [] });
    }
    for (const child of Object.values(node.states)) info.children.push(this.indexTree(child, info));
    return info;
  }

  private compileNode(info: NodeInfo): void {
    const { node } = info;
    const where = `#${node.id}`;
    for (const delayed of node.after) {
      if (typeof delayed.delay === 'string' && !(delayed.delay in this.impl.delays)) {
        throw new CompileError('XSTATE_NOT_IMPLEMENTED', where, `the delay '${delayed.delay}' in 'after'`, 'setup() has no implementation for it (XState would raise the event at once)', `add '${delayed.delay}' to setup({ delays })`);
      }
    }
    info.entryOps = this.compileActions(node.entry, where, node);
    info.exitOps = this.compileActions(node.exit, where, node);
    if (node.type === 'compound') {
      const initialTarget = node.initial.target[0];
      if (initialTarget === undefined) throw new Error(`compound state ${where} has no initial state`);
      info.initialChild = this.infos.get(initialTarget) ?? null;
      info.initialOps = this.compileActions(node.initial.actions, where, node);
    }
    for (const transitions of node.transitions.values()) for (const t of transitions) this.checkTransition(t);
    for (const t of node.always ?? []) this.checkTransition(t);
  }

  /** Refuses what cannot be compiled now, not when a wildcard row is first built at run time. */
  private checkTransition(t: XTransition): void {
    const where = `#${t.source.id}`;
    this.compileGuard(t.guard, where);
    this.actionsOf(t);
    if (t.target !== undefined && t.target.length > 1) {
      throw new CompileError('XSTATE_UNSUPPORTED', where, 'a transition with several targets', 'several targets only make sense with parallel states', 'use a single target');
    }
    const target = t.target?.[0];
    if (target !== undefined && !this.infos.has(target)) {
      throw new CompileError('XSTATE_UNSUPPORTED', where, `a transition to #${target.id} outside the compiled tree`, 'every target must be a state of this machine', 'fix the target');
    }
  }

  // --- guards -----------------------------------------------------------------------------

  private compileGuard(guard: unknown, where: string): GuardFn | null {
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

  // --- actions ----------------------------------------------------------------------------

  private compileActions(actions: readonly unknown[], where: string, owner: XNode | null): Op[] {
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

  private actionsOf(t: XTransition): readonly Op[] {
    let ops = this.transitionActions.get(t);
    if (ops === undefined) {
      ops = this.compileActions(t.actions, `#${t.source.id}`, null);
      this.transitionActions.set(t, ops);
    }
    return ops;
  }

  // --- microsteps -------------------------------------------------------------------------

  private cachedRow(cache: Map<XTransition, Map<number, Row>>, leaf: LeafInfo, leafIndex: number, t: XTransition): Row {
    let perLeaf = cache.get(t);
    if (perLeaf === undefined) cache.set(t, (perLeaf = new Map()));
    let row = perLeaf.get(leafIndex);
    if (row === undefined) {
      row = this.buildRow(leaf, leafIndex, t);
      perLeaf.set(leafIndex, row);
    }
    return row;
  }

  /** The microstep of transition `t` taken while `leaf` is active (XState's `microstep`). */
  private buildRow(leaf: LeafInfo, leafIndex: number, t: XTransition): Row {
    const guard = this.compileGuard(t.guard, `#${t.source.id}`);
    const actions = this.actionsOf(t);
    const targetNode = t.target?.[0];
    if (targetNode === undefined) {
      return { guard, plan: actions, target: leafIndex, nodesChange: false, fused: null };
    }
    const source = this.infos.get(t.source)!;
    const target = this.infos.get(targetNode)!;
    const domain = this.transitionDomain(source, target, t.reenter);

    // Exit set (XState's computeExitSet), reverse document order.
    const exitSet = new Set<NodeInfo>();
    if (t.reenter && domain === source && domain !== null) exitSet.add(domain);
    for (const n of leaf.chain) if (isDescendant(n, domain)) exitSet.add(n);
    const exitOrder = [...exitSet].sort((a, b) => b.node.order - a.node.order);
    if (this.mutation === 'exit-order') exitOrder.reverse();

    // Entry set (XState's computeEntrySet), document order.
    const toEnter = new Set<NodeInfo>();
    const defaultEntry = new Set<NodeInfo>();
    if (source !== target || source !== domain || t.reenter) {
      toEnter.add(target);
      defaultEntry.add(target);
    }
    this.addDescendantsToEnter(target, toEnter, defaultEntry);
    const reentrancyDomain = source.parent === null && t.reenter ? null : domain;
    for (const anc of properAncestors(target, domain)) {
      if (reentrancyDomain === null || isDescendant(anc, reentrancyDomain)) toEnter.add(anc);
    }
    const entryOrder = [...toEnter].sort((a, b) => a.node.order - b.node.order);

    const after = new Set(leaf.chain);
    for (const n of exitSet) after.delete(n);
    for (const n of toEnter) after.add(n);
    const nextLeaf = this.leafOf(after, `#${t.source.id}`);

    const exitOps = exitOrder.flatMap((n) => n.exitOps);
    const entryOps = this.entryOps(entryOrder, defaultEntry);
    const plan = this.mutation === 'entry-before-exit' ? [...entryOps, ...actions, ...exitOps] : [...exitOps, ...actions, ...entryOps];
    return { guard, plan, target: nextLeaf, nodesChange: nextLeaf !== leafIndex, fused: null };
  }

  /** XState's getTransitionDomain for one (non-history) target. */
  private transitionDomain(source: NodeInfo, target: NodeInfo, reenter: boolean): NodeInfo | null {
    if (!reenter && (target === source || isDescendant(target, source))) return source;
    for (const ancestor of properAncestors(target, null)) {
      if (isDescendant(source, ancestor)) return ancestor;
    }
    // A root transition: only a re-entering one leaves the root itself.
    return reenter ? null : this.infos.get(this.root)!;
  }

  private addDescendantsToEnter(node: NodeInfo, toEnter: Set<NodeInfo>, defaultEntry: Set<NodeInfo>): void {
    if (node.node.type !== 'compound') return;
    const initial = node.initialChild!;
    toEnter.add(initial);
    defaultEntry.add(initial);
    this.addDescendantsToEnter(initial, toEnter, defaultEntry);
  }

  /** Entry actions, initial-transition actions and final-state bookkeeping (XState's enterStates). */
  private entryOps(entryOrder: readonly NodeInfo[], defaultEntry: ReadonlySet<NodeInfo>): Op[] {
    const ops: Op[] = [];
    for (const n of entryOrder) {
      ops.push(...n.entryOps);
      if (defaultEntry.has(n)) ops.push(...n.initialOps);
      if (n.node.type === 'final') {
        const parent = n.parent;
        if (parent !== null && parent.node.type === 'compound') {
          const type = `xstate.done.state.${parent.node.id}`;
          const output = n.node.output;
          if (output === undefined) {
            ops.push({ kind: DONE_EVENT, fn: null, value: Object.freeze({ type, output: undefined }), staticPartial: null, keys: null, params: undefined, paramsIsFn: false, merger: null });
          } else {
            const fn: ArgsFn = typeof output === 'function' ? (output as ArgsFn) : () => output;
            ops.push({ kind: DONE_EVENT, fn, value: type, staticPartial: null, keys: null, params: undefined, paramsIsFn: false, merger: null });
          }
        }
        if (parent === null || parent.parent === null) {
          ops.push({ kind: STATUS_DONE, fn: null, value: null, staticPartial: null, keys: null, params: undefined, paramsIsFn: false, merger: null });
        }
      }
    }
    return ops;
  }

  private leafOf(nodes: ReadonlySet<NodeInfo>, where: string): number {
    let leaf = -1;
    for (const n of nodes) {
      if (n.leaf >= 0) {
        if (leaf >= 0) throw new Error(`internal: two active leaves after a transition from ${where}`);
        leaf = n.leaf;
      }
    }
    if (leaf < 0) throw new Error(`internal: no active leaf after a transition from ${where}`);
    return leaf;
  }

  /** XState's initialMicrostep: the root and its initial descendants entered, root by default. */
  private initialRow(rootInfo: NodeInfo): Row {
    const toEnter = new Set<NodeInfo>([rootInfo]);
    this.addDescendantsToEnter(rootInfo, toEnter, new Set());
    const entryOrder = [...toEnter].sort((a, b) => a.node.order - b.node.order);
    const ops = this.entryOps(entryOrder, toEnter);
    return { guard: null, plan: ops, target: this.leafOf(toEnter, `#${rootInfo.node.id}`), nodesChange: true, fused: null };
  }

  private initialContextFactory(): (input: unknown, event: EventObject) => unknown {
    const context = (this.root as unknown as { config: { context?: unknown } }).config.context;
    if (typeof context === 'function') {
      const factory = context as ArgsFn;
      // XState's Object.assign({}, {}, result): a fresh plain object with the result's own keys.
      // Copied through a generated literal builder (~60 ns for the caller's 11 keys, against
      // ~350 ns for Object.assign). Write factories as explicit literals: one written as
      // `{ ...input, more }` gives each result a new hidden class on Node 20, and reading those
      // is megamorphic (~3 µs a caller) whichever way they are copied.
      const merger = new ContextMerger(this.mergePolicy);
      return (input) => merger.merge(factory({ spawn: noSpawn, input, self: undefined }, undefined), EMPTY_PARTIAL, true);
    }
    // A static context object is shared by every instance, as in XState.
    const shared = context ?? {};
    return () => shared;
  }
}

// ---------------------------------------------------------------------------------------------
// Context merging: XState's `Object.assign({}, context, partial)`, fast
// ---------------------------------------------------------------------------------------------

/** Shared by the mergers of one compiled machine; `fast` is switched off for good by symbol keys. */
interface MergePolicy {
  fast: boolean;
}

type Builder = (context: unknown, partial: unknown) => object;

interface MergeShape {
  /** Own enumerable keys of the context, in order. */
  readonly keys: readonly string[];
  /** Keys of the partial, in order; all of them are context keys. */
  readonly partialKeys: readonly string[];
  readonly build: Builder;
}

/** The partial of a plain copy. */
const EMPTY_PARTIAL: Readonly<Record<string, never>> = Object.freeze({});

/** Distinct (context, partial) key layouts one assign may meet before it stops specialising. */
const MAX_SHAPES = 4;

/**
 * Produces `Object.assign({}, context, partial)`, XState's assign, through an object literal
 * generated per key layout: on Node 20 here `Object.assign` into a fresh object (and object
 * spread) measured 350–450 ns for an 11-key context, the literal 50–80 ns, and assign runs
 * several times per caller. The layout is checked on every call (the context's keys, and the
 * partial's unless the compiler built it, must match the cached ones in `for…in` order);
 * anything unusual — new keys, `__proto__`, non-objects, too many layouts — takes
 * `Object.assign`. Symbol keys are checked only when a layout is learnt (checking them per call
 * costs more than the assign): contexts with symbol keys are not supported, see compileMachine.
 */
class ContextMerger {
  private readonly shapes: MergeShape[] = [];
  private specialise = true;
  private attempts = 0;

  constructor(private readonly policy: MergePolicy) {}

  /** `trustedPartial`: the partial was made by the compiler with exactly `partialKeys`' layout. */
  merge(context: unknown, partial: unknown, trustedPartial: boolean): unknown {
    if (this.specialise && this.policy.fast && typeof context === 'object' && context !== null && typeof partial === 'object' && partial !== null) {
      const shapes = this.shapes;
      for (let i = 0; i < shapes.length; i++) {
        const shape = shapes[i]!;
        if (sameKeys(context, shape.keys) && (trustedPartial || sameKeys(partial, shape.partialKeys))) return shape.build(context, partial);
      }
      const shape = this.learn(context, partial);
      if (shape !== null) return shape.build(context, partial);
    }
    return Object.assign({}, context, partial);
  }

  private learn(context: object, partial: object): MergeShape | null {
    if (this.shapes.length >= MAX_SHAPES || ++this.attempts > 4 * MAX_SHAPES) {
      // Too many layouts, or layouts it cannot specialise (new keys…): stop trying.
      this.specialise = false;
      return null;
    }
    if (Object.getOwnPropertySymbols(context).length > 0 || Object.getOwnPropertySymbols(partial).length > 0) {
      this.policy.fast = false;
      return null;
    }
    const keys = Object.keys(context);
    const partialKeys = Object.keys(partial);
    // for…in must see exactly the own keys (no enumerable inherited ones), or validation fails.
    if (!sameKeys(context, keys) || !sameKeys(partial, partialKeys)) return null;
    const inPartial = new Set(partialKeys);
    if (partialKeys.some((k) => !keys.includes(k)) || keys.includes('__proto__')) return null;
    const fields = keys.map((k) => `${JSON.stringify(k)}: ${inPartial.has(k) ? 'p' : 'c'}[${JSON.stringify(k)}]`);
    // Generated once per key layout; see the class comment for why.
    const build = new Function('c', 'p', `return { ${fields.join(', ')} };`) as Builder;
    // One throwaway object built from non-numbers gives every field of the layout's hidden class
    // V8's generic (tagged) representation at once. Otherwise fields start as small integers or
    // doubles and are widened when a value of another kind first comes (the first queued
    // caller's `waited`); each widening deprecates the hidden class, and code optimised around
    // then went on creating every caller's context literal in the runtime (callgrind: one
    // Runtime_CreateObjectLiteral per caller, ~2,000 more instructions each). Tagged fields
    // also let copies share number objects instead of boxing every number again.
    const generic: Record<string, unknown> = {};
    for (const key of keys) generic[key] = '';
    build(generic, generic);
    const shape: MergeShape = { keys, partialKeys, build };
    this.shapes.push(shape);
    return shape;
  }
}

/** Whether `object`'s enumerable keys (for…in order) are exactly `keys`. */
function sameKeys(object: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in object) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

// ---------------------------------------------------------------------------------------------
// The stepper (hot path)
// ---------------------------------------------------------------------------------------------

/** The compiled machine: immutable tables plus reusable scratch records for the hot path. */
class CompiledTable implements CompiledMachine<unknown, EventObject, unknown> {
  readonly stateNames: readonly string[];
  private readonly nameIndex: ReadonlyMap<string, number>;
  /** Rows of event types met at run time that only wildcard descriptors can match. */
  private readonly lazyTable = new Map<string, (readonly Row[] | undefined)[]>();
  private readonly initialUsesEvent: boolean;
  /** Per leaf: whether it is a top-level final state (its instances are done). */
  private readonly doneLeaf: readonly boolean[];
  /**
   * Per leaf: whether a microstep ending there settles at once, i.e. it has no eventless
   * transitions to try (and the step limit allows one microstep). A transition without actions
   * into such a leaf only moves the leaf, and `advance` takes it without the macrostep loop:
   * most of the caller machine's steps are such moves.
   */
  private readonly quiet: readonly boolean[];
  /**
   * Per leaf, the last event type looked up and its rows: a one-entry cache in front of the
   * `Map` lookup by type string, which was ~7% of the time of stepping the caller machine (CPU
   * profile). In a simulator each state mostly hears one event type.
   */
  private readonly lastType: (string | null)[];
  private readonly lastRows: (readonly Row[] | undefined)[];
  private readonly scratch: Run = newRun();
  private readonly record: MutableStepRecord = { state: 0, done: false, scheduled: EMPTY_SCHEDULED, cancelled: EMPTY_CANCELLED, changed: false };
  private busy = false;

  constructor(
    private readonly machineId: string,
    private readonly leaves: readonly LeafInfo[],
    private readonly table: ReadonlyMap<string, readonly (readonly Row[] | undefined)[]>,
    private readonly wildcardRows: ((eventType: string) => (readonly Row[] | undefined)[]) | null,
    private readonly initialRow: Row,
    private readonly initialContext: (input: unknown, event: EventObject) => unknown,
    private readonly maxMicrosteps: number,
    private readonly skipAlways: boolean,
  ) {
    this.stateNames = Object.freeze(leaves.map((l) => l.name));
    this.initialUsesEvent = initialRow.plan.length > 0 || leaves[initialRow.target]!.always.length > 0;
    this.nameIndex = new Map(this.stateNames.map((name, i) => [name, i] as const));
    // The compiler sets status 'done' exactly when it enters a final child of the root (or a final root).
    this.doneLeaf = leaves.map((l) => l.info.node.type === 'final' && (l.info.parent === null || l.info.parent.parent === null));
    this.quiet = leaves.map((l) => maxMicrosteps >= 1 && (skipAlways || l.always.length === 0));
    this.lastType = leaves.map(() => null);
    this.lastRows = leaves.map(() => undefined);
  }

  stateId(path: string): number {
    const id = this.nameIndex.get(path);
    if (id === undefined) {
      throw new CompileError(
        'XSTATE_UNKNOWN_STATE',
        `#${this.machineId}`,
        `no leaf state '${path}'`,
        'state ids name atomic or final states by their dot path from the root',
        `use one of: ${this.stateNames.join(', ')}`,
      );
    }
    return id;
  }

  stateValue(state: number): string | Record<string, unknown> {
    const leaf = this.leaves[state];
    if (leaf === undefined) throw new RangeError(`unknown state id ${state}`);
    return leaf.value;
  }

  accepts(state: number, eventType: string): boolean {
    return this.lookup(eventType, state) !== undefined;
  }

  private lookup(eventType: string, leaf: number): readonly Row[] | undefined {
    if (this.lastType[leaf] === eventType) return this.lastRows[leaf];
    let rows: readonly Row[] | undefined;
    const perLeaf = this.table.get(eventType);
    if (perLeaf !== undefined) rows = perLeaf[leaf];
    else if (this.wildcardRows !== null) {
      let lazy = this.lazyTable.get(eventType);
      if (lazy === undefined) {
        lazy = this.wildcardRows(eventType);
        // Bounded: arbitrary event types must not grow the cache without limit.
        if (this.lazyTable.size < 1024) this.lazyTable.set(eventType, lazy);
      }
      rows = lazy[leaf];
    }
    this.lastType[leaf] = eventType;
    this.lastRows[leaf] = rows;
    return rows;
  }

  private begin(): Run {
    // A guard or action that steps another instance re-enters; give it its own scratch.
    const run: Run = this.busy ? newRun() : this.scratch;
    run.done = false;
    run.scheduled = null;
    run.cancelled = null;
    run.queueHead = 0;
    run.queueTail = 0;
    run.microsteps = 0;
    return run;
  }

  initial(input: unknown): StepResult<unknown> {
    return this.result(this.start(input));
  }

  initialInPlace(instance: MachineInstance<unknown>, input: unknown): StepRecord {
    instance.context = this.start(input);
    instance.state = this.record.state;
    return this.record;
  }

  /** The initial macrostep: returns the context, the rest is in the shared record. */
  private start(input: unknown): unknown {
    const initialRow = this.initialRow;
    if (initialRow.plan.length === 0 && this.quiet[initialRow.target] === true) {
      const context = this.initialContext(input, UNUSED_INIT_EVENT);
      this.moved(initialRow.target);
      return context;
    }
    // The init event only matters to initial entry actions and eventless guards.
    const initEvent: EventObject = this.initialUsesEvent ? { type: XSTATE_INIT, input } : UNUSED_INIT_EVENT;
    const wasBusy = this.busy;
    const run = this.begin();
    this.busy = true;
    let context = this.initialContext(input, initEvent);
    context = this.microstep(this.initialRow, initEvent, run, context);
    context = this.settle(initEvent, run, context, 0);
    this.busy = wasBusy;
    this.fill(run, true);
    return context;
  }

  step(snapshot: CompiledSnapshot<unknown>, event: EventObject): StepResult<unknown> {
    if (snapshot.status !== 'active') return { snapshot, scheduled: EMPTY_SCHEDULED, cancelled: EMPTY_CANCELLED, changed: false };
    const context = this.advance(snapshot.state, snapshot.context, event);
    const record = this.record;
    if (record.state === snapshot.state && context === snapshot.context && !record.done) {
      // Nothing visible changed (a targetless transition, or nothing enabled): keep the snapshot.
      return { snapshot, scheduled: record.scheduled, cancelled: record.cancelled, changed: record.changed };
    }
    return this.result(context);
  }

  stepInPlace(instance: MachineInstance<unknown>, event: EventObject): StepRecord {
    const state = instance.state;
    if (this.doneLeaf[state] === true) {
      this.ignored(state, true);
      return this.record;
    }
    const context = instance.context;
    const next = this.advance(state, context, event);
    instance.state = this.record.state;
    // Written only when it changed: a host's instances live long, and storing a new object into
    // an old one costs V8's write barrier.
    if (next !== context) instance.context = next;
    return this.record;
  }

  /**
   * One macrostep from an active instance's leaf and context: returns the context after it;
   * the leaf and the rest are in the shared record.
   */
  private advance(leaf: number, context: unknown, event: EventObject): unknown {
    const type = event.type;
    let row: Row | null = null;
    if (type !== XSTATE_INIT) {
      const rows = this.lookup(type, leaf);
      if (rows !== undefined) row = select(rows, context, event, leaf);
      else if (type.startsWith('xstate.')) checkSpecialEvent(type);
    }
    // Nothing enabled and no eventless transition to try: the common "ignored" case, no work.
    if (row === null && (this.skipAlways || this.leaves[leaf]!.always.length === 0)) {
      this.ignored(leaf, false);
      return context;
    }
    if (row !== null && row.plan.length === 0 && this.quiet[row.target] === true) {
      this.moved(row.target);
      return context;
    }
    // No try/finally on the hot path: if user code throws, `busy` stays set and later steps
    // merely use a fresh scratch record each (correct, a little slower).
    const wasBusy = this.busy;
    const run = this.begin();
    this.busy = true;
    run.leaf = leaf;
    let next: unknown;
    if (row !== null && row.fused !== null) {
      // Two microsteps at once; the second is the first iteration of the macrostep loop.
      next = this.fusedMicrosteps(row.fused, event, run, context);
      next = this.settle(event, run, next, 1);
    } else {
      next = row === null ? context : this.microstep(row, event, run, context);
      next = this.settle(event, run, next, 0);
    }
    this.busy = wasBusy;
    // A step that changed nothing visible reports whether it took a (targetless) transition.
    this.fill(run, run.leaf !== leaf || next !== context || run.done || run.microsteps > 0);
    return next;
  }

  /** Records an event ignored in `state`. */
  private ignored(state: number, done: boolean): void {
    const record = this.record;
    record.state = state;
    record.done = done;
    record.scheduled = EMPTY_SCHEDULED;
    record.cancelled = EMPTY_CANCELLED;
    record.changed = false;
  }

  /** Records a macrostep of one microstep that only moved the leaf (no actions, nothing raised). */
  private moved(state: number): void {
    const record = this.record;
    record.state = state;
    record.done = false;
    record.scheduled = EMPTY_SCHEDULED;
    record.cancelled = EMPTY_CANCELLED;
    record.changed = true;
  }

  /** Records a macrostep that ran; `changed` as in {@link StepResult.changed}. */
  private fill(run: Run, changed: boolean): void {
    const record = this.record;
    record.state = run.leaf;
    record.done = run.done;
    record.scheduled = run.scheduled ?? EMPTY_SCHEDULED;
    record.cancelled = run.cancelled ?? EMPTY_CANCELLED;
    record.changed = changed;
  }

  /** A {@link StepResult} with a new snapshot of `context` and the shared record. */
  private result(context: unknown): StepResult<unknown> {
    const record = this.record;
    return {
      snapshot: { state: record.state, context, status: record.done ? 'done' : 'active' },
      scheduled: record.scheduled,
      cancelled: record.cancelled,
      changed: true,
    };
  }

  /** Runs one microstep from `context`; returns the context after it (the new leaf is in `run`). */
  private microstep(row: Row, event: EventObject, run: Run, context: unknown): unknown {
    run.assigned = false;
    run.microsteps++;
    let next = runOps(row.plan, event, run, context);
    if (run.done) next = runOps(this.leaves[row.target]!.doneExit, event, run, next);
    run.assigned = run.assigned || row.nodesChange;
    run.leaf = row.target;
    return next;
  }

  /** Runs a fused pair of microsteps (see `MachineCompiler.fuse`). */
  private fusedMicrosteps(fused: FusedRows, event: EventObject, run: Run, context: unknown): unknown {
    run.microsteps += 2;
    let next = runOps(fused.plan, event, run, context);
    if (run.done) next = runOps(this.leaves[fused.target]!.doneExit, event, run, next);
    run.assigned = true;
    run.leaf = fused.target;
    return next;
  }

  /**
   * XState's macrostep loop: eventless transitions to a fixed point, then raised events one at
   * a time, until nothing is enabled or the machine is done.
   */
  private settle(firstEvent: EventObject, run: Run, context: unknown, iterationsDone: number): unknown {
    let event = firstEvent;
    let current = context;
    let selectEventless = true;
    let iterations = iterationsDone;
    while (!run.done) {
      if (++iterations > this.maxMicrosteps) {
        throw new Error(`Infinite loop detected: more than ${this.maxMicrosteps} microsteps in one macrostep (a cycle of eventless transitions or raised events).`);
      }
      if (selectEventless && !this.skipAlways) {
        const always = this.leaves[run.leaf]!.always;
        if (always.length > 0) {
          const row = select(always, current, event, run.leaf);
          if (row !== null) {
            current = this.microstep(row, event, run, current);
            // XState selects eventless transitions again only if the snapshot object changed.
            selectEventless = run.assigned;
            continue;
          }
        }
      }
      if (run.queueHead >= run.queueTail) break;
      const queue = run.queue;
      event = queue[run.queueHead]!;
      // Dropped from the reused queue at once, so it does not outlive the step.
      queue[run.queueHead++] = undefined;
      selectEventless = true;
      const rows = this.lookup(event.type, run.leaf);
      if (rows === undefined) continue;
      const row = select(rows, current, event, run.leaf);
      if (row !== null) current = this.microstep(row, event, run, current);
    }
    // A done machine leaves the rest of its queue unprocessed, as XState does.
    for (let i = run.queueHead; i < run.queueTail; i++) run.queue[i] = undefined;
    return current;
  }
}

function checkSpecialEvent(type: string): void {
  if (type === 'xstate.stop' || type.startsWith('xstate.error.actor')) {
    throw new CompileError('XSTATE_UNSUPPORTED', type, `the event '${type}'`, 'XState would stop the machine or put it in an error status, which compiled snapshots do not have', 'do not send XState lifecycle events to a compiled machine');
  }
}

/** The first row whose guard passes (XState's StateNode.next, leaf first, then ancestors). */
function select(rows: readonly Row[], context: unknown, event: EventObject, leaf: number): Row | null {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.guard === null || row.guard(context, event, leaf)) return row;
  }
  return null;
}

function paramsOf(op: Op, context: unknown, event: EventObject): unknown {
  return op.paramsIsFn ? (op.params as ArgsFn)({ context, event }, undefined) : op.params;
}

/** Runs a plan's ops from `context`; returns the context after them. */
function runOps(ops: readonly Op[], event: EventObject, run: Run, context: unknown): unknown {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    switch (op.kind) {
      case ASSIGN_FN: {
        const partial = op.fn!({ context, event, spawn: noSpawn, self: undefined, system: undefined }, paramsOf(op, context, event));
        context = op.merger!.merge(context, partial, false);
        run.assigned = true;
        break;
      }
      case ASSIGN_OBJECT: {
        let partial = op.staticPartial;
        if (partial === null) {
          const object = op.value as Record<string, unknown>;
          const args = { context, event, spawn: noSpawn, self: undefined, system: undefined };
          const params = paramsOf(op, context, event);
          const computed: Record<string, unknown> = {};
          for (const key of op.keys!) {
            const value = object[key];
            computed[key] = typeof value === 'function' ? (value as ArgsFn)(args, params) : value;
          }
          partial = computed;
        }
        context = op.merger!.merge(context, partial, true);
        run.assigned = true;
        break;
      }
      case RAISE: {
        enqueue(run, (op.fn === null ? op.value : op.fn({ context, event, self: undefined, system: undefined }, paramsOf(op, context, event))) as EventObject);
        break;
      }
      case SCHEDULE_STATIC:
        // An array literal of one allocates once; `[]` then push allocates twice.
        if (run.scheduled === null) run.scheduled = [op.value as DelayRequest];
        else run.scheduled.push(op.value as DelayRequest);
        break;
      case SCHEDULE_NAMED: {
        const delay = op.fn!({ context, event, self: undefined, system: undefined }, undefined);
        const type = op.value as string;
        // XState raises the event at once when a delay does not resolve to a number.
        if (typeof delay === 'number') {
          const request: DelayRequest = { event: type, delayMs: delay };
          if (run.scheduled === null) run.scheduled = [request];
          else run.scheduled.push(request);
        } else enqueue(run, { type });
        break;
      }
      case CANCEL:
        if (run.cancelled === null) run.cancelled = [op.value as string];
        else run.cancelled.push(op.value as string);
        break;
      case CALL:
        op.fn!({ context, event }, paramsOf(op, context, event));
        break;
      case DONE_EVENT: {
        enqueue(run, op.fn === null ? (op.value as EventObject) : { type: op.value as string, output: op.fn({ context, event, self: undefined }, undefined) });
        break;
      }
      case STATUS_DONE:
        run.done = true;
        break;
    }
  }
  return context;
}
