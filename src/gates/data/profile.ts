/**
 * Column statistics computed in the same single aggregate query as the rule counts (never
 * SUMMARIZE: it computes quantiles and exact-ish statistics for every column, which is most of its
 * cost and not needed here).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent } from "../../core/duckdb.js";
import { queryRows, type TableColumn } from "../../core/table.js";
import type { Scalar } from "../../core/report.js";
import { isFloatType, isNumericType, isTemporalType } from "./rules.js";

export interface ColumnProfile {
  name: string;
  /** DuckDB type as loaded. */
  type: string;
  kind: "numeric" | "categorical" | "temporal";
  count: number;
  missing: number;
  /**
   * Approximate (HyperLogLog) distinct count, exact when small; not computed for floating-point
   * columns, where it costs a large share of the whole run and decides nothing.
   */
  distinct?: number;
  min?: Scalar;
  max?: Scalar;
  mean?: number;
  /** Most frequent values of a low-cardinality column, with their counts. */
  top?: { value: string; count: number }[];
}

export function kindOf(type: string): ColumnProfile["kind"] {
  if (isNumericType(type)) return "numeric";
  if (isTemporalType(type)) return "temporal";
  return "categorical";
}

/** Select-list items for the profile of `columns`; aliases `p<i>_<stat>`. */
export function profileSelect(columns: readonly TableColumn[]): string[] {
  return columns.flatMap((c, i) => {
    const col = sqlIdent(c.name);
    const k = kindOf(c.type);
    const items = [`count(${col}) AS p${i}_count`];
    if (!isFloatType(c.type)) items.push(`approx_count_distinct(${col}) AS p${i}_distinct`);
    if (k !== "categorical") items.push(`min(${col}) AS p${i}_min`, `max(${col}) AS p${i}_max`);
    if (k === "numeric") items.push(`avg(${col}) AS p${i}_mean`);
    return items;
  });
}

export function readProfile(columns: readonly TableColumn[], row: Record<string, Scalar>, total: number): ColumnProfile[] {
  return columns.map((c, i) => {
    const count = Number(row[`p${i}_count`] ?? 0);
    const p: ColumnProfile = {
      name: c.name,
      type: c.type,
      kind: kindOf(c.type),
      count,
      missing: total - count,
    };
    const d = row[`p${i}_distinct`];
    if (d !== undefined && d !== null) p.distinct = Math.min(count, Number(d));
    if (p.kind !== "categorical") {
      p.min = row[`p${i}_min`] ?? null;
      p.max = row[`p${i}_max`] ?? null;
    }
    if (p.kind === "numeric" && typeof row[`p${i}_mean`] === "number") p.mean = row[`p${i}_mean`] as number;
    return p;
  });
}

/** Columns with at most this many distinct values get their full domain (infer) or top values (report). */
export const SMALL_DOMAIN = 20;

/** Exact value counts of low-cardinality categorical columns, in one query. */
export async function addTopValues(
  conn: DuckDBConnection,
  table: string,
  profiles: ColumnProfile[],
  limit = SMALL_DOMAIN,
): Promise<void> {
  const small = profiles.filter(
    (p) => p.kind === "categorical" && (p.distinct ?? 0) > 0 && (p.distinct ?? 0) <= SMALL_DOMAIN * 2,
  );
  if (small.length === 0) return;
  const parts = small.map(
    (p, i) =>
      `(SELECT ${i} AS c, CAST(${sqlIdent(p.name)} AS VARCHAR) AS value, count(*) AS n FROM ${table} WHERE ${sqlIdent(p.name)} IS NOT NULL GROUP BY 2 ORDER BY n DESC, value LIMIT ${limit + 1})`,
  );
  const rows = await queryRows(conn, parts.join(" UNION ALL "));
  for (const r of rows) {
    const p = small[Number(r.c)];
    if (!p) continue;
    (p.top ??= []).push({ value: String(r.value), count: Number(r.n) });
  }
  for (const p of small) {
    p.top?.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    // A complete domain gives the exact distinct count.
    if (p.top && p.top.length <= limit) p.distinct = p.top.length;
  }
}
