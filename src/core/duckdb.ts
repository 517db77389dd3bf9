import type { DuckDBConnection, DuckDBInstance, DuckDBVector } from "@duckdb/node-api";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError, errorMessage } from "./errors.js";
import { parseBytes } from "./units.js";

// The bundle (scripts/build.mjs) carries @duckdb/node-api's JavaScript and leaves only the native
// @duckdb/node-bindings outside: loading the package's separate CommonJS files cost 48–56 ms of
// every run's start-up, the bundled copy ≈19 ms. It loads on the first openDuckDB(): a model gate
// whose helper thread reads the data never loads it on the main thread.

/** The private folder of each open DuckDB: its spill files, and files written for it to read. */
const scratchOf = new WeakMap<DuckDBConnection, string>();

/**
 * A folder a gate may write files into for this DuckDB to read (samples, cleaned copies): inside
 * the instance's private temporary folder, which DuckDB may always touch. Removed with the instance.
 */
export function duckdbScratch(conn: DuckDBConnection): string {
  return mkdtempSync(path.join(scratchOf.get(conn) ?? os.tmpdir(), "input-"));
}

/**
 * One in-process DuckDB per gate run, on all cores, spilling to a private temporary folder so files
 * larger than memory still work.
 *
 * `reads` lists the real paths (files, folders) of the inputs this DuckDB is given (from
 * resolveInputPath): before the connection is returned, external access is switched off except for
 * them and the configuration is locked, so no query — whatever text reached it — can read another
 * file, write one, attach a database, load an extension or change a setting. DuckDB resolves
 * symbolic links before it compares paths. `settings` are applied before the lock.
 * "unrestricted" is for tests and benchmarks only.
 */
