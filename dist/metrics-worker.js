#!/usr/bin/env node
import { createRequire as __mlgateCreateRequire } from "node:module";
const require = __mlgateCreateRequire(import.meta.url);
import {
  allMetrics,
  prepareMetrics
} from "./chunks/chunk-NAKKTXNL.js";
import "./chunks/chunk-3PEGX5SE.js";
import "./chunks/chunk-EFS5GV5K.js";

// src/gates/model/metrics-worker.ts
import { parentPort } from "node:worker_threads";
function buffersOf(w) {
  const views = [
    ...w.rankings.flatMap(([, r]) => [r.order, r.sorted, r.sortedPositive, r.positive]),
    ...w.losses.map(([, l]) => l)
  ];
  return [...new Set(views.map((v) => v.buffer))];
}
var port = parentPort;
if (port)
  port.on("message", (job) => {
    let reply;
    try {
      const ev = prepareMetrics(job.task, job.yTrue, { scores: job.scores, classes: job.classes });
      allMetrics(ev);
      const work = ev.cached();
      port.postMessage({ work }, buffersOf(work));
      return;
    } catch (e) {
      reply = { error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
