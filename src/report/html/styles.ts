/** The report's stylesheet: inline, system fonts only (nothing fetched), print-friendly. */
export const REPORT_CSS = `
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --brand: #1e3a5f; --accent: #0f766e; --loss: #b91c1c; --gain: #15803d; --paper: #ffffff; --bg: #f3f4f6; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); font-size: 15px; line-height: 1.5; }
body { margin: 0; }
header.cover { background: linear-gradient(135deg, #1e3a5f 0%, #0f766e 100%); color: #fff; padding: 36px 48px 28px; }
header.cover .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 12px; opacity: .8; margin: 0 0 6px; }
header.cover h1 { margin: 0 0 8px; font-size: 30px; font-weight: 700; }
header.cover p { margin: 0; max-width: 900px; opacity: .92; }
header.cover .meta { margin-top: 14px; font-size: 13px; opacity: .8; }
nav.toc { display: flex; flex-wrap: wrap; row-gap: 4px; background: #fff; border-bottom: 1px solid var(--line); padding: 10px 48px; font-size: 13px; position: sticky; top: 0; z-index: 1; }
nav.toc a { color: var(--brand); text-decoration: none; margin-right: 18px; white-space: nowrap; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px; margin: 0 0 22px; break-inside: avoid-page; }
section h2 { margin: 0 0 14px; font-size: 20px; color: var(--brand); }
section h3 { margin: 20px 0 8px; font-size: 16px; }
section h4 { margin: 16px 0 6px; font-size: 14px; color: #374151; }
.summary p { font-size: 16px; margin: 0 0 10px; }
.summary p.lead { font-size: 19px; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 14px; margin: 18px 0 4px; }
.card { border: 1px solid var(--line); border-left: 4px solid var(--brand); border-radius: 8px; padding: 12px 14px; background: #fafafa; }
.card.loss { border-left-color: var(--loss); }
.card.ok { border-left-color: var(--gain); }
.card .label { font-size: 12.5px; color: var(--muted); font-weight: 600; }
.card .value { font-size: 23px; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .range { font-size: 12px; color: var(--muted); }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 22px; }
@media (max-width: 980px) { .grid2 { grid-template-columns: 1fr; } }
figure { margin: 0 0 12px; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
svg.chart { width: 100%; height: auto; display: block; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; background: #f9fafb; font-weight: 600; color: #374151; }
table.numeric td:not(:first-child), table.numeric th:not(:first-child) { text-align: right; }
table.numeric td:not(:first-child) { white-space: nowrap; }
table.numeric td:first-child { white-space: nowrap; }
td.source { color: var(--muted); white-space: nowrap; font-size: 12.5px; }
td.setting, td.value { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
td.setting { white-space: nowrap; }
td.meaning { color: #4b5563; }
.note { color: var(--muted); font-size: 13px; }
.plan { border-top: 1px solid var(--line); padding-top: 6px; margin-top: 16px; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; }
.pill.yes { background: #dcfce7; color: var(--gain); }
.pill.no { background: #f3f4f6; color: var(--muted); }
footer { text-align: center; color: var(--muted); font-size: 12px; padding: 0 0 30px; }
@media print { html { background: #fff; } nav.toc { display: none; } section { border: none; padding: 0; } main { padding: 0 12mm; } header.cover { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;
