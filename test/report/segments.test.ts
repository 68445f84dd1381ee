/**
 * The report per caller type and per agent group: the model's figures are the run's (exactly,
 * scaled as stated) and add up to the whole-run figures, the plans' segments are the
 * comparison's, the sentences say who waits and whose sales are lost, and every format shows
 * the rows. Scenarios: the bundled skill-routing electronics shop (two types, two groups, two
 * plans) and the insurer with VIP clients (priority plan).
 */
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/report/format.ts';
import { reportToHtml } from '../../src/report/html/page.ts';
import { consultantReport } from '../../src/report/consultantReport.ts';
import { reportToCsv } from '../../src/report/reportCsv.ts';
import { reportToJson } from '../../src/report/reportJson.ts';
import { reportToMarkdown } from '../../src/report/reportMarkdown.ts';
import { DEFAULT_REPORT_SETTINGS, type CallerTypeRow, type ReportModel } from '../../src/report/reportModel.ts';
import { callerTypeSentences, callerTypesTable, groupsTable, planCallerTypeSentence } from '../../src/report/reportSegments.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/sim/run.ts';
import { buildReport } from './build.ts';

const ROUTING = 'scenarios/elettronica-reparti.yaml';

async function scenarioOf(file: string, replications: number) {
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return { ...loaded.scenario, run: { ...loaded.scenario.run, replications } };
}

describe('per caller type and per agent group (skill-based routing)', async () => {
  const model = await buildReport(ROUTING, { replications: 2, language: 'en' });
  const scenario = await scenarioOf(ROUTING, 2);
  const result = runScenario(scenario);
  const perWeek = scenario.money.openDaysPerYear / 52 / scenario.run.days;
  const perYear = scenario.money.openDaysPerYear / scenario.run.days;

  it('has one row per caller type with the run figures, exactly, counts a week and money a year', () => {
    expect(model.callerTypes.map((row) => row.id)).toEqual(['acquirente', 'cliente']);
    expect(result.byCallerType).toHaveLength(2);
    model.callerTypes.forEach((row, t) => {
      const kpis = result.byCallerType[t]!;
      expect(row.configuredShare).toBe(scenario.callerTypes[t]!.share);
      expect(row.offeredPerWeek.mean).toBe(kpis.offered.mean * perWeek);
      expect(row.offeredPerWeek.high).toBe((kpis.offered.mean + kpis.offered.halfWidth) * perWeek);
      expect(row.answeredPerWeek.mean).toBe(kpis.answered.mean * perWeek);
      expect(row.abandonmentRate.mean).toBe(kpis.abandonmentRate.mean);
      expect(row.blockingRate.mean).toBe(kpis.blockingRate.mean);
      expect(row.serviceLevel.mean).toBe(kpis.serviceLevel.mean);
      expect(row.asa).toEqual({ mean: kpis.asa.mean, low: Math.max(0, kpis.asa.mean - kpis.asa.halfWidth), high: kpis.asa.mean + kpis.asa.halfWidth });
      expect(row.lostMarginPerYear.mean).toBe(kpis.lostMargin.mean * perYear);
      expect(row.share).toBe(kpis.offered.mean / (result.byCallerType[0]!.offered.mean + result.byCallerType[1]!.offered.mean));
    });
    // Buyers are 70% of first calls; with their calls made again a little more of all calls.
    expect(model.callerTypes[0]!.share).toBeGreaterThan(0.68);
    expect(model.callerTypes[0]!.share).toBeLessThan(0.72);
  });

  it('caller types add up to the whole run: calls, and the lost margin a year', () => {
    const sum = (pick: (row: CallerTypeRow) => number): number => model.callerTypes.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.share)).toBeCloseTo(1, 12);
    expect(sum((row) => row.offeredPerWeek.mean)).toBeCloseTo(model.summary.offeredPerWeek.mean, 6);
    expect(sum((row) => row.lostMarginPerYear.mean)).toBeCloseTo(model.summary.yearlyLostMargin.mean, 4);
    // Only buyers have sales to lose.
    expect(model.callerTypes[1]!.lostMarginPerYear).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('has one row per agent group: people, calls, overflow, occupancy, and staff cost at the group rate', () => {
    expect(model.groups.map((row) => [row.id, row.people, row.costPerHour])).toEqual([
      ['vendite', 3, 26],
      ['tecnici', 4, 30],
    ]);
    model.groups.forEach((row, g) => {
      const group = result.byGroup[g]!;
      expect(row.answeredPerWeek.mean).toBe(group.answered.mean * perWeek);
      expect(row.overflowPerWeek.mean).toBe(group.overflowAnswered.mean * perWeek);
      expect(row.occupancy.mean).toBe(group.occupancy.mean);
      expect(row.staffCostPerYear.mean).toBe(group.paidHours.mean * (row.costPerHour * perYear));
    });
    // Paid in opening hours (09–13, 14–19): sales, 3 people all 9 hours; technicians, 2 on
    // 09–15 (5 open hours) and 2 on 12–19 (6 open hours).
    expect(model.groups[0]!.staffCostPerYear.mean).toBeCloseTo(3 * 9 * 26 * 300, 6);
    expect(model.groups[1]!.staffCostPerYear.mean).toBeCloseTo((2 * 5 + 2 * 6) * 30 * 300, 6);
    // The groups' staff costs are the run's staff cost; every answered call was answered by a group.
    expect(model.groups.reduce((total, row) => total + row.staffCostPerYear.mean, 0)).toBeCloseTo(model.costs[0]!.perYear!.mean, 4);
    const answered = model.groups.reduce((total, row) => total + row.answeredPerWeek.mean, 0);
    expect(answered).toBeCloseTo(model.callerTypes.reduce((total, row) => total + row.answeredPerWeek.mean, 0), 6);
    // Without a plan nothing overflows: each department answers only its own callers.
    expect(model.groups.map((row) => row.overflowPerWeek.mean)).toEqual([0, 0]);
  });

  it('says who waits longest, who hangs up most and that all the lost margin is the buyers\'', () => {
    const [buyers, customers] = model.callerTypes;
    const longest = buyers!.asa.mean > customers!.asa.mean ? buyers! : customers!;
    const sentences = callerTypeSentences(model);
    expect(sentences[0]).toMatch(new RegExp(`^"${longest.id}" callers wait longest: \\d+ s on average before an answer, against \\d+ s for "\\w+"; [\\d.]+% of them hang up\\.$`));
    expect(sentences[sentences.length - 1]).toMatch(/^All the lost margin comes from "acquirente" callers: €[\d,]+ a year, from 70% of the calls\.$/);
    const table = groupsTable(model);
    expect(table.header).toEqual(['Agent group', 'People', 'Answered a week', 'Of which by overflow', 'Occupancy', 'Staff cost a year']);
    expect(table.rows[0]!.slice(0, 2)).toEqual(['vendite', '3']);
  });
});

