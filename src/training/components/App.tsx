import { Box, Text, useApp, useStdout } from 'ink';
import type { ReactNode } from 'react';
import { useCallback, useState } from 'react';
import type { RubricRef } from '../../callscripts/rubrics.ts';
import type { Language } from '../../callscripts/schema.ts';
import type { CatalogEntry } from '../catalog.ts';
import type { SessionRecord } from '../record.ts';
import type { TrainingSession } from '../session.ts';
import { CallPhase } from './CallPhase.tsx';
import type { ExportKind } from './DebriefScreen.tsx';
import { DebriefScreen } from './DebriefScreen.tsx';
import { playLanguage, ScriptMenu } from './ScriptMenu.tsx';

/** What the app asks of the world outside (the CLI): storing and exporting sessions. */
export interface TrainingEffects {
  /** The call is over: build its record (times, trainee) and store it; resolves to the record and a line saying where it went. */
  readonly finish: (session: TrainingSession, entry: CatalogEntry, startedAt: Date) => Promise<{ record: SessionRecord; saved: string }>;
  /** Write the transcript; resolves to a message for the screen. */
  readonly exportRecord: (record: SessionRecord, kind: ExportKind) => Promise<string>;
  /** Wall clock (the app reads time only through this). */
  readonly now: () => number;
}

export interface TrainingAppProps {
  readonly entries: readonly CatalogEntry[];
  /** Start this script directly, without the menu. */
  readonly initial?: CatalogEntry;
  readonly language?: Language;
  readonly seed: number;
  readonly realtime: boolean;
  readonly rubric?: RubricRef;
  readonly effects: TrainingEffects;
}

type Phase =
  | { readonly kind: 'menu' }
  | { readonly kind: 'call'; readonly entry: CatalogEntry; readonly startedAt: Date }
  | { readonly kind: 'saving' }
  | { readonly kind: 'debrief'; readonly record: SessionRecord; readonly saved: string };

/** The trainer: pick a script, play the call, read the debrief. */
export function TrainingApp({ entries, initial, language, seed, realtime, rubric, effects }: TrainingAppProps) {
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>(() => (initial !== undefined ? { kind: 'call', entry: initial, startedAt: new Date(effects.now()) } : { kind: 'menu' }));
  // A key may reach the menu's handler after the call has started (React removes it after the frame is drawn): only the menu picks.
  const pick = useCallback((entry: CatalogEntry) => setPhase((current) => (current.kind === 'menu' ? { kind: 'call', entry, startedAt: new Date(effects.now()) } : current)), [effects]);
  const over = useCallback(
    (session: TrainingSession) => {
      if (phase.kind !== 'call') return;
      setPhase({ kind: 'saving' });
      void effects.finish(session, phase.entry, phase.startedAt).then(({ record, saved }) => setPhase({ kind: 'debrief', record, saved }));
    },
    [phase, effects],
  );
  // One column less than the terminal: a wrapped line may keep a leading space and reach the
  // last column, and a line the terminal wraps again would not be erased by the next frame.
  const columns = useStdout().stdout.columns;
  const frame = (screen: ReactNode) => (
    <Box flexDirection="column" width={columns !== undefined && columns > 20 ? columns - 1 : undefined}>
      {screen}
    </Box>
  );
  switch (phase.kind) {
    case 'menu':
      return frame(<ScriptMenu entries={entries} language={language ?? 'en'} onPick={pick} />);
    case 'call': {
      const options = { language: playLanguage(phase.entry, language), seed, realtime, ...(rubric !== undefined ? { rubric } : {}) };
      return frame(<CallPhase key={phase.entry.file} script={phase.entry.script} options={options} onOver={over} now={effects.now} />);
    }
    case 'saving':
      return frame(<Text dimColor>…</Text>);
    case 'debrief':
      return frame(<DebriefScreen record={phase.record} saved={phase.saved} onExport={(kind) => effects.exportRecord(phase.record, kind)} onQuit={() => exit()} />);
  }
}
