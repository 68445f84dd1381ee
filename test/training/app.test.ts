/** The Ink trainer, by rendered frames and keystrokes (ink-testing-library). */
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/training/catalog.ts';
import { TrainingApp, type TrainingAppProps, type TrainingEffects } from '../../src/training/components/App.tsx';
import { sessionRecord, type SessionRecord } from '../../src/training/record.ts';
import { bundled, BUNDLED_IDS } from './helpers.ts';

const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup) undo();
  cleanup = [];
});

async function entries(): Promise<CatalogEntry[]> {
  return Promise.all(BUNDLED_IDS.map(async (id) => ({ script: await bundled(id), file: `callscripts/${id}.yaml`, source: 'bundled' })));
}

/**
 * Waits until the frame satisfies `ready` (Ink renders asynchronously after input), then lets
 * React run the effects that attach the new screen's key handler, as a person's next key would.
 */
async function until(frame: () => string | undefined, ready: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const text = frame() ?? '';
    if (ready(text)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the frame never became ready; last frame:\n${frame()}`);
}

function effects(clock = { now: 0 }) {
  const finished: SessionRecord[] = [];
  const exported: string[] = [];
  const value: TrainingEffects = {
    now: () => clock.now,
    finish: async (session, entry, startedAt) => {
      const record = sessionRecord(session, { trainee: 'tess', startedAt: startedAt.toISOString(), finishedAt: '2026-03-02T09:10:00.000Z', file: entry.file });
      finished.push(record);
      return { record, saved: `Stored as session ${finished.length} in /tmp/history.sqlite` };
    },
    exportRecord: async (record, kind) => {
      exported.push(kind);
      return `Saved ${record.scriptId}.${kind === 'markdown' ? 'md' : 'json'}`;
    },
  };
  return { value, finished, exported, clock };
}

async function app(props: Partial<TrainingAppProps> & Pick<TrainingAppProps, 'effects'>) {
  const instance = render(createElement(TrainingApp, { entries: await entries(), seed: 5, realtime: false, language: 'en', ...props }));
  cleanup.push(() => instance.unmount());
  return instance;
}

describe('training app', () => {
  it('the menu lists the scripts; ↓ and Enter start the highlighted one', async () => {
    const fx = effects();
    const { lastFrame, stdin } = await app({ effects: fx.value });
    const menu = await until(lastFrame, (f) => f.includes('Choose a call to practise'));
    expect(menu).toContain('› 1. Hospital switchboard: booking an appointment');
    expect(menu).toContain('  2. Complaint: parts missing from the furniture');
    expect(menu).toContain('  5. Platinum customer threatening to switch brand');
    expect(menu).toContain('top-tier-switching · LATTE · it/en · bundled');
    stdin.write(DOWN);
    await until(lastFrame, (f) => f.includes('› 2. Complaint'));
    stdin.write(DOWN);
    stdin.write(UP);
    await until(lastFrame, (f) => f.includes('› 2. Complaint'));
    stdin.write(ENTER);
    const call = await until(lastFrame, (f) => f.includes('Complaint: parts missing from the furniture · HEARD'));
    expect(call).toMatch(/0:00 {3}Caller: (Finally!|Look, I have a problem)/);
    expect(call).toContain('› 1. Please tell me everything, I\'m listening.');
    expect(call).toMatch(/Patience {16}█{20} 180 s/);
    expect(call).toMatch(/Mood {20}█{4}░{16} 0\.20/);
    expect(call).toContain('Call time: 0:00');
  });

  it('a number key picks from the menu; options are answered by number and by arrow + Enter; meters and clock move', async () => {
    const fx = effects();
    const { lastFrame, stdin } = await app({ effects: fx.value });
    await until(lastFrame, (f) => f.includes('Choose a call'));
    stdin.write('2');
    await until(lastFrame, (f) => f.includes('› 1. Please tell me everything'));
    stdin.write('1');
    const second = await until(lastFrame, (f) => f.includes("You: Please tell me everything, I'm listening."));
    expect(second).toContain('Call time: 0:30');
    expect(second).toMatch(/Patience {16}.+ 170 s/);
    expect(second).toMatch(/Mood {20}█{5}░{15} 0\.25/);
    expect(second).toContain('0:30   Caller: I took a day off');
    stdin.write(DOWN);
    await until(lastFrame, (f) => f.includes('› 2. '));
    stdin.write(UP);
    await until(lastFrame, (f) => f.includes('› 1. You\'re absolutely right'));
    stdin.write(ENTER);
    const third = await until(lastFrame, (f) => f.includes('Caller: OK. So what happens now?'));
    expect(third).toContain('› 1. I\'m sending you the hinges and the screws today');
    expect(fx.finished).toEqual([]);
  });

  it('the hang-up path: brushing off the customer ends the call, the session is saved and the debrief shows score, advice and money', async () => {
    const fx = effects();
    const entry = (await entries()).find((e) => e.script.id === 'missing-parts-complaint')!;
    const { lastFrame, stdin } = await app({ effects: fx.value, initial: entry });
    await until(lastFrame, (f) => f.includes('› 1. Please tell me everything'));
    stdin.write('2');
    const debrief = await until(lastFrame, (f) => f.includes('Debrief: Complaint: parts missing from the furniture'));
    expect(fx.finished).toHaveLength(1);
    expect(fx.finished[0]!.outcome).toEqual({ kind: 'hung-up', reason: 'script', node: 'gone' });
    expect(debrief).toContain('Score: 0/100 (novice) · HEARD (Disney)');
    expect(debrief).toContain('Outcome: caller hung up (fed up) · Call time 0:10');
    expect(debrief).toContain('Money: No money at stake in this call');
    expect(debrief).toContain('✗ Hear');
    expect(debrief).toContain('✓ Courtesy (fatal)');
    expect(debrief).toContain('Nothing scored this time.');
    expect(debrief).toContain('Turn 1: “For missing parts you need to open a request on the website, in the support section.”');
    expect(debrief).toContain("Better: “Please tell me everything, I'm listening. I'm noting down the order number.” → Hear");
    expect(debrief).toContain('Stored as session 1 in /tmp/history.sqlite');
    expect(debrief).toContain('[t] transcript · [m] save Markdown · [j] save JSON · [q] quit');
    expect(debrief).not.toContain('Transcript\n');
  });

  it('debrief keys: t shows the transcript, m and j export', async () => {
    const fx = effects();
    const entry = (await entries()).find((e) => e.script.id === 'top-tier-switching')!;
    const { lastFrame, stdin } = await app({ effects: fx.value, initial: entry });
    await until(lastFrame, (f) => f.includes('› 1. Good morning'));
    for (const key of ['1', '1', '1', '1', '1']) {
      const before = lastFrame();
      stdin.write(key);
      await until(lastFrame, (f) => f !== before);
    }
    const debrief = await until(lastFrame, (f) => f.includes('Debrief: Platinum customer'));
    expect(debrief).toContain('Score: 100/100 (expert) · LATTE (Starbucks)');
    expect(debrief).toContain('Money: Customer kept: € 12,000 of business stays');
    expect(debrief).toContain('Nothing: every answer was the best one available.');
    stdin.write('t');
    const withTranscript = await until(lastFrame, (f) => f.includes('Transcript'));
    expect(withTranscript).toMatch(/0:00 {3}You: Good morning \w+, thank you for telling me directly\./);
    stdin.write('m');
    await until(lastFrame, (f) => f.includes('Saved top-tier-switching.md'));
    stdin.write('j');
    await until(lastFrame, (f) => f.includes('Saved top-tier-switching.json'));
    expect(fx.exported).toEqual(['markdown', 'json']);
  });

  it('real time: the wall clock (injected) runs the node timeout, and hesitation shows on the clock', async () => {
    const fx = effects({ now: 1_000_000 });
    const entry = (await entries()).find((e) => e.script.id === 'missing-parts-complaint')!;
    const { lastFrame, stdin } = await app({ effects: fx.value, initial: entry, realtime: true });
    await until(lastFrame, (f) => f.includes('› 1. Please tell me everything'));
    fx.clock.now += 4_000;
    const hesitating = await until(lastFrame, (f) => f.includes('(thinking 4 s)'));
    expect(hesitating).toContain('Call time: 0:04');
    expect(hesitating).toMatch(/Patience {16}.+ 176 s/);
    stdin.write('1');
    await until(lastFrame, (f) => f.includes('Caller: I took a day off'));
    stdin.write('1');
    await until(lastFrame, (f) => f.includes('Caller: OK. So what happens now?'));
    fx.clock.now += 61_000;
    const debrief = await until(lastFrame, (f) => f.includes('Debrief:'));
    expect(debrief).toContain('Outcome: caller hung up (fed up)');
    expect(debrief).toContain('(you said nothing in time)');
    expect(fx.finished[0]!.turns.map((t) => t.chosen?.id ?? 'silence')).toEqual(['hear', 'empathize', 'silence']);
  });
});
