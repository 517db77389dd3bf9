#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  SEVERITY,
  STATUS_SYMBOL,
  STATUS_WORD,
  formatCount,
  formatNumber,
  formatValue
} from "./chunk-CYBZZBR3.js";
import {
  countByStatus
} from "./chunk-CW2BNLPJ.js";

// src/render/escape.ts
var ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "`": "&#96;",
  "\\": "&#92;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "~": "&#126;",
  "#": "&#35;",
  "!": "&#33;",
  ":": "&#58;"
};
function escapeMarkdown(value, maxChars = 200) {
  let s = value === null || value === void 0 ? "" : typeof value === "string" ? value : String(value);
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "\u2026";
  const raw = s;
  s = raw.replace(
    /[&<>"|`\\*_[\]~#!:@]/g,
    (c, at) => c === "@" ? mentions(raw, at) ? "@&#8203;" : "@" : ENTITY[c] ?? c
  );
  s = s.replace(/\r\n|\r|\n/g, "\u21B5");
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\uFFFD");
  return s;
}
function mentions(raw, at) {
  return /[A-Za-z0-9]/.test(raw[at + 1] ?? "") && !/\w/.test(raw[at - 1] ?? "");
}
function escapeMermaidLabel(value, maxChars = 40) {
  let s = value.replace(/["`\\]/g, "'").replace(/<(?=[A-Za-z/!?])/g, "\u2039").replace(/[\r\n]+/g, " ");
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "\u2026";
  return s;
}
function escapeTerminal(value, maxChars = 120) {
  let s = value === null || value === void 0 ? "" : String(value);
  s = s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\r\n|\r|\n/g, "\u21B5");
  s = s.replace(/[\u0000-\u001f\u007f]/g, "\uFFFD");
  if ([...s].length > maxChars) s = [...s].slice(0, maxChars - 1).join("") + "\u2026";
  return s;
}

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table2, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table2.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table2[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table2[rowIndex].length;
    }
    while (++columnIndex2 < table2[rowIndex].length) {
      const cell = serialize(table2[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code = typeof value === "string" ? value.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

// src/render/markdown.ts
var GITHUB_BODY_LIMIT = 65536;
var MAX_EXAMPLES_IN_CELL = 3;
function examplesCell(c) {
  const ex = c.examples ?? [];
  const shown = ex.slice(0, MAX_EXAMPLES_IN_CELL).map((e) => {
    const where = e.line !== void 0 ? `line ${e.line}` : e.where !== void 0 ? escapeMarkdown(e.where, 40) : "";
    const value = e.value !== void 0 ? escapeMarkdown(formatValue(e.value), 40) : "";
    return where && value ? `${where}: ${value}` : where || value;
  });
  if (ex.length > MAX_EXAMPLES_IN_CELL) shown.push(`+${ex.length - MAX_EXAMPLES_IN_CELL} more`);
  return shown.join("<br>");
}
function moreRows(n, artifactUrl) {
  const where = artifactUrl ? `[full report in the artifact](${artifactUrl})` : "full report in the artifact";
  return `\u2026 ${formatCount(n)} more rows \u2014 ${where}`;
}
function table(headers, rows, align, limit, artifactUrl) {
  const shown = rows.slice(0, limit);
  let out = markdownTable([headers, ...shown], { align: align ?? null, alignDelimiters: false });
  if (rows.length > shown.length) out += `

${moreRows(rows.length - shown.length, artifactUrl)}`;
  return out;
}
function sortChecks(checks) {
  return [...checks].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status]);
}
function checkRows(checks, hasColumn, hasRows) {
  return checks.map((c) => {
    const title = `${escapeMarkdown(c.title, 120)}<br><sub>${escapeMarkdown(c.id, 80)}</sub>`;
    const observed = escapeMarkdown(formatValue(c.observed), 80) + (c.message ? `<br><sub>${escapeMarkdown(c.message, 200)}</sub>` : "");
    return [
      STATUS_SYMBOL[c.status],
      title,
      ...hasColumn ? [escapeMarkdown(c.column ?? "", 60)] : [],
      observed,
      escapeMarkdown(formatValue(c.expected), 80),
      ...hasRows ? [c.failedRows !== void 0 ? String(c.failedRows) : "", examplesCell(c)] : []
    ];
  });
}
function checksTable(report, limit, artifactUrl) {
  if (report.checks.length === 0) return "";
  const hasColumn = report.checks.some((c) => c.column !== void 0);
  const hasRows = report.checks.some((c) => c.failedRows !== void 0 || (c.examples?.length ?? 0) > 0);
  const headers = [
    "",
    "Check",
    ...hasColumn ? ["Column"] : [],
    "Observed",
    "Expected",
    ...hasRows ? ["Rows", "Examples"] : []
  ];
  const align = [
    "c",
    "l",
    ...hasColumn ? ["l"] : [],
    "r",
    "r",
    ...hasRows ? ["r", "l"] : []
  ];
  const sorted = sortChecks(report.checks);
  const open = sorted.filter((c) => c.status === "fail" || c.status === "warn");
  const folded = sorted.filter((c) => c.status === "pass" || c.status === "skip");
  const parts = [];
  if (open.length) parts.push(table(headers, checkRows(open, hasColumn, hasRows), align, limit, artifactUrl));
  if (folded.length) {
    const counts = countByStatus(folded);
    const what = [
      counts.pass ? `${formatCount(counts.pass)} passed` : "",
      counts.skip ? `${formatCount(counts.skip)} skipped` : ""
    ].filter(Boolean).join(" \xB7 ");
    const room = Math.max(0, limit - open.length);
    const body = room > 0 ? table(headers, checkRows(folded, hasColumn, hasRows), align, room, artifactUrl) : moreRows(folded.length, artifactUrl);
    parts.push(`<details><summary>${what}</summary>

${body}

</details>`);
  }
  return parts.join("\n\n");
}
function mermaidChart(s) {
  const labels = s.labels.map((l) => `"${escapeMermaidLabel(l, 24)}"`).join(", ");
  const lines = ["```mermaid", "xychart-beta", `  title "${escapeMermaidLabel(s.title, 60)}"`, `  x-axis [${labels}]`];
  if (s.yLabel) lines.push(`  y-axis "${escapeMermaidLabel(s.yLabel)}"`);
  s.series.forEach((series, i) => {
    const values = series.values.map((v) => Number.isFinite(v) ? Number(v.toPrecision(4)) : 0).join(", ");
    lines.push(`  ${i === 0 ? "bar" : "line"} [${values}]`);
  });
  lines.push("```");
  const legend = s.series.map((x, i) => `${i === 0 ? "bars" : "line"}: ${escapeMarkdown(x.name, 40)}`).join(" \xB7 ");
  return `${lines.join("\n")}

<sub>${legend}</sub>`;
}
function section(s, limit, artifactUrl) {
  const head = `### ${escapeMarkdown(s.title, 120)}`;
  switch (s.kind) {
    case "table": {
      const rows = s.rows.map((r) => r.map((v) => escapeMarkdown(typeof v === "number" ? formatNumber(v) : formatValue(v), 80)));
      const note = s.note ? `

<sub>${escapeMarkdown(s.note, 400)}</sub>` : "";
      return `${head}

${table(
        s.headers.map((h) => escapeMarkdown(h, 60)),
        rows,
        s.align,
        limit,
        artifactUrl
      )}${note}`;
    }
    case "bar-chart":
      return `${head}

${mermaidChart(s)}`;
    case "text":
      return `${head}

${escapeMarkdown(s.text, 4e3)}`;
  }
}
function render(report, opts, limit, withCharts) {
  const level = "#".repeat(opts.level ?? 2);
  const name = opts.title ?? `mlgate/${report.gate}`;
  const counts = countByStatus(report.checks);
  const parts = [
    `${level} ${STATUS_SYMBOL[report.status]} ${escapeMarkdown(name, 100)} ${STATUS_WORD[report.status]}`,
    `**${escapeMarkdown(report.summary, 500)}**`
  ];
  if (report.checks.length > 0) {
    parts.push(`${counts.fail} failed \xB7 ${counts.warn} warnings \xB7 ${counts.pass} passed \xB7 ${counts.skip} skipped`);
    parts.push(checksTable(report, limit, opts.artifactUrl));
  }
  for (const s of report.sections ?? []) {
    if (s.kind === "bar-chart" && !withCharts) continue;
    parts.push(section(s, limit, opts.artifactUrl));
  }
  const subjects = report.subjects ?? (report.subject ? [report.subject] : []);
  const footer = subjects.map((s) => `\`${escapeMarkdown(s.path, 100)}\` sha256 ${s.sha256.slice(0, 12)}`).join(" \xB7 ");
  parts.push(`<sub>${escapeMarkdown(report.provenance.tool)}${footer ? ` \xB7 ${footer}` : ""}</sub>`);
  return parts.join("\n\n") + "\n";
}
var bytes = (s) => Buffer.byteLength(s, "utf8");
function renderMarkdown(report, opts = {}) {
  const budget = opts.budget ?? GITHUB_BODY_LIMIT;
  let limit = Number.MAX_SAFE_INTEGER;
  let out = render(report, opts, limit, true);
  if (bytes(out) <= budget) return out;
  const longest = Math.max(report.checks.length, ...(report.sections ?? []).map((s) => s.kind === "table" ? s.rows.length : 0));
  for (limit = Math.min(longest, 1e3); limit >= 0; limit = limit > 10 ? Math.floor(limit * 0.7) : limit - 1) {
    out = render(report, opts, limit, limit > 0);
    if (bytes(out) <= budget) return out;
  }
  const notice = `

${moreRows(report.checks.length, opts.artifactUrl)}
`;
  const buf = Buffer.from(out, "utf8").subarray(0, Math.max(0, budget - bytes(notice)));
  return buf.toString("utf8").replace(/\uFFFD+$/, "") + notice;
}

export {
  escapeMarkdown,
  escapeTerminal,
  GITHUB_BODY_LIMIT,
  sortChecks,
  renderMarkdown
};
