/**
 * The HTML report in a real headless browser: Debian's chromium driven by playwright-core
 * (nothing downloaded; install it with tools/install-chromium.sh). Checks the charts and
 * figures are there and equal the JSON, that the page logs no error and fetches nothing, that
 * injected names stay text, and saves screenshots to test-artifacts/.
 *
 * Without chromium the test is skipped with the reason printed, unless
 * CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 (CI), which makes a missing chromium a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/report/format.ts';
import { reportToHtml } from '../../src/report/html/page.ts';
import { reportToJson } from '../../src/report/reportJson.ts';
import type { ReportModel } from '../../src/report/reportModel.ts';
import { buildReport, INJECTED_FIXTURE } from './build.ts';

const executablePath = process.env.CALLFLOOR_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.CALLFLOOR_REQUIRE_SYSTEM_TOOLS === '1';
const available = existsSync(executablePath);
const ARTIFACTS = resolve('test-artifacts');

if (!available) {
  const reason = `no chromium at ${executablePath} (run tools/install-chromium.sh, or set CALLFLOOR_CHROMIUM)`;
  if (required) throw new Error(`browser test failed: ${reason}; CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 requires it`);
  console.warn(`browser test skipped: ${reason}`);
}

/** Flags for a closed network: no background fetches that would log refused connections. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Visit {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

describe.skipIf(!available)('the HTML report in chromium', () => {
  let context: BrowserContext;
  let profile: string;
  let pages: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'callfloor-chromium-'));
    pages = mkdtempSync(join(tmpdir(), 'callfloor-pages-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    // A fresh profile each run (launchPersistentContext passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(pages, { recursive: true, force: true });
  });

  async function visit(name: string, html: string): Promise<Visit> {
    const file = join(pages, name);
    writeFileSync(file, html);
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  it('shows every chart and figure, equal to the JSON, with no console error and no fetch', async () => {
    const model = await buildReport('scenarios/bottega-piani.yaml', { replications: 3, language: 'en', training: true });
    const json = JSON.parse(reportToJson(model)) as ReportModel;
    const { page, errors, requests } = await visit('bottega.html', reportToHtml(model));

    const charts = await page.$$eval('svg[data-chart]', (nodes) => nodes.map((node) => node.getAttribute('data-chart')));
    expect(charts).toEqual([
      'calls-by-interval',
      'calls-over-days',
      'waiting-times',
      'abandonment-curve',
      'queue-length',
      'service-level',
      'cost-waterfall',
      'abandonment-by-caller-type',
      'plans-net-benefit',
      'training-scores',
    ]);
    const count = (selector: string): Promise<number> => page.locator(selector).count();
    const intervals = json.intervals.length;
    expect(intervals).toBe(16);
    expect(await count('svg[data-chart="calls-by-interval"] rect.bar')).toBe(intervals * 3);
    expect(await count('svg[data-chart="service-level"] rect.bar')).toBe(intervals);
    expect(await page.getAttribute('svg[data-chart="service-level"] line.target', 'data-value')).toBe('0.8');
    expect(await count('svg[data-chart="calls-over-days"] polyline.line')).toBe(2);
    expect(await page.getAttribute('svg[data-chart="calls-over-days"] polyline.line', 'data-points')).toBe(String(json.week.length));
    expect(await count('svg[data-chart="waiting-times"] rect.bar')).toBe(json.waits.bins.length * 2);
    expect(await count('svg[data-chart="abandonment-curve"] circle.point')).toBe(json.abandonment.length * 2);
    expect(await count('svg[data-chart="cost-waterfall"] .step.missing')).toBe(2);
    expect(await count('svg[data-chart="plans-net-benefit"] g.whisker')).toBe(3);
    expect(await page.locator('svg[data-chart="queue-length"]').getAttribute('aria-label')).toBe('Callers waiting per interval: average and most at once');

    // Bar values are the model's: the service level of 11:00 and the waterfall total.
    const slAt11 = json.intervals.find((row) => row.start === '11:00')!.serviceLevel;
    expect(Number(await page.getAttribute('svg[data-chart="service-level"] rect.bar[data-category="11:00"]', 'data-value'))).toBe(slAt11);
    const total = json.costs.reduce((sum, cost) => sum + (cost.perYear?.mean ?? 0), 0);
    expect(Number(await page.getAttribute('svg[data-chart="cost-waterfall"] rect.total', 'data-value'))).toBeCloseTo(total, 6);
    expect(await page.textContent('svg[data-chart="cost-waterfall"] .step.total text')).toBe(formatMoney(total, 'EUR', 'en'));

    // The € figures on the page are the JSON's.
    const yearly = page.locator('[data-figure="yearlyLoss"]');
    expect(Number(await yearly.getAttribute('data-value'))).toBe(json.summary.yearlyLoss.mean);
    expect(await yearly.locator('.value').textContent()).toBe(formatMoney(json.summary.yearlyLoss.mean, 'EUR', 'en'));
    const overview = await page.$$eval('table.plans-overview tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    expect(overview.map((row) => [row[0], row[1]])).toEqual(
      json.plans.map((plan) => [plan.name, (plan.netPerYear.mean > 0 ? '+' : plan.netPerYear.mean < 0 ? '-' : '') + formatMoney(Math.abs(plan.netPerYear.mean), 'EUR', 'en')]),
    );
    expect(await page.textContent('section#summary p.lead')).toMatch(/^You lose about €[\d,]+ a year \(95% CI €[\d,]+ … €[\d,]+\): about \d+ calls a week go unanswered/);
    expect(await count('table.assumptions tbody tr')).toBe(json.assumptions.length);

    // Per caller type: the table's rows and figures are the JSON's, the chart has a bar per type
    // now and with each plan that changes something (coda-lunga never does for these callers).
    expect(json.callerTypes.map((row) => row.id)).toEqual(['acquirente', 'cliente-ordine', 'reclamo']);
    const types = await page.$$eval('section#caller-types table.caller-types tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    expect(types.map((row) => [row[0], row[6]])).toEqual(json.callerTypes.map((row) => [row.id, formatMoney(row.lostMarginPerYear.mean, 'EUR', 'en')]));
    expect(await page.isVisible('section#caller-types table.caller-types')).toBe(true);
    expect(await count('svg[data-chart="abandonment-by-caller-type"] rect.bar')).toBe(3 * 3);
    expect(Number(await page.getAttribute('svg[data-chart="abandonment-by-caller-type"] rect.bar[data-series="Now"][data-category="reclamo"]', 'data-value'))).toBe(
      json.callerTypes[2]!.abandonmentRate.mean,
    );
    expect(await count('.plan table.plan-caller-types')).toBe(2);
    expect(await page.textContent('nav.toc')).toContain('Per caller type');
    await page.locator('section#caller-types').screenshot({ path: join(ARTIFACTS, 'report-caller-types.png') });
    expect(await count('table.trainees tbody tr')).toBe(2);

    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('shows injected names as text: no script runs, no image loads, no dialog opens', async () => {
    const model = await buildReport(INJECTED_FIXTURE, { language: 'en' });
    const { page, errors, requests } = await visit('injected.html', reportToHtml(model));
    expect(await page.textContent('h1')).toBe(`<script>alert('name')</script>"><img src=x onerror=alert(1)> & Co | Rossi`);
    expect(await page.textContent('header.cover p:not(.kicker):not(.meta)')).toBe(`</p><script>alert('description')</script><p onclick=alert(3)>`);
    expect(await page.title()).toBe(`Phone service report: ${model.title}`);
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('svg:not([data-chart]) ').count()).toBe(0);
    expect(await page.getAttribute('.plan', 'data-plan')).toBe(`<img src=x onerror=alert('plan')>`);
    await page.screenshot({ path: join(ARTIFACTS, 'report-injected.png') });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });
});
