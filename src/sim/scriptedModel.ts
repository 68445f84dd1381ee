/**
 * What a scenario's call scripts need for the simulation, computed once and shared by all
 * replications: each scripted problem type's script with its rubric resolved, and the agent
 * profile of each agent (features/scriptedService.ts walks the scripts).
 */
import type { ScenarioConfig } from '../scenario/schema.ts';
import type { AgentProfile } from '../scenario/callScriptsSchema.ts';
import { resolveRubric, type Rubric } from '../callscripts/rubrics.ts';
import type { CallScript } from '../callscripts/schema.ts';
import type { CallerStart } from '../callscripts/walk.ts';
import type { PreparedRouting } from './routing.ts';

/** A script ready to walk: its rubric resolved once, the caller's patience and intent from its profile. */
export interface PreparedScript {
  readonly script: CallScript;
  readonly rubric: Rubric;
  readonly caller: CallerStart;
}

/** What a scenario's scripts need, computed once and shared by all replications. */
export interface ScriptedModel {
  /** Scripts by problem type id. */
  readonly scripts: ReadonlyMap<string, PreparedScript>;
  /** The profile of each agent (index = agent number). */
  readonly agentProfiles: readonly AgentProfile[];
}

/** Every agent follows the script's best reply at the script's pace when the scenario gives no profiles. */
export const DEFAULT_PROFILE: AgentProfile = { id: 'default', share: 1, proficiency: 1, speed: 1 };

/** The scripts of a scenario's problem types, or null when no problem type has one (the engine then skips all of this). */
export function prepareScripted(config: ScenarioConfig, routing: PreparedRouting | null = null): ScriptedModel | null {
  const scripts = new Map<string, PreparedScript>();
  for (const problem of config.problemTypes) {
    const script = problem.script;
    if (script === undefined) continue;
    if (typeof script === 'string') {
      throw new Error(
        `problem type ${problem.id}: its call script ${script} was not loaded — load the scenario with loadScenarioFile, which reads the scripts it names`,
      );
    }
    scripts.set(problem.id, {
      script,
      rubric: resolveRubric(script.rubric),
      caller: { patience: script.caller.patience, mood: script.caller.mood, intent: script.caller.intent },
    });
  }
  if (scripts.size === 0) return null;
  const profiles = config.agents.profiles ?? [DEFAULT_PROFILE];
  if (routing === null) return { scripts, agentProfiles: profilesOfAgents(profiles, config.agents.count) };
  // Under routing each group's people take the group's profile, or the profiles by share within the group.
  const groups = config.agents.groups!;
  const agentProfiles = routing.groups.flatMap((group, g) => {
    const named = profiles.find((profile) => profile.id === groups[g]!.profile);
    return named !== undefined ? Array.from({ length: group.size }, () => named) : profilesOfAgents(profiles, group.size);
  });
  return { scripts, agentProfiles };
}

/**
 * Gives each of `count` agents a profile, in order, by share: agent i takes the profile whose
 * cumulative share covers (i + ½) / count, so shares ½ and ½ of 2 agents give one of each.
 */
export function profilesOfAgents(profiles: readonly AgentProfile[], count: number): AgentProfile[] {
  const total = profiles.reduce((sum, profile) => sum + profile.share, 0);
  const result: AgentProfile[] = [];
  for (let agent = 0; agent < count; agent++) {
    const position = ((agent + 0.5) / count) * total;
    let cumulative = 0;
    let chosen = profiles[profiles.length - 1]!;
    for (const profile of profiles) {
      cumulative += profile.share;
      if (position < cumulative) {
        chosen = profile;
        break;
      }
    }
    result.push(chosen);
  }
  return result;
}

