import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent, sqlString } from "../../core/duckdb.js";
import { ConfigurationError, errorMessage } from "../../core/errors.js";
import { safePredicate } from "../../core/sql-predicate.js";
import type { OpenedTable } from "../../core/table.js";
import type { Grouping } from "./state.js";
import type { NamedSlice } from "./settings.js";

/** A grouping before the scan: its levels and the SQL that computes each row's level code. */
export interface GroupSpec {
  kind: Grouping["kind"];
  name: string;
  levels: string[];
  /** INTEGER expression: level index, -1 for missing / not in the slice. */
  sql: string;
}

const MAX_LEVELS = 100;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;

async function firstRow(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjectsJS()[0] ?? {};
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * A column slice: categories as they are, numbers with more than 10 distinct values binned by
 * quintiles (computed over the whole file, so every shard bins alike).
 */
async function columnGroup(
  conn: DuckDBConnection,
  t: OpenedTable,
  column: string,
  kind: "column" | "sensitive",
): Promise<GroupSpec> {
  const col = t.columns.find((c) => c.name === column);
  const flag = kind === "column" ? "--slice" : "--sensitive";
  if (!col)
    throw new ConfigurationError(
      `${flag} ${column}: ${t.display} has no such column; it has ${t.columns.map((c) => c.name).join(", ")}`,
    );
  const c = sqlIdent(column);
  const stats = await firstRow(conn, `SELECT count(DISTINCT ${c}) AS d FROM ${t.table}`);
  if (kind === "column" && NUMERIC.test(col.type) && Number(stats.d) > 10) {
    const q = await firstRow(conn, `SELECT quantile_cont(${c}, [0.2, 0.4, 0.6, 0.8])::DOUBLE[] AS q FROM ${t.table}`);
    const edges = [...new Set((q.q as number[]).map(Number))].sort((a, b) => a - b);
    const levels = [`< ${fmt(edges[0] ?? 0)}`];
    for (let i = 1; i < edges.length; i++) levels.push(`[${fmt(edges[i - 1] ?? 0)}, ${fmt(edges[i] ?? 0)})`);
    levels.push(`>= ${fmt(edges[edges.length - 1] ?? 0)}`);
    const whens = edges.map((e, i) => `WHEN ${c} < ${e} THEN ${i}`).join(" ");
    return { kind, name: column, levels, sql: `(CASE WHEN ${c} IS NULL THEN -1 ${whens} ELSE ${edges.length} END)::INTEGER` };
  }
  if (Number(stats.d) > MAX_LEVELS)
    throw new ConfigurationError(
      `${flag} ${column}: has ${String(stats.d)} distinct values; slice by a column with at most ${MAX_LEVELS} categories or use a named slice (gates.model.slices)`,
    );
  const r = await conn.runAndReadAll(
    `SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${t.table} WHERE ${c} IS NOT NULL ORDER BY v`,
  );
  const levels = r.getRowObjectsJS().map((x) => (typeof x.v === "string" ? x.v : JSON.stringify(x.v)));
  const whens = levels.map((v, i) => `WHEN ${sqlString(v)} THEN ${i}`).join(" ");
  return {
    kind,
    name: column,
    levels,
    sql: levels.length ? `(CASE CAST(${c} AS VARCHAR) ${whens} ELSE -1 END)::INTEGER` : "(-1)::INTEGER",
  };
}

/** Where named slice i's `where` is in the config: `mlgate.yml:14: gates.model.slices[0].where`. */
export type SliceAt = (i: number) => string;

/**
 * A named slice: its `where` checked and re-rendered by safePredicate (the user's text never runs),
 * then, with `tryIt`, evaluated once over `t` so a type error is named before the scan.
 */
async function namedGroup(conn: DuckDBConnection, t: OpenedTable, s: NamedSlice, at: string, tryIt: boolean): Promise<GroupSpec> {
  const predicate = await safePredicate(
    conn,
    s.where,
    t.columns.map((c) => c.name),
    { at, display: t.display },
  );
  if (tryIt) {
    try {
      await conn.runAndReadAll(`SELECT count(*) FROM ${t.table} WHERE ${predicate}`);
    } catch (e) {
      const why = (errorMessage(e).split("\n")[0] ?? "").replace(/^[A-Za-z ]+Error: /, "");
      throw new ConfigurationError(`${at} cannot be evaluated over ${t.display} (${why})`);
    }
  }
  return { kind: "named", name: s.name, levels: ["in"], sql: `(CASE WHEN ${predicate} THEN 0 ELSE -1 END)::INTEGER` };
}

/**
 * The groupings in report order: slice columns, named slices, sensitive columns. `t` needs the
 * slice and sensitive columns only (and lists every column of the data); with checkNamed false the
 * named slices' predicates are checked but not tried on it (the streamed scan then fails on one
 * DuckDB cannot evaluate, and the table path names it).
 */
export async function planGroups(
  conn: DuckDBConnection,
  t: OpenedTable,
  sliceColumns: readonly string[],
  named: readonly NamedSlice[],
  sensitive: readonly string[],
  sliceAt: SliceAt,
  checkNamed = true,
): Promise<GroupSpec[]> {
  const out: GroupSpec[] = [];
  for (const c of sliceColumns) out.push(await columnGroup(conn, t, c, "column"));
  for (const [i, s] of named.entries()) out.push(await namedGroup(conn, t, s, sliceAt(i), checkNamed));
  for (const c of sensitive) out.push(await columnGroup(conn, t, c, "sensitive"));
  return out;
}
