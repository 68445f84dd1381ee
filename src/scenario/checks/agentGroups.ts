/**
 * Checks of agent groups: their skills, overflow skills and proficiencies must name problem
 * types, and their profile an entry of agents.profiles.
 */
import { closest, isPlainObject } from '../../yaml/values.ts';
import type { Finding } from '../finding.ts';
import { problemIdsOf } from './references.ts';
import { field } from './values.ts';

/** Skills of agent groups must name problem types; a group's profile must exist. */
export function agentGroupFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const problemIds = problemIdsOf(data);
  const groups = field(data.agents, 'groups');
  if (Array.isArray(data.problemTypes) && Array.isArray(groups)) {
    groups.forEach((group, g) => {
      for (const key of ['skills', 'overflowSkills'] as const) {
        const list = field(group, key);
        if (!Array.isArray(list)) continue;
        list.forEach((skill, k) => {
          if (typeof skill !== 'string' || problemIds.includes(skill)) return;
          findings.push(unknownSkill(skill, ['agents', 'groups', g, key, k], `agents.groups[${g}].${key}[${k}]`, problemIds));
        });
      }
      const profile = field(group, 'profile');
      const profileIds = (Array.isArray(field(data.agents, 'profiles')) ? (field(data.agents, 'profiles') as unknown[]) : []).map((entry) => field(entry, 'id'));
      if (typeof profile === 'string' && !profileIds.includes(profile)) {
        const known = profileIds.filter((id): id is string => typeof id === 'string');
        const suggestion = closest(profile, known);
        findings.push({
          code: 'UNKNOWN_PROFILE',
          path: ['agents', 'groups', g, 'profile'],
          message: `agents.groups[${g}].profile is ${JSON.stringify(profile)}, but ${known.length > 0 ? 'no agents.profiles entry has that id' : 'agents.profiles is not given'}`,
          hint: known.length > 0 ? `${suggestion !== undefined ? `did you mean ${suggestion}? ` : ''}(profiles: ${known.join(', ')})` : `add agents.profiles with an entry id: ${profile} (proficiency, speed)`,
        });
      }
      const proficiency = field(group, 'proficiency');
      if (!isPlainObject(proficiency)) return;
      for (const skill of Object.keys(proficiency)) {
        if (problemIds.includes(skill)) continue;
        findings.push({ ...unknownSkill(skill, ['agents', 'groups', g, 'proficiency', skill], `a key of agents.groups[${g}].proficiency`, problemIds), anchor: 'key' });
      }
    });
  }
  return findings;
}

/** An agent group's skill that names no problem type. */
function unknownSkill(skill: string, path: Array<string | number>, where: string, problemIds: readonly string[]): Finding {
  const suggestion = closest(skill, problemIds);
  const known = `problem types: ${problemIds.join(', ')}`;
  return {
    code: 'UNKNOWN_PROBLEM',
    path,
    message: `${where} is ${JSON.stringify(skill)}, but no problem type has that id`,
    hint: suggestion !== undefined ? `did you mean ${suggestion}? (${known})` : `use one of the ids (${known})`,
  };
}
