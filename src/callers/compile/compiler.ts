/**
 * The compiler: indexes the machine's state tree, compiles every node's actions and checks
 * every transition, then builds the table of rows per (event type, leaf), fuses microsteps
 * decided at compile time, and hands the result to the stepper.
 *
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { ActionCompiler } from './actions.ts';
import type { CompileOptions, CompilerMutation, CompiledMachine } from './compiledMachine.ts';
import { ASSIGN_FN, ASSIGN_OBJECT, CANCEL, DONE_EVENT, RAISE, SCHEDULE_STATIC, STATUS_DONE, type LeafInfo, type NodeInfo, type Op, type Row } from './compiledForm.ts';
import { ContextMerger, type MergePolicy } from './contextMerger.ts';
import { GuardCompiler } from './guards.ts';
import { MicrostepPlanner } from './microsteps.ts';
import { noSpawn, refuseUnimplementedDelays, refuseUnsupportedNode, refuseUnsupportedTarget } from './refusals.ts';
import { CompiledTable } from './stepper.ts';
import { candidatesOf, isWildcardDescriptor, valueOfPath, type ArgsFn, type EventObject, type XImplementations, type XNode, type XTransition } from './xstateInternals.ts';

const NO_ROWS: readonly Row[] = Object.freeze([]);
/** The partial of a plain copy. */
const EMPTY_PARTIAL: Readonly<Record<string, never>> = Object.freeze({});

/** Compiles one machine; see `compileMachine`. */
export class MachineCompiler {
  private readonly root: XNode;
  private readonly impl: XImplementations;
  private readonly mutation: CompilerMutation | undefined;
  private readonly infos = new Map<XNode, NodeInfo>();
  private readonly leaves: LeafInfo[] = [];
  private readonly mergePolicy: MergePolicy = { fast: true };
  private readonly guards: GuardCompiler;
  private readonly actions: ActionCompiler;
  private readonly microsteps: MicrostepPlanner;

  constructor(machine: AnyStateMachine, options: CompileOptions) {
    this.root = machine.root as unknown as XNode;
    this.impl = machine.implementations as unknown as XImplementations;
    this.mutation = options.__mutation;
    const configured = (machine.options as { maxIterations?: number } | undefined)?.maxIterations;
    this.maxMicrosteps = options.maxMicrosteps ?? (configured !== undefined && Number.isFinite(configured) ? configured : 10_000);
    this.guards = new GuardCompiler(machine, this.impl, this.leaves);
    this.actions = new ActionCompiler(this.impl, options.plainActions ?? 'refuse', this.mergePolicy);
    this.microsteps = new MicrostepPlanner(this.root, this.infos, this.guards, this.actions, this.mutation);
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

    const initialRow = this.microsteps.initialRow(rootInfo);
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
    refuseUnsupportedNode(node);
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
    refuseUnimplementedDelays(node, this.impl);
    info.entryOps = this.actions.compileActions(node.entry, where, node);
    info.exitOps = this.actions.compileActions(node.exit, where, node);
    if (node.type === 'compound') {
      const initialTarget = node.initial.target[0];
      if (initialTarget === undefined) throw new Error(`compound state ${where} has no initial state`);
      info.initialChild = this.infos.get(initialTarget) ?? null;
      info.initialOps = this.actions.compileActions(node.initial.actions, where, node);
    }
    for (const transitions of node.transitions.values()) for (const t of transitions) this.checkTransition(t);
    for (const t of node.always ?? []) this.checkTransition(t);
  }

  /** Refuses what cannot be compiled now, not when a wildcard row is first built at run time. */
  private checkTransition(t: XTransition): void {
    const where = `#${t.source.id}`;
    this.guards.compileGuard(t.guard, where);
    this.actions.actionsOf(t);
    refuseUnsupportedTarget(t, (target) => this.infos.has(target));
  }

  // --- rows -------------------------------------------------------------------------------

  private cachedRow(cache: Map<XTransition, Map<number, Row>>, leaf: LeafInfo, leafIndex: number, t: XTransition): Row {
    let perLeaf = cache.get(t);
    if (perLeaf === undefined) cache.set(t, (perLeaf = new Map()));
    let row = perLeaf.get(leafIndex);
    if (row === undefined) {
      row = this.microsteps.buildRow(leaf, leafIndex, t);
      perLeaf.set(leafIndex, row);
    }
    return row;
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
      //
      // A factory that returns a fresh plain object (an object literal, as the caller machine's) is
      // not copied at all: the copy would be an object equal to it, and the literal is used by
      // no one else. That copy was ~7% of the benchmark's time per caller. Anything else (a
      // class instance, an object with another prototype) is copied as XState copies it.
      const merger = new ContextMerger(this.mergePolicy);
      return (input) => {
        const context = factory({ spawn: noSpawn, input, self: undefined }, undefined);
        if (typeof context === 'object' && context !== null && Object.getPrototypeOf(context) === Object.prototype) return context;
        return merger.merge(context, EMPTY_PARTIAL, true);
      };
    }
    // A static context object is shared by every instance, as in XState.
    const shared = context ?? {};
    return () => shared;
  }
}
