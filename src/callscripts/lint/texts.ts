/**
 * Rules on the script's texts: translations missing for a declared language (texts and
 * placeholder pools) and `{key}` placeholders that are neither built in nor defined.
 *
 * @module
 */
import { formatScriptPath, listWords, suggest } from '../issues.ts';
import { BUILT_IN_PLACEHOLDERS, placeholdersIn, scriptTexts } from '../placeholders.ts';
import { scriptLanguages, type CallScript } from '../schema.ts';
import type { Finding, Path } from '../yamlSource.ts';

export function translationFindings(script: CallScript): Finding[] {
  const languages = scriptLanguages(script);
  const findings: Finding[] = [];
  for (const { path, text } of scriptTexts(script)) {
    if (typeof text === 'string') {
      if (languages.length > 1) {
        findings.push({
          code: 'SCRIPT_MISSING_TRANSLATION',
          path,
          message: `${formatScriptPath(path)} is written in one language only, but the script is in ${listWords(languages, 'and')}`,
          hint: `write it as { ${languages.map((l) => `${l}: "…"`).join(', ')} }`,
        });
      }
      continue;
    }
    const missing = languages.filter((language) => text[language] === undefined);
    if (missing.length === 0) continue;
    findings.push({
      code: 'SCRIPT_MISSING_TRANSLATION',
      path,
      message: `${formatScriptPath(path)} has no ${listWords(missing, 'and')} text, but the script is in ${listWords(languages, 'and')}`,
      hint: `add ${missing.map((l) => `${l}: "…"`).join(' and ')}`,
    });
  }
  for (const [key, pool] of Object.entries(script.placeholders ?? {})) {
    if (Array.isArray(pool)) continue; // one list for every language: names, numbers
    const missing = languages.filter((language) => pool[language] === undefined);
    if (missing.length === 0) continue;
    findings.push({
      code: 'SCRIPT_MISSING_TRANSLATION',
      path: ['placeholders', key],
      message: `placeholder ${key} has no ${listWords(missing, 'and')} values, but the script is in ${listWords(languages, 'and')}`,
      hint: `add ${missing.map((l) => `${l}: [ … ]`).join(' and ')}, or write one list for every language`,
    });
  }
  return findings;
}

export function placeholderFindings(script: CallScript): Finding[] {
  const custom = Object.keys(script.placeholders ?? {});
  const known = [...Object.keys(BUILT_IN_PLACEHOLDERS), ...custom];
  const findings: Finding[] = [];
  for (const { path, text } of scriptTexts(script)) {
    const variants: Array<[Path, string]> = typeof text === 'string' ? [[path, text]] : Object.entries(text).map(([l, t]) => [[...path, l], t ?? '']);
    for (const [at, value] of variants) {
      for (const name of new Set(placeholdersIn(value))) {
        if (known.includes(name)) continue;
        const suggestion = suggest(name, known);
        findings.push({
          code: 'SCRIPT_UNKNOWN_PLACEHOLDER',
          path: at,
          message: `${formatScriptPath(at)} uses {${name}}, which is not a placeholder`,
          hint: `${suggestion !== undefined ? `did you mean {${suggestion}}? ` : ''}use a built-in placeholder (${Object.keys(BUILT_IN_PLACEHOLDERS)
            .map((p) => `{${p}}`)
            .join(', ')}) or define ${name} under placeholders:; write {{ for a literal brace`,
        });
      }
    }
  }
  return findings;
}
