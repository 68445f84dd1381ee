/**
 * Microsteps, as XState's microstep algorithm computes them: the transition domain, the exit
 * set in reverse document order, transition actions, then the entry set in document order (with
 * initial-transition actions, done events of compound states and a top-level final's `done`),
 * made once per (active leaf, transition) pair into one row.
 *
 * @module
 */
import type { ActionCompiler } from './actions.ts';
import type { CompilerMutation } from './compiledMachine.ts';
import { DONE_EVENT, STATUS_DONE, type LeafInfo, type NodeInfo, type Op, type Row } from './compiledForm.ts';
import type { GuardCompiler } from './guards.ts';
import type { ArgsFn, XNode, XTransition } from './xstateInternals.ts';

// Tree helpers (ports of XState's, on NodeInfo)

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

/** Builds the rows of one machine's microsteps from its indexed tree. */
export class MicrostepPlanner {
  constructor(
    private readonly root: XNode,
    private readonly infos: ReadonlyMap<XNode, NodeInfo>,
    private readonly guards: GuardCompiler,
    private readonly actions: ActionCompiler,
    private readonly mutation: CompilerMutation | undefined,
  ) {}

  /** The microstep of transition `t` taken while `leaf` is active (XState's `microstep`). */
  buildRow(leaf: LeafInfo, leafIndex: number, t: XTransition): Row {
    const guard = this.guards.compileGuard(t.guard, `#${t.source.id}`);
    const actions = this.actions.actionsOf(t);
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
  initialRow(rootInfo: NodeInfo): Row {
    const toEnter = new Set<NodeInfo>([rootInfo]);
    this.addDescendantsToEnter(rootInfo, toEnter, new Set());
    const entryOrder = [...toEnter].sort((a, b) => a.node.order - b.node.order);
    const ops = this.entryOps(entryOrder, toEnter);
    return { guard: null, plan: ops, target: this.leafOf(toEnter, `#${rootInfo.node.id}`), nodesChange: true, fused: null };
  }
}
