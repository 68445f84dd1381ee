/**
 * What a chat or ticket does to its customer's future spending: the after-call fate of a
 * dissatisfied or well-served contact, counted in the channels' money tally.
 */
import { addFate, afterCallDraws, fateOf } from '../money/afterCall.ts';
import type { Tally } from '../metrics/tally.ts';
import type { AfterCallConfig } from '../scenario/schema/afterCall.ts';
import type { ChannelName } from '../scenario/schema/channels.ts';
import type { ChannelKpis } from './kpis.ts';
import type { LiveContact } from './liveContact.ts';

/**
 * Counts the contact's customer in `money` and its channel's lost lifetime value. With afterCall,
 * the fate is drawn from the contact's own stream (`<channel>#<id>`), so it keeps its draws in
 * every plan on the same seed; without, a dissatisfied customer (and a complaint) is only counted.
 */
export function bookContactFate(
  money: Tally,
  kpis: ChannelKpis,
  contact: LiveContact,
  channel: ChannelName,
  dissatisfied: boolean,
  afterCall: AfterCallConfig | undefined,
  seed: number,
  replication: number,
): void {
  const unanswered = Number.isNaN(contact.responded);
  // Answered within the target and solved at once: the written-channel equivalent of good service.
  const wellServed = !dissatisfied && !unanswered && !contact.escalates;
  if ((dissatisfied || wellServed) && afterCall !== undefined) {
    const draws = afterCallDraws(seed, replication, `${channel}#${contact.id}`);
    const fate = fateOf(dissatisfied ? 'dissatisfied' : 'wellServed', afterCall.lifetimeValue, 0, draws, afterCall, contact.complained);
    addFate(money, fate);
    kpis.lostLifetimeValue += fate.lostValue;
  } else if (dissatisfied) {
    money.dissatisfied++;
    if (contact.complained) money.complaints++;
  }
}
