import { useEffect } from 'react';

/**
 * Real-time mode: while `active`, reports the wall-clock seconds that pass (the only place
 * the trainer reads real time), so the pure session can charge hesitation to the caller's
 * patience. `now` is injectable for tests.
 */
export function useRealtime(active: boolean, onSeconds: (seconds: number) => void, now: () => number = Date.now, intervalMs = 250): void {
  useEffect(() => {
    if (!active) return;
    let last = now();
    const timer = setInterval(() => {
      const current = now();
      onSeconds((current - last) / 1000);
      last = current;
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, onSeconds, now, intervalMs]);
}
