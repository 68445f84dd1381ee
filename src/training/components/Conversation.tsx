import { Box, Text } from 'ink';
import type { Language } from '../../callscripts/schema.ts';
import { clockText, labelsFor } from '../labels.ts';
import type { TranscriptLine } from '../record.ts';

/** The last lines of the conversation: the caller's in the default colour, yours in cyan. */
export function Conversation({ lines, language, limit = 12 }: { readonly lines: readonly TranscriptLine[]; readonly language: Language; readonly limit?: number }) {
  const words = labelsFor(language);
  const shown = lines.slice(-limit);
  return (
    <Box flexDirection="column">
      {shown.map((line, index) => (
        <Box key={lines.length - shown.length + index}>
          <Box width={7} flexShrink={0}>
            <Text dimColor>{clockText(line.at)}</Text>
          </Box>
          <Text wrap="wrap" color={line.speaker === 'agent' ? 'cyan' : line.speaker === 'note' ? 'yellow' : undefined} italic={line.speaker === 'note'}>
            {line.speaker === 'caller' ? `${words.caller}: ` : line.speaker === 'agent' ? `${words.you}: ` : ''}
            {line.text}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
