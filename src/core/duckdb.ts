import type * as DuckDBApi from "@duckdb/node-api";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { createRequire } from "node:module";
import os from "node:os";

// Loaded as the CommonJS package it is: an ESM import of it first runs Node's CommonJS export
// scanner over the package's files, about 50 ms of every run's start-up.
const { DuckDBInstance: Instance } = createRequire(import.meta.url)("@duckdb/node-api") as typeof DuckDBApi;

/**
 * One in-process DuckDB per gate run, on all cores, spilling to a temporary folder so files larger
 * than memory still work.
 */
export async function openDuckDB(options: { threads?: number; memoryLimit?: string } = {}): Promise<{
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close: () => void;
}> {
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
