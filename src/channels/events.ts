/**
 * The channels' own pending events, ordered by time (ties: the order they were scheduled),
 * with their payloads pooled so the event loop does not allocate one handle per event.
 */
import { EventHeap } from '../kernel/eventHeap.ts';
import type { LiveContact } from './liveContact.ts';

/** `call`: the contact reached callAfter.after unanswered; `phoneCall`: its customer phones, if still unanswered, once the line is open. */
export type EventKind = 'arrival' | 'end' | 'patience' | 'ageOut' | 'call' | 'phoneCall' | 'complaint' | 'shift';

export interface PendingEvent {
  kind: EventKind;
  /** Index of the channel, -1 for a shift (all channels). */
  channel: number;
  contact: LiveContact | null;
}

export class ChannelEvents {
  private readonly heap = new EventHeap(256);
  private readonly events: PendingEvent[] = [];
  private readonly freeEvents: number[] = [];

  /** @param horizon End of the run: later events are never scheduled. */
  constructor(private readonly horizon: number) {}

  /** Time of the next event, Infinity when none is due within the run. */
  nextTime(): number {
    return this.heap.size > 0 ? this.heap.peekTime() : Infinity;
  }

  /** Schedules an event at `time`, unless that is after the run (or NaN). */
  push(time: number, kind: EventKind, channel: number, contact: LiveContact | null): void {
    if (!(time <= this.horizon)) return;
    const handle = this.freeEvents.length > 0 ? this.freeEvents.pop()! : this.events.length;
    this.events[handle] = { kind, channel, contact };
    this.heap.push(time, handle);
  }

  /** Removes the next event (due at {@link nextTime}) and returns it. */
  pop(): PendingEvent {
    const handle = this.heap.pop();
    const event = this.events[handle]!;
    this.freeEvents.push(handle);
    return event;
  }
}
