/**
 * Reservoir sampling (Vitter's algorithm R): keeps a uniform random sample of at most
 * `capacity` items from a stream of unknown length, so fits on a log of any size use
 * bounded memory. Below the capacity every item is kept and no random number is drawn, so
 * small logs are fitted on all their data, exactly. The draws come from a seeded stream:
 * the same log gives the same sample and the same fit.
 */
import type { RandomStream } from '../kernel/rng.ts';

/** A sample of (value, flag) pairs, e.g. (wait, abandoned) for patience or (talk, 0) for handle times. */
export class Reservoir {
  private values: Float64Array;
  private flags: Uint8Array;
  private size = 0;
  /** Items offered so far (kept or not). */
  seen = 0;

  constructor(
    readonly capacity: number,
    private readonly rng: RandomStream,
  ) {
    const initial = Math.min(capacity, 1024);
    this.values = new Float64Array(initial);
    this.flags = new Uint8Array(initial);
  }

  add(value: number, flag = 0): void {
    this.seen++;
    if (this.size < this.capacity) {
      if (this.size === this.values.length) this.grow();
      this.values[this.size] = value;
      this.flags[this.size] = flag;
      this.size++;
      return;
    }
    const slot = Math.floor(this.rng.next() * this.seen);
    if (slot < this.capacity) {
      this.values[slot] = value;
      this.flags[slot] = flag;
    }
  }

  private grow(): void {
    const length = Math.min(this.capacity, this.values.length * 2);
    const values = new Float64Array(length);
    values.set(this.values);
    const flags = new Uint8Array(length);
    flags.set(this.flags);
    this.values = values;
    this.flags = flags;
  }

  /** Whether some items were left out (the sample is a random subset). */
  get sampled(): boolean {
    return this.seen > this.size;
  }

  get length(): number {
    return this.size;
  }

  get sampleValues(): Float64Array {
    return this.values.subarray(0, this.size);
  }

  get sampleFlags(): Uint8Array {
    return this.flags.subarray(0, this.size);
  }
}
