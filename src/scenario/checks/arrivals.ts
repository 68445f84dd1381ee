/**
 * Checks of arrivals: rates that are surely a unit mistake, calls with nobody to answer them,
 * and profile steps out of time order or never applying because the line is closed.
 */
import { formatNumber } from '../../yaml/values.ts';
import type { Finding, Path } from '../finding.ts';
import { MAX_CALLS_PER_HOUR } from '../limits.ts';
import { agentsSchema, scenarioSchema, timeOfDaySchema } from '../schema.ts';
import { formatPath } from '../words.ts';
import { clock, minutesOfDay, windowMinutes, writtenWindows } from './openingHours.ts';
import { field, items, parsedOr } from './values.ts';

/** Arrival rates: absurdly high rates, and calls with nobody to answer them. */
export function arrivalRateFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const arrivals = data.arrivals;
  const rates: Array<{ path: Path; rate: number }> = [];
  const constantRate = field(arrivals, 'callsPerHour');
  if (typeof constantRate === 'number') rates.push({ path: ['arrivals', 'callsPerHour'], rate: constantRate });
  const profile = field(arrivals, 'profile');
  items(profile).forEach((step, i) => {
    const rate = field(step, 'callsPerHour');
    if (typeof rate === 'number') rates.push({ path: ['arrivals', 'profile', i, 'callsPerHour'], rate });
  });
  for (const { path, rate } of rates) {
    if (Number.isFinite(rate) && rate > MAX_CALLS_PER_HOUR) {
      findings.push({
        code: 'SCHEMA_RANGE',
        path,
        message: `${formatPath(path)} is ${formatNumber(rate)}, more than ${MAX_CALLS_PER_HOUR.toLocaleString('en')} calls per hour`,
        hint: 'check the unit: callsPerHour counts calls per hour for the whole line; divide a daily or yearly volume by the hours the line is open',
      });
    }
  }
  const agentCount = parsedOr(agentsSchema.shape.count, field(data.agents, 'count'));
  const maxRate = Math.max(0, ...rates.map(({ rate }) => (Number.isFinite(rate) ? rate : 0)));
  if (agentCount === 0 && maxRate > 0) {
    findings.push({
      code: 'NO_AGENTS',
      path: ['agents', 'count'],
      message: `agents.count is 0, but up to ${formatNumber(maxRate)} calls arrive per hour and nobody can answer them`,
      hint: 'set agents.count to 1 or more (to model a closed line, set the arrival rates to 0 instead)',
    });
  }
  return findings;
}

/** Arrival profile: strictly increasing times; steps that never apply are suspicious. */
export function arrivalProfileFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const profile = field(data.arrivals, 'profile');
  const openingHours = data.openingHours;
  const windows = writtenWindows(data);
  const steps: Array<{ index: number; at: number }> = [];
  let profileOrdered = true;
  items(profile).forEach((step, index) => {
    const at = parsedOr(timeOfDaySchema, field(step, 'at'));
    if (at === undefined) {
      profileOrdered = false;
      return;
    }
    const minutes = minutesOfDay(at);
    const previous = steps[steps.length - 1];
    if (previous !== undefined && minutes <= previous.at) {
      profileOrdered = false;
      findings.push({
        code: 'ARRIVAL_PROFILE',
        path: ['arrivals', 'profile', index, 'at'],
        message:
          minutes === previous.at
            ? `arrivals.profile[${index}].at is ${clock(minutes)}, the same time as arrivals.profile[${previous.index}]`
            : `arrivals.profile[${index}].at is ${clock(minutes)}, earlier than arrivals.profile[${previous.index}] at ${clock(previous.at)}`,
        hint: 'list the steps in time order, each later than the one before (merge steps that share a time)',
      });
    }
    steps.push({ index, at: minutes });
  });
  const allHours = parsedOr(scenarioSchema.shape.openingHours, openingHours);
  // With openingHours absent, the default windows apply.
  const openWindows = openingHours === undefined ? (allHours ?? []).map(windowMinutes) : windows;
  if (profileOrdered && steps.length > 0 && allHours !== undefined && openWindows.length === allHours.length) {
    steps.forEach((step, i) => {
      const from = i === 0 ? 0 : step.at; // the first step also covers earlier opening times
      const to = steps[i + 1]?.at ?? 24 * 60;
      if (openWindows.some((window) => window.start < to && window.end > from)) return;
      const rate = field(items(profile)[step.index], 'callsPerHour');
      if (rate === 0) return; // a zero-rate step changes nothing either way
      findings.push({
        code: 'ARRIVAL_STEP_UNUSED',
        path: ['arrivals', 'profile', step.index, 'at'],
        message: `arrivals.profile[${step.index}] (from ${clock(step.at)}) never applies: the line is closed from ${clock(from)} to ${clock(to)}`,
        hint: 'move the step into the opening hours, change openingHours, or remove the step',
      });
    });
  }
  return findings;
}
