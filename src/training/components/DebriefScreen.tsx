import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { turnsToImprove, turnsWentWell } from '../debrief.ts';
import { clockText, labelsFor, outcomeWords } from '../labels.ts';
import { moneyLine, reviewLines, type SessionRecord } from '../record.ts';
import { Conversation } from './Conversation.tsx';

export type ExportKind = 'markdown' | 'json';

export interface DebriefScreenProps {
  readonly record: SessionRecord;
  /** Where the session was stored, or why it could not be. */
  readonly saved: string;
  /** Writes the transcript; resolves to a message (the path written, or the problem). */
  readonly onExport: (kind: ExportKind) => Promise<string>;
  readonly onQuit: () => void;
}

/** After the call: score per rubric step, what went well, what to do differently, money, transcript. */
export function DebriefScreen({ record, saved, onExport, onQuit }: DebriefScreenProps) {
  const words = labelsFor(record.language);
  const [showTranscript, setShowTranscript] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  useInput((input, key) => {
    if (input === 'q' || key.escape) onQuit();
    else if (input === 't') setShowTranscript((shown) => !shown);
    else if (input === 'm' || input === 'j') {
      void onExport(input === 'm' ? 'markdown' : 'json').then((message) => setMessages((list) => [...list, message]));
    }
  });
  const well = turnsWentWell(record.turns);
  const improve = turnsToImprove(record.turns);
  const scoreColor = record.score >= 75 ? 'green' : record.score >= 50 ? 'yellow' : 'red';
  return (
    <Box flexDirection="column">
      <Text bold>
        {words.debrief}: {record.title}
      </Text>
      <Text>
        {words.score}: <Text color={scoreColor} bold>{record.score}/100</Text> ({record.band}) · {record.rubric.title}
      </Text>
      <Text>
        {words.outcome}: {outcomeWords(record.outcome, record.language)} · {words.clock} {clockText(record.elapsed)}
      </Text>
      <Text>
        {words.money}: {moneyLine(record)}
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text bold>{words.steps}</Text>
        {record.steps.map((step) => {
          const good = step.fatal !== undefined ? !step.met : step.met;
          return (
            <Text key={step.id} color={good ? 'green' : 'red'}>
              {good ? '✓' : '✗'} {step.title}
              {step.fatal !== undefined ? ` (${words.fatal})` : ''}
            </Text>
          );
        })}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>{words.wentWell}</Text>
        {well.length === 0 ? <Text dimColor>{words.nothingWell}</Text> : null}
        {well.map((turn) => (
          <Text key={turn.turn} wrap="wrap">
            {reviewLines(turn, record.language, 'well')[0]}
          </Text>
        ))}
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text bold>{words.doDifferently}</Text>
        {improve.length === 0 ? <Text dimColor>{words.nothingDifferent}</Text> : null}
        {improve.map((turn) => {
          const [said, better] = reviewLines(turn, record.language, 'differently');
          return (
            <Box key={turn.turn} flexDirection="column">
              <Text wrap="wrap">{said}</Text>
              {better !== undefined ? (
                <Text color="green" wrap="wrap">
                  {'  '}
                  {better}
                </Text>
              ) : null}
            </Box>
          );
        })}
      </Box>
      {showTranscript ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold>{words.transcript}</Text>
          <Conversation lines={record.transcript} language={record.language} limit={Infinity} />
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Text dimColor>{saved}</Text>
        {messages.map((message, index) => (
          <Text key={index}>{message}</Text>
        ))}
        <Text dimColor>{words.debriefHelp}</Text>
      </Box>
    </Box>
  );
}
