/**
 * Reading tabular files into DuckDB — the one way every gate loads data.
 *
 *   const t = await openTable(conn, "/abs/data.csv", { name: "current", display: "data.csv" });
 *   t.table      // DuckDB table name, already quoted for SQL: `"current"`
 *   t.columns    // [{ name: "age", type: "BIGINT" }, …] in file order
 *   t.rowCount   // rows loaded
 *   t.rejects    // malformed records, each with its 1-based file line (never silently dropped)
 *   t.rejected   // how many: every one is counted, the first KEPT_REJECTS of each kind kept in t.rejects
 *   t.format     // "csv" | "tsv" | "parquet" | "jsonl"
 *   await t.lineOf([0, 17])   // Map row index -> file line (CSV/TSV/JSONL); undefined for Parquet
 *
 * Row index = the table's `rowid` (0-based, file order; rejected records are not rows). Rows read +
 * records rejected = data records of the file. Formats come from the extension (`.csv`, `.tsv`,
 * `.txt` as CSV, `.parquet`, `.jsonl`/`.ndjson`, each optionally `.gz`); a folder or glob is Parquet
 * (hive partitions become columns). CSV needs a header line; its delimiter and column types are
 * sniffed, quotes are `"` doubled to escape, BOM and CRLF are handled.
 *
 * Bad input (missing or empty file, unknown extension, unreadable data) throws ConfigurationError.
 */
import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ConfigurationError, errorMessage } from "./errors.js";
import { duckdbScratch, numberColumn, sqlIdent, sqlString } from "./duckdb.js";
import { readCsvHeader } from "./table/header.js";
import { scanJsonLines, writeValidLines } from "./table/json-lines.js";
import { locateCsvRecords } from "./table/lines.js";
import { assertNoLongLine, recordLimit } from "./table/record-limit.js";

export type TableFormat = "csv" | "tsv" | "parquet" | "jsonl";

export interface TableColumn {
  name: string;
  /** DuckDB type: BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP, … */
  type: string;
}

export interface RejectedRecord {
  /** 1-based line in the file where the record starts (header is line 1). */
  line: number;
  /** `malformed` (ragged row, bad quote, invalid JSON) or `type` (a value that does not fit its column's type). */
  kind: "malformed" | "type";
  column?: string;
  message: string;
  /** The raw text of the record, cut to 200 characters. */
  raw: string;
}

/**
 * Rejected records kept with their text and line, of each kind (malformed; type, by column), the
 * first in file order; the others are only counted. A file where every record is rejected would
 * otherwise hold an object per record: 1M type-bad rows took 2.1 GB.
 */
export const KEPT_REJECTS = 1000;

/** Exact counts of the rejected records, of which OpenedTable.rejects holds the first. */
export interface RejectCounts {
  total: number;
  malformed: number;
  /** Records rejected only for values that do not fit a column's type, by that column. */
  byColumn: Map<string, number>;
}

export function noRejects(): RejectCounts {
  return { total: 0, malformed: 0, byColumn: new Map() };
}

export interface OpenedTable {
  /** The table for SQL, quoted: `"current"`. */
  table: string;
  /** The same name unquoted, as given in options.name. */
  name: string;
  file: string;
  display: string;
  format: TableFormat;
  columns: TableColumn[];
  rowCount: number;
  /** The first KEPT_REJECTS rejected records of each kind, in file order. */
  rejects: RejectedRecord[];
  rejected: RejectCounts;
  /** File lines of rows by index; undefined when the format has no lines (Parquet). */
  lineOf(rows: readonly number[]): Promise<Map<number, number> | undefined>;
}

