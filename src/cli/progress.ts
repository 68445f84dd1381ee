/**
 * A progress bar with an ETA on standard error, drawn only when it is a terminal (never in
 * CI, pipes or tests). The clock is read here, at the edge; the core only counts.
 */
const BAR_WIDTH = 30;

/** `[#########.....]  45/100  45%  ETA 12 s` — pure, for tests. */
export function progressLine(done: number, total: number, elapsedSeconds: number): string {
  const share = total > 0 ? done / total : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const eta = done > 0 && done < total ? (elapsedSeconds / done) * (total - done) : NaN;
  const etaText = Number.isFinite(eta) ? `  ETA ${formatEta(eta)}` : done >= total ? `  ${formatEta(elapsedSeconds)}` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} ${String(Math.floor(share * 100)).padStart(3)}%${etaText}`;
}

function formatEta(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * A progress callback that redraws the bar on stderr when stderr is a TTY, at most ten
 * times a second; undefined otherwise (nothing is drawn, nothing is slowed down).
 */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  const started = performance.now();
  let drawn = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - drawn < 100) return;
    drawn = now;
    stream.write(`\r${label} ${progressLine(done, total, (now - started) / 1000)}\x1b[K${done >= total ? '\n' : ''}`);
  };
}
