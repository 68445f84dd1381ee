/**
 * Agents per reporting interval → the scenario's `staffing` steps. The one place where the
 * optimizer's answer becomes a scenario the engine runs.
 */
import type { ScenarioConfig, StaffingStep } from '../scenario/schema.ts';
import type { IntervalTraffic } from './traffic.ts';

/** `32400` → `09:00`. */
export function clockOf(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Staffing steps for agents per interval: a step at the start of each open interval whose
 * count differs from the one before. Closed intervals get no step: the last open count
 * stays on after closing, so callers still queued are answered (unpaid time is not costed).
 */
export function staffingSteps(intervals: readonly IntervalTraffic[], agents: readonly number[]): StaffingStep[] {
  const steps: StaffingStep[] = [];
  for (const interval of intervals) {
    if (interval.openSeconds === 0) continue;
    const count = agents[interval.index]!;
    if (steps.length === 0 || steps.at(-1)!.agents !== count) steps.push({ from: clockOf(interval.start), agents: count });
  }
  return steps;
}

/** The scenario with agents per interval as its staffing schedule (agents.count: the largest team). */
export function withStaffing(scenario: ScenarioConfig, intervals: readonly IntervalTraffic[], agents: readonly number[]): ScenarioConfig {
  const steps = staffingSteps(intervals, agents);
  const largest = Math.max(0, ...steps.map((step) => step.agents));
  return { ...scenario, plans: undefined, agents: { ...scenario.agents, count: largest }, staffing: steps.length > 0 ? steps : [{ from: '00:00', agents: 0 }] };
}
