/**
 * The one end-to-end test in a real terminal: `node bin/callfloor train` inside a detached
 * tmux session, driven by keystrokes, read by capturing the pane. Skips (with the reason
 * printed) when tmux is missing, unless CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 (CI), where it fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers.ts';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const required = process.env.CALLFLOOR_REQUIRE_SYSTEM_TOOLS === '1';
if (!hasTmux && !required) console.warn('e2e.tmux.test.ts: skipped — tmux is not installed (set CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 to make this a failure).');

const session = `callfloor-e2e-${process.pid}`;
const scratch = mkdtempSync(join(tmpdir(), 'callfloor-e2e-'));
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', session]);
  rmSync(scratch, { recursive: true, force: true });
});

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const pane = () => tmux('capture-pane', '-p', '-J', '-t', session);

/** Polls the pane until it shows `text` (the app starts in a few seconds; each key redraws at once). */
async function waitFor(text: string | RegExp, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = pane();
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(text)}; it shows:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function press(...keys: string[]): Promise<void> {
  tmux('send-keys', '-t', session, ...keys);
  // Let the new screen attach its key handler before the next key, as a person would.
  await new Promise((resolve) => setTimeout(resolve, 150));
}

describe.skipIf(!hasTmux && !required)('callfloor train in a real terminal (tmux)', () => {
  it('plays a call with number keys and arrows, shows the debrief, exports Markdown, stores the session, exits on q; Ctrl-C mid-call writes nothing', async () => {
    expect(hasTmux, 'tmux is required (CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1) but not installed').toBe(true);
    const history = join(scratch, 'history.sqlite');
    const command = [
      'env -u CI',
      `CALLFLOOR_HOME=${scratch}`,
      `node ${join(root, 'bin/callfloor')} train missing-parts-complaint --lang en --seed 4 --trainee e2e --transcript-dir ${scratch}`,
      '; echo "EXIT=$?"; sleep 60',
    ].join(' ');
    tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '80', command);

    await waitFor('› 1. Please tell me everything');
    const start = pane();
    expect(start).toContain('Complaint: parts missing from the furniture · HEARD');
    expect(start).toMatch(/Patience +█+ 180 s/);
    await press('1');
    await waitFor('I took a day off to put it together');
    await press('Down');
    await waitFor("› 2. We've had a huge number of requests lately");
    await press('Enter');
    await waitFor("› 1. You're right, and I apologise");
    await press('1');
    await waitFor('› 1. I\'m sending you the hinges');
    for (const next of ['› 1. Let me check your order', '› 1. Thank you for your patience']) {
      await press('1');
      await waitFor(next);
    }
    await press('1');
    const debrief = await waitFor('[t] transcript · [m] save Markdown');
    expect(debrief).toContain('Debrief: Complaint: parts missing from the furniture');
    expect(debrief).toContain('Score: 100/100 (expert) · HEARD (Disney)');
    expect(debrief).toContain('Outcome: resolved');
    expect(debrief).toContain('Turn 2: “We\'ve had a huge number of requests lately, so things are taking longer.”');
    expect(debrief).toContain(`Stored as session 1 in ${history}`);
    await press('m');
    const saved = await waitFor(/Saved (\S+\.md)/);
    const file = /Saved (\S+\.md)/.exec(saved)![1]!;
    expect(readFileSync(file, 'utf8')).toMatch(/^# Debrief: Complaint: parts missing from the furniture\n/);
    await press('q');
    await waitFor('EXIT=0');
    expect(existsSync(history)).toBe(true);
    const files = readdirSync(scratch).sort();
    const stored = readFileSync(history);

    // Ctrl-C in the middle of the next call: nothing is written, the history is unchanged.
    tmux('kill-session', '-t', session);
    tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '80', command);
    await waitFor('› 1. Please tell me everything');
    await press('1');
    await waitFor('I took a day off to put it together');
    await press('C-c');
    await waitFor('Session abandoned before the end of the call: nothing was saved.');
    await waitFor('EXIT=0');
    expect(readdirSync(scratch).sort()).toEqual(files);
    expect(readFileSync(history).equals(stored)).toBe(true);
  }, 120_000);
});
