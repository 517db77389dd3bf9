/**
 * The helper thread's scan (loaded by metrics-worker.ts on its first scan job): runs the main
 * thread's SELECT over the evaluation file on the helper's own DuckDB and writes every row into the
 * shared ring (scan-ring.ts) — features row-major in the model's dtype, labels, slice codes. The SELECT
 * lists the features first, then the label, then one INTEGER column per grouping, as scoreRows builds it.
 */
import { workerData } from "node:worker_threads";
import type { DuckDBConnection } from "@duckdb/node-api";
import { duckdbMemoryLimit, memorySetting, openDuckDB, vectorValues } from "../../core/duckdb.js";
import { sniffCsvSource, type CsvSourceInfo } from "../../core/table/stream.js";
import { copyNumbers } from "./copy-numbers.js";
import { labelOk, RingWriter, type Ring } from "./scan-ring.js";

export interface ScanJob {
  kind: "scan";
  sql: string;
  ring: Ring;
}

let db: Promise<DuckDBConnection> | undefined;

/**
 * The helper's DuckDB, opened once (early, while the main thread loads its libraries) for the data
 * file the first job names, and locked to it (openDuckDB `reads`): a scan job's SQL reaches no other file.
 */
export function helperDuckDB(file?: string): Promise<DuckDBConnection> {
  if (db === undefined && file === undefined) return Promise.reject(new Error("the helper's DuckDB has no data file"));
  // As the main thread's stream: a deep buffer lets DuckDB's threads run ahead between fetches.
  // Its temporary folder is the main thread's (HelperThread), which removes it: this thread is terminated, never closed.
  const data = workerData as { scratch?: string; memoryLimit?: number } | null;
  const scratch = data?.scratch;
  db ??= openDuckDB({
    reads: [file ?? ""],
    memoryLimit: memorySetting(data?.memoryLimit ?? duckdbMemoryLimit(undefined, process.env)),
    settings: { streaming_buffer_size: "32MB" },
    ...(scratch ? { scratch } : {}),
  }).then((d) => d.connection);
  return db;
}

const sniffs = new Map<string, Promise<CsvSourceInfo | undefined>>();

/**
 * The data file's dialect and columns, sniffed once on the helper's DuckDB (started by the warm job,
 * so it runs while the main thread loads onnxruntime and the models); undefined when the file is not
 * one the streamed scan can take, or the sniff failed (the main thread then tries itself).
 */
export function helperSource(file: string, display: string): Promise<CsvSourceInfo | undefined> {
  let p = sniffs.get(file);
  if (p === undefined) {
    p = helperDuckDB(file)
      .then((conn) => sniffCsvSource(conn, file, { name: "mlgate_stream", display }))
      .catch(() => undefined);
    sniffs.set(file, p);
  }
  return p;
}

/** Scans into the ring; returns the number of rows written (fewer when the reader aborted). */
export async function runScan(job: ScanJob): Promise<number> {
  const conn = await helperDuckDB();
  const ring = job.ring;
  const w = new RingWriter(ring);
  const F = ring.features;
  const B = ring.batch;
  const result = await conn.stream(job.sql);
  let filled = 0;
  let nan = 0;
  let bad = 0;
  let total = 0;
  let slot = w.slot();
  while (!w.aborted) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const cols = Array.from({ length: F + 1 + ring.groups }, (_, j) => vectorValues(chunk.getColumnVector(j), n));
    for (let r0 = 0; r0 < n && !w.aborted;) {
      const take = Math.min(n - r0, B - filled);
      for (let j = 0; j < F; j++) nan += copyNumbers(slot.values, filled * F + j, F, cols[j] as ArrayLike<number>, r0, take);
      const labels = cols[F] as Float64Array;
      slot.labels.set(labels.subarray(r0, r0 + take), filled);
      // Checked here, off the thread that runs the models: it looks at a batch's labels only when one is bad.
      for (let k = r0; k < r0 + take; k++) if (!labelOk(ring.task, labels[k] as number)) bad++;
      for (let g = 0; g < ring.groups; g++)
        (slot.codes[g] as Int32Array).set((cols[F + 1 + g] as Int32Array).subarray(r0, r0 + take), filled);
      filled += take;
      r0 += take;
      total += take;
      if (filled === B) {
        w.publish(filled, nan, bad);
        filled = 0;
        nan = 0;
        bad = 0;
        slot = w.slot();
      }
    }
  }
  if (filled > 0 && !w.aborted) w.publish(filled, nan, bad);
  return total;
}
