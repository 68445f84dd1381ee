/**
 * Golden outputs of the report's Markdown, CSV and JSON for the bundled Bottega Rossi plans
 * (3 replications, English, with the training fixture), and the escaping of user text.
 */
import { describe, expect, it } from 'vitest';
import { reportToHtml } from '../../src/report/html/page.ts';
import { reportToCsv } from '../../src/report/reportCsv.ts';
import { reportToJson } from '../../src/report/reportJson.ts';
import { reportToMarkdown } from '../../src/report/reportMarkdown.ts';
import { buildReport, INJECTED_FIXTURE } from './build.ts';

describe('report formats (golden)', async () => {
  const model = await buildReport('scenarios/bottega-piani.yaml', { replications: 3, language: 'en', training: true });

  it('Markdown', async () => {
    const markdown = reportToMarkdown(model);
    expect(markdown).toMatch(/^# Phone service report: Bottega Rossi\n/);
    expect(markdown).toContain('\n## In short\n\nYou lose about €');
    await expect(markdown).toMatchFileSnapshot('golden/bottega-piani.en.md');
  });

  it('CSV', async () => {
    const csv = reportToCsv(model);
    expect(csv.split('\n')[0]).toBe('section,item,figure,unit,mean,low,high');
    await expect(csv).toMatchFileSnapshot('golden/bottega-piani.csv');
  });

  it('JSON', async () => {
    const json = reportToJson(model);
    const data = JSON.parse(json) as { version: number; summary: { yearlyLoss: { mean: number } }; plans: Array<{ paybackMonths: unknown }> };
    expect(data.version).toBe(1);
    expect(data.summary.yearlyLoss.mean).toBe(model.summary.yearlyLoss.mean);
    await expect(json).toMatchFileSnapshot('golden/bottega-piani.json');
  });

  it('Italian Markdown speaks Italian', async () => {
    const italian = reportToMarkdown(await buildReport('scenarios/bottega-piani.yaml', { replications: 2, plans: ['tre-persone'] }));
    expect(italian).toMatch(/^# Rapporto sul servizio telefonico: Bottega Rossi\n/);
    expect(italian).toMatch(/\nPerdete circa [\d.]+\s€ all'anno \(IC 95% [\d.]+\s€ … [\d.]+\s€\): circa \d+ chiamate a settimana restano senza risposta/);
    expect(italian).toMatch(/\n\| tre-persone \| [+-][\d.]+\s€ \|/);
    expect(italian).toMatch(/\nCosto una tantum: 3520\s€ \(1 × 4 settimane × 40 h di inserimento retribuito\)\.\n/);
  });
});

/** Tag names the page itself uses; anything else would have come from user text. */
const OWN_TAGS = new Set(
  'html head meta title style body header p h1 h2 h3 h4 nav a main section div span figure figcaption svg g rect line text polyline circle table thead tbody tr th td footer'.split(' '),
);

describe('user text is escaped', async () => {
  const model = await buildReport(INJECTED_FIXTURE, { language: 'en' });
  const html = reportToHtml(model);

  it('HTML: no tag, attribute or handler comes from the scenario name, description or plan', () => {
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => match[1]!.toLowerCase()));
    expect([...tags].filter((tag) => !OWN_TAGS.has(tag))).toEqual([]);
    // Attribute values are quoted and their quotes escaped: outside them, no event handler.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co | Rossi</h1>');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;alert(&#39;description&#39;)&lt;/script&gt;&lt;p onclick=alert(3)&gt;');
    expect(html).toContain('data-plan="&lt;img src=x onerror=alert(&#39;plan&#39;)&gt;"');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(4)&gt;');
    // Even if something slipped through, the page forbids scripts.
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('Markdown: HTML characters become entities and | cannot split a cell', () => {
    const markdown = reportToMarkdown(model);
    expect(markdown).not.toMatch(/<(script|img|svg|p)\b/);
    expect(markdown).toContain('# Phone service report: &lt;script&gt;alert(\'name\')&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co \\| Rossi');
    expect(markdown).toMatch(/\n\| &lt;img src=x onerror=alert\('plan'\)&gt; \| [+-]€/);
  });

  it('CSV: quotes and formula-like text are neutralised; JSON stays valid', () => {
    const csv = reportToCsv(model);
    expect(csv).toContain("\nplan,<img src=x onerror=alert('plan')>,netPerYear,money,");
    const evil = reportToCsv({ ...model, plans: model.plans.map((plan) => ({ ...plan, name: '=HYPERLINK("x","y")' })) });
    expect(evil).toContain('\nplan,"\'=HYPERLINK(""x"",""y"")",netPerYear,money,');
    expect((JSON.parse(reportToJson(model)) as { title: string }).title).toBe(`<script>alert('name')</script>"><img src=x onerror=alert(1)> & Co | Rossi`);
  });
});
