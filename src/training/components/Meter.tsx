import { Box, Text } from 'ink';

const WIDTH = 20;

/** A labelled bar: `Mood        [██████░░░░…]  0.30`. */
export function Meter({ label, fraction, value }: { readonly label: string; readonly fraction: number; readonly value: string }) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * WIDTH);
  const color = clamped < 0.25 ? 'red' : clamped < 0.5 ? 'yellow' : 'green';
  return (
    <Box>
      <Box width={24}>
        <Text>{label}</Text>
      </Box>
      <Text color={color}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(WIDTH - filled)}</Text>
      <Text> {value}</Text>
    </Box>
  );
}
