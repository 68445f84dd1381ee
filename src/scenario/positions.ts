/**
 * Positions in a scenario's text for findings made after loading (a call script or an
 * arrivals CSV that does not load), when the loader's locator is no longer at hand.
 */
import { LineCounter, parseDocument } from 'yaml';

/** Line and column (1-based) of the value at a path of the scenario text; 1:1 if it cannot be found. */
export function positions(rawText: string): (path: readonly (string | number)[]) => { line: number; column: number } {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, logLevel: 'silent' });
  return (path) => {
    const node = doc.getIn(path, true) as { range?: readonly number[] } | undefined;
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
