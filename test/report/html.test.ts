/** The page and its chart functions without a browser: markup, escaping, axis steps, long runs. */
import { describe, expect, it } from 'vitest';
import { barChart, niceTicks, waterfallChart } from '../../src/report/html/charts.ts';
import { escapeHtml, html, raw } from '../../src/report/html/markup.ts';
import { reportToHtml } from '../../src/report/html/page.ts';
import { consultantReport } from '../../src/report/consultantReport.ts';
import { DEFAULT_REPORT_SETTINGS } from '../../src/report/reportModel.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';

describe('markup', () => {
  it('escapes interpolated text and attributes, keeps markup, drops null/false', () => {
    const name = `"><img src=x onerror=alert(1)>&'`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;</p>');
    expect(html`<div>${[html`<b>${'<i>'}</b>`, 'x', null, false, undefined, 2.345]}</div>`.text).toBe('<div><b>&lt;i&gt;</b>x2.35</div>');
    expect(html`${raw('<br>')}`.text).toBe('<br>');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });
});

describe('charts', () => {
  it('axis steps are 1, 2, 2.5 or 5 × 10ⁿ and cover the range', () => {
    expect(niceTicks(0, 13)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0, 12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 231_798)).toEqual([0, 50_000, 100_000, 150_000, 200_000, 250_000]);
    expect(niceTicks(-5_713, 58_690)).toEqual([-20_000, 0, 20_000, 40_000, 60_000]);
  });

  it('stacked bars: one rect per series and category, the stack as tall as the sum', () => {
    const svg = barChart({
      id: 'test',
      title: 'Test <chart>',
      format: String,
      stacked: true,
      categories: ['a', 'b'],
      series: [
        { name: 'x', values: [1, 2], color: '#000' },
        { name: 'y', values: [3, 2], color: '#111' },
      ],
    }).text;
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(4);
    expect(svg).toContain('aria-label="Test &lt;chart&gt;"');
    const heights = [...svg.matchAll(/data-category="a" data-value="(\d)" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[3]));
    // Both bars of "a" (1 and 3) reach 4 of a 0–4 axis: heights in ratio 1:3.
    expect(heights[1]! / heights[0]!).toBeCloseTo(3, 1);
  });

  it('waterfall: steps add up to the total bar; missing steps are labelled, not drawn', () => {
    const svg = waterfallChart({
      id: 'w',
      title: 'w',
      format: (value) => `€${value}`,
      totalLabel: 'Total',
      missingLabel: 'not modelled',
      steps: [
        { label: 'Staff', value: 100, color: '#000' },
        { label: 'Lost', value: 50, color: '#f00' },
        { label: 'Customers', value: 0, color: '#f00', missing: true },
      ],
    }).text;
    expect(svg).toContain('class="bar total" data-series="Total" data-value="150"');
    expect(svg).toContain('>not modelled</text>');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
  });
});

describe('long runs', () => {
  it('more than 14 days: the week chart shows one point a day', async () => {
    const loaded = await loadScenarioFile('scenarios/bottega.yaml');
    if (!loaded.ok) throw new Error('does not load');
    const scenario = { ...loaded.scenario, run: { ...loaded.scenario.run, days: 20, replications: 1 } };
    const page = reportToHtml(consultantReport({ scenario, source: loaded.source, settings: { ...DEFAULT_REPORT_SETTINGS, language: 'en' } }));
    expect(page).toMatch(/data-chart="calls-over-days"[^>]*aria-label="Calls offered and answered per day"/);
    expect(page).toMatch(/<polyline class="line" data-series="Offered" data-points="20"/);
    expect(page).toContain('<p class="meta">20 simulated days · 1 replication · seed 2026 · 2 agents · 95% CI</p>');
  });
});
