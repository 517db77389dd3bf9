#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);

// src/render/format.ts
function formatValue(v) {
  if (v === void 0 || v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}
function formatNumber(n, digits = 4) {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "\u221E" : "-\u221E";
  if (Number.isInteger(n)) return String(n);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return n.toExponential(2);
  return String(Number(n.toPrecision(digits)));
}
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
var STATUS_SYMBOL = {
  pass: "\u2714",
  warn: "\u26A0",
  fail: "\u2716",
  skip: "\u25CB",
  error: "\u2716"
};
var STATUS_WORD = {
  pass: "passed",
  warn: "passed with warnings",
  fail: "failed",
  skip: "skipped",
  error: "could not run"
};
var SEVERITY = { fail: 0, warn: 1, pass: 2, skip: 3 };

export {
  formatValue,
  formatNumber,
  formatCount,
  STATUS_SYMBOL,
  STATUS_WORD,
  SEVERITY
};
