#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  ConfigurationError,
  errorMessage
} from "./chunk-3PEGX5SE.js";

// src/core/duckdb.ts
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// src/core/units.ts
var DURATION = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
var MAX_TIMER_MS = 2 ** 31 - 1;
function parseDuration(text, flag) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  const ms = m ? Number(m[1]) * (DURATION[(m[2] ?? "s").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new ConfigurationError(`${flag} "${text}" is not a duration; use a positive number with ms, s, m or h, such as 30s`);
  if (ms > MAX_TIMER_MS)
    throw new ConfigurationError(`${flag} "${text}" is longer than 596h, the longest wait mlgate can time (2^31 - 1 ms)`);
  return Math.round(ms);
}
function parseBytes(text, flag) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) * (BYTES[(m[2] ?? "b").toLowerCase()] ?? NaN) : NaN;
  if (!Number.isFinite(n) || n < 1)
    throw new ConfigurationError(`${flag} "${text}" is not a size; use a positive number with b, kb, mb or gb, such as 10mb`);
  return Math.floor(n);
}

// src/core/duckdb.ts
var scratchOf = /* @__PURE__ */ new WeakMap();
function duckdbScratch(conn) {
  return mkdtempSync(path.join(scratchOf.get(conn) ?? os.tmpdir(), "input-"));
}
async function openDuckDB(options) {
  const api = await import("./lib-W6YPIZMU.js");
  const Instance = api.DuckDBInstance ?? api.default.DuckDBInstance;
  const scratch = options.scratch ?? mkdtempSync(path.join(os.tmpdir(), "mlgate-duckdb-"));
  const instance = await Instance.create(":memory:", {
    threads: String(options.threads ?? Math.max(1, os.availableParallelism())),
    ...options.memoryLimit ? { memory_limit: options.memoryLimit } : {},
    temp_directory: scratch,
    // No extension is downloaded or loaded behind the gate's back; the built-in ones (CSV, Parquet, JSON) suffice.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false"
  });
  const connection = await instance.connect();
  const close = () => {
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
async function lockDown(conn, reads) {
  const files = [];
  const dirs = [];
  for (const r of reads) {
    let dir = false;
    try {
      dir = statSync(r).isDirectory();
    } catch {
      const firstWild = r.split(path.sep).findIndex((s) => /[*?[]/.test(s));
      if (firstWild > 0) {
        dirs.push(r.split(path.sep).slice(0, firstWild).join(path.sep) || path.sep);
        continue;
      }
    }
    (dir ? dirs : files).push(r);
  }
  const list = (xs) => `[${xs.map(sqlString).join(", ")}]`;
  await conn.run(`SET allowed_paths = ${list(files)}`);
  await conn.run(`SET allowed_directories = ${list(dirs.map((d) => d.endsWith(path.sep) ? d : d + path.sep))}`);
  await conn.run("SET enable_external_access = false");
  await conn.run("SET lock_configuration = true");
}
var MiB = 1024 * 1024;
var MIN_MEMORY = 256 * MiB;
function duckdbMemoryLimit(flag, env) {
  const given = flag ?? (env.MLGATE_MEMORY_LIMIT ? { value: env.MLGATE_MEMORY_LIMIT, name: "MLGATE_MEMORY_LIMIT" } : void 0);
  if (given) {
    const n = parseBytes(given.value, given.name);
    if (n < MIN_MEMORY) throw new ConfigurationError(`${given.name} "${given.value}" is below the least DuckDB needs, 256mb`);
    return n;
  }
  const available = typeof process.availableMemory === "function" ? process.availableMemory() : os.freemem();
  return Math.max(MIN_MEMORY, Math.floor(available / 4));
}
var MEMORY_LIMIT_OPTION = {
  type: "string",
  valueName: "SIZE",
  description: "DuckDB's memory budget, e.g. 2gb (default: MLGATE_MEMORY_LIMIT, else a quarter of available memory, at least 256mb); past it, tables spill to a temporary folder."
};
function memorySetting(bytes) {
  return `${Math.floor(bytes / MiB)}MiB`;
}
function outOfMemory(e, limit, what) {
  if (!/Out of Memory Error/i.test(errorMessage(e))) return void 0;
  return new ConfigurationError(
    `DuckDB ran out of memory (limit ${(limit / 1024 / MiB).toFixed(1)} GiB) in ${what}; raise it with --memory-limit or MLGATE_MEMORY_LIMIT, or give fewer columns`
  );
}
function csvUnreadable(e, files) {
  const text = errorMessage(e);
  if (!/^Invalid Input Error: .*CSV/.test(text)) return void 0;
  const file = /^\s*file = (.+)$/m.exec(text)?.[1]?.trim();
  const shown = file !== void 0 ? files.get(file) ?? path.basename(file) : "the data";
  const why = (text.split("\n")[0] ?? "").replace(/^Invalid Input Error: /, "").replace(/\.$/, "");
  return new ConfigurationError(
    `${shown}: DuckDB cannot read it as CSV (${why}); a file that mixes line ends (\\n and \\r\\n) is the usual cause: give every line the same end`
  );
}
function sqlString(s) {
  return `'${s.replace(/'/g, "''")}'`;
}
function sqlNumber(n) {
  return Number.isFinite(n) ? String(n) : `${sqlString(String(n))}::DOUBLE`;
}
function sqlIdent(s) {
  return `"${s.replace(/"/g, '""')}"`;
}
function vectorValues(v, n) {
  const items = v.items;
  if (ArrayBuffer.isView(items) && items.length >= n)
    return items;
  const out = [];
  for (let r = 0; r < n; r++) {
    const x = v.getItem(r);
    out.push(x === null || typeof x === "number" || typeof x === "bigint" || typeof x === "string" ? x : x.toString());
  }
  return out;
}
async function numberColumn(conn, sql) {
  const result = await conn.stream(`SELECT CAST(v AS DOUBLE) FROM (${sql}) AS q(v)`);
  let out = new Float64Array(1024);
  let n = 0;
  for (; ; ) {
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

export {
  parseDuration,
  parseBytes,
  duckdbScratch,
  openDuckDB,
  duckdbMemoryLimit,
  MEMORY_LIMIT_OPTION,
  memorySetting,
  outOfMemory,
  csvUnreadable,
  sqlString,
  sqlNumber,
  sqlIdent,
  vectorValues,
  numberColumn
};
