import { markdownTable } from "markdown-table";
import type { Check, Report, Section } from "../core/report.js";
import { countByStatus } from "../core/report.js";
import { escapeMarkdown, escapeMermaidLabel } from "./escape.js";
import { formatCount, formatNumber, formatValue, SEVERITY, STATUS_SYMBOL, STATUS_WORD } from "./format.js";

export interface MarkdownOptions {
  /** Maximum size in UTF-8 bytes (GitHub: 65,536 for a comment, 65,535 for a check summary). */
  budget?: number;
  /** Where the full report lives, for the truncation notice. */
  artifactUrl?: string;
  /** Check run name shown in the heading, e.g. `mlgate/data (shard 1)`. */
  title?: string;
  /** Heading level of the title (2 in comments and summaries). */
  level?: number;
}

export const GITHUB_BODY_LIMIT = 65_536;

const MAX_EXAMPLES_IN_CELL = 3;

function examplesCell(c: Check): string {
  const ex = c.examples ?? [];
  const shown = ex.slice(0, MAX_EXAMPLES_IN_CELL).map((e) => {
    const where = e.line !== undefined ? `line ${e.line}` : e.where !== undefined ? escapeMarkdown(e.where, 40) : "";
    const value = e.value !== undefined ? escapeMarkdown(formatValue(e.value), 40) : "";
    return where && value ? `${where}: ${value}` : where || value;
  });
  if (ex.length > MAX_EXAMPLES_IN_CELL) shown.push(`+${ex.length - MAX_EXAMPLES_IN_CELL} more`);
  return shown.join("<br>");
}

function moreRows(n: number, artifactUrl?: string): string {
  const where = artifactUrl ? `[full report in the artifact](${artifactUrl})` : "full report in the artifact";
  return `… ${formatCount(n)} more rows — ${where}`;
}

function table(
  headers: string[],
  rows: string[][],
  align: ("l" | "r" | "c")[] | undefined,
  limit: number,
  artifactUrl?: string,
): string {
  const shown = rows.slice(0, limit);
  let out = markdownTable([headers, ...shown], { align: align ?? null, alignDelimiters: false });
  if (rows.length > shown.length) out += `\n\n${moreRows(rows.length - shown.length, artifactUrl)}`;
  return out;
}

export function sortChecks(checks: readonly Check[]): Check[] {
  return [...checks].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status]);
}

function checkRows(checks: readonly Check[], hasColumn: boolean, hasRows: boolean): string[][] {
  return checks.map((c) => {
    const title = `${escapeMarkdown(c.title, 120)}<br><sub>${escapeMarkdown(c.id, 80)}</sub>`;
    const observed =
      escapeMarkdown(formatValue(c.observed), 80) + (c.message ? `<br><sub>${escapeMarkdown(c.message, 200)}</sub>` : "");
    return [
      STATUS_SYMBOL[c.status],
      title,
      ...(hasColumn ? [escapeMarkdown(c.column ?? "", 60)] : []),
      observed,
      escapeMarkdown(formatValue(c.expected), 80),
      ...(hasRows ? [c.failedRows !== undefined ? String(c.failedRows) : "", examplesCell(c)] : []),
    ];
  });
}

/**
 * Failures and warnings in the open, worst first; passing and skipped checks folded in `<details>`
 * below them. `limit` rows in all, failures first: under a tight budget the folded rows go first.
 */
function checksTable(report: Report, limit: number, artifactUrl?: string): string {
  if (report.checks.length === 0) return "";
  const hasColumn = report.checks.some((c) => c.column !== undefined);
  const hasRows = report.checks.some((c) => c.failedRows !== undefined || (c.examples?.length ?? 0) > 0);
  const headers = [
    "",
    "Check",
    ...(hasColumn ? ["Column"] : []),
    "Observed",
    "Expected",
    ...(hasRows ? ["Rows", "Examples"] : []),
  ];
  const align: ("l" | "r" | "c")[] = [
    "c",
    "l",
    ...(hasColumn ? ["l" as const] : []),
    "r",
    "r",
    ...(hasRows ? ["r" as const, "l" as const] : []),
  ];
  const sorted = sortChecks(report.checks);
  const open = sorted.filter((c) => c.status === "fail" || c.status === "warn");
  const folded = sorted.filter((c) => c.status === "pass" || c.status === "skip");
  const parts: string[] = [];
  if (open.length) parts.push(table(headers, checkRows(open, hasColumn, hasRows), align, limit, artifactUrl));
  if (folded.length) {
    const counts = countByStatus(folded);
    const what = [
      counts.pass ? `${formatCount(counts.pass)} passed` : "",
      counts.skip ? `${formatCount(counts.skip)} skipped` : "",
    ]
      .filter(Boolean)
      .join(" · ");
    const room = Math.max(0, limit - open.length);
    const body =
      room > 0
        ? table(headers, checkRows(folded, hasColumn, hasRows), align, room, artifactUrl)
        : moreRows(folded.length, artifactUrl);
    // Blank lines around the table: GitHub renders Markdown inside <details> only when separated.
    parts.push(`<details><summary>${what}</summary>\n\n${body}\n\n</details>`);
  }
  return parts.join("\n\n");
}

