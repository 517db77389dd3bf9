/**
 * A CSV/TSV file as a streamed `read_csv(…)` source, for a caller that reads every row once and needs
 * no table: the file is scanned in one pass instead of being loaded into a DuckDB table and then read
 * again (the load alone costs about twice a bare scan).
 *
 *   const src = await csvSource(conn, "/abs/data.csv", { name: "eval", display: "data.csv" });
 *   if (src) {
 *     const result = await conn.stream(`SELECT … FROM ${src.from}`);   // rows in file order
 *     …
 *     if ((await src.rejectCount()) > 0) …  // malformed records were skipped: fall back to openTable
 *   }
 *
 * The dialect and column types are decided as openTable (src/core/table.ts) decides them — delimiter
 * from the header line, types from sniff_csv with the same options, dates and timestamps in the
 * sniffed formats — so the streamed rows are the rows the table would hold, in the same order (row i of
 * the stream = rowid i of the table). Malformed records go to a rejects table, as in openTable; this
 * module only counts them: the caller re-reads through openTable, which reports them with their lines.
 * Returns undefined when the file is not a plain CSV/TSV the fast path can take (Parquet, JSON Lines,
 * a glob, a sniffer that gives up): the caller uses openTable.
 */
import { existsSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { sqlIdent } from "../duckdb.js";
import { csvDialect, csvRejectsArgs, formatOf, type TableColumn } from "../table.js";

/** What a sniff decided about the file: plain data, valid SQL on any DuckDB (another thread's too). */
export interface CsvSourceInfo {
  /** The rejects tables' prefix. */
  name: string;
  /** The table function call to put after FROM. */
  from: string;
  /** read_csv's arguments for the file, its dialect and column types, for other scans of it. */
  args: string[];
  format: "csv" | "tsv";
  /** The same scan without a rejects table: it fails on a malformed record (for side queries). */
  strictFrom: string;
  file: string;
  display: string;
  columns: TableColumn[];
}

/** A sniffed source bound to the connection that scans `from` (its rejects tables live there). */
export interface CsvSource extends CsvSourceInfo {
  /** Records the scan rejected so far (read it after the stream is consumed). */
  rejectCount(): Promise<number>;
  /** Drops the rejects tables. */
  dispose(): Promise<void>;
}

export async function csvSource(
  conn: DuckDBConnection,
  file: string,
  options: { name: string; display?: string; types?: Record<string, string> },
): Promise<CsvSource | undefined> {
  const info = await sniffCsvSource(conn, file, options);
  return info && bindCsvSource(info, conn);
}

/** csvSource's sniff alone, without a connection bound (csvSource is the usual entry). */
export async function sniffCsvSource(
  conn: DuckDBConnection,
  file: string,
  options: { name: string; display?: string; types?: Record<string, string> },
): Promise<CsvSourceInfo | undefined> {
  const display = options.display ?? file;
  let format;
  try {
    format = formatOf(file, display);
  } catch {
    return undefined;
  }
  if (format !== "csv" && format !== "tsv") return undefined;
  if (/[*?[]/.test(file) || !existsSync(file)) return undefined;
  const st = statSync(file);
  if (!st.isFile() || st.size === 0) return undefined;

  let dialect;
  try {
    dialect = await csvDialect(conn, file, format, options.types, display);
  } catch {
    return undefined;
  }
  // A sniffer that gave up means a malformed sample: the table path reports it with its line. A
  // header skipped by lines numbers rejects differently: the table path numbers them right.
  if (!dialect.sniffed || dialect.recordOffset !== 0) return undefined;
  const base = dialect.args;
  let columns: TableColumn[];
  try {
    // The types as a table created from this scan would declare them (DESCRIBE binds, it does not read).
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${base.join(", ")})`);
    columns = d.getRowObjects().map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
  } catch {
    return undefined;
  }
  return {
    name: options.name,
    strictFrom: `read_csv(${base.join(", ")})`,
    from: `read_csv(${[...base, ...csvRejectsArgs(options.name)].join(", ")})`,
    args: base,
    format,
    file,
    display,
    columns,
  };
}

export function bindCsvSource(info: CsvSourceInfo, conn: DuckDBConnection): CsvSource {
  const rejects = `${info.name}__rejects`;
  const scan = `${info.name}__rejects_scan`;
  return {
    ...info,
    rejectCount: async () => {
      const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${sqlIdent(rejects)}`);
      return Number(r.getRowObjects()[0]?.n ?? 0);
    },
    dispose: async () => {
      await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(rejects)}; DROP TABLE IF EXISTS ${sqlIdent(scan)}`);
    },
  };
}
