/**
 * Lint rules on purpose-built scripts: each test breaks one thing and checks the code,
 * the position and the words; the "clean" tests check that correct scripts are not flagged.
 */
import { describe, expect, it } from 'vitest';
import { formatScriptDiagnostic } from '../../src/callscripts/errors.ts';
import { lintCallScript, lintFindings, lintScriptText } from '../../src/callscripts/lint.ts';
import { callScriptSchema } from '../../src/callscripts/schema.ts';

/** A script with a head and the given nodes (YAML list items, indented by 2). */
function script(nodes: string, head: Partial<Record<'language' | 'rubric' | 'caller' | 'start' | 'title' | 'extra', string>> = {}): string {
  return [
    'id: test',
    `title: ${head.title ?? 'Test'}`,
    `language: ${head.language ?? 'en'}`,
    `rubric: ${head.rubric ?? 'LATTE'}`,
    `caller: ${head.caller ?? '{ problem: test, patience: 2min, mood: 0.5, intent: 0.5 }'}`,
    ...(head.extra !== undefined ? [head.extra] : []),
    `start: ${head.start ?? 'a'}`,
    'nodes:',
    nodes.replace(/^\n/, '').trimEnd(),
    '',
  ].join('\n');
}

function lint(text: string): { all: string[]; lines: string[] } {
  const { errors, warnings } = lintScriptText(text, 't.yaml');
  const all = [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column);
  return { all: all.map((d) => `${d.code} ${d.line}:${d.column}`), lines: all.map(formatScriptDiagnostic) };
}

const DONE = '  - { id: done, outcome: resolved }';

describe('clean scripts', () => {
  it('a small complete script has no findings', () => {
    expect(lint(script(`
  - id: a
    lines: ["Hello, this is {name}."]
    options:
      - { id: help, text: "How can I help?", tags: [greet, listen], goto: done }
${DONE}`)).lines).toEqual([]);
  });

  it('complementary conditions cover every caller, so no fallback is needed', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: low, text: "Sorry.", when: { mood: { max: 0.5 } }, goto: done }
      - { id: high, text: "Great.", when: { mood: { min: 0.5 } }, goto: done }
${DONE}`)).lines).toEqual([]);
    expect(lint(script(`
  - id: a
    options:
      - { id: first, text: "Hi.", when: { notChose: [b.x] }, goto: b }
      - { id: again, text: "Hi again.", when: { chose: [b.x] }, goto: done }
  - id: b
    options:
      - { id: x, text: "Back.", goto: a }
${DONE}`)).lines).toEqual([]);
  });

  it('once-only options on a node that is never revisited need no fallback', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: one, text: "One.", once: true, goto: done }
      - { id: two, text: "Two.", once: true, goto: done }
${DONE}`)).lines).toEqual([]);
  });

  it('accepts the tags of a custom rubric and single-language plain strings', () => {
    const rubric = '{ id: shop, criteria: [{ id: upsell, tags: [cross-sell], weight: 2 }, { id: rude, tags: [rude], fatal: if-chosen }] }';
    expect(lint(script(`
  - id: a
    options:
      - { id: sell, text: "Would you like the cover too?", tags: [cross-sell, offer], goto: done }
${DONE}`, { rubric })).lines).toEqual([]);
  });

  it('allows literal braces written as {{ and }}, and custom placeholders', () => {
    const extra = 'placeholders:\n  colour: [red, blue]';
    expect(lint(script(`
  - id: a
    lines: ["The {colour} one, code {{A1}}."]
    options:
      - { id: ok, text: "Got it.", goto: done }
${DONE}`, { extra })).lines).toEqual([]);
  });

  it('lints scripts built in code, without positions', () => {
    const parsed = callScriptSchema.parse({
      id: 'code',
      title: 'Code',
      language: 'en',
      rubric: 'HEARD',
      caller: { problem: 'x', patience: 60 },
      start: 'a',
      nodes: [{ id: 'a', options: [{ id: 'go', text: 'Go', goto: 'b' }] }],
    });
    expect(lintCallScript(parsed).map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.path.join('.')}`)).toEqual([
      'SCRIPT_UNKNOWN_GOTO <script>:1:1 nodes.0.options.0.goto',
    ]);
    expect(lintFindings(parsed).map((f) => f.code)).toEqual(['SCRIPT_UNKNOWN_GOTO']);
  });
});

describe('graph rules', () => {
  it('SCRIPT_UNKNOWN_GOTO for start, options, fallbacks and timeouts', () => {
    const text = script(`
  - id: a
    options:
      - { id: go, text: "Go.", goto: dne }
    fallback: { goto: nowhere }
    timeout: { after: 30s, goto: elsewhere }
${DONE}`, { start: 'b' });
    expect(lint(text).all).toEqual(['SCRIPT_UNKNOWN_GOTO 6:8', 'SCRIPT_UNKNOWN_GOTO 10:38', 'SCRIPT_UNKNOWN_GOTO 11:23', 'SCRIPT_UNKNOWN_GOTO 12:34']);
    expect(lint(text).lines[1]).toContain('did you mean done?');
  });

  it('no unreachable-node findings when start itself is unknown (everything would be)', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: go, text: "Go.", goto: done }
${DONE}`, { start: 'x' })).all).toEqual(['SCRIPT_UNKNOWN_GOTO 6:8']);
  });

  it('SCRIPT_UNREACHABLE_NODE for nodes reachable only from unreachable nodes too', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: go, text: "Go.", goto: done }
  - id: island
    options:
      - { id: go, text: "Go.", goto: islet }
  - { id: islet, outcome: callback }
