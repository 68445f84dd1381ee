/**
 * `callfloor compare`, driven through `registerCompare` on a fresh commander program with
 * collecting streams (the owner registers it in src/cli/main.ts). Exit codes follow main():
 * 0 done, 2 bad input or usage.
 */
import { Command, CommanderError } from 'commander';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError.ts';
import { registerCompare } from '../../src/cli/commands/compare.ts';
import { COMPARED_FIGURES } from '../../src/compare/compare.ts';

async function compare(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCompare(program, io);
  try {
    await program.parseAsync(['compare', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (error instanceof CliError) return { code: error.exitCode, stdout, stderr: `${stderr}callfloor: ${error.message}\n` };
    throw error;
  }
}

const PLANS = 'scenarios/bottega-piani.yaml';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'callfloor-compare-'));
}

describe('callfloor compare SCENARIO (its plans)', () => {
  it('text: a headline per plan, the changes and the table of differences', async () => {
    const { code, stdout, stderr } = await compare(PLANS, '--lang', 'en', '-r', '3');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Bottega Rossi: 3 plans compared with the base scenario\.\n6 days, 3 replications of each plan on the same callers \(common random numbers\), seed 2026\./);
    expect(stdout).toMatch(
      /\nPlan "tre-persone" vs base: -€[\d,]+ lost margin in 6 days \(95% CI -€[\d,]+ … -€[\d,]+\), \+€1,056 staff cost: net [+-]€[\d,]+ in 6 days \(95% CI .+\), about [+-]€[\d,]+ a year; (significant\.|not significant: .+)\n/,
    );
    expect(stdout).toContain('Changes: agents.count 2 → 3.');
    expect(stdout).toContain('Plan "coda-lunga" vs base: no difference: every figure is the same in all 3 replications');
    expect(stdout).toContain('Changes: problemTypes[pre-vendita].handleTime.mean 240 → 180; problemTypes[ordine].handleTime.mean 180 → 135;');
    expect(stdout).toMatch(/\nFigure +Base +Plan +Difference +95% CI +Significant +Per month +Per year\n/);
    expect(stdout).toMatch(/\nStaff cost +€2,112 +€3,168 +\+€1,056 +\+€1,056 … \+€1,056 +yes +\+€4,400 +\+€52,800\n/);
    expect(stdout).toMatch(/\nCalls offered +[\d.,]+ +[\d.,]+ +0\.0 +0\.0 … 0\.0 +no\n/);
    expect(stdout).toMatch(/\nReplications for Lost sales \(margin\) within ±5%: base \d+, plan \d+ \(this comparison: 3\)\./);
    expect(stdout).toMatch(/\nCommon random numbers, Lost sales \(margin\): the interval of the difference is [\d.]+× narrower than with independent runs/);
  });

  it('speaks Italian by default for an Italian scenario, and --plan picks plans', async () => {
    const { code, stdout } = await compare(PLANS, '--plan', 'tre-persone', '-r', '2', '--precision', '0.1', '--kpi', 'abandonmentRate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bottega Rossi: 1 piano confrontato con lo scenario di base\./);
    // Italian money has a no-break space before €.
    expect(stdout).toMatch(/\nPiano "tre-persone" rispetto alla base: -[\d.]+\s€ di margine perso in 6 giorni \(IC 95% .+\), \+1056\s€ di personale: netto/);
    expect(stdout).toContain('Modifiche: agents.count 2 → 3.');
    expect(stdout).toMatch(/\nRepliche per Tasso di abbandono entro ±10%: base \d+, piano \d+ \(in questo confronto: 2\)\./);
    expect(stdout).not.toContain('coda-lunga');
  });

  it('json: every figure with the paired difference, variance reduction, money and replications needed', async () => {
    const { code, stdout } = await compare(PLANS, '-f', 'json', '-r', '4', '--seed', '7', '--confidence', '0.9', '--plan', 'tre-persone', '--plan', 'coda-lunga');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ scenario: 'Bottega Rossi', seed: 7, replications: 4, days: 6, confidence: 0.9, precision: 0.05, currency: 'EUR', commonRandomNumbers: true });
    expect(json.moneyScale).toEqual({ openDaysPerYear: 300, perYear: 50, perMonth: 50 / 12 });
    expect(json.plans.map((plan: { name: string }) => plan.name)).toEqual(['tre-persone', 'coda-lunga']);
    const [three, longQueue] = json.plans;
    expect(Object.keys(three.figures)).toEqual(COMPARED_FIGURES.map((figure) => figure.key));
    expect(three.changes).toEqual([{ path: 'agents.count', from: 2, to: 3 }]);
    const lost = three.figures.lostMargin;
    expect(lost.unit).toBe('money');
    expect(lost.difference.mean).toBeCloseTo(lost.plan.mean - lost.base.mean, 6);
    expect(lost.difference.low).toBeLessThan(lost.difference.high);
    expect(lost.difference.significant).toBe(lost.difference.high < 0 || lost.difference.low > 0);
    expect(lost.difference.pairedVariance).toBeLessThan(lost.difference.independentVariance);
    expect(lost.difference.varianceReduction).toBeCloseTo(1 - lost.difference.pairedVariance / lost.difference.independentVariance, 9);
    expect(lost.perYear.mean).toBeCloseTo(lost.difference.mean * 50, 6);
    expect(lost.perMonth.mean).toBeCloseTo((lost.difference.mean * 50) / 12, 6);
    expect(Number.isInteger(lost.base.replicationsNeeded)).toBe(true);
    expect(three.figures.abandonmentRate.perYear).toBeUndefined();
    expect(three.figures.staffCost.difference).toMatchObject({ mean: 1056, halfWidth: 0, significant: true });
    expect(three.netBenefit.mean).toBeCloseTo(three.figures.margin.difference.mean - 1056, 6);
    expect(three.netBenefit.perYear.mean).toBeCloseTo(three.netBenefit.mean * 50, 6);
    expect(three.headline).toMatch(/^Piano "tre-persone" rispetto alla base: /);
    // With seed 7 one call finds the short queue full in one replication: a longer queue is not quite a no-op.
    expect(longQueue.identical).toBe(false);
    expect(longQueue.figures.blocked.difference).toMatchObject({ mean: -0.25, significant: false });
  });

  it('json: a plan that changes nothing for these callers', async () => {
    const { stdout } = await compare(PLANS, '-f', 'json', '-r', '2', '--plan', 'coda-lunga');
    const [longQueue] = JSON.parse(stdout).plans;
    expect(longQueue.identical).toBe(true);
    expect(longQueue.netBenefit).toMatchObject({ mean: 0, halfWidth: 0, significant: false });
    // A difference that is exactly 0 never becomes significant: null, not a number of replications.
    expect(longQueue.figures.lostMargin.difference.replicationsForSignificance).toBeNull();
    expect(longQueue.figures.lostMargin.difference.varianceReduction).toBe(1);
  });

  it('csv: one row per plan and figure, numbers unformatted', async () => {
    const { code, stdout } = await compare(PLANS, '-f', 'csv', '-r', '2');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'plan,figure,unit,base_mean,base_half_width,plan_mean,plan_half_width,difference,difference_low,difference_high,significant,per_month,per_year,variance_reduction,independent_half_width,replications_needed_base,replications_needed_plan',
    );
    expect(lines).toHaveLength(1 + 3 * COMPARED_FIGURES.length);
    const staff = lines.find((line) => line.startsWith('tre-persone,staffCost,'))!.split(',');
    expect(staff.slice(0, 3)).toEqual(['tre-persone', 'staffCost', 'money']);
    expect(Number(staff[7])).toBe(1056);
    expect(staff[10]).toBe('true');
    expect(Number(staff[12])).toBe(52_800);
    const rate = lines.find((line) => line.startsWith('tre-persone,abandonmentRate,'))!.split(',');
    expect([rate[11], rate[12]]).toEqual(['', '']);
  });

  it('markdown to a file with --out, nothing on stdout', async () => {
    const dir = scratch();
    const out = join(dir, 'piani.md');
    const { code, stdout } = await compare(PLANS, '-f', 'markdown', '--lang', 'en', '-r', '2', '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Bottega Rossi: 3 plans compared with the base scenario\.\n/);
    expect(text).toContain('## "tre-persone"');
    expect(text).toContain('| Figure | Base | Plan | Difference | 95% CI | Significant | Per month | Per year |');
    expect(text).toMatch(/\| Staff cost \| €2,112 \| €3,168 \| \+€1,056 \| \+€1,056 … \+€1,056 \| yes \| \+€4,400 \| \+€52,800 \|/);
    expect(readdirSync(dir)).toEqual(['piani.md']);
  });

  it('the same seed gives byte-identical output', async () => {
    const first = await compare(PLANS, '-f', 'json', '-r', '2', '--plan', 'tre-persone');
    const second = await compare(PLANS, '-f', 'json', '-r', '2', '--plan', 'tre-persone');
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('callfloor compare BASE OTHER…', () => {
  it('compares the first file with each of the others', async () => {
    const dir = scratch();
    const three = join(dir, 'three.yaml');
    writeFileSync(three, readFileSync('scenarios/bottega.yaml', 'utf8').replace('count: 2', 'count: 3').replace('name: Bottega Rossi', 'name: Bottega Rossi (3)'));
    const { code, stdout } = await compare('scenarios/bottega.yaml', three, '-f', 'json', '-r', '2');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.base).toEqual({ name: 'scenarios/bottega.yaml' });
    expect(json.plans[0]).toMatchObject({ name: three, description: 'Bottega Rossi (3)', changes: [{ path: 'agents.count', from: 2, to: 3 }] });
    expect(json.plans[0].figures.staffCost.difference.mean).toBe(1056);
  });

  it('refuses files that cannot be compared call by call', async () => {
    const dir = scratch();
    const shorter = join(dir, 'shorter.yaml');
    writeFileSync(shorter, readFileSync('scenarios/bottega.yaml', 'utf8').replace('days: 6', 'days: 5'));
    const { code, stderr } = await compare('scenarios/bottega.yaml', shorter);
    expect(code).toBe(2);
    expect(stderr).toContain(`${shorter}: run.days is 5, but 6 in the base`);
    expect((await compare('scenarios/bottega.yaml', shorter, '--plan', 'x')).stderr).toContain('--plan picks plans of a single scenario file');
  });
});

describe('callfloor compare: bad input', () => {
  it('a scenario without plans, an unknown plan, a broken plan', async () => {
    const none = await compare('scenarios/bottega.yaml');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('scenarios/bottega.yaml declares no plans: add plans:');
    const unknown = await compare(PLANS, '--plan', 'tre-persona');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no plan "tre-persona" — did you mean tre-persone? (plans: tre-persone, coda-lunga, due-persone-formate)');
    const dir = scratch();
    const broken = join(dir, 'broken.yaml');
    const text = readFileSync(PLANS, 'utf8').replace('queue.capacity: 15', 'queue.capacty: 15');
    writeFileSync(broken, text);
    const result = await compare(broken);
    expect(result.code).toBe(2);
    const line = text.split('\n').findIndex((row) => row.includes('queue.capacty')) + 1;
    expect(result.stderr).toContain(`${broken}:${line}:7  SCHEMA_UNKNOWN_KEY  plans[1] (coda-lunga): queue.capacty: capacty is not a setting in queue — did you mean queue.capacity?`);
    expect(result.stderr).toContain(`callfloor: ${broken}: 1 error; nothing was compared.`);
  });

  it('bad options are usage errors', async () => {
    expect((await compare(PLANS, '-r', '1')).stderr).toContain('--replications must be between 2 and 10000');
    expect((await compare(PLANS, '--confidence', '95')).stderr).toContain('--confidence must be a level between 0 and 1');
    expect((await compare(PLANS, '--kpi', 'lostMargn')).stderr).toContain('did you mean lostMargin?');
    expect((await compare(PLANS, '--format', 'pdf')).code).toBe(2);
    expect((await compare()).code).toBe(2);
  });
});

describe('callfloor compare --workers', () => {
  it('the JSON is byte-identical with 1 and 2 worker threads, and equals the single-thread library call', async () => {
    const one = await compare(PLANS, '-r', '4', '--workers', '1', '-f', 'json', '--lang', 'en');
    const two = await compare(PLANS, '-r', '4', '--workers', '2', '-f', 'json', '--lang', 'en');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const { compareVariants } = await import('../../src/compare/compare.ts');
    const { compareToJson } = await import('../../src/report/compareReport.ts');
    const { loadScenarioFile, resolvePlans } = await import('../../src/scenario/load.ts');
    const loaded = await loadScenarioFile(PLANS);
    if (!loaded.ok) throw new Error('bundled scenario does not load');
    const resolved = resolvePlans(loaded.scenario, loaded.source);
    if (!resolved.ok) throw new Error('bundled plans do not resolve');
    const plans = resolved.plans.map((plan) => ({ name: plan.name, ...(plan.description !== undefined ? { description: plan.description } : {}), scenario: plan.scenario }));
    const sync = compareVariants({ name: 'base', scenario: loaded.scenario }, plans, { seed: loaded.scenario.run.seed, replications: 4, confidence: 0.95, precision: 0.05 });
    expect(JSON.stringify(compareToJson(sync, 'en'), null, 2) + '\n').toBe(one.stdout);
    const parsed = JSON.parse(two.stdout) as { plans: unknown[] };
    expect(parsed.plans).toHaveLength(3);
    expect((await compare(PLANS, '--workers', '0')).code).toBe(2);
  });

  it('per caller type and per agent group: each figure base → plan; the types\' lost margin differences add up to the total', async () => {
    type Segment = { id: string } & Record<string, { base: number; plan: number; difference: { mean: number; low: number; high: number } }>;
    type Plan = { name: string; byCallerType?: Segment[]; byGroup?: Segment[]; figures: Record<string, { difference: { mean: number } }> };
    const tiers = await compare('scenarios/assicurazioni-vip.yaml', '-r', '4', '--workers', '1', '-f', 'json', '--lang', 'en');
    expect(tiers.code).toBe(0);
    const priority = (JSON.parse(tiers.stdout) as { plans: Plan[] }).plans[0]!;
    expect(priority.byCallerType!.map((segment) => segment.id)).toEqual(['vip', 'standard']);
    const sum = priority.byCallerType!.reduce((total, segment) => total + segment['lostMargin']!.difference.mean, 0);
    expect(sum).toBeCloseTo(priority.figures['lostMargin']!.difference.mean, 6);
    // Priority for VIPs: VIPs wait less, standard callers more.
    const [vip, standard] = priority.byCallerType!;
    expect(vip!['asa']!.plan).toBeLessThan(vip!['asa']!.base);
    expect(standard!['asa']!.plan).toBeGreaterThan(standard!['asa']!.base);
    expect(priority.byGroup).toBeUndefined();
    const text = await compare('scenarios/assicurazioni-vip.yaml', '-r', '4', '--workers', '1', '--lang', 'en');
    expect(text.stdout).toMatch(/^Caller type +Abandoned +Service level +ASA +Lost margin +Δ lost margin +95% CI$/m);
    expect(text.stdout).toMatch(/^vip +\d+\.\d% → \d+\.\d% /m);

    const routing = await compare('scenarios/elettronica-reparti.yaml', '-r', '3', '--workers', '1', '-f', 'json', '--lang', 'en');
    expect(routing.code).toBe(0);
    const [overflow, hire] = (JSON.parse(routing.stdout) as { plans: Plan[] }).plans;
    const technicians = overflow!.byGroup!.find((segment) => segment.id === 'tecnici')!;
    expect(technicians['overflowAnswered']!.base).toBe(0);
    expect(technicians['overflowAnswered']!.plan).toBeGreaterThan(100);
    expect(technicians['occupancy']!.plan).toBeGreaterThan(technicians['occupancy']!.base);
    expect(hire!.byGroup!.find((segment) => segment.id === 'vendite')!['answered']!.plan).toBeGreaterThan(hire!.byGroup![0]!['answered']!.base);
  });
});
