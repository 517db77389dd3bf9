#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  allMetrics,
  aucClasses,
  prepareMetrics
} from "./chunks/chunk-QVZ6BCEB.js";
import "./chunks/chunk-3PEGX5SE.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/gates/model/metrics-worker.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort } from "node:worker_threads";
function buffersOf(w) {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l),
    ...w.components.map(([, v]) => v),
    ...w.predicted ? [w.predicted] : []
  ];
  return [...new Set(views.map((v) => v.buffer))];
}
function sha256Of(file) {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, "r");
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
var port = parentPort;
if (port)
  port.on("message", (job) => {
    let reply;
    try {
      if (job.kind === "hash") {
        port.postMessage({ id: job.id, sha256: sha256Of(job.file) });
        return;
      }
      const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
      allMetrics(ev);
      if (job.components) for (const k of aucClasses(job.task, job.classes)) ev.components(k);
      const work = ev.cached();
      port.postMessage({ id: job.id, work }, buffersOf(work));
      return;
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
