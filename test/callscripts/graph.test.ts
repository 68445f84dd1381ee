/**
 * Graph renderers: golden outputs for a bundled script (regenerate after an intended change
 * with `UPDATE_GOLDEN=1 npx vitest run test/callscripts/graph.test.ts` and review the diff),
 * and escaping of everything a label may contain.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScriptDiagnostics } from '../../src/callscripts/errors.ts';
import { escapeMermaid, quoteDot, renderGraph, toDot, toMermaid, wrapLabel } from '../../src/callscripts/graph.ts';
import { lintScriptText } from '../../src/callscripts/lint.ts';
import { loadCallScriptFile } from '../../src/callscripts/load.ts';
import type { CallScript } from '../../src/callscripts/schema.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const goldenFolder = fileURLToPath(new URL('./golden/', import.meta.url));

async function bundled(id: string): Promise<CallScript> {
  const result = await loadCallScriptFile(join(root, 'callscripts', `${id}.yaml`));
  if (!result.ok) throw new Error(formatScriptDiagnostics(result.errors));
  return result.script;
}

function golden(name: string, actual: string): void {
  const path = join(goldenFolder, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden graphs of order-status-secretary', () => {
  it('Mermaid, option ids', async () => {
    golden('order-status-secretary.mmd', toMermaid(await bundled('order-status-secretary')));
  });

  it('DOT, option texts in English, left to right', async () => {
    golden('order-status-secretary.en.dot', toDot(await bundled('order-status-secretary'), { labels: 'text', language: 'en', direction: 'LR' }));
  });

  it('renderGraph picks the renderer', async () => {
    const script = await bundled('order-status-secretary');
    expect(renderGraph(script, 'mermaid')).toBe(toMermaid(script));
    expect(renderGraph(script, 'dot')).toBe(toDot(script));
  });
});

describe('what graphs show', () => {
  const text = `id: shapes
title: Shapes
language: en
rubric: LATTE
caller: { problem: test, patience: 60 }
start: end
nodes:
  - id: end
    title: 'Say "hi" #1 <b> & \\ done'
    options:
      - { id: calm, text: "Calm", when: { mood: { min: 0.5 }, chose: [x.y], notChose: [z] }, once: true, goto: sold }
      - { id: lost, text: "Lost", goto: nowhere }
    fallback: { goto: gone }
    timeout: { after: 30s, goto: gone }
  - { id: sold, outcome: { kind: sale, value: 12.5 } }
  - { id: gone, outcome: hung-up }
  - { id: end, outcome: resolved }
`;
  const script = lintScriptText(text, 'shapes.yaml').script!;

  it('escapes Mermaid labels and uses generated node ids (script ids may be keywords such as end)', () => {
    const mermaid = toMermaid(script);
    expect(mermaid).toContain('n0["end<br/>Say #quot;hi#quot; #35;1 #lt;b#gt; #amp; \\ done"]');
    expect(mermaid).toContain('n0 -->|"calm (once, mood ≥ 0.5, after x.y, not<br/>after z)"| n1');
    expect(mermaid).toContain('n1(["sold<br/>sale 12.5"]):::sale');
    expect(mermaid).toContain('n2(["gone<br/>hung-up"]):::hungup');
    expect(mermaid).toContain('missing0{{"? nowhere"}}:::missing');
    expect(mermaid).toContain('n0 -.->|"fallback"| n2');
    expect(mermaid).toContain('n0 -.->|"timeout 30s"| n2');
    expect(mermaid).toContain('class n0 start');
    // The duplicate node id is drawn once; every label is inside quotes with no raw quote in it.
    expect(mermaid.match(/\["end/g)).toHaveLength(1);
    for (const label of mermaid.matchAll(/"([^"]*)"/g)) expect(label[1]!.replace(/<br\/>/g, '')).not.toMatch(/[<>&]|#(?!\d+;|quot;|lt;|gt;|amp;)/);
  });

  it('escapes DOT strings and styles outcomes distinctly', () => {
    const dot = toDot(script);
    expect(dot).toContain('"end" [label="end\\nSay \\"hi\\" #1 <b> & \\\\ done", penwidth=3];');
    expect(dot).toContain('"sold" [label="sold\\nsale 12.5", shape=box, style="rounded,filled", fillcolor="#fff1c2"');
    expect(dot).toContain('"gone" [label="gone\\nhung-up", shape=box, style="rounded,filled", fillcolor="#f8d7da"');
    expect(dot).toContain('"nowhere" [label="? nowhere", shape=hexagon, style=dashed');
    expect(dot).toContain('"end" -> "gone" [label="timeout 30s", style=dashed];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('escapes the characters that matter and nothing else', () => {
    expect(escapeMermaid('a#b"c<d>e&f\ng')).toBe('a#35;b#quot;c#lt;d#gt;e#amp;f g');
    expect(escapeMermaid('#quot;')).toBe('#35;quot;');
    expect(quoteDot('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(quoteDot('è → ok')).toBe('"è → ok"');
  });

  it('wraps long labels at spaces', () => {
    expect(wrapLabel('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapLabel('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrapLabel('')).toEqual(['']);
  });
});