${DONE}`)).all).toEqual(['SCRIPT_UNREACHABLE_NODE 11:9', 'SCRIPT_UNREACHABLE_NODE 14:11']);
  });

  it('SCRIPT_DEAD_END only for nodes without any way out', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: go, text: "Go.", goto: stuck }
      - { id: timed, text: "Wait.", goto: timed }
  - id: stuck
    lines: ["…"]
  - id: timed
    timeout: { after: 10s, goto: done }
${DONE}`)).all).toEqual(['SCRIPT_DEAD_END 12:9']);
  });

  it('SCRIPT_CYCLE_WITHOUT_EXIT for a node that only leads back to itself, reported once per loop', () => {
    const { all, lines } = lint(script(`
  - id: a
    options:
      - { id: hold, text: "Please hold.", goto: loop }
      - { id: bye, text: "Bye.", goto: done }
  - id: loop
    options:
      - { id: again, text: "Still holding.", goto: loop }
    fallback: { goto: loop }
${DONE}`));
    expect(all).toEqual(['SCRIPT_CYCLE_WITHOUT_EXIT 12:9']);
    expect(lines[0]).toContain('node loop only leads back to itself');
  });

  it('SCRIPT_TERMINAL_WITH_OPTIONS names what is never used', () => {
    const { all, lines } = lint(script(`
  - id: a
    outcome: { kind: sale, value: 100 }
    fallback: { goto: a }
    timeout: { after: 5s, goto: a }`));
    expect(all).toEqual(['SCRIPT_TERMINAL_WITH_OPTIONS 9:5']);
    expect(lines[0]).toContain('but also has a fallback and a timeout');
  });

  it('SCRIPT_DUPLICATE_ID for nodes, options in one node and criteria of a custom rubric, not options of different nodes', () => {
    const rubric = '{ id: r, criteria: [{ id: c, tags: [listen] }, { id: c, tags: [thank] }] }';
    expect(lint(script(`
  - id: a
    options:
      - { id: ok, text: "OK.", goto: b }
  - id: b
    options:
      - { id: ok, text: "OK.", goto: done }
      - { id: ok, text: "Fine.", goto: done }
${DONE}
  - { id: b, outcome: callback }`, { rubric })).all).toEqual(['SCRIPT_DUPLICATE_ID 4:62', 'SCRIPT_DUPLICATE_ID 14:15', 'SCRIPT_DUPLICATE_ID 16:11']);
  });
});

