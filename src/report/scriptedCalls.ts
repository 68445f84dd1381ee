/**
 * What reports say about calls that follow call scripts: which problem types follow which
 * script, and how the agents follow them (profiles). The script-only figures (hung up during
 * the call, call backs, escalations) are shown only for scenarios with scripts.
 */
import type { Kpis } from '../metrics/kpis.ts';
import type { ScenarioConfig } from '../scenario/schema.ts';
import { textIn } from '../callscripts/schema.ts';
import { profilesOfAgents } from '../sim/scriptedModel.ts';
import { formatPercent, type Language } from './format.ts';

/** Figures that only calls following a script can have. */
export const SCRIPT_KPIS: ReadonlySet<keyof Kpis> = new Set<keyof Kpis>(['hungUpInCall', 'callbacks', 'escalations']);

/** Whether some problem type of the scenario has a call script. */
export function hasScripts(scenario: ScenarioConfig): boolean {
  return scenario.problemTypes.some((problem) => problem.script !== undefined);
}

/** Whether a figure is shown for these scenarios: script figures only when one of them has scripts. */
export function showsFigure(key: string, ...scenarios: readonly ScenarioConfig[]): boolean {
  return !SCRIPT_KPIS.has(key as keyof Kpis) || scenarios.some(hasScripts);
}

/**
 * One line: `Call scripts: pre-vendita follows pre-sale-reassurance ("…"); agents: nuovo 2 of 2
 * (best reply 30%, speed 0.8).` Undefined when the scenario has no scripts.
 */
export function scriptedCallsLine(scenario: ScenarioConfig, language: Language): string | undefined {
  if (!hasScripts(scenario)) return undefined;
  const italian = language === 'it';
  const follows = scenario.problemTypes.flatMap((problem) => {
    const script = problem.script;
    if (script === undefined) return [];
    if (typeof script === 'string') return [`${problem.id} ${italian ? 'segue' : 'follows'} ${script}`];
    return [`${problem.id} ${italian ? 'segue' : 'follows'} ${script.id} ("${textIn(script.title, language)}")`];
  });
  const count = scenario.agents.count;
  const profiles = scenario.agents.profiles ?? [{ id: italian ? 'predefinito' : 'default', share: 1, proficiency: 1, speed: 1 }];
  const assigned = profilesOfAgents(profiles, count);
  const agents = profiles
    .map((profile) => {
      const n = assigned.filter((p) => p === profile).length;
      const best = formatPercent(profile.proficiency, language, 0);
      return italian
        ? `${profile.id} ${n} su ${count} (risposta migliore ${best}, velocità ${profile.speed})`
        : `${profile.id} ${n} of ${count} (best reply ${best}, speed ${profile.speed})`;
    })
    .join(', ');
  return italian ? `Copioni: ${follows.join('; ')}; operatori: ${agents}.` : `Call scripts: ${follows.join('; ')}; agents: ${agents}.`;
}
