import { Box, Text, useStdout } from 'ink';
import { textIn } from '../../callscripts/schema.ts';
import { useChoiceKeys } from '../hooks/useChoiceKeys.ts';
import { labelsFor } from '../labels.ts';
import { transcriptLines, type TranscriptLine } from '../record.ts';
import { sessionOptions, sessionRubric, type SessionEvent, type TrainingSession } from '../session.ts';
import { CallStatus } from './CallStatus.tsx';
import { ChoiceList } from './ChoiceList.tsx';
import { Conversation } from './Conversation.tsx';

/** The conversation so far, with the caller's line at the current node last. */
export function liveLines(session: TrainingSession): TranscriptLine[] {
  const lines = transcriptLines(session.walk.transcript, session.walk.language);
  if (session.walk.outcome === undefined && session.walk.line !== undefined) lines.push({ at: session.walk.elapsed, speaker: 'caller', text: session.walk.line });
  return lines;
}

/** The call in progress: conversation, meters, clock and the options to answer with. */
export function CallScreen({ session, dispatch }: { readonly session: TrainingSession; readonly dispatch: (event: SessionEvent) => void }) {
  const language = session.walk.language;
  const words = labelsFor(language);
  const options = sessionOptions(session);
  useChoiceKeys({
    onMove: (delta) => dispatch({ type: 'move', delta }),
    onConfirm: () => dispatch({ type: 'confirm' }),
    onNumber: (index) => dispatch({ type: 'select', index }),
  });
  const rubric = sessionRubric(session);
  // Keep the screen within the terminal: what the meters, options and help need, the rest for the conversation.
  const rows = useStdout().stdout.rows;
  const limit = rows !== undefined && rows > 0 ? Math.max(3, Math.floor((rows - 10 - 2 * options.length) / 2)) : 12;
  return (
    <Box flexDirection="column">
      <Text bold>
        {textIn(session.script.title, language)} <Text dimColor>· {rubric.id}</Text>
      </Text>
      <Box marginY={1} flexDirection="column">
        <Conversation lines={liveLines(session)} language={language} limit={limit} />
      </Box>
      <CallStatus session={session} />
      <Box marginTop={1} flexDirection="column">
        {options.length > 0 ? <ChoiceList items={options.map((option) => ({ key: option.id, label: option.text }))} cursor={session.cursor} /> : <Text dimColor>{words.noOptions}</Text>}
      </Box>
      <Text dimColor>{words.callHelp}</Text>
    </Box>
  );
}
