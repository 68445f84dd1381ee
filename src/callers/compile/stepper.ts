/**
 * The stepper (hot path): a compiled table stepped one macrostep at a time, as snapshots or in
 * place. Every function a step runs is in this module (the assign merge aside, a method of
 * contextMerger.ts) and so is every constant it compares with, as before the compiler was
 * split: keep it so.
 *
 * @module
 */
import type { CompiledMachine, CompiledSnapshot, DelayRequest, MachineInstance, StepRecord, StepResult } from './compiledMachine.ts';
import * as compiledForm from './compiledForm.ts';
import type { FusedRows, LeafInfo, Op, Row } from './compiledForm.ts';
import { CompileError, noSpawn } from './refusals.ts';
import * as xstateInternals from './xstateInternals.ts';
import type { ArgsFn, EventObject } from './xstateInternals.ts';

// The constants the hot path compares with, as this module's own: TurboFan folds a module's
// own `const`s into the code it optimises but loads an imported binding from its cell on every
// use (a switch over imported op kinds measured about twice as slow as over local ones).
const ASSIGN_FN = compiledForm.ASSIGN_FN;
const ASSIGN_OBJECT = compiledForm.ASSIGN_OBJECT;
const RAISE = compiledForm.RAISE;
const SCHEDULE_STATIC = compiledForm.SCHEDULE_STATIC;
const SCHEDULE_NAMED = compiledForm.SCHEDULE_NAMED;
const CANCEL = compiledForm.CANCEL;
const CALL = compiledForm.CALL;
const DONE_EVENT = compiledForm.DONE_EVENT;
const STATUS_DONE = compiledForm.STATUS_DONE;
const XSTATE_INIT = xstateInternals.XSTATE_INIT;

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
/** Stands in for the init event when nothing in the initial macrostep can see it. */
const UNUSED_INIT_EVENT: EventObject = Object.freeze({ type: XSTATE_INIT, input: undefined });

/** The compiled machine: immutable tables plus reusable scratch records for the hot path. */
export class CompiledTable implements CompiledMachine<unknown, EventObject, unknown> {
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
