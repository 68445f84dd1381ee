/**
 * `plans:` in a scenario: dotted-path overrides applied to the validated base, re-validated
 * with every loader check, and errors shown at the plan's own lines in the file.
 */
import { describe, expect, it } from 'vitest';
import { scenarioChanges } from '../../src/compare/changes.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/scenario/errors.ts';
import { applyOverrides, parseOverridePath, parseScenario, resolvePlans, type LoadResult } from '../../src/scenario/load.ts';

const BASE = `name: Test centre
arrivals: { callsPerHour: 30 }
callerTypes:
  - id: buyer
    share: 0.6
    patience: { dist: exponential, mean: 120 }
    purchaseIntent: 0.5
    orderValue: { dist: deterministic, value: 100 }
    problem: sale
  - id: browser
    share: 0.4
    patience: infinite
    problem: sale
problemTypes:
  - id: sale
    handleTime: { dist: lognormal, mean: 240, cv: 0.5 }
    conversion: 0.5
agents: { count: 2, costPerHour: 20 }
`;

/** `line:col` (1-based) of the first occurrence of `needle` at or after line `fromLine`. */
function at(text: string, needle: string, fromLine = 1): string {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const column = lines[i]!.indexOf(needle);
    if (column >= 0) return `${i + 1}:${column + 1}`;
  }
  throw new Error(`${needle} not in the text`);
}

function load(plans: string): { text: string; result: LoadResult } {
  const text = `${BASE}plans:\n${plans}`;
  return { text, result: parseScenario(text, 'plans.yaml') };
}

function errorsOf(result: LoadResult): Diagnostic[] {
  if (result.ok) throw new Error('expected errors, the scenario loaded');
  return result.errors;
}

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('override paths', () => {
  it('parses names, indices and ids', () => {
    expect(parseOverridePath('agents.count')).toEqual({ segments: [{ kind: 'key', name: 'agents' }, { kind: 'key', name: 'count' }] });
    expect(parseOverridePath('callerTypes[0].patience.mean')).toEqual({
      segments: [{ kind: 'key', name: 'callerTypes' }, { kind: 'index', index: 0 }, { kind: 'key', name: 'patience' }, { kind: 'key', name: 'mean' }],
    });
    expect(parseOverridePath('problemTypes[pre-sale_2].conversion')).toEqual({
      segments: [{ kind: 'key', name: 'problemTypes' }, { kind: 'id', id: 'pre-sale_2' }, { kind: 'key', name: 'conversion' }],
    });
    expect(parseOverridePath('openingHours[ 1 ]')).toEqual({ segments: [{ kind: 'key', name: 'openingHours' }, { kind: 'index', index: 1 }] });
  });

  it('says what is wrong with a malformed path', () => {
    expect(parseOverridePath('')).toEqual({ problem: 'is empty' });
    expect(parseOverridePath('[0].share')).toEqual({ problem: 'does not start with the name of a setting' });
    expect(parseOverridePath('agents..count')).toEqual({ problem: 'has no setting name after the dot at character 7' });
    expect(parseOverridePath('callerTypes[0.share')).toEqual({ problem: 'opens a [ at character 12 that is never closed' });
    expect(parseOverridePath('callerTypes[a b].share')).toHaveProperty('problem', expect.stringContaining('neither an index'));
    expect(parseOverridePath('agents count')).toEqual({ problem: 'has an unexpected " " at character 7' });
  });
});