export interface OpenTableOptions {
  /** Name of the DuckDB table to create (plain identifier, unquoted). */
  name: string;
  /** The path as the user gave it, for messages. */
  display?: string;
  /** CSV/TSV: DuckDB types that override the sniffed ones (from a contract). */
  types?: Record<string, string>;
  /** JSON Lines: called with every valid record and its line (JSON Schema validation). */
  onJsonRecord?: (record: unknown, line: number) => void;
  /**
   * Load at most this many rows and one more, the first in file order: a caller that refuses more
   * rows than it can hold (the model gate) learns that there are more without loading a gzip bomb.
   */
  maxRows?: number;
}

interface Resolved {
  name: string;
  display: string;
  types: Record<string, string>;
  onJsonRecord?: (record: unknown, line: number) => void;
  maxRows?: number;
}

/** The LIMIT that keeps a table to `maxRows` rows and one more, or none. */
function limitSql(o: Resolved): string {
  return o.maxRows === undefined ? "" : ` LIMIT ${Math.floor(o.maxRows) + 1}`;
}

const GZ = /\.gz$/i;

/** The format of a path, from its extension; folders and globs are Parquet datasets. */
export function formatOf(file: string, display = file): TableFormat {
  if (/[*?[]/.test(file) || (existsSync(file) && statSync(file).isDirectory())) return "parquet";
  const base = path.basename(file).replace(GZ, "").toLowerCase();
  if (base.endsWith(".csv") || base.endsWith(".txt")) return "csv";
  if (base.endsWith(".tsv") || base.endsWith(".tab")) return "tsv";
  if (base.endsWith(".parquet") || base.endsWith(".pq")) return "parquet";
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) return "jsonl";
  const ext = path.extname(base) || "(none)";
  throw new ConfigurationError(
    `${display}: unsupported file extension ${ext}; use .csv, .tsv, .parquet, .jsonl or .ndjson (optionally .gz)`,
  );
}

function checkReadable(file: string, display: string, format: TableFormat): void {
  if (/[*?[]/.test(file)) return;
  if (!existsSync(file)) throw new ConfigurationError(`${display}: file not found`);
  const st = statSync(file);
  // A FIFO or device would block the reader forever, or never end (/dev/zero).
  if (!st.isFile() && !st.isDirectory()) {
    throw new ConfigurationError(`${display}: is not a regular file (a FIFO, socket or device); give a file or folder`);
  }
  if (st.isFile() && st.size === 0) throw new ConfigurationError(`${display}: file is empty`);
  if (st.isDirectory() && format !== "parquet") throw new ConfigurationError(`${display}: is a folder, expected a file`);
}

/** A DuckDB value as plain JSON-friendly JS: BIGINT -> number, DATE/TIMESTAMP/DECIMAL -> text or number. */
export function plainValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof (v as { toDouble?: unknown }).toDouble === "function") return (v as { toDouble: () => number }).toDouble();
  return (v as { toString(): string }).toString();
}

/** Runs a query and returns its rows with plain values (see plainValue). */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, string | number | boolean | null>[]> {
  const r = await conn.runAndReadAll(sql);
  return (r.getRowObjects() as Record<string, unknown>[]).map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)])),
  );
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjects();
}

/** The columns of a table (`table` quoted for SQL) with their DuckDB types. */
export async function describeTable(conn: DuckDBConnection, table: string): Promise<TableColumn[]> {
  const r = await rows(conn, `DESCRIBE ${table}`);
  return r.map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
}

async function countRows(conn: DuckDBConnection, table: string): Promise<number> {
  const r = await rows(conn, `SELECT count(*) AS n FROM ${table}`);
  return Number(r[0]?.n ?? 0);
}

/** One line of a DuckDB error, without its SQL echo. */
/** The first line of DuckDB's message; with `file`, its absolute path is written as the user named it. */
function firstLine(e: unknown, file?: string, display?: string): string {
  const line = (errorMessage(e).split("\n")[0] ?? "").replace(/^[A-Za-z ]+Error: /, "");
  return file && display ? line.replaceAll(file, display) : line;
}

