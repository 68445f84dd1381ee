import { EventHeap } from '../src/kernel/eventHeap.ts';
import { RandomStreams } from '../src/kernel/rng.ts';
import { BENCH_CASE } from './erlangACase.ts';

/**
 * The reference: the same Erlang-A queue with plain objects and a state string instead of
 * the XState caller machine, on the same heap and random streams. It bounds how fast the
 * engine could be; the benchmark reports the engine's speed as a ratio to it.
 */
export function plainErlangA(callers: number, seed = 1): { abandoned: number; answeredWithin: number; offered: number; totalWait: number } {
  const streams = new RandomStreams(seed, 0);
  const arrivalsRng = streams.get('arrivals');
  const patienceRng = streams.get('patience');
  const handleRng = streams.get('handleTime');
  const heap = new EventHeap(4096);
  interface Plain { state: 'queued' | 'inService' | 'done'; arrival: number; patience: number; handle: number }
  const slots: Plain[] = [];
  const free: number[] = [];
  const queue: Plain[] = [];
  let queueHead = 0;
  let idle = BENCH_CASE.agents;
  let created = 0;
  let abandoned = 0;
  let answeredWithin = 0;
  let totalWait = 0;
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
      created++;
      const caller: Plain = {
        state: 'queued',
        arrival: now,
        patience: -Math.log(1 - patienceRng.next()) * BENCH_CASE.meanPatience,
        handle: -Math.log(1 - handleRng.next()) * BENCH_CASE.meanHandleTime,
      };
      if (idle > 0) {
        idle--;
        caller.state = 'inService';
        answeredWithin++;
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
        if (wait <= BENCH_CASE.thresholdSeconds) answeredWithin++;
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
      }
    }
  }
  return { abandoned, answeredWithin, offered: created, totalWait };
}