describe('plans: valid overrides', () => {
  const { text, result } = load(`  - name: bigger
    description: More of everything
    set:
      agents.count: 3
      callerTypes[buyer].patience.mean: 60
      callerTypes[1].patience: { dist: exponential, mean: 300 }
      callerTypes[buyer].intentHalfLife: 5min
      problemTypes[sale].handleTime: { dist: gamma, mean: 200, cv: 0.7 }
      queue.capacity: 10
      openingHours[0]: "08:00-20:00"
      run.intervalMinutes: 30
  - name: same
    set: {}
`);

  it('loads, and resolves each plan to the base with its overrides applied', () => {
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
    expect(result.warnings).toEqual([]);
    const plans = resolvePlans(result.scenario, result.source);
    if (!plans.ok) throw new Error('plans do not resolve');
    expect(plans.plans.map((plan) => plan.name)).toEqual(['bigger', 'same']);
    const [bigger, same] = plans.plans;
    expect(bigger!.description).toBe('More of everything');
    const scenario = bigger!.scenario;
    expect(scenario.agents).toEqual({ count: 3, costPerHour: 20 });
    expect(scenario.callerTypes[0]!.patience).toEqual({ dist: 'exponential', mean: 60 });
    expect(scenario.callerTypes[0]!.intentHalfLife).toBe(300);
    expect(scenario.callerTypes[1]!.patience).toEqual({ dist: 'exponential', mean: 300 });
    expect(scenario.problemTypes[0]!.handleTime).toEqual({ dist: 'gamma', mean: 200, cv: 0.7 });
    expect(scenario.queue).toEqual({ capacity: 10, discipline: 'fifo' });
    expect(scenario.openingHours).toEqual(['08:00-20:00']);
    expect(scenario.run.intervalMinutes).toBe(30);
    expect(scenario.plans).toBeUndefined();
    // The base is untouched, and an empty plan is the base itself.
    expect(result.scenario.agents.count).toBe(2);
    expect(result.scenario.callerTypes[0]!.patience).toEqual({ dist: 'exponential', mean: 120 });
    const { plans: _plans, ...baseWithoutPlans } = result.scenario;
    expect(same!.scenario).toEqual(baseWithoutPlans);
    expect(text).toContain('plans:');
  });

  it('lists what a plan changes, read off the two scenarios', () => {
    if (!result.ok) throw new Error('does not load');
    const plans = resolvePlans(result.scenario);
    if (!plans.ok) throw new Error('plans do not resolve');
    const changes = scenarioChanges(result.scenario, plans.plans[0]!.scenario);
    expect(changes.map((change) => change.path)).toEqual([
      'run.intervalMinutes',
      'openingHours[0]',
      'callerTypes[buyer].patience.mean',
      'callerTypes[buyer].intentHalfLife',
      'callerTypes[browser].patience',
      'problemTypes[sale].handleTime',
      'agents.count',
      'queue.capacity',
    ]);
    expect(changes.find((change) => change.path === 'callerTypes[browser].patience')).toEqual({
      path: 'callerTypes[browser].patience',
      from: 'infinite',
      to: { dist: 'exponential', mean: 300 },
    });
    expect(scenarioChanges(result.scenario, plans.plans[1]!.scenario)).toEqual([]);
  });

  it('a section replaced as a whole brings back the defaults it leaves out, and the changes show it', () => {
    const base = parseScenario(BASE, 'base.yaml');
    if (!base.ok) throw new Error('base does not load');
    const replaced = applyOverrides(base.scenario, { agents: { count: 3 } });
    if (!replaced.ok) throw new Error('does not apply');
    expect(replaced.scenario.agents).toEqual({ count: 3, costPerHour: 0 });
    expect(scenarioChanges(base.scenario, replaced.scenario)).toEqual([
      { path: 'agents.count', from: 2, to: 3 },
      { path: 'agents.costPerHour', from: 20, to: 0 },
    ]);
  });

  it('applies entries in the order written: a later entry wins', () => {
    const base = parseScenario(BASE, 'base.yaml');
    if (!base.ok) throw new Error('base does not load');
    const result = applyOverrides(base.scenario, { 'agents.count': 5, agents: { count: 4, costPerHour: 30 }, 'agents.costPerHour': 25 });
    expect(result.ok && result.scenario.agents).toEqual({ count: 4, costPerHour: 25 });
  });
});

