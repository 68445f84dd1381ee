/**
 * Context merging: XState's `Object.assign({}, context, partial)`, fast.
 *
 * @module
 */

/** Shared by the mergers of one compiled machine; `fast` is switched off for good by symbol keys. */
export interface MergePolicy {
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
export class ContextMerger {
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