/** How openTable reads a CSV/TSV: the streamed source (table/stream.ts) reads with the same arguments. */
export interface CsvDialect {
  delim: string;
  /** False when the sniffer gave up and every column is read as text. */
  sniffed: boolean;
  /** The read_csv(…) arguments: the file, the dialect, every column's type and the date formats. */
  args: string[];
  /**
   * What to subtract from a record number DuckDB gives (rejects) to number records with the header
   * as record 1: 0, unless the header is skipped by more than one line (see csvDialect).
   */
  recordOffset: number;
}

export async function csvDialect(
  conn: DuckDBConnection,
  file: string,
  format: TableFormat,
  types: Record<string, string> = {},
  display = file,
): Promise<CsvDialect> {
  const limit = recordLimit();
  // The delimiter and names come from the header record, read as the data is: a bad quote in the
  // sniffer's sample can otherwise make it settle on a one-column dialect.
  const header = await readCsvHeader(file, display, format === "tsv", limit);
  // Before DuckDB reads a byte: a line longer than its buffer would vanish without a reject.
  await assertNoLongLine(file, display, limit);
  const delimChar = header.delim;
  const headerNames = header.names;
  // DuckDB does not honour a quote right after a UTF-8 BOM: a quoted header name holding a line
  // break would end its header at that break and turn the rest of the name into a data row. Such a
  // header is skipped by the lines DuckDB counts in it (header.ts, bomSkip); the names come from
  // the header read above. Even where that count is 1: DuckDB's header reading would pass the
  // header too, but its sniffer would see other columns in it and every column would be text.
  if (header.bomQuote && !header.more) throw new ConfigurationError(`${display}: has a header but no data rows`);
  if (header.bomQuote && header.bomSkip === undefined) {
    // No skip passes exactly the header: DuckDB would read no rows, or rows the file does not hold.
    throw new ConfigurationError(
      `${display}:1: the first header name is quoted right after the byte order mark and holds a quote, a line break other than the file's, or ends in the delimiter or a line break; DuckDB cannot read such a header: save the file without the byte order mark`,
    );
  }
  const skip = header.bomQuote ? (header.bomSkip ?? 0) : 0;
  // When every column's type is given and none needs a date format, the sniffer's pass over its
  // sample would only name the columns, which the header already does.
  let sniffed = typedByCaller(headerNames, types)
    ? { Columns: headerNames.map((name) => ({ name, type: types[name] })), DateFormat: null, TimestampFormat: null }
    : await sniff(conn, file, delimChar, skip ? headerNames : undefined, skip);
  // The sniffer can settle on another line as the header (a ragged first record, a NUL that would
  // end the SQL string of the names): its columns are not the file's, so the header's are read as text.
  const seen = sniffed ? toColumns(sniffed.Columns) : [];
  if (sniffed && (seen.length !== headerNames.length || seen.some((c) => c.name.includes("\0")))) sniffed = undefined;
  // The sniffer names a column holding only a BOM character "", which read_csv's columns cannot
  // take: such a name is blank, named as the header reader names blanks (columnN).
  const cols = sniffed
    ? toColumns(sniffed.Columns).map((c, i) => (c.name === "" ? { ...c, name: headerNames[i] ?? `column${i}` } : c))
    : headerNames.map((name) => ({ name, type: "VARCHAR" }));
  const columnsSql = `{${cols.map((c) => `${sqlString(c.name)}: ${sqlString(types[c.name] ?? c.type)}`).join(", ")}}`;
  const dateFormat = sniffed ? plainValue(sniffed.DateFormat) : null;
  const timestampFormat = sniffed ? plainValue(sniffed.TimestampFormat) : null;
  return {
    delim: delimChar,
    sniffed: sniffed !== undefined,
    recordOffset: skip ? skip - 1 : 0,
    args: [
      sqlString(file),
      "auto_detect=false",
      ...(skip ? ["header=false", `skip=${skip}`] : ["header=true"]),
      `delim=${sqlString(delimChar)}`,
      `quote='"'`,
      `escape='"'`,
      ...(header.newline ? [`new_line=${sqlString(header.newline === "\n" ? "\\n" : "\\r\\n")}`] : []),
      `columns=${columnsSql}`,
      // A quoted record over the limit (its lines each shorter) is a rejected record with its line.
      `max_line_size=${limit}`,
      ...(dateFormat !== null ? [`dateformat=${sqlString(String(dateFormat))}`] : []),
      ...(timestampFormat !== null ? [`timestampformat=${sqlString(String(timestampFormat))}`] : []),
    ],
  };
}

