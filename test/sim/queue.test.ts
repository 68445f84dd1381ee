import { describe, expect, it } from 'vitest';
import { FifoQueue, PriorityQueue, type Waiting } from '../../src/sim/queue.ts';

interface Item extends Waiting {
  name: string;
  level: number;
}
const item = (name: string, level = 0): Item => ({ name, level, queueSlot: -1, queuedIn: null });

describe('queue disciplines', () => {
  it('fifo skips callers who left, and peek shows who pop takes', () => {
    const queue = new FifoQueue<Item>();
    const [a, b, c] = [item('a'), item('b'), item('c')];
    queue.push(a);
    queue.push(b);
    queue.push(c);
    queue.remove(a);
    expect(queue.size).toBe(2);
    expect(queue.ahead(c)).toBe(1);
    expect(queue.peek()).toBe(b);
    expect(queue.pop()).toBe(b);
    expect(queue.pop()).toBe(c);
    expect(queue.pop()).toBeUndefined();
  });

  it('a caller object that left one level and waits in another at the same position is not taken twice', () => {
    // The engine recycles caller objects: `a` hangs up at level 1 (position 0), then comes back
    // as a new call at level 0, position 0 again. Level 1's stale entry must not return it.
    const queue = new PriorityQueue<Item>((entry) => entry.level);
    const a = item('a', 1);
    queue.push(a);
    queue.remove(a);
    a.level = 0;
    queue.push(a);
    const b = item('b', 1);
    queue.push(b);
    expect(queue.peek()).toBe(b);
    expect(queue.pop()).toBe(b);
    expect(queue.pop()).toBe(a);
    expect(queue.pop()).toBeUndefined();
    expect(queue.size).toBe(0);
  });
});
