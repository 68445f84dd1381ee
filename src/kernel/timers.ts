/**
 * Timers set for entities (a caller's patience, a feature's maximum wait…) with lazy
 * cancellation: the heap keeps the slot of a cancelled timer, and the slot is skipped when it
 * fires. Each slot holds its entity and either an event name (the machine's delayed events) or
 * an owner and a tag (a feature's timers). An entity lists its pending slots in `timer` (the
 * first) and `moreTimers` (any further ones, in the order they were set), so leaving a state
 * can cancel its timers without searching the heap.
 */

/** Something timers are set for. */
export interface Timed {
  timer: number;
  moreTimers: number[] | null;
}

export class TimerSlots<T extends Timed, Owner> {
  private readonly entities: (T | null)[] = [];
  private readonly events: string[] = [];
  private readonly owners: (Owner | null)[] = [];
  private readonly tags: number[] = [];
  private readonly free: number[] = [];

  /** A new slot for a timer of `entity`: the machine's `event`, or `owner`'s timer `tag`. */
  add(entity: T, event: string, owner: Owner | null, tag: number): number {
    const free = this.free;
    const slot = free.length > 0 ? free.pop()! : this.entities.length;
    this.entities[slot] = entity;
    this.events[slot] = event;
    this.owners[slot] = owner;
    this.tags[slot] = tag;
    if (entity.timer === -1) entity.timer = slot;
    else (entity.moreTimers ??= []).push(slot);
    return slot;
  }

  /** Cancels the entity's pending timer of the machine's event `event`, if any. */
  cancel(entity: T, event: string): void {
    const entities = this.entities;
    const events = this.events;
    for (let i = 0, slot = entity.timer; slot !== -1; slot = timerAt(entity, ++i)) {
      if (events[slot] === event && entities[slot] === entity && this.owners[slot] === null) {
        entities[slot] = null;
        removeTimer(entity, i);
        return;
      }
    }
  }

  /** Cancels every pending timer of the entity. */
  cancelAll(entity: T): void {
    if (entity.timer === -1) return;
    this.entities[entity.timer] = null;
    if (entity.moreTimers !== null) for (const slot of entity.moreTimers) this.entities[slot] = null;
    entity.timer = -1;
    entity.moreTimers = null;
  }

  /** The slot's timer fired: its entity (null when it was cancelled); the slot is free again. */
  fire(slot: number): T | null {
    const entity = this.entities[slot] ?? null;
    this.free.push(slot);
    if (entity === null) return null;
    this.entities[slot] = null;
    let index = 0;
    while (timerAt(entity, index) !== slot) index++;
    removeTimer(entity, index);
    return entity;
  }

  /** The owner of a slot's timer (null for a machine event). */
  ownerOf(slot: number): Owner | null {
    return this.owners[slot] ?? null;
  }

  tagOf(slot: number): number {
    return this.tags[slot]!;
  }

  eventOf(slot: number): string {
    return this.events[slot]!;
  }
}

/** Removes the entity's `index`-th pending timer (0 is `timer`, then `moreTimers` in order). */
function removeTimer(entity: Timed, index: number): void {
  const more = entity.moreTimers;
  if (index > 0) more!.splice(index - 1, 1);
  else entity.timer = more !== null && more.length > 0 ? more.shift()! : -1;
}

/** The entity's `index`-th pending timer slot, or -1 past the last one. */
function timerAt(entity: Timed, index: number): number {
  if (index === 0) return entity.timer;
  const more = entity.moreTimers;
  return more !== null && index - 1 < more.length ? more[index - 1]! : -1;
}
