/**
 * The first failing rows of each failing row rule, for the report's examples and annotations.
 *
 * A table has row ids, so one aggregate over it takes each rule's first rows by `rowid`. A file
 * that was scanned has none, and numbering its rows with a window (`row_number() OVER ()`) runs
 * the whole scan on one thread; instead one parallel scan streams, in file order, a bit mask of the
 * failing rules per row (and a value only where a rule fails), and the rows are counted here.
 */
import type { DuckDBConnection, DuckDBDataChunk } from "@duckdb/node-api";
import { vectorValues } from "../../core/duckdb.js";
import { plainValue, type OpenedTable } from "../../core/table.js";
import { Aggregate } from "./aggregate.js";
import { ruleFails, type ExampleRows } from "./checks.js";
import type { CompiledRule } from "./rules.js";

/** Rules per mask column: the bits of an INTEGER (read as an Int32Array). */
const RULES_PER_MASK = 30;

export async function firstRows(
  conn: DuckDBConnection,
  t: OpenedTable,
  scan: string | undefined,
  rules: readonly CompiledRule[],
  counts: readonly number[],
  maxExamples: number,
): Promise<Map<number, ExampleRows>> {
  const failing = rules.flatMap((r, i) =>
    r.row && maxExamples > 0 && ruleFails(r, counts[i] ?? 0, t.rowCount) ? [{ index: i, row: r.row }] : [],
  );
  if (failing.length === 0) return new Map();
  return scan === undefined ? fromTable(conn, t.table, failing, maxExamples) : fromScan(conn, scan, failing, maxExamples);
}

type Failing = { index: number; row: NonNullable<CompiledRule["row"]> }[];

async function fromTable(conn: DuckDBConnection, table: string, failing: Failing, k: number): Promise<Map<number, ExampleRows>> {
  const agg = new Aggregate();
  const aliases = failing.map((f) =>
    agg.add(`min_by({'r': rowid, 'v': ${f.row.value}}, rowid, ${k}) FILTER (WHERE ${f.row.where})`),
  );
  const row = await agg.run(conn, { from: table });
  return new Map(
    failing.map((f, j) => [
      f.index,
      row.list(aliases[j]!).map((v) => {
        const e = (v as { entries?: { r?: unknown; v?: unknown } } | null)?.entries ?? {};
        return { row: Number(e.r), value: plainValue(e.v) };
      }),
    ]),
  );
}

async function fromScan(conn: DuckDBConnection, scan: string, failing: Failing, k: number): Promise<Map<number, ExampleRows>> {
  const masks: string[] = [];
  for (let m = 0; m * RULES_PER_MASK < failing.length; m++) {
    const bits = failing
      .slice(m * RULES_PER_MASK, (m + 1) * RULES_PER_MASK)
      .map((f, b) => `(CASE WHEN ${f.row.where} THEN ${2 ** b} ELSE 0 END)::INTEGER`);
    masks.push(bits.join(" + "));
  }
  const values = failing.map((f) => `CASE WHEN ${f.row.where} THEN ${f.row.value} END`);
  // The connection's streaming_buffer_size is 32MB (gate.ts): DuckDB's threads run ahead while this one reads.
  const result = await conn.stream(`SELECT ${[...masks, ...values].join(", ")} FROM ${scan}`);
  const out = new Map<number, ExampleRows>(failing.map((f) => [f.index, []]));
  let done = 0;
  let base = 0;
  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    // Once every rule has its examples the rest of the stream is read without looking.
    if (done < failing.length) {
      for (let m = 0; m < masks.length; m++) {
        const mask = vectorValues(chunk.getColumnVector(m), n);
        for (let r = 0; r < n; r++) {
          let bits = Number(mask[r] ?? 0);
          for (let b = 0; bits > 0; b++, bits = Math.floor(bits / 2)) {
            if (bits % 2 === 0) continue;
            const j = m * RULES_PER_MASK + b;
            const list = out.get(failing[j]!.index)!;
            if (list.length >= k) continue;
            list.push({ row: base + r, value: plainValue(chunk.getColumnVector(masks.length + j).getItem(r)) });
            if (list.length === k) done += 1;
          }
        }
      }
    }
    base += n;
  }
  return out;
}
