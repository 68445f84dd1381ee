/**
 * Asterisk queue_log: one line per queue event, `epoch|callid|queue|agent|event|data…`.
 * A call is ENTERQUEUE (data: url|callerid|position), then either CONNECT (holdtime|…)
 * and COMPLETECALLER / COMPLETEAGENT (holdtime|calltime|position) or TRANSFER
 * (extension|context|holdtime|calltime|position), or ABANDON (position|origposition|
 * waittime), EXITWITHKEY, EXITWITHTIMEOUT or EXITEMPTY (position|origposition|waittime).
 * FULL, JOINEMPTY and JOINUNAVAIL are calls turned away (busy signal). Other events
 * (agent logins, pauses, RINGNOANSWER…) are not calls and are ignored.
 *
 * Unlike a CDR, the queue_log records the real wait, whatever the dialplan answered
 * before the queue. Times are Unix epochs, so `--tz` is required to place calls in the
 * local day. EXITWITHTIMEOUT (the queue's own time limit) and EXITEMPTY (no agents left)
 * count as unanswered in the KPIs, but not as the caller's patience running out: for the
 * patience fit they are censored (the caller would have waited at least that long).
 */
import type { LogDiagnostic } from '../diagnostics.ts';
import { callerIdOf, queueIdOf, type RowResult } from '../observation.ts';
import type { ZoneClock } from '../time.ts';

interface OpenCall {
  readonly enter: number;
  readonly queue: string;
  readonly caller: string | null;
  connect: number;
}

/** Calls still open after this long (seconds) are dropped as never completed. */
const STALE_AFTER = 86_400;

export class QueueLogReader {
  private readonly open = new Map<string, OpenCall>();
  private latest = -Infinity;
  /** Calls dropped because no closing event came (counted as a skip reason at the end). */
  neverCompleted = 0;

  constructor(
    private readonly file: string,
    private readonly zone: ZoneClock,
  ) {}

  line(text: string, line: number): RowResult {
    if (text.trim() === '') return { kind: 'none' };
    const parts = text.split('|');
    const epoch = Number(parts[0]);
    if (parts.length < 5 || parts[0]!.trim() === '' || !Number.isFinite(epoch)) return { kind: 'error', diagnostics: [this.badLine(text, line)] };
    const [, callid = '', queueName = '', , eventName = ''] = parts;
    const data = parts.slice(5);
    if (epoch > this.latest) {
      this.latest = epoch;
      if (this.open.size > 10_000) this.dropStale();
    }
    switch (eventName) {
      case 'ENTERQUEUE':
        this.open.set(callid, { enter: epoch, queue: queueIdOf(queueName), caller: callerIdOf(data[1]), connect: NaN });
        return { kind: 'none' };
      case 'CONNECT': {
        const call = this.open.get(callid);
        if (call) call.connect = epoch;
        return { kind: 'none' };
      }
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
      case 'TRANSFER':
        return this.close(callid, epoch, line, 'answered', eventName === 'TRANSFER' ? data[3] : data[1]);
      case 'ABANDON':
      case 'EXITWITHKEY':
        return this.close(callid, epoch, line, 'abandoned');
      case 'EXITWITHTIMEOUT':
      case 'EXITEMPTY':
        return this.close(callid, epoch, line, 'dropped');
      case 'FULL':
      case 'JOINEMPTY':
      case 'JOINUNAVAIL': {
        // These rows carry no caller id; an ENTERQUEUE logged first for the call has it.
        const caller = this.open.get(callid)?.caller ?? null;
        this.open.delete(callid);
        return {
          kind: 'call',
          call: { line, arrival: this.zone.wallOf(epoch), wait: 0, talk: NaN, outcome: 'blocked', queue: queueIdOf(queueName), caller },
        };
      }
      default:
        return { kind: 'none' };
    }
  }

  private close(callid: string, epoch: number, line: number, how: 'answered' | 'abandoned' | 'dropped', talkText?: string): RowResult {
    const call = this.open.get(callid);
    if (call === undefined) return { kind: 'skip', reason: 'queue_log call closed without its ENTERQUEUE line (log starts mid-call)' };
    this.open.delete(callid);
    const arrival = this.zone.wallOf(call.enter);
    if (how === 'answered') {
      const connect = Number.isNaN(call.connect) ? epoch - Number(talkText) : call.connect;
      const talk = Number.isFinite(Number(talkText)) && talkText !== '' ? Number(talkText) : epoch - connect;
      return {
        kind: 'call',
        call: { line, arrival, wait: Math.max(0, connect - call.enter), talk, outcome: 'answered', queue: call.queue, caller: call.caller },
      };
    }
    return {
      kind: 'call',
      call: {
        line,
        arrival,
        wait: epoch - call.enter,
        talk: NaN,
        outcome: 'abandoned',
        queue: call.queue,
        caller: call.caller,
        ...(how === 'dropped' ? { patienceCensored: true } : {}),
      },
    };
  }

  private dropStale(): void {
    for (const [callid, call] of this.open) {
      if (call.enter < this.latest - STALE_AFTER) {
        this.open.delete(callid);
        this.neverCompleted++;
      }
    }
  }

  /** Calls that never got a closing event, counted once the whole log has been read. */
  finish(): number {
    this.neverCompleted += this.open.size;
    this.open.clear();
    return this.neverCompleted;
  }

  private badLine(text: string, line: number): LogDiagnostic {
    return {
      code: 'LOG_BAD_LINE',
      file: this.file,
      line,
      column: 1,
      message: `${JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text)} is not a queue_log line`,
      hint: 'queue_log lines are epoch|callid|queue|agent|event|data…; check the --format',
    };
  }
}
