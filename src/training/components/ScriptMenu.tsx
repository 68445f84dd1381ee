import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { textIn, scriptLanguages, type Language } from '../../callscripts/schema.ts';
import type { CatalogEntry } from '../catalog.ts';
import { useChoiceKeys } from '../hooks/useChoiceKeys.ts';
import { labelsFor } from '../labels.ts';
import { ChoiceList } from './ChoiceList.tsx';

/** The language a script is played in: the one asked for if the script has it, else its first. */
export function playLanguage(entry: CatalogEntry, requested: Language | undefined): Language {
  const languages = scriptLanguages(entry.script);
  return requested !== undefined && languages.includes(requested) ? requested : languages[0]!;
}

/** Pick a script: ↑/↓ and Enter, or its number. */
export function ScriptMenu({ entries, language, onPick }: { readonly entries: readonly CatalogEntry[]; readonly language: Language; readonly onPick: (entry: CatalogEntry) => void }) {
  const [cursor, setCursor] = useState(0);
  // Keys can arrive faster than renders (paste, tmux): the handler reads the latest cursor from a ref.
  const latest = useRef(0);
  const words = labelsFor(language);
  useChoiceKeys({
    onMove: (delta) => {
      latest.current = (latest.current + delta + entries.length) % entries.length;
      setCursor(latest.current);
    },
    onConfirm: () => onPick(entries[latest.current]!),
    onNumber: (index) => {
      if (index < entries.length) onPick(entries[index]!);
    },
  });
  const items = entries.map((entry) => {
    const lang = playLanguage(entry, language);
    const rubric = typeof entry.script.rubric === 'string' ? entry.script.rubric : entry.script.rubric.id;
    const description = entry.script.description !== undefined ? ` — ${textIn(entry.script.description, lang)}` : '';
    return {
      key: `${entry.source}:${entry.script.id}`,
      label: textIn(entry.script.title, lang),
      detail: `${entry.script.id} · ${rubric} · ${scriptLanguages(entry.script).join('/')} · ${entry.source}${description}`,
    };
  });
  return (
    <Box flexDirection="column">
      <Text bold>{words.menuTitle}</Text>
      <Box marginY={1}>
        <ChoiceList items={items} cursor={cursor} />
      </Box>
      <Text dimColor>{words.menuHelp}</Text>
    </Box>
  );
}
