#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  sortChecks
} from "./chunk-ANBSLUPX.js";
import {
  STATUS_SYMBOL,
  STATUS_WORD,
  formatCount,
  formatNumber,
  formatValue
} from "./chunk-CYBZZBR3.js";
import {
  countByStatus
} from "./chunk-CW2BNLPJ.js";
import "./chunk-EFS5GV5K.js";

// src/render/html.ts
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// src/render/charts.ts
var STATUS_COLOR = { fail: "#cf222e", warn: "#bf8700", pass: "#1a7f37", skip: "#6e7781" };
var SERIES_COLOR = ["#8c959f", "#0969da", "#bf3989", "#1a7f37"];
var WIDTH = 560;
var FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "brier", "ece", "rmse", "mae", "mape"]);
var BASE = {
  background: "white",
  config: { font: FONT, view: { stroke: "#d0d7de" }, axis: { labelLimit: 220 }, title: { anchor: "start", fontSize: 14 } }
};
function num(c, key) {
  const v = c.details?.[key];
  return typeof v === "number" && Number.isFinite(v) ? v : void 0;
}
function statusScale(statuses) {
  const domain = [...new Set(statuses)];
  return { domain, range: domain.map((s) => STATUS_COLOR[s]) };
}
function groupedBars(s, id) {
  const values = s.labels.flatMap(
    (label, i) => s.series.map((series) => ({ bin: label, series: series.name, share: series.values[i] ?? 0, order: i }))
  );
  const names = s.series.map((x) => x.name);
  return {
    id,
    title: s.title,
    caption: names.length > 1 ? `${names.join(" and ")} side by side per bin; a bin whose bars differ is where the distributions part.` : `${names[0] ?? "value"} per ${s.xLabel ?? "bin"}.`,
    spec: {
      ...BASE,
      title: s.title,
      width: WIDTH,
      height: 220,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x: { field: "bin", type: "nominal", sort: s.labels, title: s.xLabel ?? null, axis: { labelAngle: -40 } },
        xOffset: { field: "series", sort: names },
        y: { field: "share", type: "quantitative", title: s.yLabel ?? null },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: names, range: SERIES_COLOR.slice(0, names.length) },
          legend: { title: null, orient: "top" }
        }
      }
    }
  };
}
function intervals(checks, name) {
  const out = [];
  for (const c of checks) {
    const delta = num(c, "delta");
    const lo = num(c, "ci_low");
    const hi = num(c, "ci_high");
    if (delta === void 0 || lo === void 0 || hi === void 0) continue;
    out.push({ name: name(c), delta, lo, hi, status: c.status });
  }
  return out;
}
function intervalChart(id, title, caption, rows, yTitle) {
  const y = { field: "name", type: "nominal", sort: rows.map((r) => r.name), title: yTitle };
  return {
    id,
    title,
    caption,
    spec: {
      ...BASE,
      title,
      width: WIDTH,
      height: Math.max(60, rows.length * 26),
      data: { values: rows },
      layer: [
        // The zero line spans the whole height: it has no y of its own.
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: "rule", color: "#57606a", strokeDash: [4, 3] },
          encoding: { x: { field: "zero", type: "quantitative" } }
        },
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            y,
            x: { field: "lo", type: "quantitative", title: "candidate \u2212 baseline (95% CI)" },
            x2: { field: "hi" },
            color: {
              field: "status",
              type: "nominal",
              scale: statusScale(rows.map((r) => r.status)),
              legend: { title: null, orient: "top" }
            }
          }
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: { y, x: { field: "delta", type: "quantitative" }, color: { field: "status", type: "nominal" } }
        }
      ]
    }
  };
}
function latencyChart(checks) {
  const values = [];
  for (const c of checks) {
    if (!c.id.startsWith("latency.")) continue;
    const where = c.id.slice("latency.".length).replace(/_/g, " ");
    for (const p of ["p50", "p95", "p99"]) {
      const cand = num(c, `${p}_ms`);
      const base = num(c, `baseline_${p}_ms`);
      if (cand !== void 0) values.push({ at: `${where} ${p}`, model: "candidate", ms: cand });
      if (base !== void 0) values.push({ at: `${where} ${p}`, model: "baseline", ms: base });
    }
  }
  if (values.length === 0) return void 0;
  const models = [...new Set(values.map((v) => v.model))].sort();
  return {
    id: "latency",
    title: "Latency (ms)",
    caption: "Percentiles of single inference calls, candidate next to baseline: a tail (p99) far above p95 means occasional stalls.",
    spec: {
      ...BASE,
      title: "Latency (ms)",
      width: WIDTH,
      height: 200,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x: { field: "at", type: "nominal", sort: null, title: null, axis: { labelAngle: 0 } },
        xOffset: { field: "model", sort: models },
        y: { field: "ms", type: "quantitative", title: "milliseconds" },
        color: {
          field: "model",
          type: "nominal",
          scale: { domain: models, range: SERIES_COLOR.slice(0, models.length) },
          legend: { title: null, orient: "top" }
        }
      }
    }
  };
}
function sliceName(c) {
  const rest = c.id.slice("slice.".length);
  const dot = rest.lastIndexOf(".");
  return dot > 0 ? rest.slice(0, dot) : rest;
}
function metricOf(c) {
  return c.id.slice(c.id.lastIndexOf(".") + 1);
}
function reportCharts(report) {
  const charts = [];
  const metrics = intervals(
    report.checks.filter((c) => c.id.startsWith("metric.")),
    metricOf
  );
  if (metrics.length) {
    charts.push(
      intervalChart(
        "metric-ci",
        "Metric change with 95% confidence interval",
        "Each dot is the candidate's metric minus the baseline's on the same rows, the bar its 95% interval; an interval that does not cross the dashed zero line is a real change (for log_loss, brier and ece lower is better).",
        metrics,
        "metric"
      )
    );
  }
  const sliceChecks = report.checks.filter((c) => c.id.startsWith("slice."));
  const slices = intervals(sliceChecks, (c) => `${sliceName(c)} (${metricOf(c)})`);
  if (slices.length) {
    const lowerBetter = sliceChecks.some((c) => LOWER_IS_BETTER.has(metricOf(c)));
    slices.sort((a, b) => lowerBetter ? b.delta - a.delta : a.delta - b.delta);
    charts.push(
      intervalChart(
        "slice-ci",
        "Slices, worst first",
        "Candidate minus baseline on each slice's rows with its 95% interval, the slice that lost most on top.",
        slices,
        "slice"
      )
    );
  }
  const latency = latencyChart(report.checks);
  if (latency) charts.push(latency);
  let n = 0;
  for (const s of report.sections ?? []) {
    if (s.kind !== "bar-chart") continue;
    if (slices.length && s.series.length === 1) continue;
    charts.push(groupedBars(s, `chart-${++n}`));
  }
  return charts;
}
async function renderChartSvg(spec, warnings = []) {
  const [{ compile }, { parse, View }] = await Promise.all([import("./build-7SKYL4GT.js"), import("./vega.module-JZWRM43T.js")]);
  const logger = quietLogger(warnings);
  const view = new View(parse(compile(spec, { logger }).spec), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
function quietLogger(into) {
  let level = 2;
  const keep = (...args) => {
    into.push(args.map(String).join(" "));
  };
  const logger = {
    level(n) {
      if (n === void 0) return level;
      level = n;
      return logger;
    },
    error(...args) {
      keep(...args);
      return logger;
    },
    warn(...args) {
      keep(...args);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    }
  };
  return logger;
}

// src/render/html.ts
var MAX_TABLE_ROWS = 1e3;
var CSS = `
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
var HTML_ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(value) {
  const s = value === null || value === void 0 ? "" : String(value);
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? c);
}
function cell(v) {
  return escapeHtml(typeof v === "number" ? formatNumber(v) : formatValue(v));
}
function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
function examples(c) {
  return (c.examples ?? []).map((e) => {
    const where = e.line !== void 0 ? `line ${e.line}` : escapeHtml(e.where);
    const value = e.value !== void 0 ? cell(e.value) : "";
    return where && value ? `${where}: ${value}` : where || value;
  }).join("<br>");
}
function checksTable(checks, id) {
  const hasColumn = checks.some((c) => c.column !== void 0);
  const hasRows = checks.some((c) => c.failedRows !== void 0 || (c.examples?.length ?? 0) > 0);
  const head = ["", "Check", ...hasColumn ? ["Column"] : [], "Observed", "Expected", ...hasRows ? ["Rows", "Examples"] : []];
  const rows = checks.map((c) => {
    const observed = cell(c.observed) + (c.message ? `<div class="note">${escapeHtml(c.message)}</div>` : "");
    return `<tr class="check ${c.status}" data-check="${escapeHtml(c.id)}"><td class="${c.status}" title="${c.status}">${STATUS_SYMBOL[c.status]}</td><td>${escapeHtml(c.title)}<div class="id">${escapeHtml(c.id)}</div></td>${hasColumn ? `<td>${escapeHtml(c.column)}</td>` : ""}<td class="num">${observed}</td><td class="num">${cell(c.expected)}</td>${hasRows ? `<td class="num">${c.failedRows !== void 0 ? formatCount(c.failedRows) : ""}</td><td>${examples(c)}</td>` : ""}</tr>`;
  });
  return `<table id="${id}"><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}
function sectionHtml(s, gate) {
  const head = `<h3>${escapeHtml(s.title)}</h3>`;
  switch (s.kind) {
    case "table": {
      const shown = s.rows.slice(0, MAX_TABLE_ROWS);
      const align = s.align ?? [];
      const body = shown.map((r) => `<tr>${r.map((v, i) => `<td${align[i] === "r" ? ' class="num"' : ""}>${cell(v)}</td>`).join("")}</tr>`).join("\n");
      const cut = s.rows.length > shown.length ? `<p class="note">\u2026 ${formatCount(s.rows.length - shown.length)} more rows in the JSON report.</p>` : "";
      const note = s.note ? `<p class="note">${escapeHtml(s.note)}</p>` : "";
      return `${head}
<table id="${gate}-${slug(s.title)}"><thead><tr>${s.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>
${body}
</tbody></table>${cut}${note}`;
    }
    case "text":
      return `${head}
<p>${escapeHtml(s.text)}</p>`;
    case "bar-chart":
      return "";
  }
}
async function figure(chart, gate) {
  const svg = await renderChartSvg(chart.spec);
  return `<figure id="${gate}-${chart.id}" class="chart" aria-label="${escapeHtml(chart.title)}">${svg}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}
async function gateHtml(report) {
  const name = report.name ? `mlgate/${report.gate} (${report.name})` : `mlgate/${report.gate}`;
  const counts = countByStatus(report.checks);
  const parts = [
    `<h2 class="${report.status}">${STATUS_SYMBOL[report.status]} ${escapeHtml(name)} ${STATUS_WORD[report.status]}</h2>`,
    `<p class="summary">${escapeHtml(report.summary)}</p>`
  ];
  if (report.error) parts.push(`<p class="error">${escapeHtml(report.error)}</p>`);
  if (report.checks.length) {
    parts.push(
      `<p class="counts">${counts.fail} failed \xB7 ${counts.warn} warnings \xB7 ${counts.pass} passed \xB7 ${counts.skip} skipped</p>`
    );
  }
  const charts = reportCharts(report);
  for (const c of charts) parts.push(await figure(c, report.gate));
  const sorted = sortChecks(report.checks);
  const open = sorted.filter((c) => c.status === "fail" || c.status === "warn");
  const folded = sorted.filter((c) => c.status === "pass" || c.status === "skip");
  if (open.length) parts.push(`<h3>Failed and warning checks</h3>
${checksTable(open, `${report.gate}-failures`)}`);
  if (folded.length) {
    const what = [counts.pass ? `${counts.pass} passed` : "", counts.skip ? `${counts.skip} skipped` : ""].filter(Boolean).join(" \xB7 ");
    parts.push(`<details><summary>${what}</summary>
${checksTable(folded, `${report.gate}-passed`)}
</details>`);
  }
  for (const s of report.sections ?? []) parts.push(sectionHtml(s, report.gate));
  const subjects = report.subjects ?? (report.subject ? [report.subject] : []);
  const footer = subjects.map((s) => `<code>${escapeHtml(s.path)}</code> sha256 <code>${escapeHtml(s.sha256)}</code>`);
  parts.push(`<footer>${[escapeHtml(report.provenance.tool), ...footer].join(" \xB7 ")}</footer>`);
  return `<section class="gate" id="gate-${report.gate}${report.name ? `-${slug(report.name)}` : ""}">
${parts.filter(Boolean).join("\n")}
</section>`;
}
function overview(reports) {
  const rows = reports.map(
    (r) => `<tr><td class="${r.status}">${STATUS_SYMBOL[r.status]} ${STATUS_WORD[r.status]}</td><td>mlgate/${r.gate}</td><td>${escapeHtml(r.summary)}</td></tr>`
  );
  return `<table id="overview"><thead><tr><th>Verdict</th><th>Gate</th><th>Summary</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}
async function renderHtml(reports) {
  const title = reports.length === 1 ? `mlgate/${reports[0].gate} ${STATUS_WORD[reports[0].status]}` : "mlgate report";
  const styleHash = createHash("sha256").update(CSS).digest("base64");
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const sections = [];
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
    "</html>"
  ].filter((l) => l !== "").join("\n").concat("\n");
}
async function writeHtmlReport(reports, file) {
  const html = await renderHtml(reports);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}
export {
  escapeHtml,
  renderHtml,
  writeHtmlReport
};