/** read_csv arguments that keep malformed records in `<name>__rejects` for readCsvRejects. */
export function csvRejectsArgs(name: string): string[] {
  return [
    "store_rejects=true",
    `rejects_table=${sqlString(`${name}__rejects`)}`,
    `rejects_scan=${sqlString(`${name}__rejects_scan`)}`,
  ];
}

/**
 * The records a `read_csv(…, store_rejects=true, rejects_table='<name>__rejects', rejects_scan=
 * '<name>__rejects_scan')` scan rejected: all counted, the first KEPT_REJECTS of each kind with the
 * file line they start on; drops the tables. `ordinals` are DuckDB's record numbers of every
 * rejected record, ascending, for locateCsvRecords.
 */
export async function readCsvRejects(
  conn: DuckDBConnection,
  name: string,
  file: string,
  recordOffset = 0,
): Promise<{ rejects: RejectedRecord[]; rejected: RejectCounts; ordinals: Float64Array }> {
  const rejectsTable = sqlIdent(`${name}__rejects`);
  const rejectsScan = sqlIdent(`${name}__rejects_scan`);
  const grouped = sqlIdent(`${name}__rejected`);
  // DuckDB numbers records, not physical lines (header = 1); a record may list several errors.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${grouped} AS
     SELECT line - ${recordOffset} AS ordinal, any_value(csv_line) AS raw,
       string_agg(error_type || coalesce(' in column ' || column_name, '') || ': ' || error_message, '; ' ORDER BY column_idx) AS message,
       bool_and(error_type = 'CAST') AS only_cast, min(column_name) FILTER (WHERE error_type = 'CAST') AS cast_column
     FROM ${rejectsTable} GROUP BY line;
     DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsScan}`,
  );
  try {
    const rejected = noRejects();
    for (const r of await queryRows(conn, `SELECT only_cast, cast_column, count(*) AS n FROM ${grouped} GROUP BY ALL`)) {
      const n = Number(r.n);
      rejected.total += n;
      if (r.only_cast !== true) rejected.malformed += n;
      else if (r.cast_column !== null) rejected.byColumn.set(String(r.cast_column), n);
    }
    if (rejected.total === 0) return { rejects: [], rejected, ordinals: new Float64Array(0) };
    const kept = await queryRows(
      conn,
      `SELECT ordinal, left(ltrim(raw, chr(13) || chr(10)), 400) AS raw, message, only_cast, cast_column FROM ${grouped}
       QUALIFY row_number() OVER (PARTITION BY only_cast, CASE WHEN only_cast THEN cast_column END ORDER BY ordinal) <= ${KEPT_REJECTS}
       ORDER BY ordinal`,
    );
    const ordinals = await numberColumn(conn, `SELECT ordinal FROM ${grouped} ORDER BY ordinal`);
    const keptOrdinals = kept.map((r) => Number(r.ordinal));
    const located = await locateCsvRecords(file, { quote: 0x22, rejected: ordinals, locate: keptOrdinals, rows: [] });
    const rejects = kept.map((r, i) => {
      const ordinal = keptOrdinals[i] ?? 0;
      const onlyCast = r.only_cast === true;
      const rec: RejectedRecord = {
        line: located.records.get(ordinal) ?? ordinal,
        kind: onlyCast ? "type" : "malformed",
        message: String(r.message),
        raw: String(r.raw ?? "").slice(0, 200),
      };
      if (onlyCast && r.cast_column !== null && r.cast_column !== undefined) rec.column = String(r.cast_column);
      return rec;
    });
    return { rejects, rejected, ordinals };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${grouped}`);
  }
}

