/**
 * Checks of chat and tickets: the caller type of the calls they cause must exist, a channel
 * that takes contacts needs someone to answer them, and blending must fit the team.
 */
import { closest, formatNumber, isPlainObject } from '../../yaml/values.ts';
import type { Finding } from '../finding.ts';
import { callerIdsOf } from './references.ts';
import { field, items } from './values.ts';

export function channelFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const callerIds = callerIdsOf(data);
  // A channel that takes contacts and has nobody to answer them; the caller type of the calls it causes.
  const blended = field(data.channels, 'blended');
  const blendedAgents = field(blended, 'agents');
  // A scenario still written with phoneIdleShare gets the error saying what replaced it, not this warning too.
  const legacyBlending = field(blended, 'phoneIdleShare') !== undefined;
  for (const channel of ['chat', 'tickets']) {
    const config = field(data.channels, channel);
    const callerType = field(field(config, 'callAfter'), 'callerType');
    if (typeof callerType === 'string' && callerIds.length === callerTypes.length && !callerIds.includes(callerType)) {
      const suggestion = closest(callerType, callerIds);
      findings.push({
        code: 'UNKNOWN_CALLER_TYPE',
        path: ['channels', channel, 'callAfter', 'callerType'],
        message: `channels.${channel}.callAfter.callerType is ${JSON.stringify(callerType)}, but no caller type has that id`,
        hint: `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(caller types: ${callerIds.join(', ')})`,
      });
    }
    const perHour = field(config, 'perHour');
    const dedicated = field(config, 'dedicatedAgents');
    if (typeof perHour !== 'number' || perHour <= 0) continue;
    if ((dedicated === undefined || dedicated === 0) && (blendedAgents === undefined || blendedAgents === 0) && !legacyBlending) {
      findings.push({
        code: 'CHANNEL_UNSTAFFED',
        path: ['channels', channel],
        anchor: 'key',
        message: `channels.${channel} takes ${formatNumber(perHour)} contacts an hour, but no agent answers them: no dedicatedAgents and channels.blended.agents is 0`,
      });
    }
  }
  // Blending sized for another team: more blended agents than agents, or the whole team kept free.
  const team = field(data.agents, 'count');
  if (typeof team === 'number' && data.staffing === undefined && field(data.agents, 'groups') === undefined && isPlainObject(blended)) {
    const keepFree = field(blended, 'keepFree');
    if (typeof blendedAgents === 'number' && blendedAgents > team) {
      findings.push({
        code: 'BLENDING_TEAM',
        path: ['channels', 'blended', 'agents'],
        message: `channels.blended.agents is ${formatNumber(blendedAgents)}, but the team has ${formatNumber(team)} agents: all ${formatNumber(team)} blend`,
        hint: `write agents: all, or a number up to ${formatNumber(team)}`,
      });
    }
    if (typeof keepFree === 'number' && keepFree >= team && blendedAgents !== undefined && blendedAgents !== 0) {
      findings.push({
        code: 'BLENDING_TEAM',
        path: ['channels', 'blended', 'keepFree'],
        message: `channels.blended.keepFree is ${formatNumber(keepFree)}, but the team has ${formatNumber(team)} agents: no blended agent ever takes a chat or ticket`,
        hint: `keep fewer than ${formatNumber(team)} agents free, or set agents: 0 to turn blending off`,
      });
    }
  }
  return findings;
}
