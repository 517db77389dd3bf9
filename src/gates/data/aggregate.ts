/**
 * One aggregate SELECT assembled from the parts of the gate that need numbers from a file: the
 * profile, the rule counts and their first examples, drift's binned counts. Each file is then read
 * once, whatever asks for what (a CSV parse costs more than every aggregate the gate computes).
 *
 *   const agg = new Aggregate();
 *   const n = agg.add("count(*)");
 *   const x = agg.project("TRY_CAST(\"age\" AS DOUBLE)");   // a computed column, named once
 *   const h = agg.add(`histogram(${x})`);
 *   const row = await agg.run(conn, source);
 *   row.number(n); row.counts(h);
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { plainValue } from "../../core/table.js";
import type { Scalar } from "../../core/report.js";

/** What the aggregate reads: a table, or a scan of a file. */
export interface RowSource {
  /** SQL after FROM. */
  from: string;
}

/**
 * Columns per query over a sample table (a few MB): what is decided before the pass is read in
 * batches, so DuckDB's per-aggregate state and the results held in JavaScript stay bounded
 * however wide the file is. The pass itself reads each file once, whatever its width.
 */
export const SAMPLE_BATCH = 64;

export const asNumber = (v: unknown): number =>
  typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : v === null || v === undefined ? Number.NaN : Number(v);

export class AggregateRow {
  constructor(private readonly values: Map<string, unknown>) {}

  raw(alias: string): unknown {
    return this.values.get(alias);
  }

  number(alias: string): number {
    return asNumber(this.values.get(alias));
  }

  scalar(alias: string): Scalar {
    return plainValue(this.values.get(alias));
  }

  /** A `histogram(…)` MAP as key -> count, keys as DuckDB returned them. */
  counts(alias: string): Map<unknown, number> {
    const out = new Map<unknown, number>();
    const entries = (this.values.get(alias) as { entries?: { key: unknown; value: unknown }[] } | null)?.entries ?? [];
    for (const e of entries) out.set(e.key, asNumber(e.value));
    return out;
  }

  /** A LIST value's items. */
  list(alias: string): unknown[] {
    return (this.values.get(alias) as { items?: unknown[] } | null)?.items ?? [];
  }
}

export class Aggregate {
  private readonly items = new Map<string, string>();
  private readonly projections = new Map<string, string>();

  /** Adds an aggregate expression (once, however often it is asked for) and returns its alias. */
  add(expr: string): string {
    let alias = this.items.get(expr);
    if (alias === undefined) {
      alias = `a${this.items.size}`;
      this.items.set(expr, alias);
    }
    return alias;
  }

  /** A per-row expression computed once under a name the aggregates can use. */
  project(expr: string): string {
    let name = this.projections.get(expr);
    if (name === undefined) {
      name = `"__mlgate_x${this.projections.size}"`;
      this.projections.set(expr, name);
    }
    return name;
  }

  sql(source: RowSource): string {
    const select = [...this.items].map(([expr, alias]) => `${expr} AS ${alias}`).join(",\n  ");
    if (this.projections.size === 0) return `SELECT ${select} FROM ${source.from}`;
    const extra = [...this.projections].map(([expr, name]) => `${expr} AS ${name}`).join(", ");
    return `SELECT ${select} FROM (SELECT *, ${extra} FROM ${source.from})`;
  }

  async run(conn: DuckDBConnection, source: RowSource): Promise<AggregateRow> {
    if (this.items.size === 0) return new AggregateRow(new Map());
    const r = await conn.runAndReadAll(this.sql(source));
    const row = r.getRows()[0] ?? [];
    const names = r.columnNames();
    return new AggregateRow(new Map(names.map((n, i) => [n, row[i]])));
  }
}