async function openCsv(conn: DuckDBConnection, file: string, o: Resolved, format: TableFormat): Promise<OpenedTable> {
  const table = sqlIdent(o.name);
  const dialect = await csvDialect(conn, file, format, o.types, o.display);
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${[...dialect.args, ...csvRejectsArgs(o.name)].join(", ")})${limitSql(o)}`,
    );
  } catch (e) {
    throw new ConfigurationError(`${o.display}: cannot be read as ${format.toUpperCase()} (${firstLine(e, file, o.display)})`);
  }
  const { rejects, rejected, ordinals: recordOrdinals } = await readCsvRejects(conn, o.name, file, dialect.recordOffset);
  const quote = 0x22;
  const columns = await describeTable(conn, table);
  const oneColumn = columns.length === 1;
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format,
    columns,
    rowCount: await countRows(conn, table),
    rejects,
    rejected,
    lineOf: async (want) => (await locateCsvRecords(file, { quote, rejected: recordOrdinals, rows: want, oneColumn })).rows,
  };
}

async function sniff(
  conn: DuckDBConnection,
  file: string,
  delimChar: string,
  names?: readonly string[],
  skip = 0,
): Promise<Record<string, unknown> | undefined> {
  const header = skip ? `header=false, skip=${skip}` : "header=true";
  try {
    const found = (
      await rows(
        conn,
        `SELECT Columns, DateFormat, TimestampFormat FROM sniff_csv(${sqlString(file)}, delim=${sqlString(delimChar)}, quote='"', escape='"', ${header}, strict_mode=false, ignore_errors=true, max_line_size=${recordLimit()})`,
      )
    )[0];
    // Without a header the sniffer names the columns column0…: the header's names replace them.
    if (found && names) {
      const cols = toColumns(found.Columns);
      if (cols.length !== names.length) return undefined;
      return { ...found, Columns: cols.map((c, i) => ({ name: names[i] ?? c.name, type: c.type })) };
    }
    return found;
  } catch (e) {
    // Out of memory is not a malformed sample (a gzip under a budget below about 300 MiB): read as
    // text, every column would be VARCHAR and the user told so instead of what to raise.
    if (/Out of Memory Error/i.test(errorMessage(e))) throw e;
    // The sniffer gives up when its sample holds a bad quote; the header still names the columns,
    // read as text (rules cast them; the bad record is rejected with its line below).
    return undefined;
  }
}

/** Header names the sniffer would give unchanged (it trims spaces), each typed, none a date or time. */
function typedByCaller(names: readonly string[], types: Record<string, string>): boolean {
  return (
    names.length > 0 &&
    new Set(names).size === names.length &&
    names.every((n) => n === n.trim() && types[n] !== undefined && !/^(DATE|TIME)/i.test(types[n] ?? ""))
  );
}

export function toColumns(v: unknown): TableColumn[] {
  const list = Array.isArray(v) ? v : ((v as { items?: unknown[] } | null)?.items ?? []);
  return list.map((x) => {
    const o = x as Record<string, unknown> & { entries?: Record<string, unknown> };
    const e = o.entries ?? o;
    return { name: String(e.name), type: String(e.type) };
  });
}

async function openParquet(conn: DuckDBConnection, file: string, o: Resolved): Promise<OpenedTable> {
  const table = sqlIdent(o.name);
  const isDir = !/[*?[]/.test(file) && statSync(file).isDirectory();
  const source = isDir ? path.join(file, "**", "*.parquet") : file;
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_parquet(${sqlString(source)}, union_by_name=true)${limitSql(o)}`,
    );
  } catch (e) {
    const msg = firstLine(e, file, o.display);
    if (/No files found/i.test(msg)) throw new ConfigurationError(`${o.display}: no Parquet files found`);
    throw new ConfigurationError(`${o.display}: cannot be read as Parquet (${msg})`);
  }
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format: "parquet",
    columns: await describeTable(conn, table),
    rowCount: await countRows(conn, table),
    rejects: [],
    rejected: noRejects(),
    lineOf: () => Promise.resolve(undefined),
  };
}

