/**
 * A training session: the trainee's call as a pure reducer over the script walker.
 *
 * The walker (src/callscripts/walk.ts) knows the call; the session adds what the trainee's
 * screen needs: which option is highlighted, how long the trainee has been hesitating at
 * this node (real-time mode), and every decision with the state it was taken in, so the
 * debrief can show what else was possible at each turn. Real time never enters here: the UI
 * hook reads the wall clock and dispatches `tick` events carrying elapsed seconds.
 */
import { createStream } from '../kernel/rng.ts';
import { resolveRubric, type RubricRef } from '../callscripts/rubrics.ts';
import { scriptLanguages, type CallScript, type Language } from '../callscripts/schema.ts';
import { available, choose, expire, profileCaller, start, timeoutSeconds, type AvailableOption, type WalkState } from '../callscripts/walk.ts';

/** A decision point: the state before it, and what the trainee did (undefined: said nothing in time). */
export interface Turn {
  readonly before: WalkState;
  readonly option: string | undefined;
  /** Seconds the trainee hesitated before answering (0 unless real-time). */
  readonly thinking: number;
}

export interface TrainingSession {
  readonly script: CallScript;
  /** The rubric the call is scored with: the script's, unless the trainee chose another. */
  readonly rubric: RubricRef;
  readonly seed: number;
  readonly realtime: boolean;
  readonly walk: WalkState;
  readonly turns: readonly Turn[];
  /** Index of the highlighted option. */
  readonly cursor: number;
  /** Seconds of hesitation at the current node (real-time mode only). */
  readonly thinking: number;
}

export type SessionEvent =
  | { readonly type: 'move'; readonly delta: number }
  /** Choose the option at this index (number keys). */
  | { readonly type: 'select'; readonly index: number }
  /** Choose the highlighted option (Enter). */
  | { readonly type: 'confirm' }
  /** Real-time mode: this many seconds passed while the trainee hesitated. */
  | { readonly type: 'tick'; readonly seconds: number };

export interface SessionOptions {
  readonly language?: Language;
  readonly seed: number;
  readonly realtime?: boolean;
  readonly rubric?: RubricRef;
}

/** A mistake in using a session (a language the script is not written in…). */
export class SessionError extends Error {
  override name = 'SessionError';
}

/** Answers the call. The walker draws its own seed from the stream `training` of `seed`. */
export function startSession(script: CallScript, options: SessionOptions): TrainingSession {
  const languages = scriptLanguages(script);
  const language = options.language ?? languages[0]!;
  if (!languages.includes(language)) {
    throw new SessionError(`${script.id} is written in ${languages.join(' and ')}, not ${language}`);
  }
  const walk = start(script, profileCaller(script), createStream(options.seed, 'training'), { language });
  return { script, rubric: options.rubric ?? script.rubric, seed: options.seed, realtime: options.realtime ?? false, walk, turns: [], cursor: 0, thinking: 0 };
}

/** The options on screen now. */
export function sessionOptions(session: TrainingSession): AvailableOption[] {
  return available(session.walk);
}

/** Whether the call is over. */
export function isOver(session: TrainingSession): boolean {
  return session.walk.outcome !== undefined;
}

/** Patience the caller has left, counting the hesitation so far. */
export function patienceLeft(session: TrainingSession): number {
  return Math.max(0, session.walk.caller.patience - session.thinking);
}

/** Seconds since the call was answered, counting the hesitation so far. */
export function callSeconds(session: TrainingSession): number {
  return session.walk.elapsed + session.thinking;
}

/** The resolved rubric of the session. */
export function sessionRubric(session: TrainingSession) {
  return resolveRubric(session.rubric);
}

/** Applies one event; events after the end of the call change nothing. */
export function sessionReducer(session: TrainingSession, event: SessionEvent): TrainingSession {
  if (isOver(session)) return session;
  const options = sessionOptions(session);
  switch (event.type) {
    case 'move': {
      if (options.length === 0) return session;
      const cursor = (((session.cursor + event.delta) % options.length) + options.length) % options.length;
      return cursor === session.cursor ? session : { ...session, cursor };
    }
    case 'select': {
      const option = options[event.index];
      return option === undefined ? session : answer(session, option.id);
    }
    case 'confirm': {
      const option = options[session.cursor];
      return option === undefined ? session : answer(session, option.id);
    }
    case 'tick':
      return hesitate(session, event.seconds);
  }
}

/** The trainee answers with `optionId` (throws a WalkError if it is not available). */
export function answer(session: TrainingSession, optionId: string, thinking = session.realtime ? session.thinking : 0): TrainingSession {
  const walk = choose(session.walk, optionId, { thinking });
  const timedOut = walk.transcript[session.walk.transcript.length]?.action.kind === 'timeout';
  return { ...session, walk, turns: [...session.turns, { before: session.walk, option: timedOut ? undefined : optionId, thinking }], cursor: 0, thinking: 0 };
}

/**
 * Real-time mode: the trainee hesitates `seconds` more. At the node's timeout the caller
 * moves on (the timeout applies); when the hesitation uses up the caller's patience, the
 * caller hangs up.
 */
function hesitate(session: TrainingSession, seconds: number): TrainingSession {
  if (!session.realtime || !(seconds > 0)) return session;
  const thinking = session.thinking + seconds;
  const limit = timeoutSeconds(session.walk);
  if (limit !== undefined && thinking >= limit && limit < session.walk.caller.patience) {
    const walk = expire(session.walk);
    return { ...session, walk, turns: [...session.turns, { before: session.walk, option: undefined, thinking: limit }], cursor: 0, thinking: 0 };
  }
  if (thinking >= session.walk.caller.patience) return { ...session, walk: hangUpWhileWaiting(session.walk), turns: [...session.turns, { before: session.walk, option: undefined, thinking: session.walk.caller.patience }], thinking: 0 };
  return { ...session, thinking };
}

/** The caller's patience ran out while the trainee said nothing: the call ends there. */
function hangUpWhileWaiting(walk: WalkState): WalkState {
  const seconds = walk.caller.patience;
  const caller = { ...walk.caller, patience: 0 };
  const elapsed = walk.elapsed + seconds;
  const entry = { step: walk.transcript.length, node: walk.node, line: walk.line, action: { kind: 'end' as const }, seconds, caller, elapsed };
  return { ...walk, caller, elapsed, transcript: [...walk.transcript, entry], outcome: { kind: 'hung-up', reason: 'patience', node: walk.node } };
}