describe('plans: errors point at the plan in the file', () => {
  it('unknown settings and ids get a did-you-mean with the whole path; bad indices the range', () => {
    const { text, result } = load(`  - name: typos
    set:
      agents.cont: 3
      callerTypes[buyr].share: 0.5
      problemTypes[3].conversion: 1
      callerTypes.buyer.share: 0.5
      agents..count: 1
      agents.count.max: 4
`);
    const errors = errorsOf(result);
    expect(summary(errors)).toEqual([
      `SCHEMA_UNKNOWN_KEY ${at(text, 'agents.cont:')}`,
      `SCHEMA_UNKNOWN_KEY ${at(text, 'callerTypes[buyr]')}`,
      `SCHEMA_RANGE ${at(text, 'problemTypes[3]')}`,
      `SCHEMA_TYPE ${at(text, 'callerTypes.buyer')}`,
      `SCHEMA_FORMAT ${at(text, 'agents..count')}`,
      `SCHEMA_TYPE ${at(text, 'agents.count.max')}`,
    ]);
    const lines = errors.map(formatDiagnostic);
    expect(lines[0]).toContain('plans[0] (typos): agents.cont: cont is not a setting in agents — did you mean agents.count?');
    expect(lines[1]).toContain('no entry of callerTypes has the id buyr — did you mean callerTypes[buyer].share? (ids: buyer, browser)');
    expect(lines[2]).toContain('problemTypes has 1 entry, so there is no problemTypes[3] — use an index from 0 to 0, or an id: sale');
    expect(lines[3]).toContain('did you mean callerTypes[buyer].share?');
    expect(lines[4]).toContain('the path "agents..count" has no setting name after the dot');
    expect(lines[5]).toContain('agents.count is 2, a single value with no settings inside');
    expect(errors[0]!.path).toEqual(['plans', 0, 'set', 'agents.cont']);
    expect(errors[0]!.file).toBe('plans.yaml');
  });

  it('values are checked like the file: at the value, or inside it', () => {
    const { text, result } = load(`  - name: fine
    set: { agents.count: 3 }
  - name: bad-values
    set:
      queue.capacity: -1
      problemTypes[sale].handleTime: { dist: lognormal, mean: 240, cv: -2, shape: 1 }
      callerTypes[buyer].patience: { dist: expo, mean: 60 }
      run.warmup: 10 minutes
`);
    const errors = errorsOf(result);
    const planLine = Number(at(text, 'bad-values').split(':')[0]);
    expect(summary(errors)).toEqual([
      `SCHEMA_RANGE ${at(text, '-1', planLine)}`,
      `SCHEMA_RANGE ${at(text, '-2', planLine)}`,
      `SCHEMA_UNKNOWN_KEY ${at(text, 'shape', planLine)}`,
      `SCHEMA_ENUM ${at(text, 'expo', planLine)}`,
      `SCHEMA_FORMAT ${at(text, '10 minutes', planLine)}`,
    ]);
    expect(errors[0]!.path).toEqual(['plans', 1, 'set', 'queue.capacity']);
    expect(errors[1]!.path).toEqual(['plans', 1, 'set', 'problemTypes[sale].handleTime', 'cv']);
    expect(formatDiagnostic(errors[0]!)).toContain('plans[1] (bad-values): queue.capacity is -1, but it must be 0 or more');
    expect(formatDiagnostic(errors[3]!)).toContain('did you mean exponential?');
    expect(formatDiagnostic(errors[4]!)).toContain('did you mean "10min"?');
  });

  it('semantic checks run on the result: shares, references, no agents', () => {
    const { text, result } = load(`  - name: shares
    set:
      callerTypes[buyer].share: 0.9
  - name: rename
    set:
      problemTypes[sale].id: sales
  - name: nobody
    set:
      agents.count: 0
`);
    const errors = errorsOf(result);
    expect(summary(errors)).toEqual([
      `SHARES_SUM ${at(text, 'callerTypes[buyer].share: 0.9')}`,
      // Both caller types had problem sale: each is reported, at the plan's set.
      `UNKNOWN_PROBLEM ${at(text, 'set:', Number(at(text, 'rename').split(':')[0]))}`,
      `UNKNOWN_PROBLEM ${at(text, 'set:', Number(at(text, 'rename').split(':')[0]))}`,
      `NO_AGENTS ${at(text, '0', Number(at(text, 'agents.count: 0').split(':')[0]))}`,
    ]);
    expect(formatDiagnostic(errors[0]!)).toContain('plans[0] (shares): caller type shares add up to 1.3 (buyer 0.9 + browser 0.4), not 1');
    expect(formatDiagnostic(errors[0]!)).toContain('the plan changes only callerTypes[buyer].share; the rest of callerTypes comes from the base scenario');
    expect(formatDiagnostic(errors[1]!)).toContain('plans[1] (rename): callerTypes[0].problem is "sale", but no problem type has that id');
  });

  it('a setting only half replaced conflicts with the rest of its section, and says how to replace it all', () => {
    const { text, result } = load(`  - name: flat-rate
    set:
      arrivals.profile: [{ at: "09:00", callsPerHour: 20 }]
`);
    const errors = errorsOf(result);
    expect(summary(errors)).toEqual([`SCHEMA_CONFLICT ${at(text, 'arrivals.profile')}`]);
    expect(formatDiagnostic(errors[0]!)).toContain('arrivals has both');
    expect(formatDiagnostic(errors[0]!)).toContain('to replace all of it, set arrivals: …');
  });

  it('run and money settings that keep plans comparable cannot change, even through their section', () => {
    const { text, result } = load(`  - name: other-seed
    set:
      run.seed: 5
  - name: two-days
    set:
      run: { days: 2, intervalMinutes: 30 }
  - name: dollars
    set:
      money.currency: USD
  - name: meta
    set:
      plans[0].name: other
`);
    const errors = errorsOf(result);
    const twoDays = Number(at(text, 'two-days').split(':')[0]);
    expect(summary(errors)).toEqual([
      `SCHEMA_CONFLICT ${at(text, '5', Number(at(text, 'run.seed').split(':')[0]))}`,
      // Inside the section replaced as a whole: at the value that changes.
      `SCHEMA_CONFLICT ${at(text, '2,', twoDays)}`,
      `SCHEMA_CONFLICT ${at(text, 'USD')}`,
      `SCHEMA_CONFLICT ${at(text, 'plans[0].name')}`,
    ]);
    const lines = errors.map(formatDiagnostic);
    expect(lines[0]).toContain('plans[0] (other-seed): changes run.seed from 1 to 5, which a plan cannot change');
    expect(lines[0]).toContain('so that all plans meet the same callers');
    expect(lines[1]).toContain('plans[1] (two-days): changes run.days from 1 to 2');
    expect(errors[1]!.path).toEqual(['plans', 1, 'set', 'run', 'days']);
    expect(lines[2]).toContain("every plan counts money in the base scenario's currency");
    expect(lines[3]).toContain('a plan cannot change the list of plans');
  });

  it('plan names must be unique', () => {
    const { text, result } = load(`  - name: twice
    set: { agents.count: 3 }
  - name: twice
    set: { agents.count: 4 }
`);
    const errors = errorsOf(result);
    const second = Number(at(text, 'agents.count: 3').split(':')[0]) + 1;
    expect(summary(errors)).toEqual([`DUPLICATE_ID ${at(text, 'twice', second)}`]);
    expect(formatDiagnostic(errors[0]!)).toContain(`plans[1].name is "twice", already the name of plans[0] (line ${at(text, 'twice').split(':')[0]})`);
  });

  it('the shape of plans is checked by the schema, with the usual advice', () => {
    const { text, result } = load(`  - name: no-set
  - nme: typo
    set: { agents.count: 3 }
`);
    const lines = errorsOf(result).map((d) => `${d.code} ${d.line}:${d.column}`);
    expect(lines).toEqual([`SCHEMA_MISSING ${at(text, 'name: no-set')}`, `SCHEMA_MISSING ${at(text, 'nme')}`, `SCHEMA_UNKNOWN_KEY ${at(text, 'nme')}`]);
  });

  it('reports only the warnings the plan itself causes', () => {
    const { text, result } = load(`  - name: no-sales
    set:
      problemTypes[sale].conversion: 0
`);
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
    expect(summary(result.warnings)).toEqual([`NO_SALES ${at(text, 'set:', Number(at(text, 'no-sales').split(':')[0]))}`]);
    expect(formatDiagnostic(result.warnings[0]!)).toMatch(/warning NO_SALES  plans\[0\] \(no-sales\): callerTypes\[0\]\.purchaseIntent is 0\.5/);
  });
});

describe('applyOverrides (plans built in code, e.g. a sweep)', () => {
  const base = parseScenario(BASE, 'base.yaml');
  if (!base.ok) throw new Error('base does not load');

  it('applies and validates, leaving the base untouched', () => {
    const result = applyOverrides(base.scenario, { 'agents.count': 4, 'callerTypes[browser].share': 0.4 });
    expect(result.ok && result.scenario.agents.count).toBe(4);
    expect(base.scenario.agents.count).toBe(2);
  });

  it('reports problems with the override key as their path', () => {
    const result = applyOverrides(base.scenario, { 'agents.count': -1, 'queue.capcity': 3 }, 'sweep');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((d) => [d.code, d.file, d.path])).toEqual([['SCHEMA_UNKNOWN_KEY', 'sweep', ['queue.capcity']], ['SCHEMA_RANGE', 'sweep', ['agents.count']]]);
    expect(result.errors[0]!.hint).toContain('did you mean queue.capacity?');
  });
});
