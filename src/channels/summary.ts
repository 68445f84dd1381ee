/** Channel KPIs over replications: mean ± confidence interval of each figure. */
import { estimateOf, type Estimate } from '../metrics/estimate.ts';
import type { ChannelName } from '../scenario/schema/channels.ts';
import { CHANNEL_NAMES, type ChannelKpis } from './kpis.ts';
import type { ChannelReplication } from './result.ts';

type NumberKeys = { [K in keyof ChannelKpis]: ChannelKpis[K] extends number ? K : never }[keyof ChannelKpis];

/** Every number of {@link ChannelKpis} as an estimate; the daily backlog as its mean per day. */
export type ChannelEstimates = { readonly [K in NumberKeys]: Estimate } & { readonly backlogByDay: readonly number[] };

export interface ChannelsSummary {
  readonly channels: Partial<Record<ChannelName, ChannelEstimates>>;
  readonly blendedHoursOffered: Estimate;
}

/** Channel figures in display order, with their unit (as in KPI_LABELS). */
export const CHANNEL_FIGURES: ReadonlyArray<{ key: NumberKeys; unit: 'count' | 'rate' | 'seconds' | 'money' | 'number' }> = [
  { key: 'offered', unit: 'count' },
  { key: 'responded', unit: 'count' },
  { key: 'withinTargetRate', unit: 'rate' },
  { key: 'meanResponseTime', unit: 'seconds' },
  { key: 'maxResponseTime', unit: 'seconds' },
  { key: 'left', unit: 'count' },
  { key: 'agedOut', unit: 'count' },
  { key: 'escalated', unit: 'count' },
  { key: 'meanBacklog', unit: 'number' },
  { key: 'maxBacklog', unit: 'count' },
  { key: 'openAtEnd', unit: 'count' },
  { key: 'callsCaused', unit: 'count' },
  { key: 'complaints', unit: 'count' },
  { key: 'dissatisfied', unit: 'count' },
  { key: 'lostLifetimeValue', unit: 'money' },
  { key: 'staffCost', unit: 'money' },
  { key: 'blendedHoursUsed', unit: 'number' },
];

export function summarizeChannels(replications: readonly ChannelReplication[], confidence = 0.95): ChannelsSummary {
  const channels: Partial<Record<ChannelName, ChannelEstimates>> = {};
  for (const name of CHANNEL_NAMES) {
    const samples = replications.map((replication) => replication.channels[name]).filter((kpis) => kpis !== undefined);
    if (samples.length === 0) continue;
    const estimates: Partial<Record<NumberKeys, Estimate>> = {};
    for (const { key } of CHANNEL_FIGURES) estimates[key] = estimateOf(samples.map((kpis) => kpis[key]), confidence);
    estimates.respondedWithinTarget = estimateOf(samples.map((kpis) => kpis.respondedWithinTarget), confidence);
    const days = samples[0]!.backlogByDay.length;
    const backlogByDay = Array.from({ length: days }, (_, day) => samples.reduce((sum, kpis) => sum + kpis.backlogByDay[day]!, 0) / samples.length);
    channels[name] = { ...(estimates as Record<NumberKeys, Estimate>), backlogByDay };
  }
  return { channels, blendedHoursOffered: estimateOf(replications.map((replication) => replication.blendedHoursOffered), confidence) };
}
