/**
 * Rules on the script's vocabulary: option tags the rubric does not know and effect keys that
 * are not effects on the caller.
 *
 * @module
 */
import { listWords, suggest } from '../issues.ts';
import { isRubricTag, resolveRubric, rubricTagNames, rubricTags } from '../rubrics.ts';
import { EFFECT_KEYS, type CallScript, type Effects } from '../schema.ts';
import type { Finding, Path } from '../yamlSource.ts';

export function tagFindings(script: CallScript): Finding[] {
  const rubric = resolveRubric(script.rubric);
  const custom = typeof script.rubric === 'string' ? new Set<string>() : rubricTags(rubric);
  const known = [...new Set([...rubricTagNames, ...custom])];
  const findings: Finding[] = [];
  script.nodes.forEach((node, n) =>
    node.options.forEach((option, o) =>
      option.tags.forEach((tag, t) => {
        if (isRubricTag(tag) || custom.has(tag)) return;
        const suggestion = suggest(tag, known);
        findings.push({
          code: 'SCRIPT_UNKNOWN_TAG',
          path: ['nodes', n, 'options', o, 'tags', t],
          message: `option ${node.id}.${option.id} has the tag ${tag}, which is not a rubric tag`,
          hint:
            suggestion !== undefined
              ? `did you mean ${suggestion}? (tags: ${rubricTagNames.join(', ')})`
              : `use one of ${rubricTagNames.join(', ')}${typeof script.rubric === 'string' ? '' : ', or a tag of the rubric’s criteria'}`,
        });
      }),
    ),
  );
  return findings;
}

export function effectFindings(script: CallScript): Finding[] {
  const findings: Finding[] = [];
  const check = (effects: Effects, path: Path, who: string): void => {
    for (const key of Object.keys(effects)) {
      if ((EFFECT_KEYS as readonly string[]).includes(key)) continue;
      const suggestion = suggest(key, EFFECT_KEYS);
      findings.push({
        code: 'SCRIPT_UNKNOWN_EFFECT',
        path: [...path, key],
        anchor: 'key',
        message: `${key} is not an effect on the caller (in ${who})`,
        hint: suggestion !== undefined ? `did you mean ${suggestion}? (effects: ${EFFECT_KEYS.join(', ')})` : `use ${listWords([...EFFECT_KEYS])}`,
      });
    }
  };
  script.nodes.forEach((node, n) => {
    node.options.forEach((option, o) => check(option.effects, ['nodes', n, 'options', o, 'effects'], `option ${node.id}.${option.id}`));
    if (node.fallback) check(node.fallback.effects, ['nodes', n, 'fallback', 'effects'], `the fallback of ${node.id}`);
    if (node.timeout) check(node.timeout.effects, ['nodes', n, 'timeout', 'effects'], `the timeout of ${node.id}`);
  });
  return findings;
}
