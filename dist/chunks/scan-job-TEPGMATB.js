#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  copyNumbers
} from "./chunk-24O54POV.js";
import {
  sniffCsvSource
} from "./chunk-CGQQXU4C.js";
import "./chunk-L3ZXLXRE.js";
import {
  RingWriter,
  labelOk
} from "./chunk-HDVJN2TH.js";
import {
  duckdbMemoryLimit,
  memorySetting,
  openDuckDB,
  vectorValues
} from "./chunk-3ILC2NNE.js";
import "./chunk-3PEGX5SE.js";
import "./chunk-EFS5GV5K.js";

// src/gates/model/scan-job.ts
import { workerData } from "node:worker_threads";
var db;
function helperDuckDB(file) {
  if (db === void 0 && file === void 0) return Promise.reject(new Error("the helper's DuckDB has no data file"));
  const data = workerData;
  const scratch = data?.scratch;
  db ??= openDuckDB({
    reads: [file ?? ""],
    memoryLimit: memorySetting(data?.memoryLimit ?? duckdbMemoryLimit(void 0, process.env)),
    settings: { streaming_buffer_size: "32MB" },
    ...scratch ? { scratch } : {}
  }).then((d) => d.connection);
  return db;
}
var sniffs = /* @__PURE__ */ new Map();
function helperSource(file, display) {
  let p = sniffs.get(file);
  if (p === void 0) {
    p = helperDuckDB(file).then((conn) => sniffCsvSource(conn, file, { name: "mlgate_stream", display })).catch(() => void 0);
    sniffs.set(file, p);
  }
  return p;
}
async function runScan(job) {
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
    for (let r0 = 0; r0 < n && !w.aborted; ) {
      const take = Math.min(n - r0, B - filled);
      for (let j = 0; j < F; j++) nan += copyNumbers(slot.values, filled * F + j, F, cols[j], r0, take);
      const labels = cols[F];
      slot.labels.set(labels.subarray(r0, r0 + take), filled);
      for (let k = r0; k < r0 + take; k++) if (!labelOk(ring.task, labels[k])) bad++;
      for (let g = 0; g < ring.groups; g++)
        slot.codes[g].set(cols[F + 1 + g].subarray(r0, r0 + take), filled);
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
export {
  helperDuckDB,
  helperSource,
  runScan
};
