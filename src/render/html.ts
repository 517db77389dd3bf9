/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG (rendered by Vega in
 * Node, see charts.ts), no script, and a Content-Security-Policy that lets the page load nothing from
 * anywhere (`default-src 'none'`; the one <style> block is allowed by its hash). Opened from a
 * downloaded artifact or the demo's mlgate-report/index.html, it shows what the PR comment shows,
 * uncut, with the pictures a comment cannot carry.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Check, Report, Scalar, Section } from "../core/report.js";
import { countByStatus } from "../core/report.js";
import { reportCharts, renderChartSvg, type Chart } from "./charts.js";
import { formatCount, formatNumber, formatValue, STATUS_SYMBOL, STATUS_WORD } from "./format.js";
import { sortChecks } from "./markdown.js";

/** Rows of one section table shown in the page; the JSON report has them all. */
const MAX_TABLE_ROWS = 1000;

const CSS = `
:root { color-scheme: light; --fail: #cf222e; --warn: #9a6700; --pass: #1a7f37; --skip: #6e7781; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0 auto; padding: 24px; max-width: 1100px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 32px 0 4px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
.summary { font-weight: 600; margin: 4px 0; }
.counts { color: #57606a; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.id, .note, figcaption, footer { color: #57606a; font-size: 12px; }
.fail { color: var(--fail); } .warn { color: var(--warn); } .pass { color: var(--pass); } .skip, .error { color: var(--skip); }
.error { color: var(--fail); }
details { margin: 8px 0; } summary { cursor: pointer; }
figure { margin: 12px 0 20px; } figure svg { max-width: 100%; height: auto; }
code { font: 12px ui-monospace, monospace; }
`;

const HTML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Untrusted text (data values, column names, file names) as inert HTML text or attribute value. */
export function escapeHtml(value: Scalar | undefined): string {
  const s = value === null || value === undefined ? "" : String(value);
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}