describe('vocabulary rules', () => {
  it('SCRIPT_UNKNOWN_TAG at each unknown tag, with a suggestion', () => {
    const { all, lines } = lint(script(`
  - id: a
    options:
      - { id: ok, text: "OK.", tags: [lisen, thank, solve], goto: done }
${DONE}`));
    expect(all).toEqual(['SCRIPT_UNKNOWN_TAG 10:39', 'SCRIPT_UNKNOWN_TAG 10:53']);
    expect(lines[0]).toContain('did you mean listen?');
  });

  it('SCRIPT_UNKNOWN_EFFECT in options, fallbacks and timeouts, at the key', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: ok, text: "OK.", effects: { patiense: 10 }, goto: done }
    fallback: { goto: done, effects: { anger: 1 } }
    timeout: { after: 9s, goto: done, effects: { moods: -0.1 } }
${DONE}`)).all).toEqual(['SCRIPT_UNKNOWN_EFFECT 10:43', 'SCRIPT_UNKNOWN_EFFECT 11:40', 'SCRIPT_UNKNOWN_EFFECT 12:50']);
  });

  it('SCRIPT_MISSING_TRANSLATION for plain strings, partial maps and placeholder pools in two-language scripts', () => {
    const extra = 'placeholders:\n  item: { it: [divano] }\n  code: [A1, B2]';
    const { all } = lint(script(`
  - id: a
    title: { en: "Start" }
    lines: [{ it: "Ciao", en: "Hi" }]
    options:
      - { id: ok, text: "OK", goto: done }
    fallback: { goto: done, line: { it: "Pronto?" } }
${DONE}`, { language: '[it, en]', title: '{ it: Prova, en: Test }', extra }));
    expect(all).toEqual(['SCRIPT_MISSING_TRANSLATION 7:3', 'SCRIPT_MISSING_TRANSLATION 12:5', 'SCRIPT_MISSING_TRANSLATION 15:25', 'SCRIPT_MISSING_TRANSLATION 16:29']);
  });

  it('does not ask for translations in a single-language script', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: ok, text: { it: "Va bene" }, goto: done }
${DONE}`, { language: 'it' })).all).toEqual([]);
  });

  it('SCRIPT_UNKNOWN_PLACEHOLDER in each language variant', () => {
    expect(lint(script(`
  - id: a
    lines: [{ it: "Sono {nome}", en: "I'm {name}, order {order}" }]
    options:
      - { id: ok, text: { it: "Va bene", en: "OK" }, goto: done }
${DONE}`, { language: '[it, en]', title: '{ it: Prova, en: Test }' })).all).toEqual(['SCRIPT_UNKNOWN_PLACEHOLDER 9:19', 'SCRIPT_UNKNOWN_PLACEHOLDER 9:38']);
  });
});

describe('conditions', () => {
  const option = (when: string, extra = ''): string =>
    script(`
  - id: a
    options:
      - { id: x, text: "X.", when: ${when}, ${extra}goto: done }
      - { id: plain, text: "Plain.", effects: { mood: 0.1, intent: -0.1, patience: 5 }, goto: b }
  - id: b
    options:
      - { id: back, text: "Back.", effects: { mood: -0.1, intent: 0.1 }, goto: a }
      - { id: out, text: "Out.", goto: done }
${DONE}`);

  it('reports contradictory bounds at the bound', () => {
    expect(lint(option('{ intent: { min: 0.7, max: 0.2 } }')).all).toEqual(['SCRIPT_OPTION_NEVER_AVAILABLE 10:38']);
    expect(lint(option('{ patience: { max: 0 } }')).lines[0]).toContain('a caller with no patience left has already hung up');
  });

  it('reports the same option required and forbidden', () => {
    const { all, lines } = lint(option('{ chose: [b.back], notChose: [b.back] }'));
    expect(all).toEqual(['SCRIPT_OPTION_NEVER_AVAILABLE 10:66']);
    expect(lines[0]).toContain('to have been chosen and not to have been chosen');
  });

  it('reports a once-only option that requires itself', () => {
    expect(lint(option('{ chose: [a.x] }', 'once: true, ')).lines[0]).toContain('it is once-only and requires itself');
  });

  it('accepts a choice made earlier on a loop, reports one made only after this node', () => {
    expect(lint(option('{ chose: [b.back] }')).all).toEqual([]);
    expect(lint(option('{ chose: [out] }')).all).toEqual(['SCRIPT_OPTION_NEVER_AVAILABLE 10:46']);
  });

  it('reports elapsed.max below the quickest way to the node', () => {
    const text = script(`
  - id: a
    options:
      - { id: slow, text: "Let me check.", duration: 2min, goto: b }
  - id: b
    options:
      - { id: quick, text: "Quick one.", when: { elapsed: { max: 90s } }, goto: done }
      - { id: other, text: "Other.", goto: done }
${DONE}`);
    const { all, lines } = lint(text);
    expect(all).toEqual(['SCRIPT_OPTION_NEVER_AVAILABLE 13:66']);
    expect(lines[0]).toContain('already takes 120 s, more than elapsed.max 90 s');
  });

  it('SCRIPT_UNKNOWN_CHOICE for references to no option, bare or qualified', () => {
    expect(lint(option('{ chose: [nothing], notChose: [b.nothing] }')).all).toEqual(['SCRIPT_UNKNOWN_CHOICE 10:46', 'SCRIPT_UNKNOWN_CHOICE 10:67']);
  });

  it('SCRIPT_CONDITION_PROFILE when effects cannot move the declared caller there', () => {
    const text = script(`
  - id: a
    options:
      - { id: calm, text: "Calm.", when: { mood: { max: 0.2 } }, goto: done }
      - { id: patient, text: "Sure.", when: { patience: { min: 3min } }, goto: done }
      - { id: other, text: "Other.", goto: done }
${DONE}`);
    const { all, lines } = lint(text);
    expect(all).toEqual(['SCRIPT_CONDITION_PROFILE 10:57', 'SCRIPT_CONDITION_PROFILE 11:64']);
    expect(lines[0]).toContain('no option, fallback or timeout lowers it');
    expect(lines[1]).toContain('needs patience of at least 180 s');
  });
});