async function openJsonLines(conn: DuckDBConnection, file: string, o: Resolved): Promise<OpenedTable> {
  const table = sqlIdent(o.name);
  // Node finds the malformed lines (DuckDB's JSON reader has no rejects table); DuckDB skips the same ones.
  const limit = recordLimit();
  const s = await scanJsonLines(
    file,
    limit,
    o.onJsonRecord,
    o.maxRows === undefined ? undefined : Math.floor(o.maxRows) + 1,
    KEPT_REJECTS,
  );
  if (s.valid.count === 0 && s.rejected === 0) throw new ConfigurationError(`${o.display}: file is empty`);
  if (s.valid.count === 0) {
    throw new ConfigurationError(
      `${o.display}: no line is a JSON object (line ${s.rejects[0]?.line ?? 1}: ${s.rejects[0]?.message ?? "invalid"})`,
    );
  }
  // DuckDB stops at a line that is valid JSON but not an object, even with ignore_errors, and
  // refuses a BOM: then it reads a copy holding only the valid lines, without the BOM (the line map
  // stays in `s.valid`).
  let source = file;
  let tmp: string | undefined;
  if (s.rejected || s.bom) {
    tmp = duckdbScratch(conn);
    source = path.join(tmp, "valid.jsonl");
    await writeValidLines(file, s.valid, source, limit);
  }
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_json(${sqlString(source)}, format='newline_delimited', records=true, sample_size=-1, maximum_object_size=${Math.max(limit + 1024, 16 << 20)})${limitSql(o)}`,
    );
  } catch (e) {
    throw new ConfigurationError(`${o.display}: cannot be read as JSON Lines (${firstLine(e, file, o.display)})`);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  const rowCount = await countRows(conn, table);
  if (rowCount !== s.valid.count) {
    throw new Error(`${o.display}: DuckDB read ${rowCount} JSON records but ${s.valid.count} lines are valid objects`);
  }
  return {
    table,
    name: o.name,
    file,
    display: o.display,
    format: "jsonl",
    columns: await describeTable(conn, table),
    rowCount,
    rejects: s.rejects.map((r) => ({ line: r.line, kind: "malformed", message: r.message, raw: r.raw })),
    rejected: { total: s.rejected, malformed: s.rejected, byColumn: new Map() },
    lineOf: (want) => Promise.resolve(new Map(want.map((i) => [i, s.valid.lineOf(i)]))),
  };
}

/** Loads a data file into a DuckDB table; see the top of this file. */
export async function openTable(conn: DuckDBConnection, file: string, options: OpenTableOptions): Promise<OpenedTable> {
  const o: Resolved = { ...options, display: options.display ?? file, types: options.types ?? {} };
  const format = formatOf(file, o.display);
  checkReadable(file, o.display, format);
  if (format === "parquet") {
    const t = await openParquet(conn, file, o);
    // As a CSV header without rows: every check would pass on nothing.
    if (t.rowCount === 0) throw new ConfigurationError(`${o.display}: has columns but no rows`);
    return t;
  }
  if (format === "jsonl") return openJsonLines(conn, file, o);
  const t = await openCsv(conn, file, o, format);
  if (t.rowCount === 0 && t.rejected.total === 0) throw new ConfigurationError(`${o.display}: has a header but no data rows`);
  return t;
}
