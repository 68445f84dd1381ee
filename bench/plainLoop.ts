import { EventHeap } from '../src/kernel/eventHeap.ts';
import { RandomStreams } from '../src/kernel/rng.ts';
import { BENCH_CASE } from './erlangACase.ts';

/** Counts per batch of consecutive callers (by arrival), for a batch-means standard error. */
export interface PlainBatches {
  readonly offered: number[];
  readonly abandoned: number[];
  readonly answeredWithin: number[];
  readonly totalWait: number[];
}

export interface PlainResult {
  abandoned: number;
  answeredWithin: number;
  offered: number;
  totalWait: number;
  batches: PlainBatches;
}

/**
 * The reference: the same Erlang-A queue with plain objects and a state string instead of
 * the XState caller machine, on the same heap and random streams. It bounds how fast the
 * engine could be; the benchmark reports the engine's speed as a ratio to it.
 *
 * Besides the totals it counts each figure per batch of `callers / batchCount` consecutive
 * callers (a few array increments per caller), so the benchmark can tell sampling error from
 * a wrong result: the spread of the batch means estimates the standard error of the totals.
 */
export function plainErlangA(callers: number, seed = 1, batchCount = 20): PlainResult {
  const streams = new RandomStreams(seed, 0);
  const arrivalsRng = streams.get('arrivals');
  const patienceRng = streams.get('patience');
  const handleRng = streams.get('handleTime');
  const heap = new EventHeap(4096);
  interface Plain { state: 'queued' | 'inService' | 'done'; arrival: number; patience: number; handle: number; batch: number }
  const slots: Plain[] = [];
  const free: number[] = [];
  const queue: Plain[] = [];
  let queueHead = 0;
  let idle = BENCH_CASE.agents;
  let created = 0;
  let abandoned = 0;
  let answeredWithin = 0;
  let totalWait = 0;
  const batchSize = Math.max(1, Math.ceil(callers / batchCount));
  const batches: PlainBatches = {
    offered: new Array<number>(batchCount).fill(0),
    abandoned: new Array<number>(batchCount).fill(0),
    answeredWithin: new Array<number>(batchCount).fill(0),
    totalWait: new Array<number>(batchCount).fill(0),
  };
  const ARRIVAL = -1;
  const SERVICE_END = -2;
  const alloc = (caller: Plain): number => {
    const slot = free.length > 0 ? free.pop()! : slots.length;
    slots[slot] = caller;
    return slot;
  };
  heap.push(-Math.log(1 - arrivalsRng.next()) / BENCH_CASE.arrivalRate, ARRIVAL);
  let now = 0;
  while (heap.size > 0) {
    now = heap.peekTime();
    const handle = heap.pop();
    if (handle === ARRIVAL) {
      const batch = Math.min(batchCount - 1, Math.floor(created / batchSize));
      created++;
      batches.offered[batch]!++;
      const caller: Plain = {
        state: 'queued',
        arrival: now,
        patience: -Math.log(1 - patienceRng.next()) * BENCH_CASE.meanPatience,
        handle: -Math.log(1 - handleRng.next()) * BENCH_CASE.meanHandleTime,
        batch,
      };
      if (idle > 0) {
        idle--;
        caller.state = 'inService';
        answeredWithin++;
        batches.answeredWithin[batch]!++;
        heap.push(now + caller.handle, SERVICE_END);
      } else {
        queue.push(caller);
        heap.push(now + caller.patience, alloc(caller));
      }
      if (created < callers) heap.push(now - Math.log(1 - arrivalsRng.next()) / BENCH_CASE.arrivalRate, ARRIVAL);
    } else if (handle === SERVICE_END) {
      let next: Plain | undefined;
      while (queueHead < queue.length) {
        const candidate = queue[queueHead++]!;
        if (candidate.state === 'queued') {
          next = candidate;
          break;
        }
      }
      if (queueHead > 4096 && queueHead * 2 > queue.length) {
        queue.splice(0, queueHead);
        queueHead = 0;
      }
      if (next) {
        next.state = 'inService';
        const wait = now - next.arrival;
        totalWait += wait;
        batches.totalWait[next.batch]! += wait;
        if (wait <= BENCH_CASE.thresholdSeconds) {
          answeredWithin++;
          batches.answeredWithin[next.batch]!++;
        }
        heap.push(now + next.handle, SERVICE_END);
      } else {
        idle++;
      }
    } else {
      const caller = slots[handle]!;
      free.push(handle);
      if (caller.state === 'queued') {
        caller.state = 'done';
        abandoned++;
        totalWait += caller.patience;
        batches.abandoned[caller.batch]!++;
        batches.totalWait[caller.batch]! += caller.patience;
      }
    }
  }
  return { abandoned, answeredWithin, offered: created, totalWait, batches };
}
