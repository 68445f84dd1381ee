/**
 * A staffing schedule over simulated time: how many agents should be answering now, and
 * when that changes next. The steps of `SimulationModel.staffing` repeat every day; the
 * last step of the day is in force from midnight until the first one.
 */
import { SECONDS_PER_DAY } from './calendar.ts';
import { addOpenTime } from './engine.ts';
import type { SimulationModel } from './model.ts';

type Steps = NonNullable<SimulationModel['staffing']>;

export class StaffingClock {
  /** Agents that should be answering from now until {@link nextChange}. */
  target: number;
  /** Simulated time of the next step (Infinity without a schedule). */
  nextChange: number;
  private nextIndex = 0;
  private nextDay = 0;

  constructor(
    private readonly steps: Steps | null,
    constantAgents: number,
  ) {
    if (steps === null || steps.length === 0) {
      this.target = constantAgents;
      this.nextChange = Infinity;
    } else {
      this.target = steps[steps.length - 1]!.agents;
      this.nextChange = steps[0]!.at;
    }
  }

  /** Moves to the step due at {@link nextChange}; returns the new target. */
  advance(): number {
    const steps = this.steps!;
    this.target = steps[this.nextIndex]!.agents;
    this.nextIndex++;
    if (this.nextIndex === steps.length) {
      this.nextIndex = 0;
      this.nextDay++;
    }
    this.nextChange = this.nextDay * SECONDS_PER_DAY + steps[this.nextIndex]!.at;
    return this.target;
  }
}

/**
 * Paid agent-seconds per reporting interval of the day in opening hours after the warm-up:
 * the schedule's agents (or the constant team) times the open time of each stretch.
 */
export function addStaffedTime(model: SimulationModel, add: (bucket: number, agentSeconds: number) => void): void {
  const steps = model.staffing;
  if (steps === null) {
    addOpenTime(model, 0, model.horizon, (bucket, seconds) => add(bucket, seconds * model.agents));
    return;
  }
  const last = steps[steps.length - 1]!.agents;
  for (let day = 0; day < model.days; day++) {
    const offset = day * SECONDS_PER_DAY;
    const stretch = (from: number, to: number, agents: number): void => {
      if (agents > 0) addOpenTime(model, offset + from, offset + to, (bucket, seconds) => add(bucket, seconds * agents));
    };
    stretch(0, steps[0]!.at, last);
    steps.forEach((step, i) => stretch(step.at, steps[i + 1]?.at ?? SECONDS_PER_DAY, step.agents));
  }
}