function mermaidChart(s: Extract<Section, { kind: "bar-chart" }>): string {
  const labels = s.labels.map((l) => `"${escapeMermaidLabel(l, 24)}"`).join(", ");
  const lines = ["```mermaid", "xychart-beta", `  title "${escapeMermaidLabel(s.title, 60)}"`, `  x-axis [${labels}]`];
  if (s.yLabel) lines.push(`  y-axis "${escapeMermaidLabel(s.yLabel)}"`);
  s.series.forEach((series, i) => {
    const values = series.values.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0)).join(", ");
    lines.push(`  ${i === 0 ? "bar" : "line"} [${values}]`);
  });
  lines.push("```");
  const legend = s.series.map((x, i) => `${i === 0 ? "bars" : "line"}: ${escapeMarkdown(x.name, 40)}`).join(" · ");
  return `${lines.join("\n")}\n\n<sub>${legend}</sub>`;
}

function section(s: Section, limit: number, artifactUrl?: string): string {
  const head = `### ${escapeMarkdown(s.title, 120)}`;
  switch (s.kind) {
    case "table": {
      const rows = s.rows.map((r) => r.map((v) => escapeMarkdown(typeof v === "number" ? formatNumber(v) : formatValue(v), 80)));
      const note = s.note ? `\n\n<sub>${escapeMarkdown(s.note, 400)}</sub>` : "";
      return `${head}\n\n${table(
        s.headers.map((h) => escapeMarkdown(h, 60)),
        rows,
        s.align,
        limit,
        artifactUrl,
      )}${note}`;
    }
    case "bar-chart":
      return `${head}\n\n${mermaidChart(s)}`;
    case "text":
      return `${head}\n\n${escapeMarkdown(s.text, 4000)}`;
  }
}

function render(report: Report, opts: MarkdownOptions, limit: number, withCharts: boolean): string {
  const level = "#".repeat(opts.level ?? 2);
  const name = opts.title ?? `mlgate/${report.gate}`;
  const counts = countByStatus(report.checks);
  const parts = [
    `${level} ${STATUS_SYMBOL[report.status]} ${escapeMarkdown(name, 100)} ${STATUS_WORD[report.status]}`,
    `**${escapeMarkdown(report.summary, 500)}**`,
  ];
  if (report.checks.length > 0) {
    parts.push(`${counts.fail} failed · ${counts.warn} warnings · ${counts.pass} passed · ${counts.skip} skipped`);
    parts.push(checksTable(report, limit, opts.artifactUrl));
  }
  for (const s of report.sections ?? []) {
    if (s.kind === "bar-chart" && !withCharts) continue;
    parts.push(section(s, limit, opts.artifactUrl));
  }
  const subjects = report.subjects ?? (report.subject ? [report.subject] : []);
  const footer = subjects.map((s) => `\`${escapeMarkdown(s.path, 100)}\` sha256 ${s.sha256.slice(0, 12)}`).join(" · ");
  parts.push(`<sub>${escapeMarkdown(report.provenance.tool)}${footer ? ` · ${footer}` : ""}</sub>`);
  return parts.join("\n\n") + "\n";
}

const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/**
 * The report as GitHub-flavoured Markdown that fits `budget` bytes: long tables are cut, and say so,
 * before anything else is dropped.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const budget = opts.budget ?? GITHUB_BODY_LIMIT;
  let limit = Number.MAX_SAFE_INTEGER;
  let out = render(report, opts, limit, true);
  if (bytes(out) <= budget) return out;
  const longest = Math.max(report.checks.length, ...(report.sections ?? []).map((s) => (s.kind === "table" ? s.rows.length : 0)));
  for (limit = Math.min(longest, 1000); limit >= 0; limit = limit > 10 ? Math.floor(limit * 0.7) : limit - 1) {
    out = render(report, opts, limit, limit > 0);
    if (bytes(out) <= budget) return out;
  }
  // Even an empty table does not fit: cut the text itself at a character boundary.
  const notice = `\n\n${moreRows(report.checks.length, opts.artifactUrl)}\n`;
  const buf = Buffer.from(out, "utf8").subarray(0, Math.max(0, budget - bytes(notice)));
  return buf.toString("utf8").replace(/\uFFFD+$/, "") + notice;
}