describe('plans per caller type and per agent group', async () => {
  const model = await buildReport(ROUTING, { replications: 2, language: 'en', plans: ['trabocco', 'un-venditore-in-piu'] });
  const [overflow, hire] = model.plans;

  it('compares each caller type and group now → with the plan, now being the base run', () => {
    expect(overflow!.byCallerType.map((segment) => segment.id)).toEqual(['acquirente', 'cliente']);
    expect(overflow!.byGroup.map((segment) => [segment.id, segment.people])).toEqual([
      ['vendite', { base: 3, plan: 3 }],
      ['tecnici', { base: 4, plan: 4 }],
    ]);
    expect(hire!.byGroup.map((segment) => segment.people)).toEqual([
      { base: 3, plan: 4 },
      { base: 4, plan: 4 },
    ]);
    for (const plan of model.plans) {
      plan.byCallerType.forEach((segment, t) => {
        const row = model.callerTypes[t]!;
        const figure = (key: string) => segment.figures.find((candidate) => candidate.key === key)!;
        expect(figure('abandonmentRate').base).toBe(row.abandonmentRate.mean);
        expect(figure('asa').base).toBe(row.asa.mean);
        expect(figure('lostMargin').base).toBe(row.lostMarginPerYear.mean);
        expect(figure('lostMargin').difference.mean).toBeCloseTo(figure('lostMargin').plan - figure('lostMargin').base, 4);
      });
      plan.byGroup.forEach((segment, g) => {
        expect(segment.figures.find((figure) => figure.key === 'answered')!.base).toBe(model.groups[g]!.answeredPerWeek.mean);
        expect(segment.figures.find((figure) => figure.key === 'occupancy')!.base).toBe(model.groups[g]!.occupancy.mean);
      });
    }
    // With overflow the technicians answer buyers, and only by overflow.
    const technicians = overflow!.byGroup[1]!.figures.find((figure) => figure.key === 'overflowAnswered')!;
    expect(technicians.base).toBe(0);
    expect(technicians.plan).toBeGreaterThan(0);
  });

  it('costs the onboarding of a new salesperson at the sales group rate (4 weeks × 40 h × €26)', () => {
    expect(hire!.addedAgents).toBe(1);
    expect(hire!.oneOffCost).toBe(4 * 40 * 26);
    expect(hire!.oneOffSource).toBe('onboarding');
    expect(overflow!.oneOffCost).toBeNull();
  });

  it('shows the sections and the plan tables in HTML, Markdown, CSV and JSON', () => {
    const page = reportToHtml(model);
    expect(page).toContain('<a href="#caller-types">Per caller type</a><a href="#groups">Per agent group</a><a href="#plans">');
    expect(page.indexOf('<section id="caller-types">')).toBeGreaterThan(page.indexOf('<section id="costs">'));
    expect(page.indexOf('<section id="groups">')).toBeLessThan(page.indexOf('<section id="plans">'));
    const rows = (className: string): string[] => {
      const start = page.indexOf(`<table class="numeric ${className}">`);
      expect(start).toBeGreaterThan(0);
      const table = page.slice(start, page.indexOf('</table>', start));
      return [...table.matchAll(/<tr><td class="">([^<]*)<\/td>/g)].map((match) => match[1]!);
    };
    expect(rows('caller-types')).toEqual(['acquirente', 'cliente']);
    expect(rows('groups')).toEqual(['vendite', 'tecnici']);
    expect(page.match(/<table class="numeric plan-caller-types">/g)).toHaveLength(2);
    expect(page.match(/<table class="numeric plan-groups">/g)).toHaveLength(2);
    expect(page).toContain('<td class="">3 → 4</td>');
    const buyers = callerTypesTable(model).rows[0]!;
    expect(page).toContain(`<tr><td class="">acquirente</td>${buyers.slice(1).map((cell) => `<td class="">${cell.replaceAll('&', '&amp;')}</td>`).join('')}</tr>`);
    // The chart: hang-up share per type, now and with each plan.
    const chart = page.slice(page.indexOf('data-chart="abandonment-by-caller-type"'));
    const bars = [...chart.slice(0, chart.indexOf('</svg>')).matchAll(/<rect class="bar" data-series="([^"]+)" data-category="([^"]+)" data-value="([^"]+)"/g)];
    expect(bars.map((bar) => `${bar[1]}/${bar[2]}`)).toEqual([
      'Now/acquirente', 'trabocco/acquirente', 'un-venditore-in-piu/acquirente',
      'Now/cliente', 'trabocco/cliente', 'un-venditore-in-piu/cliente',
    ]);
    expect(Number(bars[0]![3])).toBe(model.callerTypes[0]!.abandonmentRate.mean);
    expect(Number(bars[1]![3])).toBe(overflow!.byCallerType[0]!.figures.find((figure) => figure.key === 'abandonmentRate')!.plan);

    const markdown = reportToMarkdown(model);
    expect(markdown).toContain('\n## Per caller type\n');
    expect(markdown).toContain('\n## Per agent group\n');
    expect(markdown).toMatch(/\n\| vendite \| 3 \| [\d,]+ \| 0 \| \d+% \| €[\d,]+ \|\n/);
    expect(markdown).toMatch(/\n\| tecnici \| 4 → 4 \| [\d,]+ → [\d,]+ \| 0 → [\d,]+ \| [\d.]+% → [\d.]+% \|\n/);
    expect(markdown.match(/\*\*Per caller type, now → with the plan\*\*/g)).toHaveLength(2);

    const csv = reportToCsv(model);
    expect(csv).toContain('\ngroup,vendite,people,count,3,,\n');
    expect(csv).toContain('\ngroup,vendite,costPerHour,money,26,,\n');
    expect(csv).toContain(`\ncallerType,acquirente,abandonmentRate,rate,${model.callerTypes[0]!.abandonmentRate.mean},`);
    expect(csv).toContain('\nplanGroup,un-venditore-in-piu,vendite.people.plan,count,4,,\n');
    expect(csv).toMatch(/\nplanCallerType,trabocco,acquirente\.lostMargin\.difference,money,-[\d.]+,-?[\d.]+,-?[\d.]+\n/);

    const json = JSON.parse(reportToJson(model)) as ReportModel;
    expect(json.callerTypes).toEqual(model.callerTypes);
    expect(json.groups).toEqual(model.groups);
    expect(json.plans[1]!.byGroup[0]!.people).toEqual({ base: 3, plan: 4 });
  });

  it('speaks Italian in Italian', () => {
    const page = reportToHtml({ ...model, language: 'it' });
    expect(page).toContain('<a href="#caller-types">Per tipo di chiamante</a><a href="#groups">Per gruppo di operatori</a>');
    expect(page).toContain('<h4>Per tipo di chiamante, oggi → con il piano</h4>');
    expect(page).toContain('<th>Tipo di chiamante</th><th>Quota delle chiamate</th><th>Chiamate a settimana</th><th>Riagganciate</th>');
    expect(page).toContain('<th>Gruppo</th><th>Persone</th><th>Risposte a settimana</th><th>Di cui da trabocco</th><th>Occupazione</th><th>Costo del personale all&#39;anno</th>');
    expect(page).toMatch(/<p>Tutto il margine perso viene dai chiamanti &quot;acquirente&quot;: [\d.]+\s€ all&#39;anno, con il \d+% delle chiamate\.<\/p>/);
  });

  it('sums up each plan per caller type in a sentence', () => {
    expect(planCallerTypeSentence(overflow!, model)).toMatch(
      /^With this plan, "acquirente" callers wait \d+ s → \d+ s, lost margin -€[\d,]+ a year \((not )?significant\); "cliente" callers wait \d+ s → (\d+ s|1 min \d\d s), with no margin lost\.$/,
    );
  });
});

/** The base model with these caller-type rows (everything else as built). */
function withTypes(model: ReportModel, rows: ReadonlyArray<Partial<CallerTypeRow> & { id: string }>): ReportModel {
  const zero = { mean: 0, low: 0, high: 0 };
  const base: CallerTypeRow = {
    id: '',
    configuredShare: 0.5,
    share: 0.5,
    offeredPerWeek: zero,
    answeredPerWeek: zero,
    abandonmentRate: zero,
    blockingRate: zero,
    serviceLevel: zero,
    asa: zero,
    lostMarginPerYear: zero,
  };
  return { ...model, callerTypes: rows.map((row) => ({ ...base, ...row })) };
}

describe('the sentences per caller type', async () => {
  const english = await buildReport('scenarios/bottega.yaml', { replications: 2, language: 'en' });
  const italian = { ...english, language: 'it' as const };
  const range = (mean: number, halfWidth = 0) => ({ mean, low: mean - halfWidth, high: mean + halfWidth });
  const vip = { id: 'vip', share: 0.15, asa: range(12, 2), abandonmentRate: range(0.2), lostMarginPerYear: range(30_000) };
  const standard = { id: 'standard', share: 0.85, asa: range(30, 3), abandonmentRate: range(0.1), lostMarginPerYear: range(10_000) };

  it('English and Italian: who waits, who hangs up, whose margin is lost', () => {
    expect(callerTypeSentences(withTypes(english, [vip, standard]))).toEqual([
      '"standard" callers wait longest: 30 s on average before an answer, against 12 s for "vip"; 10.0% of them hang up.',
      '"vip" callers hang up most often (20.0%).',
      'Most of the lost margin comes from "vip" callers: €30,000 of €40,000 a year (75%), from 15% of the calls.',
    ]);
    expect(callerTypeSentences(withTypes(italian, [vip, standard]))).toEqual([
      'Aspettano di più i chiamanti "standard": in media 30 s prima della risposta, contro 12 s per "vip"; il 10,0% di loro riaggancia.',
      'Riagganciano più spesso i chiamanti "vip" (20,0%).',
      `La maggior parte del margine perso viene dai chiamanti "vip": ${formatMoney(30_000, 'EUR', 'it')} su ${formatMoney(40_000, 'EUR', 'it')} all'anno (75%), con il 15% delle chiamate.`,
    ]);
  });

  it('overlapping intervals, nobody waiting, nothing lost', () => {
    const close = [
      { ...vip, asa: range(28, 4) },
      { ...standard, abandonmentRate: range(0.3) },
    ];
    expect(callerTypeSentences(withTypes(english, close)).slice(0, 2)).toEqual([
      '"standard" callers wait longest: 30 s on average before an answer, against 28 s for "vip"; 30.0% of them hang up.',
      'The intervals of the two longest waits overlap: the difference may be chance.',
    ]);
    const calm = [
      { ...vip, asa: range(0.2), abandonmentRate: range(0), lostMarginPerYear: range(0) },
      { ...standard, asa: range(0.1), abandonmentRate: range(0), lostMarginPerYear: range(0) },
    ];
    expect(callerTypeSentences(withTypes(english, calm))).toEqual(['No caller type waits: calls are answered at once.', 'No margin is lost to unanswered calls.']);
    expect(callerTypeSentences(withTypes(italian, calm))).toEqual([
      'Nessun tipo di chiamante aspetta: le chiamate hanno risposta subito.',
      'Nessun margine è perso per chiamate senza risposta.',
    ]);
  });
});

describe('one caller type, no groups', () => {
  it('has neither section, in any format', async () => {
    const scenario = await scenarioOf('scenarios/bottega.yaml', 1);
    const single = { ...scenario, callerTypes: [{ ...scenario.callerTypes[0]!, share: 1 }] };
    const model = consultantReport({ scenario: single, settings: { ...DEFAULT_REPORT_SETTINGS, language: 'en' } });
    expect(model.callerTypes).toEqual([]);
    expect(model.groups).toEqual([]);
    const page = reportToHtml(model);
    expect(page).not.toContain('caller-types');
    expect(page).not.toContain('id="groups"');
    expect(page).not.toContain('abandonment-by-caller-type');
    expect(reportToMarkdown(model)).not.toContain('Per caller type');
    expect(reportToCsv(model)).not.toMatch(/\n(callerType|group),/);
  });
});
