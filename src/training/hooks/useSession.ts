import { useCallback, useReducer } from 'react';
import type { CallScript } from '../../callscripts/schema.ts';
import { sessionReducer, startSession, type SessionEvent, type SessionOptions, type TrainingSession } from '../session.ts';

/** A training session held in React state, driven by {@link SessionEvent}s. */
export function useSession(script: CallScript, options: SessionOptions): [TrainingSession, (event: SessionEvent) => void] {
  const [session, dispatch] = useReducer(sessionReducer, undefined, () => startSession(script, options));
  return [session, useCallback((event: SessionEvent) => dispatch(event), [])];
}