function cell(v: Scalar | undefined): string {
  return escapeHtml(typeof v === "number" ? formatNumber(v) : formatValue(v));
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function examples(c: Check): string {
  return (c.examples ?? [])
    .map((e) => {
      const where = e.line !== undefined ? `line ${e.line}` : escapeHtml(e.where);
      const value = e.value !== undefined ? cell(e.value) : "";
      return where && value ? `${where}: ${value}` : where || value;
    })
    .join("<br>");
}

function checksTable(checks: Check[], id: string): string {
  const hasColumn = checks.some((c) => c.column !== undefined);
  const hasRows = checks.some((c) => c.failedRows !== undefined || (c.examples?.length ?? 0) > 0);
  const head = ["", "Check", ...(hasColumn ? ["Column"] : []), "Observed", "Expected", ...(hasRows ? ["Rows", "Examples"] : [])];
  const rows = checks.map((c) => {
    const observed = cell(c.observed) + (c.message ? `<div class="note">${escapeHtml(c.message)}</div>` : "");
    return `<tr class="check ${c.status}" data-check="${escapeHtml(c.id)}"><td class="${c.status}" title="${c.status}">${STATUS_SYMBOL[c.status]}</td><td>${escapeHtml(c.title)}<div class="id">${escapeHtml(c.id)}</div></td>${hasColumn ? `<td>${escapeHtml(c.column)}</td>` : ""}<td class="num">${observed}</td><td class="num">${cell(c.expected)}</td>${hasRows ? `<td class="num">${c.failedRows !== undefined ? formatCount(c.failedRows) : ""}</td><td>${examples(c)}</td>` : ""}</tr>`;
  });
  return `<table id="${id}"><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function sectionHtml(s: Section, gate: string): string {
  const head = `<h3>${escapeHtml(s.title)}</h3>`;
  switch (s.kind) {
    case "table": {
      const shown = s.rows.slice(0, MAX_TABLE_ROWS);
      const align = s.align ?? [];
      const body = shown
        .map((r) => `<tr>${r.map((v, i) => `<td${align[i] === "r" ? ' class="num"' : ""}>${cell(v)}</td>`).join("")}</tr>`)
        .join("\n");
      const cut =
        s.rows.length > shown.length
          ? `<p class="note">… ${formatCount(s.rows.length - shown.length)} more rows in the JSON report.</p>`
          : "";
      const note = s.note ? `<p class="note">${escapeHtml(s.note)}</p>` : "";
      return `${head}\n<table id="${gate}-${slug(s.title)}"><thead><tr>${s.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>\n${body}\n</tbody></table>${cut}${note}`;
    }
    case "text":
      return `${head}\n<p>${escapeHtml(s.text)}</p>`;
    case "bar-chart":
      return ""; // drawn with the charts
  }
}

async function figure(chart: Chart, gate: string): Promise<string> {
  const svg = await renderChartSvg(chart.spec);
  return `<figure id="${gate}-${chart.id}" class="chart" aria-label="${escapeHtml(chart.title)}">${svg}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}

async function gateHtml(report: Report): Promise<string> {
  const name = report.name ? `mlgate/${report.gate} (${report.name})` : `mlgate/${report.gate}`;
  const counts = countByStatus(report.checks);
  const parts = [
    `<h2 class="${report.status}">${STATUS_SYMBOL[report.status]} ${escapeHtml(name)} ${STATUS_WORD[report.status]}</h2>`,
    `<p class="summary">${escapeHtml(report.summary)}</p>`,
  ];
  if (report.error) parts.push(`<p class="error">${escapeHtml(report.error)}</p>`);
  if (report.checks.length) {
    parts.push(
      `<p class="counts">${counts.fail} failed · ${counts.warn} warnings · ${counts.pass} passed · ${counts.skip} skipped</p>`,
    );
  }
  const charts = reportCharts(report);
  for (const c of charts) parts.push(await figure(c, report.gate));
  const sorted = sortChecks(report.checks);
  const open = sorted.filter((c) => c.status === "fail" || c.status === "warn");
  const folded = sorted.filter((c) => c.status === "pass" || c.status === "skip");
  if (open.length) parts.push(`<h3>Failed and warning checks</h3>\n${checksTable(open, `${report.gate}-failures`)}`);
  if (folded.length) {
    const what = [counts.pass ? `${counts.pass} passed` : "", counts.skip ? `${counts.skip} skipped` : ""]
      .filter(Boolean)
      .join(" · ");
    parts.push(`<details><summary>${what}</summary>\n${checksTable(folded, `${report.gate}-passed`)}\n</details>`);
  }
  for (const s of report.sections ?? []) parts.push(sectionHtml(s, report.gate));
  const subjects = report.subjects ?? (report.subject ? [report.subject] : []);
  const footer = subjects.map((s) => `<code>${escapeHtml(s.path)}</code> sha256 <code>${escapeHtml(s.sha256)}</code>`);
  parts.push(`<footer>${[escapeHtml(report.provenance.tool), ...footer].join(" · ")}</footer>`);
  return `<section class="gate" id="gate-${report.gate}${report.name ? `-${slug(report.name)}` : ""}">\n${parts.filter(Boolean).join("\n")}\n</section>`;
}

function overview(reports: Report[]): string {
  const rows = reports.map(
    (r) =>
      `<tr><td class="${r.status}">${STATUS_SYMBOL[r.status]} ${STATUS_WORD[r.status]}</td><td>mlgate/${r.gate}</td><td>${escapeHtml(r.summary)}</td></tr>`,
  );
  return `<table id="overview"><thead><tr><th>Verdict</th><th>Gate</th><th>Summary</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

/** The reports (one gate, or the demo's three) as one HTML page. */
export async function renderHtml(reports: Report[]): Promise<string> {
  const title = reports.length === 1 ? `mlgate/${reports[0]!.gate} ${STATUS_WORD[reports[0]!.status]}` : "mlgate report";
  const styleHash = createHash("sha256").update(CSS).digest("base64");
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const sections: string[] = [];
  for (const r of reports) sections.push(await gateHtml(r));
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    reports.length > 1 ? overview(reports) : "",
    ...sections,
    "</body>",
    "</html>",
  ]
    .filter((l) => l !== "")
    .join("\n")
    .concat("\n");
}

/** Writes the page to `file` (folders created). */
export async function writeHtmlReport(reports: Report[], file: string): Promise<void> {
  const html = await renderHtml(reports);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}
