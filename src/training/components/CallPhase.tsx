import { useCallback, useEffect, useRef } from 'react';
import type { CallScript } from '../../callscripts/schema.ts';
import { useRealtime } from '../hooks/useRealtime.ts';
import { useSession } from '../hooks/useSession.ts';
import { isOver, type SessionOptions, type TrainingSession } from '../session.ts';
import { CallScreen } from './CallScreen.tsx';

export interface CallPhaseProps {
  readonly script: CallScript;
  readonly options: SessionOptions;
  /** Called once, when the call ends. */
  readonly onOver: (session: TrainingSession) => void;
  /** Wall clock in milliseconds for real-time mode (tests inject their own). */
  readonly now?: () => number;
}

/** One call, from answer to outcome. */
export function CallPhase({ script, options, onOver, now }: CallPhaseProps) {
  const [session, dispatch] = useSession(script, options);
  const over = isOver(session);
  const reported = useRef(false);
  useEffect(() => {
    if (over && !reported.current) {
      reported.current = true;
      onOver(session);
    }
  }, [over, session, onOver]);
  const tick = useCallback((seconds: number) => dispatch({ type: 'tick', seconds }), [dispatch]);
  useRealtime(session.realtime && !over, tick, now);
  return <CallScreen session={session} dispatch={dispatch} />;
}
