import type { DuckDBConnection, DuckDBInstance, DuckDBVector } from "@duckdb/node-api";
import os from "node:os";

// The bundle (scripts/build.mjs) carries @duckdb/node-api's JavaScript and leaves only the native
// @duckdb/node-bindings outside: loading the package's separate CommonJS files cost 48–56 ms of
// every run's start-up, the bundled copy ≈19 ms. It loads on the first openDuckDB(): a model gate
// whose helper thread reads the data never loads it on the main thread.

/**
 * One in-process DuckDB per gate run, on all cores, spilling to a temporary folder so files larger
 * than memory still work.
 */
export async function openDuckDB(options: { threads?: number; memoryLimit?: string } = {}): Promise<{
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close: () => void;
}> {
  const api = await import("@duckdb/node-api");
  // Bundled, the CommonJS package comes back as the default export of the dynamic import.
  const Instance = api.DuckDBInstance ?? (api as unknown as { default: typeof api }).default.DuckDBInstance;
  const instance = await Instance.create(":memory:", {
    threads: String(options.threads ?? Math.max(1, os.availableParallelism())),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    temp_directory: os.tmpdir(),
  });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal: the only way user text (paths, column names as data) enters SQL. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
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
