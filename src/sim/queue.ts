import type { RandomStream } from '../kernel/rng.ts';

/** Anything that can wait in the queue: the engine's live caller. */
export interface Waiting {
  /** Position bookkeeping owned by the queue; -1 when not queued. */
  queueSlot: number;
  /**
   * The FIFO queue the item was last pushed into: with several queues (priority levels, one
   * queue per skill) positions repeat, and a stale entry in one queue must not be taken for the
   * same item now waiting at the same position in another.
   */
  queuedIn: unknown;
}

/**
 * A queue discipline decides who is answered next. The engine only pushes, pops and
 * removes (an abandoning caller leaves); strategies stay small and swappable.
 */
export interface QueueDiscipline<T extends Waiting> {
  readonly size: number;
  push(item: T): void;
  /** Next caller to answer, or undefined when nobody waits. */
  pop(): T | undefined;
  /** Removes a caller who hung up. */
  remove(item: T): void;
  /**
   * Callers who would be answered before `item` if nobody else arrived (0: next). Used by
   * announcements only, so it may take time proportional to the queue.
   */
  ahead(item: T): number;
}

/**
 * First in, first out, as a ring buffer with lazy deletion: a caller who hangs up is
 * marked and skipped when reached, so removal is O(1). An entry counts only while its item's
 * `queueSlot` still names that entry's position, so an item that left and was queued again (the
 * engine recycles its caller objects) is not taken for its old entry; nor is one now waiting in
 * another FIFO queue at the same position (`queuedIn`).
 */
export class FifoQueue<T extends Waiting> implements QueueDiscipline<T> {
  private items: (T | undefined)[] = new Array(64);
  private head = 0;
  private tail = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(item: T): void {
    if (this.tail - this.head === this.items.length) this.grow();
    item.queueSlot = this.tail;
    item.queuedIn = this;
    this.items[this.tail % this.items.length] = item;
    this.tail++;
    this.live++;
  }

  pop(): T | undefined {
    while (this.head < this.tail) {
      const index = this.head % this.items.length;
      const item = this.items[index];
      this.items[index] = undefined;
      const position = this.head++;
      if (item !== undefined && item.queueSlot === position && item.queuedIn === this) {
        item.queueSlot = -1;
        this.live--;
        return item;
      }
    }
    return undefined;
  }

  /** The caller `pop` would return, left in the queue (stale entries before it are dropped). */
  peek(): T | undefined {
    while (this.head < this.tail) {
      const item = this.items[this.head % this.items.length];
      if (item !== undefined && item.queueSlot === this.head && item.queuedIn === this) return item;
      this.items[this.head % this.items.length] = undefined;
      this.head++;
    }
    return undefined;
  }

  remove(item: T): void {
    if (item.queueSlot === -1) return;
    item.queueSlot = -1;
    this.live--;
  }

  ahead(item: T): number {
    let count = 0;
    for (let position = this.head; position < item.queueSlot; position++) {
      const other = this.items[position % this.items.length];
      if (other !== undefined && other.queueSlot === position && other.queuedIn === this) count++;
    }
    return count;
  }

  private grow(): void {
    const length = this.items.length;
    const items: (T | undefined)[] = new Array(length * 2);
    for (let i = this.head; i < this.tail; i++) items[i % (length * 2)] = this.items[i % length];
    this.items = items;
  }
}

/** Last in, first out (a stack with lazy deletion; entries count as in {@link FifoQueue}). */
export class LifoQueue<T extends Waiting> implements QueueDiscipline<T> {
  private items: T[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(item: T): void {
    item.queueSlot = this.items.length;
    this.items.push(item);
    this.live++;
  }

  pop(): T | undefined {
    while (this.items.length > 0) {
      const item = this.items.pop()!;
      if (item.queueSlot === this.items.length) {
        item.queueSlot = -1;
        this.live--;
        return item;
      }
    }
    return undefined;
  }

  remove(item: T): void {
    if (item.queueSlot === -1) return;
    item.queueSlot = -1;
    this.live--;
  }

  ahead(item: T): number {
    let count = 0;
    for (let position = item.queueSlot + 1; position < this.items.length; position++) {
      if (this.items[position]!.queueSlot === position) count++;
    }
    return count;
  }
}

/** Answers a uniformly random waiting caller (draws from its own named stream). */
export class RandomQueue<T extends Waiting> implements QueueDiscipline<T> {
  private items: T[] = [];

  constructor(private readonly rng: RandomStream) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    item.queueSlot = this.items.length;
    this.items.push(item);
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    const picked = this.items[Math.floor(this.rng.next() * this.items.length)]!;
    this.remove(picked);
    return picked;
  }

  remove(item: T): void {
    const slot = item.queueSlot;
    if (slot === -1) return;
    const last = this.items.pop()!;
    if (last !== item) {
      this.items[slot] = last;
      last.queueSlot = slot;
    }
    item.queueSlot = -1;
  }

  /** Random order has no place in line: the expected number answered first, half the others. */
  ahead(item: T): number {
    return item.queueSlot === -1 ? 0 : Math.floor((this.items.length - 1) / 2);
  }
}

/**
 * Higher priority first, first in first out among equals: one {@link FifoQueue} per priority
 * level. `priorityOf` reads an item's level (a small non-negative integer).
 */
export class PriorityQueue<T extends Waiting> implements QueueDiscipline<T> {
  private readonly levels: Array<FifoQueue<T>> = [];
  private live = 0;

  constructor(private readonly priorityOf: (item: T) => number) {}

  get size(): number {
    return this.live;
  }

  push(item: T): void {
    const level = this.priorityOf(item);
    while (this.levels.length <= level) this.levels.push(new FifoQueue<T>());
    this.levels[level]!.push(item);
    this.live++;
  }

  pop(): T | undefined {
    for (let level = this.levels.length - 1; level >= 0; level--) {
      const queue = this.levels[level]!;
      if (queue.size > 0) {
        this.live--;
        return queue.pop();
      }
    }
    return undefined;
  }

  /** The caller `pop` would return, left in the queue. */
  peek(): T | undefined {
    for (let level = this.levels.length - 1; level >= 0; level--) {
      const queue = this.levels[level]!;
      if (queue.size > 0) return queue.peek();
    }
    return undefined;
  }

  remove(item: T): void {
    if (item.queueSlot === -1) return;
    this.levels[this.priorityOf(item)]!.remove(item);
    this.live--;
  }

  ahead(item: T): number {
    const level = this.priorityOf(item);
    let count = this.levels[level]!.ahead(item);
    for (let higher = level + 1; higher < this.levels.length; higher++) count += this.levels[higher]!.size;
    return count;
  }
}
