/**
 * A binary min-heap of simulation events ordered by (time, insertion order).
 *
 * Times and tie-break sequence numbers live in typed arrays so the hot loop does not
 * allocate per event; the payload of each event is an integer handle that the engine
 * maps to its own data. Ties are broken by insertion order, which keeps runs
 * deterministic on every platform.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private handles: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.handles = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  push(time: number, handle: number): void {
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    let index = this.count++;
    const times = this.times;
    const seqs = this.seqs;
    const handles = this.handles;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && seqs[parent]! < seq)) break;
      times[index] = parentTime;
      seqs[index] = seqs[parent]!;
      handles[index] = handles[parent]!;
      index = parent;
    }
    times[index] = time;
    seqs[index] = seq;
    handles[index] = handle;
  }

  /** Removes the earliest event and returns its handle; call `peekTime()` first for its time. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const handles = this.handles;
    const top = handles[0]!;
    const last = --this.count;
    if (last === 0) return top;
    const time = times[last]!;
    const seq = seqs[last]!;
    const handle = handles[last]!;
    let index = 0;
    const half = last >> 1;
    while (index < half) {
      let child = 2 * index + 1;
      const right = child + 1;
      if (
        right < last &&
        (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))
      ) {
        child = right;
      }
      const childTime = times[child]!;
      if (time < childTime || (time === childTime && seq < seqs[child]!)) break;
      times[index] = childTime;
      seqs[index] = seqs[child]!;
      handles[index] = handles[child]!;
      index = child;
    }
    times[index] = time;
    seqs[index] = seq;
    handles[index] = handle;
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const handles = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    handles.set(this.handles);
    this.times = times;
    this.seqs = seqs;
    this.handles = handles;
  }
}
