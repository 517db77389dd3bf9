import type { CheckStatus, ReportStatus, Scalar } from "../core/report.js";

/** Numbers with enough digits to compare, never in exponent form for ordinary magnitudes. */
export function formatValue(v: Scalar | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}

export function formatNumber(n: number, digits = 4): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "∞" : "-∞";
  if (Number.isInteger(n)) return String(n);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return n.toExponential(2);
  return String(Number(n.toPrecision(digits)));
}

/**
 * A count with thousands separators, 1234567 -> "1,234,567", as toLocaleString("en-US") writes it;
 * the first toLocaleString call of a process loads ICU's locale data (≈13 ms of every gate run).
 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export const STATUS_SYMBOL: Record<CheckStatus | ReportStatus, string> = {
  pass: "✔",
  warn: "⚠",
  fail: "✖",
  skip: "○",
  error: "✖",
};

export const STATUS_WORD: Record<CheckStatus | ReportStatus, string> = {
  pass: "passed",
  warn: "passed with warnings",
  fail: "failed",
  skip: "skipped",
  error: "could not run",
};

/** Most severe first: what a reviewer must look at leads. */
export const SEVERITY: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };
