/**
 * Turns rule counts into checks with located examples: the first failing rows of each rule, with
 * the file line an editor shows (or the row number for Parquet).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Check, Example, Scalar } from "../../core/report.js";
import { queryRows, type OpenedTable, type RejectedRecord } from "../../core/table.js";
import type { CompiledRule } from "./rules.js";

const MAX_VALUE = 200;

function cut(v: Scalar): Scalar {
  return typeof v === "string" && v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
}

function fmtFraction(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 && x > 0 ? 3 : 1)}%`;
}

export function ruleFails(rule: CompiledRule, violations: number, total: number): boolean {
  if (violations === 0) return false;
  if (rule.allowedFraction === undefined) return true;
  return total > 0 && violations / total > rule.allowedFraction;
}

/** A failing rule's first rows: `row` is the row index (rowid). */
export type ExampleRows = { row: number; value: Scalar }[];

/**
 * Checks for compiled rules, given each rule's violation count. Failing rules get up to
 * `maxExamples` located examples — from `known` when the counting pass collected them, else from
 * the rule's own query; all lines are found in one pass over the file.
 */
export async function ruleChecks(
  conn: DuckDBConnection,
  t: OpenedTable,
  rules: readonly CompiledRule[],
  counts: readonly number[],
  maxExamples: number,
  known: ReadonlyMap<number, ExampleRows> = new Map(),
): Promise<Check[]> {
  const total = t.rowCount;
  const failing: { index: number; rows: { row: number; value: Scalar }[] }[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const n = counts[i] ?? 0;
    if (!rule || !ruleFails(rule, n, total) || maxExamples === 0) continue;
    const rows =
      known.get(i) ??
      (await queryRows(conn, rule.examples(t.table, maxExamples))).map((r) => ({ row: Number(r.row), value: r.value ?? null }));
    failing.push({ index: i, rows });
  }
  const wanted = failing.flatMap((f) => f.rows.map((r) => r.row));
  const lines = wanted.length ? await t.lineOf(wanted) : undefined;
  const examplesOf = new Map<number, Example[]>();
  for (const f of failing) {
    examplesOf.set(
      f.index,
      f.rows.map((r) => {
        const line = lines?.get(r.row);
        return line !== undefined ? { line, value: cut(r.value) } : { where: `row ${r.row + 1}`, value: cut(r.value) };
      }),
    );
  }
  return rules.map((rule, i) => {
    const n = counts[i] ?? 0;
    const fails = ruleFails(rule, n, total);
    const check: Check = {
      id: rule.id,
      title: rule.title,
      status: fails ? rule.severity : "pass",
      expected: rule.expected,
      failedRows: n,
    };
    if (rule.column !== undefined) check.column = rule.column;
    if (rule.allowedFraction !== undefined) {
      check.observed = fmtFraction(total ? n / total : 0);
      check.details = { missing: n, rows: total, maxMissing: rule.allowedFraction };
    } else {
      check.observed = n === 0 ? "0 rows" : `${n} row${n === 1 ? "" : "s"}`;
    }
    const ex = examplesOf.get(i);
    if (fails) {
      check.file = t.display;
      check.message = `${n} of ${total} rows fail ${rule.id}`;
      if (ex?.length) check.examples = ex;
    }
    return check;
  });
}

/** Rejected records (ragged rows, bad quotes, invalid JSON) as one failed check with their lines. */
export function malformedCheck(
  t: OpenedTable,
  rejects: readonly RejectedRecord[],
  count: number,
  maxExamples: number,
  id = "dataset.malformed_rows",
): Check {
  const check: Check = {
    id,
    title: `Every record of ${t.display} parses`,
    status: count ? "fail" : "pass",
    observed: `${count} malformed`,
    expected: "0 malformed",
    failedRows: count,
    details: { rowsRead: t.rowCount, recordsRejected: t.rejected.total },
  };
  if (count) {
    check.file = t.display;
    check.message = `line ${rejects[0]?.line ?? "?"}: ${rejects[0]?.message ?? ""}`.slice(0, 300);
    check.examples = rejects.slice(0, maxExamples).map((r) => ({ line: r.line, value: cut(r.raw) }));
  }
  return check;
}

/** The contract's row-count bounds. */
export function rowCountCheck(rows: number, min?: number, max?: number): Check | undefined {
  if (min === undefined && max === undefined) return undefined;
  const ok = (min === undefined || rows >= min) && (max === undefined || rows <= max);
  const expected =
    min !== undefined && max !== undefined ? `${min} .. ${max}` : min !== undefined ? `>= ${min}` : `<= ${String(max)}`;
  return { id: "dataset.row_count", title: "Row count within bounds", status: ok ? "pass" : "fail", observed: rows, expected };
}

/** Column-set differences (contract vs data, reference vs current). */
export function columnSetCheck(
  id: string,
  title: string,
  names: readonly string[],
  severity: "fail" | "warn" | "off",
  what: string,
): Check | undefined {
  if (severity === "off") return undefined;
  const check: Check = {
    id,
    title,
    status: names.length ? severity : "pass",
    observed: names.length ? names.join(", ").slice(0, 300) : "none",
    expected: "none",
  };
  if (names.length) check.message = `${names.length} column${names.length === 1 ? "" : "s"} ${what}`;
  return check;
}