describe('fallbacks', () => {
  it('SCRIPT_NO_FALLBACK with a witness, at the options key', () => {
    const { all, lines } = lint(script(`
  - id: a
    options:
      - { id: x, text: "X.", when: { mood: { min: 0.4 }, intent: { min: 0.6 } }, goto: done }
      - { id: y, text: "Y.", when: { mood: { max: 0.3 } }, goto: done }
${DONE}`));
    // The declared caller (mood 0.5, intent 0.5) meets neither condition: the profile warnings come too.
    expect(all).toEqual(['SCRIPT_NO_FALLBACK 9:5', 'SCRIPT_CONDITION_PROFILE 10:73', 'SCRIPT_CONDITION_PROFILE 11:51']);
    expect(lines[0]).toContain('no option of node a is available when mood 0.35 and intent 0, and the node has no fallback');
  });

  it('a fallback or a plain option silences it', () => {
    const base = `
  - id: a
    options:
      - { id: x, text: "X.", when: { mood: { min: 0.4 } }, goto: done }`;
    expect(lint(script(`${base}\n    fallback: { goto: done }\n${DONE}`)).all).toEqual([]);
    expect(lint(script(`${base}\n      - { id: y, text: "Y.", goto: done }\n${DONE}`)).all).toEqual([]);
  });

  it('counts a once-only option as used up only if its goto can lead back to its node', () => {
    const { all, lines } = lint(script(`
  - id: a
    options:
      - { id: ask, text: "Anything else?", once: true, goto: a }
      - { id: detour, text: "Let me check.", once: true, goto: b }
  - id: b
    options:
      - { id: back, text: "I'm back.", goto: a }
      - { id: bye, text: "Bye.", goto: done }
${DONE}`));
    expect(all).toEqual(['SCRIPT_NO_FALLBACK 9:5']);
    expect(lines[0]).toContain('when a.ask already chosen and a.detour already chosen');
    expect(lint(script(`
  - id: a
    options:
      - { id: ask, text: "Anything else?", once: true, goto: a }
      - { id: more, text: "More?", once: true, goto: done }
${DONE}`)).all).toEqual([]);
  });

  it('treats elapsed from the quickest arrival, so a bound below it is not a gap', () => {
    expect(lint(script(`
  - id: a
    options:
      - { id: slow, text: "Wait.", duration: 1min, goto: b }
  - id: b
    options:
      - { id: late, text: "Late.", when: { elapsed: { min: 30s } }, goto: done }
${DONE}`)).all).toEqual([]);
  });
});
