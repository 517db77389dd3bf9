import type { Report, Section } from "../core/report.js";
import { countByStatus } from "../core/report.js";
import { escapeTerminal } from "./escape.js";
import { formatNumber, formatValue, STATUS_SYMBOL, STATUS_WORD } from "./format.js";
import { sortChecks } from "./markdown.js";

export interface TerminalOptions {
  color?: boolean;
  /** Rows shown per table before "… N more". */
  maxRows?: number;
  width?: number;
}

/** Colour unless NO_COLOR is set (any value) or the stream is not a terminal; FORCE_COLOR forces it. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, gray: 90, bold: 1 } as const;
type Paint = (code: keyof typeof CODES, s: string) => string;

const COLOR_OF = { pass: "green", warn: "yellow", fail: "red", error: "red", skip: "gray" } as const;

/** Display width: wide characters are not a concern for our symbols, combining marks are rare. */
const width = (s: string): number => [...s].length;

export function alignTable(headers: string[], rows: string[][], align: ("l" | "r" | "c")[] = []): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (s: string, i: number): string => {
    const w = widths[i] ?? 0;
    const gap = " ".repeat(Math.max(0, w - width(s)));
    return align[i] === "r" ? gap + s : s + gap;
  };
  const line = (r: string[]): string =>
    r
      .map((c, i) => pad(c, i))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

function section(s: Section, maxRows: number, paint: Paint): string[] {
  const out = ["", paint("bold", escapeTerminal(s.title))];
  if (s.kind === "table") {
    const rows = s.rows
      .slice(0, maxRows)
      .map((r) => r.map((v) => escapeTerminal(typeof v === "number" ? formatNumber(v) : formatValue(v), 40)));
    out.push(
      ...alignTable(
        s.headers.map((h) => escapeTerminal(h)),
        rows,
        s.align,
      ).map((l) => "  " + l),
    );
    if (s.rows.length > maxRows) out.push(paint("gray", `  … ${s.rows.length - maxRows} more rows in the JSON report`));
  } else if (s.kind === "bar-chart") {
    // Deltas can be negative: bar length from |value|, a leading "-" marks the sign.
    const max = Math.max(1e-12, ...s.series.flatMap((x) => x.values.map((v) => Math.abs(v))));
    for (const [i, label] of s.labels.entries()) {
      const bars = s.series.map((x) => {
        const v = Number.isFinite(x.values[i]) ? (x.values[i] ?? 0) : 0;
        return ((v < 0 ? "-" : "") + "█".repeat(Math.round((Math.abs(v) / max) * 20))).padEnd(21);
      });
      out.push(`  ${escapeTerminal(label, 16).padEnd(16)} ${bars.join(" ")}`);
    }
    out.push(paint("gray", `  ${s.series.map((x) => x.name).join(" | ")}`));
  } else {
    out.push("  " + escapeTerminal(s.text, 2000));
  }
  return out;
}

/** A report for a person at a terminal: verdict first, then failing checks, then the details. */
export function renderTerminal(report: Report, opts: TerminalOptions = {}): string {
  const paint: Paint = opts.color ? (code, s) => `\u001b[${CODES[code]}m${s}\u001b[0m` : (_c, s) => s;
  const maxRows = opts.maxRows ?? 20;
  const lines: string[] = [];
  const status = paint(
    COLOR_OF[report.status],
    `${STATUS_SYMBOL[report.status]} mlgate ${report.gate} ${STATUS_WORD[report.status]}`,
  );
  lines.push(`${paint("bold", status)}: ${escapeTerminal(report.summary, 300)}`);
  if (report.checks.length > 0) {
    const counts = countByStatus(report.checks);
    lines.push(
      paint("gray", `${counts.fail} failed, ${counts.warn} warnings, ${counts.pass} passed, ${counts.skip} skipped`),
      "",
    );
    const sorted = sortChecks(report.checks);
    const rows = sorted.slice(0, Math.max(maxRows, sorted.filter((c) => c.status === "fail").length)).map((c) => {
      const ex = (c.examples ?? [])
        .slice(0, 2)
        .map(
          (e) =>
            (e.line !== undefined ? `line ${e.line}` : (e.where ?? "")) +
            (e.value !== undefined ? `=${escapeTerminal(formatValue(e.value), 20)}` : ""),
        );
      return [
        paint(COLOR_OF[c.status], STATUS_SYMBOL[c.status]),
        escapeTerminal(c.id, 48),
        escapeTerminal(formatValue(c.observed), 30),
        escapeTerminal(formatValue(c.expected), 30),
        c.failedRows !== undefined ? String(c.failedRows) : "",
        ex.join(", "),
      ];
    });
    // Colour codes have no width: align on the plain symbol, then paint.
    const plain = rows.map((r) => [r[0] ? "x" : "", ...r.slice(1)]);
    const table = alignTable(["", "check", "observed", "expected", "rows", "examples"], plain, ["l", "l", "r", "r", "r", "l"]);
    lines.push(table[0] ?? "", table[1] ?? "");
    table.slice(2).forEach((l, i) => lines.push((rows[i]?.[0] ?? "") + l.slice(1)));
    if (sorted.length > rows.length) lines.push(paint("gray", `… ${sorted.length - rows.length} more checks in the JSON report`));
  }
  for (const s of report.sections ?? []) lines.push(...section(s, maxRows, paint));
  if (report.subject)
    lines.push("", paint("gray", `${escapeTerminal(report.subject.path)} sha256:${report.subject.sha256.slice(0, 12)}`));
  return lines.join("\n") + "\n";
}
