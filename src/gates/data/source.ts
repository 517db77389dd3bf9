/**
 * A data file as the data gate reads it: the rows, for the gate's one aggregate pass, and a small
 * sample table for what must be decided before that pass (drift's bin edges, which columns drift
 * is measured on, which columns are counted by value).
 *
 * A plain CSV/TSV file is not loaded into a table: its rows are a `read_csv(…)` scan numbered in
 * file order (`rowid`, as a table's), and loading a table costs about 1.5 scans. Its sample is the
 * whole file when it is small, and otherwise SAMPLE_BLOCKS blocks read at evenly spaced offsets (a
 * few MB, whatever the file's size). Everything else (Parquet, JSON Lines, gzip, a CSV the sniffer
 * gives up on) is loaded with openTable, and the table is its own sample.
 */
import { closeSync, openSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ConfigurationError } from "../../core/errors.js";
import { duckdbScratch, sqlIdent, sqlString } from "../../core/duckdb.js";
import {
  openTable,
  readCsvRejects,
  type OpenedTable,
  type OpenTableOptions,
  type TableColumn,
  type TableFormat,
} from "../../core/table.js";
import { locateCsvRecords } from "../../core/table/lines.js";
import { csvSource } from "../../core/table/stream.js";
import type { RowSource } from "./aggregate.js";

const SAMPLE_BLOCKS = 64;
const SAMPLE_BLOCK_BYTES = 64 << 10;
/** A file no larger than its blocks would be (4 MiB) is its own sample. */
export const SAMPLE_WHOLE_BYTES = SAMPLE_BLOCKS * SAMPLE_BLOCK_BYTES;

export interface DataSource {
  display: string;
  format: TableFormat;
  columns: TableColumn[];
  /** The rows, for aggregates; no `rowid` when streamed. */
  rows: RowSource;
  /** The name (unquoted) of a table of sampled rows. */
  sample: string;
  /** The share of the file's bytes the sample holds (1: the sample is the whole file). */
  sampleFraction: number;
  /**
   * For a file scanned rather than loaded: the scan (after FROM) that skips the malformed records
   * the counting pass rejected, without row numbers; its rows stream in file order.
   */
  scan?: string;
  /** The file as an opened table, once a pass over `rows` has counted `rowCount` rows. */
  finish(rowCount: number): Promise<OpenedTable>;
}

/** Opens a data file for the gate; see the top of this file. */
export async function openSource(conn: DuckDBConnection, file: string, options: OpenTableOptions): Promise<DataSource> {
  const display = options.display ?? file;
  // A gzip file cannot be sampled by offset; csvSource turns down what is not a plain CSV/TSV file.
  if (!/\.gz$/i.test(file)) {
    const s = await scannedSource(conn, file, { ...options, display });
    if (s) return s;
  }
  const t = await openTable(conn, file, options);
  return {
    display: t.display,
    format: t.format,
    columns: t.columns,
    rows: { from: t.table },
    sample: t.name,
    sampleFraction: 1,
    finish: () => Promise.resolve(t),
  };
}

async function scannedSource(
  conn: DuckDBConnection,
  file: string,
  options: OpenTableOptions & { display: string },
): Promise<DataSource | undefined> {
  const { name, display } = options;
  const src = await csvSource(conn, file, { name, display, ...(options.types ? { types: options.types } : {}) });
  // The row number takes the name a table's row id has; a file with its own `rowid` column keeps the table path.
  if (!src || src.columns.some((c) => c.name.toLowerCase() === "rowid")) return undefined;
  const { args, columns, format } = src;
  const numbered = (extra: string[]): string =>
    `(SELECT row_number() OVER () - 1 AS rowid, * FROM read_csv(${[...args, ...extra].join(", ")}))`;
  const sample = `${name}__sample`;
  let sampleFraction: number;
  try {
    sampleFraction = await loadSample(conn, file, args, sample);
  } catch {
    // What DuckDB cannot read even skipping bad records, openTable reports with its reason.
    return undefined;
  }
  return {
    display,
    format,
    columns,
    // The counting pass needs no row numbers: a plain scan, which DuckDB parses on every core.
    rows: { from: src.from },
    sample,
    sampleFraction,
    scan: `read_csv(${[...args, "ignore_errors=true"].join(", ")})`,
    finish: async (rowCount) => {
      const { rejects, rejected, ordinals } = await readCsvRejects(conn, name, file);
      if (rowCount === 0 && rejected.total === 0) throw new ConfigurationError(`${display}: has a header but no data rows`);
      return {
        // Examples and duplicates read the file again, numbered (`rowid` = 0-based row index in
        // file order), skipping the same malformed records.
        table: numbered(["ignore_errors=true"]),
        name,
        file,
        display,
        format,
        columns,
        rowCount,
        rejects,
        rejected,
        lineOf: async (want) =>
          (await locateCsvRecords(file, { quote: 0x22, rejected: ordinals, rows: want, oneColumn: columns.length === 1 })).rows,
      };
    },
  };
}

/**
 * The sample table: the whole file when small; otherwise the header and the complete lines of
 * evenly spaced blocks. A block may start inside a multi-line quoted field; such a fragment fails
 * to parse and is skipped (the sample only chooses bins and column kinds, it counts nothing).
 * Returns the share of the file's bytes it holds.
 */
async function loadSample(conn: DuckDBConnection, file: string, args: readonly string[], table: string): Promise<number> {
  const load = async (source: string): Promise<void> => {
    await conn.run(
      `CREATE OR REPLACE TABLE ${sqlIdent(table)} AS SELECT * FROM read_csv(${[sqlString(source), ...args.slice(1), "ignore_errors=true"].join(", ")})`,
    );
  };
  const size = statSync(file).size;
  if (size <= SAMPLE_WHOLE_BYTES) {
    await load(file);
    return 1;
  }
  const tmp = duckdbScratch(conn);
  try {
    const source = path.join(tmp, "sample.csv");
    const blocks = sampleBlocks(file, size);
    writeFileSync(source, blocks);
    await load(source);
    return blocks.length / size;
  } catch {
    // Blocks that do not read as the file's dialect (a header longer than the first read, say):
    // the whole file is the sample — slower, never wrong.
    await load(file);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function sampleBlocks(file: string, size: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    readSync(fd, head, 0, head.length, 0);
    const headerEnd = head.indexOf(0x0a) + 1;
    if (headerEnd === 0) return head;
    const parts: Buffer[] = [head.subarray(0, headerEnd)];
    const block = Buffer.alloc(SAMPLE_BLOCK_BYTES);
    for (let k = 0; k < SAMPLE_BLOCKS; k++) {
      const offset = headerEnd + Math.floor((k * (size - headerEnd)) / SAMPLE_BLOCKS);
      const view = block.subarray(0, readSync(fd, block, 0, block.length, offset));
      // The first block starts at a line; the others drop the partial line they start in.
      const from = k === 0 ? 0 : view.indexOf(0x0a) + 1;
      const to = view.lastIndexOf(0x0a) + 1;
      if (to > from && (k === 0 || from > 0)) parts.push(Buffer.from(view.subarray(from, to)));
    }
    return Buffer.concat(parts);
  } finally {
    closeSync(fd);
  }
}
