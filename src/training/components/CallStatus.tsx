import { Box, Text } from 'ink';
import { clockText, labelsFor } from '../labels.ts';
import { callSeconds, patienceLeft, type TrainingSession } from '../session.ts';
import { Meter } from './Meter.tsx';

/** Meters for the caller's patience, mood and purchase intent, and the call clock. */
export function CallStatus({ session }: { readonly session: TrainingSession }) {
  const words = labelsFor(session.walk.language);
  const caller = session.walk.caller;
  const patience = patienceLeft(session);
  const initial = Math.max(session.script.caller.patience, patience);
  return (
    <Box flexDirection="column">
      <Meter label={words.patience} fraction={patience / initial} value={`${Math.round(patience)} s`} />
      <Meter label={words.mood} fraction={caller.mood} value={caller.mood.toFixed(2)} />
      <Meter label={words.intent} fraction={caller.intent} value={caller.intent.toFixed(2)} />
      <Text>
        {words.clock}: {clockText(callSeconds(session))}
        {session.realtime && session.thinking > 0 ? <Text color="yellow"> ({words.thinking} {Math.floor(session.thinking)} s)</Text> : null}
      </Text>
    </Box>
  );
}
