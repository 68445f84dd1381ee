import { Box, Text } from 'ink';

export interface Choice {
  readonly key: string;
  readonly label: string;
  readonly detail?: string;
}

/** A numbered list with one highlighted row (›). Input is handled by the screen that shows it. */
export function ChoiceList({ items, cursor }: { readonly items: readonly Choice[]; readonly cursor: number }) {
  return (
    <Box flexDirection="column">
      {items.map((item, index) => {
        const selected = index === cursor;
        return (
          <Box key={item.key}>
            <Text color={selected ? 'cyan' : undefined} bold={selected}>
              {selected ? '› ' : '  '}
              {index < 9 ? `${index + 1}. ` : '   '}
            </Text>
            <Box flexDirection="column" flexShrink={1}>
              <Text color={selected ? 'cyan' : undefined} bold={selected} wrap="wrap">
                {item.label}
              </Text>
              {item.detail !== undefined ? <Text dimColor wrap="wrap">{item.detail}</Text> : null}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
