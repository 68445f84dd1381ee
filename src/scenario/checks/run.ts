/** Checks of the run: a warm-up shorter than the run, and intervals that divide the day. */
import { formatNumber } from '../../yaml/values.ts';
import type { Finding } from '../finding.ts';
import { runSchema } from '../schema.ts';
import { field, parsedOr } from './values.ts';

export function runFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const run = data.run;
  const days = parsedOr(runSchema.shape.days, field(run, 'days'));
  const warmup = parsedOr(runSchema.shape.warmup, field(run, 'warmup'));
  if (days !== undefined && warmup !== undefined && warmup >= days * 86_400) {
    const written = field(run, 'warmup');
    findings.push({
      code: 'WARMUP_TOO_LONG',
      path: ['run', 'warmup'],
      message: `run.warmup is ${typeof written === 'string' ? `${written.trim()} (${formatNumber(warmup)} s)` : `${formatNumber(warmup)} s`}, at least as long as the whole run (${days} ${days === 1 ? 'day' : 'days'} = ${formatNumber(days * 86_400)} s), so nothing would be measured`,
      hint: 'shorten run.warmup (an hour or two is usually plenty) or increase run.days',
    });
  }
  const interval = parsedOr(runSchema.shape.intervalMinutes, field(run, 'intervalMinutes'));
  if (interval !== undefined && 1440 % interval !== 0) {
    const divisors = Array.from({ length: 1440 }, (_, i) => i + 1).filter((d) => 1440 % d === 0);
    const nearest = divisors.reduce((best, d) => (Math.abs(d - interval) < Math.abs(best - interval) ? d : best));
    findings.push({
      code: 'INTERVAL',
      path: ['run', 'intervalMinutes'],
      message: `run.intervalMinutes is ${interval}, which does not divide the 1440-minute day into equal intervals`,
      hint: `use a divisor of 1440, e.g. ${nearest} (common: 15, 30, 60)`,
    });
  }
  return findings;
}
