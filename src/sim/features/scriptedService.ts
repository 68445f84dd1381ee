/**
 * Scripted service: calls of a problem type with a call script are served by walking the
 * script (src/callscripts/walk.ts) instead of drawing a handle time and two coin flips.
 *
 * When an agent answers such a call, the walk converses with a copy of the caller's own XState
 * machine (its context as the wait left it: mood, intent decayed by the wait, order value), with
 * a simulated agent that picks the best-rated reply with the agent profile's proficiency and
 * talks at its speed. The walk's time is the handle time; when the service ends the caller
 * takes the machine state the walk ended in (purchased, resolved, hung up during the call,
 * callback, escalated…), and the engine records it as any other call.
 *
 * Common random numbers: each call's walk and its agent's choices draw from streams of their
 * own, named by the call's number, and the sale draw is the caller's; so two plans (a novice and
 * a trained team) meet the same callers with the same draws, and differ only by the agents.
 */
import type { CallerContext } from '../../callers/caller.ts';
import type { CompiledSnapshot, MachineInstance, StepRecord } from '../../callers/compile.ts';
import { createStream } from '../../kernel/rng.ts';
import type { AgentProfile } from '../../scenario/callScriptsSchema.ts';
import { proficient } from '../../callscripts/choosers.ts';
import type { Rubric } from '../../callscripts/rubrics.ts';
import { walk, type Chooser } from '../../callscripts/walk.ts';
import type { Feature } from '../feature.ts';
import type { LiveCaller } from '../liveCaller.ts';
import { DEFAULT_PROFILE, type ScriptedModel } from '../scriptedModel.ts';

/** The engine's live caller, as the scripted service needs it. */
export interface ScriptedCall extends MachineInstance<CallerContext> {
  /** Number of the call in the replication (arrival order): names its streams. */
  readonly id: number;
  /** The caller's sale draw, uniform [0, 1). */
  readonly saleDraw: number;
  /** Whether the caller means to buy. */
  readonly hadIntent: boolean;
  /** The problem type's handle time draw, used when the problem has no script. */
  readonly handleTime: number;
}

/** Calls per replication that can have streams of their own (2³²; replications ≤ 10,000 keep the number a safe integer). */
const CALLS_PER_REPLICATION = 2 ** 32;

const DONE: StepRecord = Object.freeze({ done: true, scheduled: Object.freeze([]), cancelled: Object.freeze([]), changed: true });

/** One replication's scripted service: walks at the start of service, endings at its end. */
export class ScriptedService implements Feature {
  /** Per agent: the machine state the current call's walk ended in, null for an unscripted call. */
  private readonly endings: (CompiledSnapshot<CallerContext> | null)[] = [];

  constructor(
    private readonly model: ScriptedModel,
    private readonly seed: number,
    private readonly replication: number,
  ) {}

  /**
   * An agent answers: walks the call's script if its problem has one and returns the walk's
   * handle time; undefined for an unscripted call (the engine uses the drawn handle time).
   */
  startService(call: ScriptedCall, agent: number): number | undefined {
    const prepared = this.model.scripts.get(call.context.problem);
    if (prepared === undefined) {
      this.endings[agent] = null;
      return undefined;
    }
    const streamNumber = this.replication * CALLS_PER_REPLICATION + call.id;
    const profile = this.model.agentProfiles[agent] ?? DEFAULT_PROFILE;
    const result = walk(prepared.script, prepared.caller, createStream(this.seed, 'script-walk', streamNumber), chooserFor(profile, prepared.rubric, createStream(this.seed, 'script-agent', streamNumber)), {
      render: false,
      machine: { state: call.state, context: call.context, status: 'active' },
      buyer: call.hadIntent,
      saleDraw: call.saleDraw,
    });
    this.endings[agent] = result.state.machine;
    return result.elapsed;
  }

  /**
   * The service ends: a scripted call's caller takes the state its walk ended in (a final
   * state, with no timers to set or cancel) and the step record says it is done; undefined
   * for an unscripted call, which the engine ends with SERVICE_END as usual.
   */
  endService(agent: number, call: ScriptedCall): StepRecord | undefined {
    const ending = this.endings[agent];
    if (ending === undefined || ending === null) return undefined;
    this.endings[agent] = null;
    call.state = ending.state;
    call.context = ending.context;
    return DONE;
  }

  serveCall(caller: LiveCaller, agent: number): number | undefined {
    return this.startService(caller, agent);
  }

  endCall(agent: number, caller: LiveCaller): StepRecord | undefined {
    return this.endService(agent, caller);
  }
}

/** The simulated agent of a profile: best-rated reply with its proficiency, at its speed. */
function chooserFor(profile: AgentProfile, rubric: Rubric, rng: ReturnType<typeof createStream>): Chooser {
  const choose = proficient({ proficiency: profile.proficiency, rng, rubric });
  if (profile.speed === 1) return choose;
  const speed = profile.speed;
  return (options, state) => {
    const choice = choose(options, state);
    return { option: typeof choice === 'string' ? choice : choice.option, speed };
  };
}
