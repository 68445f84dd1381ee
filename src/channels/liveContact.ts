/**
 * A chat or ticket while the run goes on: mutable, with its status history, until the books
 * are closed and it is frozen into a flat {@link ContactRecord}.
 */
import type { ChannelName } from '../scenario/schema/channels.ts';
import type { ContactRecord, ContactStatus, StatusChange } from './contact.ts';

export interface LiveContact {
  id: number;
  /** Index of its channel in the simulation. */
  channel: number;
  opened: number;
  handleTime: number;
  assigned: number;
  responded: number;
  status: ContactStatus;
  history: StatusChange[];
  causedCall: boolean;
  complained: boolean;
  blended: boolean;
  /** Drawn at arrival: passed to the second level once answered. */
  escalates: boolean;
  /** Drawn at arrival: where in the next opening window the customer phones, if the line is closed when they decide to (0 to 1). */
  callMoment: number;
  /** Not yet responded and not closed: counts in the backlog. */
  open: boolean;
}

/** A contact that has just come in: `opened`, unanswered, nothing drawn yet but its handle time. */
export function openContact(id: number, channel: number, now: number, handleTime: number): LiveContact {
  return {
    id,
    channel,
    opened: now,
    handleTime,
    assigned: NaN,
    responded: NaN,
    status: 'opened',
    history: [{ status: 'opened', at: now }],
    causedCall: false,
    complained: false,
    blended: false,
    escalates: false,
    callMoment: 0,
    open: true,
  };
}

/** The contact reaches `status` at time `at`. */
export function setStatus(contact: LiveContact, status: ContactStatus, at: number): void {
  contact.status = status;
  contact.history.push({ status, at });
}

/** Age of the contact at its response, or at the end of the run (`horizon`) if it got none. */
export function ageOf(contact: LiveContact, horizon: number): number {
  return (Number.isNaN(contact.responded) ? horizon : contact.responded) - contact.opened;
}

/** The customer gave up, the contact aged out or turned into a complaint, or the response came after the target. */
export function isDissatisfied(contact: LiveContact, age: number, target: number): boolean {
  return contact.status === 'left' || contact.status === 'agedOut' || contact.complained || age > target;
}

/** The flat, read-only record of a contact at the end of the run. */
export function contactRecord(
  contact: LiveContact,
  replication: number,
  channel: ChannelName,
  age: number,
  target: number,
  dissatisfied: boolean,
): ContactRecord {
  const unanswered = Number.isNaN(contact.responded);
  return {
    id: contact.id,
    replication,
    channel,
    opened: contact.opened,
    assigned: contact.assigned,
    responded: contact.responded,
    status: contact.status,
    history: contact.history.map(({ status, at }) => ({ status, at })),
    responseTime: unanswered ? NaN : age,
    withinTarget: !unanswered && age <= target,
    causedCall: contact.causedCall,
    complained: contact.complained,
    dissatisfied,
    blended: contact.blended,
  };
}
