import type { CallRecord, Outcome } from '../domain/call.ts';

/** A tally's sums as plain data (what a replication's result carries, across threads and the network too). */
export type TallyFigures = { readonly [K in keyof Tally as Tally[K] extends number ? K : never]: number };

/**
 * Running sums from which every KPI is computed. One tally for the whole run and one per
 * reporting interval of the day. Sums, not averages, so tallies add up across intervals,
 * days and replications.
 */
export class Tally {
  offered = 0;
  answered = 0;
  abandoned = 0;
  blocked = 0;
  /** Answered with a wait ≤ the service-level threshold. */
  answeredWithinThreshold = 0;
  /** Abandoned with a wait ≤ the service-level threshold ("short abandons"). */
  abandonedWithinThreshold = 0;
  waitOfAnsweredSum = 0;
  waitOfAbandonedSum = 0;
  handleTimeSum = 0;
  purchased = 0;
  resolved = 0;
  unresolved = 0;
  /** Scripted calls: hung up during the conversation. */
  hungUpInCall = 0;
  /** Scripted calls: ended with a call back promised. */
  callbacks = 0;
  /** Scripted calls: passed on to someone else. */
  escalated = 0;
  /** Answered callers who meant to buy (purchase probability > 0). */
  answeredWithIntent = 0;
  revenue = 0;
  potentialRevenue = 0;
  lostRevenue = 0;
  /** Agent seconds spent on calls during opening hours. */
  busySeconds = 0;
  /** Agent seconds paid during opening hours. */
  staffedSeconds = 0;
  /** Time integral of the queue length (caller-seconds waiting). */
  queueLengthArea = 0;
  /** Open seconds (after warm-up) over which the queue length is averaged. */
  observedSeconds = 0;
  maxQueueLength = 0;
  /** Calls dropped by the phone system after the maximum wait. */
  dropped = 0;
  waitOfDroppedSum = 0;
  /** Callers who hung up right after an announcement (also counted in `abandoned`). */
  abandonedAfterAnnouncement = 0;
  /** Callers who accepted an offered callback and left the line. */
  callbacksRequested = 0;
  /** Callback calls answered by the customer (counted in `answered`, their wait runs to the callback). */
  callbacksReached = 0;
  /** Callback attempts nobody picked up. */
  unreached = 0;
  /** Distinct customers: first calls offered (retrials are further calls of the same customers). */
  customers = 0;
  /** Calls that were a customer calling again after a busy signal, a hang-up or a dropped line. */
  retrials = 0;
  /** Customers whose last call ended without being served (busy, hung up, dropped, unreached) and who gave up. */
  customersGaveUp = 0;
  /** Calls that came in while the line was closed (heard the closed message, voicemails included). */
  closedLine = 0;
  /** Voicemails left while the line was closed (each one a callback to make). */
  voicemails = 0;
  /** Calls answered by the virtual secretary. */
  secretaryCalls = 0;
  /** What the virtual secretary service costs (per call and per open hour). */
  secretaryFees = 0;

  // After the call, costs and other channels (src/money, src/channels): filled after the
  // replication from the call records and the channel simulation; 0 when not configured.
  /** Customers who left a call or a contact dissatisfied. */
  dissatisfied = 0;
  /** Dissatisfied customers who switched to a competitor. */
  customersLost = 0;
  /** Dissatisfied customers who stayed but skipped their next purchase. */
  purchasesSkipped = 0;
  /** Public complaints (after a call, or a chat/ticket that turned into a complaint). */
  complaints = 0;
  /** Expected future customers lost to those complaints. */
  wordOfMouthLost = 0;
  /** Future revenue lost: switched customers' lifetime value, skipped purchases, word of mouth. */
  lostLifetimeValue = 0;
  /** Future revenue gained from well-served customers who spend more. */
  goodServiceValue = 0;
  /** Calls that were retrials (attempt > 1), plus calls caused by unanswered chats and tickets. */
  retryCalls = 0;
  /** What those extra calls cost: agent time, line minutes, outsourcing fees. */
  retryCost = 0;
  /** Cost of the agents dedicated to chat and tickets. */
  channelStaffCost = 0;

  /**
   * Counts a finished call. `offered` is counted separately, when the call arrives, so
   * that calls still in the system at the end of the run are offered but not finished.
   */
  add(record: CallRecord, thresholdSeconds: number, hadIntent: boolean): void {
    this.addCall(
      record.outcome,
      record.wait,
      record.end - record.answer,
      record.revenue,
      record.potentialRevenue,
      record.lostRevenue,
      hadIntent,
      thresholdSeconds,
    );
  }

  /** The same as `add`, from the fields themselves, so the engine need not build a record. */
  addCall(
    outcome: Outcome,
    wait: number,
    handleTime: number,
    revenue: number,
    potentialRevenue: number,
    lostRevenue: number,
    hadIntent: boolean,
    thresholdSeconds: number,
  ): void {
    this.potentialRevenue += potentialRevenue;
    this.lostRevenue += lostRevenue;
    switch (outcome) {
      case 'blocked':
        this.blocked++;
        return;
      case 'abandoned':
        this.abandoned++;
        this.waitOfAbandonedSum += wait;
        if (wait <= thresholdSeconds) this.abandonedWithinThreshold++;
        return;
      case 'dropped':
        this.dropped++;
        this.waitOfDroppedSum += wait;
        return;
      case 'unreached':
        this.unreached++;
        return;
      case 'closed':
        this.closedLine++;
        return;
      case 'purchased':
        this.purchased++;
        this.revenue += revenue;
        break;
      case 'resolved':
        this.resolved++;
        break;
      case 'unresolved':
        this.unresolved++;
        break;
      case 'hung-up':
        this.hungUpInCall++;
        break;
      case 'callback':
        this.callbacks++;
        break;
      case 'escalated':
        this.escalated++;
        break;
    }
    this.answered++;
    if (hadIntent) this.answeredWithIntent++;
    this.waitOfAnsweredSum += wait;
    this.handleTimeSum += handleTime;
    if (wait <= thresholdSeconds) this.answeredWithinThreshold++;
  }

  /** Adds another tally into this one (max queue length takes the maximum). */
  merge(other: TallyFigures): void {
    for (const key of Object.keys(this) as Array<keyof Tally>) {
      const value = (other as unknown as Record<string, unknown>)[key];
      if (typeof value !== 'number') continue;
      if (key === 'maxQueueLength') this.maxQueueLength = Math.max(this.maxQueueLength, value);
      else (this as unknown as Record<string, number>)[key] = (this[key] as number) + value;
    }
  }
}