export async function openDuckDB(options: {
  threads?: number;
  memoryLimit?: string;
  reads: readonly string[] | "unrestricted";
  settings?: Record<string, string>;
  /**
   * The private temporary folder to use, owned (and removed) by the caller: a worker thread's
   * DuckDB, whose thread is terminated rather than closed. Default: one made and removed here.
   */
  scratch?: string;
}): Promise<{
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close: () => void;
}> {
  const api = await import("@duckdb/node-api");
  // Bundled, the CommonJS package comes back as the default export of the dynamic import.
  const Instance = api.DuckDBInstance ?? (api as unknown as { default: typeof api }).default.DuckDBInstance;
  // DuckDB may always touch its temporary folder: a private one keeps the rest of /tmp out of reach.
  const scratch = options.scratch ?? mkdtempSync(path.join(os.tmpdir(), "mlgate-duckdb-"));
  const instance = await Instance.create(":memory:", {
    threads: String(options.threads ?? Math.max(1, os.availableParallelism())),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    temp_directory: scratch,
    // No extension is downloaded or loaded behind the gate's back; the built-in ones (CSV, Parquet, JSON) suffice.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  const close = (): void => {
    connection.closeSync();
    instance.closeSync();
    if (!options.scratch) rmSync(scratch, { recursive: true, force: true });
  };
  try {
    for (const [k, v] of Object.entries(options.settings ?? {})) await connection.run(`SET ${k} = ${sqlString(v)}`);
    if (options.reads !== "unrestricted") await lockDown(connection, options.reads);
  } catch (e) {
    close();
    throw e;
  }
  scratchOf.set(connection, scratch);
  return { instance, connection, close };
}

/** Only `reads` (files and folders, real paths) stay reachable; nothing can be changed back. */
async function lockDown(conn: DuckDBConnection, reads: readonly string[]): Promise<void> {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const r of reads) {
    let dir = false;
    try {
      dir = statSync(r).isDirectory();
    } catch {
      // A glob: its folder part (resolveInputPath made it real) is the folder DuckDB may read.
      const firstWild = r.split(path.sep).findIndex((s) => /[*?[]/.test(s));
      if (firstWild > 0) {
        dirs.push(r.split(path.sep).slice(0, firstWild).join(path.sep) || path.sep);
        continue;
      }
    }
    (dir ? dirs : files).push(r);
  }
  const list = (xs: string[]): string => `[${xs.map(sqlString).join(", ")}]`;
  await conn.run(`SET allowed_paths = ${list(files)}`);
  await conn.run(`SET allowed_directories = ${list(dirs.map((d) => (d.endsWith(path.sep) ? d : d + path.sep)))}`);
  await conn.run("SET enable_external_access = false");
  await conn.run("SET lock_configuration = true");
}

const MiB = 1024 * 1024;
/** The least DuckDB is given: below it a wide file's aggregates do not fit even when spilling. */
export const MIN_MEMORY = 256 * MiB;

/**
 * DuckDB's memory budget in bytes: `--memory-limit` (as given by `flag`), else `MLGATE_MEMORY_LIMIT`,
 * else a quarter of the memory available to this process (cgroup limits included), at least 256 MiB.
 * Past it DuckDB spills to its private temporary folder; what cannot spill ends in outOfMemory's sentence.
 */
export function duckdbMemoryLimit(flag: { value: string; name: string } | undefined, env: NodeJS.ProcessEnv): number {
  const given = flag ?? (env.MLGATE_MEMORY_LIMIT ? { value: env.MLGATE_MEMORY_LIMIT, name: "MLGATE_MEMORY_LIMIT" } : undefined);
  if (given) {
    const n = parseBytes(given.value, given.name);
    if (n < MIN_MEMORY) throw new ConfigurationError(`${given.name} "${given.value}" is below the least DuckDB needs, 256mb`);
    return n;
  }
  const available = typeof process.availableMemory === "function" ? process.availableMemory() : os.freemem();
  return Math.max(MIN_MEMORY, Math.floor(available / 4));
}

/** The `--memory-limit` flag of the commands that open DuckDB (data, data infer, model). */
export const MEMORY_LIMIT_OPTION = {
  type: "string",
  valueName: "SIZE",
  description:
    "DuckDB's memory budget, e.g. 2gb (default: MLGATE_MEMORY_LIMIT, else a quarter of available memory, at least 256mb); past it, tables spill to a temporary folder.",
} as const;

/** Bytes as DuckDB's memory_limit setting takes them: `2048MiB`. */
export function memorySetting(bytes: number): string {
  return `${Math.floor(bytes / MiB)}MiB`;
}

/**
 * A DuckDB out-of-memory error as the one sentence a user can act on (exit 2), or undefined for
 * any other error. `what` names the work: "reading data.csv", "the data gate".
 */
export function outOfMemory(e: unknown, limit: number, what: string): ConfigurationError | undefined {
  if (!/Out of Memory Error/i.test(errorMessage(e))) return undefined;
  return new ConfigurationError(
    `DuckDB ran out of memory (limit ${(limit / 1024 / MiB).toFixed(1)} GiB) in ${what}; raise it with --memory-limit or MLGATE_MEMORY_LIMIT, or give fewer columns`,
  );
}

/**
 * DuckDB's CSV reader failing on a file even with ignore_errors (its "state machine reached an
 * invalid state", which a file mixing `\n` and `\r\n` line ends reaches) as one sentence naming the
 * file (exit 2), or undefined for any other error. `files`: absolute path -> name to show.
 */
export function csvUnreadable(e: unknown, files: ReadonlyMap<string, string>): ConfigurationError | undefined {
  const text = errorMessage(e);
  if (!/^Invalid Input Error: .*CSV/.test(text)) return undefined;
  const file = /^\s*file = (.+)$/m.exec(text)?.[1]?.trim();
  const shown = file !== undefined ? (files.get(file) ?? path.basename(file)) : "the data";
  const why = (text.split("\n")[0] ?? "").replace(/^Invalid Input Error: /, "").replace(/\.$/, "");
  return new ConfigurationError(
    `${shown}: DuckDB cannot read it as CSV (${why}); a file that mixes line ends (\\n and \\r\\n) is the usual cause: give every line the same end`,
  );
}

/** A SQL string literal: the only way user text (paths, column names as data) enters SQL. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * A number from a user's file (a contract's min, an allowed value) as SQL: `Infinity` and `NaN`
 * written bare would be column names.
 */
export function sqlNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : `${sqlString(String(n))}::DOUBLE`;
}

/** A quoted SQL identifier for a column name from a user's file. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A DuckDB vector's values without boxing each one: its typed array when it has one. */
export function vectorValues(v: DuckDBVector, n: number): ArrayLike<number | bigint | string | null> {
  const items = (v as unknown as { items?: unknown }).items;
  if (ArrayBuffer.isView(items) && (items as unknown as ArrayLike<unknown>).length >= n)
    return items as unknown as ArrayLike<number | bigint>;
  const out: (number | bigint | string | null)[] = [];
  for (let r = 0; r < n; r++) {
    const x = v.getItem(r);
    out.push(x === null || typeof x === "number" || typeof x === "bigint" || typeof x === "string" ? x : x.toString());
  }
  return out;
}

/**
 * The first column of `sql`'s rows as numbers, read chunk by chunk into one typed array: millions of
 * values (a rejected record's number each) without a JavaScript object per row.
 */
export async function numberColumn(conn: DuckDBConnection, sql: string): Promise<Float64Array> {
  const result = await conn.stream(`SELECT CAST(v AS DOUBLE) FROM (${sql}) AS q(v)`);
  let out = new Float64Array(1024);
  let n = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const values = vectorValues(chunk.getColumnVector(0), chunk.rowCount);
    if (n + chunk.rowCount > out.length) {
      const grown = new Float64Array(Math.max(out.length * 2, n + chunk.rowCount));
      grown.set(out.subarray(0, n));
      out = grown;
    }
    for (let i = 0; i < chunk.rowCount; i++) out[n++] = Number(values[i]);
  }
  return out.subarray(0, n);
}
